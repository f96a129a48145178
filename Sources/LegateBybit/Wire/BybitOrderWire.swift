public import LegateVenues

/// An order as Bybit reports it: `GET /v5/order/realtime|history` items and `order` topic pushes.
public struct BybitOrderWire: Hashable, Sendable, Decodable {
    /// On pushes; REST lists name the category on the list.
    public let category: String?
    public let symbol: String
    public let orderId: String
    /// Our client order id; empty for orders placed elsewhere.
    public let orderLinkId: String
    public let side: String
    /// `Limit` or `Market`.
    public let orderType: String
    /// Empty for market orders.
    public let price: BybitNumber?
    public let qty: BybitNumber
    /// `New`, `PartiallyFilled`, `Untriggered`, `Rejected`, `PartiallyFilledCanceled`, `Filled`, `Cancelled`,
    /// `Triggered`, `Deactivated`.
    public let orderStatus: String
    public let cancelType: String?
    public let rejectReason: String?
    public let avgPrice: BybitNumber?
    public let leavesQty: BybitNumber?
    public let cumExecQty: BybitNumber?
    public let cumExecValue: BybitNumber?
    public let cumExecFee: BybitNumber?
    public let timeInForce: String?
    public let stopOrderType: String?
    public let triggerPrice: BybitNumber?
    public let orderIv: BybitNumber?
    public let reduceOnly: Bool?
    public let closeOnTrigger: Bool?
    public let feeCurrency: String?
    public let createdTime: BybitMillis
    public let updatedTime: BybitMillis
}

/// One execution: `GET /v5/execution/list` items and `execution` / `execution.fast` pushes (the fast topic omits
/// fees, values and marks).
public struct BybitExecutionWire: Hashable, Sendable, Decodable {
    public let category: String?
    public let symbol: String
    public let orderId: String
    public let orderLinkId: String
    public let side: String
    public let orderPrice: BybitNumber?
    public let orderQty: BybitNumber?
    public let leavesQty: BybitNumber?
    public let orderType: String?
    public let execId: String
    public let execPrice: BybitNumber
    public let execQty: BybitNumber
    public let execValue: BybitNumber?
    /// Positive when paid, negative for a rebate.
    public let execFee: BybitNumber?
    public let feeRate: BybitNumber?
    /// Absent on pushes of derivatives, which pay fees in their settle coin.
    public let feeCurrency: String?
    /// `Trade`, `AdlTrade`, `Funding`, `BustTrade`, `Delivery`, `Settle`, `BlockTrade`, `MovePosition`; absent on
    /// `execution.fast`, which only reports trades.
    public let execType: String?
    public let execTime: BybitMillis
    public let isMaker: Bool?
    public let tradeIv: BybitNumber?
    public let markIv: BybitNumber?
    public let markPrice: BybitNumber?
    public let indexPrice: BybitNumber?
    public let underlyingPrice: BybitNumber?
    public let blockTradeId: String?
    public let closedSize: BybitNumber?
    public let seq: Int64?
}
