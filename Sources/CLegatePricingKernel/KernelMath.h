// Shared by the kernels of this target: vector types, lane helpers and BatchMath's functions (exp, log, normal CDF).
//
// Every function is `static` and always inlined, so each build (portable, AVX2) compiles its own copy. Including
// this header turns off contraction into fused multiply-adds for the rest of the file: see LegatePricingKernel.c for
// why results must not depend on the build.

#ifndef LEGATE_KERNEL_MATH_H
#define LEGATE_KERNEL_MATH_H

#include <stddef.h>
#include <stdint.h>

#pragma STDC FP_CONTRACT OFF
#pragma clang fp contract(off)
// The helpers pass vectors by value, which for 256-bit vectors differs between the portable and AVX2 calling
// conventions; every helper is `static` and always inlined, so no such call exists in the object code.
#pragma clang diagnostic ignored "-Wpsabi"

// MARK: - Vector types

/// Options per kernel step: one AVX2 register per value, two SSE2 or NEON registers (as Swift's `SIMD4<Double>`).
#define LANES 4

typedef double vd __attribute__((ext_vector_type(LANES)));
typedef uint64_t vu __attribute__((ext_vector_type(LANES)));
typedef int64_t vi __attribute__((ext_vector_type(LANES)));
typedef unsigned char vb __attribute__((ext_vector_type(LANES)));
/// What a comparison of two `vd` gives: all ones in true lanes (the element type differs between platforms).
typedef __typeof__((vd)(0.0) < (vd)(0.0)) vmask;

#define INLINE static inline __attribute__((always_inline))

/// `a` where `mask` is set, `b` elsewhere (Swift's `b.replacing(with: a, where: mask)`).
INLINE vd blend(vmask mask, vd a, vd b) {
    vu m = (vu)mask;
    return (vd)(((vu)a & m) | ((vu)b & ~m));
}

/// Swift's prefix minus on a SIMD vector, which the standard library defines as `0 - x`: it gives +0, not −0, for
/// a zero lane (rho of an option worth exactly 0), so a plain C negation would differ in the sign of zero.
INLINE vd negate(vd x) {
    return 0.0 - x;
}

// MARK: - BatchMath

#define LN2_HIGH 6.93147180369123816490e-01
#define LN2_LOW 1.90821492927058770002e-10
#define LOG2_E 1.4426950408889633870
#define ROUNDING_SHIFTER 6755399441055744.0
#define EXP_ARGUMENT_MIN (-709.1)
#define EXP_ARGUMENT_MAX 710.0
#define INVERSE_SQRT_TWO_PI 0.39894228040143267794
#define NORMAL_TAIL_CUTOFF 37.5

/// BatchMath.expInRange.
INLINE vd exp_in_range(vd x) {
    vd shifted = x * LOG2_E + ROUNDING_SHIFTER;
    vd k = shifted - ROUNDING_SHIFTER;
    vd r = (x - k * LN2_HIGH) - k * LN2_LOW;
    vd r2 = r * r;
    vd r4 = r2 * r2;
    vd r8 = r4 * r4;
    vd a01 = 1.0 + r;
    vd a23 = 5.00000000000002e-01 + r * 1.6666666666666682e-01;
    vd a45 = 4.1666666666473465e-02 + r * 8.333333333318475e-03;
    vd a67 = 1.3888888956173813e-03 + r * 1.984126989301463e-04;
    vd a89 = 2.4801481392218248e-05 + r * 2.755723777338061e-06;
    vd a1011 = 2.763413820537965e-07 + r * 2.511118996532136e-08;
    vd b0 = a01 + r2 * a23;
    vd b1 = a45 + r2 * a67;
    vd b2 = a89 + r2 * a1011;
    vd p = (b0 + r4 * b1) + r8 * b2;
    vu k_bits = (vu)shifted;
    vd scale = (vd)((k_bits << 52) + (uint64_t)0x3FF0000000000000);
    return p * scale;
}

/// BatchMath.exp: the argument clamped to [EXP_ARGUMENT_MIN, EXP_ARGUMENT_MAX]; NaN passes through.
INLINE vd exp_clamped(vd x) {
    vd clamped = blend(x < EXP_ARGUMENT_MIN, (vd)(EXP_ARGUMENT_MIN), x);
    clamped = blend(x > EXP_ARGUMENT_MAX, (vd)(EXP_ARGUMENT_MAX), clamped);
    return exp_in_range(clamped);
}

