public import LegateCore
public import LegateModel

/// Why the market state cannot answer a question or accept a value.
///
/// Operating errors: market data is late, missing or mis-scaled. Each case names the underlying (and expiry or
/// venue) so the decision that needed it can say what was missing.
public enum MarketDataError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No index price has been set for the underlying.
    case missingIndex(Underlying)
    /// No forward point (future or put-call parity) exists for the underlying, so no expiry can be valued.
    case missingForward(Underlying, expiry: UnixNanos)
    /// No volatility surface has been set for the underlying.
    case missingVolSurface(Underlying)
    /// The expiry is not after the market state's valuation time.
    case expired(expiry: UnixNanos, asOf: UnixNanos)
    /// A price, rate or vol is not finite or outside its domain.
    case invalidValue(field: String, value: Double, underlying: Underlying)
    /// Put-call parity gives no positive forward for these prices.
    case parityWithoutForward(Underlying, expiry: UnixNanos, strike: Double, reason: String)
    /// The instrument cannot be valued as one position (a venue combo: value its legs).
    case unsupportedInstrument(Instrument)
    /// The valuation time would move backwards.
    case timeMovedBackwards(from: UnixNanos, to: UnixNanos)

    public var description: String {
        switch self {
        case .missingIndex(let underlying): "no index price for \(underlying)"
        case .missingForward(let underlying, let expiry):
            "no forward for \(underlying) at \(expiry): no future and no put-call parity point"
        case .missingVolSurface(let underlying): "no volatility surface for \(underlying)"
        case .expired(let expiry, let asOf): "expiry \(expiry) is not after the market time \(asOf)"
        case .invalidValue(let field, let value, let underlying): "\(underlying) \(field) = \(value) is invalid"
        case .parityWithoutForward(let underlying, let expiry, let strike, let reason):
            "put-call parity for \(underlying) \(expiry) strike \(strike) gives no forward: \(reason)"
        case .unsupportedInstrument(let instrument): "cannot value \(instrument) as one position"
        case .timeMovedBackwards(let from, let to): "market time cannot move back from \(from) to \(to)"
        }
    }
}
