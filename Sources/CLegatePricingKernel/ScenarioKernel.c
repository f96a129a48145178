// The scenario kernel: Black-76 values of many options under many (spot move, vol shift) scenarios, for full
// revaluation (LegateRisk's ScenarioRevaluation: margin grids, Monte Carlo VaR).
//
// Why not the batch pricer: repricing an option from scratch in every scenario recomputes what does not move. The
// caller precomputes per row ln(F/K), √T and the discounted, signed, weighted F and K, and per scenario ln(1 + move),
// so a scenario costs d1 = (ln(F/K) + ln(1+m))/(σ'√T) + σ'√T/2 and the pair of normal CDFs: no log, no square root,
// one exp (the Gaussian) and two divisions (1/(σ'√T), shared by consecutive scenarios with the same vol shift, and
// the CDFs' common denominator). The loops run rows outer and scenarios inner, so a row's constants are loaded once
// per block of scenarios rather than once per scenario.
//
// The normal CDF is BatchMath's: its polynomials and coefficients, evaluated with explicit fused multiply-adds
// (`fused`), which every build computes exactly, so the portable and AVX2 builds return the same bits; contraction
// stays off (KernelMath.h), so nothing else is fused behind the code's back. Fusing cut the kernel's time by a fifth
// on Zen 3; against the scalar Black-76 the values agree to rounding (about 1e-15 relative), not bit for bit. A
// row's value in a scenario does not depend on which other rows or scenarios share the call, and a scenario's sum
// adds its rows in one fixed order (by vectors of four rows, then lanes (0 + 1) + (2 + 3)): however the caller
// splits scenarios between calls or threads, every sum has the same bits.

#include "CLegatePricingKernel.h"
#include "KernelMath.h"

/// Scenarios whose accumulators one pass over the rows keeps: 64 vectors of 32 bytes, in L1.
#define SCENARIO_BLOCK 64

/// Scenarios per step of the inner loop. One scenario's computation is a chain of dependent operations longer than
/// the core's window, so on its own it leaves the core waiting; four independent chains side by side fill it.
/// Measured on Zen 3: 4 is about 18% faster than 1 and 6% faster than 2; 8 adds 3% for twice the code.
#define SCENARIO_STEP 4

// MARK: - BatchMath with its coefficients in memory

/// BatchMath's constants, each as a whole vector.
///
/// The loop needs about forty constants, more than the sixteen vector registers hold, so the compiler rebuilds them
/// with a broadcast from memory at every use, and on the cores measured (Zen 3) a broadcast occupies a floating-point
/// pipe: a quarter of the kernel's arithmetic slots. Read through a pointer the compiler cannot see through
/// (`coefficients()`), a constant becomes a memory operand of the multiply or add that uses it, which costs a load
/// and no arithmetic slot. The values are BatchMath's, digit for digit.
typedef struct Coefficients {
    vd one;
    vd minus_half;
    vd tail_cutoff;
    vd log2_e;
    vd rounding_shifter;
    vd minus_ln2_high;
    vd minus_ln2_low;
    /// BatchMath.expInRange: a23 = exp[0] + r·exp[1], a45 = exp[2] + r·exp[3], …, a1011 = exp[8] + r·exp[9].
    vd exp[10];
    /// BatchMath.millsRatio: p01 = numerator[0] + t·numerator[1], …, p89 = numerator[8] + t·numerator[9].
    vd numerator[10];
    /// q01 = denominator[0] + t·denominator[1], …, q89 = denominator[8] + t·denominator[9];
    /// q810 = q89 + t²·denominator[10].
    vd denominator[11];
    vu exponent_one;
    vu magnitude_mask;
} Coefficients;

#define SPLAT(x) {x, x, x, x}

