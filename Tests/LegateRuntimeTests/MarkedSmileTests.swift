// Proves the skew of the gate's live market: coin premiums priced with `InverseOption` on a known skewed SVI
// surface (25 strikes per expiry, both rights marked) give back that surface's vols; an out-of-the-money put is
// dearer on the fitted smile than on a flat one; too few strikes, or junk marks, fall back or are skipped with a
// reason; and a rebuild refits only the expiries whose marks changed, giving the same market as a fresh build.
import Foundation
import LegateCore
import LegateModel
import LegatePricing
import LegateRisk
import LegateRuntime
import Testing

enum SkewFixture {
    static let btc = MarkFixture.btc
    static let expiries = [10, 40, 100].map(MarkFixture.days)

    static func years(_ expiry: UnixNanos) -> Double { MarkFixture.now.years(until: expiry) }

    /// The true smile of an expiry: 60% at the money, a put skew (ρ = −0.5) whose wings steepen with √T.
    static func slice(_ expiry: UnixNanos) -> SVISlice {
        let years = years(expiry)
        let (b, rho, m, sigma) = (0.2 * years.squareRoot(), -0.5, 0.01, 0.1)
        let atTheMoney = b * (rho * -m + (m * m + sigma * sigma).squareRoot())
        return try! SVISlice(a: 0.36 * years - atTheMoney, b: b, rho: rho, m: m, sigma: sigma, timeToExpiry: years)
    }

    /// The expiry's forward (its future's mark), 5% a year over an index of 100,000.
    static func forward(_ expiry: UnixNanos) -> Int64 {
        Int64((100_000 * Foundation.exp(0.05 * years(expiry))).rounded())
    }

    /// Strikes spanning ±2.5 standard deviations of the expiry, rounded to 100.
    static func strikes(_ expiry: UnixNanos, count: Int = 25) -> [Int64] {
        let deviation = (0.36 * years(expiry)).squareRoot()
        let forward = Double(forward(expiry))
        return (0..<count).map { index in
            let k = -2.5 * deviation + 5 * deviation * Double(index) / Double(count - 1)
            return Int64((forward * Foundation.exp(k) / 100).rounded()) * 100
        }
    }

    /// The index, each expiry's future, and a call and put at every strike priced on the true smile.
    static func marks(strikeCount: Int = 25) -> [Instrument: Price] {
        var marks: [Instrument: Price] = [.spot(btc): Price(FixedDecimal(100_000))]
        for expiry in expiries {
            let forward = forward(expiry)
            marks[.future(btc, expiry: expiry, settlement: .inverse(.btc))] = Price(FixedDecimal(forward))
            for strike in strikes(expiry, count: strikeCount) {
                let vol = slice(expiry).impliedVol(strike: Double(strike), forward: Double(forward))
                for right in OptionRight.allCases {
                    marks[MarkFixture.option(right, strike: strike, expiry: expiry)] = MarkFixture.premium(
                        right,
                        forward: Double(forward),
                        strike: strike,
                        expiry: expiry,
                        vol: vol
                    )
                }
            }
        }
        return marks
    }

    /// The marks of the strike nearest each forward only (and the index and futures).
    static func centralMarks() -> [Instrument: Price] {
        marks().filter { instrument, _ in
            guard let strike = instrument.strike, let expiry = instrument.expiry else { return true }
            let nearest = strikes(expiry).min { abs($0 - forward(expiry)) < abs($1 - forward(expiry)) }
            return strike == Price(FixedDecimal(nearest ?? 0))
        }
    }

    static func build(_ marks: [Instrument: Price], cache: inout MarkedSmileCache) throws -> LegateRisk.MarketState {
        try #require(
            MarkedMarket.build(marks: marks, underlyings: [btc], venues: [.deribit], at: MarkFixture.now, cache: &cache)
        )
    }
}

@Suite struct MarkedSmileTests {
    @Test func theSkewOfTheMarksComesBack() throws {
        var cache = MarkedSmileCache()
        let market = try SkewFixture.build(SkewFixture.marks(), cache: &cache)
        #expect(cache.smiles.count == 3)
        #expect(cache.smiles.allSatisfy { $0.fallback == nil && $0.usableStrikes == 25 && $0.skipped.isEmpty })
        for expiry in SkewFixture.expiries {
            let forward = Double(SkewFixture.forward(expiry))
            let deviation = (0.36 * SkewFixture.years(expiry)).squareRoot()
            for k in [-deviation, 0, deviation] {
                let strike = forward * Foundation.exp(k)
                let truth = SkewFixture.slice(expiry).impliedVol(strike: strike, forward: forward)
                let fitted = try market.vol(of: SkewFixture.btc, strike: strike, expiry: expiry)
                #expect(abs(fitted - truth) < 1e-3, "expiry \(expiry) strike \(strike): \(fitted) vs \(truth)")
            }
        }
    }

