// The batch closed-form kernel: a line-by-line transcription of ClosedFormKernel.swift and BatchMath.swift.
//
// Why C: Swift cannot compile one function for AVX2 and choose it at run time, and a Swift build for AVX2 would
// not run on baseline x86-64. Here the kernel is written once with Clang's vector extensions and compiled twice on
// x86-64 (the portable build, SSE2, and an AVX2 build taken when the CPU has AVX2 and FMA); other architectures
// (arm64: NEON) compile the portable build only.
//
// Bit-for-bit agreement with the Swift kernel rests on three things, all kept here:
// 1. the same constants (copied digit for digit; both compilers round literals correctly), the same formulas and
//    the same order of operations (Swift and C both evaluate `a * b * c` as `(a * b) * c`), down to Swift's
//    negation of a vector, which is `0 - x` (see `negate`);
// 2. no contraction of `a * b + c` into a fused multiply-add (the pragma below), since Swift never contracts; AVX2
//    changes only how many lanes one instruction processes, not how any lane rounds;
// 3. no libm: exp, log and the normal CDF are BatchMath's polynomials, √ is the correctly rounded instruction.
// Contraction was measured and rejected: the AVX2 build gets about 15% faster, but its results move by an ulp or
// so, which the cancellations in an out-of-the-money price, theta, charm or d1 near zero magnify: on 300,000
// random options, 2.4% of prices then differed from the scalar path by more than 1e-13 relative (worst 2e-11).
//
// The one liberty taken is scheduling: the loops compute the head of phase 1 (the square root and the divisions,
// see `Divisions`) one vector ahead, which changes when each instruction is issued but not what it computes.
//
// Keep this file in step with ClosedFormKernel.swift and BatchMath.swift; BatchKernelDispatchTests compares the two
// bit for bit on a large random grid.

#include "CLegatePricingKernel.h"
#include "KernelMath.h"

// MARK: - ClosedFormKernel

/// OptionLanes.
typedef struct Lanes {
    vd underlying;
    vd strike;
    vd expiry_years;
    vd rate;
    vd dividend;
    vd vol;
    /// +1 for a call, −1 for a put.
    vd sign;
} Lanes;

/// PreparedLanes.
typedef struct Prepared {
    vd d1;
    vd d2;
    vd gaussian1;
    vd gaussian2;
    vd inverse_s;
    vd inverse_underlying;
    vd sqrt_t;
    vd discount;
    vd growth;
} Prepared;

/// GreekLanes.
typedef struct GreekLanes {
    vd price;
    vd delta;
    vd gamma;
    vd vega;
    vd theta;
    vd rho;
    vd vanna;
    vd volga;
    vd charm;
} GreekLanes;

/// The head of phase 1: the square root and the three divisions it needs.
///
/// These are the slowest instructions of the kernel and they start its longest dependency chain, so the loops
/// compute them one vector ahead: while the core waits for them, it works on the previous vector. The operations are
/// ClosedFormKernel.prepare's own (and the first half of BatchMath.log), only issued earlier.
typedef struct Divisions {
    vd sqrt_t;
    /// σ√T.
    vd s;
    /// 1/(S·σ√T).
    vd reciprocal;
    /// S/K.
    vd ratio;
    /// BatchMath.log(S/K) reduced: exponent and f (see `log_reduce`).
    vd log_e;
    vd log_f;
} Divisions;

INLINE Divisions divisions(Lanes x) {
    Divisions q;
    q.sqrt_t = __builtin_elementwise_sqrt(x.expiry_years);
    q.s = x.vol * q.sqrt_t;
    q.reciprocal = 1.0 / (x.underlying * q.s);
    q.ratio = x.underlying / x.strike;
    log_reduce(q.ratio, &q.log_e, &q.log_f);
    return q;
}

