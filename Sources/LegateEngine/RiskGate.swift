public import LegateCore
public import LegateModel
public import LegateOrders
internal import OrderedCollections

/// What the gate judges with: the engine's state and configuration at the time of the decision.
public struct RiskContext {
    /// The engine lends its state for the decision (see `Engine.evaluateGate`), so this is a `var` only to the engine.
    public internal(set) var state: EngineState
    public let configuration: EngineConfiguration
    public let time: UnixNanos

    public init(state: EngineState, configuration: EngineConfiguration, time: UnixNanos) {
        self.state = state
        self.configuration = configuration
        self.time = time
    }
}

/// The engine's view of the risk gate: judge proposed orders (one order, or every leg of a package together)
/// against the book. Pure: the same state and proposal always give the same decision.
///
/// A gate may keep derived state (a risk book with aggregated Greeks and scenario vectors) in step with the engine:
/// the engine calls `observe` after every event it applies, live and in replay, and `rebuild` after loading a
/// snapshot, so the derived state is always a function of the journal.
public protocol RiskGate: Sendable {
    /// Mutating so a gate can reuse scratch storage (the decision path must not allocate); decisions themselves
    /// change nothing a later decision sees.
    mutating func evaluate(_ proposal: [Order], context: RiskContext) -> RiskDecision
    /// Why this gate cannot enforce a limit in this slot, or nil when it can; the engine refuses such limits.
    func unsupportedReason(_ key: LimitKey) -> String?
    mutating func observe(_ event: Event, state: EngineState, configuration: EngineConfiguration)
    mutating func rebuild(from state: EngineState, configuration: EngineConfiguration)
}

extension RiskGate {
    public mutating func observe(_ event: Event, state: EngineState, configuration: EngineConfiguration) {}
    public mutating func rebuild(from state: EngineState, configuration: EngineConfiguration) {}
}

/// A gate over the engine's own limits: order size, order notional, open-order count and position per
/// instrument, per firm, desk, account, underlying and role, hard or soft.
///
/// The portfolio gate (Greeks, margin, VaR) composes these checks with its own.
/// An order that reduces a position passes a position limit that is already breached.
public struct LimitGate: RiskGate {
    public init() {}

    /// The measures this gate computes.
    public static let measures: Set<LimitMeasure> = [
        .orderQuantity, .orderNotional, .openOrders, .positionPerInstrument,
    ]

    public func evaluate(_ proposal: [Order], context: RiskContext) -> RiskDecision {
        var soft: RiskBreach?
        for limit in context.state.limits.values where Self.measures.contains(limit.measure) {
            guard let breach = check(limit, proposal, context) else { continue }
            if limit.severity == .hard { return .reject(breach) }
            soft = soft ?? breach
        }
        return soft.map(RiskDecision.needsApproval) ?? .accept
    }

    public func unsupportedReason(_ key: LimitKey) -> String? {
        guard Self.measures.contains(key.measure) else {
            return "\(key.measure.rawValue) needs the portfolio risk gate, which this engine does not run"
        }
        return Self.scopeProblem(key)
    }

    /// Scopes the order-level measures cannot be computed in.
    static func scopeProblem(_ key: LimitKey) -> String? {
        if key.scope.expiryBucket != nil {
            return "\(key.measure.rawValue) cannot be limited per expiry bucket (only vega can)"
        }
        if key.measure == .openOrders && (key.scope.underlying != nil || key.scope.role != nil) {
            return "open orders are counted per firm, desk or account, not per underlying or role"
        }
        return nil
    }

    func check(_ limit: Limit, _ proposal: [Order], _ context: borrowing RiskContext) -> RiskBreach? {
        // Plain loops over the borrowed context: a closure capturing it, or a local copy of its state, would retain
        // every collection in the state once per limit and order.
        switch limit.measure {
        case .orderQuantity:
            for order in proposal where covers(limit, order, context) {
                if let found = breach(limit, current: .zero, after: order.quantity.decimal) { return found }
            }
        case .orderNotional:
            for order in proposal where covers(limit, order, context) {
                if let found = breach(limit, current: .zero, after: notional(of: order, marks: context.state.marks)) {
                    return found
                }
            }
        case .openOrders:
            var proposed = 0
            for order in proposal where covers(limit, order, context) { proposed += 1 }
            guard proposed > 0 else { return nil }
            // Proposed orders are pending risk (or released from staging), so they are not yet counted as working.
            let open = context.state.workingOrderCount(in: limit.scope, desks: context.configuration.desks)
            return breach(limit, current: FixedDecimal(Int64(open)), after: FixedDecimal(Int64(open + proposed)))
        case .positionPerInstrument:
            for order in proposal where covers(limit, order, context) {
                let (before, after) = positionChange(order, scope: limit.scope, context)
                // Reducing an existing position is always allowed, even past a breached limit.
                if after.magnitude <= before.magnitude { continue }
                if let found = breach(limit, current: before.magnitude, after: after.magnitude) { return found }
            }
        default:
            break
        }
        return nil
    }

    func covers(_ limit: Limit, _ order: Order, _ context: borrowing RiskContext) -> Bool {
        context.configuration.scope(limit.scope, covers: order.request, owner: order.owner)
    }

    func breach(_ limit: Limit, current: FixedDecimal, after: FixedDecimal) -> RiskBreach? {
        guard after > limit.threshold else { return nil }
        return RiskBreach(
            measure: limit.measure,
            scope: limit.scope,
            severity: limit.severity,
            current: current,
            after: after,
            threshold: limit.threshold
        )
    }

    /// |price × quantity|, pricing non-quote limits (USD, implied vol) and market orders at the mark or their
    /// protection price; an order with no usable price counts at an unbounded notional so a notional limit stops it.
    func notional(of order: Order, marks: [Instrument: Price]) -> FixedDecimal {
        let price = order.kind.boundingPrice ?? marks[order.request.instrument]
        guard let price else { return FixedDecimal(units: Int64.max, scale: 0) }
        let value = try? price.decimal.multipliedExactly(by: order.quantity.decimal)
        return value?.magnitude ?? FixedDecimal(units: Int64.max, scale: 0)
    }

    /// The position in the order's instrument before and after the order fills completely, over the accounts the
    /// scope selects (a role narrows which orders are judged, not which positions count).
    func positionChange(
        _ order: Order,
        scope: LimitScope,
        _ context: borrowing RiskContext
    ) -> (FixedDecimal, FixedDecimal) {
        var before = FixedDecimal.zero
        for key in context.state.positionKeysByInstrument[order.request.instrument] ?? [] {
            if let account = scope.account, key.account != account { continue }
            if let desk = scope.desk, context.configuration.desks[key.account] != desk { continue }
            before += context.state.positions[key]?.netQuantity.decimal ?? .zero
        }
        let signed = order.request.side == .buy ? order.quantity.decimal : -order.quantity.decimal
        return (before, before + signed)
    }
}
