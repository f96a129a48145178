/// Parameters of a risk-matrix portfolio margin (`Models/margin/deribit-portfolio.json`, `house.json`).
///
/// Field names follow Deribit's `private/pme/simulate` `model_params` (risk-methodology §1.3), in camel case, with
/// the units stated on each field. One entry per underlying coin; each has a parameter set for risk units counted in
/// coin (segregated coin-settled accounts) and one for units counted in USD (USD-settled and cross-collateral).
public struct PortfolioMarginParameters: Sendable, Hashable, Codable {
    /// The model's name, as accounts name it in `Config/`.
    public var model: String
    /// MM = mmFactor × IM.
    public var mmFactor: Double
    /// The lowest shocked vol (a floor on down shocks), as a fraction.
    public var volFloor: Double
    /// Per underlying coin code (`BTC`, `ETH`).
    public var underlyings: [String: UnderlyingPortfolioParameters]

    public init(model: String, mmFactor: Double, volFloor: Double, underlyings: [String: UnderlyingPortfolioParameters])
    {
        self.model = model
        self.mmFactor = mmFactor
        self.volFloor = volFloor
        self.underlyings = underlyings
    }

    /// Checks every field.
    ///
    /// - Throws: `MarginError.invalidParameter` or `.invalidTable` naming the field by its JSON path.
    public func validate() throws(MarginError) {
        guard mmFactor.isFinite, mmFactor > 0, mmFactor <= 1 else {
            throw .invalidParameter(field: "mmFactor", value: mmFactor, reason: "must be in (0, 1]")
        }
        try ParameterCheck.positive(volFloor, "volFloor")
        guard !underlyings.isEmpty else { throw .invalidTable(field: "underlyings", reason: "is empty") }
        for code in underlyings.keys.sorted() {
            _ = try ParameterCheck.asset(code, "underlyings.\(code)")
            try underlyings[code]?.validate("underlyings.\(code)")
        }
    }

    /// The parameters of one underlying coin.
    ///
    /// - Throws: `MarginError.missingUnderlying`.
    public func parameters(for coin: String) throws(MarginError) -> UnderlyingPortfolioParameters {
        guard let parameters = underlyings[coin] else {
            throw .missingUnderlying(coin, model: model)
        }
        return parameters
    }
}

/// The grid and add-ons of one underlying.
public struct UnderlyingPortfolioParameters: Sendable, Hashable, Codable {
    /// Largest standard price move, as a fraction (`price_range`, 0.16 = ±16%).
    public var priceRange: Double
    /// Price buckets on each side of zero (`buckets_count`); the grid has 2·b + 1 moves.
    public var bucketsPerSide: Int
    /// Vol shock up and down, relative (`volatility_range_up`, `volatility_range_down`), scaled by vega power.
    public var volRangeUp: Double
    public var volRangeDown: Double
    /// Vega-power time scaling of the vol shocks.
    public var vegaPower: VegaPowerScaling
    /// Extended price moves, fractions, revalued with vol up only (`-0.66` … `5`); may be empty.
    public var extendedMoves: [Double]
    /// The fraction of extended-move P&L kept, times `priceRange/|move|` (`extended_table_factor`).
    public var extendedTableFactor: Double
    /// Delta shock: cap as a fraction of |delta|·index (`max_delta_shock`), the USD exposure below which it is 0
    /// (`delta_total_liq_shock_threshold`), and its increment per USD·coin above it (`m_inc`).
    public var maxDeltaShock: Double
    public var deltaShockThresholdUSD: Double
    public var deltaShockIncrement: Double
    /// Parameters of risk units counted in coin, and in USD.
    public var coin: RiskUnitParameters
    public var usd: RiskUnitParameters

    public init(
        priceRange: Double,
        bucketsPerSide: Int,
        volRangeUp: Double,
        volRangeDown: Double,
        vegaPower: VegaPowerScaling,
        extendedMoves: [Double],
        extendedTableFactor: Double,
        maxDeltaShock: Double,
        deltaShockThresholdUSD: Double,
        deltaShockIncrement: Double,
        coin: RiskUnitParameters,
        usd: RiskUnitParameters
    ) {
        self.priceRange = priceRange
        self.bucketsPerSide = bucketsPerSide
        self.volRangeUp = volRangeUp
        self.volRangeDown = volRangeDown
        self.vegaPower = vegaPower
        self.extendedMoves = extendedMoves
        self.extendedTableFactor = extendedTableFactor
        self.maxDeltaShock = maxDeltaShock
        self.deltaShockThresholdUSD = deltaShockThresholdUSD
        self.deltaShockIncrement = deltaShockIncrement
        self.coin = coin
        self.usd = usd
    }

