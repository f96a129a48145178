public import LegateCore
public import LegateModel

/// The worst price one leg may trade at so the package stays inside its limit, given the other legs' prices.
public struct LegPriceBound: Hashable, Sendable, CustomStringConvertible {
    public let legIndex: Int
    /// The side the leg is traded on.
    public let side: OrderSide
    /// The highest acceptable price for a buy, the lowest for a sell; on the tick grid, rounded inward.
    public let price: Price

    public init(legIndex: Int, side: OrderSide, price: Price) {
        self.legIndex = legIndex
        self.side = side
        self.price = price
    }

    /// Whether trading the leg at `candidate` keeps the package inside its limit.
    public func accepts(_ candidate: Price) -> Bool {
        side == .buy ? candidate <= price : candidate >= price
    }

    public var description: String { "leg \(legIndex): \(side.rawValue) at \(side == .buy ? "≤" : "≥") \(price)" }
}
