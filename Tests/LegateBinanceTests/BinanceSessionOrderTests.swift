// Proves the Binance session's private side against the stand-in, which checks every signature: an options order is
// placed with exactly Binance's parameters and acknowledged, its documented fill arrives on the user-data stream (on
// a listen key the session created) and is reported once, and its cancel too; a size off the lot is rejected unsent
// and a -2010 refusal becomes a rejected report; HTTP 429 (-1003) is retried after Retry-After; HTTP 418 is a ban
// that degrades health and stops sending; the listen key is kept alive and recreated when it expires; the options and
// USD-M dead-man switches are armed, refreshed and disarmed; balances, positions and open orders come from fixtures.
import Foundation
import LegateCore
import LegateModel
import LegateSymbology
import LegateTransport
import LegateVenues
import Testing

@testable import LegateBinance

@Suite(.timeLimit(.minutes(1))) struct BinanceOrderSessionTests {
    static let orderID = OrderID(known: "O-OPT-1")
    static let docs = "binance-docs/options/"

    static func text(_ path: String) -> String {
        (try? String(contentsOf: Fixtures.url(path), encoding: .utf8)) ?? "missing \(path)"
    }

    static func options(
        _ standIn: BinanceStandIn,
        clock: BinanceTestClock = BinanceTestClock(),
        keepAliveNanos: Int64 = 3_600_000_000_000,
        deadManRefreshNanos: Int64 = 3_600_000_000_000,
        _ body: (BinanceSession, BinanceOutputs) async throws -> Void
    ) async throws {
        try await BinanceHarness.run(
            standIn,
            market: .options,
            specs: [try BinanceHarness.optionSpec()],
            clock: clock,
            keepAliveNanos: keepAliveNanos,
            deadManRefreshNanos: deadManRefreshNanos,
            body
        )
    }

    static func requests(_ standIn: BinanceStandIn, _ method: String, _ path: String) -> [StandInRequest] {
        standIn.requests.all.filter { $0.method == method && $0.path == path }
    }

    static func placeAndCancelStandIn() -> BinanceStandIn {
        BinanceStandIn(
            rest: { request in
                switch (request.method, request.path) {
                case ("POST", "/eapi/v1/order") where request.parameters["clientOrderId"] == "O-OPT-2":
                    BinanceStandIn.error(400, code: -2010, "Order would immediately match and take.")
                case ("POST", "/eapi/v1/order"): BinanceStandIn.fixture(Self.docs + "new_order_response.json.txt")
                case ("DELETE", "/eapi/v1/order"): BinanceStandIn.fixture(Self.docs + "cancel_order_response.json.txt")
                default: nil
                }
            },
            user: { _, _ in [.send(Self.text(Self.docs + "order_update_partial.json.txt"))] }
        )
    }

    @Test func anOptionsOrderIsPlacedFilledAndCancelledWithEachReportOnce() async throws {
        let standIn = Self.placeAndCancelStandIn()
        try await Self.options(standIn) { session, outputs in
            try await waitUntil("the user stream") { outputs.readyCount(.user) == 1 }
            let spec = try BinanceHarness.optionSpec()
            // When Legate buys 0.5 BTC of the call at 1250 USDT, then cancels it
            let request = try BinanceHarness.order(spec, quantity: q("0.5"), price: 1250)
            try await session.place(orderID: Self.orderID, request: request)
            try await waitUntil("the fill") { outputs.reports.count >= 2 }
            try await session.cancel(orderID: Self.orderID, venueOrderID: nil)
            try await waitUntil("the cancel") { outputs.reports.count == 3 }
            // Then the stand-in saw a correctly signed order with Binance's options parameters
            let placed = try #require(Self.requests(standIn, "POST", "/eapi/v1/order").first)
            #expect(placed.isSigned && placed.apiKey == BinanceStandIn.apiKey)
            let expected = [
                "symbol": "BTC-241227-60000-C", "side": "BUY", "type": "LIMIT", "quantity": "0.5", "price": "1250",
                "timeInForce": "GTC", "newOrderRespType": "RESULT", "clientOrderId": "O-OPT-1",
            ]
            #expect(expected.allSatisfy { placed.parameters[$0.key] == $0.value })
            let cancel = Self.requests(standIn, "DELETE", "/eapi/v1/order").first
            #expect(cancel?.parameters["clientOrderId"] == "O-OPT-1")
            // And each fact was reported once: acknowledged, the documented maker fill, cancelled
            let fill = VenueFill(
                venue: .binance,
                tradeID: "20",
                orderID: Self.orderID,
                quantity: q("0.1"),
                price: p("1250"),
                fee: Money(d("0.025"), .usdt),
                liquidity: .maker
            )
            let acknowledged = VenueReport.acknowledged(
                orderID: Self.orderID,
                venueOrderID: try VenueOrderID("4611875134427365377")
            )
            let cancelled = VenueReport.cancelled(orderID: Self.orderID, reason: "canceled")
            #expect(outputs.reports.all == [acknowledged, .fill(fill), cancelled])
            #expect(standIn.userConnections.all == ["key-1"])
            #expect(await session.healthSummary().samples >= 3)
        }
    }

    @Test func anOrderOffTheLotIsRejectedUnsentAndARefusalIsRejectedWithItsMessage() async throws {
        let standIn = Self.placeAndCancelStandIn()
        try await Self.options(standIn) { session, outputs in
            let spec = try BinanceHarness.optionSpec()
            // When an order is off the 0.01 lot, and Binance refuses another with -2010
            let offLot = try BinanceHarness.order(spec, quantity: q("0.015"), price: 1250)
            try await session.place(orderID: OrderID(known: "O-OPT-3"), request: offLot)
            let refused = try BinanceHarness.order(spec, quantity: q("0.5"), price: 1250)
            try await session.place(orderID: OrderID(known: "O-OPT-2"), request: refused)
            // Then both are rejected with the reason, and the first never left
            try await waitUntil("both rejections") { outputs.reports.count == 2 }
            let rejections = outputs.reports.all.compactMap { report -> (OrderID, String)? in
                if case .rejected(let id, let reason) = report { (id, reason) } else { nil }
            }
            #expect(rejections.map(\.0) == [OrderID(known: "O-OPT-3"), OrderID(known: "O-OPT-2")])
            #expect(rejections.first?.1.contains("not a multiple of the lot 0.01") == true)
            #expect(rejections.last?.1 == "-2010 Order would immediately match and take.")
            #expect(Self.requests(standIn, "POST", "/eapi/v1/order").count == 1)
        }
    }

    static func rateLimitedStandIn() -> BinanceStandIn {
        let orders = Gathered<Int>()
        return BinanceStandIn(rest: { request in
            switch (request.method, request.path) {
            case ("POST", "/eapi/v1/order"):
                orders.append(1)
                guard orders.count == 1 else {
                    return BinanceStandIn.fixture(Self.docs + "new_order_response.json.txt")
                }
                return BinanceStandIn.error(
                    429,
                    code: -1003,
                    "Too many requests; current limit is 1200 requests per minute.",
                    headers: [(name: "Retry-After", value: "2")]
                )
            case ("GET", "/eapi/v1/position"):
                return BinanceStandIn.error(
                    418,
                    code: -1003,
                    "Way too many requests; IP banned.",
                    headers: [(name: "Retry-After", value: "30")]
                )
            default: return nil
            }
        })
    }

    @Test func http429IsRetriedAfterRetryAfterAnd418BansWithoutHammering() async throws {
        let standIn = Self.rateLimitedStandIn()
        let clock = BinanceTestClock()
        try await Self.options(standIn, clock: clock) { session, outputs in
            let spec = try BinanceHarness.optionSpec()
            // When the first order meets a 429 (-1003) with Retry-After: 2
            let request = try BinanceHarness.order(spec, quantity: q("0.5"), price: 1250)
            try await session.place(orderID: Self.orderID, request: request)
            // Then the session waited the stated two seconds and sent it again, signed afresh
            #expect(Self.requests(standIn, "POST", "/eapi/v1/order").count == 2)
            #expect(clock.sleeps.contains { (1_900_000_000...2_000_000_000).contains($0) })
            try await waitUntil("the acknowledgement and the event") {
                outputs.reports.count == 1
                    && outputs.events.all.contains {
                        if case .rateLimited(path: "/eapi/v1/order", _) = $0 { true } else { false }
                    }
            }
            // When positions meet a 418 ban, twice
            await #expect(throws: VenueError.self) { _ = try await session.positions() }
            await #expect(throws: VenueError.self) { _ = try await session.positions() }
            // Then it was sent once, reported as a ban, and health went disconnected
            #expect(Self.requests(standIn, "GET", "/eapi/v1/position").count == 1)
            try await waitUntil("the ban in health") {
                outputs.events.all.contains { if case .banned = $0 { true } else { false } }
                    && outputs.health.all.contains {
                        guard case .stateChanged(_, _, .disconnected, .disconnected(let reason), _) = $0 else {
                            return false
                        }
                        return reason.contains("418")
                    }
            }
        }
    }

    @Test func theListenKeyIsKeptAliveAndRecreatedWhenItExpires() async throws {
        // The script reads the stand-in's own log, so it holds it through a box filled below.
        let box = Gathered<BinanceStandIn>()
        let standIn = BinanceStandIn(user: { connection, _ in
            guard connection == 1 else { return [] }
            return [
                .waitFor { box.all.first.map { !Self.requests($0, "PUT", "/eapi/v1/listenKey").isEmpty } ?? false },
                .send(#"{"e":"listenKeyExpired","E":1733900000000,"listenKey":"key-1"}"#),
            ]
        })
        box.append(standIn)
        try await Self.options(standIn, keepAliveNanos: 20_000_000) { _, outputs in
            try await waitUntil("the second user stream") { standIn.userConnections.count == 2 }
            #expect(standIn.userConnections.all == ["key-1", "key-2"])
            #expect(Self.requests(standIn, "POST", "/eapi/v1/listenKey").count == 2)
            try await waitUntil("the events") { outputs.events.all.contains(.listenKeyExpired(listenKey: "key-1")) }
            #expect(outputs.events.all.contains(.listenKeyKeptAlive(listenKey: "key-1")))
        }
    }

    @Test func theOptionsDeadManIsArmedRefreshedAndDisarmed() async throws {
        let standIn = BinanceStandIn()
        try await Self.options(standIn) { session, outputs in
            // When Legate arms a 6 s countdown, the refresh comes due once, and Legate disarms
            try await session.armCancelOnDisconnect(timeoutNanos: 6_000_000_000)
            await session.refreshDeadManOnce()
            try await session.disarmCancelOnDisconnect()
            await session.refreshDeadManOnce()
            // Then the underlying's countdown went out at 6000 ms and then 0, with one heartbeat while armed
            try await waitUntil("the disarm event") { outputs.events.all.contains(.deadManDisarmed(scope: "BTCUSDT")) }
            let countdowns = Self.requests(standIn, "POST", "/eapi/v1/countdownCancelAll")
            #expect(countdowns.map { $0.parameters["countdownTime"] } == ["6000", "0"])
            #expect(countdowns.allSatisfy { $0.parameters["underlying"] == "BTCUSDT" && $0.isSigned })
            let beats = Self.requests(standIn, "POST", "/eapi/v1/countdownCancelAllHeartBeat")
            #expect(beats.map { $0.parameters["underlyings"] } == ["BTCUSDT"])
            #expect(outputs.events.all.contains(.deadManArmed(scope: "BTCUSDT", countdownMillis: 6_000)))
            #expect(outputs.events.all.contains(.deadManRefreshed(scopes: ["BTCUSDT"])))
        }
    }

    @Test func optionsBalancesPositionsAndOpenOrdersComeFromTheDocumentedAnswers() async throws {
        let standIn = BinanceStandIn(rest: { request in
            switch request.path {
            case "/eapi/v1/marginAccount": BinanceStandIn.fixture(Self.docs + "margin_account.json.txt")
            case "/eapi/v1/position": BinanceStandIn.fixture(Self.docs + "position.json.txt")
            case "/eapi/v1/openOrders": BinanceStandIn.fixture(Self.docs + "open_orders.json.txt")
            default: nil
            }
        })
        try await Self.options(standIn) { session, _ in
            let spec = try BinanceHarness.optionSpec()
            let balance = try #require(try await session.balances().first)
            #expect(balance.equity == Money(d("99998.87365244"), .usdt))
            #expect(balance.available == Money(d("96883.72734374"), .usdt))
            #expect(balance.initialMargin == Money(d("3115.14630870"), .usdt))
            let position = try #require(try await session.positions().first)
            #expect(position.instrument == spec.instrument && position.quantity == q("-0.1"))
            #expect(position.averagePrice == p("1000"))
            let open = try #require(try await session.openOrders().first)
            #expect(open.orderID == Self.orderID && open.quantity == q("0.5") && open.filledQuantity == q("0.1"))
        }
    }

    @Test func usdmAccountAnswersAndItsDeadManComeFromTheRecordedFixtures() async throws {
        let standIn = BinanceStandIn(rest: { request in
            switch request.path {
            case "/fapi/v2/account": BinanceStandIn.fixture(Folder.futuresHTTP + "account_info_v2.json")
            case "/fapi/v2/positionRisk": BinanceStandIn.fixture(Folder.futuresHTTP + "position_risk.json")
            case "/fapi/v1/openOrders": BinanceStandIn.fixture(Folder.pyHTTP + "http_futures_account_orders.json")
            default: nil
            }
        })
        let specs = try BinanceHarness.usdmSpecs(["BTCUSDT"])
        try await BinanceHarness.run(standIn, market: .usdm, specs: specs) { session, _ in
            #expect(try await !session.balances().isEmpty)
            let position = try #require(try await session.positions().first)
            #expect(position.quantity == q("0.001") && position.averagePrice == p("50000.0"))
            #expect(try await session.openOrders().first?.quantity == q("0.40"))
            try await session.armCancelOnDisconnect(timeoutNanos: 10_000_000_000)
            let countdown = try #require(Self.requests(standIn, "POST", "/fapi/v1/countdownCancelAll").first)
            #expect(countdown.parameters["symbol"] == "BTCUSDT" && countdown.parameters["countdownTime"] == "10000")
        }
    }
}
