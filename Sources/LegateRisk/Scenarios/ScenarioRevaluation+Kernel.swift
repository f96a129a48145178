import LegateCore
import LegatePricing
import RealModule

/// Per batch row, the constants of its P&L and vol shock, computed once per revaluation.
///
/// With p the Black-76 USD price per coin: USD value = p·`usd`, coin value = p·`coin`/mult (see
/// `ScenarioRevaluation`); `baseUSD` and `baseCoin` are those values in the base market. A vol shift `x` gives
/// `σ' = max(floor, σ + x·(x > 0 ? up : down))`.
struct OptionRowFactors: Sendable {
    var forward: [Double] = []
    var vol: [Double] = []
    var expiryYears: [Double] = []
    var strike: [Double] = []
    var usd: [Double] = []
    var coin: [Double] = []
    var baseUSD: [Double] = []
    var baseCoin: [Double] = []
    var up: [Double] = []
    var down: [Double] = []
    var floor: [Double] = []

    mutating func resize(to count: Int) {
        ScenarioRevaluation.resize(&forward, to: count)
        ScenarioRevaluation.resize(&vol, to: count)
        ScenarioRevaluation.resize(&expiryYears, to: count)
        ScenarioRevaluation.resize(&strike, to: count)
        ScenarioRevaluation.resize(&usd, to: count)
        ScenarioRevaluation.resize(&coin, to: count)
        ScenarioRevaluation.resize(&baseUSD, to: count)
        ScenarioRevaluation.resize(&baseCoin, to: count)
        ScenarioRevaluation.resize(&up, to: count)
        ScenarioRevaluation.resize(&down, to: count)
        ScenarioRevaluation.resize(&floor, to: count)
    }
}

/// A run of batch rows with one underlying and one output group.
struct OptionSegment: Sendable {
    var start: Int
    var end: Int
    var underlying: Int
    var group: Int
    /// Σ p·usd and Σ p·coin over the segment in the base market, summed as the scenario loop sums.
    var baseUSD: Double
    var baseCoin: Double
}

/// Preparation: everything that does not change between scenarios. Every scratch column is sized here and then only
/// overwritten, so the scenario loop allocates nothing once the workspace has seen a book of this size.
extension ScenarioRevaluation {
    mutating func prepare(_ book: ScenarioBook, _ scenarios: ScenarioSet) {
        let options = book.options
        let count = options.count
        loadBatch(options)
        for row in 0..<count {
            let source = Int(options.order[row])
            let quantity = options.quantity[source]
            let index = book.indexPrices[Int(options.underlying[source])]
            let forward = options.forward[source]
            if options.settlesInCoin[source] {
                factors.usd[row] = quantity * index / forward
                factors.coin[row] = quantity / forward
            } else {
                factors.usd[row] = quantity
                factors.coin[row] = quantity / index
            }
        }
        loadedTimeStep = 0
        batch.price(into: &prices)
        for row in 0..<count {
            // The same expressions as the scenario loop with a multiplier of exactly 1, so a zero move gives 0.
            factors.baseUSD[row] = prices[row] * factors.usd[row]
            factors.baseCoin[row] = prices[row] * factors.coin[row] / 1.0
        }
        loadSegments(options)
        prepareVolShock(scenarios)
        prepareDeltaOne(book)
        Self.resize(&multipliers, to: book.underlyingCount)
        Self.resize(&shifts, to: book.underlyingCount)
        Self.resize(&groupCoin, to: book.groupCount)
        Self.resize(&groupUSD, to: book.groupCount)
    }

    /// Fills the batch and the per-row columns in batch order.
    private mutating func loadBatch(_ options: OptionColumns) {
        let count = options.count
        factors.resize(to: count)
        Self.resize(&prices, to: count)
        Self.resize(&batch.underlying, to: count)
        Self.resize(&batch.vol, to: count)
        Self.resize(&batch.expiryYears, to: count)
        Self.resize(&batch.dividend, to: count)
        Self.resize(&batch.strike, to: count)
        Self.resize(&batch.rate, to: count)
        if batch.isCall.count != count { batch.isCall = Array(repeating: false, count: count) }
        if batchRow.count != count { batchRow = Array(repeating: 0, count: count) }
        for row in 0..<count {
            let source = Int(options.order[row])
            batchRow[source] = Int32(row)
            factors.forward[row] = options.forward[source]
            factors.vol[row] = options.vol[source]
            factors.expiryYears[row] = options.expiryYears[source]
            factors.strike[row] = options.strike[source]
            batch.underlying[row] = options.forward[source]
            batch.vol[row] = options.vol[source]
            batch.expiryYears[row] = options.expiryYears[source]
            batch.strike[row] = options.strike[source]
            batch.rate[row] = options.rate[source]
            batch.isCall[row] = options.isCall[source]
            batch.dividend[row] = 0
        }
    }

