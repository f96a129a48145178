public import LegateVenues

/// An `ORDER_TRADE_UPDATE` event (USD-M and COIN-M futures): one change of one order, with the fill it made.
public struct BinanceOrderTradeUpdateWire: Hashable, Sendable, Decodable {
    public struct Order: Hashable, Sendable, Decodable {
        public let symbol: String
        /// The client order id; the venue's own orders use `autoclose-…` (liquidation), `adl_autoclose…`,
        /// `settlement_autoclose-…` and `delivery_autoclose-…`.
        public let clientOrderID: String
        public let side: String
        public let orderType: String
        public let timeInForce: String
        public let quantity: BinanceNumber
        public let price: BinanceNumber?
        public let averagePrice: BinanceNumber?
        public let stopPrice: BinanceNumber?
        /// `NEW`, `CANCELED`, `CALCULATED` (liquidation or ADL), `EXPIRED`, `TRADE`, `AMENDMENT`.
        public let executionType: String
        /// `NEW`, `PARTIALLY_FILLED`, `FILLED`, `CANCELED`, `EXPIRED`, `EXPIRED_IN_MATCH`, `NEW_ADL`, `NEW_INSURANCE`.
        public let status: String
        public let orderID: Int64
        public let lastFilledQuantity: BinanceNumber
        public let filledQuantity: BinanceNumber
        public let lastFilledPrice: BinanceNumber
        public let commissionAsset: String?
        public let commission: BinanceNumber?
        public let tradeTime: Int64
        public let tradeID: Int64
        public let isMaker: Bool
        public let isReduceOnly: Bool
        public let positionSide: String?
        public let realizedProfit: BinanceNumber?

        enum CodingKeys: String, CodingKey {
            case symbol = "s"
            case clientOrderID = "c"
            case side = "S"
            case orderType = "o"
            case timeInForce = "f"
            case quantity = "q"
            case price = "p"
            case averagePrice = "ap"
            case stopPrice = "sp"
            case executionType = "x"
            case status = "X"
            case orderID = "i"
            case lastFilledQuantity = "l"
            case filledQuantity = "z"
            case lastFilledPrice = "L"
            case commissionAsset = "N"
            case commission = "n"
            case tradeTime = "T"
            case tradeID = "t"
            case isMaker = "m"
            case isReduceOnly = "R"
            case positionSide = "ps"
            case realizedProfit = "rp"
        }
    }

    public let eventTime: Int64
    public let transactionTime: Int64
    public let order: Order

    enum CodingKeys: String, CodingKey {
        case eventTime = "E"
        case transactionTime = "T"
        case order = "o"
    }
}

/// A `TRADE_LITE` event: the fill, sent ahead of the `ORDER_TRADE_UPDATE` (no fee).
public struct BinanceTradeLiteWire: Hashable, Sendable, Decodable {
    public let eventTime: Int64
    public let transactionTime: Int64
    public let symbol: String
    public let clientOrderID: String
    public let side: String
    public let quantity: BinanceNumber
    public let price: BinanceNumber
    public let orderID: Int64
    public let lastFilledQuantity: BinanceNumber
    public let lastFilledPrice: BinanceNumber
    public let tradeID: Int64
    public let isMaker: Bool

    enum CodingKeys: String, CodingKey {
        case eventTime = "E"
        case transactionTime = "T"
        case symbol = "s"
        case clientOrderID = "c"
        case side = "S"
        case quantity = "q"
        case price = "p"
        case orderID = "i"
        case lastFilledQuantity = "l"
        case lastFilledPrice = "L"
        case tradeID = "t"
        case isMaker = "m"
    }
}

