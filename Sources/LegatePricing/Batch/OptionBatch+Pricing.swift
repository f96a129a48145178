/// The batch pricer: the throughput entry point for risk runs and for `legate bench pricing`.
extension OptionBatch {
    /// Prices every option of the batch and writes price and all Greeks into `output`, in place.
    ///
    /// This is the fast path: the closed-form kernel runs on `SIMD4<Double>` lanes with vectorizable `exp`,
    /// `log` and normal CDF, four options per step, and allocates nothing when `output` already has `count`
    /// elements (it is resized otherwise). Results equal, bit for bit, what the scalar APIs (`BlackScholes`,
    /// `Black76`, `InverseOption.greeks`) return for the same option.
    ///
    /// Inputs are not validated, for speed: call `validate()` once after filling the batch. An invalid option
    /// gives NaN or meaningless numbers in its own row and does not affect the others.
    ///
    /// - Parameter output: Receives one row per option; its previous contents are overwritten.
    /// - Precondition: `hasEqualColumns`.
    public func priceGreeks(into output: inout GreeksBatch) {
        precondition(hasEqualColumns, "OptionBatch columns must all have the same length")
        output.resize(to: count)
        guard count > 0 else { return }
        let model = model
        withUnsafeColumns { input in
            output.withUnsafeColumns { out in
                // Literal models let the optimizer fold every model branch out of each copy of the loop.
                switch model {
                case .blackScholes: BatchLoop.greeks(BatchLoop.Lanes.self, .blackScholes, input, out)
                case .black76: BatchLoop.greeks(BatchLoop.Lanes.self, .black76, input, out)
                case .inverse: BatchLoop.greeks(BatchLoop.Lanes.self, .inverse, input, out)
                }
            }
        }
    }

    /// Prices every option of the batch and writes the premiums into `prices`, in place.
    ///
    /// Cheaper than `priceGreeks(into:)` when only values are needed (mark-to-model, scenario P&L); same kernel,
    /// same roundings as `priceGreeks(into:)`'s price column.
    ///
    /// - Parameter prices: Receives one premium per option; resized to `count` if needed.
    /// - Precondition: `hasEqualColumns`.
    public func price(into prices: inout [Double]) {
        precondition(hasEqualColumns, "OptionBatch columns must all have the same length")
        if prices.count != count {
            prices = [Double](repeating: 0, count: count)
        }
        guard count > 0 else { return }
        let model = model
        withUnsafeColumns { input in
            prices.withUnsafeMutableBufferPointer { out in
                switch model {
                case .blackScholes: BatchLoop.prices(BatchLoop.Lanes.self, .blackScholes, input, out)
                case .black76: BatchLoop.prices(BatchLoop.Lanes.self, .black76, input, out)
                case .inverse: BatchLoop.prices(BatchLoop.Lanes.self, .inverse, input, out)
                }
            }
        }
    }

