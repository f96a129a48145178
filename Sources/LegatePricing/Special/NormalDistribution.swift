import RealModule

/// The standard normal distribution: density `φ`, cumulative `Φ` and its inverse `Φ⁻¹`.
///
/// `Φ` is built on Cody's `erfcx` (see ``ErrorFunction``) so that it keeps full double accuracy, relative to its own
/// size, in both tails: `Φ(z) = ½·exp(−z²/2)·erfcx(−z/√2)` for `z < −0.66`, where the Gaussian factor is evaluated
/// with an exact large exponent and the rational `erfcx` needs no exponential. (The textbook `½·erfc(−z/√2)` loses
/// about `z²` units in the last place to the rounding of `z/√2`, 1e-13 relative at `z = −38`.) `Φ⁻¹` is Wichura's
/// algorithm AS 241 (PPND16), accurate to about one part in 10¹⁶.
public enum NormalDistribution {
    /// The standard normal density `φ(z) = exp(−z²/2)/√(2π)`.
    ///
    /// - Parameter x: any real number; NaN propagates.
    /// - Returns: `φ(x)`, accurate to a few units in the last place, underflowing to 0 beyond `|x| ≈ 38.6`.
    public static func pdf(_ x: Double) -> Double {
        exponentialOfNegativeHalfSquare(x.magnitude) * oneOverSquareRootTwoPi
    }

    /// The standard normal cumulative distribution `Φ(z) = ∫₋∞ᶻ φ(u) du`.
    ///
    /// - Parameter x: any real number; NaN propagates.
    /// - Returns: `Φ(x)` in `[0, 1]`, with relative accuracy of a few units in the last place for `x < 0` down to
    ///   the subnormal range (`Φ(−37.5) ≈ 4.6e-309`), and `1 − Φ(−x)` for `x > 0`.
    public static func cdf(_ x: Double) -> Double {
        let y = x.magnitude * oneOverSquareRootTwo
        if y <= ErrorFunction.threshold {
            return 0.5 + 0.5 * (x * oneOverSquareRootTwo) * ErrorFunction.smallArgumentRatio(y * y)
        }
        let tail = upperTail(magnitude: x.magnitude, scaled: y)
        return x < 0 ? tail : 1 - tail
    }

    /// The inverse of the standard normal cumulative distribution, `Φ⁻¹(p)`.
    ///
    /// Algorithm AS 241 (PPND16): M. J. Wichura, "The percentage points of the normal distribution", Applied
    /// Statistics 37 (1988) 477–484. Three rational approximations: `|p − ½| ≤ 0.425`, and in `r = √(−ln min(p, 1−p))`
    /// for `r ≤ 5` and `r > 5`.
    ///
    /// - Parameter p: a probability.
    /// - Returns: `z` with `Φ(z) = p`; `−∞` at `p = 0`, `+∞` at `p = 1`, NaN outside `[0, 1]` or for NaN.
    public static func inverseCDF(_ p: Double) -> Double {
        guard p > 0, p < 1 else {
            if p == 0 { return -.infinity }
            if p == 1 { return .infinity }
            return .nan
        }
        let q = p - 0.5
        if q.magnitude <= centralSplit {
            return q * centralRatio(centralSplit * centralSplit - q * q)
        }
        let tail = tailQuantile(q < 0 ? p : 1 - p)
        return q < 0 ? -tail : tail
    }

    // MARK: - Internals shared with the implied-volatility solver

    /// `1/√2`.
    static let oneOverSquareRootTwo = 0.70710678118654752440084436210484903928483593768847

    /// `1/√(2π)`.
    static let oneOverSquareRootTwoPi = 0.39894228040143267793994605993438186847585863116493

    /// `Φ(−|x|)` for `|x|/√2 > 0.46875`, given `magnitude = |x|` and `scaled = |x|/√2`.
    @inline(__always)
    static func upperTail(magnitude: Double, scaled: Double) -> Double {
        if magnitude >= 40 {
            return 0
        }
        return 0.5 * exponentialOfNegativeHalfSquare(magnitude) * ErrorFunction.erfcxAboveThreshold(scaled)
    }

    /// `exp(−z²/2)` for `z ≥ 0` with the large part of the exponent exact: `z = ẑ + δ`, `ẑ = trunc(16z)/16`,
    /// `z² = ẑ² + δ(z + ẑ)` where `ẑ²` is exact.
    @inline(__always)
    static func exponentialOfNegativeHalfSquare(_ z: Double) -> Double {
        if z >= 40 {
            return 0
        }
        let head = (z * 16).rounded(.towardZero) / 16
        return Double.exp(-0.5 * head * head) * Double.exp(-0.5 * (z - head) * (z + head))
    }

