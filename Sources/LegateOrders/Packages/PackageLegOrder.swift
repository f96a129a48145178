public import LegateCore
public import LegateModel

/// What one leg of a package asks of the market: the instrument, the side after the package's side is applied, and
/// the quantity (package units × ratio, exact).
public struct PackageLegOrder: Hashable, Sendable, CustomStringConvertible {
    /// The leg's index in `StrategyPackage.legs`.
    public let legIndex: Int
    public let instrument: Instrument
    /// The side this leg is traded on: the leg's side when the package is bought, reversed when it is sold.
    public let side: OrderSide
    public let quantity: Quantity

    public init(legIndex: Int, instrument: Instrument, side: OrderSide, quantity: Quantity) {
        self.legIndex = legIndex
        self.instrument = instrument
        self.side = side
        self.quantity = quantity
    }

    public var description: String { "leg \(legIndex): \(side.rawValue) \(quantity) \(instrument)" }
}