/// BatchMath.log, split in two so that its division can be issued early (see `Divisions`).
///
/// The first half: x = 2^e·m with m in [√½, √2), and f = (m − 1)/(m + 1). Lanes must be positive, finite and normal.
INLINE void log_reduce(vd x, vd *e_out, vd *f_out) {
    vu bits = (vu)x;
    vd m = (vd)((bits & (uint64_t)0x000FFFFFFFFFFFFF) | (uint64_t)0x3FF0000000000000);
    // Swift shifts the signed bit pattern (`Int64 &>> 52`), an arithmetic shift.
    vu exponent_bits = (vu)((vi)bits >> 52);
    vd e = (vd)((uint64_t)0x4330000000000000 | exponent_bits) - (0x1p52 + 1023);
    vmask is_above_sqrt2 = m > 1.4142135623730951;
    m = blend(is_above_sqrt2, m * 0.5, m);
    *e_out = e + (vd)((uint64_t)0x3FF0000000000000 & (vu)is_above_sqrt2);
    *f_out = (m - 1.0) / (m + 1.0);
}

/// The second half of BatchMath.log: log x = e·ln 2 + 2·atanh(f).
INLINE vd log_finish(vd e, vd f) {
    vd s = f * f;
    vd s2 = s * s;
    vd g01 = 3.333333333333335e-01 + s * 1.9999999999949722e-01;
    vd g23 = 1.4285714313001635e-01 + s * 1.1111105565129939e-01;
    vd g45 = 9.091444727837474e-02 + s * 7.665855309105386e-02;
    vd g = (g01 + s2 * g23) + (s2 * s2) * (g45 + s2 * 7.308292712444311e-02);
    vd two_f = f + f;
    vd log_m = two_f + two_f * s * g;
    return (e * LN2_LOW + log_m) + e * LN2_HIGH;
}

/// BatchMath.normalCDF: Φ(x) from the lower tail Φ(−|x|).
INLINE vd normal_cdf(vd x, vd lower_tail) {
    return blend(x > 0.0, 1.0 - lower_tail, lower_tail);
}

typedef struct Ratio {
    vd numerator;
    vd denominator;
} Ratio;

/// BatchMath.millsRatio: P(t) and Q(t), degrees 9 and 10.
INLINE Ratio mills_ratio(vd t) {
    vd t2 = t * t;
    vd t4 = t2 * t2;
    vd t8 = t4 * t4;
    vd p01 = 0.5 + t * 7.75505182411142e-01;
    vd p23 = 5.9496176197524845e-01 + t * 2.8998711750669414e-01;
    vd p45 = 9.799335915753702e-02 + t * 2.3712328601588142e-02;
    vd p67 = 4.1084263190321704e-03 + t * 4.9318405111940423e-04;
    vd p89 = 3.7505716569736379e-05 + t * 1.3969187581592784e-06;
    vd numerator = ((p01 + t2 * p23) + t4 * (p45 + t2 * p67)) + t8 * p89;
    vd q01 = 1.0 + t * 2.3488949256251387;
    vd q23 = 2.5640705200553286 + t * 1.7173205732261444;
    vd q45 = 7.838906950094396e-01 + t * 2.5574318532179017e-01;
    vd q67 = 6.0667219710877864e-02 + t * 1.0392310454565596e-02;
    vd q89 = 1.2397306433758886e-03 + t * 9.401288961202498e-05;
    vd q810 = q89 + t2 * 3.5015560565738732e-06;
    vd denominator = ((q01 + t2 * q23) + t4 * (q45 + t2 * q67)) + t8 * q810;
    return (Ratio){numerator, denominator};
}

/// BatchMath.clampedMagnitude: |x| capped at the tail cutoff; NaN stays NaN.
INLINE vd clamped_magnitude(vd x) {
    vd magnitude = (vd)((vu)x & (uint64_t)0x7FFFFFFFFFFFFFFF);
    return blend(magnitude > NORMAL_TAIL_CUTOFF, (vd)(NORMAL_TAIL_CUTOFF), magnitude);
}

/// BatchMath.halfGaussian: e^{−t²/2} with t² split exactly into hi + lo.
INLINE vd half_gaussian(vd t) {
    vd split = t * 134217729.0;
    vd t_high = split - (split - t);
    vd t_low = t - t_high;
    vd hi = t * t;
    vd lo = ((t_high * t_high - hi) + 2.0 * t_high * t_low) + t_low * t_low;
    return exp_in_range(hi * -0.5) * (1.0 - lo * 0.5);
}

// MARK: - Loads and stores

INLINE vd load(const double *column, ptrdiff_t index) {
    vd value;
    __builtin_memcpy(&value, column + index, sizeof value);
    return value;
}

INLINE void store(vd value, double *column, ptrdiff_t index) {
    __builtin_memcpy(column + index, &value, sizeof value);
}

#endif
