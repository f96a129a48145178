/// An order as Deribit reports it (`private/buy|sell|edit|cancel`, `user.orders.*`).
public struct DeribitOrderWire: Hashable, Sendable, Decodable {
    public let orderId: String
    /// Our client order id.
    public let label: String?
    public let instrumentName: String
    public let direction: String
    public let amount: DeribitNumber
    public let filledAmount: DeribitNumber?
    public let contracts: DeribitNumber?
    public let price: DeribitOrderPrice
    public let averagePrice: DeribitNumber?
    /// `open`, `filled`, `rejected`, `cancelled`, `untriggered`, `triggered`.
    public let orderState: String
    public let orderType: String
    public let timeInForce: String
    public let postOnly: Bool?
    public let reduceOnly: Bool?
    public let rejectPostOnly: Bool?
    public let replaced: Bool?
    public let mmp: Bool?
    public let cancelReason: String?
    public let triggerPrice: DeribitNumber?
    public let trigger: String?
    public let creationTimestamp: Int64
    public let lastUpdateTimestamp: Int64
    public let api: Bool?
    public let isLiquidation: Bool?
}

/// The result of `private/buy`, `private/sell` and `private/edit`: the order and any trades it made at once.
public struct DeribitOrderResponseWire: Hashable, Sendable, Decodable {
    public let order: DeribitOrderWire
    public let trades: [DeribitTradeWire]
}
