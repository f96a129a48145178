public import LegateCore
public import LegateModel

/// Exact package arithmetic: leg order quantities, the net price of leg prices, the limit check and its slack, and
/// the price bound that keeps a legged package inside its limit. Nothing is rounded except the bound, which is rounded
/// onto the tick grid toward the inside of the limit.
extension StrategyPackage {
    /// One order per leg for the whole package: side after the package's side, quantity = quantity × ratio.
    ///
    /// Exact by construction: the package validated at creation that every product fits 64-bit units.
    public var legOrders: [PackageLegOrder] {
        legs.enumerated().map { index, leg in
            PackageLegOrder(
                legIndex: index,
                instrument: leg.instrument,
                side: leg.orderSide(whenPackageIs: side),
                quantity: Quantity(
                    FixedDecimal(units: quantity.decimal.units * Int64(leg.ratio), scale: quantity.decimal.scale)
                )
            )
        }
    }

    /// The legs' order quantities for `units` package units (a child slice when legging), exact.
    ///
    /// - Throws: `.nonPositivePackageUnits`, or `.notRepresentable` when a product does not fit 64-bit units.
    public func legQuantities(forPackageUnits units: Quantity) throws(PackageArithmeticError) -> [Quantity] {
        guard units.decimal.isPositive else { throw .nonPositivePackageUnits(units) }
        var quantities: [Quantity] = []
        quantities.reserveCapacity(legs.count)
        for leg in legs {
            let (product, overflow) = units.decimal.units.multipliedReportingOverflow(by: Int64(leg.ratio))
            guard !overflow else { throw .notRepresentable(operation: "\(units) × ratio \(leg.ratio)") }
            quantities.append(Quantity(FixedDecimal(units: product, scale: units.decimal.scale)))
        }
        return quantities
    }

    /// The net price per package unit of one price per leg: Σ signedRatio × price, exact.
    ///
    /// Bought legs (in the package's orientation) add, sold legs subtract, whatever the package's own side, so the
    /// result compares directly with `limitPrice`. A bought straddle at 0.0125 + 0.0150 nets 0.0275.
    ///
    /// - Parameter legPrices: one price per leg, in `legs` order, in the legs' common premium currency.
    /// - Throws: `.legCountMismatch`, or `.notRepresentable` when the exact sum does not fit 64-bit units.
    public func netPrice(of legPrices: [Price]) throws(PackageArithmeticError) -> Price {
        guard legPrices.count == legs.count else {
            throw .legCountMismatch(expected: legs.count, found: legPrices.count)
        }
        var sum = Wide()
        for (leg, price) in zip(legs, legPrices) { try sum.add(price.decimal, times: leg.signedRatio) }
        return Price(try sum.decimal())
    }

    /// Sets the net price of `legPrices` against the limit: within it when buying at `net ≤ limit` or selling at
    /// `net ≥ limit`, with the slack left per package unit.
    ///
    /// - Throws: as `netPrice(of:)`.
    public func checkLimit(legPrices: [Price]) throws(PackageArithmeticError) -> PackageLimitCheck {
        let net = try netPrice(of: legPrices)
        var slack = Wide()
        try slack.add(limitPrice.decimal, times: side == .buy ? 1 : -1)
        try slack.add(net.decimal, times: side == .buy ? -1 : 1)
        return PackageLimitCheck(netPrice: net, limitPrice: limitPrice, side: side, slack: Price(try slack.decimal()))
    }

    /// Whether `legPrices` net inside the package's limit.
    public func isWithinLimit(legPrices: [Price]) throws(PackageArithmeticError) -> Bool {
        try checkLimit(legPrices: legPrices).isWithinLimit
    }

    /// The worst price leg `index` may trade at, given the other legs' prices, for the package to stay inside its
    /// limit: the legging coordinator's re-pricing bound.
    ///
    /// With every other leg at its price, the remaining slack is spread over this leg's ratio and rounded onto the
    /// `tick` grid toward the inside (down for a buy, up for a sell), so any price the bound accepts keeps the
    /// package within its limit exactly.
    ///
    /// - Parameters:
    ///   - index: the leg to bound.
    ///   - legPrices: one entry per leg; the entry at `index` is ignored (pass nil), every other must be given.
    ///   - tick: the leg's price increment (the finest tick of its schedule; round further with the schedule in
    ///     the same direction).
    /// - Throws: `.legIndexOutOfRange`, `.legCountMismatch`, `.missingLegPrice`, `.nonPositiveIncrement`,
    ///   `.notRepresentable`.
    public func priceBound(
        forLeg index: Int,
        legPrices: [Price?],
        tick: FixedDecimal
    ) throws(PackageArithmeticError) -> LegPriceBound {
        guard legs.indices.contains(index) else { throw .legIndexOutOfRange(leg: index, count: legs.count) }
        guard legPrices.count == legs.count else {
            throw .legCountMismatch(expected: legs.count, found: legPrices.count)
        }
        guard tick.isPositive else { throw .nonPositiveIncrement(tick) }
        // In the trader's terms the cost Σ orderSign × ratio × price must stay ≤ sign × limit; the room left for
        // this leg is sign × limit − Σ(others).
        let packageSign = side.sign
        var room = Wide()
        try room.add(limitPrice.decimal, times: packageSign)
        for (other, leg) in legs.enumerated() where other != index {
            guard let price = legPrices[other] else { throw .missingLegPrice(leg: other) }
            try room.add(price.decimal, times: -packageSign * leg.signedRatio)
        }
        let leg = legs[index]
        let orderSide = leg.orderSide(whenPackageIs: side)
        let scale = max(room.scale, tick.scale)
        let roomUnits = try room.units(atScale: scale)
        let step = try Wide.multiply(try Wide(tick).units(atScale: scale), Int128(leg.ratio))
        // Buy: ratio × p ≤ room → p ≤ room / ratio, rounded down. Sell: −ratio × p ≤ room → p ≥ −room / ratio, up.
        let ticks =
            orderSide == .buy
            ? Wide.floorDivide(roomUnits, step) : Wide.ceilingDivide(-roomUnits, step)
        let bound = Wide(
            units: try Wide.multiply(ticks, try Wide(tick).units(atScale: scale)),
            scale: scale
        )
        return LegPriceBound(legIndex: index, side: orderSide, price: Price(try bound.decimal()))
    }
}

/// Exact wide arithmetic reporting overflow as a package error.
private typealias Wide = WideDecimal<PackageArithmeticError>
