// Proves Monte Carlo VaR: a linear book's VaR and ES converge to the closed forms within four standard errors (the
// standard error computed from the path count), results do not depend on how the paths are split into ranges, the
// shocks have the requested correlation, options are fully revalued, and bad settings are refused with typed errors.

import Foundation
import LegateModel
import Testing

@testable import LegateRisk

@Suite struct MonteCarloVaRTests {
    static let indices = [100_000.0, 3_000.0, 150.0]
    static let coins = [2.0, -30.0, 400.0]
    static let vols = [0.6, 0.75, 0.9]
    static let correlation: [[Double]] = [[1, 0.8, 0.6], [0.8, 1, 0.7], [0.6, 0.7, 1]]

    static func spotModel() throws -> RiskFactorModel {
        try RiskFactorModel(
            factors: vols.enumerated().map { RiskFactor(underlying: $0.offset, kind: .spot, annualVol: $0.element) },
            correlation: try SquareMatrix(rows: correlation),
            repair: .refuse
        )
    }

    /// Under normal shocks a spot book's P&L is exactly normal with σ_P = √(gᵀΣg), g = coins·index, so VaR 99 % =
    /// 2.3263·σ_P and ES 97.5 % = 2.3378·σ_P (§4.2, §4.5). Standard errors of the estimators for N paths:
    /// VaR: √(p(1−p)/N)/φ(z_p)·σ_P = 3.73σ_P/√N; ES: √((Var(L|L>q) + (1−p)(ES−q)²)/(N·p)) = 3.2σ_P/√N for normal L
    /// (Manistre & Hancock, "Variance of the CTE estimator", NAAJ 9(2), 2005). With 100,000 paths, 4 s.e. is about
    /// 0.047σ_P (2 % of VaR) and 0.04σ_P.
    @Test func linearBookConvergesToDeltaNormal() throws {
        let paths = 100_000
        let settings = try VaRFixtures.settings(pathCount: paths, spotShocks: .normal)
        let model = try Self.spotModel()
        let simulation = try MonteCarloVaR(model: model, settings: settings)
        let book = try VaRFixtures.spotBook(indices: Self.indices, coins: Self.coins)
        let (_, risk) = try simulation.run(book, numeraire: .usd)

        let gradient = zip(Self.coins, Self.indices).map { $0 * $1 }
        let linear = try QuadraticPnL(
            gradient: gradient,
            hessian: SquareMatrix(dimension: 3, entries: Array(repeating: 0, count: 9))
        )
        let closed = try DeltaGammaVegaVaR.tailRisk(
            of: linear,
            covariance: model.covariance(horizonYears: settings.horizonYears),
            varConfidence: 0.99,
            esConfidence: 0.975
        )
        let sigma = closed.valueAtRisk / -normalQuantile(0.01)
        let root = Double(paths).squareRoot()
        #expect(abs(risk.valueAtRisk - closed.valueAtRisk) < 4 * 3.73 * sigma / root)
        #expect(abs(risk.expectedShortfall - closed.expectedShortfall) < 4 * 3.2 * sigma / root)
    }

    /// Under log-normal shocks one long spot position loses `q·S·(1 − exp(s·z_p − s²/2))` at its p-quantile exactly;
    /// the estimate is within four standard errors (density of the log-normal at the quantile).
    @Test func logNormalSingleAssetConvergesToExactQuantile() throws {
        let paths = 50_000
        let settings = try VaRFixtures.settings(pathCount: paths, spotShocks: .logNormal, horizonDays: 10)
        let model = try RiskFactorModel(
            factors: [RiskFactor(underlying: 0, kind: .spot, annualVol: 0.8)],
            correlation: .identity(1),
            repair: .refuse
        )
        let (_, risk) = try MonteCarloVaR(model: model, settings: settings)
            .run(try VaRFixtures.spotBook(indices: [60_000], coins: [1]), numeraire: .usd)
        let s = 0.8 * (10.0 / 365).squareRoot()
        let z = normalQuantile(0.01)
        let exact = 60_000 * (1 - exp(s * z - s * s / 2))
        // dL/dz at the quantile = 60,000·s·exp(sz − s²/2); the quantile of z has s.e. 3.73/√N.
        let slope = 60_000 * s * exp(s * z - s * s / 2)
        #expect(abs(risk.valueAtRisk - exact) < 4 * 3.73 * slope / Double(paths).squareRoot())
    }

    /// Two half ranges computed separately (as two threads would) equal one full run bit for bit.
    @Test func pathRangesAreSplitInvariant() throws {
        let settings = try VaRFixtures.settings(pathCount: 2_000, spotShocks: .logNormal)
        let simulation = try MonteCarloVaR(model: try Self.spotModel(), settings: settings)
        let book = try VaRFixtures.spotBook(indices: Self.indices, coins: Self.coins)
        let (full, _) = try simulation.run(book, numeraire: .usd)
        var split = [Double](repeating: 0, count: 2_000)
        var first = ScenarioRevaluation()
        var second = ScenarioRevaluation()
        try split.withUnsafeMutableBufferPointer { buffer in
            try simulation.revalue(
                book,
                paths: 1_234..<2_000,
                numeraire: .usd,
                workspace: &second,
                into: UnsafeMutableBufferPointer(rebasing: buffer[1_234..<2_000])
            )
            try simulation.revalue(
                book,
                paths: 0..<1_234,
                numeraire: .usd,
                workspace: &first,
                into: UnsafeMutableBufferPointer(rebasing: buffer[0..<1_234])
            )
        }
        #expect(split == full)
    }

