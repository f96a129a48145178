public import LegateCore
public import LegateModel
internal import LegateOrders
public import LegateRisk
internal import OrderedCollections

/// A partly filled package's residual: what its legs hold beyond whole package units, valued on the gate's market,
/// and how long it has been legging.
public struct LeggingResidual: Hashable, Sendable {
    public let packageID: PackageID
    /// USD change for a 100% move, to first order (the `delta` limit's unit).
    public let delta: Double
    /// USD per volatility point.
    public let vega: Double
    /// Seconds since the package was placed.
    public let elapsedSeconds: Double
    /// The legging limits the residual is outside of now, with its figures (figure now and after are the same).
    public let breaches: [RiskBreach]
}

/// Residual delta and vega of a package, in limit units.
struct PackageRisk: Equatable {
    var delta = 0.0
    var vega = 0.0
}

/// The legging budget: limits `legging_delta`, `legging_vega` (USD) and `legging_time` (seconds) bound a partly filled
/// package's residual.
///
/// A package's holdings are the fills of its leg orders, signed; `c`, the whole package units done, is the least over
/// legs of `held / (ratio × side)`, clamped to `[0, quantity]`; the residual of a leg is `held − c × ratio × side`,
/// and the package's residual is the sum of its legs' residuals times their unit delta and vega. A proposed order
/// linked to the package (`Order.packageID`: an amended leg, or a child order of a leg's instrument) adds what is left
/// of it to its leg as if it filled and nothing else did — the residual the legging would hold next. A linked order on
/// an instrument that is not a leg (a hedge of the residual) adds its own delta and vega.
///
/// Residual delta and vega limits follow the general rule: an order that would take the residual past the threshold
/// is refused unless it reduces it. The time limit counts from the package's placement (legging risk starts at the
/// first fill, which comes later, so the window never runs longer than set): past it, an order of the package passes
/// only if it shrinks the residual (neither delta nor vega grows). Only partly filled packages are judged: a package
/// with no fill, or complete, has no legging risk.
extension PortfolioGate {
    /// One legging limit's figures for the packages of the proposal: the first package that breaks it, else the one
    /// nearest to it; nil when no order of the proposal belongs to a partly filled package the limit covers.
    mutating func leggingReading(
        _ limit: Limit,
        _ proposal: ScopedProposal,
        _ context: borrowing RiskContext
    ) -> Result<LimitReading?, GateError> {
        var nearest: LimitReading?
        for index in proposal.orders.indices {
            guard let packageID = proposal.orders[index].packageID,
                Self.isFirst(of: packageID, at: index, in: proposal.orders),
                proposal.covers(index, limit, context.configuration),
                let record = context.state.packages[packageID]
            else { continue }
            switch leggingReading(limit, record, proposal.orders, context) {
            case .failure(let error): return .failure(error)
            case .success(nil): continue
            case .success(let found?):
                if found.breaks(limit) { return .success(found) }
                if nearest.map({ found.after > $0.after }) ?? true { nearest = found }
            }
        }
        return .success(nearest)
    }

    /// Whether `index` holds the first order of `packageID` in the proposal (each package is judged once).
    private static func isFirst(of packageID: PackageID, at index: Int, in proposal: Proposal) -> Bool {
        for earlier in proposal.indices.prefix(index) where proposal[earlier].packageID == packageID { return false }
        return true
    }

