internal import LegateCore
internal import LegateModel
internal import LegateRisk

extension RiskReport {
    /// Every model over the whole portfolio, each with the scenario (or, for standard margin, the position) that
    /// drives it.
    static func margin(_ inputs: RiskInputs) throws(RiskInputError) -> Margin {
        let positions = inputs.positions
        let standard = try standardMargin(positions, inputs)
        let portfolio = try portfolioMargin(positions, inputs)
        let span = try spanMargin(positions, inputs)
        let house = try houseMargin(positions, inputs)
        return Margin(
            standard: ModelMargin(
                model: inputs.modelFile.standardParameters.model,
                initial: standard.initial,
                maintenance: standard.maintenance,
                worstScenario: nil,
                largestPosition: try largestStandardPosition(inputs)
            ),
            portfolio: modelMargin(portfolio),
            span: ModelMargin(
                model: span.model,
                initial: span.totalUSD,
                maintenance: span.totalUSD,
                worstScenario: worstScenario(span, inputs.modelFile.spanParameters),
                largestPosition: nil
            ),
            house: modelMargin(house)
        )
    }

    private static func modelMargin(_ report: PortfolioMarginReport) -> ModelMargin {
        ModelMargin(
            model: report.model,
            initial: report.totalUSD.initial,
            maintenance: report.totalUSD.maintenance,
            worstScenario: worstScenario(report),
            largestPosition: nil
        )
    }

    /// The largest loss over every risk unit of a risk-matrix report, in USD.
    static func worstScenario(_ report: PortfolioMarginReport) -> WorstScenario? {
        var worst: WorstScenario?
        for unit in report.units {
            guard let scenario = unit.result.worstScenario else { continue }
            let loss = unit.result.worstCase * unit.usdPerUnit
            guard loss > (worst?.lossUSD ?? -1) else { continue }
            let point = report.grid.points[scenario]
            worst = WorstScenario(
                riskUnit: unit.unit.description,
                spotMove: report.grid.scenarios.spotMove(scenario: scenario, underlying: unit.slot),
                vol: point.vol.rawValue,
                extended: point.isExtended,
                lossUSD: loss
            )
        }
        return worst
    }

    /// The largest covered loss over every coin's SPAN risk array, in USD.
    static func worstScenario(_ report: SpanReport, _ parameters: SpanParameters) -> WorstScenario? {
        var worst: WorstScenario?
        for unit in report.units {
            guard let index = unit.worstScenario, parameters.scenarios.indices.contains(index),
                let range = parameters.underlyings[unit.coin]?.priceScanRange, unit.scanRisk > (worst?.lossUSD ?? -1)
            else { continue }
            let scenario = parameters.scenarios[index]
            worst = WorstScenario(
                riskUnit: RiskUnitKey(coin: unit.coin, numeraire: .usd).description,
                spotMove: scenario.priceScanMultiple * range,
                vol: scenario.volScanMultiple > 0 ? "up" : scenario.volScanMultiple < 0 ? "down" : "same",
                extended: scenario.coverage < 1,
                lossUSD: unit.scanRisk
            )
        }
        return worst
    }

    /// The position whose standard initial margin is the largest, in USD.
    static func largestStandardPosition(_ inputs: RiskInputs) throws(RiskInputError) -> LargestPosition? {
        var largest: LargestPosition?
        for (index, position) in inputs.positions.enumerated() where !position.quantity.isZero {
            let requirement: MarginRequirement
            do {
                requirement = try StandardMargin.requirement(
                    position,
                    market: inputs.portfolio.market,
                    parameters: inputs.modelFile.standardParameters
                )
            } catch {
                let path = "positions[\(index)]"
                throw RiskInputError(file: inputs.portfolioPath, path: path, problem: "standard margin: \(error)")
            }
            let usd = requirement.initial * inputs.usdPerUnit(of: position.key.instrument.settlement.currency)
            guard usd > (largest?.initialUSD ?? 0) else { continue }
            largest = LargestPosition(
                account: position.key.account.rawValue,
                instrument: inputs.portfolio.positions[index].symbol,
                initialUSD: usd
            )
        }
        return largest
    }

    /// Standard margin in USD: per position, summed per settlement currency, each converted at its index.
    static func standardMargin(
        _ positions: [LegateRisk.Position],
        _ inputs: RiskInputs
    ) throws(RiskInputError) -> MarginRequirement {
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

    /// The risk-matrix portfolio margin of `Models/risk/gate.json` (its file and mode).
    static func portfolioMargin(
        _ positions: [LegateRisk.Position],
        _ inputs: RiskInputs
    ) throws(RiskInputError) -> PortfolioMarginReport {
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

    static func spanMargin(
        _ positions: [LegateRisk.Position],
        _ inputs: RiskInputs
    ) throws(RiskInputError)
        -> SpanReport
    {
        do {
            return try SpanMargin.evaluate(
                positions,
                market: inputs.portfolio.market,
                parameters: inputs.modelFile.spanParameters
            )
        } catch {
            throw RiskInputError(file: inputs.portfolioPath, path: "positions", problem: "SPAN margin: \(error)")
        }
    }

    /// The house model: the positions as one cross-collateral portfolio on the house grid.
    static func houseMargin(
        _ positions: [LegateRisk.Position],
        _ inputs: RiskInputs
    ) throws(RiskInputError)
        -> PortfolioMarginReport
    {
        do {
            return try HouseMargin.evaluate(
                deskPositions: positions,
                market: inputs.portfolio.market,
                parameters: inputs.modelFile.houseParameters
            )
        } catch {
            throw RiskInputError(file: inputs.portfolioPath, path: "positions", problem: "house margin: \(error)")
        }
    }
}
