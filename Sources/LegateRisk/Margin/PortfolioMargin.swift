import RealModule

/// What a risk unit's portfolio margin needs besides its scenario vector: the index and the delta per expiry.
///
/// The deltas are `ExpiryDelta`s of the unit's positions (from `BookRisk` or summed from `PositionRisk`); the
/// requirement reads the figure in the unit's numeraire. The gate keeps them per unit and adds an order's legs'
/// deltas as it adds their vectors.
public struct RiskUnitExposure: Sendable, Hashable {
    /// The unit's index in USD.
    public var index: Double
    /// Delta per expiry (nil: perpetuals and spot).
    public var deltaByExpiry: [ExpiryDelta]

    public init(index: Double, deltaByExpiry: [ExpiryDelta]) {
        self.index = index
        self.deltaByExpiry = deltaByExpiry
    }

    /// Total delta in `numeraire`.
    public func totalDelta(in numeraire: Numeraire) -> Double {
        deltaByExpiry.reduce(0) { $0 + (numeraire == .coin ? $1.coin : $1.usd) }
    }
}

/// One risk unit's portfolio margin and how it was made up, in the unit's numeraire.
public struct PortfolioMarginResult: Sendable, Hashable {
    public let numeraire: Numeraire
    /// IM = worst case + roll shock + delta shock; MM = mmFactor × IM.
    public let requirement: MarginRequirement
    /// The largest loss over the adjusted grid (≥ 0).
    public let worstCase: Double
    /// The scenario of the worst case; nil when no scenario loses.
    public let worstScenario: Int?
    public let rollShock: Double
    public let deltaShock: Double
}

/// Deribit-style risk-matrix portfolio margin of one risk unit (risk-methodology §1.3).
///
/// A risk unit is one underlying coin counted in one numeraire: a segregated coin account's coin-settled positions
/// (coin), a USD-settled account's positions on one coin (USD), or, cross-collateral, every position on one coin
/// (USD). The requirement reads the unit's aggregated scenario vector over a `MarginGrid`:
///
/// 1. extended moves keep `factor·(R/|m|)` of their P&L, times `(1+m)/(1+sign(m)·R)` in coin (so a delta-one position
///    reads its ±R value), and a loss is reduced by the dampener `(|m|/R − 1)·dampener_USD` (in coin: divided by
///    the index at ±R), never below zero — [third-party re-implementation, UNCONFIRMED by Deribit];
/// 2. a positive entry counts `pnlOffset` of itself, capped at `maxOffsetablePnl` [INFERRED from a real response];
/// 3. worst case = the largest loss; roll shock = Σ over expiries of |delta|·max(minAnnualisedMove,
///    e^{annualisedMoveRisk·T} − 1); delta shock = min(max(D − threshold, 0)·|Δ|·increment, maxDeltaShock·D) in USD
///    with Δ the delta in coins and D = |Δ|·index [third-party, UNCONFIRMED];
/// 4. IM = worst case + roll shock + delta shock, MM = mmFactor·IM.
///
/// Allocation-free: the gate calls it on the book's vector plus an order's, kept in a reused `ScenarioVector`.
///
/// How the gate uses it (the full path, `evaluate(_:market:parameters:mode:)`, does the same from scratch):
///
/// ```swift
/// // Once per book and market state: one grid slot per coin, one output group per risk unit.
/// let grid = try MarginGrid(parameters: deribitPortfolio, coins: ["BTC", "ETH"])
/// var book = ScenarioBook(indexPrices: [btcIndex, ethIndex], groupCount: units.count)
/// for position in positions {
///     let quote = try market.market(for: position.key.instrument, venue: position.key.venue)
///     try book.append(ScenarioPosition(position, quote: quote, underlying: slot(position), group: unit(position)))
/// }
/// var revaluation = ScenarioRevaluation()
/// var pnl = ScenarioPnL(groupCount: units.count, scenarioCount: grid.scenarios.count)
/// try revaluation.revalue(book, under: grid.scenarios, into: &pnl)
/// var unitVector = pnl.vector(group: unit, in: .coin)          // kept per unit, with its RiskUnitExposure
///
/// // Per order: each leg's vector for one unit of quantity, scaled by the leg's size and added to a copy.
/// var legs = ScenarioBook(indexPrices: [btcIndex, ethIndex], groupCount: 1)
/// try legs.append(ScenarioPosition(/* the leg with quantity 1 */))
/// var legPnL = PositionScenarioPnL(positionCount: legs.count, scenarioCount: grid.scenarios.count)
/// try revaluation.revaluePositions(legs, under: grid.scenarios, into: &legPnL)
/// scratch.assign(unitVector)
/// legPnL.add(position: 0, in: .coin, scaledBy: legSize, into: &scratch)
/// let after = try PortfolioMargin.evaluate(scratch, grid: grid, slot: 0, numeraire: .coin,
///                                          exposure: exposureAfter, mmFactor: deribitPortfolio.mmFactor)
/// // after.requirement.initial / .maintenance, after.worstScenario, in the unit's numeraire
/// ```
public enum PortfolioMargin {
    /// The requirement of one risk unit.
    ///
    /// - Parameters:
    ///   - pnl: The unit's P&L per grid scenario, in `numeraire`.
    ///   - grid: The grid the vector was revalued on.
    ///   - slot: The unit's underlying slot in the grid.
    ///   - numeraire: What the vector is counted in.
    ///   - exposure: The index and deltas per expiry of the unit.
    ///   - mmFactor: MM / IM (`PortfolioMarginParameters.mmFactor`).
    /// - Throws: `MarginError.shapeMismatch` when the vector does not fit the grid.
    public static func evaluate(
        _ pnl: ScenarioVector,
        grid: MarginGrid,
        slot: Int,
        numeraire: Numeraire,
        exposure: RiskUnitExposure,
        mmFactor: Double
    ) throws(MarginError) -> PortfolioMarginResult {
        guard pnl.count == grid.points.count else {
            throw .shapeMismatch("vector of \(pnl.count) scenarios against a grid of \(grid.points.count)")
        }
        guard grid.coins.indices.contains(slot) else {
            throw .shapeMismatch("slot \(slot) outside the grid's \(grid.coins.count) underlyings")
        }
        let parameters = grid.parameters[slot]
        let unit = parameters.unit(numeraire)
        var worst = 0.0
        var worstScenario: Int?
        for scenario in 0..<pnl.count {
            var value = pnl[scenario]
            if grid.points[scenario].isExtended {
                let move = grid.scenarios.spotMove(scenario: scenario, underlying: slot)
                value = extended(value, move: move, parameters, unit, numeraire: numeraire, index: exposure.index)
            }
            if value > 0 { value = offset(value, unit) }
            if value < worst {
                worst = value
                worstScenario = scenario
            }
        }
        let roll = rollShock(exposure, unit, numeraire: numeraire)
        let deltaShock = deltaShock(exposure, parameters, numeraire: numeraire)
        let initial = -worst + roll + deltaShock
        return PortfolioMarginResult(
            numeraire: numeraire,
            requirement: MarginRequirement(initial: initial, maintenance: mmFactor * initial),
            worstCase: -worst,
            worstScenario: worstScenario,
            rollShock: roll,
            deltaShock: deltaShock
        )
    }

