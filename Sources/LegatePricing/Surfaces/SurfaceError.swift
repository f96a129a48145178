/// Why a volatility slice or surface could not be built, calibrated or queried.
///
/// These are operating errors: they come from market data or configuration, not from a bug, so they are thrown
/// with enough context (which expiry, which parameter or quote, which value) for a desk to find the bad input.
/// Expiries are named by their year fraction `T` because that is the only time a slice knows.
public enum SurfaceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A raw SVI parameter is outside its admissible range.
    case invalidParameter(name: String, value: Double, requirement: String, timeToExpiry: Double)
    /// The parameters are each admissible but the smile dips below zero total variance.
    case negativeTotalVariance(minimum: Double, timeToExpiry: Double)
    /// The year fraction to expiry is not a positive finite number.
    case invalidTimeToExpiry(Double)
    /// Calibration needs at least `minimum` quotes at distinct log-moneyness to pin five parameters.
    case tooFewQuotes(distinct: Int, minimum: Int, timeToExpiry: Double)
    /// One quote is unusable (non-finite, non-positive vol or weight).
    case invalidQuote(index: Int, field: String, value: Double, reason: String, timeToExpiry: Double)
    /// The optimiser found no admissible slice (the data cannot be fitted by any arbitrage-bounded SVI).
    case calibrationFailed(reason: String, timeToExpiry: Double)
    /// A surface needs at least one slice.
    case emptySurface
    /// Two slices share one expiry, so interpolation in time would divide by zero.
    case duplicateExpiry(timeToExpiry: Double)

    public var description: String {
        switch self {
        case .invalidParameter(let name, let value, let requirement, let timeToExpiry):
            "SVI slice T=\(timeToExpiry): parameter \(name)=\(value) violates \(requirement)"
        case .negativeTotalVariance(let minimum, let timeToExpiry):
            "SVI slice T=\(timeToExpiry): minimum total variance a + b·σ·√(1−ρ²) = \(minimum) is negative"
        case .invalidTimeToExpiry(let value):
            "time to expiry \(value) must be a positive finite year fraction"
        case .tooFewQuotes(let distinct, let minimum, let timeToExpiry):
            "SVI calibration T=\(timeToExpiry): needs at least \(minimum) quotes at distinct log-moneyness, got \(distinct)"
        case .invalidQuote(let index, let field, let value, let reason, let timeToExpiry):
            "SVI calibration T=\(timeToExpiry): quote #\(index) has \(field)=\(value) (\(reason))"
        case .calibrationFailed(let reason, let timeToExpiry):
            "SVI calibration T=\(timeToExpiry) failed: \(reason)"
        case .emptySurface:
            "a volatility surface needs at least one slice"
        case .duplicateExpiry(let timeToExpiry):
            "two slices share the expiry T=\(timeToExpiry)"
        }
    }
}
