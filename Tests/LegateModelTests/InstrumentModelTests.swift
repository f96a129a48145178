// Proves the instrument model: identities compare by economics, piecewise tick schedules pick the right tick and
// round onto it, and an instrument spec names the rule an order size or price breaks.
import LegateCore
import LegateModel
import Testing

@Suite struct TickScheduleTests {
    /// Deribit options: 0.0001 below 0.005 BTC, 0.0005 from 0.005 up (venues.md §1.1, `tick_size_steps`).
    let deribitOption = try! TickSchedule(
        base: FixedDecimal(parsing: "0.0001"),
        steps: [.init(abovePrice: FixedDecimal(parsing: "0.005"), tick: FixedDecimal(parsing: "0.0005"))]
    )

    @Test(arguments: [("0.0042", "0.0001"), ("0.005", "0.0005"), ("0.1234", "0.0005"), ("-0.0042", "0.0001")])
    func picksTickByPrice(price: String, tick: String) throws {
        #expect(deribitOption.tick(at: try Price(parsing: price)) == (try FixedDecimal(parsing: tick)))
    }

    @Test func roundingAcrossAThresholdLandsOnAValidTick() throws {
        // 0.00499 rounds up on the fine grid to 0.0050, which is valid on the coarse grid too.
        #expect(try deribitOption.round(Price(parsing: "0.00499"), .up) == Price(parsing: "0.005"))
        #expect(try deribitOption.round(Price(parsing: "0.0052"), .down) == Price(parsing: "0.005"))
        #expect(try deribitOption.round(Price(parsing: "0.0052"), .up) == Price(parsing: "0.0055"))
        #expect(try deribitOption.round(Price(parsing: "0.00437"), .toNearestOrEven) == Price(parsing: "0.0044"))
    }

    @Test func rejectsBadSchedules() throws {
        #expect(throws: TickScheduleError.self) { try TickSchedule(base: .zero) }
        let step = TickSchedule.Step(abovePrice: 1, tick: 1)
        #expect(throws: TickScheduleError.self) { try TickSchedule(base: 1, steps: [step, step]) }
        #expect(throws: TickScheduleError.self) {
            try TickSchedule(base: 1, steps: [.init(abovePrice: 1, tick: FixedDecimal(units: -1, scale: 0))])
        }
    }
}

@Suite struct InstrumentTests {
    let btcUSD = Underlying(base: .btc, quote: .usd)
    let expiry = CivilDate(year: 2024, month: 12, day: 27)!.at(hourUTC: 8)

    @Test func identityComparesByEconomics() throws {
        let a = Instrument.option(
            btcUSD,
            expiry: expiry,
            strike: try Price(parsing: "60000"),
            right: .call,
            settlement: .inverse(.btc)
        )
        let b = Instrument.option(
            btcUSD,
            expiry: expiry,
            strike: try Price(parsing: "60000.0"),
            right: .call,
            settlement: .inverse(.btc)
        )
        let linear = Instrument.option(
            btcUSD,
            expiry: expiry,
            strike: try Price(parsing: "60000"),
            right: .call,
            settlement: .linear(.usdc)
        )
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a != linear)
        #expect(a.kind == .option && a.right == .call && a.expiry == expiry)
        #expect(a.strike == (try Price(parsing: "60000")))
    }

    @Test func comboExpiryIsItsNearestLeg() throws {
        let near = Instrument.future(btcUSD, expiry: expiry, settlement: .inverse(.btc))
        let far = Instrument.future(
            btcUSD,
            expiry: expiry + UnixNanos.nanosecondsPerDay * 91,
            settlement: .inverse(.btc)
        )
        let spread = Instrument(
            underlying: btcUSD,
            settlement: .inverse(.btc),
            terms: .combo(Combo(legs: [.init(instrument: far, ratio: 1), .init(instrument: near, ratio: -1)]))
        )
        #expect(spread.kind == .combo)
        #expect(spread.expiry == expiry)
        #expect(spread.strike == nil)
    }

    @Test func specNamesTheBrokenRule() throws {
        let option = Instrument.option(
            btcUSD,
            expiry: expiry,
            strike: 60000 as Price,
            right: .put,
            settlement: .inverse(.btc)
        )
        let spec = InstrumentSpec(
            instrument: option,
            venue: .deribit,
            symbol: "BTC-27DEC24-60000-P",
            contractMultiplier: 1,
            contractUnit: .btc,
            quoteCurrency: .btc,
            tickSize: try TickSchedule(
                base: FixedDecimal(parsing: "0.0001"),
                steps: [.init(abovePrice: FixedDecimal(parsing: "0.005"), tick: FixedDecimal(parsing: "0.0005"))]
            ),
            lotSize: try Quantity(parsing: "0.1"),
            minimumSize: try Quantity(parsing: "0.1"),
            minimumNotional: nil,
            listingState: .listed,
            effectiveFrom: .seconds(0)
        )
        #expect(spec.validate(size: try Quantity(parsing: "0.3")) == nil)
        #expect(
            spec.validate(size: try Quantity(parsing: "0.05"))
                == .belowMinimumSize(size: try Quantity(parsing: "0.05"), minimum: try Quantity(parsing: "0.1"))
        )
        #expect(
            spec.validate(size: try Quantity(parsing: "0.25"))
                == .notLotMultiple(size: try Quantity(parsing: "0.25"), lot: try Quantity(parsing: "0.1"))
        )
        #expect(spec.validate(size: .zero) == .nonPositiveSize(.zero))
        #expect(spec.validate(price: try Price(parsing: "0.0123")) != nil)
        #expect(spec.validate(price: try Price(parsing: "0.0125")) == nil)
        #expect(spec.validate(price: try Price(parsing: "0.0043")) == nil)
        #expect(spec.listingState.isTradable)
    }
}
