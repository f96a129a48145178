public import LegateModel

/// What a revaluation row is: an option (with its right), a dated future, a perpetual, or spot.
public enum ScenarioInstrumentKind: Sendable, Hashable {
    case option(OptionRight)
    case future
    case perpetual
    case spot

    /// Whether the row goes through the option pricer (the others are delta-one).
    public var isOption: Bool {
        if case .option = self { return true }
        return false
    }
}

/// One position as the scenario revaluation sees it: plain numbers, already read off the market.
///
/// Units:
/// - `quantity` is signed (short < 0) and counted in coins of the underlying for every kind: options in coins of
///   notional (one Deribit BTC option = 1), linear futures and perpetuals in coins, spot in coins, and inverse
///   futures and perpetuals (sized in USD by the venues) in their coin equivalent at `forward`, that is
///   USD notional / `forward`. With that convention an inverse perpetual's coin P&L for a move m is
///   `quantity·(1 − 1/(1+m))`, the form Deribit's risk matrix uses (risk-methodology §1.3 item 4).
/// - `forward` is the USD forward of the row's expiry for options and futures, the perpetual's mark for a perpetual,
///   and the index for spot.
/// - `strike` is in USD; `expiryYears` in years (ACT/365.25); `vol` is the Black vol on the forward; `rate` the
///   option's discount rate, the coin's own rate for a coin-settled option (0 on Deribit) and the USD rate for a
///   USD-settled one. Strike, expiry, vol and rate are read for options only.
/// - `underlying` selects the index price and the scenario move (an index into `ScenarioBook.indexPrices`);
///   `group` selects the output vector the row's P&L is added to (for margin: one group per risk unit, and a
///   group must hold one underlying only).
public struct ScenarioPosition: Sendable, Hashable {
    public var kind: ScenarioInstrumentKind
    public var settlement: Numeraire
    public var underlying: Int
    public var group: Int
    public var quantity: Double
    public var forward: Double
    public var strike: Double
    public var expiryYears: Double
    public var vol: Double
    public var rate: Double

    /// Creates a row; see the type's documentation for units.
    public init(
        kind: ScenarioInstrumentKind,
        settlement: Numeraire,
        underlying: Int,
        group: Int,
        quantity: Double,
        forward: Double,
        strike: Double = 0,
        expiryYears: Double = 0,
        vol: Double = 0,
        rate: Double = 0
    ) {
        self.kind = kind
        self.settlement = settlement
        self.underlying = underlying
        self.group = group
        self.quantity = quantity
        self.forward = forward
        self.strike = strike
        self.expiryYears = expiryYears
        self.vol = vol
        self.rate = rate
    }

    /// An option row.
    public static func option(
        _ right: OptionRight,
        settlement: Numeraire,
        underlying: Int,
        group: Int,
        quantity: Double,
        forward: Double,
        strike: Double,
        expiryYears: Double,
        vol: Double,
        rate: Double = 0
    ) -> ScenarioPosition {
        ScenarioPosition(
            kind: .option(right),
            settlement: settlement,
            underlying: underlying,
            group: group,
            quantity: quantity,
            forward: forward,
            strike: strike,
            expiryYears: expiryYears,
            vol: vol,
            rate: rate
        )
    }

    /// Checks the row's numbers; `index` names it in the error.
    func validate(index: Int) throws(ScenarioError) {
        func fail(_ field: String, _ value: Double, _ reason: String) -> ScenarioError {
            .invalidPosition(position: index, field: field, value: value, reason: reason)
        }
        guard quantity.isFinite else { throw fail("quantity", quantity, "must be finite") }
        guard forward.isFinite, forward > 0 else { throw fail("forward", forward, "must be positive and finite") }
        guard kind.isOption else { return }
        guard strike.isFinite, strike > 0 else { throw fail("strike", strike, "must be positive and finite") }
        guard expiryYears.isFinite, expiryYears > 0 else {
            throw fail("expiryYears", expiryYears, "must be positive and finite")
        }
        guard vol.isFinite, vol > 0 else { throw fail("vol", vol, "must be positive and finite") }
        guard rate.isFinite else { throw fail("rate", rate, "must be finite") }
    }
}
