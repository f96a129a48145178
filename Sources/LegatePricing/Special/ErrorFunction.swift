import RealModule

/// The error function family, `erf`, `erfc` and the scaled `erfcx(x) = exp(x²)·erfc(x)`, by W. J. Cody's rational
/// Chebyshev approximations.
///
/// Source: W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 23 (1969) 631–638, as
/// coded in netlib `specfun/erf` (CALERF, last modified 19 March 1990). The coefficients below are Cody's; in exact
/// arithmetic they approximate the functions to at least 18 significant digits, so in IEEE double the result is good
/// to a few units in the last place. Three intervals:
///
/// - `|x| ≤ 0.46875`: `erf(x) = x·A(x²)/B(x²)`;
/// - `0.46875 < |x| ≤ 4`: `erfcx(|x|) = C(|x|)/D(|x|)`;
/// - `|x| > 4`: `erfcx(|x|) = (1/√π − P(1/x²)/Q(1/x²))/|x|`;
///
/// and negative arguments by `erfc(−x) = 2 − erfc(x)`, `erfcx(−x) = 2·exp(x²) − erfcx(x)`. Where `exp(−x²)` is
/// needed, it is evaluated as `exp(−x̃²)·exp(−(x−x̃)(x+x̃))` with `x̃ = trunc(16x)/16` (Cody's device): `x̃²` is exact,
/// so the large exponent carries no rounding error and the tail keeps its relative accuracy.
///
/// `erfcx` is the workhorse of the normalised Black function: for large arguments it needs no exponential at all,
/// which is what lets implied volatility stay accurate far out of the money.
public enum ErrorFunction {
    /// The error function `erf(x) = 2/√π ∫₀ˣ exp(−u²) du`.
    ///
    /// - Parameter x: any real number; NaN propagates.
    /// - Returns: `erf(x)` in `[−1, 1]`.
    public static func erf(_ x: Double) -> Double {
        let y = x.magnitude
        if y <= threshold {
            return x * smallArgumentRatio(y * y)
        }
        let complement = erfcOfPositive(y)
        return x < 0 ? complement - 1 : 1 - complement
    }

    /// The complementary error function `erfc(x) = 1 − erf(x)`, accurate relative to its own size in the right tail.
    ///
    /// - Parameter x: any real number; NaN propagates.
    /// - Returns: `erfc(x)` in `[0, 2]`; it underflows to 0 for `x ≥ 26.543`.
    public static func erfc(_ x: Double) -> Double {
        let y = x.magnitude
        if y <= threshold {
            return 1 - x * smallArgumentRatio(y * y)
        }
        let complement = erfcOfPositive(y)
        return x < 0 ? 2 - complement : complement
    }

    /// The scaled complementary error function `erfcx(x) = exp(x²)·erfc(x)`.
    ///
    /// For `x > 4` it is a pure rational function of `1/x²` (no exponential), tending to `1/(x√π)`.
    ///
    /// - Parameter x: any real number; NaN propagates.
    /// - Returns: `erfcx(x) > 0`; `+∞` where `2·exp(x²)` overflows (`x < −26.6287…`).
    public static func erfcx(_ x: Double) -> Double {
        let y = x.magnitude
        if y <= threshold {
            let z = y * y
            return Double.exp(z) * (1 - x * smallArgumentRatio(z))
        }
        if x < largestNegativeArgument {
            return .infinity
        }
        let scaled = erfcxAboveThreshold(y)
        if x < 0 {
            let expOfSquare = exponentialOfSquare(x)
            return (expOfSquare + expOfSquare) - scaled
        }
        return scaled
    }

    // MARK: - Cody's pieces, shared with the normal distribution and the normalised Black function

    /// `|x|` below which `erf` is evaluated directly as `x·A(x²)/B(x²)`.
    static let threshold = 0.46875

    /// Below this `erfcx` overflows: the root of `exp(x²)·erfc(x) = Double.greatestFiniteMagnitude`.
    static let largestNegativeArgument = -26.6287357137514

    /// At and above this `erfc` underflows to zero (Cody's XBIG).
    static let erfcUnderflowArgument = 26.543

    /// `erf(x)/x` for `|x| ≤ 0.46875`, as a function of `z = x²` (Cody's first interval; his `A`, `B` in ascending
    /// powers of `z`).
    @inline(__always)
    static func smallArgumentRatio(_ z: Double) -> Double {
        let numerator = Polynomial.evaluate(
            z,
            (3209.37758913846947, 377.485237685302021, 113.864154151050156, 3.16112374387056560, 0.185777706184603153)
        )
        let denominator = Polynomial.evaluate(
            z,
            (2844.23683343917062, 1282.61652607737228, 244.024637934444173, 23.6012909523441209, 1)
        )
        return numerator / denominator
    }

    /// `erfcx(y)` for `y > 0.46875` without any exponential (Cody's second and third intervals; his `C`, `D` and `P`,
    /// `Q` in ascending powers).
    @inline(__always)
    static func erfcxAboveThreshold(_ y: Double) -> Double {
        if y <= 4 {
            let numerator = Polynomial.evaluate(
                y,
                (
                    1230.33935479799725, 2051.07837782607147, 1712.04761263407058, 881.952221241769090,
                    298.635138197400131, 66.1191906371416295, 8.88314979438837594, 0.564188496988670089,
                    2.15311535474403846e-8
                )
            )
            let denominator = Polynomial.evaluate(
                y,
                (
                    1230.33935480374942, 3439.36767414372164, 4362.61909014324716, 3290.79923573345963,
                    1621.38957456669019, 537.181101862009858, 117.693950891312499, 15.7449261107098347, 1
                )
            )
            return numerator / denominator
        }
        let z = 1 / (y * y)
        let numerator = Polynomial.evaluate(
            z,
            (
                6.58749161529837803e-4, 0.0160837851487422766, 0.125781726111229246, 0.360344899949804439,
                0.305326634961232344, 0.0163153871373020978
            )
        )
        let denominator = Polynomial.evaluate(
            z,
            (
                0.00233520497626869185, 0.0605183413124413191, 0.527905102951428412, 1.87295284992346047,
                2.56852019228982242, 1
            )
        )
        return (oneOverSquareRootPi - z * numerator / denominator) / y
    }

    /// `erfc(y)` for `y > 0.46875`.
    @inline(__always)
    static func erfcOfPositive(_ y: Double) -> Double {
        if y >= erfcUnderflowArgument {
            return 0
        }
        return erfcxAboveThreshold(y) * exponentialOfNegativeSquare(y)
    }

    /// `exp(−y²)` with the large part of the exponent exact (Cody's `trunc(16y)/16` split); `y ≥ 0`.
    @inline(__always)
    static func exponentialOfNegativeSquare(_ y: Double) -> Double {
        let head = (y * 16).rounded(.towardZero) / 16
        return Double.exp(-head * head) * Double.exp(-(y - head) * (y + head))
    }

    /// `exp(x²)` with the large part of the exponent exact (Cody's `trunc(16x)/16` split).
    @inline(__always)
    static func exponentialOfSquare(_ x: Double) -> Double {
        let head = (x * 16).rounded(.towardZero) / 16
        return Double.exp(head * head) * Double.exp((x - head) * (x + head))
    }

    /// `1/√π`.
    static let oneOverSquareRootPi = 0.56418958354775628695
}
