/// Full revaluation of a `ScenarioBook` over a `ScenarioSet`: the P&L of every position, or of every output group,
/// in every scenario, in coin and in USD.
///
/// This is the kernel under the margin grid, SPAN-like arrays and Monte Carlo VaR. Options are repriced with
/// Black-76 on the shocked forward and vol by the C scenario kernel (`legate_kernel_scenario_sums`, AVX2 where the
/// CPU has it), which takes per-option constants computed once per revaluation — ln(F/K), √T, the discounted and
/// signed weights — and per scenario ln(1 + move), so each repricing is the pair of normal CDFs and little else; it
/// walks a block of up to 64 scenarios per pass over the options. Delta-one rows are closed-form. The value is the
/// workspace: it owns every scratch column, so a revaluation allocates nothing once the workspace has seen a book of
/// that size (the first call sizes it). Keep one workspace per thread; to use two cores, give each a range of
/// scenarios and its own output: every scenario's figures have the same bits however the range is split.
///
/// P&L is `value(scenario) − value(base)`, where the base is the book's own market (zero move, zero shift, no time)
/// priced by the same kernel, so a zero scenario gives exactly 0. Per position (q = signed quantity in coins,
/// p = Black-76 USD price per coin, F′ = F·(1+m), S′ = S·(1+m)):
///
/// | row | value in coin | value in USD |
/// |---|---|---|
/// | coin-settled option | q·p/F′ | q·p/F′·S′ |
/// | USD-settled option | q·p/S′ | q·p |
/// | coin-settled future, perpetual | q·(1 − F/F′) (P&L) | coin P&L·S′ |
/// | USD-settled future, perpetual | USD P&L/S′ | q·(F′ − F) (P&L) |
/// | spot | q (constant) | q·S′ |
///
/// ```swift
/// var revaluation = ScenarioRevaluation()
/// var pnl = ScenarioPnL(groupCount: book.groupCount, scenarioCount: grid.count)
/// try revaluation.revalue(book, under: grid, into: &pnl)
/// let worst = pnl.vector(group: 0, in: .coin).worst
/// ```
public struct ScenarioRevaluation: Sendable {
    /// Per option row in batch order — sorted by (underlying, group), so that each segment shares one move, one vol
    /// shift and one output group — the kernel's columns and the rest of the row's constants.
    var rows = ScenarioKernelRows()
    var factors = OptionRowFactors()
    /// Batch row of each book option row, and the segments of the batch.
    var batchRow: [Int32] = []
    var segments: [OptionSegment] = []
    /// Per delta-one row: USD P&L per unit of (mult − 1), and coin P&L per unit of (mult − 1)/mult.
    var deltaOneUSD: [Double] = []
    var deltaOneCoin: [Double] = []
    /// The time step the kernel's columns were last written for, and the rows that expire within it.
    var loadedTimeStep: Double = 0
    var expiredRows: [Int32] = []
    /// The block of scenarios being revalued, and what it produces.
    var block = ScenarioBlock()
    var results = ScenarioBlockResults()

    /// An empty workspace; the first revaluation sizes it.
    public init() {}

    /// Revalues the book and writes each group's P&L per scenario.
    ///
    /// - Parameters:
    ///   - book: The positions and index prices.
    ///   - scenarios: The scenarios; their underlying count must equal the book's.
    ///   - range: The scenarios to revalue (all by default); output column `s − range.lowerBound` receives `s`.
    ///   - output: Overwritten; must be `book.groupCount` × `range.count`.
    /// - Throws: `ScenarioError.underlyingCountMismatch`, `.outputShapeMismatch`, `.scenarioRangeOutOfBounds`,
    ///   `.invalidIndexPrice`.
    public mutating func revalue(
        _ book: ScenarioBook,
        under scenarios: ScenarioSet,
        range: Range<Int>? = nil,
        into output: inout ScenarioPnL
    ) throws(ScenarioError) {
        let range = range ?? 0..<scenarios.count
        try check(book, scenarios, range)
        guard output.groupCount == book.groupCount, output.scenarioCount == range.count else {
            throw .outputShapeMismatch(
                expected: "\(book.groupCount) groups × \(range.count) scenarios",
                actual: "\(output.groupCount) groups × \(output.scenarioCount) scenarios"
            )
        }
        prepare(book, scenarios, positions: false)
        var scenario = range.lowerBound
        while scenario < range.upperBound {
            scenario = block.load(scenarios, from: scenario, to: range.upperBound)
            // The base market itself: P&L is exactly zero, no pricing needed.
            for base in block.skippedBases {
                for group in 0..<book.groupCount {
                    output.coin[group * range.count + base - range.lowerBound] = 0
                    output.usd[group * range.count + base - range.lowerBound] = 0
                }
            }
            guard let first = block.scenarios.first else { continue }
            loadTimeStep(scenarios.timeSteps[first])
            sumBlock(book)
            writeGroups(from: range.lowerBound, into: &output)
        }
    }

    /// Revalues the book and writes every position's own P&L per scenario (position ids as `ScenarioBook.append`
    /// returned them).
    ///
    /// - Parameters: as for `revalue(_:under:range:into:)`; `output` must be `book.count` × `range.count`.
    /// - Throws: as `revalue(_:under:range:into:)`.
    public mutating func revaluePositions(
        _ book: ScenarioBook,
        under scenarios: ScenarioSet,
        range: Range<Int>? = nil,
        into output: inout PositionScenarioPnL
    ) throws(ScenarioError) {
        let range = range ?? 0..<scenarios.count
        try check(book, scenarios, range)
        guard output.positionCount == book.count, output.scenarioCount == range.count else {
            throw .outputShapeMismatch(
                expected: "\(book.count) positions × \(range.count) scenarios",
                actual: "\(output.positionCount) positions × \(output.scenarioCount) scenarios"
            )
        }
        prepare(book, scenarios, positions: true)
        Self.resize(&results.values, to: ScenarioBlock.capacity * book.optionCount)
        var scenario = range.lowerBound
        while scenario < range.upperBound {
            scenario = block.load(scenarios, from: scenario, to: range.upperBound)
            for base in block.skippedBases {
                for position in 0..<book.count {
                    output.coin[position * range.count + base - range.lowerBound] = 0
                    output.usd[position * range.count + base - range.lowerBound] = 0
                }
            }
            guard let first = block.scenarios.first else { continue }
            loadTimeStep(scenarios.timeSteps[first])
            valueBlock()
            writePositions(book, from: range.lowerBound, into: &output)
        }
    }

    private func check(_ book: ScenarioBook, _ scenarios: ScenarioSet, _ range: Range<Int>) throws(ScenarioError) {
        guard scenarios.underlyingCount == book.underlyingCount else {
            throw .underlyingCountMismatch(
                expected: book.underlyingCount,
                actual: scenarios.underlyingCount,
                context: "scenario set against the book"
            )
        }
        guard range.lowerBound >= 0, range.upperBound <= scenarios.count else {
            throw .scenarioRangeOutOfBounds(lower: range.lowerBound, upper: range.upperBound, count: scenarios.count)
        }
        try book.validate()
    }
}
