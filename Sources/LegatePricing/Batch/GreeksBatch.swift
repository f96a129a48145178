/// Prices and Greeks of an `OptionBatch`, column by column, filled in place by `OptionBatch.priceGreeks(into:)`.
///
/// The columns are allocated once (`init(count:)`) and overwritten on every pricing run, so a risk loop that
/// reprices the same book allocates nothing in steady state. Element `i` belongs to option `i` of the batch.
/// Units and conventions are those of `Greeks` (inverse options: coin, derivatives with respect to F).
public struct GreeksBatch: Sendable, Hashable {
    public private(set) var price: [Double]
    public private(set) var delta: [Double]
    public private(set) var gamma: [Double]
    public private(set) var vega: [Double]
    public private(set) var theta: [Double]
    public private(set) var rho: [Double]
    public private(set) var vanna: [Double]
    public private(set) var volga: [Double]
    public private(set) var charm: [Double]

    /// Creates zeroed columns for `count` options.
    public init(count: Int) {
        let zeros = [Double](repeating: 0, count: count)
        price = zeros
        delta = zeros
        gamma = zeros
        vega = zeros
        theta = zeros
        rho = zeros
        vanna = zeros
        volga = zeros
        charm = zeros
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