    /// `Φ⁻¹(½ + u)` for `0 ≤ u < ½` given `u` itself, so that small `u` loses nothing to forming `½ + u`.
    ///
    /// This is `√2·erfinv(2u)`; the implied-volatility solver needs it at the money, where `s = 2·Φ⁻¹(½ + β/2)`.
    @inline(__always)
    static func inverseCDF(aboveHalfBy u: Double) -> Double {
        if u <= centralSplit {
            return u * centralRatio(centralSplit * centralSplit - u * u)
        }
        return tailQuantile(0.5 - u)
    }

    /// `Φ⁻¹(p) = numerator/denominator` for `p ≤ ½` given `ln p`, as an unevaluated fraction.
    ///
    /// Callers holding a logarithm skip forming `p` (AS 241's tail formulas need only `√(−ln p)`), and callers that
    /// divide by the quantile anyway save a division on their critical path.
    @inline(__always)
    static func inverseCDFFraction(logOfProbability logP: Double) -> (numerator: Double, denominator: Double) {
        if logP < logTailSplit {
            let fraction = tailQuantileFraction(root: (-logP).squareRoot())
            return (-fraction.numerator, fraction.denominator)
        }
        let q = Double.exp(logP) - 0.5
        let fraction = centralFraction(centralSplit * centralSplit - q * q)
        return (q * fraction.numerator, fraction.denominator)
    }

    // MARK: - AS 241 pieces

    /// `ln(½ − 0.425)`: below this `ln p`, AS 241 uses its tail formulas.
    private static let logTailSplit = -2.590267165445826611457210460678191639105

    /// `|p − ½|` up to which the central approximation applies.
    private static let centralSplit = 0.425

    /// The central AS 241 ratio, as a function of `r = 0.425² − (p − ½)²` (Wichura's `A`, `B`).
    @inline(__always)
    private static func centralRatio(_ r: Double) -> Double {
        let fraction = centralFraction(r)
        return fraction.numerator / fraction.denominator
    }

    @inline(__always)
    private static func centralFraction(_ r: Double) -> (numerator: Double, denominator: Double) {
        let numerator = Polynomial.evaluate(
            r,
            (
                3.3871328727963666080, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125,
                45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727
            )
        )
        let denominator = Polynomial.evaluate(
            r,
            (
                1, 42.313330701600911252, 687.18700749205790830, 5394.1960214247511077, 21213.794301586595867,
                39307.895800092710610, 28729.085735721942674, 5226.4952788528545610
            )
        )
        return (numerator, denominator)
    }

    /// `−Φ⁻¹(p)` for a lower-tail probability `0 < p < 0.075` (AS 241's two tail approximations).
    @inline(__always)
    static func tailQuantile(_ p: Double) -> Double {
        tailQuantile(root: (-Double.log(p)).squareRoot())
    }

    /// `−Φ⁻¹(p)` from `r = √(−ln p)`, `r > 1.6` (Wichura's `C`, `D` for `r ≤ 5` and `E`, `F` beyond).
    @inline(__always)
    static func tailQuantile(root r: Double) -> Double {
        let fraction = tailQuantileFraction(root: r)
        return fraction.numerator / fraction.denominator
    }

    @inline(__always)
    private static func tailQuantileFraction(root r: Double) -> (numerator: Double, denominator: Double) {
        if r <= 5 {
            let u = r - 1.6
            let numerator = Polynomial.evaluate(
                u,
                (
                    1.42343711074968357734, 4.63033784615654529590, 5.76949722146069140550, 3.64784832476320460504,
                    1.27045825245236838258, 0.241780725177450611770, 0.0227238449892691845833,
                    7.74545014278341407640e-4
                )
            )
            let denominator = Polynomial.evaluate(
                u,
                (
                    1, 2.05319162663775882187, 1.67638483018380384940, 0.689767334985100004550,
                    0.148103976427480074590, 0.0151986665636164571966, 5.47593808499534494600e-4,
                    1.05075007164441684324e-9
                )
            )
            return (numerator, denominator)
        }
        let u = r - 5
        let numerator = Polynomial.evaluate(
            u,
            (
                6.65790464350110377720, 5.46378491116411436990, 1.78482653991729133580, 0.296560571828504891230,
                0.0265321895265761230930, 1.24266094738807843860e-3, 2.71155556874348757815e-5,
                2.01033439929228813265e-7
            )
        )
        let denominator = Polynomial.evaluate(
            u,
            (
                1, 0.599832206555887937690, 0.136929880922735805310, 0.0148753612908506148525,
                7.86869131145613259100e-4, 1.84631831751005468180e-5, 1.42151175831644588870e-7,
                2.04426310338993978564e-15
            )
        )
        return (numerator, denominator)
    }
}
