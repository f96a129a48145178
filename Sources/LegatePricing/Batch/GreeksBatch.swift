/// Prices and Greeks of an `OptionBatch`, column by column, filled in place by `OptionBatch.priceGreeks(into:)`.
///
/// The columns are allocated once (`init(count:)`) and overwritten on every pricing run, so a risk loop that
/// reprices the same book allocates nothing in steady state. Element `i` belongs to option `i` of the batch.
/// Units and conventions are those of `Greeks` (inverse options: coin, derivatives with respect to F).
public struct GreeksBatch: Sendable, Hashable {
    /// Present values (see `Greeks.price`).
    public private(set) var price: [Double]
    /// ∂V/∂S (see `Greeks.delta`).
    public private(set) var delta: [Double]
    /// ∂²V/∂S² (see `Greeks.gamma`).
    public private(set) var gamma: [Double]
    /// ∂V/∂σ per 1.00 of vol (see `Greeks.vega`).
    public private(set) var vega: [Double]
    /// −∂V/∂T per year (see `Greeks.theta`).
    public private(set) var theta: [Double]
    /// ∂V/∂r per 1.00 of rate (see `Greeks.rho`).
    public private(set) var rho: [Double]
    /// ∂²V/∂S∂σ (see `Greeks.vanna`).
    public private(set) var vanna: [Double]
    /// ∂²V/∂σ² (see `Greeks.volga`).
    public private(set) var volga: [Double]
    /// −∂Δ/∂T per year (see `Greeks.charm`).
    public private(set) var charm: [Double]

    /// Creates zeroed columns for `count` options.
    ///
    /// Each column gets its own storage now, rather than sharing one buffer that the first pricing run would
    /// have to copy on write.
    public init(count: Int) {
        price = [Double](repeating: 0, count: count)
        delta = [Double](repeating: 0, count: count)
        gamma = [Double](repeating: 0, count: count)
        vega = [Double](repeating: 0, count: count)
        theta = [Double](repeating: 0, count: count)
        rho = [Double](repeating: 0, count: count)
        vanna = [Double](repeating: 0, count: count)
        volga = [Double](repeating: 0, count: count)
        charm = [Double](repeating: 0, count: count)
    }

    /// The number of options the columns hold.
    public var count: Int { price.count }

    /// The Greeks of option `index`.
    public subscript(index: Int) -> Greeks {
        Greeks(
            price: price[index],
            delta: delta[index],
            gamma: gamma[index],
            vega: vega[index],
            theta: theta[index],
            rho: rho[index],
            vanna: vanna[index],
            volga: volga[index],
            charm: charm[index]
        )
    }

    /// Makes every column `count` long, reallocating only when the count changes.
    mutating func resize(to count: Int) {
        guard count != self.count else { return }
        self = GreeksBatch(count: count)
    }

    /// Runs `body` with mutable pointers to all nine columns.
    mutating func withUnsafeColumns<R>(_ body: (GreekColumns) -> R) -> R {
        price.withUnsafeMutableBufferPointer { price in
            delta.withUnsafeMutableBufferPointer { delta in
                gamma.withUnsafeMutableBufferPointer { gamma in
                    vega.withUnsafeMutableBufferPointer { vega in
                        theta.withUnsafeMutableBufferPointer { theta in
                            rho.withUnsafeMutableBufferPointer { rho in
                                vanna.withUnsafeMutableBufferPointer { vanna in
                                    volga.withUnsafeMutableBufferPointer { volga in
                                        charm.withUnsafeMutableBufferPointer { charm in
                                            body(
                                                GreekColumns(
                                                    price: price,
                                                    delta: delta,
                                                    gamma: gamma,
                                                    vega: vega,
                                                    theta: theta,
                                                    rho: rho,
                                                    vanna: vanna,
                                                    volga: volga,
                                                    charm: charm
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
    }
}

/// Mutable views of the nine output columns, valid only inside `GreeksBatch.withUnsafeColumns`.
struct GreekColumns {
    var price: UnsafeMutableBufferPointer<Double>
    var delta: UnsafeMutableBufferPointer<Double>
    var gamma: UnsafeMutableBufferPointer<Double>
    var vega: UnsafeMutableBufferPointer<Double>
    var theta: UnsafeMutableBufferPointer<Double>
    var rho: UnsafeMutableBufferPointer<Double>
    var vanna: UnsafeMutableBufferPointer<Double>
    var volga: UnsafeMutableBufferPointer<Double>
    var charm: UnsafeMutableBufferPointer<Double>
}
