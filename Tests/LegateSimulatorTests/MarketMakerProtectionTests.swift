// Proves market-maker protection in the simulator: an account's resting quotes on a protected underlying count their
// fills within the window (the window opens at the first fill, as Deribit documents); a breach cancels every such
// quote of the account there, emits the trigger after the cancellations, and refuses new quotes until the freeze ends
// or a reset, while immediate orders (hedges) still go; orders placed before protection are outside it; delta counts
// from the option's Black-76 delta at its mark vol; the same seed gives the same outputs.
import LegateCore
import LegateModel
import LegateSimulator
import Testing

@Suite struct MarketMakerProtectionTests {
    static let call = Fixtures.option(50_000, .call)
    static func at(_ seconds: Int64) -> UnixNanos { Fixtures.start + seconds * Fixtures.second }

    static func protection(
        quantity: String? = "1",
        delta: String? = nil,
        intervalSeconds: Int64 = 10,
        frozenSeconds: Int64 = 30
    ) -> MarketMakerProtection {
        MarketMakerProtection(
            underlying: Fixtures.btcUSD,
            intervalNanos: intervalSeconds * Fixtures.second,
            frozenNanos: frozenSeconds * Fixtures.second,
            quantityLimit: quantity.map(Fixtures.decimal),
            deltaLimit: delta.map(Fixtures.decimal),
            maximumQuoteQuantity: Fixtures.decimal("10")
        )
    }

    static func quote(_ id: String, _ side: OrderSide, _ size: String, _ price: String) -> VenueCommand {
        Fixtures.order(id, Fixtures.alice, call, side, size, at: price)
    }

    static func take(_ id: String, _ side: OrderSide, _ size: String, _ price: String) -> VenueCommand {
        Fixtures.order(id, Fixtures.bob, call, side, size, at: price, timeInForce: .immediateOrCancel)
    }

    static func cancelled(_ outputs: [TimedOutput]) -> [String] {
        Fixtures.reports(outputs).compactMap {
            if case .cancelled(let id, let reason) = $0 { "\(id): \(reason)" } else { nil }
        }
    }

    static func rejected(_ outputs: [TimedOutput]) -> [OrderID] {
        Fixtures.reports(outputs).compactMap { if case .rejected(let id, _) = $0 { id } else { nil } }
    }

    static func triggers(_ outputs: [TimedOutput]) -> [MarketMakerProtectionTrigger] {
        outputs.compactMap {
            if case .marketMakerProtectionTriggered(Fixtures.alice, let trigger) = $0.output { trigger } else { nil }
        }
    }

    /// Alice rests one quote before protection and three after it; bob lifts 1.5 of her offers at second 10.
    static func tripScenario(_ venue: inout SimulatedVenue) -> [TimedOutput] {
        var outputs = venue.handle(quote("A0", .sell, "1", "0.0130"), at: at(1))
        outputs += venue.setMarketMakerProtection(protection(), account: Fixtures.alice, at: at(2))
        outputs += venue.handle(quote("A1", .sell, "1", "0.0110"), at: at(3))
        outputs += venue.handle(quote("A2", .sell, "1", "0.0120"), at: at(4))
        outputs += venue.handle(quote("A3", .buy, "0.5", "0.0090"), at: at(5))
        outputs += venue.handle(take("B1", .buy, "1.5", "0.0120"), at: at(10))
        return outputs
    }

