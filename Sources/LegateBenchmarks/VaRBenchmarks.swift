import Dispatch
internal import Foundation
internal import LegateModel
internal import LegateRisk

#if canImport(Glibc)
internal import Glibc
#endif

/// The VaR benchmarks of the `risk` area.
enum VaRBenchmarks {
    static let all: [Benchmark] = [monteCarloVaR, tailRead]

    static let pathCount = 10_000
    static let optionCount = 10_000
    static let underlyingCount = 10

    /// Monte Carlo VaR and ES at 99 % / 97.5 %, one day: 10,000 correlated paths over 10 underlyings (a spot and a vol
    /// factor each, 20 factors), full Black-76 revaluation of 10,000 options in every path (10⁸ repricings), on
    /// both cores: the paths are split into two ranges computed concurrently, each with its own workspace, then VaR
    /// and ES are read off the joined P&L vector. Items are paths. The workload (book, vols, correlations) is built
    /// here from a fixed seed; model defaults live in `Models/var/settings.json` and are not what is timed.
    ///
    /// `legate bench` pins the process to one CPU so that per-core figures mean one core; this benchmark's target is
    /// stated for two cores, so each of its two threads places itself on its own CPU for the duration of its range
    /// and then restores its mask (`ThreadPlacement`). Explicit threads rather than `concurrentPerform`, which sizes
    /// its pool from the pinned mask and would run both ranges one after the other on one thread. The harness's CPU
    /// column counts the calling thread only, that is one of the two ranges; the figure for the two-core target is
    /// the wall-clock median, which on a machine shared with other work also counts the time both threads wait for a
    /// core. Every path's P&L has the same bits however the range is split (`MonteCarloVaR`), so the two-thread run
    /// reads the VaR and ES a one-thread run would.
    static let monteCarloVaR = Benchmark(area: "risk", name: "mc_var_10k_paths_10k_options", items: pathCount) {
        let simulation = try MonteCarloVaR(model: try factorModel(), settings: settings())
        let book = try optionBook()
        // Refusals surface here, as a preparation error, rather than inside the timed body.
        var probe = [0.0, 0.0]
        var workspace = ScenarioRevaluation()
        try probe.withUnsafeMutableBufferPointer { output in
            try simulation.revalue(book, paths: 0..<2, numeraire: .usd, workspace: &workspace, into: output)
        }
        let state = MonteCarloState(pathCount: pathCount, threads: 2)
        return { [simulation, book] in
            let ranges = [0..<(pathCount / 2), (pathCount / 2)..<pathCount]
            ThreadPlacement.runConcurrently(ranges.count) { index in
                state.revalue(simulation, book, paths: ranges[index], thread: index)
            }
            let risk = simulation.reader.read(UnsafeBufferPointer(state.pnl))
            return risk.valueAtRisk + risk.expectedShortfall
        }
    }

    /// What the gate pays per VaR limit: VaR 99 % and ES 97.5 % of a book's 1,000-scenario P&L vector plus an order's,
    /// read without forming the sum or sorting (`VaRScenarioSet.tailRisk(of:plus:)`). Items are reads; 1,000 vector
    /// pairs in random order are cycled so branch prediction cannot learn one vector.
    static let tailRead = Benchmark(area: "risk", name: "var_es_read_1k_scenarios", items: 1_000) {
        let scenarioCount = 1_000
        var generator = PricingBenchmarks.SplitMix(state: 31)
        var set = try ScenarioSet(underlyingCount: 1, volShock: .absolute, volFloor: 0.01)
        for _ in 0..<scenarioCount { try set.appendUniform(spotMove: generator.uniform(-0.1, 0.1), volShift: 0) }
        let scenarios = try VaRScenarioSet(scenarios: set, varConfidence: 0.99, esConfidence: 0.975)
        let books = (0..<1_000).map { _ in ScenarioVector((0..<scenarioCount).map { _ in generator.uniform(-1e6, 1e6) })
        }
        let orders = (0..<1_000).map { _ in
            ScenarioVector((0..<scenarioCount).map { _ in generator.uniform(-1e4, 1e4) })
        }
        return { [scenarios, books, orders] in
            var sum = 0.0
            for index in 0..<books.count {
                let risk = scenarios.tailRisk(of: books[index], plus: orders[index])
                sum += risk.valueAtRisk + risk.expectedShortfall
            }
            return sum
        }
    }

    /// Benchmark settings (not the model defaults): 10,000 log-normal paths, instantaneous shocks.
    static func settings() -> VaRSettings {
        VaRSettings(
            horizonDays: 1,
            daysPerYear: 365,
            varConfidence: 0.99,
            esConfidence: 0.975,
            volFloor: 0.01,
            monteCarlo: MonteCarloSettings(
                pathCount: pathCount,
                seed: 7,
                spotShocks: .logNormal,
                ageOverHorizon: false
            ),
            historical: HistoricalSettings(returnSeries: "returns/btc-usd-daily.csv", volDynamics: .stickyStrike),
            correlationRepair: .refuse,
            gateScenarioCount: 1_000
        )
    }