    /// The parameters of a unit counted in `numeraire`.
    public func unit(_ numeraire: Numeraire) -> RiskUnitParameters {
        numeraire == .coin ? coin : usd
    }

    func validate(_ path: String) throws(MarginError) {
        guard priceRange.isFinite, priceRange > 0, priceRange < 1 else {
            throw .invalidParameter(field: "\(path).priceRange", value: priceRange, reason: "must be in (0, 1)")
        }
        guard bucketsPerSide >= 1 else {
            throw .invalidParameter(
                field: "\(path).bucketsPerSide",
                value: Double(bucketsPerSide),
                reason: "must be ≥ 1"
            )
        }
        try ParameterCheck.nonNegative(volRangeUp, "\(path).volRangeUp")
        try ParameterCheck.fraction(volRangeDown, "\(path).volRangeDown")
        do {
            try vegaPower.validate()
        } catch {
            guard case .invalidVolShock(let field, let value, let reason) = error else {
                throw .invalidTable(field: "\(path).vegaPower", reason: error.description)
            }
            throw .invalidParameter(field: "\(path).vegaPower.\(field)", value: value, reason: reason)
        }
        for (index, move) in extendedMoves.enumerated() {
            guard move.isFinite, move > -1, abs(move) > priceRange else {
                throw .invalidParameter(
                    field: "\(path).extendedMoves[\(index)]",
                    value: move,
                    reason: "must be finite, > -1 and beyond ±priceRange"
                )
            }
        }
        try ParameterCheck.nonNegative(extendedTableFactor, "\(path).extendedTableFactor")
        try ParameterCheck.fraction(maxDeltaShock, "\(path).maxDeltaShock")
        try ParameterCheck.nonNegative(deltaShockThresholdUSD, "\(path).deltaShockThresholdUSD")
        try ParameterCheck.nonNegative(deltaShockIncrement, "\(path).deltaShockIncrement")
        try coin.validate("\(path).coin")
        try usd.validate("\(path).usd")
    }
}

/// The add-ons of a risk unit counted in one numeraire (Deribit's per-currency `model_params`).
public struct RiskUnitParameters: Sendable, Hashable, Codable {
    /// Roll shock per year of expiry: rate = max(minAnnualisedMove, e^{annualisedMoveRisk·T} − 1), times |delta|
    /// of the expiry.
    public var annualisedMoveRisk: Double
    public var minAnnualisedMove: Double
    /// USD amount by which an extended-move loss is reduced per unit of (|move|/priceRange − 1), converted to the
    /// unit's numeraire at the shocked index (`extended_dampener`).
    public var extendedDampenerUSD: Double
    /// Fraction of a positive scenario P&L that offsets (`pnl_offset`), capped at `maxOffsetablePnl` in the unit's
    /// numeraire (0 means no cap).
    public var pnlOffset: Double
    public var maxOffsetablePnl: Double

    public init(
        annualisedMoveRisk: Double,
        minAnnualisedMove: Double,
        extendedDampenerUSD: Double,
        pnlOffset: Double,
        maxOffsetablePnl: Double
    ) {
        self.annualisedMoveRisk = annualisedMoveRisk
        self.minAnnualisedMove = minAnnualisedMove
        self.extendedDampenerUSD = extendedDampenerUSD
        self.pnlOffset = pnlOffset
        self.maxOffsetablePnl = maxOffsetablePnl
    }

    func validate(_ path: String) throws(MarginError) {
        try ParameterCheck.nonNegative(annualisedMoveRisk, "\(path).annualisedMoveRisk")
        try ParameterCheck.fraction(minAnnualisedMove, "\(path).minAnnualisedMove")
        try ParameterCheck.nonNegative(extendedDampenerUSD, "\(path).extendedDampenerUSD")
        try ParameterCheck.fraction(pnlOffset, "\(path).pnlOffset")
        try ParameterCheck.nonNegative(maxOffsetablePnl, "\(path).maxOffsetablePnl")
    }
}
