public import LegateCore
public import LegateModel
public import LegatePricing
import RealModule

/// The simulated market of one underlying at one instant: index, vol surface factors, basis and funding.
public struct MarketState: Hashable, Sendable {
    public var time: UnixNanos
    /// The index in the quote currency (model value; published rounded to the index scale).
    public var index: Double
    /// ATM implied vol at 30 days.
    public var level: Double
    /// SSVI skew ρ.
    public var skew: Double
    /// Annualised futures basis: the forward for `T` years is `index·e^{basis·T}`.
    public var basis: Double
    /// The perpetual's funding rate per interval.
    public var fundingRate: Double

    public init(time: UnixNanos, index: Double, level: Double, skew: Double, basis: Double, fundingRate: Double) {
        self.time = time
        self.index = index
        self.level = level
        self.skew = skew
        self.basis = basis
        self.fundingRate = fundingRate
    }

    /// The forward for an expiry.
    public func forward(expiry: UnixNanos) -> Double {
        index * Double.exp(basis * max(time.years(until: expiry), 0))
    }
}

/// The surface of one market state: SSVI slices per expiry, and theoretical values of the instruments.
public struct SurfaceModel: Hashable, Sendable {
    public let dynamics: SurfaceDynamics

    public init(dynamics: SurfaceDynamics) {
        self.dynamics = dynamics
    }

    /// The raw-SVI slice of the SSVI smile for `years` to expiry under `state`.
    public func slice(years: Double, state: MarketState) -> SVISlice {
        let years = max(years, Self.minimumYears)
        let atmVol = state.level * Double.pow(years / Self.referenceYears, -dynamics.termSlope)
        let theta = atmVol * atmVol * years
        let gamma = dynamics.gamma
        let phi = dynamics.eta / (Double.pow(theta, gamma) * Double.pow(1 + theta, 1 - gamma))
        let rho = state.skew
        do {
            return try SVISlice(
                a: theta / 2 * (1 - rho * rho),
                b: theta * phi / 2,
                rho: rho,
                m: -rho / phi,
                sigma: (1 - rho * rho).squareRoot() / phi,
                timeToExpiry: years
            )
        } catch {
            preconditionFailure("SSVI slice out of range at T=\(years), level \(state.level), skew \(rho): \(error)")
        }
    }

    /// Thirty days: the tenor the configured ATM level refers to.
    static let referenceYears = 30.0 / 365.25
    /// One minute: options in their last minute are priced as if a minute remained, so vol stays finite.
    static let minimumYears = 60.0 / (365.25 * 86_400)

    /// The theoretical premium of an option in its quote currency (coin for inverse, quote for linear).
    public static func optionValue(
        _ terms: OptionTerms,
        settlement: Settlement,
        forward: Double,
        slice: SVISlice
    ) -> Double {
        let strike = terms.strike.doubleValue
        let years = slice.timeToExpiry
        let vol = slice.impliedVol(strike: strike, forward: forward)
        if settlement.isInverse {
            return InverseOption.price(terms.right, forward: forward, strike: strike, expiryYears: years, vol: vol)
        }
        return Black76.price(terms.right, forward: forward, strike: strike, expiryYears: years, rate: 0, vol: vol)
    }
}