    /// Runs `body` with read-only views of the seven input columns.
    func withUnsafeColumns<R>(_ body: (OptionColumns) -> R) -> R {
        underlying.withUnsafeBufferPointer { underlying in
            strike.withUnsafeBufferPointer { strike in
                expiryYears.withUnsafeBufferPointer { expiryYears in
                    rate.withUnsafeBufferPointer { rate in
                        dividend.withUnsafeBufferPointer { dividend in
                            vol.withUnsafeBufferPointer { vol in
                                isCall.withUnsafeBufferPointer { isCall in
                                    body(
                                        OptionColumns(
                                            underlying: UnsafeRawBufferPointer(underlying),
                                            strike: UnsafeRawBufferPointer(strike),
                                            expiryYears: UnsafeRawBufferPointer(expiryYears),
                                            rate: UnsafeRawBufferPointer(rate),
                                            dividend: UnsafeRawBufferPointer(dividend),
                                            vol: UnsafeRawBufferPointer(vol),
                                            isCall: isCall
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

/// Read-only views of the input columns, valid only inside `OptionBatch.withUnsafeColumns`.
struct OptionColumns {
    var underlying: UnsafeRawBufferPointer
    var strike: UnsafeRawBufferPointer
    var expiryYears: UnsafeRawBufferPointer
    var rate: UnsafeRawBufferPointer
    var dividend: UnsafeRawBufferPointer
    var vol: UnsafeRawBufferPointer
    var isCall: UnsafeBufferPointer<Bool>

    var count: Int { isCall.count }
}

/// The loops that feed the kernel `V.scalarCount` options at a time; the last partial vector is padded with a
/// valid dummy option whose lanes are discarded.
enum BatchLoop {
    /// Lane width of the batch path: two SSE2 or NEON registers per value. Measured on baseline x86-64, four
    /// lanes beat two (more independent work per step to hide latency) and eight (which spills registers
    /// heavily); splitting the kernel into phases over blocks of options was slower still.
    typealias Lanes = SIMD4<Double>

    /// Values for the padding lanes of the last partial vector: any valid option, discarded after.
    private static let padding = (underlying: 1.0, strike: 1.0, expiryYears: 1.0, rate: 0.0, vol: 0.2)

    @inline(__always)
    private static func load<V: SIMD>(_ column: UnsafeRawBufferPointer, _ index: Int) -> V where V.Scalar == Double {
        column.loadUnaligned(fromByteOffset: index &* MemoryLayout<Double>.stride, as: V.self)
    }

    @inline(__always)
    private static func store<V: SIMD>(
        _ value: V,
        _ column: UnsafeMutableBufferPointer<Double>,
        _ index: Int
    ) where V.Scalar == Double {
        UnsafeMutableRawBufferPointer(column).storeBytes(
            of: value,
            toByteOffset: index &* MemoryLayout<Double>.stride,
            as: V.self
        )
    }

    @inline(__always)
    private static func signs<V: SIMD>(_ input: OptionColumns, _ index: Int) -> V where V.Scalar == Double {
        var sign = V()
        for lane in 0..<V.scalarCount {
            sign[lane] = input.isCall[index &+ lane] ? 1 : -1
        }
        return sign
    }

    /// The `V.scalarCount` options from `index`, all present.
    @inline(__always)
    private static func options<V: SIMD>(_ input: OptionColumns, _ index: Int) -> OptionLanes<V>
    where V.Scalar == Double {
        OptionLanes(
            underlying: load(input.underlying, index),
            strike: load(input.strike, index),
            expiryYears: load(input.expiryYears, index),
            rate: load(input.rate, index),
            dividend: load(input.dividend, index),
            vol: load(input.vol, index),
            sign: signs(input, index)
        )
    }

    /// The options from `index` to the end (fewer than `V.scalarCount`), padded with a valid dummy option.
    private static func partialOptions<V: SIMD>(_ input: OptionColumns, _ index: Int) -> OptionLanes<V>
    where V.Scalar == Double {
        var x = OptionLanes(
            underlying: V(repeating: padding.underlying),
            strike: V(repeating: padding.strike),
            expiryYears: V(repeating: padding.expiryYears),
            rate: V(repeating: padding.rate),
            dividend: V(repeating: padding.rate),
            vol: V(repeating: padding.vol),
            sign: V(repeating: 1)
        )
        let doubles = MemoryLayout<Double>.stride
        for lane in 0..<(input.count - index) {
            let offset = (index + lane) * doubles
            x.underlying[lane] = input.underlying.load(fromByteOffset: offset, as: Double.self)
            x.strike[lane] = input.strike.load(fromByteOffset: offset, as: Double.self)
            x.expiryYears[lane] = input.expiryYears.load(fromByteOffset: offset, as: Double.self)
            x.rate[lane] = input.rate.load(fromByteOffset: offset, as: Double.self)
            x.dividend[lane] = input.dividend.load(fromByteOffset: offset, as: Double.self)
            x.vol[lane] = input.vol.load(fromByteOffset: offset, as: Double.self)
            x.sign[lane] = input.isCall[index + lane] ? 1 : -1
        }
        return x
    }

    @inline(__always)
    static func greeks<V: SIMD>(
        _: V.Type,
        _ model: PricingModel,
        _ input: OptionColumns,
        _ out: GreekColumns
    ) where V.Scalar == Double {
        let count = input.count
        let width = V.scalarCount
        let vectorEnd = count - count % width
        for index in stride(from: 0, to: vectorEnd, by: width) {
            let g = ClosedFormKernel.greeks(model, options(input, index) as OptionLanes<V>)
            store(g.price, out.price, index)
            store(g.delta, out.delta, index)
            store(g.gamma, out.gamma, index)
            store(g.vega, out.vega, index)
            store(g.theta, out.theta, index)
            store(g.rho, out.rho, index)
            store(g.vanna, out.vanna, index)
            store(g.volga, out.volga, index)
            store(g.charm, out.charm, index)
        }
        if vectorEnd < count {
            let g = ClosedFormKernel.greeks(model, partialOptions(input, vectorEnd) as OptionLanes<V>)
            for lane in 0..<(count - vectorEnd) {
                let i = vectorEnd + lane
                out.price[i] = g.price[lane]
                out.delta[i] = g.delta[lane]
                out.gamma[i] = g.gamma[lane]
                out.vega[i] = g.vega[lane]
                out.theta[i] = g.theta[lane]
                out.rho[i] = g.rho[lane]
                out.vanna[i] = g.vanna[lane]
                out.volga[i] = g.volga[lane]
                out.charm[i] = g.charm[lane]
            }
        }
    }

    @inline(__always)
    static func prices<V: SIMD>(
        _: V.Type,
        _ model: PricingModel,
        _ input: OptionColumns,
        _ out: UnsafeMutableBufferPointer<Double>
    ) where V.Scalar == Double {
        let count = input.count
        let width = V.scalarCount
        let vectorEnd = count - count % width
        for index in stride(from: 0, to: vectorEnd, by: width) {
            store(ClosedFormKernel.price(model, options(input, index) as OptionLanes<V>), out, index)
        }
        if vectorEnd < count {
            let price = ClosedFormKernel.price(model, partialOptions(input, vectorEnd) as OptionLanes<V>)
            for lane in 0..<(count - vectorEnd) {
                out[vectorEnd + lane] = price[lane]
            }
        }
    }
}
