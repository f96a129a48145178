internal import LegateModel
internal import LegateRisk

/// The margin part of the `risk` area: full revaluation of a large option book over a portfolio-margin grid.
enum MarginBenchmarks {
    static let all: [Benchmark] = [gridRevaluation]

    /// Reused workspace and output; the benchmark body overwrites them on every call.
    // Safe because: a benchmark body runs on one thread at a time; the box never escapes the runner.
    final class RevaluationBox: @unchecked Sendable {
        var revaluation = ScenarioRevaluation()
        var output: ScenarioPnL
        init(groupCount: Int, scenarioCount: Int) {
            output = ScenarioPnL(groupCount: groupCount, scenarioCount: scenarioCount)
        }
    }

    /// The house grid of `Models/margin/house.json`, restated here because benchmarks read no files: 21 moves from
    /// −30% to +30% in 3% steps, each with vol up 50%, unchanged and down 30% (relative, vega-power scaled with
    /// 0.30/0.13 around 30 days, up shocks on at least 50% vol) = 63 scenarios, no extended moves.
    static func houseGrid() throws -> MarginGrid {
        let unit = RiskUnitParameters(
            annualisedMoveRisk: 0.1,
            minAnnualisedMove: 0.01,
            extendedDampenerUSD: 0,
            pnlOffset: 0,
            maxOffsetablePnl: 0
        )
        let btc = UnderlyingPortfolioParameters(
            priceRange: 0.30,
            bucketsPerSide: 10,
            volRangeUp: 0.50,
            volRangeDown: 0.30,
            vegaPower: VegaPowerScaling(
                shortTermPower: 0.30,
                longTermPower: 0.13,
                pivotDays: 30,
                minimumDays: 1,
                minimumVolForShockUp: 0.50
            ),
            extendedMoves: [],
            extendedTableFactor: 1,
            maxDeltaShock: 0.10,
            deltaShockThresholdUSD: 20_000_000,
            deltaShockIncrement: 0.000_05,
            coin: unit,
            usd: unit
        )
        let parameters = PortfolioMarginParameters(
            model: "house",
            mmFactor: 0.8,
            volFloor: 0.01,
            underlyings: ["BTC": btc]
        )
        return try MarginGrid(parameters: parameters, coins: ["BTC"])
    }

    /// A 10,000-option BTC book: calls and puts, 70% coin-settled (Deribit) and 30% USD-settled, expiries from a day
    /// to 18 months, strikes from 60% to 160% of the forward, long and short, one risk unit.
    static func optionBook(count: Int) throws -> ScenarioBook {
        var generator = PricingBenchmarks.SplitMix(state: 2_024)
        var book = ScenarioBook(indexPrices: [100_000], groupCount: 1)
        book.reserveCapacity(options: count, deltaOnes: 0)
        for _ in 0..<count {
            let expiry = generator.uniform(1.0 / 365, 1.5)
            let forward = 100_000 * (1 + 0.05 * expiry)
            try book.append(
                .option(
                    generator.next() & 1 == 0 ? .call : .put,
                    settlement: generator.uniform(0, 1) < 0.7 ? .coin : .usd,
                    underlying: 0,
                    group: 0,
                    quantity: generator.uniform(-25, 25),
                    forward: forward,
                    strike: forward * generator.uniform(0.6, 1.6),
                    expiryYears: expiry,
                    vol: generator.uniform(0.35, 1.1)
                )
            )
        }
        return book
    }

    /// Full revaluation of 10,000 options over the 63-scenario house grid (630,000 Black-76 prices plus base values),
    /// into a reused output; one item is one whole revaluation.
    static let gridRevaluation = Benchmark(area: "risk", name: "grid_revaluation_10k", items: 1) {
        let grid = try houseGrid()
        let book = try optionBook(count: 10_000)
        let box = RevaluationBox(groupCount: 1, scenarioCount: grid.scenarios.count)
        // One warm-up call sizes the workspace, so timed calls allocate nothing.
        try box.revaluation.revalue(book, under: grid.scenarios, into: &box.output)
        return { [book, grid] in
            do {
                try box.revaluation.revalue(book, under: grid.scenarios, into: &box.output)
            } catch {
                preconditionFailure("grid revaluation failed: \(error)")
            }
            return box.output.usd[0] + box.output.coin[62]
        }
    }
}
