/// One instrument line of a package: what to trade, which way when the package is bought, and how many per unit.
///
/// A leg's `side` is its side when the package is **bought**; selling the package trades every leg the other way
/// (`orderSide(whenPackageIs:)`). Legs are not validated on their own: whether a leg makes sense depends on the
/// package around it, so `StrategyPackage` validates them together and names the leg that is wrong.
public struct PackageLeg: Hashable, Sendable, Codable, CustomStringConvertible {
    public let instrument: Instrument
    /// The leg's side when the package is bought.
    public let side: OrderSide
    /// Units of this leg per unit of the package; positive, at most `StrategyPackage.maximumRatio`.
    public let ratio: Int

    public init(instrument: Instrument, side: OrderSide, ratio: Int = 1) {
        self.instrument = instrument
        self.side = side
        self.ratio = ratio
    }

    /// `+ratio` for a leg bought with the package, `-ratio` for one sold: its weight in the net price.
    public var signedRatio: Int { side.sign * ratio }

    /// The side of this leg's order when the package is bought or sold.
    public func orderSide(whenPackageIs packageSide: OrderSide) -> OrderSide {
        packageSide == .buy ? side : side.opposite
    }

    public var description: String {
        "\(side == .buy ? "+" : "-")\(ratio) \(instrument)"
    }
}