/// ClosedFormKernel.prepare (phase 1), given its head. `model` is a constant at every call site, so its branches
/// fold away.
INLINE Prepared prepare(int32_t model, Lanes x, Divisions q) {
    vd t = x.expiry_years;
    vd sqrt_t = q.sqrt_t;
    vd s = q.s;
    vd reciprocal = q.reciprocal;
    vd inverse_s = x.underlying * reciprocal;
    vd discount = exp_clamped(negate(x.rate * t));
    vd carry = model == LEGATE_KERNEL_BLACK_SCHOLES ? x.rate - x.dividend : (vd)(0.0);
    vd growth = model == LEGATE_KERNEL_BLACK_SCHOLES ? exp_clamped(carry * t) : (vd)(1.0);
    vd ratio = q.ratio;
    vd d1 = (log_finish(q.log_e, q.log_f) + carry * t) * inverse_s + 0.5 * s;
    vd d2 = d1 - s;
    vd gaussian1 = half_gaussian(clamped_magnitude(d1));
    return (Prepared){
        .d1 = d1,
        .d2 = d2,
        .gaussian1 = gaussian1,
        .gaussian2 = gaussian1 * (ratio * growth),
        .inverse_s = inverse_s,
        .inverse_underlying = s * reciprocal,
        .sqrt_t = sqrt_t,
        .discount = discount,
        .growth = growth,
    };
}

/// ClosedFormKernel.cumulative with BatchMath.lowerTails (phase 2): N(θ·d1) and N(θ·d2).
INLINE void cumulative(Prepared p, vd sign, vd *cdf1, vd *cdf2) {
    vd t1 = clamped_magnitude(p.d1);
    vd t2 = clamped_magnitude(p.d2);
    Ratio r1 = mills_ratio(t1);
    Ratio r2 = mills_ratio(t2);
    vd reciprocal = 1.0 / (r1.denominator * r2.denominator);
    vd tail1 = p.gaussian1 * r1.numerator * (r2.denominator * reciprocal);
    vd tail2 = p.gaussian2 * r2.numerator * (r1.denominator * reciprocal);
    *cdf1 = normal_cdf(sign * p.d1, tail1);
    *cdf2 = normal_cdf(sign * p.d2, tail2);
}

/// ClosedFormKernel.assemble: AssemblyContext, then forwardGreeks or inverseGreeks (phase 3).
INLINE GreekLanes assemble(int32_t model, Lanes x, Prepared p, vd cdf1, vd cdf2) {
    // AssemblyContext.
    vd sqrt_t = p.sqrt_t;
    vd inverse_vol = sqrt_t * p.inverse_s;
    vd inverse_sqrt_t = x.vol * p.inverse_s;
    int is_spot = model == LEGATE_KERNEL_BLACK_SCHOLES;
    vd carry = is_spot ? x.rate - x.dividend : (vd)(0.0);
    vd dividend = is_spot ? x.dividend : x.rate;
    vd carry_discount = p.discount * p.growth;
    vd pdf1 = p.gaussian1 * INVERSE_SQRT_TWO_PI;

    GreekLanes g;
    if (model != LEGATE_KERNEL_INVERSE) {
        // forwardGreeks.
        vd underlying_pv = x.underlying * carry_discount;
        vd strike_pv = x.strike * p.discount;
        vd price = x.sign * (underlying_pv * cdf1 - strike_pv * cdf2);
        vd carry_density = carry_discount * pdf1;
        vd vega = underlying_pv * pdf1 * sqrt_t;
        vd decay = -0.5 * underlying_pv * pdf1 * x.vol * inverse_sqrt_t;
        vd carry_theta = x.sign * (dividend * underlying_pv * cdf1 - x.rate * strike_pv * cdf2);
        vd rho = is_spot ? x.sign * x.expiry_years * strike_pv * cdf2 : negate(x.expiry_years * price);
        vd charm_drift = carry * p.inverse_s - 0.5 * p.d2 * (inverse_sqrt_t * inverse_sqrt_t);
        vd delta = x.sign * carry_discount * cdf1;
        g.price = price;
        g.delta = delta;
        g.gamma = carry_density * p.inverse_s * p.inverse_underlying;
        g.vega = vega;
        g.theta = decay + carry_theta;
        g.rho = rho;
        g.vanna = negate(carry_density * p.d2 * inverse_vol);
        g.volga = vega * p.d1 * p.d2 * inverse_vol;
        g.charm = dividend * delta - carry_density * charm_drift;
    } else {
        // inverseGreeks.
        vd inverse_forward = p.inverse_underlying;
        vd strike_over_forward = x.strike * inverse_forward;
        vd price = p.discount * (x.sign * (cdf1 - strike_over_forward * cdf2));
        vd delta = x.sign * p.discount * strike_over_forward * cdf2 * inverse_forward;
        vd density = p.discount * pdf1;
        vd vega = density * sqrt_t;
        vd gamma = density * p.inverse_s * inverse_forward * inverse_forward - 2.0 * delta * inverse_forward;
        g.price = price;
        g.delta = delta;
        g.gamma = gamma;
        g.vega = vega;
        g.theta = x.rate * price - 0.5 * density * x.vol * inverse_sqrt_t;
        g.rho = negate(x.expiry_years * price);
        g.vanna = negate(density * p.d1 * inverse_vol * inverse_forward);
        g.volga = vega * p.d1 * p.d2 * inverse_vol;
        g.charm = x.rate * delta + 0.5 * density * p.d1 * (inverse_sqrt_t * inverse_sqrt_t) * inverse_forward;
    }
    return g;
}

