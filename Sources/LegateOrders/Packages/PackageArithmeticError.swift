public import LegateCore

/// Why a package computation (net price, limit check, price bound, fill progress) could not be done exactly.
public enum PackageArithmeticError: Error, Hashable, Sendable, CustomStringConvertible {
    /// One value per leg was expected.
    case legCountMismatch(expected: Int, found: Int)
    case legIndexOutOfRange(leg: Int, count: Int)
    /// A price needed for this leg was not given.
    case missingLegPrice(leg: Int)
    case nonPositiveIncrement(FixedDecimal)
    case nonPositivePackageUnits(Quantity)
    case negativeFill(leg: Int, filled: Quantity)
    /// A leg reports more filled than its order quantity: a venue or bookkeeping fault to surface, not to absorb.
    case overfilled(leg: Int, filled: Quantity, ordered: Quantity)
    /// The exact result does not fit 64-bit fixed point.
    case notRepresentable(operation: String)

    public var description: String {
        switch self {
        case .legCountMismatch(let expected, let found): "got \(found) per-leg values for a package of \(expected) legs"
        case .legIndexOutOfRange(let leg, let count): "leg \(leg) is outside a package of \(count) legs"
        case .missingLegPrice(let leg): "leg \(leg) has no price"
        case .nonPositiveIncrement(let increment): "increment \(increment) must be positive"
        case .nonPositivePackageUnits(let units): "package units \(units) must be positive"
        case .negativeFill(let leg, let filled): "leg \(leg) filled quantity \(filled) is negative"
        case .overfilled(let leg, let filled, let ordered):
            "leg \(leg) filled \(filled), more than its order \(ordered)"
        case .notRepresentable(let operation): "not representable in 64-bit fixed point: \(operation)"
        }
    }
}