    private mutating func leggingReading(
        _ limit: Limit,
        _ record: PackageRecord,
        _ proposal: Proposal,
        _ context: borrowing RiskContext
    ) -> Result<LimitReading?, GateError> {
        guard Self.isLegging(record, context.state) else { return .success(nil) }
        if let problem = profileProblem(record, proposal) { return .failure(problem) }
        let now: PackageRisk
        let next: PackageRisk
        switch (residual(record, context.state, adding: nil), residual(record, context.state, adding: proposal)) {
        case (.failure(let error), _), (_, .failure(let error)): return .failure(error)
        case (.success(let before), .success(let after)): (now, next) = (before, after)
        }
        switch limit.measure {
        case .leggingDelta:
            let (current, after) = (now.delta.magnitude, next.delta.magnitude)
            return .success(LimitReading(current: current, after: after, reduces: after <= current))
        case .leggingVega:
            let (current, after) = (now.vega.magnitude, next.vega.magnitude)
            return .success(LimitReading(current: current, after: after, reduces: after <= current))
        default:
            let elapsed = Self.elapsedSeconds(record, context.state, at: context.time)
            let shrinks =
                next != now && next.delta.magnitude <= now.delta.magnitude && next.vega.magnitude <= now.vega.magnitude
            return .success(LimitReading(current: elapsed, after: elapsed, reduces: shrinks))
        }
    }

    /// Computes the profiles a residual reads (every leg, and linked orders on other instruments); the first
    /// failure, if any.
    private mutating func profileProblem(_ record: PackageRecord, _ proposal: Proposal) -> GateError? {
        for leg in record.request.package.legs {
            if case .failure(let error) = profileID(leg.instrument, record.request.venue) { return error }
        }
        for order in proposal where order.packageID == record.id {
            if case .failure(let error) = profileID(order.request.instrument, order.request.venue) { return error }
        }
        return nil
    }

    /// Whether a package is partly filled: some leg has fills, and the legs do not hold exactly whole units.
    static func isLegging(_ record: PackageRecord, _ state: borrowing EngineState) -> Bool {
        var anyFill = false
        var complete = true
        for (index, orderID) in record.legOrderIDs.enumerated() {
            guard let order = state.orders[orderID] else { return false }
            let ratio = FixedDecimal(Int64(record.request.package.legs[index].ratio))
            let wanted = try? record.request.package.quantity.decimal.multipliedExactly(by: ratio)
            anyFill = anyFill || order.filledQuantity.decimal.isPositive
            complete = complete && order.filledQuantity.decimal == wanted
        }
        return anyFill && !complete
    }

    /// Seconds from the package's placement to `time`.
    static func elapsedSeconds(_ record: PackageRecord, _ state: borrowing EngineState, at time: UnixNanos) -> Double {
        guard let first = record.legOrderIDs.first, let placed = state.orders[first]?.createdAt else { return 0 }
        return Double(time.rawValue - placed.rawValue) / 1_000_000_000
    }

    /// The package's residual delta and vega now, or with the proposal's linked orders filled (see the extension).
    func residual(
        _ record: PackageRecord,
        _ state: borrowing EngineState,
        adding proposal: Proposal?
    ) -> Result<PackageRisk, GateError> {
        let package = record.request.package
        var units = package.quantity.doubleValue
        for index in package.legs.indices {
            let (held, sign) = holding(leg: index, record, state, adding: proposal)
            units = min(units, held * sign / Double(package.legs[index].ratio))
        }
        units = max(units, 0)
        var risk = PackageRisk()
        for (index, leg) in package.legs.enumerated() {
            let (held, sign) = holding(leg: index, record, state, adding: proposal)
            let left = held - units * Double(leg.ratio) * sign
            guard left != 0 else { continue }
            guard let id = table.id(of: InstrumentOnVenue(instrument: leg.instrument, venue: record.request.venue))
            else { return .failure(.model("no risk profile for leg \(index) of package \(record.id)")) }
            risk.add(table.units[id], times: left)
        }
        for order in proposal ?? Self.noOrders where order.packageID == record.id && Self.leg(of: order, record) == nil
        {
            guard
                let id = table.id(
                    of: InstrumentOnVenue(instrument: order.request.instrument, venue: order.request.venue)
                )
            else { return .failure(.model("no risk profile for order \(order.id) of package \(record.id)")) }
            risk.add(table.units[id], times: Self.remaining(order))
        }
        return .success(risk)
    }

