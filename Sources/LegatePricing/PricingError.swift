/// Why an option could not be priced or its implied volatility found.
///
/// An operating error, not a crash: marks and quotes arrive from outside and can be NaN, stale or mis-scaled, so
/// each case names the offending field and value for the desk.
public enum PricingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An input is not a finite number or is outside the model's domain; `field` is the `OptionInputs` property
    /// name (or `vol`, `price`), with an `[index]` suffix for a batch row.
    case invalidInput(field: String, value: Double, reason: String)
    /// The implied-volatility solver found no volatility for the price (below intrinsic, above the maximum, …).
    case impliedVolatility(ImpliedVolatilityError)

    /// What went wrong and with which field, for logs and the command line.
    public var description: String {
        switch self {
        case .invalidInput(let field, let value, let reason): "invalid \(field) = \(value): \(reason)"
        case .impliedVolatility(let error): error.description
        }
    }
}
