// Proves the book's sensitivities: per-underlying aggregates are the sums over positions (a seeded property test),
// an inverse option's coin delta is Deribit's premium-adjusted delta, delta-one figures have their closed forms, and
// delta and gamma in both numeraires agree with finite differences of the scenario revaluation.

import LegateCore
import LegateModel
import LegatePricing
import Testing

@testable import LegateRisk

@Suite struct BookRiskTests {
    static let buckets = try? ExpiryBuckets(upperBoundsDays: [7, 30, 90])

    /// A random book over BTC and ETH: inverse and linear options, futures, perpetuals and spot, two accounts.
    static func randomBook(seed: UInt64, count: Int) throws -> PositionBook {
        var random = SplitMix64(state: seed)
        var book = try PositionBook(conventions: BookConventions(averagePriceScale: 8, pnlScale: 10, rounding: .down))
        for _ in 0..<count {
            let underlying = random.next() < 0.6 ? TestMarket.btc : TestMarket.eth
            let index: Int64 = underlying == TestMarket.btc ? 100_000 : 3_000
            let settlement: Settlement = random.next() < 0.6 ? .inverse(underlying.base) : .linear(.usdc)
            let kind = random.below(5)
            let instrument: Instrument
            switch kind {
            case 0, 1:
                let strike = Int64(Double(index) * random.uniform(0.7, 1.4))
                instrument = TestMarket.option(
                    underlying,
                    random.next() < 0.5 ? .call : .put,
                    strike: strike,
                    days: [3, 30, 60, 120][random.below(4)],
                    settlement: settlement
                )
            case 2: instrument = .future(underlying, expiry: TestMarket.days(30), settlement: settlement)
            case 3: instrument = .perpetual(underlying, settlement: settlement)
            default: instrument = .spot(underlying)
            }
            let magnitude = Int64(random.uniform(1, 20))
            let quantity = random.next() < 0.5 ? -magnitude : magnitude
            let key = PositionKey(
                account: random.next() < 0.5 ? TestMarket.account : TestMarket.otherAccount,
                venue: random.next() < 0.5 ? .deribit : .okx,
                instrument: instrument
            )
            try book.apply(fill: Quantity(FixedDecimal(quantity)), price: 1, key: key)
        }
        return book
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func aggregatesEqualTheSumOverPositions(seed: UInt64) throws {
        let book = try Self.randomBook(seed: seed, count: 60)
        let risk = try BookRisk(book, market: try TestMarket.market(), buckets: try #require(Self.buckets))
        #expect(risk.positions.count == book.openPositions.count)
        for aggregate in risk.underlyingRisks {
            let underlying = aggregate.underlying
            var coin = GreekTotals.zero
            var usd = GreekTotals.zero
            for position in risk.positions where position.key.instrument.underlying == underlying {
                coin.add(position.coin)
                usd.add(position.usd)
            }
            for (total, sum) in [(aggregate.coin, coin), (aggregate.usd, usd)] {
                #expect(isClose(total.delta, sum.delta, relative: 1e-12, absolute: 1e-9))
                #expect(isClose(total.gamma, sum.gamma, relative: 1e-12, absolute: 1e-9))
                #expect(isClose(total.vega, sum.vega, relative: 1e-12, absolute: 1e-9))
                #expect(isClose(total.theta, sum.theta, relative: 1e-12, absolute: 1e-9))
                #expect(isClose(total.vanna, sum.vanna, relative: 1e-12, absolute: 1e-9))
                #expect(isClose(total.volga, sum.volga, relative: 1e-12, absolute: 1e-9))
                #expect(isClose(total.notional, sum.notional, relative: 1e-12, absolute: 1e-9))
            }
            let bucketVega = aggregate.usdVegaByBucket.reduce(0, +)
            #expect(isClose(bucketVega, aggregate.usd.vega, relative: 1e-12, absolute: 1e-9))
            let expiryDelta = aggregate.deltaByExpiry.reduce(0) { $0 + $1.coin }
            #expect(isClose(expiryDelta, aggregate.coin.delta, relative: 1e-12, absolute: 1e-9))
        }
    }

    @Test func inverseOptionCoinDeltaIsDeribitsPremiumAdjustedDelta() throws {
        let market = try TestMarket.market()
        let call = TestMarket.position(TestMarket.option(.call, strike: 105_000), 2)
        let risk = try PositionRisk(call, market: market)
        let expected = InverseOption.premiumAdjustedDelta(
            .call,
            forward: 100_500,
            strike: 105_000,
            expiryYears: TestMarket.asOf.years(until: TestMarket.days(30)),
            vol: 0.6
        )
        #expect(isClose(risk.coin.delta, 2 * expected, relative: 1e-12))
        // In USD the same option carries the Black delta times the index.
        let black = Black76.greeks(
            .call,
            forward: 100_500,
            strike: 105_000,
            expiryYears: TestMarket.asOf.years(until: TestMarket.days(30)),
            rate: 0,
            vol: 0.6
        )
        #expect(isClose(risk.usd.delta, 2 * black.delta * 100_000, relative: 1e-12))
    }

    @Test func deltaOneFiguresHaveClosedForms() throws {
        let market = try TestMarket.market()
        // An inverse perpetual of 100,020 USD at a mark of 100,020 is one coin.
        let perpetual = TestMarket.position(.perpetual(TestMarket.btc, settlement: .inverse(.btc)), 100_020)
        let risk = try PositionRisk(perpetual, market: market)
        #expect(isClose(risk.coin.delta, 1) && isClose(risk.coin.gamma, -2))
        #expect(isClose(risk.usd.delta, 100_000) && abs(risk.usd.gamma) < 1e-9)
        let spot = try PositionRisk(TestMarket.position(.spot(TestMarket.btc), 3), market: market)
        #expect(abs(spot.coin.delta) < 1e-12 && isClose(spot.usd.delta, 300_000) && isClose(spot.usd.notional, 300_000))
    }

    @Test(arguments: [4, 5] as [UInt64])
    func deltaAndGammaMatchFiniteDifferencesOfTheRevaluation(seed: UInt64) throws {
        let market = try TestMarket.market()
        let book = try Self.randomBook(seed: seed, count: 25)
        let step = 1e-4
        var set = try ScenarioSet(underlyingCount: 1, volShock: .absolute, volFloor: 0.01)
        for move in [-step, step] { try set.appendUniform(spotMove: move, volShift: 0) }
        for position in book.openPositions {
            let quote = try market.market(for: position.key.instrument, venue: position.key.venue)
            var single = ScenarioBook(indexPrices: [quote.index], groupCount: 1)
            try single.append(ScenarioPosition(position, quote: quote, underlying: 0, group: 0))
            var revaluation = ScenarioRevaluation()
            var pnl = ScenarioPnL(groupCount: 1, scenarioCount: 2)
            try revaluation.revalue(single, under: set, into: &pnl)
            let risk = try PositionRisk(position, market: market)
            for (numeraire, totals) in [(Numeraire.coin, risk.coin), (.usd, risk.usd)] {
                let down = pnl.pnl(group: 0, scenario: 0, in: numeraire)
                let up = pnl.pnl(group: 0, scenario: 1, in: numeraire)
                let scale = max(abs(totals.delta), abs(totals.gamma) * step, totals.notional * 1e-6, 1e-9)
                #expect(abs((up - down) / (2 * step) - totals.delta) <= 1e-4 * scale, "\(position.key) \(numeraire)")
                let gammaScale = max(abs(totals.gamma), totals.notional * 1e-3, 1e-6)
                #expect(
                    abs((up + down) / (step * step) - totals.gamma) <= 2e-3 * gammaScale,
                    "\(position.key) \(numeraire)"
                )
            }
        }
    }

    @Test func missingMarketDataIsNamedWithThePosition() throws {
        var market = MarketState(asOf: TestMarket.asOf)
        try market.setIndex(100_000, for: TestMarket.btc)
        let call = TestMarket.position(TestMarket.option(.call, strike: 105_000), 1)
        #expect(
            throws: BookError.market(.missingForward(TestMarket.btc, expiry: TestMarket.days(30)), position: call.key)
        ) {
            _ = try PositionRisk(call, market: market)
        }
    }
}