    /// Spot factors 0–9 equicorrelated at 0.6, vol factors 10–19 at 0.5, each underlying's spot and vol at −0.3:
    /// positive definite, so `.refuse` passes.
    static func factorModel() throws -> RiskFactorModel {
        var generator = PricingBenchmarks.SplitMix(state: 17)
        var factors: [RiskFactor] = []
        for underlying in 0..<underlyingCount {
            factors.append(RiskFactor(underlying: underlying, kind: .spot, annualVol: generator.uniform(0.5, 1.0)))
        }
        for underlying in 0..<underlyingCount {
            factors.append(RiskFactor(underlying: underlying, kind: .vol, annualVol: generator.uniform(0.6, 1.2)))
        }
        let n = 2 * underlyingCount
        var rows = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for row in 0..<n {
            for column in 0..<n {
                let bothSpot = row < underlyingCount && column < underlyingCount
                let bothVol = row >= underlyingCount && column >= underlyingCount
                if row == column {
                    rows[row][column] = 1
                } else if bothSpot {
                    rows[row][column] = 0.6
                } else if bothVol {
                    rows[row][column] = 0.5
                } else if row % underlyingCount == column % underlyingCount {
                    rows[row][column] = -0.3
                }
            }
        }
        return try RiskFactorModel(factors: factors, correlation: try SquareMatrix(rows: rows), repair: .refuse)
    }

    /// 10,000 options, 1,000 per underlying: calls and puts, coin- and USD-settled, a day to a year, strikes within
    /// ±2 standard deviations, long and short.
    static func optionBook() throws -> ScenarioBook {
        var generator = PricingBenchmarks.SplitMix(state: 23)
        let indices = (0..<underlyingCount).map { 100_000 / Double(1 + 5 * $0) }
        var book = ScenarioBook(indexPrices: indices, groupCount: underlyingCount)
        book.reserveCapacity(options: optionCount, deltaOnes: 0)
        for index in 0..<optionCount {
            let underlying = index % underlyingCount
            let expiry = generator.uniform(1.0 / 365, 1)
            let vol = generator.uniform(0.4, 1.1)
            let forward = indices[underlying] * (1 + 0.05 * expiry)
            let strike = forward * (1 + generator.uniform(-2, 2) * vol * expiry.squareRoot()).magnitude
            try book.append(
                .option(
                    generator.next() & 1 == 0 ? .call : .put,
                    settlement: generator.next() & 1 == 0 ? .coin : .usd,
                    underlying: underlying,
                    group: underlying,
                    quantity: generator.uniform(-20, 20),
                    forward: forward,
                    strike: max(strike, forward * 0.05),
                    expiryYears: expiry,
                    vol: vol
                )
            )
        }
        return book
    }
}

/// Per-thread workspaces and the joined P&L vector, allocated once and reused by every call of the body.
// Safe because: thread `i` touches only `workspaces[i]` (a separate object) and its own disjoint range of `pnl`, and
// `ThreadPlacement.runConcurrently` returns only after both threads finish, before the body reads `pnl`.
final class MonteCarloState: @unchecked Sendable {
    final class Workspace {
        var revaluation = ScenarioRevaluation()
    }

    let workspaces: [Workspace]
    let pnl: UnsafeMutableBufferPointer<Double>

    init(pathCount: Int, threads: Int) {
        workspaces = (0..<threads).map { _ in Workspace() }
        pnl = UnsafeMutableBufferPointer<Double>.allocate(capacity: pathCount)
        pnl.initialize(repeating: 0)
    }

    deinit {
        pnl.deallocate()
    }

    func revalue(_ simulation: MonteCarloVaR, _ book: ScenarioBook, paths: Range<Int>, thread: Int) {
        let output = UnsafeMutableBufferPointer(rebasing: pnl[paths])
        do {
            try simulation.revalue(
                book,
                paths: paths,
                numeraire: .usd,
                workspace: &workspaces[thread].revaluation,
                into: output
            )
        } catch {
            preconditionFailure("Monte Carlo benchmark book was refused after preparation: \(error)")
        }
    }
}

/// Places threads on CPUs: each worker on its own CPU for the duration of its work, its previous mask restored after.
///
/// Linux only (`sched_{get,set}affinity` with pid 0 act on the calling thread); elsewhere, or if the calls fail, the
/// closure simply runs where the scheduler puts it. The functions are looked up at run time because glibc declares
/// them only under `_GNU_SOURCE`, which the Swift Glibc module does not set.
enum ThreadPlacement {
    typealias AffinityFunction = @convention(c) (Int32, Int, UnsafeMutableRawPointer?) -> Int32

    /// Runs `work(0)` on the calling thread and `work(1)`, … on new threads, each placed on its own CPU, and returns
    /// when all have finished.
    static func runConcurrently(_ count: Int, _ work: @escaping @Sendable (Int) -> Void) {
        let finished = DispatchSemaphore(value: 0)
        for index in 1..<max(count, 1) {
            let thread = Thread {
                onCPU(index) { work(index) }
                finished.signal()
            }
            thread.start()
        }
        onCPU(0) { work(0) }
        for _ in 1..<max(count, 1) { finished.wait() }
    }

    static func onCPU(_ index: Int, _ work: () -> Void) {
        #if os(Linux)
        let online = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        guard online > 1,
            let getSymbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "sched_getaffinity"),
            let setSymbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "sched_setaffinity")
        else { return work() }
        let getAffinity = unsafeBitCast(getSymbol, to: AffinityFunction.self)
        let setAffinity = unsafeBitCast(setSymbol, to: AffinityFunction.self)
        var previous = cpu_set_t()
        guard getAffinity(0, MemoryLayout<cpu_set_t>.size, &previous) == 0 else { return work() }
        let cpu = index % online
        var single = cpu_set_t()
        withUnsafeMutableBytes(of: &single) { bytes in bytes[cpu / 8] = 1 << (cpu % 8) }
        _ = setAffinity(0, MemoryLayout<cpu_set_t>.size, &single)
        work()
        _ = setAffinity(0, MemoryLayout<cpu_set_t>.size, &previous)
        #else
        work()
        #endif
    }
}
