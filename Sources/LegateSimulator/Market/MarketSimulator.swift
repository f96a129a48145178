public import LegateCore
import RealModule

/// The market generator of one underlying: steps the index (Merton jump-diffusion), the surface level and skew, the
/// basis and the funding rate on a fixed grid of simulated time.
///
/// Time is passed in; the generator only moves forward and only in whole steps, so the same seed and the same calls
/// give the same path whatever the caller's step sizes.
public struct MarketSimulator: Hashable, Sendable {
    public let configuration: MarketConfiguration
    public private(set) var state: MarketState
    private var generator: SeededGenerator
    /// The drift correction `λκ` that makes the jump part a martingale, with `κ = E[e^J] − 1`.
    private let jumpCompensation: Double
    private let stepNanos: Int64

    public init(configuration: MarketConfiguration, start: UnixNanos, generator: SeededGenerator) {
        precondition(configuration.stepSeconds > 0, "market step must be positive")
        self.configuration = configuration
        self.generator = generator
        let spot = configuration.spot
        let kappa = Double.exp(spot.jumpMean + spot.jumpStandardDeviation * spot.jumpStandardDeviation / 2) - 1
        self.jumpCompensation = spot.jumpsPerYear * kappa
        self.stepNanos = configuration.stepSeconds * UnixNanos.nanosecondsPerSecond
        self.state = MarketState(
            time: start,
            index: configuration.initialIndex.doubleValue,
            level: configuration.surface.level.initial,
            skew: configuration.surface.skew.initial,
            basis: configuration.basis.initial,
            fundingRate: configuration.funding.ratePerInterval.initial
        )
    }

    /// The time of the next step.
    public var nextStepTime: UnixNanos { state.time + stepNanos }

    /// Moves the market one step forward.
    public mutating func step() {
        let years = Double(stepNanos) / UnixNanos.nanosecondsPerYear
        let spot = configuration.spot
        let surface = configuration.surface
        let spotShock = generator.normal()
        var logReturn =
            (spot.driftPerYear - spot.volatilityPerYear * spot.volatilityPerYear / 2 - jumpCompensation) * years
            + spot.volatilityPerYear * years.squareRoot() * spotShock
        var absoluteJumps = 0.0
        let jumps = generator.poisson(mean: spot.jumpsPerYear * years)
        for _ in 0..<jumps {
            let jump = generator.normal(mean: spot.jumpMean, standardDeviation: spot.jumpStandardDeviation)
            logReturn += jump
            absoluteJumps += abs(jump)
        }
        let correlation = surface.spotLevelCorrelation
        let levelShock = correlation * spotShock + (1 - correlation * correlation).squareRoot() * generator.normal()
        var level = surface.level.step(state.level, years: years, shock: levelShock)
        level = min(level + surface.levelJumpSensitivity * absoluteJumps, surface.level.maximum)
        state.index *= Double.exp(logReturn)
        state.level = level
        state.skew = surface.skew.step(state.skew, years: years, shock: generator.normal())
        state.basis = configuration.basis.step(state.basis, years: years, shock: generator.normal())
        state.fundingRate = configuration.funding.ratePerInterval.step(
            state.fundingRate,
            years: years,
            shock: generator.normal()
        )
        state.time = state.time + stepNanos
    }

    /// The index rounded to the published scale, as a price.
    public var indexPrice: Price {
        Self.publish(state.index, scale: configuration.indexScale)
    }

    /// A model value as a published price, to the nearest unit at `scale` (the venue's own rounding of its index).
    static func publish(_ value: Double, scale: Int8) -> Price {
        do {
            return Price(try FixedDecimal(value, scale: scale, rounding: .toNearestOrEven))
        } catch {
            preconditionFailure("market value \(value) cannot be published at scale \(scale): \(error)")
        }
    }
}