static const Coefficients coefficient_table = {
    .one = SPLAT(1.0),
    .minus_half = SPLAT(-0.5),
    .tail_cutoff = SPLAT(NORMAL_TAIL_CUTOFF),
    .log2_e = SPLAT(LOG2_E),
    .rounding_shifter = SPLAT(ROUNDING_SHIFTER),
    .minus_ln2_high = SPLAT(-LN2_HIGH),
    .minus_ln2_low = SPLAT(-LN2_LOW),
    .exp = {
        SPLAT(5.00000000000002e-01), SPLAT(1.6666666666666682e-01),
        SPLAT(4.1666666666473465e-02), SPLAT(8.333333333318475e-03),
        SPLAT(1.3888888956173813e-03), SPLAT(1.984126989301463e-04),
        SPLAT(2.4801481392218248e-05), SPLAT(2.755723777338061e-06),
        SPLAT(2.763413820537965e-07), SPLAT(2.511118996532136e-08),
    },
    .numerator = {
        SPLAT(0.5), SPLAT(7.75505182411142e-01),
        SPLAT(5.9496176197524845e-01), SPLAT(2.8998711750669414e-01),
        SPLAT(9.799335915753702e-02), SPLAT(2.3712328601588142e-02),
        SPLAT(4.1084263190321704e-03), SPLAT(4.9318405111940423e-04),
        SPLAT(3.7505716569736379e-05), SPLAT(1.3969187581592784e-06),
    },
    .denominator = {
        SPLAT(1.0), SPLAT(2.3488949256251387),
        SPLAT(2.5640705200553286), SPLAT(1.7173205732261444),
        SPLAT(7.838906950094396e-01), SPLAT(2.5574318532179017e-01),
        SPLAT(6.0667219710877864e-02), SPLAT(1.0392310454565596e-02),
        SPLAT(1.2397306433758886e-03), SPLAT(9.401288961202498e-05),
        SPLAT(3.5015560565738732e-06),
    },
    .exponent_one = SPLAT(0x3FF0000000000000ULL),
    .magnitude_mask = SPLAT(0x7FFFFFFFFFFFFFFFULL),
};

/// The table through a pointer the optimizer cannot follow, so that it loads each constant where it is used.
INLINE const Coefficients *coefficients(void) {
    const Coefficients *table = &coefficient_table;
    __asm__("" : "+r"(table));
    return table;
}

/// a·b + c, rounded once.
///
/// Every build computes it exactly: the AVX2 build and NEON with their fused multiply-add instructions, the portable
/// x86-64 build (CPUs without AVX2 only) through libm's correctly rounded `fma`. So the builds agree bit for bit,
/// unlike contraction, which the compiler applies or not build by build.
INLINE vd fused(vd a, vd b, vd c) {
    return __builtin_elementwise_fma(a, b, c);
}

/// BatchMath.expInRange's reduction and polynomial, its products and sums fused.
INLINE vd table_exp(const Coefficients *c, vd x) {
    vd shifted = fused(x, c->log2_e, c->rounding_shifter);
    vd k = shifted - c->rounding_shifter;
    vd r = fused(k, c->minus_ln2_low, fused(k, c->minus_ln2_high, x));
    vd r2 = r * r;
    vd r4 = r2 * r2;
    vd r8 = r4 * r4;
    vd a01 = c->one + r;
    vd a23 = fused(r, c->exp[1], c->exp[0]);
    vd a45 = fused(r, c->exp[3], c->exp[2]);
    vd a67 = fused(r, c->exp[5], c->exp[4]);
    vd a89 = fused(r, c->exp[7], c->exp[6]);
    vd a1011 = fused(r, c->exp[9], c->exp[8]);
    vd b0 = fused(r2, a23, a01);
    vd b1 = fused(r2, a67, a45);
    vd b2 = fused(r2, a1011, a89);
    vd p = fused(r8, b2, fused(r4, b1, b0));
    vu k_bits = (vu)shifted;
    vd scale = (vd)((k_bits << 52) + c->exponent_one);
    return p * scale;
}

/// BatchMath.clampedMagnitude.
INLINE vd table_clamped_magnitude(const Coefficients *c, vd x) {
    vd magnitude = (vd)((vu)x & c->magnitude_mask);
    return blend(magnitude > c->tail_cutoff, c->tail_cutoff, magnitude);
}

/// BatchMath.halfGaussian: e^{−t²/2} with t² = hi + lo exactly. The fused t·t − hi is the exact rounding error of
/// hi, the value BatchMath's Veltkamp–Dekker split computes in nine operations.
INLINE vd table_half_gaussian(const Coefficients *c, vd t) {
    vd hi = t * t;
    vd lo = fused(t, t, -hi);
    return table_exp(c, hi * c->minus_half) * fused(lo, c->minus_half, c->one);
}

