public import LegateCore
public import LegateModel

/// The simulated market of one underlying, as data (`Config/simulator/market-btc.json`).
///
/// Rates and volatilities are annualised (ACT/365.25) model parameters, so they are plain numbers; the starting index
/// is a decimal string because it becomes a price.
public struct MarketConfiguration: Hashable, Sendable, Codable {
    public var underlying: Underlying
    /// The index at the start of the simulation, in the quote currency.
    public var initialIndex: FixedDecimal
    /// Decimal places of published index prices (Deribit's `btc_usd` index has 2).
    public var indexScale: Int8
    /// Seconds between market steps; expiries and the clock passed in are aligned to whole steps.
    public var stepSeconds: Int64
    public var spot: SpotDynamics
    public var surface: SurfaceDynamics
    public var basis: MeanRevertingFactor
    public var funding: FundingDynamics

    public init(
        underlying: Underlying,
        initialIndex: FixedDecimal,
        indexScale: Int8,
        stepSeconds: Int64,
        spot: SpotDynamics,
        surface: SurfaceDynamics,
        basis: MeanRevertingFactor,
        funding: FundingDynamics
    ) {
        self.underlying = underlying
        self.initialIndex = initialIndex
        self.indexScale = indexScale
        self.stepSeconds = stepSeconds
        self.spot = spot
        self.surface = surface
        self.basis = basis
        self.funding = funding
    }
}

/// Merton jump-diffusion for the index: a lognormal diffusion plus Poisson jumps with normal log sizes.
public struct SpotDynamics: Hashable, Sendable, Codable {
    public var driftPerYear: Double
    public var volatilityPerYear: Double
    public var jumpsPerYear: Double
    /// Mean of the log jump size.
    public var jumpMean: Double
    /// Standard deviation of the log jump size.
    public var jumpStandardDeviation: Double

    public init(
        driftPerYear: Double,
        volatilityPerYear: Double,
        jumpsPerYear: Double,
        jumpMean: Double,
        jumpStandardDeviation: Double
    ) {
        self.driftPerYear = driftPerYear
        self.volatilityPerYear = volatilityPerYear
        self.jumpsPerYear = jumpsPerYear
        self.jumpMean = jumpMean
        self.jumpStandardDeviation = jumpStandardDeviation
    }
}

/// A mean-reverting (Ornstein–Uhlenbeck) factor, clamped to a range.
public struct MeanRevertingFactor: Hashable, Sendable, Codable {
    public var initial: Double
    public var longRunMean: Double
    public var meanReversionPerYear: Double
    /// Standard deviation per √year of the factor's shocks.
    public var volatilityPerYear: Double
    public var minimum: Double
    public var maximum: Double

    public init(
        initial: Double,
        longRunMean: Double,
        meanReversionPerYear: Double,
        volatilityPerYear: Double,
        minimum: Double,
        maximum: Double
    ) {
        self.initial = initial
        self.longRunMean = longRunMean
        self.meanReversionPerYear = meanReversionPerYear
        self.volatilityPerYear = volatilityPerYear
        self.minimum = minimum
        self.maximum = maximum
    }

    /// One Euler step of `dx = κ(θ − x)dt + ξ√dt·shock`, clamped.
    func step(_ value: Double, years: Double, shock: Double) -> Double {
        let next =
            value + meanReversionPerYear * (longRunMean - value) * years
            + volatilityPerYear * years.squareRoot() * shock
        return min(max(next, minimum), maximum)
    }
}

/// The implied-volatility surface: SSVI slices (Gatheral–Jacquier) whose ATM level and skew move.
///
/// ATM vol for an expiry `T` is `level·(T/T_ref)^(−termSlope)` with `T_ref` 30 days, so total variance grows with
/// `T` while `termSlope < 0.5` (no calendar arbitrage); the smile is SSVI with the power-law `φ(θ) = η/(θ^γ(1+θ)^(1−γ))`,
/// arbitrage-free while `η(1 + |ρ|) ≤ 2`.
public struct SurfaceDynamics: Hashable, Sendable, Codable {
    /// ATM implied vol at 30 days.
    public var level: MeanRevertingFactor
    /// SSVI correlation ρ (negative = put skew).
    public var skew: MeanRevertingFactor
    public var termSlope: Double
    public var eta: Double
    public var gamma: Double
    /// Correlation of level shocks with index shocks (negative: vol rises as the index falls).
    public var spotLevelCorrelation: Double
    /// How much the level rises per unit of absolute log jump (vol spikes after jumps).
    public var levelJumpSensitivity: Double

    public init(
        level: MeanRevertingFactor,
        skew: MeanRevertingFactor,
        termSlope: Double,
        eta: Double,
        gamma: Double,
        spotLevelCorrelation: Double,
        levelJumpSensitivity: Double
    ) {
        self.level = level
        self.skew = skew
        self.termSlope = termSlope
        self.eta = eta
        self.gamma = gamma
        self.spotLevelCorrelation = spotLevelCorrelation
        self.levelJumpSensitivity = levelJumpSensitivity
    }
}

/// The perpetual's funding rate per interval, mean-reverting.
public struct FundingDynamics: Hashable, Sendable, Codable {
    public var ratePerInterval: MeanRevertingFactor
    public var intervalHours: Int64

    public init(ratePerInterval: MeanRevertingFactor, intervalHours: Int64) {
        self.ratePerInterval = ratePerInterval
        self.intervalHours = intervalHours
    }
}
