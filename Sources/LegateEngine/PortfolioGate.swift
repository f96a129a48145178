public import LegateCore
public import LegateModel
public import LegateOrders
public import LegateRisk
internal import OrderedCollections

/// The full risk gate: the engine's order limits (`LimitGate`) plus portfolio limits on Greeks, gross notional,
/// margin utilisation, worst scenario loss, VaR and ES, judged incrementally.
///
/// For every scope a portfolio limit names, the gate keeps a `ScopeExposure` of the booked positions in that scope
/// (Greeks, P&L over the margin grid and over the VaR scenarios), kept current by adding each booked fill's unit
/// profile times its quantity. An order or a package is judged by copying the scope's exposure into scratch
/// storage, adding every leg, and reading the measures before and after: the cost grows with legs × scenarios, not
/// with the size of the book, and a package is judged as one unit (a spread's legs offset each other). An order
/// that does not increase a breached measure passes it (a hedge or an unwind is never blocked by the limit it cures).
///
/// Unit profiles are computed on first use per instrument and venue on the model's market state. An instrument
/// the market cannot value makes every portfolio decision that needs it fail closed (`unassessable`).
public struct PortfolioGate: RiskGate {
    public let model: PortfolioRiskModel
    /// Equity per account in USD, for margin utilisation (IM ÷ equity of the scope's accounts).
    public let equity: [AccountID: Double]
    /// Measures this gate computes beyond `LimitGate`'s.
    public static let measures: Set<LimitMeasure> = [
        .grossNotional, .delta, .gamma, .vega, .theta, .marginUtilisation, .worstScenarioLoss, .valueAtRisk,
        .expectedShortfall,
    ]

    private let orderLimits = LimitGate()
    private var profiles: [InstrumentOnVenue: InstrumentRiskProfile] = [:]
    private var exposures: [ExposureScope: ScopeExposure] = [:]
    /// Positions the market cannot value, with the reason: decisions in their scopes fail closed.
    private var unvalued: [InstrumentOnVenue: String] = [:]
    private var revaluation = ScenarioRevaluation()
    private var scratch: ScopeExposure
    /// Measures of each booked exposure, kept until a fill or a rebuild changes the exposures.
    private var baseMeasures: [ExposureScope: ScopeMeasures] = [:]
    /// This decision's measures after the proposal, per scope: several limits on one scope share them.
    private var decisionMeasures: [(scope: ExposureScope, after: ScopeMeasures)] = []

    public init(model: PortfolioRiskModel, equity: [AccountID: Double]) {
        self.model = model
        self.equity = equity
        scratch = ScopeExposure(model: model)
    }

    public func unsupportedReason(_ key: LimitKey) -> String? {
        if LimitGate.measures.contains(key.measure) { return LimitGate.scopeProblem(key) }
        if let bucket = key.scope.expiryBucket {
            guard key.measure == .vega else { return "only vega can be limited per expiry bucket" }
            guard model.bucket(labelled: bucket) != nil else {
                return "unknown expiry bucket \"\(bucket)\" (the model has \(model.bucketLabels))"
            }
        }
        if let underlying = key.scope.underlying, model.slot(of: underlying) == nil {
            return "the risk model does not cover \(underlying) (it has \(model.coins))"
        }
        return nil
    }

    // MARK: - Judging

    public mutating func evaluate(_ proposal: [Order], context: RiskContext) -> RiskDecision {
        let orderDecision = orderLimits.evaluate(proposal, context: context)
        if case .reject = orderDecision { return orderDecision }
        var soft: RiskBreach?
        if case .needsApproval(let breach) = orderDecision { soft = breach }
        decisionMeasures.removeAll(keepingCapacity: true)
        for limit in context.state.limits.values where Self.measures.contains(limit.measure) {
            let covered = proposal.contains { order in
                context.configuration.scope(limit.scope, covers: order.request, owner: order.owner)
            }
            guard covered else { continue }
            switch check(limit, proposal, context) {
            case .failure(let error): return .unassessable(reason: error.description)
            case .success(nil): continue
            case .success(let breach?):
                if limit.severity == .hard { return .reject(breach) }
                soft = soft ?? breach
            }
        }
        return soft.map(RiskDecision.needsApproval) ?? .accept
    }

