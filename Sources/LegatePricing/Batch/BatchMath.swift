/// Elementary functions written once for any lane width, so the scalar and batch pricers share every rounding.
///
/// libm's `exp`, `log` and `erfc` are opaque calls that the compiler cannot vectorize, and they would make the
/// batch path disagree with the scalar path in the last bits. These versions use only IEEE-754 `+ − × ÷ √`,
/// comparisons and bit casts, in a fixed order, so the same input gives the same bits in every lane of
/// `SIMD2<Double>` (the scalar path) and `SIMD4<Double>`/`SIMD8<Double>`, on baseline x86-64 (SSE2) and on arm64
/// alike. Swift does not contract `a * b + c` into a fused multiply-add, so no platform rounds differently. The
/// batch pricer's C kernel (`CLegatePricingKernel`) repeats these functions with the same constants and the same
/// order of operations, contraction disabled, and so returns the same bits on SSE2, AVX2 and NEON.
///
/// Accuracy, checked in `ClosedFormSpecialFunctionTests` against libm and against correctly rounded values:
/// `exp` within 6e-16 and `log` within 4e-16 relative, the normal CDF within 1e-15 relative (measured worst
/// 7.6e-16 on [−37.5, 9]). Coefficients were fitted for Legate
/// with mpmath at 60 digits (Chebyshev fits for `exp` and `log`, a relative-minimax rational for the Mills ratio);
/// the fit error is below 1e-17 in each case, so what remains is double rounding.
enum BatchMath {
    // MARK: - Constants

    /// ln 2 split so that `k * ln2High` is exact for |k| < 2^20 (the upper part has 32 significant bits).
    static let ln2High = 6.931_471_803_691_238_164_90e-01
    static let ln2Low = 1.908_214_929_270_587_700_02e-10
    static let log2E = 1.442_695_040_888_963_387_0
    /// Adding then subtracting 1.5·2^52 rounds a double to the nearest integer; the integer also lands in the
    /// low bits of the sum, which is how `exp` builds 2^k without an integer conversion (absent from SSE2).
    static let roundingShifter = 6_755_399_441_055_744.0
    /// `exp` clamps its argument to this range. At the low end k = −1023 and 2^k assembles to +0, so results
    /// that would be subnormal flush to 0; at the high end k = 1024 assembles to +∞.
    static let expArgumentMin = -709.1
    static let expArgumentMax = 710.0
    static let inverseSqrtTwoPi = 0.398_942_280_401_432_677_94
    /// Beyond this |x| the normal CDF and density are held at their value here (Φ(−37.5) ≈ 5e-308), so that
    /// e^{−x²/2} never needs a clamped exponential; what is lost is smaller than 5e-308.
    static let normalTailCutoff = 37.5

    // MARK: - exp

    /// e^x for every lane.
    ///
    /// Range reduction x = k·ln 2 + r with |r| ≤ ln 2/2, a degree-11 polynomial for e^r, and 2^k assembled from
    /// bits. Subnormal results flush to 0 and results above about e^709.4 become +∞; NaN stays NaN.
    @inline(__always)
    static func exp<V: SIMD>(_ x: V) -> V where V.Scalar == Double {
        // Comparisons with NaN are false, so NaN passes through unclamped and comes out as NaN.
        let clamped = x.replacing(with: V(repeating: expArgumentMin), where: x .< expArgumentMin)
            .replacing(with: V(repeating: expArgumentMax), where: x .> expArgumentMax)
        return expInRange(clamped)
    }

