/// Why no Black volatility could be implied from a price.
///
/// These are operating errors: a quote that is stale, crossed or mis-scaled produces them, so each case carries the
/// figures a desk needs to see what was wrong. A price never yields NaN; it yields a volatility or one of these.
public enum ImpliedVolatilityError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The price is below the (discounted) intrinsic value `D·max(θ(F − K), 0)`: no volatility, not even zero,
    /// produces it.
    case belowIntrinsic(price: Double, intrinsic: Double)
    /// The price is at or above the (discounted) upper bound, `D·F` for a call or `D·K` for a put, which only an
    /// infinite volatility approaches.
    case aboveMaximum(price: Double, maximum: Double)
    /// An input is not a finite number, or is not positive where it must be.
    case invalidInput(field: String, value: Double, reason: String)

    public var description: String {
        switch self {
        case .belowIntrinsic(let price, let intrinsic):
            "implied volatility: price \(price) is below the intrinsic value \(intrinsic)"
        case .aboveMaximum(let price, let maximum):
            "implied volatility: price \(price) is at or above the maximum \(maximum) that any finite volatility gives"
        case .invalidInput(let field, let value, let reason):
            "implied volatility: \(field) = \(value) \(reason)"
        }
    }
}
