// The batch closed-form pricer in C, so that x86-64 can run an AVX2 + FMA build of it chosen at run time.
//
// Swift compiles a function for one instruction set only, so LegatePricing's Swift SIMD kernel runs on baseline
// x86-64 (SSE2) everywhere. This target evaluates the same mathematics (ClosedFormKernel.swift and BatchMath.swift:
// same coefficients, same range reductions, same formulas, same order of operations, no contraction into fused
// multiply-adds) over struct-of-arrays columns, in a portable build and, on x86-64, an AVX2 build selected once per
// call from the CPU's features. Every build returns the bits the Swift scalar path returns.
//
// The scenario kernel (`legate_kernel_scenario_…`, ScenarioKernel.c) is LegateRisk's full revaluation: Black-76 values
// of many options under many spot and vol shocks, from per-option constants computed once. Its builds return the same
// bits as each other; it agrees with the scalar pricers to rounding, not bit for bit.

#ifndef C_LEGATE_PRICING_KERNEL_H
#define C_LEGATE_PRICING_KERNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#pragma clang assume_nonnull begin

/// Black–Scholes–Merton on spot with a carry yield (`PricingModel.blackScholes`).
#define LEGATE_KERNEL_BLACK_SCHOLES 0
/// Black-76 on a forward (`PricingModel.black76`).
#define LEGATE_KERNEL_BLACK76 1
/// Coin-settled inverse option (`PricingModel.inverse`).
#define LEGATE_KERNEL_INVERSE 2

/// The portable build: SSE2 on x86-64, NEON on arm64.
#define LEGATE_KERNEL_VARIANT_PORTABLE 0
/// The AVX2 build (x86-64 with AVX2 and FMA only).
#define LEGATE_KERNEL_VARIANT_AVX2 1

/// Read-only input columns, `count` options; the pointers may be null only when `count` is 0.
typedef struct LegateOptionColumns {
    const double *_Nullable underlying;
    const double *_Nullable strike;
    const double *_Nullable expiryYears;
    const double *_Nullable rate;
    /// The carry yield for Black–Scholes; ignored by the models on a forward.
    const double *_Nullable dividend;
    const double *_Nullable vol;
    const bool *_Nullable isCall;
    ptrdiff_t count;
} LegateOptionColumns;

/// Output columns, each with room for the batch's `count` values; they must not overlap the inputs or each other.
typedef struct LegateGreekColumns {
    double *_Nullable price;
    double *_Nullable delta;
    double *_Nullable gamma;
    double *_Nullable vega;
    double *_Nullable theta;
    double *_Nullable rho;
    double *_Nullable vanna;
    double *_Nullable volga;
    double *_Nullable charm;
} LegateGreekColumns;

/// Price and eight Greeks of every option, on the fastest build this CPU runs.
void legate_kernel_greeks(int32_t model, const LegateOptionColumns *input, const LegateGreekColumns *output);

/// Prices only, rounded exactly as the price column of `legate_kernel_greeks`.
void legate_kernel_prices(int32_t model, const LegateOptionColumns *input, double *_Nullable prices);

/// `legate_kernel_greeks` on the portable build whatever the CPU, for tests.
void legate_kernel_greeks_portable(
    int32_t model,
    const LegateOptionColumns *input,
    const LegateGreekColumns *output
);

/// `legate_kernel_prices` on the portable build whatever the CPU, for tests.
void legate_kernel_prices_portable(int32_t model, const LegateOptionColumns *input, double *_Nullable prices);

/// The build `legate_kernel_greeks` and `legate_kernel_prices` run on this CPU: a `LEGATE_KERNEL_VARIANT_…` value.
int32_t legate_kernel_variant(void);

/// Per option row, the constants of its value under a scenario (`legate_kernel_scenario_sums`): Black-76 with the
/// forward F moved by a factor and the vol σ shifted. Columns of `count` rows; null only when `count` is 0.
typedef struct LegateScenarioRows {
    /// ln(F/K).
    const double *_Nullable logMoneyness;
    /// √T, T the time left to expiry.
    const double *_Nullable sqrtExpiry;
    const double *_Nullable vol;
    /// A vol shift x gives σ' = max(volFloor, σ + x·volUp) when x > 0 and max(volFloor, σ + x·volDown) otherwise.
    const double *_Nullable volUp;
    const double *_Nullable volDown;
    const double *_Nullable volFloor;
    /// θ·w·D·F and θ·w·D·K: θ = +1 for a call and −1 for a put, w the row's weight (its quantity in the value's
    /// unit), D the discount factor. The row's value is w times its Black-76 price: m·forwardWeight·N(θd1) −
    /// strikeWeight·N(θd2), m the scenario's forward multiplier.
    const double *_Nullable forwardWeight;
    const double *_Nullable strikeWeight;
    /// θ: +1 for a call, −1 for a put.
    const double *_Nullable sign;
    ptrdiff_t count;
} LegateScenarioRows;

/// Per scenario, the shock to one underlying's rows: F' = F·multiplier (logMultiplier = ln multiplier, which the
/// caller computes once), and the vol shift. `count` scenarios; consecutive scenarios with equal shifts share σ'√T.
typedef struct LegateScenarioShocks {
    const double *_Nullable logMultiplier;
    const double *_Nullable multiplier;
    const double *_Nullable volShift;
    ptrdiff_t count;
} LegateScenarioShocks;

/// For every scenario `j`, `sums[j]` = Σ over rows `start..<end` of the row's value; on the fastest build.
///
/// The bits of `sums[j]` depend only on the rows and scenario `j`, not on the other scenarios of the call.
void legate_kernel_scenario_sums(
    const LegateScenarioRows *rows,
    ptrdiff_t start,
    ptrdiff_t end,
    const LegateScenarioShocks *shocks,
    double *_Nullable sums
);

/// Every row's value in every scenario: row `r` of scenario `j` at `values[j·stride + (r − start)]`.
void legate_kernel_scenario_values(
    const LegateScenarioRows *rows,
    ptrdiff_t start,
    ptrdiff_t end,
    const LegateScenarioShocks *shocks,
    double *_Nullable values,
    ptrdiff_t stride
);

/// `legate_kernel_scenario_sums` on the portable build whatever the CPU, for tests.
void legate_kernel_scenario_sums_portable(
    const LegateScenarioRows *rows,
    ptrdiff_t start,
    ptrdiff_t end,
    const LegateScenarioShocks *shocks,
    double *_Nullable sums
);

/// `legate_kernel_scenario_values` on the portable build whatever the CPU, for tests.
void legate_kernel_scenario_values_portable(
    const LegateScenarioRows *rows,
    ptrdiff_t start,
    ptrdiff_t end,
    const LegateScenarioShocks *shocks,
    double *_Nullable values,
    ptrdiff_t stride
);

/// `result[i]` = ln `x[i]` for `count` values, positive, finite and normal (BatchMath.log; `result` may be `x`).
void legate_kernel_log(const double *_Nullable x, double *_Nullable result, ptrdiff_t count);

/// `result[i]` = e^`x[i]` for `count` values (BatchMath.exp: the argument clamped to [−709.1, 710]; `result` may be
/// `x`).
void legate_kernel_exp(const double *_Nullable x, double *_Nullable result, ptrdiff_t count);

#pragma clang assume_nonnull end

#endif
