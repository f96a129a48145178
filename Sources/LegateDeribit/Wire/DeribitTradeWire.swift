/// A trade: public (`trades.*`, `get_last_trades_*`) or ours (`user.trades.*`, the `trades` of an order response).
///
/// Option trades carry `iv`; a combo trade lists its `legs`, each with `combo_id` and `combo_trade_id`.
public struct DeribitTradeWire: Hashable, Sendable, Decodable {
    public let tradeId: String
    public let tradeSeq: Int64?
    public let instrumentName: String
    public let timestamp: Int64
    public let price: DeribitNumber
    public let amount: DeribitNumber
    public let contracts: DeribitNumber?
    /// The taker's side.
    public let direction: String
    public let indexPrice: DeribitNumber?
    public let markPrice: DeribitNumber?
    public let iv: DeribitNumber?
    public let tickDirection: Int?
    public let comboId: String?
    public let comboTradeId: String?
    public let blockTradeId: String?
    public let legs: [DeribitTradeWire]?
    // Private trades only.
    public let orderId: String?
    public let label: String?
    public let fee: DeribitNumber?
    public let feeCurrency: String?
    /// `M` maker, `T` taker.
    public let liquidity: String?
}

/// `public/get_last_trades_by_*`.
public struct DeribitLastTradesWire: Hashable, Sendable, Decodable {
    public let trades: [DeribitTradeWire]
    public let hasMore: Bool
}
