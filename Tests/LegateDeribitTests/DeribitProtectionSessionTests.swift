// Proves Deribit market-maker protection end to end: the `private/set_mmp_config` and `private/reset_mmp` parameters
// Deribit documents (docs.deribit.com, private/set_mmp_config: index_name, interval and frozen_time in whole seconds up
// to 3600, quantity/delta/vega limits and the required max_quote_quantity, at most 4 decimals), refusals of what
// Deribit cannot express, `mmp: true` on resting quotes only once protection is set, and the `user.mmp_trigger`
// notification as a session event.
import LegateCore
import LegateModel
import LegateVenues
import Testing

@testable import LegateDeribit

enum Protection {
    static let ethUSDC = Underlying(base: Asset(known: "ETH"), quote: Asset(known: "USDC"))
    static let second: Int64 = 1_000_000_000

    static let quoting = MarketMakerProtection(
        underlying: ethUSDC,
        intervalNanos: 1 * second,
        frozenNanos: 0,
        quantityLimit: FixedDecimal(10),
        deltaLimit: FixedDecimal(units: 55, scale: 1),
        maximumQuoteQuantity: FixedDecimal(units: 25, scale: 1)
    )

    static func order(_ timeInForce: TimeInForce) throws -> OrderRequest {
        let recorded = try Orders.request()
        return OrderRequest(
            clientOrderID: recorded.clientOrderID,
            account: recorded.account,
            venue: .deribit,
            instrument: recorded.instrument,
            side: recorded.side,
            quantity: recorded.quantity,
            kind: recorded.kind,
            timeInForce: timeInForce,
            flags: timeInForce == .goodTillCancelled ? recorded.flags : .none
        )
    }
}

@Suite struct DeribitProtectionRequestsTests {
    @Test func theConfigurationGoesOutInDeribitsUnits() throws {
        let call = try DeribitRequests.setMarketMakerProtection(Protection.quoting)
        #expect(call.method == "private/set_mmp_config")
        #expect(
            call.params.json
                == #"{"index_name":"eth_usdc","interval":1,"frozen_time":0,"quantity_limit":10,"delta_limit":5.5,"#
                + #""max_quote_quantity":2.5}"#
        )
        let off = try DeribitRequests.setMarketMakerProtection(.off(Protection.ethUSDC))
        #expect(off.params.json == #"{"index_name":"eth_usdc","interval":0,"frozen_time":0}"#)
        let btc = Underlying(base: Asset(known: "BTC"), quote: Asset(known: "USD"))
        #expect(DeribitRequests.resetMarketMakerProtection(btc).params.json == #"{"index_name":"btc_usd"}"#)
    }

    @Test(arguments: [
        // Half a second: Deribit takes whole seconds.
        MarketMakerProtection(
            underlying: Protection.ethUSDC,
            intervalNanos: Protection.second / 2,
            frozenNanos: 0,
            quantityLimit: 1,
            maximumQuoteQuantity: 1
        ),
        // Over an hour.
        MarketMakerProtection(
            underlying: Protection.ethUSDC,
            intervalNanos: 3_601 * Protection.second,
            frozenNanos: 0,
            quantityLimit: 1,
            maximumQuoteQuantity: 1
        ),
        // No limit at all.
        MarketMakerProtection(
            underlying: Protection.ethUSDC,
            intervalNanos: Protection.second,
            frozenNanos: 0,
            maximumQuoteQuantity: 1
        ),
        // No maximum quote quantity, which Deribit requires.
        MarketMakerProtection(
            underlying: Protection.ethUSDC,
            intervalNanos: Protection.second,
            frozenNanos: 0,
            quantityLimit: 1
        ),
        // Five decimals.
        MarketMakerProtection(
            underlying: Protection.ethUSDC,
            intervalNanos: Protection.second,
            frozenNanos: 0,
            quantityLimit: FixedDecimal(units: 12_345, scale: 5),
            maximumQuoteQuantity: 1
        ),
    ])
    func whatDeribitCannotExpressIsRefusedNotRounded(protection: MarketMakerProtection) {
        #expect(throws: VenueError.self) { try DeribitRequests.setMarketMakerProtection(protection) }
    }

    @Test func onlyRestingLimitOrdersOnAProtectedIndexCarryTheFlag() throws {
        let protected: Set<String> = ["eth_usdc"]
        let resting = try DeribitRequests.place(
            orderID: Orders.id,
            request: Protection.order(.goodTillCancelled),
            protectedIndexes: protected
        )
        #expect(resting.params.json.hasSuffix(#""post_only":true,"mmp":true}"#))
        let hedge = try DeribitRequests.place(
            orderID: Orders.id,
            request: Protection.order(.immediateOrCancel),
            protectedIndexes: protected
        )
        #expect(!hedge.params.json.contains("mmp"))
        let elsewhere = try DeribitRequests.place(
            orderID: Orders.id,
            request: Protection.order(.goodTillCancelled),
            protectedIndexes: ["btc_usd"]
        )
        #expect(!elsewhere.params.json.contains("mmp"))
    }
}

