internal import LegateCore
internal import LegateModel
internal import LegatePricing
internal import LegateRisk
internal import LegateRuntime
internal import RealModule

/// The live-market part of the `risk` area: the portfolio gate's market rebuilt from the engine's marks, each
/// expiry's smile an SVI fit to its out-of-the-money marks (`MarkedMarket`). The gate rebuilds on the first
/// decision after a mark changes, so this is a cost a decision can pay.
enum MarkedMarketBenchmarks {
    static let all: [Benchmark] = [fullRebuild, oneExpiryRebuild]

    static let btc = Underlying(base: .btc, quote: .usd)
    /// 2026-01-05 09:00 UTC.
    static let now = UnixNanos(1_767_603_600 * 1_000_000_000)
    /// Twelve expiries from a day to a year, as a Deribit BTC chain lists them.
    static let expiryDays = [1, 2, 3, 7, 14, 21, 30, 60, 90, 180, 270, 365]
    static let strikesPerExpiry = 25

    /// Every expiry refitted: a cold start, or marks that all moved.
    static let fullRebuild = Benchmark(area: "risk", name: "marked_market_rebuild", items: 1) {
        let marks = try chain(bumped: false)
        return {
            var cache = MarkedSmileCache()
            let market = MarkedMarket.build(
                marks: marks,
                underlyings: [btc],
                venues: [.deribit],
                at: now,
                cache: &cache
            )
            return Double(cache.fits) + (market == nil ? 1 : 0)
        }
    }

    // Safe because: a benchmark body runs on one thread at a time; the box never escapes the runner.
    final class CacheBox: @unchecked Sendable {
        var cache = MarkedSmileCache()
        var calls = 0
    }

    /// One expiry's marks changed since the last rebuild (alternating between two marks of one put): one refit.
    static let oneExpiryRebuild = Benchmark(area: "risk", name: "marked_market_rebuild_one_expiry", items: 1) {
        let marks = [try chain(bumped: false), try chain(bumped: true)]
        let box = CacheBox()
        _ = MarkedMarket.build(marks: marks[0], underlyings: [btc], venues: [.deribit], at: now, cache: &box.cache)
        return {
            box.calls += 1
            let market = MarkedMarket.build(
                marks: marks[box.calls % 2],
                underlyings: [btc],
                venues: [.deribit],
                at: now,
                cache: &box.cache
            )
            return Double(box.cache.fits) + (market == nil ? 1 : 0)
        }
    }

    /// The index, a future per expiry and a call and a put at 25 strikes per expiry (612 marks), coin premiums
    /// priced on a skewed SVI smile; `bumped` moves one put of the sixth expiry by 1e-4 coin.
    static func chain(bumped: Bool) throws -> [Instrument: Price] {
        var marks: [Instrument: Price] = [.spot(btc): Price(FixedDecimal(100_000))]
        for (index, days) in expiryDays.enumerated() {
            let expiry = now + Int64(days) * UnixNanos.nanosecondsPerDay
            let years = now.years(until: expiry)
            let forward = (100_000 * Double.exp(0.05 * years)).rounded()
            marks[.future(btc, expiry: expiry, settlement: .inverse(.btc))] = Price(FixedDecimal(Int64(forward)))
            let b = 0.2 * years.squareRoot()
            let slice = try SVISlice(a: 0.36 * years - 0.1 * b, b: b, rho: -0.5, m: 0, sigma: 0.1, timeToExpiry: years)
            let deviation = (0.36 * years).squareRoot()
            for step in 0..<strikesPerExpiry {
                let k = -2.5 * deviation + 5 * deviation * Double(step) / Double(strikesPerExpiry - 1)
                let strike = (forward * Double.exp(k) / 100).rounded() * 100
                let vol = slice.impliedVol(strike: strike, forward: forward)
                for right in OptionRight.allCases {
                    var premium = InverseOption.price(
                        right,
                        forward: forward,
                        strike: strike,
                        expiryYears: years,
                        vol: vol
                    )
                    if bumped, index == 5, step == 3, right == .put { premium += 1e-4 }
                    let option = Instrument.option(
                        btc,
                        expiry: expiry,
                        strike: Price(FixedDecimal(Int64(strike))),
                        right: right,
                        settlement: .inverse(.btc)
                    )
                    marks[option] = Price(try FixedDecimal(premium, scale: 8, rounding: .toNearestOrEven))
                }
            }
        }
        return marks
    }
}
