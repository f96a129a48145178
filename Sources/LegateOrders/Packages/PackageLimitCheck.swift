public import LegateCore
public import LegateModel

/// A net price set against a package's limit.
public struct PackageLimitCheck: Hashable, Sendable, CustomStringConvertible {
    /// Σ signedRatio × leg price, per package unit, in the package's orientation.
    public let netPrice: Price
    public let limitPrice: Price
    public let side: OrderSide
    /// How far inside the limit the net price is, per package unit: `limit − net` when buying, `net − limit` when
    /// selling. Zero is exactly at the limit; negative is outside it by that much.
    public let slack: Price

    public init(netPrice: Price, limitPrice: Price, side: OrderSide, slack: Price) {
        self.netPrice = netPrice
        self.limitPrice = limitPrice
        self.side = side
        self.slack = slack
    }

    public var isWithinLimit: Bool { !slack.decimal.isNegative }

    public var description: String {
        let relation = side == .buy ? "≤" : "≥"
        return "net \(netPrice) \(relation) limit \(limitPrice): slack \(slack)"
    }
}
