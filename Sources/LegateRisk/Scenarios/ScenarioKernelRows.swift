import CLegatePricingKernel

/// Per option row in batch order, the constants the scenario kernel reads (`LegateScenarioRows`), stored column after
/// column in one array so that one pointer reaches them all.
struct ScenarioKernelRows: Sendable {
    enum Column: Int, CaseIterable {
        case logMoneyness, sqrtExpiry, vol, volUp, volDown, volFloor, forwardWeight, strikeWeight, sign
    }

    private(set) var count = 0
    private var storage: [Double] = []

    /// Makes room for `count` rows, reallocating only when the count changes.
    mutating func resize(to count: Int) {
        self.count = count
        let size = Column.allCases.count * count
        if storage.count != size { storage = [Double](repeating: 0, count: size) }
    }

    /// Runs `body` with direct access to the columns (no uniqueness check per write), valid only inside `body`.
    mutating func withColumns<R>(_ body: (Columns) -> R) -> R {
        let count = count
        return storage.withUnsafeMutableBufferPointer { body(Columns(storage: $0, count: count)) }
    }

    /// The columns during `withColumns`.
    struct Columns {
        let storage: UnsafeMutableBufferPointer<Double>
        let count: Int

        subscript(column: Column, row: Int) -> Double {
            get { storage[column.rawValue * count + row] }
            nonmutating set { storage[column.rawValue * count + row] = newValue }
        }

        /// Replaces every value of `column` by its logarithm (the values must be positive, finite and normal).
        func formLog(_ column: Column) {
            let start = storage.baseAddress.map { $0 + column.rawValue * count }
            legate_kernel_log(start, start, count)
        }

        /// Replaces every value of `column` by its exponential.
        func formExp(_ column: Column) {
            let start = storage.baseAddress.map { $0 + column.rawValue * count }
            legate_kernel_exp(start, start, count)
        }
    }

    /// Runs `body` with the kernel's view of the columns, valid only inside `body`.
    func withKernelRows<R>(_ body: (UnsafePointer<LegateScenarioRows>) -> R) -> R {
        let count = count
        return storage.withUnsafeBufferPointer { buffer in
            func column(_ column: Column) -> UnsafePointer<Double>? {
                buffer.baseAddress.map { $0 + column.rawValue * count }
            }
            let rows = LegateScenarioRows(
                logMoneyness: column(.logMoneyness),
                sqrtExpiry: column(.sqrtExpiry),
                vol: column(.vol),
                volUp: column(.volUp),
                volDown: column(.volDown),
                volFloor: column(.volFloor),
                forwardWeight: column(.forwardWeight),
                strikeWeight: column(.strikeWeight),
                sign: column(.sign),
                count: count
            )
            return withUnsafePointer(to: rows) { body($0) }
        }
    }
}

/// The kernel's two entry points over Swift arrays.
enum ScenarioKernel {
    /// `sums[j]` = Σ over `rows` of each row's value in block scenario `j`, for the block's shocks to `underlying`.
    static func sums(
        _ kernelRows: ScenarioKernelRows,
        _ rows: Range<Int>,
        block: ScenarioBlock,
        underlying: Int,
        into sums: inout [Double]
    ) {
        precondition(sums.count >= block.count, "scenario sums buffer too short")
        kernelRows.withKernelRows { kernel in
            block.withShocks(underlying: underlying) { shocks in
                sums.withUnsafeMutableBufferPointer { sums in
                    legate_kernel_scenario_sums(kernel, rows.lowerBound, rows.upperBound, shocks, sums.baseAddress)
                }
            }
        }
    }

    /// Each row's value in each block scenario: row `r` of scenario `j` at `values[j·stride + r]`.
    static func values(
        _ kernelRows: ScenarioKernelRows,
        _ rows: Range<Int>,
        block: ScenarioBlock,
        underlying: Int,
        stride: Int,
        into values: inout [Double]
    ) {
        precondition(
            rows.isEmpty || values.count >= (block.count - 1) * stride + rows.upperBound,
            "scenario values buffer too short"
        )
        kernelRows.withKernelRows { kernel in
            block.withShocks(underlying: underlying) { shocks in
                values.withUnsafeMutableBufferPointer { values in
                    legate_kernel_scenario_values(
                        kernel,
                        rows.lowerBound,
                        rows.upperBound,
                        shocks,
                        values.baseAddress.map { $0 + rows.lowerBound },
                        stride
                    )
                }
            }
        }
    }
}
