public import LegateCore
public import LegateModel
public import LegateOrders
public import LegateRisk
internal import OrderedCollections

/// The full risk gate: the engine's order limits (`LimitGate`) plus portfolio limits on Greeks, gross notional,
/// margin utilisation, worst scenario loss, VaR and ES, judged incrementally, and the legging budget of partly
/// filled packages (`PortfolioGate+Legging.swift`).
///
/// For every scope a portfolio limit names, the gate keeps a `ScopeBook`: the booked positions in that scope
/// aggregated (Greeks, P&L over the margin grid and over the VaR scenarios), kept current by adding each booked
/// fill's unit profile times its quantity, with the booked figures cached until the next fill. An order or a package
/// is judged by adding its legs to the booked figures (`ScopeBook.figuresAfter`): the cost grows with legs ×
/// scenarios, not with the size of the book, and a package is judged as one unit (a spread's legs offset each other).
/// An order that does not increase a breached measure passes it (a hedge or an unwind is never blocked by the limit
/// it cures).
///
/// Orders working at a venue (sent, acknowledged, partly filled) are in the books as if they filled, with what is
/// left of each (`WorkingOrder`): orders that each pass a limit cannot together break it, and a fill moves quantity
/// from the working remainder to the position without changing the figures. Working buys and sells net, as the
/// position they would leave does. The position-per-instrument limit counts them the same way (`PositionMirror`).
///
/// Unit profiles are computed on first use per instrument and venue on the model's market state and kept by dense id
/// (`GateProfileTable`): a decision hashes each leg's instrument once. An instrument the market cannot value makes
/// every portfolio decision that needs it fail closed (`unassessable`). Every decision is stamped with the model's
/// market state (`MarketStamp`): an accept carries it with the limit it came nearest to (`RiskBasis`), a breach
/// carries it with its figures. After the first decisions on a book, a decision allocates nothing.
public struct PortfolioGate: RiskGate {
    public let model: PortfolioRiskModel
    /// Equity per account in USD, for margin utilisation (IM ÷ equity of the scope's accounts).
    public let equity: [AccountID: Double]
    /// The margin model each account names (`Config/limits.json`); an account without one is on
    /// `AccountMarginModel.unnamed`. Read only when the model has `GateMarginModels`.
    public let marginModels: [AccountID: AccountMarginModel]
    /// The market state every decision of this gate is computed on.
    public let market: MarketStamp
    /// Measures this gate computes beyond `LimitGate`'s.
    public static let measures: Set<LimitMeasure> = [
        .grossNotional, .delta, .gamma, .vega, .theta, .marginUtilisation, .worstScenarioLoss, .valueAtRisk,
        .expectedShortfall, .leggingDelta, .leggingVega, .leggingTime,
    ]

    let orderLimits = LimitGate()
    var table: GateProfileTable
    /// One book per scope a limit names, with the scope at the same index.
    var books: [ScopeBook] = []
    var bookScopes: [ExposureScope] = []
    var bookIndex: [ExposureScope: Int] = [:]
    /// Positions the market cannot value, with the reason: decisions in their scopes fail closed.
    var unvalued: [InstrumentOnVenue: String] = [:]
    var revaluation = ScenarioRevaluation()
    var scratch: GateScratch
    var decision = DecisionScratch()
    /// Packages with fills that are not complete: what the legging report walks.
    var leggedPackages: OrderedSet<PackageID> = []
    /// Orders working at a venue, in the order they started working: the scope books include what is left of them.
    var working: OrderedDictionary<OrderID, WorkingOrder> = [:]
    /// The engine's positions by instrument, for the position-per-instrument limit.
    var positions = PositionMirror()

