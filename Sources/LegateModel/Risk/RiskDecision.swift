public import LegateCore

/// The risk gate's answer for an order or a package. A business outcome: a value, never an error.
///
/// Every answer records what it was computed on, so the journal shows it: an accept carries its `RiskBasis`, a
/// reject or an approval request its `RiskBreach` (both name the market state and the figures of the limit).
public enum RiskDecision: Hashable, Sendable, Codable {
    /// Every limit passes.
    case accept(RiskBasis)
    case reject(RiskBreach)
    /// A soft limit is breached: a risk manager other than the owner must approve.
    case needsApproval(RiskBreach)
    /// The gate cannot compute a measure a limit needs (the market cannot value an instrument): it fails closed.
    case unassessable(reason: String)
}

extension RiskDecision {
    public var isAccepted: Bool {
        if case .accept = self { return true }
        return false
    }

    /// The decision once a valid approval covers it: a needs-approval becomes an accept on the same basis (the
    /// breach it was approved over is the nearest limit); any other decision is unchanged.
    public var approved: RiskDecision {
        guard case .needsApproval(let breach) = self else { return self }
        return .accept(RiskBasis(market: breach.market, nearest: breach))
    }
}

/// What an accepted decision was computed on: the market state and the limit the proposal came nearest to.
public struct RiskBasis: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The market state the gate valued on; nil for a gate that values nothing (order limits only).
    public let market: MarketStamp?
    /// The limit with the largest figure after the proposal relative to its threshold, with its figures; nil when no
    /// limit applied to the proposal.
    public let nearest: RiskBreach?

    public init(market: MarketStamp?, nearest: RiskBreach?) {
        self.market = market
        self.nearest = nearest
    }

    public static let unstated = RiskBasis(market: nil, nearest: nil)

    public var description: String {
        let on = market.map { " on \($0)" } ?? ""
        guard let nearest else { return "no limit applied\(on)" }
        return "nearest \(nearest.severity.rawValue) limit \(nearest.measure.rawValue) for \(nearest.scope): "
            + "\(nearest.current) now, \(nearest.after) after, threshold \(nearest.threshold)\(on)"
    }
}

/// Which market state a risk figure was computed on: the state's version (bumped by every market change) and its
/// valuation time.
public struct MarketStamp: Hashable, Sendable, Codable, CustomStringConvertible {
    public let sequence: UInt64
    public let asOf: UnixNanos

    public init(sequence: UInt64, asOf: UnixNanos) {
        self.sequence = sequence
        self.asOf = asOf
    }

    public var description: String { "market#\(sequence)@\(asOf)" }
}

/// A limit with the figures the gate used: the one an order breaks, or on an accept the one it came nearest to.
public struct RiskBreach: Hashable, Sendable, Codable, CustomStringConvertible {
    public let measure: LimitMeasure
    public let scope: LimitScope
    public let severity: LimitSeverity
    /// The measure before the order.
    public let current: FixedDecimal
    /// The measure if the order is accepted (and fills completely).
    public let after: FixedDecimal
    public let threshold: FixedDecimal
    /// The market state the figures were computed on; nil for figures that value nothing (order size, counts).
    public let market: MarketStamp?

    public init(
        measure: LimitMeasure,
        scope: LimitScope,
        severity: LimitSeverity,
        current: FixedDecimal,
        after: FixedDecimal,
        threshold: FixedDecimal,
        market: MarketStamp? = nil
    ) {
        self.measure = measure
        self.scope = scope
        self.severity = severity
        self.current = current
        self.after = after
        self.threshold = threshold
        self.market = market
    }

    public var description: String {
        "\(severity.rawValue) limit \(measure.rawValue) for \(scope): \(current) now, \(after) after, threshold \(threshold)"
            + (market.map { " on \($0)" } ?? "")
    }
}
