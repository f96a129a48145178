import RealModule

extension SVISlice {
    /// Fewest quotes (at distinct log-moneyness) a slice is calibrated to: one per parameter.
    public static let calibrationQuoteMinimum = 5

    /// Fits a raw SVI slice to one expiry's implied vols by Zeliade's quasi-explicit method.
    ///
    /// For fixed `(m, σ)` the best `(a, b, ρ)` solve a linear least-squares problem under linear constraints
    /// (`b ≥ 0`, `|ρ| ≤ 1`, Lee's wing bound `b(1+|ρ|) ≤ 2`, non-negative variance), solved exactly; a 2-D
    /// Nelder–Mead then searches `(m, ln σ)`. The search starts from the best few points of a fixed grid spanning
    /// the quotes' moneyness range and is restarted once from its best point, so the result depends only on the
    /// data — no random starts, no clock. Residuals are variance residuals scaled by `1/(2T·σ_market)`, i.e. to
    /// first order vol residuals, multiplied by the quote weights.
    ///
    /// The fit bounds the wings but does not force `g(k) ≥ 0`; check the result with
    /// ``checkButterfly(over:gridPoints:tolerance:)``.
    ///
    /// - Parameters:
    ///   - quotes: Market implied vols; at least ``calibrationQuoteMinimum`` distinct log-moneyness values.
    ///   - timeToExpiry: Year fraction `T` of the expiry.
    /// - Returns: The slice with its RMSE and maximum error in vol points.
    /// - Throws: ``SurfaceError/invalidTimeToExpiry(_:)``, ``SurfaceError/tooFewQuotes(distinct:minimum:timeToExpiry:)``,
    ///   ``SurfaceError/invalidQuote(index:field:value:reason:timeToExpiry:)`` naming the first bad quote, or
    ///   ``SurfaceError/calibrationFailed(reason:timeToExpiry:)``.
    public static func calibrate(to quotes: [SVIQuote], timeToExpiry: Double) throws(SurfaceError) -> SVIFit {
        let problem = try makeCalibrationProblem(quotes, timeToExpiry: timeToExpiry)
        let (lowest, highest) = problem.points.reduce((Double.infinity, -Double.infinity)) {
            (min($0.0, $1.logMoneyness), max($0.1, $1.logMoneyness))
        }
        let span = highest - lowest
        // The search box: m within one span beyond the quotes, σ from a near-kink to ten spans of curvature.
        let box = (m: (lowest - span)...(highest + span), logSigma: Double.log(1e-4)...Double.log(10 * span + 1))
        var evaluations = 0
        func objective(_ x: SIMD2<Double>) -> Double {
            guard box.m.contains(x.x), box.logSigma.contains(x.y) else { return .infinity }
            evaluations += 1
            return problem.solve(m: x.x, sigma: Double.exp(x.y))?.objective ?? .infinity
        }
        var best = SVINelderMead.Result(point: SIMD2(0, 0), value: .infinity, evaluations: 0)
        for start in startingPoints(lowest: lowest, span: span, objective: objective) {
            let run = SVINelderMead.minimize(
                start: start,
                step: SIMD2(span / 8, 0.5),
                tolerance: 1e-11,
                iterationLimit: 2_000,
                objective: objective
            )
            if run.value < best.value { best = run }
        }
        // A restart from the best vertex with a fresh simplex un-sticks a simplex that collapsed early.
        let polish = SVINelderMead.minimize(
            start: best.point,
            step: SIMD2(span / 64, 0.05),
            tolerance: 1e-12,
            iterationLimit: 2_000,
            objective: objective
        )
        if polish.value <= best.value { best = polish }
        return try makeFit(
            problem,
            quotes: quotes,
            at: best.point,
            timeToExpiry: timeToExpiry,
            evaluations: evaluations
        )
    }

