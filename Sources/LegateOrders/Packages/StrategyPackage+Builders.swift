public import LegateCore
public import LegateModel

/// Factories for each strategy shape: they lay the legs out in the shape's canonical order and validate.
///
/// Instruments are named by their role in the package as **bought** (`lowerWing`, `near`, `long` …); `side: .sell`
/// reverses every leg. Every factory throws the `PackageValidationError` of `StrategyPackage.init`, which names the
/// leg (by its index in the laid-out legs, in the order of the parameters) and the rule broken. Pass the engine's
/// time as `asOf` to refuse expired instruments.
extension StrategyPackage {
    /// Long call + long put, same strike and expiry. Bought = long volatility; sold = short straddle.
    public static func makeStraddle(
        call: Instrument,
        put: Instrument,
        side: OrderSide,
        quantity: Quantity,
        limitPrice: Price,
        asOf: UnixNanos? = nil
    ) throws(PackageValidationError) -> StrategyPackage {
        try StrategyPackage(
            shape: .straddle,
            side: side,
            legs: [PackageLeg(instrument: call, side: .buy), PackageLeg(instrument: put, side: .buy)],
            quantity: quantity,
            limitPrice: limitPrice,
            asOf: asOf
        )
    }

    /// Long put at the lower strike + long call at the higher strike, same expiry.
    public static func makeStrangle(
        put: Instrument,
        call: Instrument,
        side: OrderSide,
        quantity: Quantity,
        limitPrice: Price,
        asOf: UnixNanos? = nil
    ) throws(PackageValidationError) -> StrategyPackage {
        try StrategyPackage(
            shape: .strangle,
            side: side,
            legs: [PackageLeg(instrument: put, side: .buy), PackageLeg(instrument: call, side: .buy)],
            quantity: quantity,
            limitPrice: limitPrice,
            asOf: asOf
        )
    }

    /// Buy the lower strike, sell the upper, one right and expiry: bought = bull spread, sold = bear spread.
    ///
    /// A bought call vertical is a debit; a bought put vertical (bull put spread) is a credit, so its limit is
    /// negative.
    public static func makeVertical(
        lower: Instrument,
        upper: Instrument,
        side: OrderSide,
        quantity: Quantity,
        limitPrice: Price,
        asOf: UnixNanos? = nil
    ) throws(PackageValidationError) -> StrategyPackage {
        try StrategyPackage(
            shape: .vertical,
            side: side,
            legs: [PackageLeg(instrument: lower, side: .buy), PackageLeg(instrument: upper, side: .sell)],
            quantity: quantity,
            limitPrice: limitPrice,
            asOf: asOf
        )
    }

    /// Buy 1 lower wing, sell 2 at the body, buy 1 upper wing (one right and expiry), K1 < K2 < K3.
    ///
    /// - Parameter wings: `.equidistant` (the default) refuses unequal wings; `.brokenWingsAllowed` accepts them.
    public static func makeButterfly(
        lowerWing: Instrument,
        body: Instrument,
        upperWing: Instrument,
        side: OrderSide,
        quantity: Quantity,
        limitPrice: Price,
        wings: WingPolicy = .equidistant,
        asOf: UnixNanos? = nil
    ) throws(PackageValidationError) -> StrategyPackage {
        try StrategyPackage(
            shape: .butterfly,
            side: side,
            legs: [
                PackageLeg(instrument: lowerWing, side: .buy),
                PackageLeg(instrument: body, side: .sell, ratio: 2),
                PackageLeg(instrument: upperWing, side: .buy),
            ],
            quantity: quantity,
            limitPrice: limitPrice,
            wings: wings,
            asOf: asOf
        )
    }

    /// Buy the put wing, sell the inner put and inner call, buy the call wing; K1 < K2 < K3 < K4, one expiry.
    ///
    /// Bought = wings bought, body sold (short volatility), received as a credit: the limit is negative.
    public static func makeIronCondor(
        putWing: Instrument,
        innerPut: Instrument,
        innerCall: Instrument,
        callWing: Instrument,
        side: OrderSide,
        quantity: Quantity,
        limitPrice: Price,
        wings: WingPolicy = .equidistant,
        asOf: UnixNanos? = nil
    ) throws(PackageValidationError) -> StrategyPackage {
        try StrategyPackage(
            shape: .ironCondor,
            side: side,
            legs: [
                PackageLeg(instrument: putWing, side: .buy),
                PackageLeg(instrument: innerPut, side: .sell),
                PackageLeg(instrument: innerCall, side: .sell),
                PackageLeg(instrument: callWing, side: .buy),
            ],
            quantity: quantity,
            limitPrice: limitPrice,
            wings: wings,
            asOf: asOf
        )
    }

    /// Buy the put wing, sell the put and call at the body strike, buy the call wing; K1 < K2 < K3, one expiry.
    public static func makeIronButterfly(
        putWing: Instrument,
        bodyPut: Instrument,
        bodyCall: Instrument,
        callWing: Instrument,
        side: OrderSide,
        quantity: Quantity,
        limitPrice: Price,
        wings: WingPolicy = .equidistant,
        asOf: UnixNanos? = nil
    ) throws(PackageValidationError) -> StrategyPackage {
        try StrategyPackage(
            shape: .ironButterfly,
            side: side,
            legs: [
                PackageLeg(instrument: putWing, side: .buy),
                PackageLeg(instrument: bodyPut, side: .sell),
                PackageLeg(instrument: bodyCall, side: .sell),
                PackageLeg(instrument: callWing, side: .buy),
            ],
            quantity: quantity,
            limitPrice: limitPrice,
            wings: wings,
            asOf: asOf
        )
    }

