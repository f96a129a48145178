// Shared market and position builders for the book and margin tests: a BTC and an ETH market with futures, flat
// SVI surfaces and perpetual marks, and one-line constructors for positions.

import LegateCore
import LegateModel
import LegatePricing

@testable import LegateRisk

enum TestMarket {
    static let btc = Underlying(base: .btc, quote: .usd)
    static let eth = Underlying(base: .eth, quote: .usd)
    static let asOf = UnixNanos.seconds(1_750_000_000)
    static let account = AccountID(known: "acct-1")
    static let otherAccount = AccountID(known: "acct-2")

    static func days(_ count: Int) -> UnixNanos { asOf + Int64(count) * UnixNanos.nanosecondsPerDay }

    /// A flat-vol surface: one SVI slice with b = 0, so every strike has `vol`.
    static func flatSurface(vol: Double) throws -> VolSurface {
        let slice = try SVISlice(a: vol * vol * 0.5, b: 0, rho: 0, m: 0, sigma: 0.1, timeToExpiry: 0.5)
        return try VolSurface(slices: [slice])
    }

    /// BTC index 100,000 with futures at 30 and 90 days; ETH index 3,000 with one future; flat vols 60% and 75%.
    static func market() throws -> MarketState {
        var market = MarketState(asOf: asOf)
        try market.setIndex(100_000, for: btc)
        try market.setFuture(100_500, for: btc, expiry: days(30))
        try market.setFuture(101_600, for: btc, expiry: days(90))
        try market.setPerpetualMark(100_020, for: btc, venue: .deribit)
        market.setVolSurface(try flatSurface(vol: 0.6), for: btc)
        try market.setIndex(3_000, for: eth)
        try market.setFuture(3_020, for: eth, expiry: days(30))
        market.setVolSurface(try flatSurface(vol: 0.75), for: eth)
        return market
    }

    static func option(
        _ right: OptionRight,
        strike: Int64,
        days count: Int = 30,
        settlement: Settlement? = nil
    ) -> Instrument {
        option(btc, right, strike: strike, days: count, settlement: settlement)
    }

    static func option(
        _ underlying: Underlying,
        _ right: OptionRight,
        strike: Int64,
        days count: Int = 30,
        settlement: Settlement? = nil
    ) -> Instrument {
        .option(
            underlying,
            expiry: days(count),
            strike: Price(FixedDecimal(strike)),
            right: right,
            settlement: settlement ?? .inverse(underlying.base)
        )
    }

    static func position(
        _ instrument: Instrument,
        _ quantity: Quantity,
        venue: Venue = .deribit,
        account: AccountID = account
    ) -> Position {
        let key = PositionKey(account: account, venue: venue, instrument: instrument)
        return Position(
            key: key,
            quantity: quantity,
            averagePrice: .zero,
            realizedPnL: .zero(instrument.settlement.currency)
        )
    }
}
