public import LegateCore
public import LegateModel
public import LegateOrders
internal import OrderedCollections

/// The orders a gate judges together, read in place: reading an order through an array's subscript copies it out,
/// retaining every reference it holds, once per limit and order.
typealias Proposal = UnsafeBufferPointer<Order>

/// A proposal with what limit scopes match each order on, read once per decision.
struct ScopedProposal {
    let orders: Proposal
    /// `scopes[i]` is `orders[i]`'s.
    let scopes: UnsafeBufferPointer<OrderScope>

    /// Whether `limit` applies to order `index`.
    func covers(_ index: Int, _ limit: Limit, _ configuration: EngineConfiguration) -> Bool {
        scopes[index].isCovered(by: limit.scope, configuration)
    }
}

/// What a limit scope matches an order on, read once per decision: comparing these fields costs less than reading
/// the order again for every limit (which copies it).
struct OrderScope {
    let account: AccountID
    let desk: DeskID?
    let base: Asset
    let owner: UserID

    /// Order `index`'s scope with its desk given, reading the order in place (an order passed from the buffer is
    /// copied first, every text and array in it retained and released).
    private init(_ orders: Proposal, _ index: Int, desk: DeskID?) {
        account = orders[index].request.account
        self.desk = desk
        base = orders[index].request.instrument.underlying.base
        owner = orders[index].owner
    }

    /// Initializes `scopes[i]` to order `i`'s scope. An order of the same account as the one before it takes that
    /// order's desk: a package's legs share an account, and comparing the ids costs less than hashing one.
    static func initialize(
        _ scopes: UnsafeMutableBufferPointer<OrderScope>,
        from orders: Proposal,
        _ configuration: EngineConfiguration
    ) {
        for index in orders.indices {
            let desk =
                index > 0 && scopes[index - 1].account == orders[index].request.account
                ? scopes[index - 1].desk : configuration.desks[orders[index].request.account]
            scopes.initializeElement(at: index, to: OrderScope(orders, index, desk: desk))
        }
    }

    /// `EngineConfiguration.scope(_:covers:owner:)`'s rule — desk, account, underlying and role — on these fields.
    func isCovered(by scope: LimitScope, _ configuration: EngineConfiguration) -> Bool {
        if let account = scope.account, self.account != account { return false }
        if let desk = scope.desk, self.desk != desk { return false }
        if let underlying = scope.underlying, base != underlying { return false }
        if let role = scope.role, configuration.users[owner]?.roles.contains(role) != true { return false }
        return true
    }
}

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
    mutating func evaluate(_ proposal: [Order], context: borrowing RiskContext) -> RiskDecision
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
///
/// The position-per-instrument limit counts orders working at a venue as if they filled, as the portfolio gate does
/// (`WorkingOrder`, `PositionMirror`): orders that each pass the limit cannot together break it, and working buys
/// and sells net. An order that reduces a position passes a position limit that is already breached. The positions
/// and working remainders are mirrored by `observe` and `rebuild`, so a decision reads the few accounts holding the
/// instrument instead of scanning the orders; a decision on a state the gate has not kept in step with (one it was
/// not rebuilt from, or that missed an event) reads the state instead (`StateExposurePositions`).
public struct LimitGate: RiskGate {
    /// The engine's positions with what is left working of its orders, per instrument.
    var positions = PositionMirror()
    /// What is left working of each order (signed; zero when it is not working at a venue), as `positions` counts
    /// it, at the order's index in the engine's order table (orders are never removed, so the index is the order's
    /// for good). Dense rather than hashed: new orders append, and reading an order's slot hashes nothing (a
    /// dictionary of working orders, growing with a day's resting orders, rehashed on the hot path). Its 16 bytes
    /// per order sit beside the state's own copy of every order.
    var working: ContiguousArray<FixedDecimal> = []
    /// The state's event count `positions` is in step with; nil when it is in step with no state.
    var inStepWith: UInt64?

    public init() {}

