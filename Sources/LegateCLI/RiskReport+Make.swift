internal import LegateCore
internal import LegateModel
internal import LegateRisk

extension RiskReport {
    /// Computes the report with the library's own models: the gate's measures for VaR/ES and limits, the full
    /// (non-incremental) margin models for the margin section and the cross-margin views.
    static func make(_ inputs: RiskInputs) throws(RiskInputError) -> RiskReport {
        var builder = RiskExposureBuilder(inputs)
        let firm = try inputs.measures(of: try builder.exposure { _ in true })
        let tailSet = inputs.model.tail
        let tailRisk = inputs.model.tail.tailRisk(of: try builder.exposure { _ in true }.tail)
        return RiskReport(
            valuationTime: inputs.portfolio.market.asOf.rawValue,
            positions: inputs.portfolio.positions.count,
            greeks: try greeks(inputs),
            margin: try margin(inputs),
            crossMargin: try crossMargin(inputs),
            tail: Tail(
                valueAtRisk: firm.valueAtRisk,
                expectedShortfall: firm.expectedShortfall,
                varConfidence: tailRisk.varConfidence,
                esConfidence: tailRisk.esConfidence,
                scenarios: tailSet.count
            ),
            limits: try builder.limitRows(),
            whatIf: nil
        )
    }

    /// Greeks per underlying and expiry bucket, then the underlying's total, in limit units.
    static func greeks(_ inputs: RiskInputs) throws(RiskInputError) -> [GreekRow] {
        let labels = inputs.model.bucketLabels
        var totals: [String: [GreekTotals]] = [:]
        var order: [String] = []
        for (index, position) in inputs.positions.enumerated() where !position.quantity.isZero {
            let risk: PositionRisk
            do {
                risk = try PositionRisk(position, market: inputs.portfolio.market)
            } catch {
                let path = "positions[\(index)].instrument"
                throw RiskInputError(file: inputs.portfolioPath, path: path, problem: "\(error)")
            }
            let coin = position.key.instrument.underlying.base.code
            if totals[coin] == nil {
                totals[coin] = Array(repeating: .zero, count: labels.count + 1)
                order.append(coin)
            }
            totals[coin]?[inputs.model.buckets.bucket(days: risk.expiryYears * 365.25)].add(risk.usd)
            totals[coin]?[labels.count].add(risk.usd)
        }
        var rows: [GreekRow] = []
        for coin in order {
            for (bucket, greeks) in (totals[coin] ?? []).enumerated() where greeks != .zero || bucket == labels.count {
                rows.append(
                    GreekRow(
                        underlying: coin,
                        bucket: bucket < labels.count ? labels[bucket] : "total",
                        delta: greeks.delta,
                        gamma: greeks.gamma / 100,
                        vega: greeks.vega / 100,
                        theta: greeks.theta / 365,
                        notional: greeks.notional
                    )
                )
            }
        }
        return rows
    }
}
