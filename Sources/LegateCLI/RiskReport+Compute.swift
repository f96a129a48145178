internal import LegateCore
internal import LegateModel
internal import LegateRisk

/// Builds scope exposures the way the gate does (unit profiles times quantities), caching profiles per instrument.
struct RiskExposureBuilder {
    let inputs: RiskInputs
    private var profiles: [InstrumentOnVenue: InstrumentRiskProfile] = [:]
    private var workspace = ScenarioRevaluation()

    init(_ inputs: RiskInputs) { self.inputs = inputs }

    mutating func profile(
        _ instrument: Instrument,
        _ venue: Venue,
        at path: String
    ) throws(RiskInputError)
        -> InstrumentRiskProfile
    {
        let key = InstrumentOnVenue(instrument: instrument, venue: venue)
        if let known = profiles[key] { return known }
        do {
            let made = try inputs.model.profile(of: instrument, venue: venue, workspace: &workspace)
            profiles[key] = made
            return made
        } catch {
            throw RiskInputError(file: inputs.portfolioPath, path: path, problem: "\(error)")
        }
    }

    /// The exposure of the positions `include` selects.
    mutating func exposure(_ include: (RiskPositionEntry) -> Bool) throws(RiskInputError) -> ScopeExposure {
        var exposure = ScopeExposure(model: inputs.model)
        for (index, entry) in inputs.portfolio.positions.enumerated() where include(entry) {
            let profile = try profile(entry.instrument, entry.venue, at: "positions[\(index)].instrument")
            exposure.add(profile, venue: entry.venue, quantity: entry.quantity.doubleValue)
        }
        return exposure
    }

    /// Whether a position belongs to a limit scope: desk, account and underlying (role and bucket select orders and
    /// which part of vega is read, not positions).
    func covers(_ scope: LimitScope, _ entry: RiskPositionEntry) -> Bool {
        Self.covers(scope, entry, desks: inputs.limits.desks)
    }

    static func covers(_ scope: LimitScope, _ entry: RiskPositionEntry, desks: [AccountID: DeskID]) -> Bool {
        if let account = scope.account, entry.account != account { return false }
        if let desk = scope.desk, desks[entry.account] != desk { return false }
        if let underlying = scope.underlying, entry.instrument.underlying.base != underlying { return false }
        return true
    }

    func equity(of scope: LimitScope) -> Double {
        inputs.limits.accounts.reduce(0) { total, entry in
            if let account = scope.account, entry.account != account { return total }
            if let desk = scope.desk, entry.desk != desk { return total }
            return total + entry.equity.doubleValue
        }
    }

    /// A limit's figure over the scope's positions, as the gate reads it; nil for per-order measures.
    func figure(_ limit: Limit, measures: ScopeMeasures) -> Double? {
        switch limit.measure {
        case .delta: return measures.delta.magnitude
        case .gamma: return measures.gamma.magnitude
        case .vega:
            guard let label = limit.scope.expiryBucket, let bucket = inputs.model.bucket(labelled: label) else {
                return measures.vega.magnitude
            }
            return measures.vega(bucket: bucket).magnitude
        case .theta: return measures.theta.magnitude
        case .grossNotional: return measures.grossNotional
        case .worstScenarioLoss: return measures.worstScenarioLoss
        case .valueAtRisk: return measures.valueAtRisk
        case .expectedShortfall: return measures.expectedShortfall
        case .marginUtilisation:
            let equity = equity(of: limit.scope)
            return equity > 0 ? measures.initialMargin / equity : nil
        case .positionPerInstrument:
            return inputs.portfolio.positions.filter { covers(limit.scope, $0) }
                .map { $0.quantity.doubleValue.magnitude }.max() ?? 0
        case .orderQuantity, .orderNotional, .openOrders, .leggingDelta, .leggingVega, .leggingTime: return nil
        }
    }

    /// Every limit with its figure over the book and how much of it is used.
    mutating func limitRows() throws(RiskInputError) -> [RiskReport.LimitRow] {
        var rows: [RiskReport.LimitRow] = []
        let desks = inputs.limits.desks
        for limit in inputs.limits.limits {
            let exposure = try exposure { Self.covers(limit.scope, $0, desks: desks) }
            let measures = try inputs.measures(of: exposure)
            let figure = figure(limit, measures: measures)
            let threshold = limit.threshold.doubleValue
            rows.append(
                RiskReport.LimitRow(
                    measure: limit.measure.rawValue,
                    scope: limit.scope.description,
                    severity: limit.severity.rawValue,
                    figure: figure,
                    threshold: threshold,
                    usedPercent: figure.flatMap { threshold > 0 ? 100 * $0 / threshold : nil }
                )
            )
        }
        return rows
    }
}

extension RiskInputs {
    func measures(of exposure: ScopeExposure) throws(RiskInputError) -> ScopeMeasures {
        do {
            return try model.measures(of: exposure)
        } catch {
            throw RiskInputError(file: portfolioPath, path: "positions", problem: "\(error)")
        }
    }

    /// The USD value of one unit of `currency`: 1 for USD-like coins, else its index.
    func usdPerUnit(of currency: Asset) -> Double {
        if ["USD", "USDC", "USDT"].contains(currency.code) { return 1 }
        return portfolio.market.underlyings.first { $0.key.base == currency }?.value.index ?? 0
    }
}