/// BatchMath.millsRatio, its products and sums fused.
INLINE Ratio table_mills_ratio(const Coefficients *c, vd t) {
    vd t2 = t * t;
    vd t4 = t2 * t2;
    vd t8 = t4 * t4;
    const vd *n = c->numerator;
    const vd *d = c->denominator;
    vd p01 = fused(t, n[1], n[0]);
    vd p23 = fused(t, n[3], n[2]);
    vd p45 = fused(t, n[5], n[4]);
    vd p67 = fused(t, n[7], n[6]);
    vd p89 = fused(t, n[9], n[8]);
    vd numerator = fused(t8, p89, fused(t4, fused(t2, p67, p45), fused(t2, p23, p01)));
    vd q01 = fused(t, d[1], d[0]);
    vd q23 = fused(t, d[3], d[2]);
    vd q45 = fused(t, d[5], d[4]);
    vd q67 = fused(t, d[7], d[6]);
    vd q89 = fused(t, d[9], d[8]);
    vd q810 = fused(t2, d[10], q89);
    vd denominator = fused(t8, q810, fused(t4, fused(t2, q67, q45), fused(t2, q23, q01)));
    return (Ratio){numerator, denominator};
}

/// One vector of rows' constants.
typedef struct RowLanes {
    vd log_moneyness;
    vd sqrt_expiry;
    vd vol;
    vd vol_up;
    vd vol_down;
    vd vol_floor;
    vd forward_weight;
    vd strike_weight;
    vd sign;
} RowLanes;

/// The terms that depend on the shocked vol only: σ'√T, its reciprocal and its half.
typedef struct VolTerms {
    vd s;
    vd inverse;
    vd half;
} VolTerms;

INLINE RowLanes row_lanes(const LegateScenarioRows *rows, ptrdiff_t index) {
    return (RowLanes){
        .log_moneyness = load(rows->logMoneyness, index),
        .sqrt_expiry = load(rows->sqrtExpiry, index),
        .vol = load(rows->vol, index),
        .vol_up = load(rows->volUp, index),
        .vol_down = load(rows->volDown, index),
        .vol_floor = load(rows->volFloor, index),
        .forward_weight = load(rows->forwardWeight, index),
        .strike_weight = load(rows->strikeWeight, index),
        .sign = load(rows->sign, index),
    };
}

/// The rows from `index` up to `end` (fewer than `LANES`), padded with an at-the-money dummy whose weights are 0, so
/// that its lanes add exactly +0 to a sum.
INLINE RowLanes partial_row_lanes(const LegateScenarioRows *rows, ptrdiff_t index, ptrdiff_t end) {
    double column[9][LANES];
    for (int lane = 0; lane < LANES; lane++) {
        ptrdiff_t row = index + lane;
        int present = row < end;
        column[0][lane] = present ? rows->logMoneyness[row] : 0.0;
        column[1][lane] = present ? rows->sqrtExpiry[row] : 1.0;
        column[2][lane] = present ? rows->vol[row] : 0.2;
        column[3][lane] = present ? rows->volUp[row] : 0.0;
        column[4][lane] = present ? rows->volDown[row] : 0.0;
        column[5][lane] = present ? rows->volFloor[row] : 0.01;
        column[6][lane] = present ? rows->forwardWeight[row] : 0.0;
        column[7][lane] = present ? rows->strikeWeight[row] : 0.0;
        column[8][lane] = present ? rows->sign[row] : 1.0;
    }
    return (RowLanes){
        .log_moneyness = load(column[0], 0),
        .sqrt_expiry = load(column[1], 0),
        .vol = load(column[2], 0),
        .vol_up = load(column[3], 0),
        .vol_down = load(column[4], 0),
        .vol_floor = load(column[5], 0),
        .forward_weight = load(column[6], 0),
        .strike_weight = load(column[7], 0),
        .sign = load(column[8], 0),
    };
}

/// σ' = max(floor, σ + shift·coefficient), the coefficient for an up or a down shift; then σ'√T and friends.
INLINE VolTerms vol_terms(RowLanes x, double shift) {
    vd coefficient = shift > 0 ? x.vol_up : x.vol_down;
    vd shocked = x.vol + shift * coefficient;
    shocked = blend(shocked < x.vol_floor, x.vol_floor, shocked);
    vd s = shocked * x.sqrt_expiry;
    return (VolTerms){.s = s, .inverse = 1.0 / s, .half = 0.5 * s};
}