    /// - Parameters:
    ///   - model: What the gate values on. With `GateMarginModels` (`PortfolioRiskModel.margins`) a margin limit on an
    ///     account reads the account's own model and one on a desk or the firm reads the house model over all their
    ///     accounts as one portfolio; without them every scope is margined on the model's risk matrix.
    ///   - equity: USD equity per account, for margin utilisation.
    ///   - marginModels: The model each account names; absent accounts are on `AccountMarginModel.unnamed`.
    public init(
        model: PortfolioRiskModel,
        equity: [AccountID: Double],
        marginModels: [AccountID: AccountMarginModel] = [:]
    ) {
        self.model = model
        self.equity = equity
        self.marginModels = marginModels
        market = MarketStamp(sequence: model.market.version.sequence, asOf: model.market.asOf)
        table = GateProfileTable(model: model)
        scratch = GateScratch(model: model)
    }

    public func unsupportedReason(_ key: LimitKey) -> String? {
        if LimitGate.computes(key.measure) { return LimitGate.scopeProblem(key) }
        if let bucket = key.scope.expiryBucket {
            guard key.measure == .vega else { return "only vega can be limited per expiry bucket" }
            guard model.bucket(labelled: bucket) != nil else {
                return "unknown expiry bucket \"\(bucket)\" (the model has \(model.bucketLabels))"
            }
        }
        if let underlying = key.scope.underlying, model.slot(of: underlying) == nil {
            return "the risk model does not cover \(underlying) (it has \(model.coins))"
        }
        if key.measure == .marginUtilisation, model.margins == nil, let account = key.scope.account,
            let named = marginModels[account], named != .portfolio
        {
            return "\(account) is on \(named.rawValue) margin and the risk model has only the risk matrix"
        }
        return nil
    }

    /// The model a scope's margin is computed under: an account's own, the house model for a desk or the firm (all
    /// their accounts as one portfolio), or the risk matrix for every scope of a model without `GateMarginModels`.
    func marginBasis(of scope: ExposureScope) -> ScopeMarginBasis {
        guard model.margins != nil else { return .riskMatrix }
        guard let account = scope.account else { return .house }
        return ScopeMarginBasis(marginModels[account] ?? .unnamed)
    }

    /// Whether a measure is read off a scope's book (every portfolio measure but the legging budget).
    static func isScopeMeasure(_ measure: LimitMeasure) -> Bool {
        switch measure {
        case .grossNotional, .delta, .gamma, .vega, .theta, .marginUtilisation, .worstScenarioLoss, .valueAtRisk,
            .expectedShortfall:
            true
        default: false
        }
    }

    static func isLeggingMeasure(_ measure: LimitMeasure) -> Bool {
        switch measure {
        case .leggingDelta, .leggingVega, .leggingTime: true
        default: false
        }
    }

    // MARK: - Judging

    public mutating func evaluate(_ proposal: [Order], context: borrowing RiskContext) -> RiskDecision {
        proposal.withUnsafeBufferPointer { orders in
            withUnsafeTemporaryAllocation(of: OrderScope.self, capacity: orders.count) { scopes in
                OrderScope.initialize(scopes, from: orders, context.configuration)
                defer { scopes.deinitialize() }
                return evaluate(ScopedProposal(orders: orders, scopes: UnsafeBufferPointer(scopes)), context)
            }
        }
    }

    private mutating func evaluate(_ proposal: ScopedProposal, _ context: borrowing RiskContext) -> RiskDecision {
        var soft: RiskBreach?
        var nearest = NearestLimit()
        let hard =
            positions.count == context.state.positions.count
            ? orderLimits.judge(proposal, context, positions, soft: &soft, nearest: &nearest)
            : orderLimits.judge(proposal, context, StateExposurePositions(), soft: &soft, nearest: &nearest)
        if let hard { return .reject(hard.stamped(market)) }
        switch judgePortfolio(proposal, context, soft: &soft, nearest: &nearest) {
        case .failure(let error): return .unassessable(reason: "\(error) (on \(market))")
        case .success(let hard?): return .reject(hard)
        case .success(nil): break
        }
        if let soft { return .needsApproval(soft.stamped(market)) }
        return .accept(RiskBasis(market: market, nearest: nearest.breach?.stamped(market)))
    }

