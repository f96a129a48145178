// The batch closed-form pricer in C, so that x86-64 can run an AVX2 + FMA build of it chosen at run time.
//
// Swift compiles a function for one instruction set only, so LegatePricing's Swift SIMD kernel runs on baseline
// x86-64 (SSE2) everywhere. This target evaluates the same mathematics (ClosedFormKernel.swift and BatchMath.swift:
// same coefficients, same range reductions, same formulas, same order of operations, no contraction into fused
// multiply-adds) over struct-of-arrays columns, in a portable build and, on x86-64, an AVX2 build selected once per
// call from the CPU's features. Every build returns the bits the Swift scalar path returns.

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

#pragma clang assume_nonnull end

#endif