    /// The breach of one portfolio limit by the proposal, if any.
    private mutating func check(
        _ limit: Limit,
        _ proposal: [Order],
        _ context: RiskContext
    ) -> Result<RiskBreach?, GateError> {
        let scope = ExposureScope(limit.scope)
        if exposures[scope] == nil {
            exposures[scope] = buildExposure(scope, state: context.state, configuration: context.configuration)
        }
        if let problem = unvaluedProblem(in: scope, context.configuration) { return .failure(problem) }
        let before: ScopeMeasures
        let after: ScopeMeasures
        switch measures(of: scope, proposal, context) {
        case .failure(let error): return .failure(error)
        case .success(let pair): (before, after) = pair
        }
        let equity = self.equity(of: scope, context.configuration)
        guard let current = value(limit, before, equity: equity), let next = value(limit, after, equity: equity) else {
            return .failure(.model("no equity is configured for the accounts of \(limit.scope)"))
        }
        // Reducing a measure is always allowed, even past a breached limit.
        guard next > current, next > limit.threshold.doubleValue else { return .success(nil) }
        return .success(
            RiskBreach(
                measure: limit.measure,
                scope: limit.scope,
                severity: limit.severity,
                current: Self.figure(current),
                after: Self.figure(next),
                threshold: limit.threshold
            )
        )
    }

    /// The scope's measures before (cached until the book changes) and after the proposal (once per decision).
    private mutating func measures(
        of scope: ExposureScope,
        _ proposal: [Order],
        _ context: RiskContext
    ) -> Result<(ScopeMeasures, ScopeMeasures), GateError> {
        guard let base = exposures[scope] else { return .failure(.model("no exposure kept for the scope")) }
        var needsMargin = false
        var needsTail = false
        for limit in context.state.limits.values where ExposureScope(limit.scope) == scope {
            needsMargin = needsMargin || limit.measure == .marginUtilisation
            needsTail = needsTail || limit.measure == .valueAtRisk || limit.measure == .expectedShortfall
        }
        do {
            let before: ScopeMeasures
            if let cached = baseMeasures[scope] {
                before = cached
            } else {
                before = try model.measures(of: base, margin: needsMargin, tail: needsTail)
                baseMeasures[scope] = before
            }
            if let known = decisionMeasures.first(where: { $0.scope == scope }) {
                return .success((before, known.after))
            }
            switch addProposal(proposal, to: base, scope, context) {
            case .failure(let error): return .failure(error)
            case .success: break
            }
            let after = try model.measures(of: scratch, margin: needsMargin, tail: needsTail)
            decisionMeasures.append((scope, after))
            return .success((before, after))
        } catch {
            return .failure(error)
        }
    }

    /// Loads `base` into the scratch exposure and adds the proposal's legs that fall in the scope.
    private mutating func addProposal(
        _ proposal: [Order],
        to base: ScopeExposure,
        _ scope: ExposureScope,
        _ context: RiskContext
    ) -> Result<Void, GateError> {
        scratch.assign(base)
        var gross = base.grossNotional
        for (index, order) in proposal.enumerated()
        where scope.covers(order.request.account, order.request.instrument, context.configuration) {
            let profile: InstrumentRiskProfile
            switch self.profile(order.request.instrument, order.request.venue) {
            case .success(let found): profile = found
            case .failure(let error): return .failure(error)
            }
            let quantity = Self.remaining(order)
            // Earlier legs on the same instrument (a ratio written as two legs) move the base of |q|.
            var earlier = 0.0
            for previous in proposal[..<index]
            where previous.request.instrument == order.request.instrument
                && previous.request.venue == order.request.venue
                && scope.covers(previous.request.account, previous.request.instrument, context.configuration)
            {
                earlier += Self.remaining(previous)
            }
            gross += base.grossNotionalChange(adding: quantity, after: earlier, of: profile, venue: order.request.venue)
            scratch.addLeg(profile, quantity: quantity)
        }
        scratch.setGrossNotional(gross)
        return .success(())
    }

    /// What is left of an order to fill, signed (buys positive).
    static func remaining(_ order: Order) -> Double {
        (order.quantity - order.filledQuantity).doubleValue * Double(order.request.side.sign)
    }

    /// A limit's measure from the scope's figures, as a magnitude; nil when margin utilisation has no equity.
    private func value(_ limit: Limit, _ measures: ScopeMeasures, equity: Double) -> Double? {
        switch limit.measure {
        case .delta: return measures.delta.magnitude
        case .gamma: return measures.gamma.magnitude
        case .vega:
            guard let label = limit.scope.expiryBucket, let bucket = model.bucket(labelled: label) else {
                return measures.vega.magnitude
            }
            return measures.vega(bucket: bucket).magnitude
        case .theta: return measures.theta.magnitude
        case .grossNotional: return measures.grossNotional
        case .worstScenarioLoss: return measures.worstScenarioLoss
        case .valueAtRisk: return measures.valueAtRisk
        case .expectedShortfall: return measures.expectedShortfall
        case .marginUtilisation:
            guard equity > 0 else { return nil }
            return measures.initialMargin / equity
        case .orderQuantity, .orderNotional, .openOrders, .positionPerInstrument: return 0
        }
    }

