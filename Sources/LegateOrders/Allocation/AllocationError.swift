public import LegateCore

/// Why a fill could not be allocated; targets are named by their index in the list given and their description.
public enum AllocationError: Error, Hashable, Sendable, CustomStringConvertible {
    case noTargets
    case tooManyTargets(count: Int, maximum: Int)
    case duplicateTarget(index: Int, firstIndex: Int, target: String)
    case nonPositiveFillQuantity(Quantity)
    case nonPositiveLot(Quantity)
    case negativeWeight(index: Int, target: String, weight: FixedDecimal)
    /// Every weight is zero: there is no share to allocate by.
    case zeroTotalWeight
    case negativeQuantity(index: Int, target: String, quantity: Quantity)
    /// Explicit amounts must add up to the fill exactly.
    case explicitSumMismatch(expected: Quantity, found: Quantity)
    /// An exact intermediate or result does not fit fixed point.
    case notRepresentable(operation: String)

    public var description: String {
        switch self {
        case .noTargets: "no allocation targets"
        case .tooManyTargets(let count, let maximum): "\(count) allocation targets; at most \(maximum)"
        case .duplicateTarget(let index, let firstIndex, let target):
            "target \(index) (\(target)) repeats target \(firstIndex)"
        case .nonPositiveFillQuantity(let quantity): "fill quantity \(quantity) must be positive"
        case .nonPositiveLot(let lot): "lot size \(lot) must be positive"
        case .negativeWeight(let index, let target, let weight):
            "target \(index) (\(target)) weight \(weight) is negative"
        case .zeroTotalWeight: "all allocation weights are zero"
        case .negativeQuantity(let index, let target, let quantity):
            "target \(index) (\(target)) quantity \(quantity) is negative"
        case .explicitSumMismatch(let expected, let found):
            "explicit allocations sum to \(found), not the fill quantity \(expected)"
        case .notRepresentable(let operation): "not representable in fixed point: \(operation)"
        }
    }
}
