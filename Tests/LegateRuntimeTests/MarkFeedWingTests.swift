// Proves the mark feed's wings: by default only each expiry's central call and put become engine inputs (the
// gate's smile stays flat); with `wingStrikes` the out-of-the-money option of that many strikes on each side of
// the forward is fed too, enough strikes for the smile fit.
import LegateCore
import LegateEngine
import LegateModel
import Testing

@testable import LegateRuntime

@Suite struct MarkFeedWingTests {
    /// Calls and puts at 80,000 … 120,000 (step 5,000) of one expiry, priced against a forward of 100,200.
    static func tickers() -> [Ticker] {
        let expiry = MarkFixture.days(30)
        var tickers: [Ticker] = []
        for strike in stride(from: Int64(80_000), through: 120_000, by: 5_000) {
            for right in OptionRight.allCases {
                tickers.append(
                    Ticker(
                        venue: .deribit,
                        instrument: MarkFixture.option(right, strike: strike, expiry: expiry),
                        markPrice: Price(FixedDecimal(units: 5, scale: 2)),
                        indexPrice: Price(FixedDecimal(100_000)),
                        underlyingPrice: Price(FixedDecimal(100_200)),
                        at: MarkFixture.now
                    )
                )
            }
        }
        return tickers
    }

    static func fedOptions(wingStrikes: Int) -> [String] {
        var feed = MarkFeed(primary: .deribit, wingStrikes: wingStrikes)
        let inputs = feed.marks(from: tickers()) { _ in true }
        return inputs.compactMap { input -> String? in
            guard case .mark(let instrument, _) = input, let strike = instrument.strike, let right = instrument.right
            else { return nil }
            return "\(strike) \(right.rawValue)"
        }
    }

    @Test func theCentralPairOnlyByDefault() {
        #expect(Self.fedOptions(wingStrikes: 0) == ["100000 call", "100000 put"])
    }

    @Test func theOutOfTheMoneyWingsWhenAsked() {
        #expect(
            Self.fedOptions(wingStrikes: 3) == [
                "90000 put", "95000 put", "100000 call", "100000 put", "105000 call", "110000 call", "115000 call",
            ]
        )
    }
}
