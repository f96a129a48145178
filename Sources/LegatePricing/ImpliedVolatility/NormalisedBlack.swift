public import LegateModel
import RealModule

/// The normalised Black function `b(x, s, θ)` and its vega, as accurate as double precision allows over the whole
/// domain: within a few ulps of `(1 + s·b'/b)·ε`, the rounding that `s` itself carries into `b`.
///
/// With `x = ln(F/K)`, `s = σ√T` and `θ = ±1` for a call or a put, Jäckel's normalised price is
///
///     b(x, s, θ) = θ·[ e^{x/2}·Φ(θ·(x/s + s/2)) − e^{−x/2}·Φ(θ·(x/s − s/2)) ]
///
/// so that the undiscounted Black-76 price is `√(F·K)·b`. Source: P. Jäckel, "Let's Be Rational", Wilmott (2015)
/// 40–53, §2 and §3, with the region split of the 2024 reference implementation (www.jaeckel.org, 2013–2024).
///
/// In-the-money prices are the intrinsic value `2·sinh(θx/2)` plus the out-of-the-money price at `−|x|` (put–call
/// parity with reciprocal strike), so the hard work is only ever done for `θx < 0`. Writing `h = θx/s`, `t = s/2`,
/// Jäckel's regions keep every digit:
///
/// - I, far out of the money (`h < −13`): an asymptotic expansion of `b/b'` in `q = (h/((h+t)(h−t)))²`;
/// - II, small `t`: a Taylor expansion of `b/b'` to twelfth order in `t`;
/// - III and IV, elsewhere: Cody's `erfc`/`erfcx` combined so that one exponential is taken and no two nearly
///   equal numbers are subtracted.
public enum NormalisedBlack {
    /// The normalised Black price `b(x, s, θ) = undiscounted Black-76 price / √(F·K)`.
    ///
    /// - Parameters:
    ///   - x: the log-moneyness `ln(F/K)`.
    ///   - s: the total standard deviation `σ√T`; `s ≤ 0` gives the intrinsic value and `+∞` the upper bound
    ///     `e^{θx/2}`.
    ///   - right: call (`θ = +1`) or put (`θ = −1`).
    /// - Returns: `b ∈ [max(2·sinh(θx/2), 0), e^{θx/2}]`; NaN only for NaN input.
    public static func price(x: Double, s: Double, right: OptionRight) -> Double {
        if s.isNaN {
            return .nan
        }
        if x == 0 {
            // At the money b(0, s) = Φ(s/2) − Φ(−s/2) = erf(s/√8).
            return s > 0 ? ErrorFunction.erf(s * (0.5 * NormalDistribution.oneOverSquareRootTwo)) : 0
        }
        let thetaX = right == .call ? x : -x
        guard s > 0 else {
            return intrinsic(thetaX: thetaX)
        }
        let bMax = Double.exp(-0.5 * x.magnitude)
        let timeValue = outOfTheMoney(thetaX: -x.magnitude, s: s, bMax: bMax, inverseBMax: 1 / bMax).price
        return intrinsic(thetaX: thetaX) + timeValue
    }

    /// The normalised vega `∂b/∂s = exp(−½·((x/s)² + (s/2)²))/√(2π)`, the same for calls and puts.
    ///
    /// - Parameters:
    ///   - x: the log-moneyness `ln(F/K)`.
    ///   - s: the total standard deviation `σ√T`.
    /// - Returns: `∂b/∂s ≥ 0`; zero for `s ≤ 0` away from the money; NaN only for NaN input.
    public static func vega(x: Double, s: Double) -> Double {
        if x == 0 {
            return NormalDistribution.oneOverSquareRootTwoPi * Double.exp(-0.125 * s * s)
        }
        guard s > 0 else {
            return s.isNaN ? .nan : 0
        }
        return vega(thetaX: x, s: s)
    }

    // MARK: - Internals of the implied-volatility solver (θx < 0, s > 0 unless stated)

    /// `η`: the asymptotic expansion is used for `h = θx/s < η`.
    static let asymptoticThreshold = -13.0

    /// `τ = 2·ε^{1/16}`: the small-`t` expansion is accurate to `ε` for `t < τ`.
    static let smallTThreshold = 0.21022410381342865

    /// `ln(2π)/2`.
    static let halfLogTwoPi = 0.91893853320467274178032973640561763986139747363778

    /// `√(2π)`.
    static let squareRootTwoPi = 2.5066282746310005024157652848110452530069867406099

    /// The normalised intrinsic value `max(2·sinh(θx/2), 0)`.
    @inline(__always)
    static func intrinsic(thetaX: Double) -> Double {
        thetaX > 0 ? 2 * Double.sinh(0.5 * thetaX) : 0
    }

    /// `∂b/∂s` for `s > 0`.
    @inline(__always)
    static func vega(thetaX: Double, s: Double) -> Double {
        let h = thetaX / s
        let t = 0.5 * s
        return NormalDistribution.oneOverSquareRootTwoPi * Double.exp(-0.5 * (h * h + t * t))
    }

    /// `1/(∂b/∂s)` for `s > 0`.
    @inline(__always)
    static func inverseVega(thetaX: Double, s: Double) -> Double {
        let h = thetaX / s
        let t = 0.5 * s
        return squareRootTwoPi * Double.exp(0.5 * (h * h + t * t))
    }

    /// Region I: `h < η` and `t < τ + ½ + (|h| − |η|)`, written without dividing by `s`.
    @inline(__always)
    static func isFarOutOfTheMoney(thetaX: Double, s: Double) -> Bool {
        thetaX < s * asymptoticThreshold
            && s * (0.5 * s - (smallTThreshold + 0.5 + asymptoticThreshold)) + thetaX < 0
    }