/// ClosedFormKernel.greeks: the three phases in sequence, the head of phase 1 given.
INLINE GreekLanes greeks(int32_t model, Lanes x, Divisions q) {
    Prepared p = prepare(model, x, q);
    vd cdf1;
    vd cdf2;
    cumulative(p, x.sign, &cdf1, &cdf2);
    return assemble(model, x, p, cdf1, cdf2);
}

/// ClosedFormKernel.price with assemblePrice: the price alone, rounded as `greeks(…).price`.
INLINE vd price_only(int32_t model, Lanes x, Divisions q) {
    Prepared p = prepare(model, x, q);
    vd cdf1;
    vd cdf2;
    cumulative(p, x.sign, &cdf1, &cdf2);
    if (model != LEGATE_KERNEL_INVERSE) {
        vd carry_discount = p.discount * p.growth;
        return x.sign * (x.underlying * carry_discount * cdf1 - x.strike * p.discount * cdf2);
    }
    vd strike_over_forward = x.strike * p.inverse_underlying;
    return p.discount * (x.sign * (cdf1 - strike_over_forward * cdf2));
}

// MARK: - Loops over the columns

INLINE vd signs(const bool *is_call, ptrdiff_t index) {
    vb bytes;
    __builtin_memcpy(&bytes, is_call + index, sizeof bytes);
    vd b = __builtin_convertvector(bytes, vd);
    return (b + b) - 1.0;
}

/// The `LANES` options from `index`, all present.
INLINE Lanes options(const LegateOptionColumns *input, ptrdiff_t index) {
    return (Lanes){
        .underlying = load(input->underlying, index),
        .strike = load(input->strike, index),
        .expiry_years = load(input->expiryYears, index),
        .rate = load(input->rate, index),
        .dividend = load(input->dividend, index),
        .vol = load(input->vol, index),
        .sign = signs(input->isCall, index),
    };
}

/// The options from `index` up to row `end` (fewer than `LANES`), padded with a valid dummy option whose lanes are
/// discarded (the Swift batch loop's padding: S = K = T = 1, r = q = 0, σ = 0.2, a call).
INLINE Lanes partial_options(const LegateOptionColumns *input, ptrdiff_t index, ptrdiff_t end) {
    double underlying[LANES];
    double strike[LANES];
    double expiry_years[LANES];
    double rate[LANES];
    double dividend[LANES];
    double vol[LANES];
    bool is_call[LANES];
    for (int lane = 0; lane < LANES; lane++) {
        ptrdiff_t row = index + lane;
        int present = row < end;
        underlying[lane] = present ? input->underlying[row] : 1.0;
        strike[lane] = present ? input->strike[row] : 1.0;
        expiry_years[lane] = present ? input->expiryYears[row] : 1.0;
        rate[lane] = present ? input->rate[row] : 0.0;
        dividend[lane] = present ? input->dividend[row] : 0.0;
        vol[lane] = present ? input->vol[row] : 0.2;
        is_call[lane] = present ? input->isCall[row] : true;
    }
    return (Lanes){
        .underlying = load(underlying, 0),
        .strike = load(strike, 0),
        .expiry_years = load(expiry_years, 0),
        .rate = load(rate, 0),
        .dividend = load(dividend, 0),
        .vol = load(vol, 0),
        .sign = signs(is_call, 0),
    };
}

