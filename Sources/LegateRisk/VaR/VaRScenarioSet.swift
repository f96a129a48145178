/// A fixed set of VaR scenarios for the incremental risk gate: P&L vectors per position, and VaR/ES read off any
/// sum of them in microseconds.
///
/// Scenario P&L is linear in quantity, so the gate keeps one aggregated vector per book (or risk unit), adds an
/// order's leg vectors scaled by quantity, and reads VaR/ES off the sum with `tailRisk(of:plus:)`, which neither
/// sorts nor allocates (`TailRiskReader`). The set is built once per market state from history (the most recent
/// rows of the return series) or from Monte Carlo paths; at least `VaRSettings.minimumGateScenarioCount`.
public struct VaRScenarioSet: Sendable {
    public let scenarios: ScenarioSet
    public let reader: TailRiskReader

    /// - Throws: `VaRError.seriesTooShort` below the minimum scenario count, `.confidenceOutOfRange`.
    public init(scenarios: ScenarioSet, varConfidence: Double, esConfidence: Double) throws(VaRError) {
        guard scenarios.count >= VaRSettings.minimumGateScenarioCount else {
            throw .seriesTooShort(
                what: "VaR scenario set",
                count: scenarios.count,
                minimum: VaRSettings.minimumGateScenarioCount
            )
        }
        self.scenarios = scenarios
        self.reader = try TailRiskReader(
            scenarioCount: scenarios.count,
            varConfidence: varConfidence,
            esConfidence: esConfidence
        )
    }

    /// The last `settings.gateScenarioCount` rows of a historical simulation.
    ///
    /// - Throws: `VaRError.seriesTooShort` when the series is shorter than the count, and the checks of `init`.
    public static func historical(
        _ simulation: HistoricalSimulation,
        settings: VaRSettings
    ) throws(VaRError)
        -> VaRScenarioSet
    {
        try settings.validate()
        let count = settings.gateScenarioCount
        guard simulation.series.count >= count else {
            throw .seriesTooShort(what: "return series for the gate", count: simulation.series.count, minimum: count)
        }
        let rows = (simulation.series.count - count)..<simulation.series.count
        return try VaRScenarioSet(
            scenarios: try simulation.scenarios(rows: rows),
            varConfidence: settings.varConfidence,
            esConfidence: settings.esConfidence
        )
    }

    /// The first `settings.gateScenarioCount` paths of a Monte Carlo model.
    ///
    /// - Throws: the checks of `init` and of `MonteCarloVaR.scenarios(paths:)`.
    public static func monteCarlo(_ simulation: MonteCarloVaR) throws(VaRError) -> VaRScenarioSet {
        let settings = simulation.settings
        return try VaRScenarioSet(
            scenarios: try simulation.scenarios(paths: 0..<settings.gateScenarioCount),
            varConfidence: settings.varConfidence,
            esConfidence: settings.esConfidence
        )
    }

    /// The number of scenarios.
    public var count: Int { scenarios.count }

    /// One position's P&L over every scenario.
    ///
    /// Builds a one-row book and revalues it: one Black-76 pricing per scenario for an option, plus the kernel's
    /// per-scenario overhead, and a few allocations (book, output, vector). Not a per-decision cost: the gate calls
    /// it once per instrument and market state, at unit quantity, and scales the vector by the order's quantity.
    ///
    /// - Parameters:
    ///   - indexPrices: Index price per underlying, as in the book the position belongs to.
    /// - Throws: `VaRError.revaluation` for a position or index prices the kernel refuses.
    public func vector(
        of position: ScenarioPosition,
        indexPrices: [Double],
        numeraire: Numeraire,
        workspace: inout ScenarioRevaluation
    ) throws(VaRError) -> ScenarioVector {
        var single = position
        single.group = 0
        var book = ScenarioBook(indexPrices: indexPrices, groupCount: 1)
        var output = PositionScenarioPnL(positionCount: 1, scenarioCount: scenarios.count)
        do {
            try book.append(single)
            try workspace.revaluePositions(book, under: scenarios, into: &output)
        } catch {
            throw .revaluation(error)
        }
        return output.vector(position: 0, in: numeraire)
    }

    /// Every position's P&L over every scenario, position-major, into `output` (`book.count` × `count`).
    ///
    /// - Throws: `VaRError.revaluation` for a book or output the kernel refuses.
    public func vectors(
        of book: ScenarioBook,
        workspace: inout ScenarioRevaluation,
        into output: inout PositionScenarioPnL
    ) throws(VaRError) {
        do {
            try workspace.revaluePositions(book, under: scenarios, into: &output)
        } catch {
            throw .revaluation(error)
        }
    }

    /// VaR and ES of an aggregated vector; no sort, no allocation (see `TailRiskReader` for the cost).
    public func tailRisk(of vector: ScenarioVector) -> TailRisk {
        vector.values.withUnsafeBufferPointer { reader.read($0) }
    }

    /// VaR and ES of `base + delta` (the book's vector plus an order's), without forming the sum.
    public func tailRisk(of base: ScenarioVector, plus delta: ScenarioVector) -> TailRisk {
        base.values.withUnsafeBufferPointer { base in
            delta.values.withUnsafeBufferPointer { delta in reader.read(base, plus: delta) }
        }
    }
}
