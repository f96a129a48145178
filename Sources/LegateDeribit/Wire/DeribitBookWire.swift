/// A `book.{instrument}.{interval}` notification: a snapshot, then changes chained by `change_id`.
public struct DeribitBookWire: Hashable, Sendable, Decodable {
    public let type: String?
    public let instrumentName: String
    public let timestamp: Int64
    public let changeId: Int64
    public let prevChangeId: Int64?
    public let bids: [DeribitBookEntry]
    public let asks: [DeribitBookEntry]
}

/// `[action, price, amount]` in raw books (`new`, `change`, `delete`), or `[price, amount]` in grouped books and REST.
public struct DeribitBookEntry: Hashable, Sendable, Decodable {
    public enum Action: String, Hashable, Sendable, Decodable {
        case new
        case change
        case delete
    }

    public let action: Action?
    public let price: DeribitNumber
    public let amount: DeribitNumber

    public init(action: Action?, price: DeribitNumber, amount: DeribitNumber) {
        self.action = action
        self.price = price
        self.amount = amount
    }

    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        if container.count == 3 {
            action = try container.decode(Action.self)
        } else if container.count == 2 {
            action = nil
        } else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "book entry has \(container.count ?? 0) elements, expected 2 or 3"
            )
        }
        price = try container.decode(DeribitNumber.self)
        amount = try container.decode(DeribitNumber.self)
    }
}

/// `public/get_order_book`: a full book plus the ticker fields.
public struct DeribitOrderBookWire: Hashable, Sendable, Decodable {
    public let instrumentName: String
    public let timestamp: Int64
    public let changeId: Int64
    public let bids: [DeribitBookEntry]
    public let asks: [DeribitBookEntry]
    public let bestBidPrice: DeribitNumber?
    public let bestAskPrice: DeribitNumber?
    public let markPrice: DeribitNumber?
    public let indexPrice: DeribitNumber?
    public let state: String?
}