    /// A figure for a breach report: a Double rounded to 6 decimal places (the rounding is named; money and
    /// quantities never take this path).
    static func figure(_ value: Double) -> FixedDecimal {
        (try? FixedDecimal(value, scale: 6, rounding: .toNearestOrEven)) ?? FixedDecimal(units: Int64.max, scale: 0)
    }

    private func equity(of scope: ExposureScope, _ configuration: EngineConfiguration) -> Double {
        equity.reduce(0) { total, entry in
            scope.covers(entry.key, nil, configuration) ? total + entry.value : total
        }
    }

    private func unvaluedProblem(in scope: ExposureScope, _ configuration: EngineConfiguration) -> GateError? {
        guard !unvalued.isEmpty else { return nil }
        for (key, reason) in unvalued where scope.covers(nil, key.instrument, configuration) {
            return .unvalued(key.instrument, reason: reason)
        }
        return nil
    }

    private mutating func profile(_ instrument: Instrument, _ venue: Venue) -> Result<InstrumentRiskProfile, GateError>
    {
        let key = InstrumentOnVenue(instrument: instrument, venue: venue)
        if let known = profiles[key] { return .success(known) }
        do {
            let made = try model.profile(of: instrument, venue: venue, workspace: &revaluation)
            profiles[key] = made
            return .success(made)
        } catch {
            return .failure(error)
        }
    }

    // MARK: - Keeping the exposures current

    public mutating func observe(_ event: Event, state: EngineState, configuration: EngineConfiguration) {
        switch event {
        case .fillBooked(let fill):
            let quantity = fill.quantity.doubleValue * Double(fill.side.sign)
            book(fill.account, fill.venue, fill.instrument, quantity: quantity, configuration)
        case .limitChanged(let key, let limit?, _) where Self.measures.contains(key.measure):
            let scope = ExposureScope(limit.scope)
            if exposures[scope] == nil {
                exposures[scope] = buildExposure(scope, state: state, configuration: configuration)
            }
            // A new limit may need measures the cached ones skipped (margin, VaR).
            baseMeasures.removeAll()
        default:
            break
        }
    }

    public mutating func rebuild(from state: EngineState, configuration: EngineConfiguration) {
        exposures.removeAll()
        baseMeasures.removeAll()
        unvalued.removeAll()
        for limit in state.limits.values where Self.measures.contains(limit.measure) {
            let scope = ExposureScope(limit.scope)
            if exposures[scope] == nil {
                exposures[scope] = buildExposure(scope, state: state, configuration: configuration)
            }
        }
    }

    private mutating func book(
        _ account: AccountID,
        _ venue: Venue,
        _ instrument: Instrument,
        quantity: Double,
        _ configuration: EngineConfiguration
    ) {
        let scopes = exposures.keys.filter { $0.covers(account, instrument, configuration) }
        guard !scopes.isEmpty else { return }
        switch profile(instrument, venue) {
        case .failure(let error):
            unvalued[InstrumentOnVenue(instrument: instrument, venue: venue)] = error.description
        case .success(let profile):
            for scope in scopes { exposures[scope]?.add(profile, venue: venue, quantity: quantity) }
        }
        baseMeasures.removeAll()
    }

    private mutating func buildExposure(
        _ scope: ExposureScope,
        state: EngineState,
        configuration: EngineConfiguration
    ) -> ScopeExposure {
        var exposure = ScopeExposure(model: model)
        for (key, position) in state.positions where scope.covers(key.account, key.instrument, configuration) {
            let quantity = position.netQuantity.doubleValue
            guard quantity != 0 else { continue }
            switch profile(key.instrument, key.venue) {
            case .failure(let error):
                unvalued[InstrumentOnVenue(instrument: key.instrument, venue: key.venue)] = error.description
            case .success(let profile):
                exposure.add(profile, venue: key.venue, quantity: quantity)
            }
        }
        return exposure
    }
}

/// The positions a limit scope selects: by desk, account and underlying. The role narrows which orders a limit
/// judges, and the expiry bucket which part of vega it reads; neither changes the positions.
struct ExposureScope: Hashable {
    let desk: DeskID?
    let account: AccountID?
    let underlying: Asset?

    init(_ scope: LimitScope) {
        desk = scope.desk
        account = scope.account
        underlying = scope.underlying
    }

    /// Whether a position of `account` (nil: any) in `instrument` (nil: any) belongs to the scope.
    func covers(_ account: AccountID?, _ instrument: Instrument?, _ configuration: EngineConfiguration) -> Bool {
        if let account {
            if let wanted = self.account, wanted != account { return false }
            if let desk, configuration.desks[account] != desk { return false }
        } else if self.account != nil || desk != nil {
            return instrument != nil && underlyingMatches(instrument)
        }
        return underlyingMatches(instrument)
    }

    private func underlyingMatches(_ instrument: Instrument?) -> Bool {
        guard let underlying, let instrument else { return true }
        return instrument.underlying.base == underlying
    }
}