/// An `ALGO_UPDATE` event: a conditional (algo) order on USD-M.
public struct BinanceAlgoUpdateWire: Hashable, Sendable, Decodable {
    public struct Order: Hashable, Sendable, Decodable {
        public let clientAlgoID: String
        public let algoID: Int64
        public let algoType: String
        public let orderType: String
        public let symbol: String
        public let side: String
        public let quantity: BinanceNumber
        /// `NEW`, `CANCELED`, `TRIGGERING`, `TRIGGERED`, `FINISHED`, `REJECTED`, `EXPIRED`.
        public let status: String
        /// The order placed when it triggered, once it has.
        public let triggeredOrderID: String?
        public let averagePrice: BinanceNumber?
        public let filledQuantity: BinanceNumber?
        public let triggerPrice: BinanceNumber?
        public let price: BinanceNumber?
        public let rejectReason: String?

        enum CodingKeys: String, CodingKey {
            case clientAlgoID = "caid"
            case algoID = "aid"
            case algoType = "at"
            case orderType = "o"
            case symbol = "s"
            case side = "S"
            case quantity = "q"
            case status = "X"
            case triggeredOrderID = "ai"
            case averagePrice = "ap"
            case filledQuantity = "aq"
            case triggerPrice = "tp"
            case price = "p"
            case rejectReason = "rm"
        }
    }

    public let eventTime: Int64
    public let transactionTime: Int64
    public let order: Order

    enum CodingKeys: String, CodingKey {
        case eventTime = "E"
        case transactionTime = "T"
        case order = "o"
    }
}

/// A spot `executionReport` event.
public struct BinanceExecutionReportWire: Hashable, Sendable, Decodable {
    public let eventTime: Int64
    public let symbol: String
    /// The client id of this event's request (for a cancel, the cancel's own id).
    public let clientOrderID: String
    /// For a cancel: the id of the order cancelled.
    public let originalClientOrderID: String?
    public let side: String
    public let orderType: String
    public let timeInForce: String
    public let quantity: BinanceNumber
    public let price: BinanceNumber
    public let stopPrice: BinanceNumber?
    /// `NEW`, `CANCELED`, `REPLACED`, `REJECTED`, `TRADE`, `EXPIRED`, `TRADE_PREVENTION`, `CALCULATED`.
    public let executionType: String
    public let status: String
    public let rejectReason: String
    public let orderID: Int64
    public let lastExecutedQuantity: BinanceNumber
    public let cumulativeQuantity: BinanceNumber
    public let lastExecutedPrice: BinanceNumber
    public let commission: BinanceNumber?
    public let commissionAsset: String?
    public let transactionTime: Int64
    /// -1 when the event is not a trade.
    public let tradeID: Int64
    public let isWorking: Bool
    public let isMaker: Bool
    public let creationTime: Int64
    public let cumulativeQuoteQuantity: BinanceNumber?
    public let expiryReason: String?

    enum CodingKeys: String, CodingKey {
        case eventTime = "E"
        case symbol = "s"
        case clientOrderID = "c"
        case originalClientOrderID = "C"
        case side = "S"
        case orderType = "o"
        case timeInForce = "f"
        case quantity = "q"
        case price = "p"
        case stopPrice = "P"
        case executionType = "x"
        case status = "X"
        case rejectReason = "r"
        case orderID = "i"
        case lastExecutedQuantity = "l"
        case cumulativeQuantity = "z"
        case lastExecutedPrice = "L"
        case commission = "n"
        case commissionAsset = "N"
        case transactionTime = "T"
        case tradeID = "t"
        case isWorking = "w"
        case isMaker = "m"
        case creationTime = "O"
        case cumulativeQuoteQuantity = "Z"
        case expiryReason = "eR"
    }
}

/// A spot `listStatus` event (an order list such as an OCO).
public struct BinanceListStatusWire: Hashable, Sendable, Decodable {
    public struct Member: Hashable, Sendable, Decodable {
        public let symbol: String
        public let orderID: Int64
        public let clientOrderID: String

        enum CodingKeys: String, CodingKey {
            case symbol = "s"
            case orderID = "i"
            case clientOrderID = "c"
        }
    }