    /// The drawn factor shocks have the requested correlation and horizon vol (sample estimates within 4 s.e.:
    /// ≈ (1 − ρ²)/√N for a correlation, s/√(2N) for a standard deviation).
    @Test func shocksHaveTheRequestedCorrelationAndVol() throws {
        let paths = 40_000
        let settings = try VaRFixtures.settings(pathCount: paths, spotShocks: .normal)
        let simulation = try MonteCarloVaR(model: try Self.spotModel(), settings: settings)
        var draws = [0.0, 0, 0]
        var shocks = [0.0, 0, 0]
        var sums = [Double](repeating: 0, count: 9)
        for path in 0..<paths {
            simulation.drawFactors(path: path, draws: &draws, into: &shocks)
            for row in 0..<3 { for column in 0..<3 { sums[row * 3 + column] += shocks[row] * shocks[column] } }
        }
        let horizon = settings.horizonYears.squareRoot()
        for row in 0..<3 {
            let sd = (sums[row * 4] / Double(paths)).squareRoot()
            #expect(
                abs(sd - Self.vols[row] * horizon) < 4 * Self.vols[row] * horizon / (2.0 * Double(paths)).squareRoot()
            )
            for column in 0..<3 where column != row {
                let rho = sums[row * 3 + column] / (sums[row * 4] * sums[column * 4]).squareRoot()
                let target = Self.correlation[row][column]
                #expect(abs(rho - target) < 4 * (1 - target * target) / Double(paths).squareRoot())
            }
        }
    }

    /// Full revaluation: a short ATM straddle loses more than its delta-normal VaR (it is short gamma), and a vol
    /// factor adds vega risk; both are deterministic for the seed.
    @Test func optionBookIsFullyRevalued() throws {
        let settings = try VaRFixtures.settings(pathCount: 20_000, spotShocks: .logNormal)
        var book = ScenarioBook(indexPrices: [100_000], groupCount: 1)
        for right in [OptionRight.call, .put] {
            try book.append(
                .option(
                    right,
                    settlement: .usd,
                    underlying: 0,
                    group: 0,
                    quantity: -10,
                    forward: 100_000,
                    strike: 100_000,
                    expiryYears: 7.0 / 365,
                    vol: 0.6
                )
            )
        }
        let spotOnly = try MonteCarloVaR(
            model: try RiskFactorModel(
                factors: [RiskFactor(underlying: 0, kind: .spot, annualVol: 0.6)],
                correlation: .identity(1),
                repair: .refuse
            ),
            settings: settings
        )
        let withVol = try MonteCarloVaR(
            model: try RiskFactorModel(
                factors: [
                    RiskFactor(underlying: 0, kind: .spot, annualVol: 0.6),
                    RiskFactor(underlying: 0, kind: .vol, annualVol: 1.0),
                ],
                correlation: try SquareMatrix(rows: [[1, -0.3], [-0.3, 1]]),
                repair: .refuse
            ),
            settings: settings
        )
        let spotRisk = try spotOnly.run(book, numeraire: .usd).risk
        let volRisk = try withVol.run(book, numeraire: .usd).risk
        #expect(spotRisk.valueAtRisk > 0)
        // A delta-neutral straddle's delta-normal VaR is ~0; its full-revaluation loss comes from gamma.
        #expect(spotRisk.expectedShortfall > spotRisk.valueAtRisk)
        #expect(volRisk.valueAtRisk > spotRisk.valueAtRisk)
        #expect(try spotOnly.run(book, numeraire: .usd).risk == spotRisk)
    }

    /// A non-positive-definite factor correlation is repaired under the settings' policy and refused under `.refuse`.
    @Test func factorCorrelationRepairFollowsPolicy() throws {
        let bad = try SquareMatrix(rows: [[1, 0.9, 0.9], [0.9, 1, -0.9], [0.9, -0.9, 1]])
        let factors = Self.vols.enumerated().map {
            RiskFactor(underlying: $0.offset, kind: .spot, annualVol: $0.element)
        }
        #expect(throws: VaRError.notPositiveDefinite(what: "factor correlation", pivot: 3)) {
            try RiskFactorModel(factors: factors, correlation: bad, repair: .refuse)
        }
        let settings = try VaRFixtures.settings()
        let model = try RiskFactorModel(factors: factors, correlation: bad, repair: settings.correlationRepair)
        #expect(model.correlation.repair != nil)
        let simulation = try MonteCarloVaR(model: model, settings: settings)
        let risk = try simulation.run(
            try VaRFixtures.spotBook(indices: Self.indices, coins: Self.coins),
            numeraire: .usd
        ).risk
        #expect(risk.valueAtRisk.isFinite && risk.valueAtRisk > 0)
    }

    /// The defaults in Models/var/settings.json: 99 % VaR, 97.5 % ES, one day, 10,000 paths.
    @Test func settingsFileHoldsTheDefaults() throws {
        let settings = try VaRFixtures.settings()
        #expect(settings.varConfidence == 0.99)
        #expect(settings.esConfidence == 0.975)
        #expect(settings.horizonDays == 1)
        #expect(settings.monteCarlo.pathCount == 10_000)
        #expect(settings.gateScenarioCount >= VaRSettings.minimumGateScenarioCount)
    }

    @Test func badSettingsAreRefused() throws {
        let good = try VaRFixtures.settings()
        var zeroPaths = good
        zeroPaths.monteCarlo.pathCount = 0
        #expect(throws: VaRError.countNotPositive(what: "monteCarlo.pathCount", value: 0)) { try zeroPaths.validate() }
        var badConfidence = good
        badConfidence.varConfidence = 1
        #expect(throws: VaRError.confidenceOutOfRange(what: "varConfidence", value: 1)) { try badConfidence.validate() }
        badConfidence = good
        badConfidence.esConfidence = 0
        #expect(throws: VaRError.confidenceOutOfRange(what: "esConfidence", value: 0)) { try badConfidence.validate() }
        var badHorizon = good
        badHorizon.horizonDays = 0
        #expect(throws: VaRError.valueNotPositive(what: "horizonDays", value: 0)) { try badHorizon.validate() }
        var badFloor = good
        badFloor.volFloor = -0.01
        #expect(throws: VaRError.valueNotPositive(what: "volFloor", value: -0.01)) { try badFloor.validate() }
        var fewScenarios = good
        fewScenarios.gateScenarioCount = 999
        #expect(throws: VaRError.seriesTooShort(what: "gateScenarioCount", count: 999, minimum: 1_000)) {
            try fewScenarios.validate()
        }
        #expect(throws: VaRError.countNotPositive(what: "monteCarlo.pathCount", value: 0)) {
            try MonteCarloVaR(model: try Self.spotModel(), settings: zeroPaths)
        }
    }

    @Test func mismatchedBookAndBufferAreRefused() throws {
        let simulation = try MonteCarloVaR(
            model: try Self.spotModel(),
            settings: try VaRFixtures.settings(pathCount: 100, spotShocks: .normal)
        )
        var workspace = ScenarioRevaluation()
        var buffer = [Double](repeating: 0, count: 10)
        let twoUnderlyings = try VaRFixtures.spotBook(indices: [1, 2], coins: [1, 1])
        let threeUnderlyings = try VaRFixtures.spotBook(indices: Self.indices, coins: Self.coins)
        buffer.withUnsafeMutableBufferPointer { buffer in
            #expect(throws: VaRError.dimensionMismatch(what: "book underlyings", expected: 3, actual: 2)) {
                try simulation.revalue(
                    twoUnderlyings,
                    paths: 0..<10,
                    numeraire: .usd,
                    workspace: &workspace,
                    into: buffer
                )
            }
            #expect(throws: VaRError.dimensionMismatch(what: "Monte Carlo output buffer", expected: 20, actual: 10)) {
                try simulation.revalue(
                    threeUnderlyings,
                    paths: 0..<20,
                    numeraire: .usd,
                    workspace: &workspace,
                    into: buffer
                )
            }
            #expect(throws: VaRError.dimensionMismatch(what: "path range upper bound", expected: 100, actual: 101)) {
                try simulation.revalue(
                    threeUnderlyings,
                    paths: 91..<101,
                    numeraire: .usd,
                    workspace: &workspace,
                    into: buffer
                )
            }
        }
    }

    /// Xoshiro256** reference output: seeded with state words 1, 2, 3, 4 the first outputs are 11520, 0, 1509978240,
    /// 1215971899390074240 (produced by the reference C implementation; test vector of the rand_xoshiro crate).
    @Test func xoshiroMatchesReferenceSequence() {
        var generator = Xoshiro256StarStar(seed: 0)
        generator.s0 = 1
        generator.s1 = 2
        generator.s2 = 3
        generator.s3 = 4
        let outputs = (0..<4).map { _ in generator.next() }
        #expect(outputs == [11_520, 0, 1_509_978_240, 1_215_971_899_390_074_240])
    }

    /// Box–Muller draws have mean 0 and variance 1 (within 4 s.e. over 200,000 draws).
    @Test func normalSamplerIsStandardNormal() {
        var sampler = NormalSampler(generator: Xoshiro256StarStar(seed: 99))
        let count = 200_000
        var sum = 0.0
        var squares = 0.0
        for _ in 0..<count {
            let value = sampler.next()
            sum += value
            squares += value * value
        }
        let mean = sum / Double(count)
        #expect(abs(mean) < 4 / Double(count).squareRoot())
        #expect(abs(squares / Double(count) - 1) < 4 * 2.0.squareRoot() / Double(count).squareRoot())
    }
}
