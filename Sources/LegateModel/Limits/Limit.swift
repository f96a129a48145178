public import LegateCore

/// A measure a limit bounds.
public enum LimitMeasure: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    /// Size of one order (or package unit count), in contracts.
    case orderQuantity = "order_quantity"
    /// |price × quantity × multiplier| of one order, in the instrument's quote currency.
    case orderNotional = "order_notional"
    /// Orders working at once (sent, acknowledged, partially filled, or awaiting approval).
    case openOrders = "open_orders"
    /// |position| in one instrument after the order fills completely.
    case positionPerInstrument = "position_per_instrument"

    public static func < (lhs: LimitMeasure, rhs: LimitMeasure) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Where a limit applies. Narrower scopes are checked as well as wider ones; every applicable limit must pass.
public enum LimitScope: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    case firm
    case account(AccountID)

    public var description: String {
        switch self {
        case .firm: "firm"
        case .account(let account): "account \(account)"
        }
    }

    public static func < (lhs: LimitScope, rhs: LimitScope) -> Bool { lhs.description < rhs.description }
}

/// Hard limits reject; soft limits ask a risk manager to approve.
public enum LimitSeverity: String, Hashable, Sendable, Codable {
    case hard
    case soft
}

/// One limit: a threshold on a measure in a scope.
public struct Limit: Hashable, Sendable, Codable {
    public let measure: LimitMeasure
    public let scope: LimitScope
    public let threshold: FixedDecimal
    public let severity: LimitSeverity

    public init(measure: LimitMeasure, scope: LimitScope, threshold: FixedDecimal, severity: LimitSeverity) {
        self.measure = measure
        self.scope = scope
        self.threshold = threshold
        self.severity = severity
    }

    public var key: LimitKey { LimitKey(measure: measure, scope: scope, severity: severity) }
}

/// Identifies a limit slot: at most one hard and one soft limit per measure and scope.
public struct LimitKey: Hashable, Sendable, Codable, Comparable {
    public let measure: LimitMeasure
    public let scope: LimitScope
    public let severity: LimitSeverity

    public init(measure: LimitMeasure, scope: LimitScope, severity: LimitSeverity) {
        self.measure = measure
        self.scope = scope
        self.severity = severity
    }

    public static func < (lhs: LimitKey, rhs: LimitKey) -> Bool {
        (lhs.measure, lhs.scope, lhs.severity.rawValue) < (rhs.measure, rhs.scope, rhs.severity.rawValue)
    }
}
