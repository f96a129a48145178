import CLegatePricingKernel

/// The batch pricer: the throughput entry point for risk runs and for `legate bench pricing`.
///
/// The batch runs in the C target `CLegatePricingKernel`, on every platform: a transcription of `ClosedFormKernel`
/// and `BatchMath` (same coefficients, same formulas, same order of operations, no fused multiply-adds) that x86-64
/// compiles twice, for baseline SSE2 and for AVX2, choosing at run time. Swift cannot do that (a Swift function is
/// compiled for one instruction set, and an AVX2 build would not start on older CPUs), and AVX2 about halves the
/// time per option. The scalar APIs keep the Swift kernel; the two agree bit for bit, which
/// `BatchKernelDispatchTests` checks on a large random grid for each build of the C kernel.
extension OptionBatch {
    /// Prices every option of the batch and writes price and all Greeks into `output`, in place.
    ///
    /// This is the fast path: four options per vector step with vectorizable `exp`, `log` and normal CDF, on AVX2
    /// when the CPU has it (with FMA) and on SSE2 or NEON otherwise. It allocates nothing when `output` already has
    /// `count` elements (it is resized otherwise). Results equal, bit for bit, what the scalar APIs
    /// (`BlackScholes`, `Black76`, `InverseOption.greeks`) return for the same option, on either build.
    ///
    /// Inputs are not validated, for speed: call `validate()` once after filling the batch. An invalid option
    /// gives NaN or meaningless numbers in its own row and does not affect the others.
    ///
    /// - Parameter output: Receives one row per option; its previous contents are overwritten.
    /// - Precondition: `hasEqualColumns`.
    public func priceGreeks(into output: inout GreeksBatch) {
        priceGreeks(into: &output, build: .fastest)
    }

    /// Prices every option of the batch and writes the premiums into `prices`, in place.
    ///
    /// Cheaper than `priceGreeks(into:)` when only values are needed (mark-to-model, scenario P&L); same kernel,
    /// same roundings as `priceGreeks(into:)`'s price column.
    ///
    /// - Parameter prices: Receives one premium per option; resized to `count` if needed.
    /// - Precondition: `hasEqualColumns`.
    public func price(into prices: inout [Double]) {
        price(into: &prices, build: .fastest)
    }

    /// `priceGreeks(into:)` on a chosen build of the C kernel; tests use `.portable` to check the baseline build on
    /// a CPU that would otherwise run the AVX2 one.
    func priceGreeks(into output: inout GreeksBatch, build: BatchKernelBuild) {
        precondition(hasEqualColumns, "OptionBatch columns must all have the same length")
        output.resize(to: count)
        guard count > 0 else { return }
        let model = model.kernelCode
        withKernelColumns { input in
            output.withUnsafeColumns { columns in
                var input = input
                var output = LegateGreekColumns(
                    price: columns.price.baseAddress,
                    delta: columns.delta.baseAddress,
                    gamma: columns.gamma.baseAddress,
                    vega: columns.vega.baseAddress,
                    theta: columns.theta.baseAddress,
                    rho: columns.rho.baseAddress,
                    vanna: columns.vanna.baseAddress,
                    volga: columns.volga.baseAddress,
                    charm: columns.charm.baseAddress
                )
                switch build {
                case .fastest: legate_kernel_greeks(model, &input, &output)
                case .portable: legate_kernel_greeks_portable(model, &input, &output)
                }
            }
        }
    }

    /// `price(into:)` on a chosen build of the C kernel.
    func price(into prices: inout [Double], build: BatchKernelBuild) {
        precondition(hasEqualColumns, "OptionBatch columns must all have the same length")
        if prices.count != count {
            prices = [Double](repeating: 0, count: count)
        }
        guard count > 0 else { return }
        let model = model.kernelCode
        withKernelColumns { input in
            prices.withUnsafeMutableBufferPointer { prices in
                var input = input
                switch build {
                case .fastest: legate_kernel_prices(model, &input, prices.baseAddress)
                case .portable: legate_kernel_prices_portable(model, &input, prices.baseAddress)
                }
            }
        }
    }

    /// Runs `body` with the C kernel's view of the seven input columns, valid only inside `body`.
    func withKernelColumns<R>(_ body: (LegateOptionColumns) -> R) -> R {
        underlying.withUnsafeBufferPointer { underlying in
            strike.withUnsafeBufferPointer { strike in
                expiryYears.withUnsafeBufferPointer { expiryYears in
                    rate.withUnsafeBufferPointer { rate in
                        dividend.withUnsafeBufferPointer { dividend in
                            vol.withUnsafeBufferPointer { vol in
                                isCall.withUnsafeBufferPointer { isCall in
                                    body(
                                        LegateOptionColumns(
                                            underlying: underlying.baseAddress,
                                            strike: strike.baseAddress,
                                            expiryYears: expiryYears.baseAddress,
                                            rate: rate.baseAddress,
                                            dividend: dividend.baseAddress,
                                            vol: vol.baseAddress,
                                            isCall: isCall.baseAddress,
                                            count: isCall.count
                                        )
                                    )
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Which build of the C batch kernel to run.
enum BatchKernelBuild: Sendable, CaseIterable {
    /// AVX2 on an x86-64 CPU with AVX2 and FMA, the portable build otherwise.
    case fastest
    /// The portable build (SSE2 on x86-64, NEON on arm64) whatever the CPU.
    case portable

    /// The build `.fastest` runs on this machine: `"avx2"` or `"portable"`.
    static var selected: String {
        legate_kernel_variant() == LEGATE_KERNEL_VARIANT_AVX2 ? "avx2" : "portable"
    }
}

extension PricingModel {
    /// The model's code in the C kernel's interface.
    var kernelCode: Int32 {
        switch self {
        case .blackScholes: LEGATE_KERNEL_BLACK_SCHOLES
        case .black76: LEGATE_KERNEL_BLACK76
        case .inverse: LEGATE_KERNEL_INVERSE
        }
    }
}