/// The rows' weighted value: w·θ·D·(F'·N(θd1) − K·N(θd2)) = multiplier·forwardWeight·N(θd1) − strikeWeight·N(θd2).
///
/// The tails N(−|d|) are ClosedFormKernel.cumulative's (BatchMath's Gaussian and Mills ratios over one shared
/// division), each multiplied by its weight before the tail is subtracted from it where θ·d > 0.
INLINE vd row_value(const Coefficients *c, RowLanes x, VolTerms v, double log_multiplier, double multiplier) {
    vd d1 = fused(x.log_moneyness + log_multiplier, v.inverse, v.half);
    vd d2 = d1 - v.s;
    vd t1 = table_clamped_magnitude(c, d1);
    vd t2 = table_clamped_magnitude(c, d2);
    vd gaussian1 = table_half_gaussian(c, t1);
    Ratio r1 = table_mills_ratio(c, t1);
    Ratio r2 = table_mills_ratio(c, t2);
    vd reciprocal = c->one / (r1.denominator * r2.denominator);
    // The weighted tails: forward·N(−|d1|) and strike·N(−|d2|), with φ(d2) = φ(d1)·F'/K folded into the weights
    // (strikeWeight·F'/K = multiplier·forwardWeight), so both start from one product.
    vd forward = x.forward_weight * multiplier;
    vd density = forward * gaussian1;
    vd forward_tail = density * r1.numerator * (r2.denominator * reciprocal);
    vd strike_tail = density * r2.numerator * (r1.denominator * reciprocal);
    // θ·d > 0, from the sign bits: θ is ±1, so θ·d has d's sign flipped for a put.
    vu put = (vu)x.sign & ~c->magnitude_mask;
    vd signed_d1 = (vd)((vu)d1 ^ put);
    vd signed_d2 = (vd)((vu)d2 ^ put);
    vd forward_part = blend(signed_d1 > 0.0, forward - forward_tail, forward_tail);
    vd strike_part = blend(signed_d2 > 0.0, x.strike_weight - strike_tail, strike_tail);
    return forward_part - strike_part;
}

INLINE RowLanes rows_at(const LegateScenarioRows *rows, ptrdiff_t index, ptrdiff_t end) {
    return index + LANES <= end ? row_lanes(rows, index) : partial_row_lanes(rows, index, end);
}

/// The vol terms of a run of scenarios: recomputed only when the shift changes from one scenario to the next.
typedef struct VolCursor {
    double shift;
    VolTerms terms;
} VolCursor;

INLINE VolTerms vol_terms_for(VolCursor *cursor, RowLanes x, double shift) {
    if (shift != cursor->shift) {
        cursor->shift = shift;
        cursor->terms = vol_terms(x, shift);
    }
    return cursor->terms;
}

/// Scenarios `j ..< j + SCENARIO_STEP` of one vector of rows into `values`.
INLINE void step_values(
    const Coefficients *c,
    RowLanes x,
    const LegateScenarioShocks *shocks,
    ptrdiff_t j,
    VolCursor *cursor,
    vd values[SCENARIO_STEP]
) {
    VolTerms terms[SCENARIO_STEP];
#pragma clang loop unroll(full)
    for (int k = 0; k < SCENARIO_STEP; k++) terms[k] = vol_terms_for(cursor, x, shocks->volShift[j + k]);
#pragma clang loop unroll(full)
    for (int k = 0; k < SCENARIO_STEP; k++) {
        values[k] = row_value(c, x, terms[k], shocks->logMultiplier[j + k], shocks->multiplier[j + k]);
    }
}

INLINE VolCursor start_cursor(RowLanes x, const LegateScenarioShocks *shocks) {
    return (VolCursor){.shift = shocks->volShift[0], .terms = vol_terms(x, shocks->volShift[0])};
}

