public import LegateCore

/// A multi-leg order as one whole: a shape, its legs, how many package units, and one net limit price per unit.
///
/// A `StrategyPackage` only exists validated: the initializer checks the generic rules and the shape's own rules
/// (`StrategyShape` lists the layouts) and throws a `PackageValidationError` naming the leg and the rule; decoding
/// validates again, so a journaled package is as trustworthy as a fresh one.
///
/// **Net price sign convention.** `limitPrice` is one signed number per package unit, written in the package's own
/// orientation (legs as bought), like a venue combo's price: the net price of leg prices `p` is
/// `Σ signedRatio × p` (bought legs add, sold legs subtract). Positive means the *buyer* of the package pays (a
/// debit), negative means the buyer receives (a credit). Buying at `L` accepts any net price `≤ L`; selling at `L`
/// accepts any net price `≥ L`. So "sell a straddle for 0.05 BTC" is `side: .sell, limitPrice: 0.05`, and "buy a bull
/// put spread for a 0.01 credit" is a bought put vertical at `-0.01`. `limitCashFlow` shows the trader's side of it.
///
/// Leg prices (and so the net price) are in the legs' common premium currency; a custom package that mixes options
/// with a delta-one leg quoted in another unit (Deribit's inverse perpetual is quoted in USD) must have its leg prices
/// converted to one unit before they are netted.
public struct StrategyPackage: Hashable, Sendable {
    /// Most legs any package may have (STYLE habit 6): Deribit combos and OKX spreads stay well under it.
    public static let maximumLegs = 8
    /// Fewest legs: one leg is an order, not a package.
    public static let minimumLegs = 2
    /// Largest ratio of a leg per package unit.
    public static let maximumRatio = 100

    public let shape: StrategyShape
    /// Whether the package is bought (legs as written) or sold (every leg reversed).
    public let side: OrderSide
    public let legs: [PackageLeg]
    /// Package units; each leg's order quantity is this × the leg's ratio.
    public let quantity: Quantity
    /// The net limit per package unit, signed in the package's orientation (see the type's documentation).
    public let limitPrice: Price
    /// Whether a winged shape may have unequal wings; ignored by shapes without wings.
    public let wings: WingPolicy

    /// Validates and creates a package.
    ///
    /// - Parameters:
    ///   - shape: the strategy; its leg layout is checked exactly (see `StrategyShape`).
    ///   - side: buy or sell the package.
    ///   - legs: the legs in the shape's canonical order, sides as when the package is bought.
    ///   - quantity: package units, positive.
    ///   - limitPrice: net limit per package unit, positive = debit to the buyer, negative = credit.
    ///   - wings: whether butterflies and condors may have unequal wings.
    ///   - asOf: when given, a leg expiring at or before this instant is refused; pass the engine's time.
    /// - Throws: `PackageValidationError` naming the first rule broken and the leg that broke it.
    public init(
        shape: StrategyShape,
        side: OrderSide,
        legs: [PackageLeg],
        quantity: Quantity,
        limitPrice: Price,
        wings: WingPolicy = .equidistant,
        asOf: UnixNanos? = nil
    ) throws(PackageValidationError) {
        try PackageValidator(shape: shape, legs: legs, quantity: quantity, wings: wings, asOf: asOf).validate()
        self.shape = shape
        self.side = side
        self.legs = legs
        self.quantity = quantity
        self.limitPrice = limitPrice
        self.wings = wings
    }

    /// The package's underlying (all legs share it).
    public var underlying: Underlying { legs[0].instrument.underlying }

    /// The package's settlement (all legs share it): the currency premiums and the net price are paid in.
    public var settlement: Settlement { legs[0].instrument.settlement }

    /// The limit as the trader sees it: a debit they pay or a credit they receive per package unit.
    public var limitCashFlow: NetCashFlow {
        NetCashFlow(traderCost: side == .buy ? limitPrice : Price(-limitPrice.decimal))
    }

    /// Checks the legs' expiries against `now` again, for a package validated earlier (a resting or replayed one).
    ///
    /// - Throws: `PackageValidationError` with `.expired` naming the first leg that has expired.
    public func validateNotExpired(asOf now: UnixNanos) throws(PackageValidationError) {
        for (index, leg) in legs.enumerated() {
            if let expiry = leg.instrument.expiry, expiry <= now {
                throw PackageValidationError(shape: shape, leg: index, violation: .expired(expiry: expiry, asOf: now))
            }
        }
    }
}