    /// The measures this gate computes.
    public static let measures: Set<LimitMeasure> = [
        .orderQuantity, .orderNotional, .openOrders, .positionPerInstrument,
    ]

    /// Whether this gate computes `measure` (a switch: hashing the measure into `measures` costs more).
    static func computes(_ measure: LimitMeasure) -> Bool {
        switch measure {
        case .orderQuantity, .orderNotional, .openOrders, .positionPerInstrument: true
        default: false
        }
    }

    public func evaluate(_ proposal: [Order], context: borrowing RiskContext) -> RiskDecision {
        proposal.withUnsafeBufferPointer { orders in
            withUnsafeTemporaryAllocation(of: OrderScope.self, capacity: orders.count) { scopes in
                OrderScope.initialize(scopes, from: orders, context.configuration)
                defer { scopes.deinitialize() }
                var soft: RiskBreach?
                var nearest = NearestLimit()
                let proposal = ScopedProposal(orders: orders, scopes: UnsafeBufferPointer(scopes))
                let hard =
                    inStepWith == context.state.eventCount
                    ? judge(proposal, context, positions, soft: &soft, nearest: &nearest)
                    : judge(proposal, context, StateExposurePositions(), soft: &soft, nearest: &nearest)
                if let hard { return .reject(hard) }
                if let soft { return .needsApproval(soft) }
                return .accept(RiskBasis(market: nil, nearest: nearest.breach))
            }
        }
    }

    /// Judges every order limit: the first hard breach, or nil with the first soft breach in `soft` and the limit
    /// the proposal came nearest to in `nearest`.
    func judge(
        _ proposal: ScopedProposal,
        _ context: borrowing RiskContext,
        _ positions: some PositionSource,
        soft: inout RiskBreach?,
        nearest: inout NearestLimit
    ) -> RiskBreach? {
        // Through the buffer: a limit read off `limits.values` (or in `for limit in …`) is a copy, retaining the
        // texts of its scope once per limit and decision.
        context.state.limits.values.elements.withUnsafeBufferPointer { limits in
            for index in limits.indices where Self.computes(limits[index].measure) {
                guard let found = reading(limits[index], proposal, context, positions) else { continue }
                // The report is built only for a breach or a new nearest limit (each copies the limit's scope).
                guard found.breaks else {
                    nearest.offer(after: found.after.doubleValue, threshold: limits[index].threshold.doubleValue) {
                        Self.figures(limits[index], current: found.current, after: found.after)
                    }
                    continue
                }
                let breach = Self.figures(limits[index], current: found.current, after: found.after)
                if limits[index].severity == .hard { return breach }
                if soft == nil { soft = breach }
            }
            return nil
        }
    }

    // MARK: - Keeping the positions in step

    public mutating func observe(_ event: Event, state: EngineState, configuration: EngineConfiguration) {
        // The engine applies one event, then tells the gate: a count that does not follow on means an event was
        // missed, and the mirror is no longer trusted until the next rebuild.
        guard let before = inStepWith, before &+ 1 == state.eventCount else {
            inStepWith = nil
            return
        }
        inStepWith = state.eventCount
        // Only these events change what is left working of an order, or a position.
        switch event {
        case .orderAccepted(let orderID, _, _), .orderTransitioned(let orderID, _):
            noteWorking(orderID, state, configuration)
        case .fillBooked(let fill):
            noteWorking(fill.orderID, state, configuration)
            positions.book(fill, desk: configuration.desks[fill.account])
        case .instrumentSettled:
            // Positions in the instrument are flat now; settlements are rare, so a full rebuild costs nothing.
            rebuild(from: state, configuration: configuration)
        default:
            break
        }
    }

    public mutating func rebuild(from state: EngineState, configuration: EngineConfiguration) {
        working.removeAll(keepingCapacity: true)
        working.reserveCapacity(state.orders.count + Self.spareOrderSlots)
        for order in state.orders { working.append(WorkingOrder(order)?.signed ?? .zero) }
        positions.rebuild(
            from: state,
            working: state.orders.lazy.compactMap { WorkingOrder($0) },
            configuration: configuration
        )
        inStepWith = state.eventCount
    }