    /// Judges the portfolio and legging limits in the engine's limit order: the first hard breach, or nil with the
    /// first soft one in `soft` (unless the order limits gave one) and the nearest limit in `nearest`.
    private mutating func judgePortfolio(
        _ proposal: ScopedProposal,
        _ context: borrowing RiskContext,
        soft: inout RiskBreach?,
        nearest: inout NearestLimit
    ) -> Result<RiskBreach?, GateError> {
        guard plan(proposal, context) else { return .success(nil) }
        // Through the buffer: a limit read off `limits.values` is a copy, retaining the texts of its scope.
        let limits = context.state.limits.values.elements
        return limits.withUnsafeBufferPointer { limits in
            for index in limits.indices {
                let reading: Result<LimitReading?, GateError>
                if Self.isLeggingMeasure(limits[index].measure) {
                    reading = leggingReading(limits[index], proposal, context)
                } else if decision.plan[index] >= 0 {
                    reading = scopeReading(limits, index, slot: decision.plan[index], proposal, context)
                } else {
                    continue
                }
                switch reading {
                case .failure(let error): return .failure(error)
                case .success(nil): continue
                case .success(let found?):
                    // Reducing a measure is always allowed, even past a breached limit.
                    let market = self.market
                    guard found.breaks(threshold: limits[index].threshold) else {
                        // Captures the stamp, not `self`: a closure over `self` copies the whole gate.
                        nearest.offer(after: found.after, threshold: limits[index].threshold.doubleValue) {
                            Self.report(limits[index], found, on: market)
                        }
                        continue
                    }
                    if limits[index].severity == .hard {
                        return .success(Self.report(limits[index], found, on: market))
                    }
                    soft = soft ?? Self.report(limits[index], found, on: market)
                }
            }
            return .success(nil)
        }
    }

    /// A limit's figures as a report on this gate's market state.
    static func report(_ limit: Limit, _ reading: LimitReading, on market: MarketStamp) -> RiskBreach {
        RiskBreach(
            measure: limit.measure,
            scope: limit.scope,
            severity: limit.severity,
            current: Self.figure(reading.current),
            after: Self.figure(reading.after),
            threshold: limit.threshold,
            market: market
        )
    }

    /// One scope limit's figure before and after the proposal: limit `index` of `limits`, read in place (a `Limit`
    /// passed by value is a copy, retaining the texts of its scope).
    private mutating func scopeReading(
        _ limits: UnsafeBufferPointer<Limit>,
        _ index: Int,
        slot: Int,
        _ proposal: ScopedProposal,
        _ context: borrowing RiskContext
    ) -> Result<LimitReading?, GateError> {
        // Static helpers only: a non-mutating method called on `self` here copies the whole gate first.
        if !unvalued.isEmpty, let problem = Self.unvaluedProblem(unvalued, in: bookScopes[slot], context.configuration)
        {
            return .failure(problem)
        }
        do {
            let before = try bookedFigures(slot: slot)
            let after = try figuresAfter(slot: slot, proposal, context)
            let measure = limits[index].measure
            var bucketVega: (before: Double, after: Double)?
            if measure == .vega, let label = limits[index].scope.expiryBucket,
                let bucket = model.bucket(labelled: label)
            {
                try scopeLegs(slot: slot, proposal, context)
                bucketVega = (
                    books[slot].vega(bucket: bucket),
                    books[slot].vega(bucket: bucket, with: decision.scoped, table: table)
                )
            }
            let equity = measure == .marginUtilisation ? Self.equity(self.equity, of: bookScopes[slot], context) : 0
            guard let current = Self.value(measure, before, bucketVega: bucketVega?.before, equity: equity),
                let next = Self.value(measure, after, bucketVega: bucketVega?.after, equity: equity)
            else { return .failure(.model("no equity is configured for the accounts of \(limits[index].scope)")) }
            return .success(LimitReading(current: current, after: next, reduces: next <= current))
        } catch {
            return .failure(error)
        }
    }

