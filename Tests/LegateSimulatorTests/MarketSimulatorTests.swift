// Proves the market generator is reproducible from its seed, that its factors stay in range and revert, that a
// still market stays still, and that the SSVI slices it builds have the configured ATM level and a forward of
// S·e^{bT}.
import LegateCore
import LegateModel
import LegatePricing
import LegateSimulator
import Testing

@Suite struct MarketSimulatorTests {
    static func btc() -> MarketConfiguration {
        var market = Fixtures.flatMarket(index: "95000.00")
        market.spot = SpotDynamics(
            driftPerYear: 0,
            volatilityPerYear: 0.5,
            jumpsPerYear: 200,
            jumpMean: -0.01,
            jumpStandardDeviation: 0.03
        )
        market.surface.level = MeanRevertingFactor(
            initial: 0.9,
            longRunMean: 0.5,
            meanReversionPerYear: 500,
            volatilityPerYear: 0.8,
            minimum: 0.15,
            maximum: 2.5
        )
        market.surface.skew = MeanRevertingFactor(
            initial: -0.1,
            longRunMean: -0.1,
            meanReversionPerYear: 10,
            volatilityPerYear: 2,
            minimum: -0.9,
            maximum: 0.9
        )
        return market
    }

    static func path(seed: UInt64, steps: Int) -> [MarketState] {
        var simulator = MarketSimulator(
            configuration: btc(),
            start: Fixtures.start,
            generator: SeededGenerator(seed: seed)
        )
        return (0..<steps).map { _ in
            simulator.step()
            return simulator.state
        }
    }

    @Test func sameSeedGivesTheSamePath() {
        #expect(Self.path(seed: 9, steps: 5_000) == Self.path(seed: 9, steps: 5_000))
        #expect(Self.path(seed: 9, steps: 100) != Self.path(seed: 10, steps: 100))
    }

    @Test func factorsStayInRangeAndTheLevelReverts() {
        // Given a level starting at 90% with a 50% long-run mean and a reversion half-life of about half a day,
        // when a week of one-second steps passes,
        let path = Self.path(seed: 3, steps: 7 * 86_400)
        // then every factor stayed in its range and the level came most of the way back.
        #expect(path.allSatisfy { (0.15...2.5).contains($0.level) && (-0.9...0.9).contains($0.skew) })
        #expect(path.allSatisfy { $0.index > 0 && $0.index.isFinite })
        let lastDay = path.suffix(86_400).map(\.level)
        #expect(abs(lastDay.reduce(0, +) / Double(lastDay.count) - 0.5) < 0.1)
        #expect(path.last!.time == Fixtures.start + Int64(7 * 86_400) * Fixtures.second)
    }

    @Test func aStillMarketStaysStill() {
        var simulator = MarketSimulator(
            configuration: Fixtures.flatMarket(),
            start: Fixtures.start,
            generator: SeededGenerator(seed: 1)
        )
        for _ in 0..<3_600 { simulator.step() }
        #expect(simulator.indexPrice == Fixtures.price("50000.00"))
    }

    @Test func sliceHasTheConfiguredAtmVolAndForwardCarriesTheBasis() {
        let surface = SurfaceModel(dynamics: Fixtures.flatMarket().surface)
        let state = MarketState(time: Fixtures.start, index: 50_000, level: 0.6, skew: -0.2, basis: 0.1, fundingRate: 0)
        let years = 30.0 / 365.25
        let slice = surface.slice(years: years, state: state)
        // SSVI's ATM total variance is θ = level²·T (termSlope 0 in the fixture).
        #expect(abs(slice.impliedVol(at: 0) - 0.6) < 1e-12)
        // Negative skew: puts (k < 0) richer than calls.
        #expect(slice.impliedVol(at: -0.2) > slice.impliedVol(at: 0.2))
        #expect(!slice.checkButterfly(over: -1.5...1.5, gridPoints: 301, tolerance: 1e-12).isViolated)
        let expiry = Fixtures.start + Int64(years * UnixNanos.nanosecondsPerYear)
        let x = 0.1 * state.time.years(until: expiry)
        let growth = 1 + x + x * x / 2 + x * x * x / 6 + x * x * x * x / 24
        #expect(abs(state.forward(expiry: expiry) / (50_000 * growth) - 1) < 1e-12)
    }
}
