/// Why a decimal operation could not give an exact, representable result.
public enum FixedDecimalError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text is not a decimal number.
    case malformed(text: String, reason: String)
    /// Narrowing the scale would drop a non-zero digit.
    case inexact(value: String, scale: Int)
    /// The exact result does not fit 64-bit units at any allowed scale.
    case notRepresentable(operation: String)
    /// A scale outside `0...18` was asked for.
    case scaleOutOfRange(Int)
    /// NaN or infinity cannot become a decimal.
    case notFinite(Double)
    case divisionByZero(dividend: String)
    /// A tick or lot increment must be positive.
    case nonPositiveIncrement(String)

    public var description: String {
        switch self {
        case .malformed(let text, let reason): "not a decimal number: \"\(text)\" (\(reason))"
        case .inexact(let value, let scale): "\(value) cannot be written with \(scale) decimal places without rounding"
        case .notRepresentable(let operation): "result not representable in 64-bit fixed point: \(operation)"
        case .scaleOutOfRange(let scale): "scale \(scale) is outside 0...18"
        case .notFinite(let value): "\(value) is not a finite number"
        case .divisionByZero(let dividend): "division of \(dividend) by zero"
        case .nonPositiveIncrement(let increment): "increment \(increment) must be positive"
        }
    }
}