    /// Region II: `t < τ + |h|/(2|η|)`, written without dividing by `s`.
    @inline(__always)
    static func isSmallT(thetaX: Double, s: Double) -> Bool {
        s * (s - 2 * smallTThreshold) - thetaX / asymptoticThreshold < 0
    }

    /// The out-of-the-money normalised price `b(θx, s)` for `θx < 0`, `s > 0`, given `b_max = e^{θx/2}` and its
    /// reciprocal, together with the Gaussian factor `G = exp(−(h² + t²)/2) = √(2π)·∂b/∂s`.
    ///
    /// Returning `G` lets the solver have the vega without another exponential: one `exp` per evaluation.
    @inline(__always)
    static func outOfTheMoney(
        thetaX: Double,
        s: Double,
        bMax: Double,
        inverseBMax: Double
    ) -> (price: Double, gaussian: Double) {
        let h = thetaX / s
        let t = 0.5 * s
        let gaussian = Double.exp(-0.5 * (h * h + t * t))
        if isFarOutOfTheMoney(thetaX: thetaX, s: s) {
            return (asymptoticScaledPrice(h: h, t: t) * gaussian * NormalDistribution.oneOverSquareRootTwoPi, gaussian)
        }
        if isSmallT(thetaX: thetaX, s: s) {
            return (smallTScaledPrice(h: h, t: t) * gaussian * NormalDistribution.oneOverSquareRootTwoPi, gaussian)
        }
        let price = priceFromCodysFunctions(h: h, t: t, gaussian: gaussian, bMax: bMax, inverseBMax: inverseBMax)
        return (price, gaussian)
    }

    /// The scaled price `bₓ = b/(∂b/∂s)` and `ln(∂b/∂s)`, so that `ln b = ln bₓ + ln(∂b/∂s)` is available even where
    /// `b` underflows (regions I and II need no exponential at all).
    @inline(__always)
    static func scaledPriceAndLogVega(
        thetaX: Double,
        s: Double,
        bMax: Double,
        inverseBMax: Double
    ) -> (scaled: Double, logVega: Double) {
        let h = thetaX / s
        let t = 0.5 * s
        let halfSquares = 0.5 * (h * h + t * t)
        let logVega = -halfLogTwoPi - halfSquares
        if isFarOutOfTheMoney(thetaX: thetaX, s: s) {
            return (asymptoticScaledPrice(h: h, t: t), logVega)
        }
        if isSmallT(thetaX: thetaX, s: s) {
            return (smallTScaledPrice(h: h, t: t), logVega)
        }
        let gaussian = Double.exp(-halfSquares)
        let price = priceFromCodysFunctions(h: h, t: t, gaussian: gaussian, bMax: bMax, inverseBMax: inverseBMax)
        return (price * squareRootTwoPi / gaussian, logVega)
    }

    /// Regions III and IV: `2b = e^{θx/2}·erfc(q₁) − e^{−θx/2}·erfc(q₂)` with `q₁,₂ = −(h ± t)/√2`.
    ///
    /// Since `(h ± t)²/2 = (h² + t²)/2 ± θx/2`, every `e^{±θx/2}·erfc(q)` with `|q| > 0.46875` is `G·erfcx(|q|)`
    /// (or `2e^{θx/2} − G·erfcx(|q|)` for negative `q`), so Cody's rational `erfcx` and the one Gaussian factor
    /// `G = exp(−(h²+t²)/2)` give the price without further exponentials and without subtracting nearly equal
    /// numbers (Jäckel's `normalised_black_with_optimal_use_of_codys_functions`, 2017).
    @inline(__always)
    static func priceFromCodysFunctions(
        h: Double,
        t: Double,
        gaussian: Double,
        bMax: Double,
        inverseBMax: Double
    ) -> Double {
        let threshold = ErrorFunction.threshold
        let q1 = -NormalDistribution.oneOverSquareRootTwo * (h + t)
        let q2 = -NormalDistribution.oneOverSquareRootTwo * (h - t)
        let first: Double  // e^{θx/2}·erfc(q₁)
        if q1 > threshold {
            first = gaussian * ErrorFunction.erfcxAboveThreshold(q1)
        } else if q1 >= -threshold {
            first = bMax * (1 - q1 * ErrorFunction.smallArgumentRatio(q1 * q1))
        } else {
            first = 2 * bMax - gaussian * ErrorFunction.erfcxAboveThreshold(-q1)
        }
        let second: Double  // e^{−θx/2}·erfc(q₂), where q₂ = (t − h)/√2 > 0
        if q2 > threshold {
            second = gaussian * ErrorFunction.erfcxAboveThreshold(q2)
        } else {
            // Only reached for |θx| < 1, so e^{−θx/2} cannot overflow.
            second = inverseBMax * (1 - q2 * ErrorFunction.smallArgumentRatio(q2 * q2))
        }
        return max(0.5 * (first - second), 0)
    }

    /// `b̄ = e^{θx/2} − b`, the distance to the upper bound, computed without cancellation:
    /// `b̄ = ½·[erfcx((t+h)/√2) + erfcx((t−h)/√2)]·G` with `G = exp(−(h²+t²)/2)`.
    @inline(__always)
    static func complement(h: Double, t: Double, gaussian: Double) -> Double {
        let sum =
            ErrorFunction.erfcx((t + h) * NormalDistribution.oneOverSquareRootTwo)
            + ErrorFunction.erfcx((t - h) * NormalDistribution.oneOverSquareRootTwo)
        return 0.5 * sum * gaussian
    }
}
