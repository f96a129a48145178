// Proves the settlement input: an expired instrument's positions close at its settlement value (the delivery price
// for a future, the intrinsic value — in coin for an inverse option — for an option), working orders on it end,
// the events survive the journal's coding and a replay, and bad settlements are refused with a named error.
import LegateCore
import LegateEngine
import LegateModel
import LegateOrders
import OrderedCollections
import Testing

enum SettleFixture {
    static let btc = Underlying(base: .btc, quote: .usd)
    /// Ten seconds after the harness's first input: orders go in before it, settlements after.
    static let expiry = UnixNanos(1_900_000_000_000_000_000 + 10_000_000_000)

    static func option(_ right: OptionRight, strike: Int64, settlement: Settlement = .inverse(.btc)) -> Instrument {
        .option(btc, expiry: expiry, strike: Price(FixedDecimal(strike)), right: right, settlement: settlement)
    }

    static let call = option(.call, strike: 100_000)
    static let future = Instrument.future(btc, expiry: expiry, settlement: .inverse(.btc))

    static func settlement(_ instrument: Instrument = call, _ price: Int64 = 110_000) -> Input {
        .settlement(
            ExpirySettlement(instrument: instrument, venue: .deribit, deliveryPrice: Price(FixedDecimal(price)))
        )
    }
}

extension Harness {
    /// Places, acknowledges and fills `filled` of an order; returns its id.
    @discardableResult
    mutating func trade(
        _ client: String,
        _ instrument: Instrument,
        side: OrderSide = .buy,
        quantity: String,
        filled: String?,
        price: String = "0.05"
    ) throws -> OrderID {
        let request = Fixture.request(client, side: side, quantity: quantity, price: price, instrument: instrument)
        command(Fixture.alice, .placeOrder(request, stage: false))
        let orderID = try #require(lastOrderID)
        report(.acknowledged(orderID: orderID, venueOrderID: try VenueOrderID("v-\(client)")))
        if let filled {
            let fill = VenueFill(
                venue: .deribit,
                tradeID: "t-\(client)",
                orderID: orderID,
                quantity: try Quantity(parsing: filled),
                price: try Price(parsing: price)
            )
            report(.fill(fill))
        }
        return orderID
    }

    /// Moves the clock past the fixture's expiry.
    mutating func passExpiry() { clock = max(clock, SettleFixture.expiry.rawValue) }

    func position(_ instrument: Instrument) -> Position? {
        state.positions[PositionKey(account: Fixture.accountA, venue: .deribit, instrument: instrument)]
    }
}

extension [Output] {
    var settlementError: SettlementError? {
        events.lazy.compactMap { if case .settlementRejected(_, let error) = $0 { error } else { nil } }.first
    }
}

@Suite struct EngineSettlementTests {
    @Test func settlementClosesThePositionAndExpiresWorkingOrders() throws {
        var harness = Harness()
        // Long 3 calls (2 of a 5-lot filled, the rest working), a resting sell of 1 not filled.
        let partial = try harness.trade("a1", SettleFixture.call, quantity: "5", filled: "2")
        try harness.trade("a2", SettleFixture.call, quantity: "1", filled: "1")
        let resting = try harness.trade("a3", SettleFixture.call, side: .sell, quantity: "1", filled: nil, price: "0.2")
        harness.passExpiry()
        let outputs = harness.input(SettleFixture.settlement())
        #expect(harness.order(partial)?.status == .expired)
        #expect(harness.order(resting)?.status == .expired)
        #expect(harness.state.workingOrderCounts[Fixture.accountA] == nil)
        // Inverse call at delivery 110,000: (110,000 − 100,000) / 110,000 = 0.0909090909… coin, to 1e-8 nearest.
        let value = try FixedDecimal(parsing: "0.09090909")
        let settled = outputs.events.compactMap { if case .instrumentSettled(let s) = $0 { s } else { nil } }
        #expect(settled.map(\.value) == [Price(value)])
        #expect(outputs.events.last?.kind == "position.settled")
        let position = try #require(harness.position(SettleFixture.call))
        #expect(position.netQuantity.isZero)
        #expect(position.soldQuantity == (try Quantity(parsing: "3")))
        #expect(position.soldValue == (try FixedDecimal(parsing: "0.27272727")))
        #expect(position.boughtValue == (try FixedDecimal(parsing: "0.15")))
        // Orders, then the settlement: the venue sends nothing for an expiry it booked itself.
        #expect(outputs.venueCommands.isEmpty)
    }