    /// e^x for lanes already within `expArgumentMin...expArgumentMax` (or NaN): `exp` without its clamp.
    @inline(__always)
    static func expInRange<V: SIMD>(_ x: V) -> V where V.Scalar == Double {
        let shifted = x * log2E + roundingShifter
        let k = shifted - roundingShifter
        let r = (x - k * ln2High) - k * ln2Low
        // Degree-11 polynomial by Estrin's scheme: the terms are independent, so the dependency chain is four
        // multiply-adds deep instead of eleven and the out-of-order core overlaps neighbouring options.
        let r2 = r * r
        let r4 = r2 * r2
        let r8 = r4 * r4
        let a01 = 1 + r
        let a23 = 5.000_000_000_000_02e-01 + r * 1.666_666_666_666_668_2e-01
        let a45 = 4.166_666_666_647_346_5e-02 + r * 8.333_333_333_318_475e-03
        let a67 = 1.388_888_895_617_381_3e-03 + r * 1.984_126_989_301_463e-04
        let a89 = 2.480_148_139_221_824_8e-05 + r * 2.755_723_777_338_061e-06
        let a1011 = 2.763_413_820_537_965e-07 + r * 2.511_118_996_532_136e-08
        let b0 = a01 + r2 * a23
        let b1 = a45 + r2 * a67
        let b2 = a89 + r2 * a1011
        let p = (b0 + r4 * b1) + r8 * b2
        // The low bits of `shifted` hold k in two's complement; shifting them into the exponent field and adding
        // the bias gives the bit pattern of 2^k for k in −1022...1023, +0 for k = −1023 and +∞ for k = 1024.
        let kBits = unsafeBitCast(shifted, to: V.MaskStorage.self)
        let bias = V.MaskStorage(repeating: 1023) &<< 52
        let scale = unsafeBitCast((kBits &<< 52) &+ bias, to: V.self)
        return p * scale
    }

    // MARK: - log

    /// Natural logarithm for every lane; each lane must be a positive, finite, normal double.
    ///
    /// x = 2^e·m with m in [√½, √2), then log m = 2·atanh(f) with f = (m − 1)/(m + 1) and a degree-6 polynomial
    /// in f² (Estrin's scheme). Other lanes (zero, subnormal, negative, infinite, NaN) give meaningless values:
    /// callers validate.
    @inline(__always)
    static func log<V: SIMD>(_ x: V) -> V where V.Scalar == Double {
        let bits = unsafeBitCast(x, to: V.MaskStorage.self)
        let mantissaMask = V.MaskStorage(repeating: 0x000F_FFFF_FFFF_FFFF)
        let oneBits = V.MaskStorage(repeating: 0x3FF0_0000_0000_0000)
        var m = unsafeBitCast((bits & mantissaMask) | oneBits, to: V.self)
        // (0x4330… | n) is the double 2^52 + n exactly, for 0 ≤ n < 2^52: an int-to-double conversion SSE2 lacks.
        let magic = V.MaskStorage(repeating: 0x4330_0000_0000_0000)
        var e = unsafeBitCast(magic | (bits &>> 52), to: V.self) - (0x1p52 + 1023)
        let isAboveSqrt2 = m .> 1.414_213_562_373_095_1
        m = m.replacing(with: m * 0.5, where: isAboveSqrt2)
        // Adds 1.0 where the mantissa was halved: the mask's all-ones lanes select the bit pattern of 1.0.
        e = e + unsafeBitCast(oneBits & unsafeBitCast(isAboveSqrt2, to: V.MaskStorage.self), to: V.self)
        let f = (m - 1) / (m + 1)
        let s = f * f
        let s2 = s * s
        let g01 = 3.333_333_333_333_335e-01 + s * 1.999_999_999_994_972_2e-01
        let g23 = 1.428_571_431_300_163_5e-01 + s * 1.111_110_556_512_993_9e-01
        let g45 = 9.091_444_727_837_474e-02 + s * 7.665_855_309_105_386e-02
        let g = (g01 + s2 * g23) + (s2 * s2) * (g45 + s2 * 7.308_292_712_444_311e-02)
        let twoF = f + f
        let logM = twoF + twoF * s * g
        return (e * ln2Low + logM) + e * ln2High
    }

    // MARK: - Normal distribution

    /// Φ(x) for every lane from the lower tail Φ(−|x|): the tail itself for x ≤ 0, its complement for x > 0.
    ///
    /// Working from the lower tail keeps full relative accuracy there, where out-of-the-money prices live on
    /// small numbers; the complement loses nothing because Φ(x) ≥ ½.
    @inline(__always)
    static func normalCDF<V: SIMD>(_ x: V, lowerTail: V) -> V where V.Scalar == Double {
        lowerTail.replacing(with: 1 - lowerTail, where: x .> 0)
    }