    @Test func anOutOfTheMoneyPutIsDearerOnTheSkewThanOnAFlatSmile() throws {
        var skewCache = MarkedSmileCache()
        var flatCache = MarkedSmileCache()
        let skewed = try SkewFixture.build(SkewFixture.marks(), cache: &skewCache)
        let flat = try SkewFixture.build(SkewFixture.centralMarks(), cache: &flatCache)
        let expiry = SkewFixture.expiries[1]
        let forward = Double(SkewFixture.forward(expiry))
        let strike = forward * 0.8
        let years = SkewFixture.years(expiry)
        let vols = (
            skewed: try skewed.vol(of: SkewFixture.btc, strike: strike, expiry: expiry),
            flat: try flat.vol(of: SkewFixture.btc, strike: strike, expiry: expiry)
        )
        // ρ < 0: vol rises to the left, so an 80% put carries more vol, price and vega than at the money.
        #expect(vols.skewed > vols.flat + 0.05, "\(vols)")
        func put(_ vol: Double) -> (price: Double, vega: Double) {
            let price = InverseOption.price(.put, forward: forward, strike: strike, expiryYears: years, vol: vol)
            let greeks = InverseOption.greeks(.put, forward: forward, strike: strike, expiryYears: years, vol: vol)
            return (price, greeks.vega)
        }
        #expect(put(vols.skewed).price > put(vols.flat).price)
        #expect(put(vols.skewed).vega > put(vols.flat).vega)
    }

    @Test func fewerThanFiveStrikesFallBackToAFlatSmile() throws {
        var cache = MarkedSmileCache()
        let market = try SkewFixture.build(SkewFixture.marks(strikeCount: 4), cache: &cache)
        #expect(cache.smiles.map(\.fallback) == Array(repeating: .tooFewStrikes(usable: 4, minimum: 5), count: 3))
        let expiry = SkewFixture.expiries[0]
        let forward = Double(SkewFixture.forward(expiry))
        let vols = try [0.8, 1, 1.2].map { try market.vol(of: SkewFixture.btc, strike: forward * $0, expiry: expiry) }
        #expect(vols.allSatisfy { abs($0 - vols[0]) < 1e-12 }, "\(vols)")
    }

    @Test func junkMarksAreSkippedAndNamed() throws {
        var marks = SkewFixture.marks()
        let expiry = SkewFixture.expiries[0]
        let strikes = SkewFixture.strikes(expiry)
        let zero = MarkFixture.option(.put, strike: strikes[2], expiry: expiry)
        let aboveMaximum = MarkFixture.option(.call, strike: strikes[22], expiry: expiry)
        marks[zero] = .zero
        marks[aboveMaximum] = Price(FixedDecimal(2))  // 2 coin = 2 forwards: more than any call is worth
        var cache = MarkedSmileCache()
        let market = try SkewFixture.build(marks, cache: &cache)
        let smile = try #require(cache.smiles.first { $0.expiry == expiry })
        #expect(smile.fallback == nil && smile.usableStrikes == 23)
        #expect(smile.skipped.map(\.instrument) == [zero, aboveMaximum])
        #expect(smile.skipped[0].reason == "not positive")
        #expect(smile.skipped[1].reason.contains("maximum"), "\(smile.skipped[1])")
        let forward = Double(SkewFixture.forward(expiry))
        let truth = SkewFixture.slice(expiry).impliedVol(strike: forward, forward: forward)
        #expect(abs(try market.vol(of: SkewFixture.btc, strike: forward, expiry: expiry) - truth) < 1e-3)
    }

    @Test func aRebuildRefitsOnlyTheExpiriesWhoseMarksChanged() throws {
        var cache = MarkedSmileCache()
        _ = try SkewFixture.build(SkewFixture.marks(), cache: &cache)
        #expect(cache.fits == 3)
        var moved = SkewFixture.marks()
        let expiry = SkewFixture.expiries[2]
        let put = MarkFixture.option(.put, strike: SkewFixture.strikes(expiry)[3], expiry: expiry)
        moved[put] = Price(try #require(moved[put]).decimal + FixedDecimal(units: 1, scale: 4))
        let rebuilt = try SkewFixture.build(moved, cache: &cache)
        #expect(cache.fits == 4)
        var freshCache = MarkedSmileCache()
        let fresh = try SkewFixture.build(moved, cache: &freshCache)
        for expiry in SkewFixture.expiries {
            for strike in [80_000.0, 100_000, 125_000] {
                #expect(
                    try rebuilt.vol(of: SkewFixture.btc, strike: strike, expiry: expiry)
                        == fresh.vol(of: SkewFixture.btc, strike: strike, expiry: expiry)
                )
            }
        }
        #expect(cache.smiles == freshCache.smiles)
    }
}
