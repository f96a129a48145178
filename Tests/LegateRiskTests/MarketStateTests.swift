// Proves the market state: forwards interpolate on the log-basis between futures and hold the carry rate outside
// them, put-call parity recovers the forward that priced a call and a put (USD and inverse premiums), a future beats
// a parity point, vols are read off the surface at the expiry's forward, every change bumps the version, and every
// missing or bad input gets a typed error.

import LegateCore
import LegateModel
import LegatePricing
import RealModule
import Testing

@testable import LegateRisk

@Suite struct MarketStateTests {
    let btc = TestMarket.btc

    @Test func forwardsInterpolateOnTheLogBasis() throws {
        let market = try TestMarket.market()
        #expect(try market.forward(of: btc, expiry: TestMarket.days(30)) == 100_500)
        #expect(isClose(try market.forward(of: btc, expiry: TestMarket.days(90)), 101_600))
        // Halfway in time between the two futures: the log-bases average.
        let halfway = try market.forward(of: btc, expiry: TestMarket.days(60))
        let expected = 100_000 * Double.exp((Double.log(1.005) + Double.log(1.016)) / 2)
        #expect(isClose(halfway, expected, relative: 1e-13))
        // Before the first future the carry rate of the first holds: 15 days is half its log-basis.
        #expect(
            isClose(
                try market.forward(of: btc, expiry: TestMarket.days(15)),
                100_000 * Double.exp(Double.log(1.005) / 2)
            )
        )
        // Beyond the last, the last future's carry rate holds.
        let beyond = try market.forward(of: btc, expiry: TestMarket.days(180))
        #expect(isClose(beyond, 100_000 * Double.exp(2 * Double.log(1.016)), relative: 1e-12))
    }

    @Test func putCallParityRecoversTheForward() throws {
        var market = MarketState(asOf: TestMarket.asOf)
        try market.setIndex(100_000, for: btc)
        try market.setRates(coin: 0, usd: 0.05, for: btc)
        let expiry = TestMarket.days(45)
        let years = TestMarket.asOf.years(until: expiry)
        let forward = 100_700.0
        let call = Black76.price(.call, forward: forward, strike: 95_000, expiryYears: years, rate: 0.05, vol: 0.6)
        let put = Black76.price(.put, forward: forward, strike: 95_000, expiryYears: years, rate: 0.05, vol: 0.6)
        try market.setParityForward(
            call: Price(try FixedDecimal(call, scale: 8, rounding: .toNearestOrEven)),
            put: Price(try FixedDecimal(put, scale: 8, rounding: .toNearestOrEven)),
            strike: 95_000,
            for: btc,
            expiry: expiry,
            premium: .usd
        )
        #expect(isClose(try market.forward(of: btc, expiry: expiry), forward, relative: 1e-9))
        // Inverse premiums in coin: C − P = (F − K)/F.
        let callCoin = InverseOption.price(.call, forward: forward, strike: 95_000, expiryYears: years, vol: 0.6)
        let putCoin = InverseOption.price(.put, forward: forward, strike: 95_000, expiryYears: years, vol: 0.6)
        let implied = ForwardCurve.inverseParityForward(
            callCoin: callCoin,
            putCoin: putCoin,
            strike: 95_000,
            coinDiscount: 1
        )
        #expect(isClose(try #require(implied), forward, relative: 1e-11))
    }

    @Test func aFutureBeatsAParityPoint() throws {
        var market = try TestMarket.market()
        let expiry = TestMarket.days(30)
        try market.setParityForward(call: 9_000, put: 1_000, strike: 95_000, for: btc, expiry: expiry, premium: .usd)
        #expect(try market.forward(of: btc, expiry: expiry) == 100_500)
        let source = market.market(of: btc)?.forwards.points.first { $0.expiry == expiry }?.source
        #expect(source == .future)
    }

    @Test func volsComeFromTheSurfaceAndEveryChangeBumpsTheVersion() throws {
        var market = try TestMarket.market()
        #expect(isClose(try market.vol(of: btc, strike: 120_000, expiry: TestMarket.days(30)), 0.6, relative: 1e-12))
        let before = market.version
        try market.setIndex(101_000, for: btc)
        #expect(market.version.sequence == before.sequence + 1 && market.version > before)
        try market.advance(to: TestMarket.days(31))
        #expect(market.asOf == TestMarket.days(31))
        // The 30-day future has expired and left the curve.
        #expect(market.market(of: btc)?.forwards.points.count == 1)
        let funding = FundingRate(
            venue: .deribit,
            instrument: .perpetual(btc, settlement: .inverse(.btc)),
            rate: FixedDecimal(units: 1, scale: 4),
            intervalNanos: 8 * 3_600 * UnixNanos.nanosecondsPerSecond,
            nextFundingAt: nil,
            at: TestMarket.asOf
        )
        market.setFunding(funding)
        #expect(market.funding(of: btc, venue: .deribit) == funding)
    }

    @Test func perpetualsUseTheirVenueMarkAndSpotTheIndex() throws {
        let market = try TestMarket.market()
        let perpetual = try market.market(for: .perpetual(btc, settlement: .inverse(.btc)), venue: .deribit)
        #expect(perpetual.forward == 100_020 && perpetual.expiryYears == 0 && perpetual.vol == nil)
        let okx = try market.market(for: .perpetual(btc, settlement: .inverse(.btc)), venue: .okx)
        #expect(okx.forward == 100_000)
        #expect(try market.market(for: .spot(btc), venue: .deribit).forward == 100_000)
    }

    @Test func missingAndBadDataGetTypedErrors() throws {
        var market = MarketState(asOf: TestMarket.asOf)
        let expiry = TestMarket.days(30)
        #expect(throws: MarketDataError.missingIndex(btc)) { try market.index(of: btc) }
        #expect(throws: MarketDataError.invalidValue(field: "index", value: 0, underlying: btc)) {
            try market.setIndex(0, for: btc)
        }
        try market.setIndex(100_000, for: btc)
        #expect(throws: MarketDataError.missingForward(btc, expiry: expiry)) {
            try market.forward(of: btc, expiry: expiry)
        }
        try market.setFuture(100_500, for: btc, expiry: expiry)
        #expect(throws: MarketDataError.missingVolSurface(btc)) { try market.vol(of: btc, strike: 1, expiry: expiry) }
        #expect(throws: MarketDataError.expired(expiry: TestMarket.asOf, asOf: TestMarket.asOf)) {
            try market.forward(of: btc, expiry: TestMarket.asOf)
        }
        #expect(throws: MarketDataError.timeMovedBackwards(from: TestMarket.asOf, to: TestMarket.days(-1))) {
            try market.advance(to: TestMarket.days(-1))
        }
        #expect(throws: MarketDataError.self) { try market.setRates(coin: .nan, usd: 0, for: btc) }
        #expect(throws: MarketDataError.self) {
            try market.setParityForward(call: 1, put: 100_000, strike: 10, for: btc, expiry: expiry, premium: .usd)
        }
        let combo = Instrument(
            underlying: btc,
            settlement: .inverse(.btc),
            terms: .combo(Combo(legs: [ComboLeg(instrument: .perpetual(btc, settlement: .inverse(.btc)), ratio: 1)]))
        )
        #expect(throws: MarketDataError.unsupportedInstrument(combo)) { try market.market(for: combo, venue: .deribit) }
    }
}
