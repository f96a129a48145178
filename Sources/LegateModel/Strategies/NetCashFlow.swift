public import LegateCore

/// A net price as cash for the trader: what a blotter shows next to a package.
public enum NetCashFlow: Hashable, Sendable, CustomStringConvertible {
    /// The trader pays this much per package unit.
    case debit(Price)
    /// The trader receives this much per package unit.
    case credit(Price)
    /// Neither pays.
    case even

    /// Classifies a signed cost to the trader (positive = pays).
    public init(traderCost: Price) {
        if traderCost.decimal.isPositive {
            self = .debit(traderCost)
        } else if traderCost.decimal.isNegative {
            self = .credit(Price(-traderCost.decimal))
        } else {
            self = .even
        }
    }

    public var description: String {
        switch self {
        case .debit(let price): "debit \(price)"
        case .credit(let price): "credit \(price)"
        case .even: "even"
        }
    }
}