    /// An extended scenario's P&L after the partial-coverage fraction and the dampener.
    static func extended(
        _ pnl: Double,
        move: Double,
        _ parameters: UnderlyingPortfolioParameters,
        _ unit: RiskUnitParameters,
        numeraire: Numeraire,
        index: Double
    ) -> Double {
        let range = parameters.priceRange
        let boundary = 1 + (move < 0 ? -range : range)
        let conversion = numeraire == .coin ? (1 + move) / boundary : 1
        let scaled = pnl * parameters.extendedTableFactor * (range / abs(move)) * conversion
        guard scaled < 0 else { return scaled }
        let dampenerUSD = (max(abs(move) / range, 1) - 1) * unit.extendedDampenerUSD
        let dampener = numeraire == .coin ? dampenerUSD / (index * boundary) : dampenerUSD
        return scaled + min(dampener, -scaled)
    }

    /// The part of a positive P&L that offsets losses elsewhere in the vector.
    static func offset(_ pnl: Double, _ unit: RiskUnitParameters) -> Double {
        let kept = pnl * unit.pnlOffset
        return unit.maxOffsetablePnl > 0 ? min(kept, unit.maxOffsetablePnl) : kept
    }

    static func rollShock(_ exposure: RiskUnitExposure, _ unit: RiskUnitParameters, numeraire: Numeraire) -> Double {
        var total = 0.0
        for entry in exposure.deltaByExpiry {
            let rate = max(unit.minAnnualisedMove, Double.exp(unit.annualisedMoveRisk * entry.expiryYears) - 1)
            total += abs(numeraire == .coin ? entry.coin : entry.usd) * rate
        }
        return total
    }

    static func deltaShock(
        _ exposure: RiskUnitExposure,
        _ parameters: UnderlyingPortfolioParameters,
        numeraire: Numeraire
    ) -> Double {
        let total = exposure.totalDelta(in: numeraire)
        let coins = abs(numeraire == .coin ? total : total / exposure.index)
        let exposureUSD = coins * exposure.index
        let shockUSD = min(
            max(exposureUSD - parameters.deltaShockThresholdUSD, 0) * coins * parameters.deltaShockIncrement,
            parameters.maxDeltaShock * exposureUSD
        )
        return numeraire == .coin ? shockUSD / exposure.index : shockUSD
    }
}