    /// The lower tails Φ(−t1) and Φ(−t2) for two vectors of t ≥ 0, given e^{−t²/2} for each, with one division.
    ///
    /// Φ(−t) = e^{−t²/2}·R(t), where R is a rational approximation of degree 9/10 to the scaled Mills ratio,
    /// fitted on [0, 40] to a relative error of 5e-17; both quotients share the reciprocal of Q(t1)·Q(t2).
    @inline(__always)
    static func lowerTails<V: SIMD>(
        _ t1: V,
        halfGaussian1: V,
        _ t2: V,
        halfGaussian2: V
    ) -> (V, V) where V.Scalar == Double {
        let r1 = millsRatio(t1)
        let r2 = millsRatio(t2)
        let reciprocal = 1 / (r1.denominator * r2.denominator)
        return (
            halfGaussian1 * r1.numerator * (r2.denominator * reciprocal),
            halfGaussian2 * r2.numerator * (r1.denominator * reciprocal)
        )
    }

    /// The standard normal CDF Φ(x) and density φ(x) for every lane, sharing one exponential.
    @inline(__always)
    static func normal<V: SIMD>(_ x: V) -> (cdf: V, pdf: V) where V.Scalar == Double {
        let t = clampedMagnitude(x)
        let gaussian = halfGaussian(t)
        let ratio = millsRatio(t)
        let tail = gaussian * ratio.numerator / ratio.denominator
        return (normalCDF(x, lowerTail: tail), gaussian * inverseSqrtTwoPi)
    }

    /// Numerator and denominator of the scaled Mills ratio R(t) = Φ(−t)·e^{t²/2} ≈ P(t)/Q(t), degrees 9 and 10.
    ///
    /// Q is one degree higher so that R(t) ~ 1/(t·√(2π)) as t grows. All coefficients are positive and t ≥ 0, so
    /// Estrin's scheme (used for its short dependency chain) sums positive terms and rounds like Horner's.
    @inline(__always)
    static func millsRatio<V: SIMD>(_ t: V) -> (numerator: V, denominator: V) where V.Scalar == Double {
        let t2 = t * t
        let t4 = t2 * t2
        let t8 = t4 * t4
        let p01 = 0.5 + t * 7.755_051_824_111_42e-01
        let p23 = 5.949_617_619_752_484_5e-01 + t * 2.899_871_175_066_941_4e-01
        let p45 = 9.799_335_915_753_702e-02 + t * 2.371_232_860_158_814_2e-02
        let p67 = 4.108_426_319_032_170_4e-03 + t * 4.931_840_511_194_042_3e-04
        let p89 = 3.750_571_656_973_637_9e-05 + t * 1.396_918_758_159_278_4e-06
        let numerator = ((p01 + t2 * p23) + t4 * (p45 + t2 * p67)) + t8 * p89
        let q01 = 1.0 + t * 2.348_894_925_625_138_7
        let q23 = 2.564_070_520_055_328_6 + t * 1.717_320_573_226_144_4
        let q45 = 7.838_906_950_094_396e-01 + t * 2.557_431_853_217_901_7e-01
        let q67 = 6.066_721_971_087_786_4e-02 + t * 1.039_231_045_456_559_6e-02
        let q89 = 1.239_730_643_375_888_6e-03 + t * 9.401_288_961_202_498e-05
        let q810 = q89 + t2 * 3.501_556_056_573_873_2e-06
        let denominator = ((q01 + t2 * q23) + t4 * (q45 + t2 * q67)) + t8 * q810
        return (numerator, denominator)
    }

    /// |x| capped at the tail cutoff; NaN stays NaN.
    @inline(__always)
    static func clampedMagnitude<V: SIMD>(_ x: V) -> V where V.Scalar == Double {
        let signMask = V.MaskStorage(repeating: 0x7FFF_FFFF_FFFF_FFFF)
        let magnitude = unsafeBitCast(unsafeBitCast(x, to: V.MaskStorage.self) & signMask, to: V.self)
        return magnitude.replacing(with: V(repeating: normalTailCutoff), where: magnitude .> normalTailCutoff)
    }

    /// e^{−t²/2} for 0 ≤ t ≤ the tail cutoff.
    ///
    /// t² is split exactly into `hi + lo` (Dekker's product with Veltkamp's split), e^{−hi/2} is evaluated and
    /// corrected by (1 − lo/2); the rounding of t² would otherwise cost up to t²/2 ulps.
    @inline(__always)
    static func halfGaussian<V: SIMD>(_ t: V) -> V where V.Scalar == Double {
        let split = t * 134_217_729.0
        let tHigh = split - (split - t)
        let tLow = t - tHigh
        let hi = t * t
        let lo = ((tHigh * tHigh - hi) + 2 * tHigh * tLow) + tLow * tLow
        return expInRange(hi * -0.5) * (1 - lo * 0.5)
    }
}
