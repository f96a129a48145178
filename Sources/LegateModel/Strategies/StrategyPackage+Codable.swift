import LegateCore

/// The journaled form: the six stored fields under stable keys, decimals as strings (via `FixedDecimal`'s coding).
extension StrategyPackage: Codable {
    private enum CodingKeys: String, CodingKey {
        case shape, side, legs, quantity, limitPrice, wings
    }

    /// Decodes and validates (without an expiry check: a journaled package may have expired since).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        do {
            try self.init(
                shape: container.decode(StrategyShape.self, forKey: .shape),
                side: container.decode(OrderSide.self, forKey: .side),
                legs: container.decode([PackageLeg].self, forKey: .legs),
                quantity: container.decode(Quantity.self, forKey: .quantity),
                limitPrice: container.decode(Price.self, forKey: .limitPrice),
                wings: container.decodeIfPresent(WingPolicy.self, forKey: .wings) ?? .equidistant
            )
        } catch let error as PackageValidationError {
            throw DecodingError.dataCorruptedError(
                forKey: .legs,
                in: container,
                debugDescription: error.description
            )
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(shape, forKey: .shape)
        try container.encode(side, forKey: .side)
        try container.encode(legs, forKey: .legs)
        try container.encode(quantity, forKey: .quantity)
        try container.encode(limitPrice, forKey: .limitPrice)
        try container.encode(wings, forKey: .wings)
    }
}
