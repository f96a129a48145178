// Proves combos fill atomically: a Deribit-style call spread (+1 K1 call, −1 K2 call) created on its first order
// trades against the legs' books only in whole combo units that every leg can supply; a fill-or-kill that one leg
// cannot support leaves every book untouched; resting combo orders match each other; OKX lists no combos.
import LegateCore
import LegateModel
import LegateSimulator
import Testing

@Suite struct ComboTests {
    static func at(_ seconds: Int64) -> UnixNanos { Fixtures.start + seconds * Fixtures.second }
    static let low = Fixtures.option(50_000, .call)
    static let high = Fixtures.option(60_000, .call)
    static let spread = Instrument(
        underlying: Fixtures.btcUSD,
        settlement: .inverse(.btc),
        terms: .combo(Combo(legs: [ComboLeg(instrument: low, ratio: 1), ComboLeg(instrument: high, ratio: -1)]))
    )

    /// Liquidity: 1 BTC offered on the 50,000 call at 0.0110, 0.3 BTC bid on the 60,000 call at 0.0020.
    static func venue() -> SimulatedVenue {
        var venue = Fixtures.venue()
        _ = venue.handle(Fixtures.order("L", Fixtures.bob, low, .sell, "1", at: "0.0110"), at: at(1))
        _ = venue.handle(Fixtures.order("H", Fixtures.bob, high, .buy, "0.3", at: "0.0020"), at: at(2))
        return venue
    }

    @Test func fillOrKillThatOneLegCannotSupportTouchesNothing() {
        var venue = Self.venue()
        let outputs = venue.handle(
            Fixtures.order("C", Fixtures.alice, Self.spread, .buy, "1", at: "0.0090", timeInForce: .fillOrKill),
            at: Self.at(5)
        )
        #expect(Fixtures.fills(outputs).isEmpty)
        #expect(venue.bestLevel(Self.low, side: .ask)?.quantity == 1)
        #expect(venue.bestLevel(Self.high, side: .bid)?.quantity == Fixtures.quantity("0.3"))
        #expect(venue.position(Fixtures.alice, in: Self.low) == 0 && venue.position(Fixtures.alice, in: Self.high) == 0)
    }

    @Test func impliedFillTakesEveryLegInWholeComboUnits() {
        var venue = Self.venue()
        let outputs = venue.handle(
            Fixtures.order("C", Fixtures.alice, Self.spread, .buy, "1", at: "0.0090", timeInForce: .immediateOrCancel),
            at: Self.at(5)
        )
        // 0.3 combos: buy 0.3 of the 50,000 call at 0.0110, sell 0.3 of the 60,000 call at 0.0020; net 0.0090.
        let combo = Fixtures.fills(outputs).filter { $0.orderID == OrderID(known: "C") }
        #expect(combo.count == 1)
        #expect(combo.first?.quantity == Fixtures.quantity("0.3"))
        #expect(combo.first?.price == Fixtures.price("0.0090"))
        #expect(combo.first?.legs?.map(\.side) == [.buy, .sell])
        #expect(combo.first?.legs?.map(\.price) == [Fixtures.price("0.0110"), Fixtures.price("0.0020")])
        // Fees per leg, each capped at 12.5% of its premium: 0.3 × min(0.0003, 0.001375) + 0.3 × min(0.0003, 0.00025).
        #expect(combo.first?.fee?.amount == Fixtures.decimal("0.000165"))
        #expect(venue.position(Fixtures.alice, in: Self.low) == Fixtures.quantity("0.3"))
        #expect(venue.position(Fixtures.alice, in: Self.high) == Fixtures.quantity("-0.3"))
        #expect(venue.bestLevel(Self.low, side: .ask)?.quantity == Fixtures.quantity("0.7"))
        #expect(venue.bookLevels(Self.high, side: .bid).isEmpty)
        // The makers on the legs got ordinary fills on their leg orders.
        #expect(
            Set(Fixtures.fills(outputs).filter { $0.liquidity == .maker }.compactMap(\.orderID)) == [
                OrderID(known: "L"), OrderID(known: "H"),
            ]
        )
    }

    @Test func restingComboOrdersMatchEachOther() {
        var venue = Fixtures.venue()
        _ = venue.handle(Fixtures.order("S", Fixtures.bob, Self.spread, .sell, "1", at: "0.0080"), at: Self.at(1))
        let outputs = venue.handle(
            Fixtures.order("B", Fixtures.alice, Self.spread, .buy, "1", at: "0.0080"),
            at: Self.at(2)
        )
        let fills = Fixtures.fills(outputs)
        #expect(fills.map(\.orderID) == [OrderID(known: "S"), OrderID(known: "B")])
        for fill in fills {
            let legs = fill.legs ?? []
            // Leg prices add up to the combo price.
            #expect(legs.count == 2)
            #expect(legs[0].price - legs[1].price == Fixtures.price("0.0080"))
        }
        #expect(
            venue.position(Fixtures.alice, in: Self.low) == 1 && venue.position(Fixtures.alice, in: Self.high) == -1
        )
        #expect(venue.position(Fixtures.bob, in: Self.low) == -1 && venue.position(Fixtures.bob, in: Self.high) == 1)
        #expect(
            venue.listedInstruments.contains {
                $0.instrument == Self.spread && $0.symbol == "BTC-CS-22NOV26-50000_60000"
            }
        )
    }
}