    /// Validates the quotes and turns them into weighted total-variance points.
    private static func makeCalibrationProblem(
        _ quotes: [SVIQuote],
        timeToExpiry: Double
    ) throws(SurfaceError) -> SVIQuasiExplicitProblem {
        guard timeToExpiry.isFinite, timeToExpiry > 0 else { throw .invalidTimeToExpiry(timeToExpiry) }
        var points: [SVIQuasiExplicitProblem.Point] = []
        points.reserveCapacity(quotes.count)
        for (index, quote) in quotes.enumerated() {
            func reject(_ field: String, _ value: Double, _ reason: String) -> SurfaceError {
                .invalidQuote(index: index, field: field, value: value, reason: reason, timeToExpiry: timeToExpiry)
            }
            guard quote.logMoneyness.isFinite else { throw reject("logMoneyness", quote.logMoneyness, "not finite") }
            guard quote.impliedVol.isFinite, quote.impliedVol > 0 else {
                throw reject("impliedVol", quote.impliedVol, "must be positive and finite")
            }
            guard quote.weight.isFinite, quote.weight > 0 else {
                throw reject("weight", quote.weight, "must be positive and finite")
            }
            let vegaScale = 2 * timeToExpiry * quote.impliedVol
            points.append(
                .init(
                    logMoneyness: quote.logMoneyness,
                    totalVariance: quote.impliedVol * quote.impliedVol * timeToExpiry,
                    weight: quote.weight / (vegaScale * vegaScale)
                )
            )
        }
        let distinct = Set(points.map(\.logMoneyness)).count
        guard distinct >= calibrationQuoteMinimum else {
            throw .tooFewQuotes(distinct: distinct, minimum: calibrationQuoteMinimum, timeToExpiry: timeToExpiry)
        }
        // Normalise weights so the objective is a weighted mean of squared vol errors, whatever the weight units.
        let total = points.reduce(0) { $0 + $1.weight }
        for index in points.indices { points[index].weight /= total }
        return SVIQuasiExplicitProblem(points: points)
    }

    /// Seeds for the outer search: the three best nodes of a 9 × 8 grid over `m` and `ln σ`.
    private static func startingPoints(
        lowest: Double,
        span: Double,
        objective: (SIMD2<Double>) -> Double
    ) -> [SIMD2<Double>] {
        var scored: [(point: SIMD2<Double>, value: Double)] = []
        for i in 0...8 {
            for j in 0..<8 {
                let point = SIMD2(lowest + span * Double(i) / 8, Double.log(0.01) + Double(j) * Double.log(2))
                scored.append((point, objective(point)))
            }
        }
        // A stable sort on value keeps grid order among ties, so the seeds are reproducible.
        let ranked = scored.enumerated().sorted { ($0.element.value, $0.offset) < ($1.element.value, $1.offset) }
        return ranked.prefix(3).map(\.element.point)
    }

    /// Turns the best `(m, ln σ)` into a validated slice and measures its vol errors.
    private static func makeFit(
        _ problem: SVIQuasiExplicitProblem,
        quotes: [SVIQuote],
        at point: SIMD2<Double>,
        timeToExpiry: Double,
        evaluations: Int
    ) throws(SurfaceError) -> SVIFit {
        let sigma = Double.exp(point.y)
        guard let inner = problem.solve(m: point.x, sigma: sigma), inner.objective.isFinite else {
            throw .calibrationFailed(
                reason: "no admissible slice near m=\(point.x), σ=\(sigma)",
                timeToExpiry: timeToExpiry
            )
        }
        let c = max(inner.c, 0)
        // On the |ρ| = 1 face the fit is a pure one-sided wing; pull ρ inside the open interval the slice requires.
        let rho = c > 0 ? min(max(inner.d / c, -1 + 1e-9), 1 - 1e-9) : 0
        let slice = try SVISlice(
            a: inner.a,
            b: c / sigma,
            rho: rho,
            m: point.x,
            sigma: sigma,
            timeToExpiry: timeToExpiry
        )
        var squaredSum = 0.0
        var weightSum = 0.0
        var maxError = 0.0
        for quote in quotes {
            let error = slice.impliedVol(at: quote.logMoneyness) - quote.impliedVol
            squaredSum += quote.weight * error * error
            weightSum += quote.weight
            maxError = max(maxError, abs(error))
        }
        return SVIFit(
            slice: slice,
            rmseVolPoints: 100 * (squaredSum / weightSum).squareRoot(),
            maxErrorVolPoints: 100 * maxError,
            objectiveEvaluations: evaluations
        )
    }
}