@Suite struct DeribitProtectionSessionTests {
    @Test func protectionIsSetFlagsQuotesReportsTheTriggerAndResets() async throws {
        // Given a venue that echoes the configuration (Deribit's documented answer), accepts orders with the recorded
        // answer, and after the first protected quote fires MMP (a documented user.mmp_trigger payload; hand-written)
        let buy = try Fixtures.text("ws_order_buy_response.json")
        let trigger = DeribitStandIn.notification(
            channel: "user.mmp_trigger.eth_usdc",
            data: #"{"index_name":"eth_usdc","frozen_until":1767978400000}"#
        )
        let standIn = DeribitStandIn { request, standIn in
            switch request.method {
            case "private/set_mmp_config":
                return [.send(DeribitStandIn.result(request.id, "{}"))]
            case "private/reset_mmp":
                return [.send(DeribitStandIn.result(request.id, #""ok""#))]
            case "private/buy":
                let quotes = standIn.requests.all.filter { $0.text.contains(#""mmp":true"#) }
                let answer = VenueAction.send(Fixtures.answering(buy, id: request.id))
                return quotes.count == 1 && request.text.contains(#""mmp":true"#) ? [answer, .send(trigger)] : [answer]
            default:
                return nil
            }
        }
        try await SessionHarness.run(standIn) { session, outputs in
            try await Self.quoteThroughATrigger(session, outputs)
        }
        Self.expectTheVenueSaw(standIn.requests.all)
    }

    static func isTrigger(_ event: DeribitSessionEvent) -> Bool {
        switch event {
        case .marketMakerProtectionTriggered: true
        default: false
        }
    }

    /// A quote before protection, protection set, a quote and a hedge, the trigger, reset, protection off, a quote.
    static func quoteThroughATrigger(_ session: DeribitSession, _ outputs: SessionOutputs) async throws {
        try await session.place(orderID: Orders.id, request: try Protection.order(.goodTillCancelled))
        try await session.setMarketMakerProtection(Protection.quoting)
        try await session.place(orderID: Orders.id, request: try Protection.order(.goodTillCancelled))
        try await session.place(orderID: Orders.id, request: try Protection.order(.immediateOrCancel))
        try await eventually("the trigger event") { outputs.events.all.contains(where: isTrigger) }
        try await session.resetMarketMakerProtection(underlying: Protection.ethUSDC)
        try await session.setMarketMakerProtection(.off(Protection.ethUSDC))
        try await session.place(orderID: Orders.id, request: try Protection.order(.goodTillCancelled))
        // The trigger and both settings are events, the freeze instant in nanoseconds.
        let events = outputs.events.all
        #expect(events.contains(.marketMakerProtectionSet(index: "eth_usdc", isOff: false)))
        #expect(events.contains(.marketMakerProtectionSet(index: "eth_usdc", isOff: true)))
        let trigger = MarketMakerProtectionTrigger(
            venue: .deribit,
            underlying: Protection.ethUSDC,
            triggeredAt: nil,
            freeze: .until(UnixNanos(1_767_978_400_000_000_000))
        )
        #expect(events.contains(.marketMakerProtectionTriggered(trigger)))
    }

    /// Only the quote made while protection was on carries the flag; the settings went out in Deribit's units.
    static func expectTheVenueSaw(_ requests: [ReceivedRequest]) {
        let orders = requests.filter { $0.method == "private/buy" }
        #expect(orders.map { $0.text.contains(#""mmp":true"#) } == [false, true, false, false])
        let settings = requests.filter { $0.method == "private/set_mmp_config" }
        #expect(settings.count == 2)
        #expect(settings.first?.string("index_name") == "eth_usdc")
        #expect(settings.first?.integer("interval") == 1)
        #expect(settings.first?.integer("frozen_time") == 0)
        #expect(settings.first?.text.contains(#""max_quote_quantity":2.5"#) == true)
        #expect(settings.last?.integer("interval") == 0)
        // The trigger channel was subscribed privately once protection was on.
        let subscribe = requests.first { $0.method == "private/subscribe" }
        #expect(subscribe?.channels == ["user.mmp_trigger.eth_usdc"])
        let reset = requests.first { $0.method == "private/reset_mmp" }
        #expect(reset?.string("index_name") == "eth_usdc")
        #expect(reset?.text.contains(#""access_token":"token-1""#) == true)
    }
}
