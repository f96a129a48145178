internal import LegateCore
internal import LegateModel
internal import LegateRisk

extension RiskReport {
    /// Computes the report with the library's own models: the gate's measures for VaR/ES and limits, the full
    /// (non-incremental) portfolio margin and standard margin for the margin section.
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
            accounts: try accounts(inputs),
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

    static func standardMargin(
        _ positions: [LegateRisk.Position],
        _ inputs: RiskInputs
    ) throws(RiskInputError)
        -> MarginRequirement
    {
        do {
            let byCurrency = try StandardMargin.requirements(
                positions,
                market: inputs.portfolio.market,
                parameters: inputs.modelFile.standardParameters
            )
            var total = MarginRequirement.zero
            for (currency, requirement) in byCurrency {
                total.add(requirement.scaled(by: inputs.usdPerUnit(of: currency)))
            }
            return total
        } catch {
            throw RiskInputError(file: inputs.portfolioPath, path: "positions", problem: "standard margin: \(error)")
        }
    }

    static func portfolioMargin(
        _ positions: [LegateRisk.Position],
        _ inputs: RiskInputs
    ) throws(RiskInputError)
        -> PortfolioMarginReport
    {
        do {
            return try PortfolioMargin.evaluate(
                positions,
                market: inputs.portfolio.market,
                parameters: inputs.modelFile.portfolioParameters,
                mode: inputs.modelFile.portfolioMode
            )
        } catch {
            throw RiskInputError(file: inputs.portfolioPath, path: "positions", problem: "portfolio margin: \(error)")
        }
    }

    static func margin(_ inputs: RiskInputs) throws(RiskInputError) -> Margin {
        let standard = try standardMargin(inputs.positions, inputs)
        let portfolio = try portfolioMargin(inputs.positions, inputs)
        var worst: WorstScenario?
        for unit in portfolio.units {
            guard let scenario = unit.result.worstScenario else { continue }
            let loss = unit.result.worstCase * unit.usdPerUnit
            guard loss > (worst?.lossUSD ?? -1) else { continue }
            let point = portfolio.grid.points[scenario]
            worst = WorstScenario(
                riskUnit: unit.unit.description,
                spotMove: portfolio.grid.scenarios.spotMove(scenario: scenario, underlying: unit.slot),
                vol: point.vol.rawValue + (point.isExtended ? " (extended)" : ""),
                lossUSD: loss
            )
        }
        return Margin(
            standardInitial: standard.initial,
            standardMaintenance: standard.maintenance,
            portfolioModel: portfolio.model,
            portfolioInitial: portfolio.totalUSD.initial,
            portfolioMaintenance: portfolio.totalUSD.maintenance,
            worstScenario: worst
        )
    }

    /// Per account: equity from the limits file, standard and portfolio margin of its own positions.
    static func accounts(_ inputs: RiskInputs) throws(RiskInputError) -> [AccountRow] {
        var rows: [AccountRow] = []
        let all = inputs.positions
        for entry in inputs.limits.accounts {
            let own = all.filter { $0.key.account == entry.account }
            let standard = try standardMargin(own, inputs)
            let portfolio = try portfolioMargin(own, inputs).totalUSD
            let equity = entry.equity.doubleValue
            rows.append(
                AccountRow(
                    account: entry.account.rawValue,
                    desk: entry.desk?.rawValue,
                    equity: equity,
                    standardInitial: standard.initial,
                    portfolioInitial: portfolio.initial,
                    portfolioMaintenance: portfolio.maintenance,
                    initialUtilisation: equity > 0 ? portfolio.initial / equity : nil,
                    maintenanceUtilisation: equity > 0 ? portfolio.maintenance / equity : nil
                )
            )
        }
        return rows
    }
}
