/// One `books` (or `books5`, `bbo-tbt`, REST `market/books`) payload.
///
/// `books` sends a snapshot, then updates whose levels replace those at the same price (size `"0"` deletes). Since
/// 2023 each carries `seqId`/`prevSeqId`; the 2022 recording has neither, only the CRC32 `checksum`.
public struct OKXBookWire: Hashable, Sendable, Decodable {
    public let asks: [OKXBookLevelWire]
    public let bids: [OKXBookLevelWire]
    public let ts: OKXInteger
    public let checksum: Int32?
    public let seqId: Int64?
    public let prevSeqId: Int64?
}

/// A level `[price, size, "0" (deprecated liquidated orders), orders]`, all strings; size in contracts for
/// derivatives, in the base currency for spot.
public struct OKXBookLevelWire: Hashable, Sendable, Decodable {
    public let price: OKXDecimal
    public let size: OKXDecimal
    public let orders: OKXInteger?

    public init(price: OKXDecimal, size: OKXDecimal, orders: OKXInteger? = nil) {
        self.price = price
        self.size = size
        self.orders = orders
    }

    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        guard let count = container.count, count == 2 || count == 4 else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "book level has \(container.count ?? 0) elements, expected 2 or 4"
            )
        }
        price = try container.decode(OKXDecimal.self)
        size = try container.decode(OKXDecimal.self)
        if count == 4 {
            _ = try container.decode(String.self)
            orders = try container.decode(OKXInteger.self)
        } else {
            orders = nil
        }
    }
}