/// Writes one vector of results at row `index`.
INLINE void store_greeks(GreekLanes g, const LegateGreekColumns *output, ptrdiff_t index) {
    store(g.price, output->price, index);
    store(g.delta, output->delta, index);
    store(g.gamma, output->gamma, index);
    store(g.vega, output->vega, index);
    store(g.theta, output->theta, index);
    store(g.rho, output->rho, index);
    store(g.vanna, output->vanna, index);
    store(g.volga, output->volga, index);
    store(g.charm, output->charm, index);
}

/// Rows `from` to `end` (the few after the last full vector) through padded partial vectors, stored row by row.
INLINE void greeks_rows(
    int32_t model,
    const LegateOptionColumns *input,
    const LegateGreekColumns *output,
    ptrdiff_t from,
    ptrdiff_t end
) {
    for (ptrdiff_t start = from; start < end; start += LANES) {
        Lanes x = partial_options(input, start, end);
        GreekLanes g = greeks(model, x, divisions(x));
        double lanes[9][LANES];
        __builtin_memcpy(lanes[0], &g.price, sizeof g.price);
        __builtin_memcpy(lanes[1], &g.delta, sizeof g.delta);
        __builtin_memcpy(lanes[2], &g.gamma, sizeof g.gamma);
        __builtin_memcpy(lanes[3], &g.vega, sizeof g.vega);
        __builtin_memcpy(lanes[4], &g.theta, sizeof g.theta);
        __builtin_memcpy(lanes[5], &g.rho, sizeof g.rho);
        __builtin_memcpy(lanes[6], &g.vanna, sizeof g.vanna);
        __builtin_memcpy(lanes[7], &g.volga, sizeof g.volga);
        __builtin_memcpy(lanes[8], &g.charm, sizeof g.charm);
        for (ptrdiff_t row = start; row < end && row < start + LANES; row++) {
            ptrdiff_t lane = row - start;
            output->price[row] = lanes[0][lane];
            output->delta[row] = lanes[1][lane];
            output->gamma[row] = lanes[2][lane];
            output->vega[row] = lanes[3][lane];
            output->theta[row] = lanes[4][lane];
            output->rho[row] = lanes[5][lane];
            output->vanna[row] = lanes[6][lane];
            output->volga[row] = lanes[7][lane];
            output->charm[row] = lanes[8][lane];
        }
    }
}

/// Every row of the batch: full vectors with the divisions one vector ahead, then the rows left over.
INLINE void greeks_loop(int32_t model, const LegateOptionColumns *input, const LegateGreekColumns *output) {
    ptrdiff_t count = input->count;
    ptrdiff_t index = 0;
    if (count >= 2 * LANES) {
        Divisions next = divisions(options(input, 0));
        for (; index + 2 * LANES <= count; index += LANES) {
            Divisions current = next;
            next = divisions(options(input, index + LANES));
            store_greeks(greeks(model, options(input, index), current), output, index);
        }
    }
    for (; index + LANES <= count; index += LANES) {
        Lanes x = options(input, index);
        store_greeks(greeks(model, x, divisions(x)), output, index);
    }
    greeks_rows(model, input, output, index, count);
}

