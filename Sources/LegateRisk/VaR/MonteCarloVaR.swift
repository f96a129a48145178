import RealModule

/// Monte Carlo VaR and ES with correlated factor shocks and full revaluation (risk-methodology §4.4).
///
/// Path `p` draws independent normals `z` from its own generator `Xoshiro256StarStar(seed:stream: p)`, correlates
/// them with the Cholesky factor (`x = L·z`), scales them to the horizon, and turns them into one scenario: a spot
/// move per underlying (`SpotShockModel`) and an absolute vol shift per underlying with a vol factor. The book is
/// then fully revalued in every scenario by `ScenarioRevaluation` (Black-76 on the shocked forward and vol).
///
/// The module starts no threads. `revalue(_:paths:numeraire:workspace:into:)` computes any range of paths into a
/// caller buffer, and because each path has its own stream the result does not depend on how the paths are split:
/// callers run disjoint ranges on as many threads as they like, each with its own workspace, and concatenate.
public struct MonteCarloVaR: Sendable {
    public let model: RiskFactorModel
    public let settings: VaRSettings
    /// Factor standard deviations over the horizon.
    public let horizonVols: [Double]
    /// Reads VaR/ES off `pathCount` P&L values.
    public let reader: TailRiskReader

    /// - Throws: `VaRError` from `settings.validate()`.
    public init(model: RiskFactorModel, settings: VaRSettings) throws(VaRError) {
        try settings.validate()
        self.model = model
        self.settings = settings
        self.horizonVols = model.horizonVols(horizonYears: settings.horizonYears)
        self.reader = try TailRiskReader(
            scenarioCount: settings.monteCarlo.pathCount,
            varConfidence: settings.varConfidence,
            esConfidence: settings.esConfidence
        )
    }

    /// The number of paths a full run draws.
    public var pathCount: Int { settings.monteCarlo.pathCount }

    /// The scenarios of paths `paths`, in order, ready for `ScenarioRevaluation`.
    ///
    /// - Throws: `VaRError.revaluation` if a shock leaves a price at or below zero (possible only with
    ///   `SpotShockModel.normal` and a move beyond −100 %).
    public func scenarios(paths: Range<Int>) throws(VaRError) -> ScenarioSet {
        let monteCarlo = settings.monteCarlo
        let timeStep = monteCarlo.ageOverHorizon ? settings.horizonYears : 0
        let factorCount = model.factors.count
        let underlyingCount = model.underlyingCount
        do {
            var set = try ScenarioSet(
                underlyingCount: underlyingCount,
                volShock: .absolute,
                volFloor: settings.volFloor
            )
            set.reserveCapacity(paths.count)
            var draws = [Double](repeating: 0, count: factorCount)
            var shocks = [Double](repeating: 0, count: factorCount)
            var moves = [Double](repeating: 0, count: underlyingCount)
            var shifts = [Double](repeating: 0, count: underlyingCount)
            for path in paths {
                drawFactors(path: path, draws: &draws, into: &shocks)
                for underlying in 0..<underlyingCount {
                    let spot = model.spotFactor[underlying]
                    moves[underlying] = spotMove(shocks[spot], horizonVol: horizonVols[spot])
                    shifts[underlying] = model.volFactor[underlying].map { shocks[$0] } ?? 0
                }
                try set.append(spotMoves: moves, volShifts: shifts, timeStepYears: timeStep)
            }
            return set
        } catch {
            throw .revaluation(error)
        }
    }

    /// Correlated, horizon-scaled factor shocks of path `path` into `shocks` (`draws` is scratch).
    func drawFactors(path: Int, draws: inout [Double], into shocks: inout [Double]) {
        var sampler = NormalSampler(generator: Xoshiro256StarStar(seed: settings.monteCarlo.seed, stream: UInt64(path)))
        for index in draws.indices { draws[index] = sampler.next() }
        draws.withUnsafeBufferPointer { z in
            shocks.withUnsafeMutableBufferPointer { x in model.correlation.cholesky.correlate(z, into: x) }
        }
        for index in shocks.indices { shocks[index] *= horizonVols[index] }
    }

    /// The relative spot move for factor value `x` with horizon standard deviation `s`.
    func spotMove(_ x: Double, horizonVol s: Double) -> Double {
        switch settings.monteCarlo.spotShocks {
        case .logNormal: Double.expMinusOne(x - 0.5 * s * s)
        case .normal: x
        }
    }

    /// Revalues `book` over paths `paths` and writes each path's total P&L (summed over the book's groups) into
    /// `output[0..<paths.count]`.
    ///
    /// The only allocations are the scenario set and group output of the range (and the workspace's first sizing);
    /// per path nothing is allocated. Safe to call concurrently on disjoint ranges with separate workspaces.
    ///
    /// - Parameters:
    ///   - numeraire: `.usd` adds across underlyings; `.coin` is meaningful for a single-underlying book only.
    /// - Throws: `VaRError.dimensionMismatch` for a wrong buffer size or a book over other underlyings than the
    ///   model; `.revaluation` for a book the kernel refuses.
    public func revalue(
        _ book: ScenarioBook,
        paths: Range<Int>,
        numeraire: Numeraire,
        workspace: inout ScenarioRevaluation,
        into output: UnsafeMutableBufferPointer<Double>
    ) throws(VaRError) {
        guard output.count == paths.count else {
            throw .dimensionMismatch(what: "Monte Carlo output buffer", expected: paths.count, actual: output.count)
        }
        guard book.underlyingCount == model.underlyingCount else {
            throw .dimensionMismatch(
                what: "book underlyings",
                expected: model.underlyingCount,
                actual: book.underlyingCount
            )
        }
        guard paths.lowerBound >= 0, paths.upperBound <= pathCount else {
            throw .dimensionMismatch(what: "path range upper bound", expected: pathCount, actual: paths.upperBound)
        }
        let scenarios = try scenarios(paths: paths)
        var groups = ScenarioPnL(groupCount: book.groupCount, scenarioCount: paths.count)
        do {
            try workspace.revalue(book, under: scenarios, into: &groups)
        } catch {
            throw .revaluation(error)
        }
        for column in 0..<paths.count { output[column] = 0 }
        for group in 0..<book.groupCount {
            for column in 0..<paths.count {
                output[column] += groups.pnl(group: group, scenario: column, in: numeraire)
            }
        }
    }

    /// Every path's P&L and the VaR/ES read off them, on the calling thread.
    ///
    /// - Throws: as `revalue(_:paths:numeraire:workspace:into:)`.
    public func run(_ book: ScenarioBook, numeraire: Numeraire) throws(VaRError) -> (pnl: [Double], risk: TailRisk) {
        var workspace = ScenarioRevaluation()
        var pnl = [Double](repeating: 0, count: pathCount)
        var failure: VaRError?
        pnl.withUnsafeMutableBufferPointer { buffer in
            do throws(VaRError) {
                try revalue(book, paths: 0..<pathCount, numeraire: numeraire, workspace: &workspace, into: buffer)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return (pnl, reader.read(pnl))
    }
}
