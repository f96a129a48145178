// Proves the Bybit session's order path against the stand-in: place, amend and cancel go out as signed REST v5 with
// the bodies the builders write (the stand-in checks every X-BAPI-SIGN), amend and cancel find Bybit's order id from
// the acknowledgement, each fact reaches `reports` once although the `order` and `execution` topics repeat it, a
// venue refusal becomes a `rejected` report with Bybit's code and message, a size that is not a whole number of lots
// is rejected without a request, 10006 and HTTP 429 are retried after the wait the venue states, cancel-all covers
// every category of its scope, disconnect protection is armed and disarmed, and balances, positions and open orders
// read the recorded answers.
import Foundation
import LegateBybit
import LegateCore
import LegateModel
import LegateSymbology
import LegateTransport
import LegateVenues
import Testing

@Suite struct BybitOrderSessionTests {
    static let orderID = OrderID(known: "O-000000000042")

    static func request(
        quantity: Quantity,
        price: String = "27450.50",
        side: OrderSide = .buy
    ) throws -> OrderRequest {
        OrderRequest(
            clientOrderID: try ClientOrderID("c-1"),
            account: try AccountID("bybit-main"),
            venue: .bybit,
            instrument: try BybitSessionHarness.linear("BTCUSDT"),
            side: side,
            quantity: quantity,
            kind: .limit(LimitPrice(d(price)))
        )
    }

    /// A recorded `order` push (ws_account_order.json, a cancelled BTCUSDT order) made about our order: our id, the
    /// stand-in's order id, and the given status.
    static func orderPush(status: String) throws -> String {
        try Fixtures.text("ws_account_order.json")
            .replacingOccurrences(of: #""client-1""#, with: #""\#(orderID)""#)
            .replacingOccurrences(of: #""abcdef123456""#, with: #""\#(BybitStandIn.venueOrderID)""#)
            .replacingOccurrences(of: #""Cancelled""#, with: #""\#(status)""#)
    }

    /// The recorded `execution` push (a 0.5 BTCUSDT fill) of our order.
    static func executionPush() throws -> String {
        try Fixtures.text("ws_account_execution.json")
            .replacingOccurrences(of: "test-order-link-001", with: orderID.rawValue)
    }

    @Test func placeAmendAndCancelAreSignedAndReportedOnceEach() async throws {
        // Given a venue that acknowledges each request and repeats each state on the `order` topic, and reports the
        // fill twice (as a reconnect replay would)
        let opened = try Self.orderPush(status: "New")
        let cancelled = try Self.orderPush(status: "Cancelled")
        let execution = try Self.executionPush()
        let standIn = BybitStandIn(rest: { request, venue in
            switch request.path {
            case "/v5/order/create":
                for push in [opened, execution, execution] { await venue.push(push) }
            case "/v5/order/cancel":
                await venue.push(cancelled)
            default: break
            }
            return nil
        })
        try await BybitSessionHarness.run(standIn) { session, capture in
            // When Legate places, amends and cancels by its own id only
            try await session.place(orderID: Self.orderID, request: try Self.request(quantity: q("0.015")))
            try await waitUntil("the acknowledgement and the fill") { capture.reports.count == 2 }
            try await session.amend(
                orderID: Self.orderID,
                venueOrderID: nil,
                quantity: q("0.02"),
                kind: .limit(LimitPrice(d("27451")))
            )
            try await session.cancel(orderID: Self.orderID, venueOrderID: nil)
            try await waitUntil("the cancel") { capture.reports.count == 4 }

            // Then every order request was signed as Bybit checks it, with the exact bodies
            let orders = standIn.requests.all.filter { $0.path.hasPrefix("/v5/order/") }
            #expect(orders.map(\.path) == ["/v5/order/create", "/v5/order/amend", "/v5/order/cancel"])
            #expect(orders.allSatisfy { $0.isSignatureValid == true })
            #expect(
                orders[0].body
                    == #"{"category":"linear","symbol":"BTCUSDT","side":"Buy","orderType":"Limit","qty":"0.015","#
                    + #""price":"27450.5","timeInForce":"GTC","orderLinkId":"O-000000000042"}"#
            )
            // Amend and cancel name Bybit's id, learnt from the acknowledgement.
            #expect(orders[1].field("orderId") == BybitStandIn.venueOrderID && orders[1].field("qty") == "0.02")
            #expect(orders[2].field("orderId") == BybitStandIn.venueOrderID)
            // And each fact reached Legate once, the fill with its fee in the settle coin
            let fill = VenueFill(
                venue: .bybit,
                tradeID: "0ab1bdf7-4219-438b-b30a-32ec863018f7",
                orderID: Self.orderID,
                quantity: q("0.5"),
                price: p("95900.1"),
                fee: Money(d("26.3725275"), .usdt),
                liquidity: .taker
            )
            let venueOrderID = VenueOrderID(known: BybitStandIn.venueOrderID)
            #expect(
                capture.reports.all == [
                    .acknowledged(orderID: Self.orderID, venueOrderID: venueOrderID), .fill(fill),
                    .amended(orderID: Self.orderID), .cancelled(orderID: Self.orderID, reason: "CancelByUser"),
                ]
            )
            // And the execution is also an event, with what the fill alone does not say
            try await waitUntil("the execution event") {
                capture.events.all.contains { if case .execution(let e) = $0 { e.side == .sell } else { false } }
            }
        }
    }

    @Test func aVenueRefusalBecomesARejectedReportWithBybitsCodeAndMessage() async throws {
        // Given a venue without the balance for the order (Bybit 110007)
        let standIn = BybitStandIn(rest: { request, _ in
            guard request.path == "/v5/order/create" else { return nil }
            return BybitStandIn.envelope(code: 110_007, message: "ab not enough for new order", result: "{}")
        })
        try await BybitSessionHarness.run(standIn) { session, capture in
            try await session.place(orderID: Self.orderID, request: try Self.request(quantity: q("0.015")))
            // Then the refusal is a report, not an error
            try await waitUntil("the rejection") { capture.reports.count == 1 }
            #expect(
                capture.reports.all == [.rejected(orderID: Self.orderID, reason: "110007 ab not enough for new order")]
            )
        }
    }

