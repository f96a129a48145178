/// One book level written as a two-element array, `["price","quantity"]` (Binance and Bybit books, Binance options
/// depth); a quantity of `"0"` deletes the level in a delta.
public struct WireBookLevel: Hashable, Sendable, Decodable {
    public let price: WireDecimal
    public let quantity: WireDecimal

    public init(price: WireDecimal, quantity: WireDecimal) {
        self.price = price
        self.quantity = quantity
    }

    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        guard container.count == 2 else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "book level has \(container.count ?? 0) elements, expected 2"
            )
        }
        price = try container.decode(WireDecimal.self)
        quantity = try container.decode(WireDecimal.self)
    }
}