    /// What leg `index` holds (signed contracts) and its order's side as ±1.
    private func holding(
        leg index: Int,
        _ record: PackageRecord,
        _ state: borrowing EngineState,
        adding proposal: Proposal?
    ) -> (held: Double, sign: Double) {
        guard let order = state.orders[record.legOrderIDs[index]] else { return (0, 1) }
        let sign = Double(order.request.side.sign)
        var held = order.filledQuantity.doubleValue * sign
        for linked in proposal ?? Self.noOrders
        where linked.packageID == record.id && Self.leg(of: linked, record) == index {
            held += Self.remaining(linked)
        }
        return (held, sign)
    }

    /// The leg an order linked to the package trades: its own leg for a leg order, else the first leg on its
    /// instrument; nil for an instrument that is not a leg.
    static func leg(of order: Order, _ record: PackageRecord) -> Int? {
        if let own = record.legOrderIDs.firstIndex(of: order.id) { return own }
        return record.request.package.legs.firstIndex { $0.instrument == order.request.instrument }
    }

    // MARK: - Reporting

    /// A package's residual now with the legging limits it is outside of; nil when it is not partly filled.
    ///
    /// - Throws: `GateError` when a leg cannot be valued.
    public mutating func leggingResidual(
        of packageID: PackageID,
        context: RiskContext
    ) throws(GateError) -> LeggingResidual? {
        guard let record = context.state.packages[packageID], Self.isLegging(record, context.state) else { return nil }
        if let problem = profileProblem(record, Self.noOrders) { throw problem }
        let now = try residual(record, context.state, adding: nil).get()
        let elapsed = Self.elapsedSeconds(record, context.state, at: context.time)
        var breaches: [RiskBreach] = []
        let legOrders = record.legOrderIDs.compactMap { context.state.orders[$0] }
        for limit in context.state.limits.values where Self.isLeggingMeasure(limit.measure) {
            guard
                legOrders.contains(where: { leg in
                    context.configuration.scope(limit.scope, covers: leg.request, owner: leg.owner)
                })
            else { continue }
            let figure: Double
            switch limit.measure {
            case .leggingDelta: figure = now.delta.magnitude
            case .leggingVega: figure = now.vega.magnitude
            default: figure = elapsed
            }
            guard figure > limit.threshold.doubleValue else { continue }
            breaches.append(Self.report(limit, LimitReading(current: figure, after: figure, reduces: true), on: market))
        }
        return LeggingResidual(
            packageID: packageID,
            delta: now.delta,
            vega: now.vega,
            elapsedSeconds: elapsed,
            breaches: breaches
        )
    }

    /// Every partly filled package whose residual is outside one of its legging limits now, in order of first fill.
    /// Packages no longer partly filled leave the watch list.
    ///
    /// - Throws: `GateError` when a leg cannot be valued.
    public mutating func packagesOutsideLeggingBudget(context: RiskContext) throws(GateError) -> [LeggingResidual] {
        var outside: [LeggingResidual] = []
        for packageID in leggedPackages {
            guard let found = try leggingResidual(of: packageID, context: context) else {
                leggedPackages.remove(packageID)
                continue
            }
            if !found.breaches.isEmpty { outside.append(found) }
        }
        return outside
    }

    /// Puts the package of a filled leg on the watch list.
    mutating func noteLegging(_ fill: BookedFill, _ state: EngineState) {
        guard let packageID = state.orders[fill.orderID]?.packageID else { return }
        leggedPackages.append(packageID)
    }

    /// The watch list from the engine's state: every package with a filled leg.
    mutating func rebuildLegging(_ state: EngineState) {
        leggedPackages.removeAll()
        for (packageID, record) in state.packages
        where record.legOrderIDs.contains(where: { state.orders[$0]?.filledQuantity.decimal.isPositive == true }) {
            leggedPackages.append(packageID)
        }
    }
}

extension PackageRisk {
    /// Adds `quantity` contracts of an instrument with unit Greeks `unit` (USD), in limit units.
    mutating func add(_ unit: GreekTotals, times quantity: Double) {
        delta += unit.delta * quantity
        vega += unit.vega * quantity / 100
    }
}
