import RealModule

/// One expiry's smile in Gatheral's raw SVI form: total implied variance as a function of log-forward-moneyness.
///
/// `w(k) = a + b·(ρ·(k − m) + √((k − m)² + σ²))` with `k = ln(K/F)` and `w = T·σ_BS²`. Working in total variance
/// rather than vol keeps the wings linear (Roger Lee's moment formula), makes the calendar condition a simple
/// "w grows with T", and lets the surface interpolate linearly in time. The five numbers mean, roughly: `a` level,
/// `b` wing steepness, `ρ` skew (negative = put skew), `m` horizontal shift, `σ` ATM curvature.
///
/// The initialiser enforces the conditions under which the formula is a non-negative variance
/// (`b ≥ 0`, `|ρ| < 1`, `σ > 0`, `a + b·σ·√(1−ρ²) ≥ 0`); it does not enforce absence of butterfly arbitrage, which
/// is a property of the whole curve and is checked separately by ``checkButterfly(over:gridPoints:tolerance:)``
/// (markets do publish arbitrageable smiles and the risk engine must be able to load and flag them).
public struct SVISlice: Sendable, Hashable {
    /// Level: shifts total variance up or down.
    public let a: Double
    /// Wing steepness; the asymptotic slopes of `w` are `b(1 − ρ)` (puts) and `b(1 + ρ)` (calls).
    public let b: Double
    /// Skew in `(−1, 1)`; rotates the smile.
    public let rho: Double
    /// Horizontal translation of the smile in log-moneyness.
    public let m: Double
    /// ATM curvature (> 0): how quickly the smile turns from its vertex into the linear wings.
    public let sigma: Double
    /// Year fraction to expiry `T` that turns total variance into implied vol.
    public let timeToExpiry: Double

    /// Creates a slice after checking that it describes a non-negative total variance.
    ///
    /// - Parameters:
    ///   - a: Level.
    ///   - b: Wing steepness, `b ≥ 0`.
    ///   - rho: Skew, `|ρ| < 1`.
    ///   - m: Horizontal shift.
    ///   - sigma: Curvature, `σ > 0`.
    ///   - timeToExpiry: Year fraction `T > 0` of this expiry.
    /// - Throws: ``SurfaceError/invalidParameter(name:value:requirement:timeToExpiry:)`` naming the first bad
    ///   parameter, ``SurfaceError/negativeTotalVariance(minimum:timeToExpiry:)`` when the vertex dips below zero,
    ///   ``SurfaceError/invalidTimeToExpiry(_:)`` for a bad `T`.
    public init(a: Double, b: Double, rho: Double, m: Double, sigma: Double, timeToExpiry: Double) throws(SurfaceError)
    {
        guard timeToExpiry.isFinite, timeToExpiry > 0 else { throw .invalidTimeToExpiry(timeToExpiry) }
        func require(_ ok: Bool, _ name: String, _ value: Double, _ requirement: String) throws(SurfaceError) {
            guard ok, value.isFinite else {
                throw .invalidParameter(name: name, value: value, requirement: requirement, timeToExpiry: timeToExpiry)
            }
        }
        try require(true, "a", a, "a finite")
        try require(b >= 0, "b", b, "b ≥ 0")
        try require(abs(rho) < 1, "rho", rho, "|ρ| < 1")
        try require(true, "m", m, "m finite")
        try require(sigma > 0, "sigma", sigma, "σ > 0")
        let minimum = a + b * sigma * (1 - rho * rho).squareRoot()
        // A relative tolerance lets a calibrated slice whose vertex sits on zero survive rounding.
        guard minimum >= -1e-14 * max(1, abs(a)) else {
            throw .negativeTotalVariance(minimum: minimum, timeToExpiry: timeToExpiry)
        }
        self.init(uncheckedA: a, b: b, rho: rho, m: m, sigma: sigma, timeToExpiry: timeToExpiry)
    }

    /// Builds a slice whose parameters are already known to be admissible (shifts of a checked slice).
    init(uncheckedA a: Double, b: Double, rho: Double, m: Double, sigma: Double, timeToExpiry: Double) {
        self.a = a
        self.b = b
        self.rho = rho
        self.m = m
        self.sigma = sigma
        self.timeToExpiry = timeToExpiry
    }

    // MARK: - Evaluation

    /// Total implied variance `w(k) = T·σ_BS(k)²` at log-forward-moneyness `k = ln(K/F)`.
    public func totalVariance(at k: Double) -> Double {
        let x = k - m
        return a + b * (rho * x + (x * x + sigma * sigma).squareRoot())
    }

    /// First derivative `w'(k) = b·(ρ + (k − m)/√((k − m)² + σ²))`, the smile's slope in variance terms.
    public func totalVarianceSlope(at k: Double) -> Double {
        let x = k - m
        return b * (rho + x / (x * x + sigma * sigma).squareRoot())
    }

    /// Second derivative `w''(k) = b·σ²/((k − m)² + σ²)^{3/2}`, always ≥ 0: raw SVI is convex in `k`.
    public func totalVarianceCurvature(at k: Double) -> Double {
        let x = k - m
        let r2 = x * x + sigma * sigma
        return b * sigma * sigma / (r2 * r2.squareRoot())
    }

    /// Black implied volatility `√(w(k)/T)` at log-forward-moneyness `k`.
    ///
    /// Total variance is floored at zero so that rounding at a zero-variance vertex cannot produce NaN.
    public func impliedVol(at k: Double) -> Double {
        (max(totalVariance(at: k), 0) / timeToExpiry).squareRoot()
    }

    /// Black implied volatility at `strike` for a forward `forward` (both in the same units, both > 0).
    public func impliedVol(strike: Double, forward: Double) -> Double {
        precondition(strike > 0 && forward > 0, "SVI smile needs a positive strike and forward")
        return impliedVol(at: Double.log(strike / forward))
    }

    /// The lowest total variance on the curve, `a + b·σ·√(1−ρ²)`, reached at `k = m − ρσ/√(1−ρ²)`.
    public var minimumTotalVariance: Double { a + b * sigma * (1 - rho * rho).squareRoot() }

    /// Asymptotic slope of `w` as `k → −∞` (deep puts), `b(1 − ρ)`.
    public var leftWingSlope: Double { b * (1 - rho) }

    /// Asymptotic slope of `w` as `k → +∞` (deep calls), `b(1 + ρ)`.
    public var rightWingSlope: Double { b * (1 + rho) }

    /// The slice moved along the log-moneyness axis: the result at `k` equals this slice at `k + offset`.
    ///
    /// Raw SVI is closed under translation (`m` absorbs it), which is what makes a sticky-strike re-anchoring of a
    /// moneyness surface exact: with `offset = ln(F′/F)` the new slice, read against the new forward, gives every
    /// fixed strike its old vol.
    public func translated(byLogMoneyness offset: Double) -> SVISlice {
        precondition(offset.isFinite, "log-moneyness offset must be finite")
        return SVISlice(uncheckedA: a, b: b, rho: rho, m: m - offset, sigma: sigma, timeToExpiry: timeToExpiry)
    }
}