/// Per scenario, the sum of rows `start..<end`, `SCENARIO_BLOCK` scenarios per pass over the rows.
INLINE void sums_loop(
    const LegateScenarioRows *rows,
    ptrdiff_t start,
    ptrdiff_t end,
    const LegateScenarioShocks *all,
    double *sums
) {
    const Coefficients *c = coefficients();
    for (ptrdiff_t first = 0; first < all->count; first += SCENARIO_BLOCK) {
        ptrdiff_t count = all->count - first < SCENARIO_BLOCK ? all->count - first : SCENARIO_BLOCK;
        LegateScenarioShocks block = {
            .logMultiplier = all->logMultiplier + first,
            .multiplier = all->multiplier + first,
            .volShift = all->volShift + first,
            .count = count,
        };
        vd total[SCENARIO_BLOCK];
        for (ptrdiff_t j = 0; j < count; j++) total[j] = (vd)(0.0);
        for (ptrdiff_t index = start; index < end; index += LANES) {
            RowLanes x = rows_at(rows, index, end);
            VolCursor cursor = start_cursor(x, &block);
            ptrdiff_t j = 0;
            for (; j + SCENARIO_STEP <= count; j += SCENARIO_STEP) {
                vd values[SCENARIO_STEP];
                step_values(c, x, &block, j, &cursor, values);
                for (int k = 0; k < SCENARIO_STEP; k++) total[j + k] += values[k];
            }
            for (; j < count; j++) {
                VolTerms terms = vol_terms_for(&cursor, x, block.volShift[j]);
                total[j] += row_value(c, x, terms, block.logMultiplier[j], block.multiplier[j]);
            }
        }
        for (ptrdiff_t j = 0; j < count; j++) {
            sums[first + j] = (total[j][0] + total[j][1]) + (total[j][2] + total[j][3]);
        }
    }
}

/// Writes one vector of values at `out`: all four lanes, or the first `present` of them at the end of the rows.
INLINE void store_rows(vd value, double *out, ptrdiff_t present) {
    if (present >= LANES) {
        store(value, out, 0);
        return;
    }
    double lanes[LANES];
    __builtin_memcpy(lanes, &value, sizeof value);
    for (ptrdiff_t lane = 0; lane < present; lane++) out[lane] = lanes[lane];
}

/// Every row's value in every scenario: row `r` of scenario `j` at `values[j·stride + r − start]`.
INLINE void values_loop(
    const LegateScenarioRows *rows,
    ptrdiff_t start,
    ptrdiff_t end,
    const LegateScenarioShocks *shocks,
    double *values,
    ptrdiff_t stride
) {
    const Coefficients *c = coefficients();
    for (ptrdiff_t index = start; index < end; index += LANES) {
        RowLanes x = rows_at(rows, index, end);
        VolCursor cursor = start_cursor(x, shocks);
        double *out = values + (index - start);
        ptrdiff_t j = 0;
        for (; j + SCENARIO_STEP <= shocks->count; j += SCENARIO_STEP) {
            vd step[SCENARIO_STEP];
            step_values(c, x, shocks, j, &cursor, step);
            for (int k = 0; k < SCENARIO_STEP; k++) store_rows(step[k], out + (j + k) * stride, end - index);
        }
        for (; j < shocks->count; j++) {
            VolTerms terms = vol_terms_for(&cursor, x, shocks->volShift[j]);
            vd value = row_value(c, x, terms, shocks->logMultiplier[j], shocks->multiplier[j]);
            store_rows(value, out + j * stride, end - index);
        }
    }
}

// MARK: - Column math for the caller's preparation

/// BatchMath.log of every value (positive, finite and normal), in place or not; the last vector padded with 1.
INLINE void log_loop(const double *x, double *result, ptrdiff_t count) {
    for (ptrdiff_t index = 0; index < count; index += LANES) {
        double lanes[LANES] = {1.0, 1.0, 1.0, 1.0};
        for (ptrdiff_t lane = 0; lane < LANES && index + lane < count; lane++) lanes[lane] = x[index + lane];
        vd e;
        vd f;
        log_reduce(load(lanes, 0), &e, &f);
        store_rows(log_finish(e, f), result + index, count - index);
    }
}

/// BatchMath.exp of every value, in place or not.
INLINE void exp_loop(const double *x, double *result, ptrdiff_t count) {
    for (ptrdiff_t index = 0; index < count; index += LANES) {
        double lanes[LANES] = {0.0, 0.0, 0.0, 0.0};
        for (ptrdiff_t lane = 0; lane < LANES && index + lane < count; lane++) lanes[lane] = x[index + lane];
        store_rows(exp_clamped(load(lanes, 0)), result + index, count - index);
    }
}

// MARK: - Builds and dispatch

