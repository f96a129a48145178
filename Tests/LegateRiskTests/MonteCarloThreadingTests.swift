// Proves that Monte Carlo VaR is a function of its seed alone: an option book's path P&L and its VaR/ES have the same
// bits whether one thread computes every path or two, three or seven threads compute ranges of them concurrently,
// each with its own workspace, and whether the run ages the options over the horizon or not.

import Dispatch
import LegateModel
import Testing

@testable import LegateRisk

@Suite struct MonteCarloThreadingTests {
    /// Two underlyings, each with a spot and a vol factor, correlated.
    static func model() throws -> RiskFactorModel {
        try RiskFactorModel(
            factors: [
                RiskFactor(underlying: 0, kind: .spot, annualVol: 0.7),
                RiskFactor(underlying: 1, kind: .spot, annualVol: 0.9),
                RiskFactor(underlying: 0, kind: .vol, annualVol: 1.1),
                RiskFactor(underlying: 1, kind: .vol, annualVol: 0.8),
            ],
            correlation: try SquareMatrix(rows: [
                [1, 0.7, -0.3, -0.2],
                [0.7, 1, -0.2, -0.3],
                [-0.3, -0.2, 1, 0.5],
                [-0.2, -0.3, 0.5, 1],
            ]),
            repair: .refuse
        )
    }

    @Test(arguments: [false, true])
    func resultDoesNotDependOnThreadCount(ageOverHorizon: Bool) throws {
        var settings = try VaRFixtures.settings(pathCount: 3_001, spotShocks: .logNormal)
        settings.monteCarlo.ageOverHorizon = ageOverHorizon
        let simulation = try MonteCarloVaR(model: try Self.model(), settings: settings)
        let book = try ScenarioKernelTests.optionBook(seed: 73, options: 501, underlyings: 2)
        let (single, risk) = try simulation.run(book, numeraire: .usd)
        #expect(risk.valueAtRisk > 0)
        for threads in [2, 3, 7] {
            let pnl = Self.runConcurrently(simulation, book, threads: threads)
            #expect(pnl.map(\.bitPattern) == single.map(\.bitPattern), "\(threads) threads")
            #expect(pnl.withUnsafeBufferPointer { simulation.reader.read($0) } == risk)
        }
    }

    /// Every path's P&L, the paths cut into `threads` ranges computed concurrently; a range that fails stays NaN.
    static func runConcurrently(_ simulation: MonteCarloVaR, _ book: ScenarioBook, threads: Int) -> [Double] {
        let count = simulation.pathCount
        let buffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: count)
        defer { buffer.deallocate() }
        buffer.initialize(repeating: .nan)
        // Safe because: each iteration writes only its own disjoint range, and concurrentPerform returns after all.
        nonisolated(unsafe) let output = buffer
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            let paths = (count * thread / threads)..<(count * (thread + 1) / threads)
            var workspace = ScenarioRevaluation()
            try? simulation.revalue(
                book,
                paths: paths,
                numeraire: .usd,
                workspace: &workspace,
                into: UnsafeMutableBufferPointer(rebasing: output[paths])
            )
        }
        return Array(buffer)
    }
}
