// Proves the simulated venue's public marks: tickers carry the mark (the model's theoretical value), the index, the
// forward and the mark vol of every listing, and the perpetual's funding carries its rate, interval and the next
// funding instant. On a still market (index 50,000, no basis, a flat 50% ATM level), the ATM call's mark is the
// inverse (coin) Black-76 premium that `LegatePricing.InverseOption` computes on its own at the published vol.
import LegateCore
import LegateModel
import LegatePricing
import LegateSimulator
import Testing

@Suite struct MarketDataTests {
    static func publishedMinute() -> [MarketData] {
        var venue = Fixtures.venue()
        // The fixture venue publishes tickers and funding every 60 s with no latency.
        return venue.advance(to: Fixtures.start + 61 * Fixtures.second).compactMap {
            if case .marketData(let data) = $0.output { data } else { nil }
        }
    }

    @Test func tickersCarryTheMarkIndexForwardAndMarkVol() throws {
        let call = Fixtures.option(50_000, .call)
        let tickers = Self.publishedMinute().compactMap { if case .ticker(let ticker) = $0 { ticker } else { nil } }
        let ticker = try #require(tickers.last { $0.instrument == call })
        #expect(ticker.at == Fixtures.start + 60 * Fixtures.second)
        #expect(ticker.indexPrice == Fixtures.price("50000.00"))
        // No basis: the forward is the index.
        #expect(ticker.underlyingPrice == Fixtures.price("50000.00"))
        // At the money on SSVI the vol is the level (termSlope 0), whatever the tenor.
        #expect(ticker.markImpliedVolatility == Fixtures.decimal("0.5"))
        let years = ticker.at.years(until: Fixtures.expiry)
        let premium = InverseOption.price(.call, forward: 50_000, strike: 50_000, expiryYears: years, vol: 0.5)
        // A one-day ATM call is worth about 0.0104 BTC; the mark is the value at the last requote (seconds old: time
        // decay is about 6e-8 a second), while a vol point moves it by 2e-4, so 1e-6 tells a wrong model apart.
        #expect(abs(ticker.markPrice.decimal.doubleValue - premium) < 1e-6)
        #expect(abs(premium - 0.0104) < 1e-4)
        let perpetual = try #require(tickers.last { $0.instrument == Fixtures.perpetual })
        #expect(perpetual.markImpliedVolatility == nil)
        // The perpetual's mark leans by the funding rate: 50,000 × 1.0001.
        #expect(perpetual.markPrice == Fixtures.price("50005"))
    }

    @Test func fundingCarriesItsRateIntervalAndTheNextFundingInstant() throws {
        let fundings = Self.publishedMinute().compactMap { if case .funding(let funding) = $0 { funding } else { nil } }
        let funding = try #require(fundings.last)
        #expect(funding.venue == .deribit)
        #expect(funding.instrument == Fixtures.perpetual)
        #expect(funding.rate == Fixtures.decimal("0.0001"))
        let eightHours = 8 * 3_600 * Fixtures.second
        #expect(funding.intervalNanos == eightHours)
        // Funding falls at 00:00, 08:00 and 16:00 UTC; a minute after 08:00 the next is 16:00.
        #expect(funding.nextFundingAt == Fixtures.start + eightHours)
        #expect(funding.at == Fixtures.start + 60 * Fixtures.second)
    }
}
