/// Parametric VaR and ES of a quadratic P&L in normal factors, by the Cornish–Fisher expansion (risk-methodology
/// §4.2–4.3).
///
/// For `ΔP = gᵀy + ½yᵀHy` with `y ~ N(0, Σ)` the cumulants are exact (Mathai & Provost, *Quadratic Forms in Random
/// Variables*, 1992, Theorem 3.2b.2; in the VaR setting Britten-Jones & Schaefer, "Non-linear value-at-risk",
/// European Finance Review 2 (1999) 161–187), with `M = HΣ`:
/// - mean `κ₁ = ½·tr(M)`
/// - variance `κ₂ = gᵀΣg + ½·tr(M²)`
/// - `κ₃ = 3·gᵀΣHΣg + tr(M³)`
/// - `κ₄ = 12·gᵀΣHΣHΣg + 3·tr(M⁴)`
///
/// Skewness `κ₃/κ₂^{3/2}` and excess kurtosis `κ₄/κ₂²` enter the Cornish–Fisher quantile; `VaR = −(κ₁ + z_cf·√κ₂)`
/// at `p = 1 − α`, and `ES = −(κ₁ + √κ₂·tailMean)` (see `CornishFisher.tailMean`). With `H = 0` this is the
/// delta-normal `VaR = z_α·√(gᵀΣg)` of Hull's worked example.
public enum DeltaGammaVegaVaR {
    /// The first four moments of a quadratic P&L under factor covariance `covariance`.
    ///
    /// - Throws: `VaRError.dimensionMismatch` or the covariance's validation errors.
    public static func moments(of pnl: QuadraticPnL, covariance: SquareMatrix) throws(VaRError) -> PnLMoments {
        guard covariance.dimension == pnl.gradient.count else {
            throw .dimensionMismatch(
                what: "factor covariance",
                expected: pnl.gradient.count,
                actual: covariance.dimension
            )
        }
        try covariance.validateSymmetric(what: "factor covariance")
        let m = pnl.hessian.multiplied(by: covariance)
        let m2 = m.multiplied(by: m)
        let sigmaG = covariance.multiplied(by: pnl.gradient)
        let hSigmaG = pnl.hessian.multiplied(by: sigmaG)
        let sigmaHSigmaG = covariance.multiplied(by: hSigmaG)
        let gSigmaG = dot(pnl.gradient, sigmaG)
        let gSigmaHSigmaG = dot(sigmaG, hSigmaG)
        let gSigmaHSigmaHSigmaG = dot(hSigmaG, sigmaHSigmaG)
        let mean = 0.5 * m.trace
        let variance = gSigmaG + 0.5 * m2.trace
        let third = 3 * gSigmaHSigmaG + m2.multiplied(by: m).trace
        let fourth = 12 * gSigmaHSigmaHSigmaG + 3 * m2.multiplied(by: m2).trace
        return PnLMoments(mean: mean, variance: variance, thirdCumulant: third, fourthCumulant: fourth)
    }

    /// VaR and ES of a quadratic P&L.
    ///
    /// - Throws: `VaRError.confidenceOutOfRange`, `.dimensionMismatch`, or the covariance's validation errors.
    public static func tailRisk(
        of pnl: QuadraticPnL,
        covariance: SquareMatrix,
        varConfidence: Double,
        esConfidence: Double
    ) throws(VaRError) -> TailRisk {
        let moments = try moments(of: pnl, covariance: covariance)
        return try tailRisk(of: moments, varConfidence: varConfidence, esConfidence: esConfidence)
    }

    /// VaR and ES of per-underlying Greeks over the settings' horizon and confidences, in `model`'s factors.
    ///
    /// - Throws: `VaRError` from the settings, the Greeks or the model.
    public static func tailRisk(
        of greeks: [UnderlyingGreeks],
        model: RiskFactorModel,
        settings: VaRSettings
    ) throws(VaRError) -> TailRisk {
        try settings.validate()
        return try tailRisk(
            of: try QuadraticPnL.deltaGammaVega(greeks, model: model),
            covariance: model.covariance(horizonYears: settings.horizonYears),
            varConfidence: settings.varConfidence,
            esConfidence: settings.esConfidence
        )
    }

    /// VaR and ES from the moments, by Cornish–Fisher; a zero-variance P&L loses exactly `−mean`.
    ///
    /// - Throws: `VaRError.confidenceOutOfRange`.
    public static func tailRisk(
        of moments: PnLMoments,
        varConfidence: Double,
        esConfidence: Double
    ) throws(VaRError) -> TailRisk {
        try validateConfidence(varConfidence, what: "VaR confidence")
        try validateConfidence(esConfidence, what: "ES confidence")
        let sd = moments.standardDeviation
        guard sd > 0 else {
            return TailRisk(
                valueAtRisk: -moments.mean,
                expectedShortfall: -moments.mean,
                varConfidence: varConfidence,
                esConfidence: esConfidence
            )
        }
        let s = moments.skewness
        let k = moments.excessKurtosis
        let varQuantile = CornishFisher.quantile(1 - varConfidence, skewness: s, excessKurtosis: k)
        let esTail = CornishFisher.tailMean(1 - esConfidence, skewness: s, excessKurtosis: k)
        return TailRisk(
            valueAtRisk: -(moments.mean + varQuantile * sd),
            expectedShortfall: -(moments.mean + esTail * sd),
            varConfidence: varConfidence,
            esConfidence: esConfidence
        )
    }

    private static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for index in a.indices { sum += a[index] * b[index] }
        return sum
    }
}

/// Mean, variance and the third and fourth cumulants of a P&L distribution.
public struct PnLMoments: Sendable, Hashable {
    public let mean: Double
    public let variance: Double
    public let thirdCumulant: Double
    public let fourthCumulant: Double

    public init(mean: Double, variance: Double, thirdCumulant: Double, fourthCumulant: Double) {
        self.mean = mean
        self.variance = variance
        self.thirdCumulant = thirdCumulant
        self.fourthCumulant = fourthCumulant
    }

    public var standardDeviation: Double { max(0, variance).squareRoot() }
    /// `κ₃/κ₂^{3/2}` (0 for a degenerate distribution).
    public var skewness: Double { variance > 0 ? thirdCumulant / (variance * standardDeviation) : 0 }
    /// `κ₄/κ₂²` (0 for a degenerate distribution).
    public var excessKurtosis: Double { variance > 0 ? fourthCumulant / (variance * variance) : 0 }
}
