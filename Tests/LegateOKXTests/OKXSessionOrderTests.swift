// Proves the OKX session's order entry and account queries against the stand-in, which checks every REST signature:
// an option order goes out in whole contracts (0.01 BTC = 1 contract) and is acknowledged once although OKX says it
// twice; the recorded orders push brings the fill; an off-contract size is rejected unsent; amend, cancel and
// cancel-all answer as reports; the dead-man switch is armed, refreshed and disarmed; balances, positions and open
// orders come from the recorded answers; HTTP 429 and OKX's 50011 are retried after the stated wait; and every request
// is a request-to-ack latency sample.
import Foundation
import LegateCore
import LegateModel
import LegateTransport
import LegateVenues
import Testing

@testable import LegateOKX

@Suite struct OKXOrderSessionTests {
    static let ourID = OrderID(known: "legate1")
    static let venueID = VenueOrderID(known: "12345678901234567890")

    /// A venue that answers order requests with the recorded place answer (and hand-written amend and cancel answers
    /// in the documented shape), and pushes the recorded option fill on the private socket once the order is placed.
    static func tradingVenue(placeAnswers: [LoopbackHTTPResponse] = []) throws -> OKXStandIn {
        let placed = try OKXSessionFixtures.text(
            "http_place_order_response.json",
            replacing: [("client_order_123", "legate1")]
        )
        let push = try OKXSessionFixtures.text(
            "ws_orders_option.json",
            replacing: [("001BTCUSD-OPT-250328-50000-C", "legate1"), ("2497956918703120500", venueID.rawValue)]
        )
        let pushes = Gathered<String>()
        let item = #"{"clOrdId":"legate1","ordId":"\#(venueID.rawValue)","reqId":"","sCode":"0","sMsg":""}"#
        return OKXStandIn(
            socketScript: { frame, venue in
                // The fill follows the first private frame after the order reached the venue.
                guard frame.socket == .private, frame.text == "ping" || frame.op == "subscribe" else { return nil }
                guard !venue.calls(to: "/api/v5/trade/order").isEmpty, pushes.count == 0 else { return nil }
                pushes.append(push)
                return venue.answer(frame) + [.send(push)]
            },
            restScript: { call, venue in
                switch call.path {
                case "/api/v5/trade/order":
                    let count = venue.calls(to: call.path).count
                    return count <= placeAnswers.count ? placeAnswers[count - 1] : OKXStandIn.envelope(placed)
                case "/api/v5/trade/amend-order", "/api/v5/trade/cancel-order": return OKXStandIn.envelope(item)
                default: return nil
                }
            }
        )
    }

    static func configure(
        pingIntervalNanos: Int64 = 60_000_000_000
    ) throws
        -> @Sendable (LoopbackServer) ->
        OKXSessionConfiguration
    {
        let specs = try [OKXSessionFixtures.optionSpec()] + OKXContractsFixture.swaps()
        return {
            OKXSessionRig.configuration(
                $0,
                specs: specs,
                pingIntervalNanos: pingIntervalNanos,
                pongTimeoutNanos: 200_000_000
            )
        }
    }