/// Every price of the batch, in the order of `greeks_loop`.
INLINE void prices_loop(int32_t model, const LegateOptionColumns *input, double *prices) {
    ptrdiff_t count = input->count;
    ptrdiff_t index = 0;
    if (count >= 2 * LANES) {
        Divisions next = divisions(options(input, 0));
        for (; index + 2 * LANES <= count; index += LANES) {
            Divisions current = next;
            next = divisions(options(input, index + LANES));
            store(price_only(model, options(input, index), current), prices, index);
        }
    }
    for (; index + LANES <= count; index += LANES) {
        Lanes x = options(input, index);
        store(price_only(model, x, divisions(x)), prices, index);
    }
    for (ptrdiff_t start = index; start < count; start += LANES) {
        double lanes[LANES];
        Lanes x = partial_options(input, start, count);
        vd price = price_only(model, x, divisions(x));
        __builtin_memcpy(lanes, &price, sizeof price);
        for (ptrdiff_t row = start; row < count && row < start + LANES; row++) {
            prices[row] = lanes[row - start];
        }
    }
}

// MARK: - Builds and dispatch

/// One build of both loops, every model a constant in its own copy. An unknown model writes nothing.
#define DEFINE_BUILD(suffix, attributes)                                                                        \
    attributes static void greeks_##suffix(                                                                     \
        int32_t model,                                                                                          \
        const LegateOptionColumns *input,                                                                       \
        const LegateGreekColumns *output                                                                        \
    ) {                                                                                                         \
        switch (model) {                                                                                        \
        case LEGATE_KERNEL_BLACK_SCHOLES: greeks_loop(LEGATE_KERNEL_BLACK_SCHOLES, input, output); break;       \
        case LEGATE_KERNEL_BLACK76: greeks_loop(LEGATE_KERNEL_BLACK76, input, output); break;                   \
        case LEGATE_KERNEL_INVERSE: greeks_loop(LEGATE_KERNEL_INVERSE, input, output); break;                   \
        default: break;                                                                                         \
        }                                                                                                       \
    }                                                                                                           \
    attributes static void prices_##suffix(int32_t model, const LegateOptionColumns *input, double *prices) {  \
        switch (model) {                                                                                        \
        case LEGATE_KERNEL_BLACK_SCHOLES: prices_loop(LEGATE_KERNEL_BLACK_SCHOLES, input, prices); break;       \
        case LEGATE_KERNEL_BLACK76: prices_loop(LEGATE_KERNEL_BLACK76, input, prices); break;                   \
        case LEGATE_KERNEL_INVERSE: prices_loop(LEGATE_KERNEL_INVERSE, input, prices); break;                   \
        default: break;                                                                                         \
        }                                                                                                       \
    }

DEFINE_BUILD(portable, __attribute__((noinline)))

#if defined(__x86_64__)
// The same source compiled for AVX2: one ymm register per `vd`. FMA is enabled as an instruction set but never
// used for arithmetic (contraction is off above), so the results are the portable build's bits.
DEFINE_BUILD(avx2, __attribute__((noinline, target("avx2,fma"))))

/// Whether the AVX2 build may run: the CPU has AVX2 and FMA and the OS saves ymm state (the builtins check both).
static int has_avx2(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}
#else
static int has_avx2(void) { return 0; }
#endif

int32_t legate_kernel_variant(void) {
    return has_avx2() ? LEGATE_KERNEL_VARIANT_AVX2 : LEGATE_KERNEL_VARIANT_PORTABLE;
}

void legate_kernel_greeks(int32_t model, const LegateOptionColumns *input, const LegateGreekColumns *output) {
    if (input->count <= 0) return;
#if defined(__x86_64__)
    if (has_avx2()) {
        greeks_avx2(model, input, output);
        return;
    }
#endif
    greeks_portable(model, input, output);
}

void legate_kernel_prices(int32_t model, const LegateOptionColumns *input, double *prices) {
    if (input->count <= 0 || prices == NULL) return;
#if defined(__x86_64__)
    if (has_avx2()) {
        prices_avx2(model, input, prices);
        return;
    }
#endif
    prices_portable(model, input, prices);
}

void legate_kernel_greeks_portable(
    int32_t model,
    const LegateOptionColumns *input,
    const LegateGreekColumns *output
) {
    if (input->count <= 0) return;
    greeks_portable(model, input, output);
}

void legate_kernel_prices_portable(int32_t model, const LegateOptionColumns *input, double *prices) {
    if (input->count <= 0 || prices == NULL) return;
    prices_portable(model, input, prices);
}