    public let symbol: String
    public let orderListID: Int64
    public let contingencyType: String
    public let listStatusType: String
    public let listOrderStatus: String
    public let listClientOrderID: String
    public let orders: [Member]

    enum CodingKeys: String, CodingKey {
        case symbol = "s"
        case orderListID = "g"
        case contingencyType = "c"
        case listStatusType = "l"
        case listOrderStatus = "L"
        case listClientOrderID = "C"
        case orders = "O"
    }
}

/// An order as the REST API reports it (spot and futures place, query, cancel and open-order answers).
public struct BinanceOrderWire: Hashable, Sendable, Decodable {
    public let symbol: String
    public let orderId: Int64
    public let clientOrderId: String
    /// In cancel answers: the id of the order cancelled (`clientOrderId` is then the cancel's).
    public let origClientOrderId: String?
    public let price: BinanceNumber
    public let origQty: BinanceNumber
    public let executedQty: BinanceNumber
    /// `NEW`, `PARTIALLY_FILLED`, `FILLED`, `CANCELED`, `REJECTED`, `EXPIRED`, ….
    public let status: String
    public let timeInForce: String
    public let type: String
    public let side: String
    public let stopPrice: BinanceNumber?
    public let avgPrice: BinanceNumber?
    public let reduceOnly: Bool?
    public let positionSide: String?
    public let time: Int64?
    public let updateTime: Int64?
    public let transactTime: Int64?
    /// Spot `newOrderRespType=FULL`: the trades the order made at once.
    public let fills: [Fill]?

    public struct Fill: Hashable, Sendable, Decodable {
        public let price: BinanceNumber
        public let qty: BinanceNumber
        public let commission: BinanceNumber
        public let commissionAsset: String
        public let tradeId: Int64
    }
}

/// An order list in a spot `DELETE /api/v3/openOrders` answer (the OCO's member orders, cancelled).
public struct BinanceOrderListWire: Hashable, Sendable, Decodable {
    public let orderListId: Int64
    public let contingencyType: String
    public let listStatusType: String
    public let listClientOrderId: String
    public let symbol: String
    public let orderReports: [BinanceOrderWire]
}

/// One item of a spot cancel-all answer: a single order or an order list.
public enum BinanceCancelledItemWire: Hashable, Sendable, Decodable {
    case order(BinanceOrderWire)
    case orderList(BinanceOrderListWire)

    public init(from decoder: any Decoder) throws {
        if let list = try? BinanceOrderListWire(from: decoder) {
            self = .orderList(list)
        } else {
            self = .order(try BinanceOrderWire(from: decoder))
        }
    }
}

/// One of our trades: spot `GET /api/v3/myTrades` (`isBuyer`, `isMaker`) and futures `GET /fapi/v1/userTrades`
/// (`side`, `maker`, `realizedPnl`).
public struct BinanceAccountTradeWire: Hashable, Sendable, Decodable {
    public let symbol: String
    public let id: Int64
    public let orderId: Int64
    public let side: String?
    public let price: BinanceNumber
    public let qty: BinanceNumber
    public let commission: BinanceNumber
    public let commissionAsset: String
    public let time: Int64
    public let isBuyer: Bool?
    public let isMaker: Bool?
    public let buyer: Bool?
    public let maker: Bool?
    public let realizedPnl: BinanceNumber?
    public let marginAsset: String?
    public let positionSide: String?
}

/// An open conditional order of `GET /fapi/v1/openAlgoOrders`.
public struct BinanceAlgoOrderWire: Hashable, Sendable, Decodable {
    public let algoId: Int64
    public let clientAlgoId: String
    public let algoType: String
    public let type: String
    public let symbol: String
    public let side: String
    public let quantity: BinanceNumber
    public let algoStatus: String
    public let triggerPrice: BinanceNumber?
    public let price: BinanceNumber?
    public let reduceOnly: Bool?
    public let createTime: Int64
}
