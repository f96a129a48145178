import LegateCore

/// Per batch row, what its P&L needs besides the kernel's columns, computed once per revaluation.
///
/// With p the Black-76 USD price per coin, the row's USD value is p·`usd` and its coin value that over S′ = S·mult
/// (see `ScenarioRevaluation`); `baseValue` is the USD value in the base market, priced by the kernel.
struct OptionRowFactors: Sendable {
    var underlying: [Int32] = []
    var forward: [Double] = []
    var strike: [Double] = []
    var expiryYears: [Double] = []
    var rate: [Double] = []
    var usd: [Double] = []
    var isCall: [Bool] = []
    var baseValue: [Double] = []

    mutating func resize(to count: Int) {
        if underlying.count != count { underlying = Array(repeating: 0, count: count) }
        if isCall.count != count { isCall = Array(repeating: false, count: count) }
        ScenarioRevaluation.resize(&forward, to: count)
        ScenarioRevaluation.resize(&strike, to: count)
        ScenarioRevaluation.resize(&expiryYears, to: count)
        ScenarioRevaluation.resize(&rate, to: count)
        ScenarioRevaluation.resize(&usd, to: count)
        ScenarioRevaluation.resize(&baseValue, to: count)
    }
}

/// A run of batch rows with one underlying and one output group.
struct OptionSegment: Sendable {
    var start: Int
    var end: Int
    var underlying: Int
    var group: Int
    /// The underlying's index price S.
    var index: Double
    /// The segment's USD value in the base market, summed as the kernel sums every scenario, and that in coin.
    var baseUSD: Double
    var baseCoin: Double
}

/// Preparation: everything that does not change between scenarios. Every scratch column is sized here and then only
/// overwritten, so the scenario loop allocates nothing once the workspace has seen a book of this size.
extension ScenarioRevaluation {
    /// - Parameter positions: Whether per-position P&L will be written, which needs every row's base value; group
    ///   sums need only the segments'.
    mutating func prepare(_ book: ScenarioBook, _ scenarios: ScenarioSet, positions: Bool) {
        loadRows(book.options, indexPrices: book.indexPrices)
        prepareVolShock(scenarios)
        loadTimeStep(0, force: true)
        block.resize(underlyingCount: book.underlyingCount)
        results.resize(groupCount: book.groupCount)
        loadSegments(book.options, indexPrices: book.indexPrices, rowValues: positions)
        prepareDeltaOne(book)
    }

    /// A USD value in coin: over S′ = S·multiplier. One expression for the base and every scenario, so that a zero
    /// move (multiplier exactly 1) gives exactly the base.
    @inline(__always)
    static func coinValue(_ usd: Double, index: Double, multiplier: Double) -> Double {
        usd / (index * multiplier)
    }

    /// Fills the kernel's time-independent columns and the row factors, in batch order.
    private mutating func loadRows(_ options: OptionColumns, indexPrices: [Double]) {
        let count = options.count
        factors.resize(to: count)
        rows.resize(to: count)
        if batchRow.count != count { batchRow = Array(repeating: 0, count: count) }
        let order = options.order
        batchRow.withUnsafeMutableBufferPointer { batchRow in
            for row in 0..<count { batchRow[Int(order[row])] = Int32(row) }
        }
        Self.fill(&factors.underlying) { options.underlying[Int(order[$0])] }
        Self.fill(&factors.forward) { options.forward[Int(order[$0])] }
        Self.fill(&factors.strike) { options.strike[Int(order[$0])] }
        Self.fill(&factors.expiryYears) { options.expiryYears[Int(order[$0])] }
        Self.fill(&factors.rate) { options.rate[Int(order[$0])] }
        Self.fill(&factors.isCall) { options.isCall[Int(order[$0])] }
        Self.fill(&factors.usd) { row in
            let source = Int(order[row])
            let quantity = options.quantity[source]
            let index = indexPrices[Int(options.underlying[source])]
            return options.settlesInCoin[source] ? quantity * index / options.forward[source] : quantity
        }
        rows.withColumns { columns in
            for row in 0..<count {
                let source = Int(options.order[row])
                columns[.logMoneyness, row] = options.forward[source] / options.strike[source]
                columns[.vol, row] = options.vol[source]
                columns[.sign, row] = options.isCall[source] ? 1 : -1
            }
            columns.formLog(.logMoneyness)
        }
    }

    /// Writes the columns that depend on the time step (√T and the discounted weights) for scenarios `timeStep`
    /// years ahead, and lists the rows that expire within the step: the kernel gives them zero weight and the
    /// revaluation adds their intrinsic value.
    mutating func loadTimeStep(_ timeStep: Double, force: Bool = false) {
        guard force || timeStep != loadedTimeStep else { return }
        loadedTimeStep = timeStep
        let factors = factors
        var expired: [Int32] = []
        swap(&expired, &expiredRows)
        expired.removeAll(keepingCapacity: true)
        rows.withColumns { columns in
            // The discount factor e^{−r·T′} goes through the strike-weight column, exponentiated in one pass.
            for row in 0..<columns.count {
                let remaining = factors.expiryYears[row] - timeStep
                columns[.sqrtExpiry, row] = remaining > 0 ? remaining.squareRoot() : 1
                columns[.strikeWeight, row] = remaining > 0 ? -factors.rate[row] * remaining : 0
                if !(remaining > 0) { expired.append(Int32(row)) }
            }
            columns.formExp(.strikeWeight)
            for row in 0..<columns.count {
                let live = factors.expiryYears[row] - timeStep > 0
                let weight = live ? columns[.sign, row] * factors.usd[row] * columns[.strikeWeight, row] : 0
                columns[.forwardWeight, row] = weight * factors.forward[row]
                columns[.strikeWeight, row] = weight * factors.strike[row]
            }
        }
        swap(&expired, &expiredRows)
    }