    /// Cuts the batch into runs of one (underlying, group) and sums their base values.
    private mutating func loadSegments(_ options: OptionColumns) {
        segments.removeAll(keepingCapacity: true)
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
            let sums = Self.dot(prices, factors.usd, factors.coin, start..<end)
            segments.append(
                OptionSegment(
                    start: start,
                    end: end,
                    underlying: Int(underlying),
                    group: Int(group),
                    baseUSD: sums.first,
                    baseCoin: sums.second / 1.0
                )
            )
            start = end
        }
    }

    private mutating func prepareVolShock(_ scenarios: ScenarioSet) {
        let daysPerYear = UnixNanos.nanosecondsPerYear / Double(UnixNanos.nanosecondsPerDay)
        // Books hold few expiries: the last expiry's time scale is reused rather than recomputed with `pow`.
        var cachedScale: (expiryYears: Double, scale: Double) = (.nan, .nan)
        for row in 0..<factors.vol.count {
            let vol = factors.vol[row]
            factors.floor[row] = min(scenarios.volFloor, vol)
            switch scenarios.volShock {
            case .absolute:
                factors.up[row] = 1
                factors.down[row] = 1
            case .relative:
                factors.up[row] = vol
                factors.down[row] = vol
            case .vegaPower(let scaling):
                let expiryYears = factors.expiryYears[row]
                if cachedScale.expiryYears != expiryYears {
                    let days = expiryYears * daysPerYear
                    let power = days < scaling.pivotDays ? scaling.shortTermPower : scaling.longTermPower
                    cachedScale = (expiryYears, Double.pow(scaling.pivotDays / max(scaling.minimumDays, days), power))
                }
                let scale = cachedScale.scale
                factors.up[row] = max(vol, scaling.minimumVolForShockUp) * scale
                factors.down[row] = vol * scale
            }
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

    /// Makes `column` `count` long, reallocating only when the length changes.
    static func resize(_ column: inout [Double], to count: Int) {
        guard column.count != count else { return }
        column = Array(repeating: 0, count: count)
    }

    /// Σ values·first and Σ values·second over `range`, with four partial sums each (a fixed order, so the same
    /// inputs give the same bits).
    static func dot(
        _ values: [Double],
        _ first: [Double],
        _ second: [Double],
        _ range: Range<Int>
    ) -> (first: Double, second: Double) {
        values.withUnsafeBufferPointer { values in
            first.withUnsafeBufferPointer { first in
                second.withUnsafeBufferPointer { second in
                    var a = SIMD4<Double>()
                    var b = SIMD4<Double>()
                    var row = range.lowerBound
                    while row + 4 <= range.upperBound {
                        let p = SIMD4(values[row], values[row + 1], values[row + 2], values[row + 3])
                        a += p * SIMD4(first[row], first[row + 1], first[row + 2], first[row + 3])
                        b += p * SIMD4(second[row], second[row + 1], second[row + 2], second[row + 3])
                        row += 4
                    }
                    var tailA = 0.0
                    var tailB = 0.0
                    while row < range.upperBound {
                        tailA += values[row] * first[row]
                        tailB += values[row] * second[row]
                        row += 1
                    }
                    return ((a[0] + a[1]) + (a[2] + a[3]) + tailA, (b[0] + b[1]) + (b[2] + b[3]) + tailB)
                }
            }
        }
    }
}

/// The scenario loop: shock the columns segment by segment, price, and sum P&L per segment.
extension ScenarioRevaluation {
    /// Reprices every option under scenario `scenario` into `prices`, and sets `multipliers` and `shifts`.
    mutating func loadScenario(_ scenario: Int, of scenarios: ScenarioSet, book: ScenarioBook) {
        let underlyingCount = scenarios.underlyingCount
        for underlying in 0..<underlyingCount {
            multipliers[underlying] = 1 + scenarios.spotMoves[scenario * underlyingCount + underlying]
            shifts[underlying] = scenarios.volShifts[scenario * underlyingCount + underlying]
        }
        guard !prices.isEmpty else { return }
        for segment in segments {
            let multiplier = multipliers[segment.underlying]
            let shift = shifts[segment.underlying]
            Self.shock(
                segment.start..<segment.end,
                multiplier: multiplier,
                shift: shift,
                factors: factors,
                forward: &batch.underlying,
                vol: &batch.vol
            )
        }
        let timeStep = scenarios.timeSteps[scenario]
        if timeStep != loadedTimeStep {
            for row in 0..<prices.count {
                let remaining = factors.expiryYears[row] - timeStep
                // An option expiring inside the step is priced at its base expiry, then replaced by intrinsic.
                batch.expiryYears[row] = remaining > 0 ? remaining : factors.expiryYears[row]
            }
            loadedTimeStep = timeStep
        }
        batch.price(into: &prices)
        if timeStep > 0 { settleExpired(timeStep: timeStep) }
    }

    /// `F' = F·mult` and `σ' = max(floor, σ + shift·coefficient)` over one segment.
    private static func shock(
        _ range: Range<Int>,
        multiplier: Double,
        shift: Double,
        factors: OptionRowFactors,
        forward shockedForward: inout [Double],
        vol shockedVol: inout [Double]
    ) {
        factors.forward.withUnsafeBufferPointer { forward in
            shockedForward.withUnsafeMutableBufferPointer { shocked in
                for row in range { shocked[row] = forward[row] * multiplier }
            }
        }
        let coefficients = shift > 0 ? factors.up : factors.down
        factors.vol.withUnsafeBufferPointer { vol in
            coefficients.withUnsafeBufferPointer { coefficient in
                factors.floor.withUnsafeBufferPointer { floor in
                    shockedVol.withUnsafeMutableBufferPointer { shocked in
                        for row in range { shocked[row] = max(floor[row], vol[row] + shift * coefficient[row]) }
                    }
                }
            }
        }
    }

    /// Replaces the price of every option that expires within `timeStep` by its intrinsic value on the shocked
    /// forward (undiscounted: it has settled).
    private mutating func settleExpired(timeStep: Double) {
        for row in 0..<prices.count where factors.expiryYears[row] <= timeStep {
            let forward = batch.underlying[row]
            let strike = factors.strike[row]
            prices[row] = batch.isCall[row] ? max(forward - strike, 0) : max(strike - forward, 0)
        }
    }

    /// Sums every row's P&L under the loaded scenario into `groupCoin` and `groupUSD`.
    mutating func sumGroups(_ book: ScenarioBook) {
        for group in 0..<groupCoin.count {
            groupCoin[group] = 0
            groupUSD[group] = 0
        }
        for segment in segments {
            let sums = Self.dot(prices, factors.usd, factors.coin, segment.start..<segment.end)
            groupUSD[segment.group] += sums.first - segment.baseUSD
            groupCoin[segment.group] += sums.second / multipliers[segment.underlying] - segment.baseCoin
        }
        let rows = book.deltaOnes
        for row in 0..<rows.count {
            let pnl = deltaOnePnL(row, multiplier: multipliers[Int(rows.underlying[row])])
            groupCoin[Int(rows.group[row])] += pnl.coin
            groupUSD[Int(rows.group[row])] += pnl.usd
        }
    }

    /// Writes every position's P&L under the loaded scenario into column `column` of `output`.
    func writePositions(_ book: ScenarioBook, column: Int, into output: inout PositionScenarioPnL) {
        let stride = output.scenarioCount
        for (id, slot) in book.slots.enumerated() {
            let pnl: (coin: Double, usd: Double)
            switch slot {
            case .option(let optionRow):
                let row = Int(batchRow[optionRow])
                let multiplier = multipliers[Int(book.options.underlying[optionRow])]
                let price = prices[row]
                pnl = (
                    price * factors.coin[row] / multiplier - factors.baseCoin[row],
                    price * factors.usd[row] - factors.baseUSD[row]
                )
            case .deltaOne(let row):
                pnl = deltaOnePnL(row, multiplier: multipliers[Int(book.deltaOnes.underlying[row])])
            }
            output.coin[id * stride + column] = pnl.coin
            output.usd[id * stride + column] = pnl.usd
        }
    }

    @inline(__always)
    func deltaOnePnL(_ row: Int, multiplier: Double) -> (coin: Double, usd: Double) {
        let change = multiplier - 1
        return (deltaOneCoin[row] * change / multiplier, deltaOneUSD[row] * change)
    }
}