    @Test func aBreachCancelsTheProtectedQuotesAndFreezes() {
        var venue = Fixtures.venue()
        let outputs = Self.tripScenario(&venue)
        // 1.0 of A1 and 0.5 of A2 traded: 1.5 > 1 in the window, so A2's rest and A3 go; A0 predates protection
        #expect(
            Self.cancelled(outputs) == [
                "A2: cancelled by market maker protection", "A3: cancelled by market maker protection",
            ]
        )
        let trigger = MarketMakerProtectionTrigger(
            venue: .deribit,
            underlying: Fixtures.btcUSD,
            triggeredAt: Self.at(10),
            freeze: .until(Self.at(40))
        )
        #expect(Self.triggers(outputs) == [trigger])
        // The trigger follows the cancellations
        let last = outputs.lastIndex { if case .marketMakerProtectionTriggered = $0.output { true } else { false } }
        let lastCancel = outputs.lastIndex { if case .report(.cancelled) = $0.output { true } else { false } }
        #expect(last.map { index in lastCancel.map { $0 < index } ?? false } == true)
        #expect(venue.bookLevels(Self.call, side: .ask).map(\.price) == [Fixtures.price("0.0130")])
        #expect(
            venue.marketMakerProtectionState(underlying: Fixtures.btcUSD, account: Fixtures.alice).freeze
                == trigger.freeze
        )
    }

    @Test func whileFrozenQuotesAreRefusedButHedgesGoUntilTheFreezeEnds() {
        var venue = Fixtures.venue()
        _ = Self.tripScenario(&venue)
        let refused = venue.handle(Self.quote("A4", .sell, "1", "0.0125"), at: Self.at(20))
        #expect(Self.rejected(refused) == [OrderID(known: "A4")])
        // An immediate order is no quote: it reaches the book and takes bob's offer
        _ = venue.handle(Fixtures.order("BO", Fixtures.bob, Self.call, .sell, "1", at: "0.0125"), at: Self.at(21))
        let hedge = venue.handle(
            Fixtures.order("H", Fixtures.alice, Self.call, .buy, "0.1", at: "0.0125", timeInForce: .immediateOrCancel),
            at: Self.at(22)
        )
        #expect(
            Self.rejected(hedge).isEmpty
                && Fixtures.fills(hedge).map(\.orderID) == [OrderID(known: "BO"), OrderID(known: "H")]
        )
        // At the freeze's end quoting resumes
        let after = venue.handle(Self.quote("A5", .sell, "1", "0.0125"), at: Self.at(40))
        #expect(Self.rejected(after).isEmpty)
        #expect(venue.marketMakerProtectionState(underlying: Fixtures.btcUSD, account: Fixtures.alice).freeze == nil)
    }

    @Test func fillsInSeparateWindowsDoNotAddUp() {
        var venue = Fixtures.venue()
        _ = venue.setMarketMakerProtection(Self.protection(intervalSeconds: 2), account: Fixtures.alice, at: Self.at(1))
        var outputs = venue.handle(Self.quote("A1", .sell, "2", "0.0110"), at: Self.at(2))
        outputs += venue.handle(Self.take("B1", .buy, "0.6", "0.0110"), at: Self.at(3))
        outputs += venue.handle(Self.take("B2", .buy, "0.6", "0.0110"), at: Self.at(6))
        #expect(Self.triggers(outputs).isEmpty)
        // Within one window the same two fills trip
        outputs += venue.handle(Self.take("B3", .buy, "0.5", "0.0110"), at: Self.at(7))
        #expect(Self.triggers(outputs).count == 1)
    }

    @Test func aFreezeUntilResetEndsOnlyWithTheReset() {
        var venue = Fixtures.venue()
        _ = venue.setMarketMakerProtection(Self.protection(frozenSeconds: 0), account: Fixtures.alice, at: Self.at(1))
        _ = venue.handle(Self.quote("A1", .sell, "2", "0.0110"), at: Self.at(2))
        let trip = venue.handle(Self.take("B1", .buy, "1.5", "0.0110"), at: Self.at(3))
        #expect(Self.triggers(trip).map(\.freeze) == [.untilReset])
        #expect(Self.rejected(venue.handle(Self.quote("A2", .sell, "1", "0.0110"), at: Self.at(3_000))).count == 1)
        _ = venue.resetMarketMakerProtection(underlying: Fixtures.btcUSD, account: Fixtures.alice, at: Self.at(3_001))
        #expect(Self.rejected(venue.handle(Self.quote("A3", .sell, "1", "0.0110"), at: Self.at(3_002))).isEmpty)
        // Switched off, nothing counts any more
        _ = venue.setMarketMakerProtection(.off(Fixtures.btcUSD), account: Fixtures.alice, at: Self.at(3_003))
        let unprotected = venue.handle(Self.take("B2", .buy, "1", "0.0110"), at: Self.at(3_004))
        #expect(Self.triggers(unprotected).isEmpty && Fixtures.fills(unprotected).count == 2)
        #expect(
            venue.marketMakerProtectionState(underlying: Fixtures.btcUSD, account: Fixtures.alice).protection == nil
        )
    }

    @Test func theOptionsDeltaCountsAgainstADeltaLimit() {
        // The at-the-money call's Black-76 delta is about 0.5: selling 0.5 of it is about -0.25 of delta
        var venue = Fixtures.venue()
        let limit = Self.protection(quantity: nil, delta: "0.2")
        _ = venue.setMarketMakerProtection(limit, account: Fixtures.alice, at: Self.at(1))
        _ = venue.handle(Self.quote("A1", .sell, "2", "0.0110"), at: Self.at(2))
        let small = venue.handle(Self.take("B1", .buy, "0.3", "0.0110"), at: Self.at(3))
        #expect(Self.triggers(small).isEmpty)
        let breach = venue.handle(Self.take("B2", .buy, "0.2", "0.0110"), at: Self.at(4))
        #expect(Self.triggers(breach).count == 1)
    }

    @Test func theSameSeedGivesTheSameOutputs() {
        var first = Fixtures.venue(seed: 42)
        var second = Fixtures.venue(seed: 42)
        #expect(Self.tripScenario(&first) == Self.tripScenario(&second))
    }
}
