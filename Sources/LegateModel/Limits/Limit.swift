public import LegateCore

/// A measure a limit bounds. Greeks and losses are in USD so that one threshold means the same across underlyings;
/// Greek limits bound the magnitude (|delta| ≤ threshold).
public enum LimitMeasure: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    /// Size of one order (or package unit count), in contracts.
    case orderQuantity = "order_quantity"
    /// |price × quantity| of one order, in the instrument's quote currency: coin premium for an inverse option, USDC
    /// or USDT for a linear contract; for an inverse future or perpetual, its size in USD of face value.
    case orderNotional = "order_notional"
    /// Orders working at once (sent, acknowledged, partially filled, or awaiting approval).
    case openOrders = "open_orders"
    /// |position| in one instrument after the order fills completely.
    case positionPerInstrument = "position_per_instrument"
    /// Σ |position| × underlying index over the scope's positions, in USD.
    case grossNotional = "gross_notional"
    /// |Σ delta × index| in USD: the USD change for a 100% move, to first order.
    case delta
    /// |Σ gamma × index² / 100| in USD: the change of USD delta for a 1% move.
    case gamma
    /// |Σ vega| in USD per volatility point (0.01); with an expiry bucket in the scope, that bucket's vega.
    case vega
    /// |Σ theta| in USD per day.
    case theta
    /// Initial margin ÷ equity of the scope's risk units, a fraction (0.8 = 80%).
    case marginUtilisation = "margin_utilisation"
    /// The largest loss over the portfolio-margin scenario grid, in USD (a positive number).
    case worstScenarioLoss = "worst_scenario_loss"
    /// Value at risk over the VaR scenario set at the configured confidence, in USD (a positive number).
    case valueAtRisk = "value_at_risk"
    /// Expected shortfall over the VaR scenario set at the configured confidence, in USD (a positive number).
    case expectedShortfall = "expected_shortfall"
    /// |residual delta| in USD of one partly filled package: what its legs hold beyond whole package units, as the
    /// gate values it. A package's legging budget in delta; judged per package, like order size per order.
    case leggingDelta = "legging_delta"
    /// |residual vega| in USD per volatility point of one partly filled package (its legging budget in vega).
    case leggingVega = "legging_vega"
    /// Seconds a package may stay partly filled, counted from its placement (its legging budget in time): past it,
    /// only orders that shrink the package's residual pass.
    case leggingTime = "legging_time"

    public static func < (lhs: LimitMeasure, rhs: LimitMeasure) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Whether the measure is about one order (judged per order), rather than about the book after the order.
    public var isPerOrder: Bool {
        switch self {
        case .orderQuantity, .orderNotional: true
        default: false
        }
    }
}

/// Where a limit applies: firm → desk → account → underlying → expiry bucket, optionally only to the orders of users
/// holding a role. A nil component matches everything, so `LimitScope.firm` matches every order. A limit applies to
/// an order when every set component matches it, and its measure is computed over the positions the scope selects.
public struct LimitScope: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public let desk: DeskID?
    public let account: AccountID?
    /// The underlying's base asset (BTC), across quote currencies and settlements.
    public let underlying: Asset?
    /// The label of an expiry bucket of the risk model (`Models/`), for per-bucket vega.
    public let expiryBucket: String?
    /// Only orders entered by a user holding this role.
    public let role: Role?

    public init(
        desk: DeskID? = nil,
        account: AccountID? = nil,
        underlying: Asset? = nil,
        expiryBucket: String? = nil,
        role: Role? = nil
    ) {
        self.desk = desk
        self.account = account
        self.underlying = underlying
        self.expiryBucket = expiryBucket
        self.role = role
    }

    /// Every order of the firm.
    public static let firm = LimitScope()

    public static func account(_ account: AccountID) -> LimitScope { LimitScope(account: account) }

    public static func desk(_ desk: DeskID) -> LimitScope { LimitScope(desk: desk) }

    public var isFirm: Bool { self == .firm }

    public var description: String {
        var parts: [String] = []
        if let desk { parts.append("desk \(desk)") }
        if let account { parts.append("account \(account)") }
        if let underlying { parts.append("underlying \(underlying)") }
        if let expiryBucket { parts.append("expiry \(expiryBucket)") }
        if let role { parts.append("role \(role.rawValue)") }
        return parts.isEmpty ? "firm" : parts.joined(separator: ", ")
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