    @Test func aSizeOffTheLotIsRejectedWithoutARequestAndNeverRounded() async throws {
        // Given BTCUSDT's recorded lot of 0.001
        let standIn = BybitStandIn()
        try await BybitSessionHarness.run(standIn) { session, capture in
            // When Legate asks for 0.0015 BTC
            try await session.place(orderID: Self.orderID, request: try Self.request(quantity: q("0.0015")))
            try await waitUntil("the rejection") { capture.reports.count == 1 }
            // Then the order is rejected, naming the size and the lot, and nothing reached the venue
            guard case .rejected(let id, let reason) = try #require(capture.reports.all.first) else {
                Issue.record("expected a rejection, got \(capture.reports.all)")
                return
            }
            #expect(id == Self.orderID && reason.contains("0.0015") && reason.contains("0.001"))
            #expect(!standIn.requests.all.contains { $0.path == "/v5/order/create" })
        }
    }

    @Test func tooManyVisitsIsRetriedAtTheStatedResetAndHTTP429AfterRetryAfter() async throws {
        // Given a venue that refuses the first create with 10006 and a reset 40 ms ahead, the second with HTTP 429
        // and `Retry-After: 0`, and accepts the third
        let resets = Gathered<Int64>()
        let standIn = BybitStandIn(rest: { request, venue in
            guard request.path == "/v5/order/create" else { return nil }
            switch venue.requests.all.filter({ $0.path == "/v5/order/create" }).count {
            case 1:
                let reset = request.receivedAt.milliseconds + 40
                resets.append(reset)
                var refusal = BybitStandIn.envelope(code: 10_006, message: "Too many visits!", result: "{}")
                refusal.headers.append((name: "X-Bapi-Limit-Reset-Timestamp", value: String(reset)))
                return refusal
            case 2:
                return LoopbackHTTPResponse(status: 429, headers: [(name: "Retry-After", value: "0")], text: "")
            default:
                return nil
            }
        })
        try await BybitSessionHarness.run(standIn) { session, capture in
            try await session.place(orderID: Self.orderID, request: try Self.request(quantity: q("0.015")))
            try await waitUntil("the acknowledgement") { capture.reports.count == 1 }
            // Then the same request went three times, the second no earlier than the stated reset
            let creates = standIn.requests.all.filter { $0.path == "/v5/order/create" }
            #expect(creates.count == 3 && Set(creates.map(\.body)).count == 1)
            let reset = try #require(resets.all.first)
            #expect(creates[1].receivedAt >= UnixNanos.milliseconds(reset))
            let limited = capture.events.all.compactMap { event -> UnixNanos? in
                if case .rateLimited("/v5/order/create", let retryAt) = event { retryAt } else { nil }
            }
            // The stated reset, or the moment the refusal was read when a busy machine read it after the reset passed
            #expect(limited.count == 2 && limited.first.map { $0 >= UnixNanos.milliseconds(reset) } == true)
            #expect(capture.reports.all.count == 1)
        }
    }

    @Test func cancelAllSendsOneRequestPerCategoryAndTheCancelsArriveAsReports() async throws {
        let cancelled = try Self.orderPush(status: "Cancelled")
        let standIn = BybitStandIn(rest: { request, venue in
            if request.path == "/v5/order/cancel-all" && request.body.contains("USDT") { await venue.push(cancelled) }
            return nil
        })
        try await BybitSessionHarness.run(standIn) { session, capture in
            try await session.cancelAll(.all)
            try await waitUntil("the cancel") { capture.reports.count == 1 }
            let bodies = standIn.requests.all.filter { $0.path == "/v5/order/cancel-all" }.map(\.body)
            #expect(
                bodies == [
                    #"{"category":"option"}"#, #"{"category":"spot"}"#,
                    #"{"category":"linear","settleCoin":"USDT"}"#, #"{"category":"linear","settleCoin":"USDC"}"#,
                    #"{"category":"inverse","settleCoin":"BTC"}"#, #"{"category":"inverse","settleCoin":"ETH"}"#,
                ]
            )
            #expect(capture.reports.all == [.cancelled(orderID: Self.orderID, reason: "CancelByUser")])
        }
    }

    @Test func disconnectProtectionIsArmedWithItsWindowAndDisarmed() async throws {
        let standIn = BybitStandIn()
        try await BybitSessionHarness.run(standIn) { session, capture in
            // When Legate arms a 10 s window, then disarms
            try await session.armCancelOnDisconnect(timeoutNanos: 9_500_000_000)
            try await session.disarmCancelOnDisconnect()
            // Then the window went out signed, in whole seconds (rounded up), and `dcp` was kept, then dropped
            let dcp = try #require(standIn.requests.all.first { $0.path == "/v5/order/disconnected-cancel-all" })
            #expect(dcp.body == #"{"product":"OPTIONS","timeWindow":10}"# && dcp.isSignatureValid == true)
            let switches = standIn.frames.all.filter { $0.args == ["dcp"] }.map(\.op)
            #expect(switches == ["subscribe", "unsubscribe"])
            try await waitUntil("the armed and disarmed events") {
                capture.events.all.filter {
                    $0 == .disconnectProtectionArmed(windowSeconds: 10, products: [.options])
                        || $0 == .disconnectProtectionDisarmed
                }.count == 2
            }
            // And a window outside Bybit's 3 to 300 s is refused before anything is sent
            await #expect(throws: VenueError.self) { try await session.armCancelOnDisconnect(timeoutNanos: 1) }
        }
    }

    @Test func balancesPositionsAndOpenOrdersReadTheRecordedAnswers() async throws {
        // Given a venue that also pushes the recorded position and wallet once the account topics are subscribed
        let position = try Fixtures.text("ws_account_position.json")
        let wallet = try Fixtures.text("ws_account_wallet.json")
        let standIn = BybitStandIn(frames: { frame, _ in
            guard frame.stream == BybitStandIn.privateStream, frame.op == "subscribe" else { return nil }
            return [.send(BybitStandIn.acknowledgement(frame)), .send(position), .send(wallet)]
        })
        try await BybitSessionHarness.run(standIn) { session, capture in
            let balances = try await session.balances()
            let positions = try await session.positions()
            let open = try await session.openOrders()
            // Then every query was signed, and the recorded answers translated: coins, then the USD account margin
            let queries = standIn.requests.all.filter { !$0.path.hasPrefix("/v5/market/") }
            #expect(queries.allSatisfy { $0.isSignatureValid == true })
            #expect(balances.map(\.currency) == [.btc, .usdt, .eth, .usd])
            #expect(balances[1].equity == Money(d("1000.50"), .usdt))
            #expect(balances[3].equity == Money(d("3.31216591"), .usd))
            // Flat positions are left out; the short is negative.
            #expect(positions.map(\.quantity) == [q("0.5"), q("-5.0")])
            #expect(positions.map(\.averagePrice) == [p("50000.00"), p("3000.00")])
            #expect(open.map(\.venueOrderID.rawValue) == ["open-order-1", "open-order-2"])
            #expect(open.map(\.price) == [p("3930.41"), p("3940.42")] && open.allSatisfy { $0.quantity == q("0.010") })
            // Every scope was asked: options, linear USDT and USDC, inverse BTC and ETH (and spot for orders).
            #expect(standIn.requests.all.filter { $0.path == "/v5/position/list" }.count == 5)
            #expect(standIn.requests.all.filter { $0.path == "/v5/order/realtime" }.count == 6)
            // And the pushed position and wallet arrived as events
            try await waitUntil("the account pushes") { capture.events.count >= 4 }
            let ethusdt = try BybitSessionHarness.linear("ETHUSDT")
            #expect(
                capture.events.all.contains(
                    .position(
                        VenuePosition(
                            venue: .bybit,
                            instrument: ethusdt,
                            quantity: q("-0.01"),
                            averagePrice: p("3641.075")
                        )
                    )
                )
            )
            #expect(
                capture.events.all.contains {
                    if case .balances(let b) = $0 { b.last?.currency == .usd } else { false }
                }
            )
        }
    }
}