    /// Cuts the batch into runs of one (underlying, group) and prices the base market by the kernel, as the scenarios
    /// will be: every segment's sum, and every row's value if `rowValues`.
    private mutating func loadSegments(_ options: OptionColumns, indexPrices: [Double], rowValues: Bool) {
        segments.removeAll(keepingCapacity: true)
        block.loadBase(underlyingCount: indexPrices.count)
        var start = 0
        while start < options.count {
            let source = Int(options.order[start])
            let underlying = options.underlying[source]
            let group = options.group[source]
            var end = start + 1
            while end < options.count, options.underlying[Int(options.order[end])] == underlying,
                options.group[Int(options.order[end])] == group
            {
                end += 1
            }
            let base = Int(underlying)
            ScenarioKernel.sums(rows, start..<end, block: block, underlying: base, into: &results.sums)
            if rowValues {
                ScenarioKernel.values(
                    rows,
                    start..<end,
                    block: block,
                    underlying: base,
                    stride: options.count,
                    into: &factors.baseValue
                )
            }
            let index = indexPrices[base]
            segments.append(
                OptionSegment(
                    start: start,
                    end: end,
                    underlying: base,
                    group: Int(group),
                    index: index,
                    baseUSD: results.sums[0],
                    baseCoin: Self.coinValue(results.sums[0], index: index, multiplier: 1)
                )
            )
            start = end
        }
    }

    /// The vol shock's coefficients: σ′ = max(floor, σ + shift·up) for a positive shift, with `down` otherwise.
    private mutating func prepareVolShock(_ scenarios: ScenarioSet) {
        let expiryYears = factors.expiryYears
        rows.withColumns { columns in
            for row in 0..<columns.count { columns[.volFloor, row] = min(scenarios.volFloor, columns[.vol, row]) }
            switch scenarios.volShock {
            case .absolute:
                for row in 0..<columns.count {
                    columns[.volUp, row] = 1
                    columns[.volDown, row] = 1
                }
            case .relative:
                for row in 0..<columns.count {
                    columns[.volUp, row] = columns[.vol, row]
                    columns[.volDown, row] = columns[.vol, row]
                }
            case .vegaPower(let scaling):
                Self.prepareVegaPower(scaling, expiryYears: expiryYears, columns: columns)
            }
        }
    }

    /// Vega-power coefficients: the time scale (pivot/max(minimum, days))^power, as e^{power·ln(…)} over the whole
    /// column at once, times max(σ, minimumVolForShockUp) up and σ down.
    private static func prepareVegaPower(
        _ scaling: VegaPowerScaling,
        expiryYears: [Double],
        columns: ScenarioKernelRows.Columns
    ) {
        let daysPerYear = UnixNanos.nanosecondsPerYear / Double(UnixNanos.nanosecondsPerDay)
        for row in 0..<columns.count {
            columns[.volDown, row] = scaling.pivotDays / max(scaling.minimumDays, expiryYears[row] * daysPerYear)
        }
        columns.formLog(.volDown)
        for row in 0..<columns.count {
            let days = expiryYears[row] * daysPerYear
            columns[.volDown, row] *= days < scaling.pivotDays ? scaling.shortTermPower : scaling.longTermPower
        }
        columns.formExp(.volDown)
        for row in 0..<columns.count {
            let vol = columns[.vol, row]
            let scale = columns[.volDown, row]
            columns[.volUp, row] = max(vol, scaling.minimumVolForShockUp) * scale
            columns[.volDown, row] = vol * scale
        }
    }

    private mutating func prepareDeltaOne(_ book: ScenarioBook) {
        let rows = book.deltaOnes
        Self.resize(&deltaOneUSD, to: rows.count)
        Self.resize(&deltaOneCoin, to: rows.count)
        for row in 0..<rows.count {
            let index = book.indexPrices[Int(rows.underlying[row])]
            let quantity = rows.quantity[row]
            switch rows.kind[row] {
            case .spot:
                deltaOneUSD[row] = quantity * index
                deltaOneCoin[row] = 0
            case .future, .perpetual, .option:
                // Coin-settled: q·S·(mult − 1) in USD; USD-settled: q·F·(mult − 1). Coin P&L = USD P&L / S′.
                deltaOneUSD[row] = quantity * (rows.settlesInCoin[row] ? index : rows.forward[row])
                deltaOneCoin[row] = deltaOneUSD[row] / index
            }
        }
    }

    /// Sets every element of `column` to `value(index)`, with one uniqueness check for the whole column.
    static func fill<Element>(_ column: inout [Element], _ value: (Int) -> Element) {
        column.withUnsafeMutableBufferPointer { column in
            for index in column.indices { column[index] = value(index) }
        }
    }

    /// Makes `column` `count` long, reallocating only when the length changes.
    static func resize(_ column: inout [Double], to count: Int) {
        guard column.count != count else { return }
        column = Array(repeating: 0, count: count)
    }
}
