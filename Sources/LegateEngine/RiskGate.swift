internal import LegateCore
public import LegateModel
public import LegateOrders
internal import OrderedCollections

/// The engine's view of the risk gate: judge proposed orders (one order, or every leg of a package together)
/// against the book. Pure: the same state and proposal always give the same decision.
public protocol RiskGate: Sendable {
    func evaluate(_ proposal: [Order], in state: EngineState) -> RiskDecision
}

/// A gate over the engine's own limits: order size, order notional, open-order count and position per
/// instrument, per account and firm-wide, hard or soft.
///
/// The full Greeks/margin/VaR gate replaces this behind the same protocol; these checks stay part of it.
/// An order that reduces a position passes a position limit that is already breached.
public struct LimitGate: RiskGate {
    public init() {}

    public func evaluate(_ proposal: [Order], in state: EngineState) -> RiskDecision {
        var soft: RiskBreach?
        for limit in state.limits.values {
            guard let breach = check(limit, proposal, state) else { continue }
            if limit.severity == .hard { return .reject(breach) }
            soft = soft ?? breach
        }
        return soft.map(RiskDecision.needsApproval) ?? .accept
    }

    func applies(_ scope: LimitScope, to order: Order) -> Bool {
        switch scope {
        case .firm: true
        case .account(let account): order.request.account == account
        }
    }

    func check(_ limit: Limit, _ proposal: [Order], _ state: EngineState) -> RiskBreach? {
        // A lazy view: the gate runs for every order and must not allocate per limit.
        let orders = proposal.lazy.filter { applies(limit.scope, to: $0) }
        guard !orders.isEmpty else { return nil }
        func breach(current: FixedDecimal, after: FixedDecimal) -> RiskBreach? {
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
        switch limit.measure {
        case .orderQuantity:
            for order in orders {
                if let found = breach(current: .zero, after: order.quantity.decimal) { return found }
            }
        case .orderNotional:
            for order in orders {
                if let found = breach(current: .zero, after: notional(of: order, state)) { return found }
            }
        case .openOrders:
            // Proposed orders are pending risk (or released from staging), so they are not yet counted as working.
            let open = state.workingOrderCount(in: limit.scope)
            let proposed = orders.reduce(0) { count, _ in count + 1 }
            return breach(current: FixedDecimal(Int64(open)), after: FixedDecimal(Int64(open + proposed)))
        case .positionPerInstrument:
            for order in orders {
                let (before, after) = positionChange(order, scope: limit.scope, state)
                // Reducing an existing position is always allowed, even past a breached limit.
                if after.magnitude <= before.magnitude { continue }
                if let found = breach(current: before.magnitude, after: after.magnitude) { return found }
            }
        }
        return nil
    }

    /// |price × quantity|, pricing non-quote limits (USD, implied vol) and market orders at the mark or their
    /// protection price; an order with no usable price counts at an unbounded notional so a notional limit stops it.
    func notional(of order: Order, _ state: EngineState) -> FixedDecimal {
        let price = order.kind.boundingPrice ?? state.marks[order.request.instrument]
        guard let price else { return FixedDecimal(units: Int64.max, scale: 0) }
        let value = try? price.decimal.multipliedExactly(by: order.quantity.decimal)
        return value?.magnitude ?? FixedDecimal(units: Int64.max, scale: 0)
    }

    /// The position in the order's instrument before and after the order fills completely, within the scope.
    func positionChange(_ order: Order, scope: LimitScope, _ state: EngineState) -> (FixedDecimal, FixedDecimal) {
        var before = FixedDecimal.zero
        for (key, position) in state.positions where key.instrument == order.request.instrument {
            switch scope {
            case .firm: before += position.netQuantity.decimal
            case .account(let account): if key.account == account { before += position.netQuantity.decimal }
            }
        }
        let signed = order.request.side == .buy ? order.quantity.decimal : -order.quantity.decimal
        return (before, before + signed)
    }
}
