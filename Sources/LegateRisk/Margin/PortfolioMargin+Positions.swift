import LegateCore
import OrderedCollections

/// One risk unit's margin, with the vector and exposures it was computed from.
public struct RiskUnitMargin: Sendable, Hashable {
    public let unit: RiskUnitKey
    /// The unit's slot in the report's grid.
    public let slot: Int
    public let result: PortfolioMarginResult
    /// The unit's P&L per grid scenario, in its numeraire, before the extended and offset adjustments.
    public let pnl: ScenarioVector
    public let exposure: RiskUnitExposure

    /// USD per unit of the numeraire: the index for coin units, 1 for USD units.
    public var usdPerUnit: Double { unit.numeraire == .coin ? exposure.index : 1 }
}

/// A portfolio margin over a set of positions: every risk unit's requirement and the total in USD.
public struct PortfolioMarginReport: Sendable, Hashable {
    public let model: String
    public let mode: PortfolioMarginMode
    public let marketVersion: MarketStateVersion
    public let grid: MarginGrid
    public let units: [RiskUnitMargin]

    /// The sum over units, each converted to USD at its index.
    public var totalUSD: MarginRequirement {
        var total = MarginRequirement.zero
        for unit in units { total.add(unit.result.requirement.scaled(by: unit.usdPerUnit)) }
        return total
    }

    /// The unit with this key, if the positions formed it.
    public func unit(_ key: RiskUnitKey) -> RiskUnitMargin? {
        units.first { $0.unit == key }
    }
}

extension PortfolioMargin {
    /// The portfolio margin of `positions` on `market`: the full (non-incremental) path, used for reports, the house
    /// model and to check the gate's incremental figures.
    ///
    /// Positions are split into risk units by `mode`, revalued together over the grid of `parameters` (one slot per
    /// coin), and each unit is margined on its own; units do not offset each other.
    ///
    /// - Throws: `MarginError` naming the missing parameters or market data.
    public static func evaluate(
        _ positions: [Position],
        market: MarketState,
        parameters: PortfolioMarginParameters,
        mode: PortfolioMarginMode
    ) throws(MarginError) -> PortfolioMarginReport {
        let open = positions.filter { !$0.quantity.isZero }
        let plan = try RiskUnitPlan(open, market: market, unit: mode.unit(of:))
        let coins = plan.coins.isEmpty ? Array(parameters.underlyings.keys.sorted().prefix(1)) : plan.coins
        let grid = try MarginGrid(parameters: parameters, coins: coins)
        guard !plan.coins.isEmpty else {
            return PortfolioMarginReport(
                model: parameters.model,
                mode: mode,
                marketVersion: market.version,
                grid: grid,
                units: []
            )
        }
        var revaluation = ScenarioRevaluation()
        var pnl = ScenarioPnL(groupCount: plan.book.groupCount, scenarioCount: grid.scenarios.count)
        do {
            try revaluation.revalue(plan.book, under: grid.scenarios, into: &pnl)
        } catch {
            throw .scenario(error)
        }
        var units: [RiskUnitMargin] = []
        for (key, group) in plan.units {
            let slot = plan.coins.firstIndex(of: key.coin) ?? 0
            let vector = pnl.vector(group: group, in: key.numeraire)
            let exposure = plan.exposures[group]
            let result = try evaluate(
                vector,
                grid: grid,
                slot: slot,
                numeraire: key.numeraire,
                exposure: exposure,
                mmFactor: parameters.mmFactor
            )
            units.append(RiskUnitMargin(unit: key, slot: slot, result: result, pnl: vector, exposure: exposure))
        }
        return PortfolioMarginReport(
            model: parameters.model,
            mode: mode,
            marketVersion: market.version,
            grid: grid,
            units: units
        )
    }
}

/// The house model: one portfolio margin across every venue account of a desk, cross-collateral in USD, on the
/// house grid (`Models/margin/house.json`), for desk limits.
///
/// Venue accounts each carry their venue's model; the house view ignores venue boundaries, so a long option on one
/// venue offsets a short on another as it would in one account.
public enum HouseMargin {
    /// The house requirement of a desk's positions (all its accounts, all venues).
    ///
    /// - Throws: as `PortfolioMargin.evaluate(_:market:parameters:mode:)`.
    public static func evaluate(
        deskPositions: [Position],
        market: MarketState,
        parameters: PortfolioMarginParameters
    ) throws(MarginError) -> PortfolioMarginReport {
        try PortfolioMargin.evaluate(deskPositions, market: market, parameters: parameters, mode: .crossCollateral)
    }
}