    /// Sell the near expiry, buy the far one, same strike and right. Bought = long calendar (a debit).
    public static func makeCalendar(
        near: Instrument,
        far: Instrument,
        side: OrderSide,
        quantity: Quantity,
        limitPrice: Price,
        asOf: UnixNanos? = nil
    ) throws(PackageValidationError) -> StrategyPackage {
        try makeTimeSpread(
            .calendar,
            near: near,
            far: far,
            side: side,
            quantity: quantity,
            limit: limitPrice,
            asOf: asOf
        )
    }

    /// Sell the near expiry, buy the far one, same right, different strikes.
    public static func makeDiagonal(
        near: Instrument,
        far: Instrument,
        side: OrderSide,
        quantity: Quantity,
        limitPrice: Price,
        asOf: UnixNanos? = nil
    ) throws(PackageValidationError) -> StrategyPackage {
        try makeTimeSpread(
            .diagonal,
            near: near,
            far: far,
            side: side,
            quantity: quantity,
            limit: limitPrice,
            asOf: asOf
        )
    }

    /// Sell the lower-strike put, buy the higher-strike call, one expiry. Bought = bullish risk reversal.
    public static func makeRiskReversal(
        put: Instrument,
        call: Instrument,
        side: OrderSide,
        quantity: Quantity,
        limitPrice: Price,
        asOf: UnixNanos? = nil
    ) throws(PackageValidationError) -> StrategyPackage {
        try StrategyPackage(
            shape: .riskReversal,
            side: side,
            legs: [PackageLeg(instrument: put, side: .sell), PackageLeg(instrument: call, side: .buy)],
            quantity: quantity,
            limitPrice: limitPrice,
            asOf: asOf
        )
    }

    /// Buy `longRatio` of the option nearer the money, sell `shortRatio` further out (one right and expiry).
    ///
    /// A call ratio spread buys the lower strike; a put ratio spread buys the higher one. Ratios must differ and be
    /// reduced (1×2, 2×3; not 2×4). Selling the package is the backspread.
    public static func makeRatioSpread(
        long: Instrument,
        longRatio: Int = 1,
        short: Instrument,
        shortRatio: Int = 2,
        side: OrderSide,
        quantity: Quantity,
        limitPrice: Price,
        asOf: UnixNanos? = nil
    ) throws(PackageValidationError) -> StrategyPackage {
        try StrategyPackage(
            shape: .ratioSpread,
            side: side,
            legs: [
                PackageLeg(instrument: long, side: .buy, ratio: longRatio),
                PackageLeg(instrument: short, side: .sell, ratio: shortRatio),
            ],
            quantity: quantity,
            limitPrice: limitPrice,
            asOf: asOf
        )
    }

    /// Long box: bull call spread + bear put spread on K1 < K2, one expiry; worth K2 − K1 at expiry.
    ///
    /// Legs in Deribit's combo order: call K1 (bought), put K1 (sold), call K2 (sold), put K2 (bought).
    public static func makeBox(
        lowerCall: Instrument,
        lowerPut: Instrument,
        upperCall: Instrument,
        upperPut: Instrument,
        side: OrderSide,
        quantity: Quantity,
        limitPrice: Price,
        asOf: UnixNanos? = nil
    ) throws(PackageValidationError) -> StrategyPackage {
        try StrategyPackage(
            shape: .box,
            side: side,
            legs: [
                PackageLeg(instrument: lowerCall, side: .buy),
                PackageLeg(instrument: lowerPut, side: .sell),
                PackageLeg(instrument: upperCall, side: .sell),
                PackageLeg(instrument: upperPut, side: .buy),
            ],
            quantity: quantity,
            limitPrice: limitPrice,
            asOf: asOf
        )
    }

    /// Any 2…`maximumLegs` legs on one underlying and settlement: options, futures, perpetuals or spot.
    ///
    /// Only the generic rules apply: ratios in range and reduced, no combo legs, no instrument twice, nothing expired.
    public static func makeCustom(
        legs: [PackageLeg],
        side: OrderSide,
        quantity: Quantity,
        limitPrice: Price,
        asOf: UnixNanos? = nil
    ) throws(PackageValidationError) -> StrategyPackage {
        try StrategyPackage(
            shape: .custom,
            side: side,
            legs: legs,
            quantity: quantity,
            limitPrice: limitPrice,
            asOf: asOf
        )
    }

    private static func makeTimeSpread(
        _ shape: StrategyShape,
        near: Instrument,
        far: Instrument,
        side: OrderSide,
        quantity: Quantity,
        limit: Price,
        asOf: UnixNanos?
    ) throws(PackageValidationError) -> StrategyPackage {
        try StrategyPackage(
            shape: shape,
            side: side,
            legs: [PackageLeg(instrument: near, side: .sell), PackageLeg(instrument: far, side: .buy)],
            quantity: quantity,
            limitPrice: limit,
            asOf: asOf
        )
    }
}
