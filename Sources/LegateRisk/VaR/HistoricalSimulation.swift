import RealModule

/// Historical-simulation VaR and ES with full revaluation (risk-methodology §4.1).
///
/// Every row of a return series is one scenario: each underlying's spot (and with it every forward) moves by that
/// day's simple return, `S′ = S·(1 + r)`, the book is fully revalued, and VaR/ES are read off the P&L of all rows.
/// The series holds spot returns only, so implied vols follow `HistoricalVolDynamics`: held per strike, or moved
/// with the smile (sticky moneyness, to first order with the caller's ATM skew). The horizon is the series'
/// sampling interval (one day for `Models/returns/btc-usd-daily.csv`).
public struct HistoricalSimulation: Sendable {
    public let series: ReturnSeries
    /// `columns[u]`: the series column of underlying `u`.
    public let columns: [Int]
    public let volDynamics: HistoricalVolDynamics
    /// `∂σ/∂ln K` at the money per underlying, read only under `.stickyMoneyness`.
    public let atmSkews: [Double]
    /// The lowest vol a sticky-moneyness shift can leave (`VaRSettings.volFloor`).
    public let volFloor: Double

    /// - Parameters:
    ///   - names: The series column of each underlying, in the book's underlying order.
    ///   - atmSkews: One per underlying under `.stickyMoneyness` (ignored, may be empty, under `.stickyStrike`).
    ///   - volFloor: `VaRSettings.volFloor`.
    /// - Throws: `VaRError.unknownName` for a column the series lacks, `.dimensionMismatch` for skews of the wrong
    ///   count, `.nonFiniteValue` for a non-finite skew, `.valueNotPositive` for the floor.
    public init(
        series: ReturnSeries,
        names: [String],
        volDynamics: HistoricalVolDynamics,
        atmSkews: [Double] = [],
        volFloor: Double
    ) throws(VaRError) {
        guard volFloor > 0, volFloor.isFinite else { throw .valueNotPositive(what: "volFloor", value: volFloor) }
        guard !names.isEmpty else { throw .emptySeries(what: "historical simulation underlyings") }
        var columns: [Int] = []
        for name in names { columns.append(try series.column(name)) }
        if volDynamics == .stickyMoneyness {
            guard atmSkews.count == names.count else {
                throw .dimensionMismatch(
                    what: "ATM skews for sticky moneyness",
                    expected: names.count,
                    actual: atmSkews.count
                )
            }
            for (index, skew) in atmSkews.enumerated() where !skew.isFinite {
                throw .nonFiniteValue(what: "ATM skew", index: index, value: skew)
            }
        }
        self.series = series
        self.columns = columns
        self.volDynamics = volDynamics
        self.atmSkews = atmSkews
        self.volFloor = volFloor
    }

    /// The scenarios of series rows `rows` (all rows by default).
    ///
    /// - Throws: `VaRError.dimensionMismatch` for rows outside the series.
    public func scenarios(rows: Range<Int>? = nil) throws(VaRError) -> ScenarioSet {
        let rows = rows ?? 0..<series.count
        guard rows.lowerBound >= 0, rows.upperBound <= series.count else {
            throw .dimensionMismatch(
                what: "historical rows upper bound",
                expected: series.count,
                actual: rows.upperBound
            )
        }
        do {
            // The floor only matters under sticky moneyness, where a large move can push a shifted vol down.
            var set = try ScenarioSet(underlyingCount: columns.count, volShock: .absolute, volFloor: volFloor)
            set.reserveCapacity(rows.count)
            var moves = [Double](repeating: 0, count: columns.count)
            var shifts = [Double](repeating: 0, count: columns.count)
            for row in rows {
                for (underlying, column) in columns.enumerated() {
                    let move = series.value(row: row, column: column)
                    moves[underlying] = move
                    shifts[underlying] = volShift(underlying: underlying, move: move)
                }
                try set.append(spotMoves: moves, volShifts: shifts, timeStepYears: 0)
            }
            return set
        } catch {
            throw .revaluation(error)
        }
    }

    /// Sticky moneyness: `σ(K·S/S′) − σ(K) ≈ −skew·ln(S′/S)`; sticky strike: no shift.
    func volShift(underlying: Int, move: Double) -> Double {
        switch volDynamics {
        case .stickyStrike: 0
        case .stickyMoneyness: -atmSkews[underlying] * Double.log(onePlus: move)
        }
    }

    /// Every row's P&L (summed over the book's groups) and the VaR/ES read off them.
    ///
    /// - Throws: `VaRError` for bad confidences, a book over another number of underlyings, or a book the kernel
    ///   refuses.
    public func run(
        _ book: ScenarioBook,
        varConfidence: Double,
        esConfidence: Double,
        numeraire: Numeraire
    ) throws(VaRError) -> (pnl: [Double], risk: TailRisk) {
        let reader = try TailRiskReader(
            scenarioCount: series.count,
            varConfidence: varConfidence,
            esConfidence: esConfidence
        )
        guard book.underlyingCount == columns.count else {
            throw .dimensionMismatch(what: "book underlyings", expected: columns.count, actual: book.underlyingCount)
        }
        let pnl = try totalPnL(book, under: try scenarios(), numeraire: numeraire)
        return (pnl, reader.read(pnl))
    }
}

/// The book's total P&L per scenario, summed over its groups.
func totalPnL(_ book: ScenarioBook, under scenarios: ScenarioSet, numeraire: Numeraire) throws(VaRError) -> [Double] {
    var workspace = ScenarioRevaluation()
    var groups = ScenarioPnL(groupCount: book.groupCount, scenarioCount: scenarios.count)
    do {
        try workspace.revalue(book, under: scenarios, into: &groups)
    } catch {
        throw .revaluation(error)
    }
    var total = [Double](repeating: 0, count: scenarios.count)
    for group in 0..<book.groupCount {
        for scenario in 0..<scenarios.count {
            total[scenario] += groups.pnl(group: group, scenario: scenario, in: numeraire)
        }
    }
    return total
}