    /// A limit's measure from the scope's figures, as a magnitude; nil when margin utilisation has no equity.
    static func value(_ measure: LimitMeasure, _ figures: ScopeFigures, bucketVega: Double?, equity: Double) -> Double?
    {
        switch measure {
        case .delta: return figures.delta.magnitude
        case .gamma: return figures.gamma.magnitude
        case .vega: return (bucketVega ?? figures.vega).magnitude
        case .theta: return figures.theta.magnitude
        case .grossNotional: return figures.grossNotional
        case .worstScenarioLoss: return figures.worstScenarioLoss
        case .valueAtRisk: return figures.tail?.valueAtRisk ?? 0
        case .expectedShortfall: return figures.tail?.expectedShortfall ?? 0
        case .marginUtilisation:
            guard equity > 0 else { return nil }
            return (figures.initialMargin ?? 0) / equity
        default: return 0
        }
    }

    /// No orders.
    static var noOrders: Proposal { Proposal(start: nil, count: 0) }

    /// What is left of an order to fill, signed (buys positive).
    static func remaining(_ order: borrowing Order) -> Double {
        (order.quantity - order.filledQuantity).doubleValue * Double(order.request.side.sign)
    }

    /// `remaining(_:)` of order `index`, read in place: an order passed from the buffer is copied first (every text
    /// and array in it retained and released).
    static func remaining(_ orders: Proposal, _ index: Int) -> Double {
        (orders[index].quantity - orders[index].filledQuantity).doubleValue * Double(orders[index].request.side.sign)
    }

    /// A figure for a breach report: a Double rounded to 6 decimal places (the rounding is named; money and
    /// quantities never take this path).
    static func figure(_ value: Double) -> FixedDecimal {
        (try? FixedDecimal(value, scale: 6, rounding: .toNearestOrEven)) ?? FixedDecimal(units: Int64.max, scale: 0)
    }

    private static func equity(
        _ equity: [AccountID: Double],
        of scope: ExposureScope,
        _ context: borrowing RiskContext
    ) -> Double {
        var total = 0.0
        for (account, value) in equity where scope.covers(account, nil, context.configuration) { total += value }
        return total
    }

    static func unvaluedProblem(
        _ unvalued: [InstrumentOnVenue: String],
        in scope: ExposureScope,
        _ configuration: EngineConfiguration
    ) -> GateError? {
        // The first by name, not by the dictionary's order (which differs between processes): the same inputs must
        // give the same decision, reason included, in every run.
        var first: (name: String, key: InstrumentOnVenue, reason: String)?
        for (key, reason) in unvalued where scope.covers(nil, key.instrument, configuration) {
            let name = "\(key.instrument) \(key.venue.rawValue)"
            if first.map({ name < $0.name }) ?? true { first = (name, key, reason) }
        }
        return first.map { .unvalued($0.key.instrument, reason: $0.reason) }
    }
}

/// One limit's figure before and after a proposal, as a magnitude in the limit's unit.
struct LimitReading {
    var current: Double
    var after: Double
    /// Whether the proposal does not increase the measure (such a proposal passes a breached limit).
    var reduces: Bool

    /// Whether the proposal breaks the limit: it takes the figure past the threshold without reducing it.
    func breaks(_ limit: Limit) -> Bool {
        breaks(threshold: limit.threshold)
    }

    /// `breaks(_:)` by the limit's threshold alone.
    func breaks(threshold: FixedDecimal) -> Bool {
        !reduces && after > threshold.doubleValue
    }
}

extension RiskBreach {
    /// The same figures stamped with the market state they were judged on.
    func stamped(_ market: MarketStamp) -> RiskBreach {
        RiskBreach(
            measure: measure,
            scope: scope,
            severity: severity,
            current: current,
            after: after,
            threshold: threshold,
            market: market
        )
    }
}
