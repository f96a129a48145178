import LegateCore
import LegateModel
import OrderedCollections

/// One underlying coin's SPAN-like requirement and its parts, in USD.
public struct SpanUnitResult: Sendable, Hashable {
    public let coin: String
    /// The unit's P&L per SPAN scenario in USD (SPAN's risk array with gains positive), before coverage.
    public let riskArray: ScenarioVector
    /// The largest covered loss over the scenarios (≥ 0), and its scenario.
    public let scanRisk: Double
    public let worstScenario: Int?
    public let interMonthSpreadCharge: Double
    public let shortOptionMinimum: Double
    /// max(scan risk + spread charge, short option minimum).
    public let requirement: Double
}

/// A SPAN-like requirement over a set of positions: per underlying coin, and the total, in USD.
public struct SpanReport: Sendable, Hashable {
    public let model: String
    public let marketVersion: MarketStateVersion
    public let units: [SpanUnitResult]

    public var totalUSD: Double { units.reduce(0) { $0 + $1.requirement } }
}

/// A SPAN-like margin (risk-methodology §3): each coin's positions revalued over the 16 risk-array scenarios
/// (price moves in thirds of the price scan range with vol up and down, and two extreme moves covered only in
/// part), plus an inter-month spread charge on delta spread across expiries, floored by a short option minimum.
///
/// Simplifications, against CME SPAN: no composite-delta tiers (spreads are formed from the positions' deltas per
/// expiry directly), no inter-commodity credits, and the requirement is counted against equity that already
/// includes option values (so there is no separate net option value term).
public enum SpanMargin {
    /// The scenario set of `parameters` for the coins `coins` (one slot each): absolute vol shifts.
    ///
    /// - Throws: `MarginError.missingUnderlying`, `.scenario`.
    public static func scenarios(_ parameters: SpanParameters, coins: [String]) throws(MarginError) -> ScenarioSet {
        try parameters.validate()
        guard !coins.isEmpty else { throw .invalidTable(field: "coins", reason: "no underlying") }
        var slots: [SpanUnderlyingParameters] = []
        for coin in coins { slots.append(try parameters.parameters(for: coin)) }
        do {
            var set = try ScenarioSet(underlyingCount: coins.count, volShock: .absolute, volFloor: parameters.volFloor)
            for scenario in parameters.scenarios {
                try set.append(
                    spotMoves: slots.map { scenario.priceScanMultiple * $0.priceScanRange },
                    volShifts: slots.map { scenario.volScanMultiple * $0.volScanRange },
                    timeStepYears: 0
                )
            }
            return set
        } catch {
            throw .scenario(error)
        }
    }

    /// One coin's requirement from its risk array.
    ///
    /// - Parameters:
    ///   - riskArray: P&L per scenario in USD, in the order of `parameters.scenarios`.
    ///   - coin: The coin code, for the report.
    ///   - exposure: Index and deltas per expiry of the coin's positions.
    ///   - shortOptionCoins: Short option notional in coins.
    ///   - parameters: The model.
    /// - Throws: `MarginError.shapeMismatch`, `.missingUnderlying`.
    public static func requirement(
        riskArray: ScenarioVector,
        coin: String,
        exposure: RiskUnitExposure,
        shortOptionCoins: Double,
        parameters: SpanParameters
    ) throws(MarginError) -> SpanUnitResult {
        guard riskArray.count == parameters.scenarios.count else {
            throw .shapeMismatch("risk array of \(riskArray.count) against \(parameters.scenarios.count) scenarios")
        }
        let coinParameters = try parameters.parameters(for: coin)
        var scan = 0.0
        var worstScenario: Int?
        for (index, scenario) in parameters.scenarios.enumerated() where -riskArray[index] * scenario.coverage > scan {
            scan = -riskArray[index] * scenario.coverage
            worstScenario = index
        }
        var longs = 0.0
        var shorts = 0.0
        for entry in exposure.deltaByExpiry {
            let coins = entry.usd / exposure.index
            if coins > 0 { longs += coins } else { shorts -= coins }
        }
        let spread = min(longs, shorts) * coinParameters.interMonthSpreadRate * exposure.index
        let minimum = shortOptionCoins * coinParameters.shortOptionMinimumRate * exposure.index
        return SpanUnitResult(
            coin: coin,
            riskArray: riskArray,
            scanRisk: scan,
            worstScenario: worstScenario,
            interMonthSpreadCharge: spread,
            shortOptionMinimum: minimum,
            requirement: max(scan + spread, minimum)
        )
    }

    /// The SPAN-like requirement of `positions` on `market`, one unit per underlying coin.
    ///
    /// - Throws: `MarginError` naming the missing parameters or market data.
    public static func evaluate(
        _ positions: [Position],
        market: MarketState,
        parameters: SpanParameters
    ) throws(MarginError) -> SpanReport {
        let open = positions.filter { !$0.quantity.isZero }
        guard !open.isEmpty else {
            return SpanReport(model: parameters.model, marketVersion: market.version, units: [])
        }
        let plan = try RiskUnitPlan(open, market: market) {
            RiskUnitKey(coin: $0.key.instrument.underlying.base.code, numeraire: .usd)
        }
        let set = try scenarios(parameters, coins: plan.coins)
        var revaluation = ScenarioRevaluation()
        var pnl = ScenarioPnL(groupCount: plan.book.groupCount, scenarioCount: set.count)
        do {
            try revaluation.revalue(plan.book, under: set, into: &pnl)
        } catch {
            throw .scenario(error)
        }
        var units: [SpanUnitResult] = []
        for (key, group) in plan.units {
            units.append(
                try requirement(
                    riskArray: pnl.vector(group: group, in: .usd),
                    coin: key.coin,
                    exposure: plan.exposures[group],
                    shortOptionCoins: plan.shortOptionCoins[group],
                    parameters: parameters
                )
            )
        }
        return SpanReport(model: parameters.model, marketVersion: market.version, units: units)
    }
}
