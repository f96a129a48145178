/// The scenario loop, a block of scenarios at a time: the kernel values every segment under the block's shocks,
/// expired rows add their intrinsic value, and the P&L is the value less the base.
extension ScenarioRevaluation {
    /// Sums every row's P&L in each block scenario into `results.groupUSD` and `results.groupCoin`.
    mutating func sumBlock(_ book: ScenarioBook) {
        let capacity = ScenarioBlock.capacity
        for slot in results.groupUSD.indices {
            results.groupUSD[slot] = 0
            results.groupCoin[slot] = 0
        }
        for segment in segments {
            let underlying = segment.underlying
            ScenarioKernel.sums(
                rows,
                segment.start..<segment.end,
                block: block,
                underlying: underlying,
                into: &results.sums
            )
            addExpiredValues(segment)
            for column in 0..<block.count {
                let multiplier = block.multiplier(underlying: underlying, column: column)
                let sum = results.sums[column]
                let slot = segment.group * capacity + column
                results.groupUSD[slot] += sum - segment.baseUSD
                results.groupCoin[slot] +=
                    Self.coinValue(sum, index: segment.index, multiplier: multiplier) - segment.baseCoin
            }
        }
        let deltaOnes = book.deltaOnes
        for row in 0..<deltaOnes.count {
            let underlying = Int(deltaOnes.underlying[row])
            let offset = Int(deltaOnes.group[row]) * capacity
            for column in 0..<block.count {
                let pnl = deltaOnePnL(row, multiplier: block.multiplier(underlying: underlying, column: column))
                results.groupCoin[offset + column] += pnl.coin
                results.groupUSD[offset + column] += pnl.usd
            }
        }
    }

    /// Adds the intrinsic value of the segment's expired rows to `results.sums`.
    private mutating func addExpiredValues(_ segment: OptionSegment) {
        for expired in expiredRows {
            let row = Int(expired)
            guard row >= segment.start, row < segment.end else { continue }
            for column in 0..<block.count {
                let multiplier = block.multiplier(underlying: segment.underlying, column: column)
                results.sums[column] += expiredValue(row, multiplier: multiplier)
            }
        }
    }

    /// The USD value of a row settled inside the time step: its intrinsic value on the shocked forward, undiscounted.
    private func expiredValue(_ row: Int, multiplier: Double) -> Double {
        let forward = factors.forward[row] * multiplier
        let strike = factors.strike[row]
        let intrinsic = factors.isCall[row] ? max(forward - strike, 0) : max(strike - forward, 0)
        return intrinsic * factors.usd[row]
    }

    /// Writes the block's group sums into `output`, whose column 0 is scenario `first`.
    func writeGroups(from first: Int, into output: inout ScenarioPnL) {
        for group in 0..<output.groupCount {
            for (column, scenario) in block.scenarios.enumerated() {
                let target = group * output.scenarioCount + scenario - first
                output.usd[target] = results.groupUSD[group * ScenarioBlock.capacity + column]
                output.coin[target] = results.groupCoin[group * ScenarioBlock.capacity + column]
            }
        }
    }

    /// Every option row's USD value in each block scenario into `results.values` (row `r` of scenario `j` at
    /// `j·rowCount + r`), expired rows at intrinsic.
    mutating func valueBlock() {
        let stride = rows.count
        for segment in segments {
            ScenarioKernel.values(
                rows,
                segment.start..<segment.end,
                block: block,
                underlying: segment.underlying,
                stride: stride,
                into: &results.values
            )
        }
        for expired in expiredRows {
            let row = Int(expired)
            let underlying = Int(factors.underlying[row])
            for column in 0..<block.count {
                let multiplier = block.multiplier(underlying: underlying, column: column)
                results.values[column * stride + row] = expiredValue(row, multiplier: multiplier)
            }
        }
    }

    /// Writes every position's P&L in each block scenario into `output`, whose column 0 is scenario `first`.
    func writePositions(_ book: ScenarioBook, from first: Int, into output: inout PositionScenarioPnL) {
        let stride = output.scenarioCount
        for (id, slot) in book.slots.enumerated() {
            switch slot {
            case .option(let optionRow):
                let row = Int(batchRow[optionRow])
                let underlying = Int(factors.underlying[row])
                let index = book.indexPrices[underlying]
                let base = factors.baseValue[row]
                let baseCoin = Self.coinValue(base, index: index, multiplier: 1)
                for (column, scenario) in block.scenarios.enumerated() {
                    let value = results.values[column * rows.count + row]
                    let multiplier = block.multiplier(underlying: underlying, column: column)
                    output.usd[id * stride + scenario - first] = value - base
                    output.coin[id * stride + scenario - first] =
                        Self.coinValue(value, index: index, multiplier: multiplier) - baseCoin
                }
            case .deltaOne(let row):
                let underlying = Int(book.deltaOnes.underlying[row])
                for (column, scenario) in block.scenarios.enumerated() {
                    let pnl = deltaOnePnL(row, multiplier: block.multiplier(underlying: underlying, column: column))
                    output.usd[id * stride + scenario - first] = pnl.usd
                    output.coin[id * stride + scenario - first] = pnl.coin
                }
            }
        }
    }

    @inline(__always)
    func deltaOnePnL(_ row: Int, multiplier: Double) -> (coin: Double, usd: Double) {
        let change = multiplier - 1
        return (deltaOneCoin[row] * change / multiplier, deltaOneUSD[row] * change)
    }
}