    /// Orders the gate takes after a rebuild before `working` grows (growing copies it, on the hot path).
    static let spareOrderSlots = 1 << 14

    /// Brings the mirror in line with what is left working of `orderID` after an event: the change in its working
    /// remainder (a fill of a working order then changes nothing: the position gains what the remainder loses).
    private mutating func noteWorking(_ orderID: OrderID, _ state: EngineState, _ configuration: EngineConfiguration) {
        guard let index = Self.index(of: orderID, in: state.orders) else { return }
        let order = state.orders[index]
        let now = WorkingOrder(order)?.signed ?? .zero
        // Orders created since the last rebuild (a package's legs, several at once) get their slots on first sight.
        while working.count <= index { working.append(.zero) }
        let before = working[index]
        guard now != before else { return }
        working[index] = now
        let account = order.request.account
        positions.work(
            now - before,
            account: account,
            venue: order.request.venue,
            instrument: order.request.instrument,
            desk: configuration.desks[account]
        )
    }

    /// The index of `orderID` in `orders`, trying the newest order first: an acceptance, the event that starts an
    /// order working, is as a rule about the order just created, and comparing one id costs less than parsing it.
    static func index(of orderID: OrderID, in orders: OrderTable) -> Int? {
        let newest = orders.count - 1
        if newest >= 0, orders[newest].id == orderID { return newest }
        return orders.index(of: orderID)
    }