    @Test func shortPositionsAndFuturesSettleAtTheirValue() throws {
        var harness = Harness()
        let put = SettleFixture.option(.put, strike: 100_000, settlement: .linear(.usdc))
        try harness.trade("p1", put, side: .sell, quantity: "2", filled: "2", price: "1500")
        try harness.trade("f1", SettleFixture.future, quantity: "10", filled: "10", price: "99000")
        harness.passExpiry()
        harness.input(SettleFixture.settlement(put, 97_500))
        harness.input(SettleFixture.settlement(SettleFixture.future, 97_500))
        // A linear put settles at K − S = 2,500 USDC; the short buys 2 back at that.
        let short = try #require(harness.position(put))
        #expect(short.netQuantity.isZero && short.boughtValue == FixedDecimal(5_000))
        let future = try #require(harness.position(SettleFixture.future))
        #expect(future.netQuantity.isZero && future.soldValue == FixedDecimal(975_000))
    }

    @Test func replayOfAJournalWithASettlementEqualsLive() throws {
        var harness = Harness()
        try harness.trade("a1", SettleFixture.call, quantity: "5", filled: "2")
        try harness.trade("a2", SettleFixture.call, side: .sell, quantity: "1", filled: nil, price: "0.2")
        harness.input(SettleFixture.settlement())  // early: refused
        harness.passExpiry()
        harness.input(SettleFixture.settlement())
        harness.input(SettleFixture.settlement())  // repeated: refused
        let replayed = try harness.replayed()
        #expect(replayed == harness.engine)
        #expect(replayed.state.positions == harness.state.positions)
        // The journal's compact coding keeps the new events as they were.
        let events = harness.log.map(\.event)
        var writer = CompactWriter()
        writer.array(events)
        var reader = CompactReader(bytes: writer.bytes)
        #expect(try reader.array(Event.self) == events)
        #expect(Set(events.map(\.kind)).isSuperset(of: ["position.settled", "settlement.rejected"]))
    }

    @Test func badSettlementsAreRefusedWithTheirError() throws {
        var harness = Harness()
        try harness.trade("a1", SettleFixture.call, quantity: "1", filled: "1")
        let early = harness.clock + 1_000_000
        #expect(
            harness.input(SettleFixture.settlement()).settlementError
                == .beforeExpiry(SettleFixture.call, expiry: SettleFixture.expiry, at: UnixNanos(early))
        )
        harness.passExpiry()
        #expect(
            harness.input(SettleFixture.settlement(SettleFixture.call, 0)).settlementError
                == .nonPositivePrice(.zero)
        )
        let never = SettleFixture.option(.put, strike: 90_000)
        #expect(
            harness.input(SettleFixture.settlement(never)).settlementError
                == .unknownInstrument(never, venue: .deribit)
        )
        let perpetual = Instrument.perpetual(SettleFixture.btc, settlement: .inverse(.btc))
        #expect(harness.input(SettleFixture.settlement(perpetual)).settlementError == .notDated(perpetual))
        let before = harness.state
        #expect(harness.input(SettleFixture.settlement()).settlementError == nil)
        #expect(
            harness.input(SettleFixture.settlement()).settlementError
                == .nothingToSettle(SettleFixture.call, venue: .deribit)
        )
        #expect(harness.state.positions != before.positions)
        let refusal = SettlementError.beforeExpiry(SettleFixture.call, expiry: SettleFixture.expiry, at: UnixNanos(1))
        #expect(refusal.description.contains("is early"))
    }

    @Test func aRefusedSettlementChangesNothingButTheEventCount() throws {
        var harness = Harness()
        try harness.trade("a1", SettleFixture.call, quantity: "2", filled: "1")
        let before = harness.state
        harness.input(SettleFixture.settlement())
        #expect(harness.state.eventCount == before.eventCount + 1)
        #expect(harness.state.positions == before.positions && harness.state.orders == before.orders)
    }
}
