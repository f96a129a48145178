public import LegateCore

/// The risk gate's answer for an order or a package. A business outcome: a value, never an error.
public enum RiskDecision: Hashable, Sendable, Codable {
    case accept
    case reject(RiskBreach)
    /// A soft limit is breached: a risk manager other than the owner must approve.
    case needsApproval(RiskBreach)
    /// The gate cannot compute a measure a limit needs (the market cannot value an instrument): it fails closed.
    case unassessable(reason: String)
}

/// The limit an order breaks, with the figures the gate used.
public struct RiskBreach: Hashable, Sendable, Codable, CustomStringConvertible {
    public let measure: LimitMeasure
    public let scope: LimitScope
    public let severity: LimitSeverity
    /// The measure before the order.
    public let current: FixedDecimal
    /// The measure if the order is accepted (and fills completely).
    public let after: FixedDecimal
    public let threshold: FixedDecimal

    public init(
        measure: LimitMeasure,
        scope: LimitScope,
        severity: LimitSeverity,
        current: FixedDecimal,
        after: FixedDecimal,
        threshold: FixedDecimal
    ) {
        self.measure = measure
        self.scope = scope
        self.severity = severity
        self.current = current
        self.after = after
        self.threshold = threshold
    }

    public var description: String {
        "\(severity.rawValue) limit \(measure.rawValue) for \(scope): \(current) now, \(after) after, threshold \(threshold)"
    }
}