    public func unsupportedReason(_ key: LimitKey) -> String? {
        guard Self.computes(key.measure) else {
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

    /// One limit's figures for the proposal, before and after, and whether the figure after is past the threshold:
    /// the first covered order that breaks it, else the covered order nearest to it; nil when it covers no order
    /// (or, for positions, every covered order only reduces one).
    func reading(
        _ limit: Limit,
        _ proposal: ScopedProposal,
        _ context: borrowing RiskContext,
        _ positions: some PositionSource
    ) -> (current: FixedDecimal, after: FixedDecimal, breaks: Bool)? {
        // Plain loops over the borrowed context and indices into the proposal: a closure capturing the context, a
        // local copy of its state or of an order would retain every collection in it once per limit and order. No
        // report is built here: the caller builds one only for a breach or a new nearest limit.
        var nearest: (current: FixedDecimal, after: FixedDecimal, breaks: Bool)?
        func offer(current: FixedDecimal, after: FixedDecimal) -> Bool {
            if after > limit.threshold {
                nearest = (current, after, true)
                return true
            }
            if nearest.map({ after > $0.after }) ?? true { nearest = (current, after, false) }
            return false
        }
        switch limit.measure {
        case .orderQuantity:
            for index in proposal.orders.indices where proposal.covers(index, limit, context.configuration) {
                if offer(current: .zero, after: proposal.orders[index].quantity.decimal) { break }
            }
        case .orderNotional:
            for index in proposal.orders.indices where proposal.covers(index, limit, context.configuration) {
                let notional = Self.notional(
                    price: proposal.orders[index].kind.boundingPrice,
                    quantity: proposal.orders[index].quantity,
                    instrument: proposal.orders[index].request.instrument,
                    marks: context.state.marks
                )
                if offer(current: .zero, after: notional) { break }
            }
        case .openOrders:
            var proposed = 0
            for index in proposal.orders.indices where proposal.covers(index, limit, context.configuration) {
                proposed += 1
            }
            guard proposed > 0 else { return nil }
            // Proposed orders are pending risk (or released from staging), so they are not yet counted as working.
            let open = context.state.workingOrderCount(in: limit.scope, desks: context.configuration.desks)
            let after = FixedDecimal(Int64(open + proposed))
            return (FixedDecimal(Int64(open)), after, after > limit.threshold)
        case .positionPerInstrument:
            for index in proposal.orders.indices where proposal.covers(index, limit, context.configuration) {
                let before = positions.netPosition(
                    in: proposal.orders[index].request.instrument,
                    scope: limit.scope,
                    context
                )
                let signed = proposal.orders[index].quantity.decimal
                let after = proposal.orders[index].request.side == .buy ? before + signed : before - signed
                // Reducing an existing position is always allowed, even past a breached limit.
                if after.magnitude <= before.magnitude { continue }
                if offer(current: before.magnitude, after: after.magnitude) { break }
            }
        default:
            break
        }
        return nearest
    }

    static func figures(_ limit: Limit, current: FixedDecimal, after: FixedDecimal) -> RiskBreach {
        RiskBreach(
            measure: limit.measure,
            scope: limit.scope,
            severity: limit.severity,
            current: current,
            after: after,
            threshold: limit.threshold
        )
    }

    /// An order's notional in its instrument's quote currency: |price × quantity|, pricing non-quote limits (USD,
    /// implied vol) and market orders at the mark or their protection price; an order with no usable price counts at
    /// an unbounded notional so a notional limit stops it. An inverse future or perpetual is sized in USD of face
    /// value, which is its notional whatever the price (price × quantity would be USD² per coin).
    /// Takes the order's fields, not the order: passing an order read in place copies it.
    static func notional(
        price bounding: Price?,
        quantity: Quantity,
        instrument: Instrument,
        marks: [Instrument: Price]
    ) -> FixedDecimal {
        if instrument.settlement.isInverse {
            switch instrument.terms {
            case .perpetual, .future: return quantity.decimal.magnitude
            case .spot, .option, .combo: break
            }
        }
        let price = bounding ?? marks[instrument]
        guard let price else { return FixedDecimal(units: Int64.max, scale: 0) }
        let value = try? price.decimal.multipliedExactly(by: quantity.decimal)
        return value?.magnitude ?? FixedDecimal(units: Int64.max, scale: 0)
    }

}

/// Where the position-per-instrument limit reads positions: the engine's state, or a gate's own mirror of it.
protocol PositionSource {
    /// The net position in `instrument` over the accounts `scope` selects (a role narrows which orders are judged,
    /// not which positions count).
    func netPosition(in instrument: Instrument, scope: LimitScope, _ context: borrowing RiskContext) -> FixedDecimal
}

/// Positions read off the engine's state: the instrument's position keys, then each position.
struct StatePositions: PositionSource {
    func netPosition(in instrument: Instrument, scope: LimitScope, _ context: borrowing RiskContext) -> FixedDecimal {
        var net = FixedDecimal.zero
        for key in context.state.positionKeysByInstrument[instrument] ?? [] {
            if let account = scope.account, key.account != account { continue }
            if let desk = scope.desk, context.configuration.desks[key.account] != desk { continue }
            net += context.state.positions[key]?.netQuantity.decimal ?? .zero
        }
        return net
    }
}

/// The limit a proposal came nearest to: the largest figure after the proposal relative to its threshold (a zero
/// threshold counts as infinitely near once the figure is positive). Ties keep the first limit offered.
struct NearestLimit {
    private(set) var breach: RiskBreach?
    private var utilisation = -Double.infinity

    /// Offers a limit's figures.
    mutating func offer(_ figures: RiskBreach) {
        offer(after: figures.after.doubleValue, threshold: figures.threshold.doubleValue) { figures }
    }

    /// Offers a limit by its figures as Doubles, building its report only when it is the nearest so far.
    mutating func offer(after: Double, threshold: Double, _ report: () -> RiskBreach) {
        let used = Self.utilisation(after: after, threshold: threshold)
        guard used > utilisation else { return }
        utilisation = used
        breach = report()
    }

    static func utilisation(after: Double, threshold: Double) -> Double {
        if threshold > 0 { return after / threshold }
        return after > 0 ? .infinity : 0
    }
}