#define DEFINE_SCENARIO_BUILD(suffix, attributes)                                                               \
    attributes static void scenario_sums_##suffix(                                                              \
        const LegateScenarioRows *rows,                                                                         \
        ptrdiff_t start,                                                                                        \
        ptrdiff_t end,                                                                                          \
        const LegateScenarioShocks *shocks,                                                                     \
        double *sums                                                                                            \
    ) {                                                                                                         \
        sums_loop(rows, start, end, shocks, sums);                                                              \
    }                                                                                                           \
    attributes static void scenario_values_##suffix(                                                            \
        const LegateScenarioRows *rows,                                                                         \
        ptrdiff_t start,                                                                                        \
        ptrdiff_t end,                                                                                          \
        const LegateScenarioShocks *shocks,                                                                     \
        double *values,                                                                                         \
        ptrdiff_t stride                                                                                        \
    ) {                                                                                                         \
        values_loop(rows, start, end, shocks, values, stride);                                                  \
    }                                                                                                           \
    attributes static void log_##suffix(const double *x, double *result, ptrdiff_t count) {                    \
        log_loop(x, result, count);                                                                             \
    }                                                                                                           \
    attributes static void exp_##suffix(const double *x, double *result, ptrdiff_t count) {                    \
        exp_loop(x, result, count);                                                                             \
    }

DEFINE_SCENARIO_BUILD(portable, __attribute__((noinline)))

#if defined(__x86_64__)
DEFINE_SCENARIO_BUILD(avx2, __attribute__((noinline, target("avx2,fma"))))
#endif

/// Whether a call has any work: rows in range, scenarios, and somewhere to write.
static int has_work(ptrdiff_t start, ptrdiff_t end, const LegateScenarioShocks *shocks, const double *output) {
    return start >= 0 && end > start && shocks->count > 0 && output != NULL;
}

void legate_kernel_scenario_sums(
    const LegateScenarioRows *rows,
    ptrdiff_t start,
    ptrdiff_t end,
    const LegateScenarioShocks *shocks,
    double *sums
) {
    if (sums != NULL && end <= start) {
        for (ptrdiff_t j = 0; j < shocks->count; j++) sums[j] = 0;
    }
    if (!has_work(start, end, shocks, sums)) return;
#if defined(__x86_64__)
    if (legate_kernel_variant() == LEGATE_KERNEL_VARIANT_AVX2) {
        scenario_sums_avx2(rows, start, end, shocks, sums);
        return;
    }
#endif
    scenario_sums_portable(rows, start, end, shocks, sums);
}

void legate_kernel_scenario_values(
    const LegateScenarioRows *rows,
    ptrdiff_t start,
    ptrdiff_t end,
    const LegateScenarioShocks *shocks,
    double *values,
    ptrdiff_t stride
) {
    if (!has_work(start, end, shocks, values)) return;
#if defined(__x86_64__)
    if (legate_kernel_variant() == LEGATE_KERNEL_VARIANT_AVX2) {
        scenario_values_avx2(rows, start, end, shocks, values, stride);
        return;
    }
#endif
    scenario_values_portable(rows, start, end, shocks, values, stride);
}

void legate_kernel_scenario_sums_portable(
    const LegateScenarioRows *rows,
    ptrdiff_t start,
    ptrdiff_t end,
    const LegateScenarioShocks *shocks,
    double *sums
) {
    if (sums != NULL && end <= start) {
        for (ptrdiff_t j = 0; j < shocks->count; j++) sums[j] = 0;
    }
    if (!has_work(start, end, shocks, sums)) return;
    scenario_sums_portable(rows, start, end, shocks, sums);
}

void legate_kernel_scenario_values_portable(
    const LegateScenarioRows *rows,
    ptrdiff_t start,
    ptrdiff_t end,
    const LegateScenarioShocks *shocks,
    double *values,
    ptrdiff_t stride
) {
    if (!has_work(start, end, shocks, values)) return;
    scenario_values_portable(rows, start, end, shocks, values, stride);
}

void legate_kernel_log(const double *x, double *result, ptrdiff_t count) {
    if (x == NULL || result == NULL || count <= 0) return;
#if defined(__x86_64__)
    if (legate_kernel_variant() == LEGATE_KERNEL_VARIANT_AVX2) {
        log_avx2(x, result, count);
        return;
    }
#endif
    log_portable(x, result, count);
}

void legate_kernel_exp(const double *x, double *result, ptrdiff_t count) {
    if (x == NULL || result == NULL || count <= 0) return;
#if defined(__x86_64__)
    if (legate_kernel_variant() == LEGATE_KERNEL_VARIANT_AVX2) {
        exp_avx2(x, result, count);
        return;
    }
#endif
    exp_portable(x, result, count);
}