    @Test func anOptionOrderGoesInWholeContractsAndIsReportedOnce() async throws {
        let standIn = try Self.tradingVenue()
        // Pings every 20 ms give the venue a frame to answer with the fill.
        try await OKXSessionRig.run(standIn, configure: try Self.configure(pingIntervalNanos: 20_000_000)) {
            session,
            record in
            // When Legate buys 0.01 BTC of the option at 0.0325 BTC
            let option = try OKXTranslator.instrument(named: OKXSessionFixtures.option)
            try await session.place(orderID: Self.ourID, request: OKXSessionFixtures.order("0.01", instrument: option))
            try await waitUntil("the acknowledgement and the fill") { record.reports.count == 2 }

            // Then one contract went out, signed, with our id as clOrdId
            let sent = try #require(standIn.calls(to: "/api/v5/trade/order").first)
            #expect(sent.isSignatureValid)
            #expect(
                sent.body == #"{"instId":"BTC-USD-250328-50000-C","tdMode":"cross","clOrdId":"legate1","side":"buy","#
                    + #""ordType":"limit","sz":"1","px":"0.0325"}"#
            )
            // And the answer and the push said "live"/"filled" twice, but Legate heard it once, then the fill:
            // 1 contract = 0.01 BTC at 0.0325, fee 0.0003 BTC charged, maker
            let reports = record.reports.all
            #expect(reports.first == .acknowledged(orderID: Self.ourID, venueOrderID: Self.venueID))
            guard case .fill(let fill) = reports.last else {
                Issue.record("expected a fill, got \(reports)")
                return
            }
            #expect(fill.quantity == qty("0.01") && fill.price == price("0.0325"))
            #expect(fill.fee == Money(dec("0.0003"), .btc) && fill.liquidity == .maker)
            #expect(await session.healthSummary().samples >= 1)
        }
    }

    @Test func aSizeThatIsNotWholeContractsIsRejectedUnsent() async throws {
        let standIn = try Self.tradingVenue()
        try await OKXSessionRig.run(standIn, configure: try Self.configure()) { session, record in
            // When Legate asks for 0.015 BTC, one and a half contracts of 0.01 BTC
            let option = try OKXTranslator.instrument(named: OKXSessionFixtures.option)
            try await session.place(orderID: Self.ourID, request: OKXSessionFixtures.order("0.015", instrument: option))
            // Then the order is rejected with size and contract named, and nothing reached OKX
            try await waitUntil("the rejection") { record.reports.count == 1 }
            guard case .rejected(Self.ourID, let reason) = record.reports.all.first else {
                Issue.record("expected a rejection, got \(record.reports.all)")
                return
            }
            #expect(reason.contains("0.015") && reason.contains("lot 0.01") && reason.contains("contract is 0.01 BTC"))
            #expect(standIn.calls(to: "/api/v5/trade/order").isEmpty)
        }
    }

    @Test func amendCancelAndCancelAllAnswerAsReports() async throws {
        let cancelled = #"{"clOrdId":"client-order-1","ordId":"1234567890123456789","sCode":"0","sMsg":""}"#
        let base = try Self.tradingVenue()
        let standIn = OKXStandIn(
            socketScript: { _, _ in nil },
            restScript: { call, venue in
                if call.path == "/api/v5/trade/cancel-batch-orders" { return OKXStandIn.envelope(cancelled) }
                return Self.forward(call, to: base, venue: venue)
            }
        )
        try await OKXSessionRig.run(standIn, configure: try Self.configure()) { session, record in
            let option = try OKXTranslator.instrument(named: OKXSessionFixtures.option)
            try await session.place(orderID: Self.ourID, request: OKXSessionFixtures.order("0.01", instrument: option))
            // When Legate amends to 0.02 BTC at 0.033, cancels, then cancels everything open
            try await session.amend(
                orderID: Self.ourID,
                venueOrderID: nil,
                quantity: qty("0.02"),
                kind: .limit(LimitPrice(dec("0.033")))
            )
            try await session.cancel(orderID: Self.ourID, venueOrderID: nil)
            try await session.cancelAll(.all)
            try await waitUntil("four reports") { record.reports.count == 4 }
            // Then the amend named the venue's id (learnt from the acknowledgement) and two contracts
            #expect(
                standIn.calls(to: "/api/v5/trade/amend-order").first?.body
                    == #"{"instId":"BTC-USD-250328-50000-C","ordId":"12345678901234567890","newSz":"2","newPx":"0.033"}"#
            )
            // And cancel-all read the recorded open order and cancelled it by its ids
            #expect(
                standIn.calls(to: "/api/v5/trade/cancel-batch-orders").first?.body
                    == #"[{"instId":"BTC-USDT-SWAP","ordId":"1234567890123456789"}]"#
            )
            #expect(
                record.reports.all == [
                    .acknowledged(orderID: Self.ourID, venueOrderID: Self.venueID),
                    .amended(orderID: Self.ourID),
                    .cancelled(orderID: Self.ourID, reason: "cancelled on request"),
                    .cancelled(orderID: OrderID(known: "client-order-1"), reason: "cancelled on request"),
                ]
            )
            #expect(standIn.calls.all.allSatisfy { $0.isSignatureValid })
        }
    }

    static func forward(_ call: OKXStandInCall, to base: OKXStandIn, venue: OKXStandIn) -> LoopbackHTTPResponse? {
        switch call.path {
        case "/api/v5/trade/order":
            let placed = #"{"ordId":"12345678901234567890","clOrdId":"legate1","tag":"","sCode":"0","sMsg":""}"#
            return OKXStandIn.envelope(placed)
        case "/api/v5/trade/amend-order", "/api/v5/trade/cancel-order":
            return OKXStandIn.envelope(#"{"clOrdId":"legate1","ordId":"12345678901234567890","sCode":"0","sMsg":""}"#)
        default: return nil
        }
    }

    @Test func theDeadManSwitchIsArmedRefreshedAndDisarmed() async throws {
        let standIn = OKXStandIn()
        let configure: @Sendable (LoopbackServer) -> OKXSessionConfiguration = {
            OKXSessionRig.configuration($0, deadManRefreshNanos: 10_000_000)
        }
        try await OKXSessionRig.run(standIn, configure: configure) { session, record in
            try await waitUntil("the session to be ready") { record.readyCount == 1 }
            // When Legate arms the switch for 10 s
            try await session.armCancelOnDisconnect(timeoutNanos: 10_000_000_000)
            try await waitUntil("two refreshes") { standIn.calls(to: "/api/v5/trade/cancel-all-after").count >= 3 }
            // And disarms it
            try await session.disarmCancelOnDisconnect()
            try await waitUntil("the disarm event") { record.events.all.contains(.deadManSwitch(seconds: 0)) }
            let path = "/api/v5/trade/cancel-all-after"
            let bodies = standIn.calls(to: path).map(\.body)
            // Then it was armed with timeOut 10 and refreshed with the same, and disarmed with 0
            #expect(bodies.dropLast().allSatisfy { $0 == #"{"timeOut":"10"}"# })
            #expect(bodies.last == #"{"timeOut":"0"}"#)
            #expect(record.events.all.contains(.deadManSwitch(seconds: 10)))
            #expect(
                record.events.all.last { if case .deadManSwitch = $0 { true } else { false } }
                    == .deadManSwitch(seconds: 0)
            )
            // A 7-second timeout is not whole OKX seconds in range: refused, not bent.
            await #expect(throws: VenueError.self) {
                try await session.armCancelOnDisconnect(timeoutNanos: 7_500_000_000)
            }
        }
    }

    @Test func balancesPositionsAndOpenOrdersComeFromTheRecordedAnswers() async throws {
        let standIn = OKXStandIn()
        try await OKXSessionRig.run(standIn, configure: try Self.configure()) { session, _ in
            // When Legate asks for the account's state
            let balances = try await session.balances()
            let positions = try await session.positions()
            let open = try await session.openOrders()
            // Then the recorded USDT balance, long 0.5 contracts of 0.01 BTC = 0.005 BTC, and the pending order
            #expect(balances.first?.currency == .usdt)
            #expect(balances.first?.equity == Money(dec("99.89469657000001"), .usdt))
            #expect(positions.first?.quantity == qty("0.005"))
            #expect(positions.first?.averagePrice == price("10000"))
            #expect(open.first?.orderID == OrderID(known: "client-order-1"))
            #expect(open.first?.venueOrderID == VenueOrderID(known: "1234567890123456789"))
            #expect(standIn.calls.all.count == 3 && standIn.calls.all.allSatisfy { $0.isSignatureValid })
            // And each request is a latency sample
            #expect(await session.healthSummary().samples == 3)
        }
    }

    /// The recorded pending order repeated `count` times with ordIds counting down from `firstID` (OKX pages newest
    /// first), as one `orders-pending` answer.
    static func pendingPage(count: Int, firstID: Int) throws -> LoopbackHTTPResponse {
        let recorded = try JSONSerialization.jsonObject(with: Fixtures.data("http_get_orders_pending.json"))
        let order = try #require(((recorded as? [String: Any])?["data"] as? [[String: Any]])?.first)
        let items = (0..<count).map { index in
            order.merging(["ordId": String(firstID - index)]) { _, new in new }
        }
        let body = try JSONSerialization.data(withJSONObject: ["code": "0", "msg": "", "data": items])
        return LoopbackHTTPResponse(body: Array(body))
    }

    @Test func openOrdersFollowTheAfterCursorUntilAShortPage() async throws {
        // A full first page of 100 (ordIds 5000…4901), then 3 older ones after the cursor 4901.
        let first = try Self.pendingPage(count: 100, firstID: 5_000)
        let second = try Self.pendingPage(count: 3, firstID: 4_900)
        let standIn = OKXStandIn(restScript: { call, _ in
            switch call.target {
            case "/api/v5/trade/orders-pending?limit=100": first
            case "/api/v5/trade/orders-pending?limit=100&after=4901": second
            default: nil
            }
        })
        try await OKXSessionRig.run(standIn, configure: try Self.configure()) { session, _ in
            let open = try await session.openOrders()
            // Then both pages, in order, and no third request after the short page
            #expect(open.count == 103)
            #expect(open.first?.venueOrderID == VenueOrderID(known: "5000"))
            #expect(open.last?.venueOrderID == VenueOrderID(known: "4898"))
            let pages = standIn.calls(to: "/api/v5/trade/orders-pending")
            #expect(
                pages.map(\.target) == [
                    "/api/v5/trade/orders-pending?limit=100", "/api/v5/trade/orders-pending?limit=100&after=4901",
                ]
            )
            #expect(pages.allSatisfy { $0.isSignatureValid })
        }
    }

    @Test func instrumentsLoadTheListedSpecs() async throws {
        let standIn = OKXStandIn()
        try await OKXSessionRig.run(standIn) { session, _ in
            let specs = try await session.instruments()
            // The recorded option listing (ctMult 0.01: one contract is 0.01 BTC) and the recorded swaps
            let option = try #require(specs.first { $0.symbol == "BTC-USD-241217-92000-C" })
            #expect(option.contractMultiplier == dec("0.01"))
            #expect(specs.contains { $0.symbol == "BTC-USDT-SWAP" })
            #expect(standIn.calls.all.map(\.isSignatureValid).allSatisfy { !$0 })
        }
    }

    @Test func http429IsRetriedAfterItsRetryAfter() async throws {
        // Given a venue that refuses the first balance request with HTTP 429 and Retry-After: 1
        let standIn = OKXStandIn(restScript: { call, venue in
            guard venue.calls(to: call.path).count == 1 else { return nil }
            return LoopbackHTTPResponse(status: 429, headers: [(name: "Retry-After", value: "1")], text: "")
        })
        let clock = WarpClock()
        let configure: @Sendable (LoopbackServer) -> OKXSessionConfiguration = {
            OKXSessionRig.configuration($0, clock: clock)
        }
        try await OKXSessionRig.run(standIn, configure: configure) { session, record in
            // When Legate asks for balances
            let balances = try await session.balances()
            // Then the request went twice, one second apart on the session's clock, and succeeded
            let calls = standIn.calls(to: "/api/v5/account/balance")
            #expect(calls.count == 2 && balances.count == 1)
            #expect(
                record.events.all.contains {
                    if case .rateLimited("/api/v5/account/balance", _) = $0 { true } else { false }
                }
            )
            #expect(clock.sleeps.contains { (900_000_000...1_000_000_000).contains($0) })
        }
    }

    @Test func okxTooManyRequestsIsRetriedAfterItsWindow() async throws {
        // Given a venue that refuses the first order with OKX's 50011 (hand-written, the documented error)
        let refusal = LoopbackHTTPResponse(text: #"{"code":"50011","msg":"Too Many Requests","data":[]}"#)
        let standIn = try Self.tradingVenue(placeAnswers: [refusal])
        let clock = WarpClock()
        let specs = try [OKXSessionFixtures.optionSpec()]
        let configure: @Sendable (LoopbackServer) -> OKXSessionConfiguration = {
            OKXSessionRig.configuration($0, specs: specs, clock: clock)
        }
        try await OKXSessionRig.run(standIn, configure: configure) { session, record in
            // When Legate places the order
            let option = try OKXTranslator.instrument(named: OKXSessionFixtures.option)
            try await session.place(orderID: Self.ourID, request: OKXSessionFixtures.order("0.01", instrument: option))
            // Then it went again after OKX's 2-second window and was acknowledged
            try await waitUntil("the acknowledgement") { record.reports.count == 1 }
            let calls = standIn.calls(to: "/api/v5/trade/order")
            #expect(calls.count == 2 && calls[0].body == calls[1].body)
            #expect(clock.sleeps.contains { (1_900_000_000...2_000_000_000).contains($0) })
            #expect(record.reports.all.first == .acknowledged(orderID: Self.ourID, venueOrderID: Self.venueID))
            let summary = await session.healthSummary()
            #expect(summary.requests == 2 && summary.errors == 1)
        }
    }
}

/// Swap specs of the recorded listing, for the fixtures that trade BTC-USDT-SWAP.
enum OKXContractsFixture {
    static func swaps() throws -> [InstrumentSpec] {
        try OKXFixture.instrumentsSwap.items(OKXInstrumentWire.self).map { try OKXTranslator.spec($0) }
    }
}
