public import LegateVenues

// Binance European options (`eapi`) messages, as the options API documents them
// (developers.binance.com, derivatives/option: "Event: Order update", "New Order", "Option Position Information",
// "Option Margin Account Information", websocket streams "Mark Price" and "Partial Book Depth"). Sizes are in contracts.

/// An options `ORDER_TRADE_UPDATE`: unlike futures, `o` is a list, the order id is a string, the side is the sign of
/// `q`, and the fills ride along in `fi`.
public struct BinanceOptionOrderUpdateWire: Hashable, Sendable, Decodable {
    public struct Order: Hashable, Sendable, Decodable {
        public let createTime: Int64
        public let updateTime: Int64
        public let symbol: String
        public let clientOrderID: String?
        public let orderID: String
        public let price: BinanceNumber
        /// Positive for a buy, negative for a sell.
        public let quantity: BinanceNumber
        public let reduceOnly: Bool?
        public let postOnly: Bool?
        public let status: String
        public let executedQuantity: BinanceNumber?
        public let fee: BinanceNumber?
        public let timeInForce: String?
        public let orderType: String?
        public let fills: [Fill]?

        enum CodingKeys: String, CodingKey {
            case createTime = "T"
            case updateTime = "t"
            case symbol = "s"
            case clientOrderID = "c"
            case orderID = "oid"
            case price = "p"
            case quantity = "q"
            case reduceOnly = "r"
            case postOnly = "po"
            case status = "S"
            case executedQuantity = "e"
            case fee = "f"
            case timeInForce = "tif"
            case orderType = "oty"
            case fills = "fi"
        }
    }

    public struct Fill: Hashable, Sendable, Decodable {
        public let tradeID: String
        public let price: BinanceNumber
        public let quantity: BinanceNumber
        public let time: Int64
        /// `MAKER` or `TAKER`.
        public let liquidity: String?
        /// Commission (positive) or rebate (negative), in the quote asset.
        public let fee: BinanceNumber?

        enum CodingKeys: String, CodingKey {
            case tradeID = "t"
            case price = "p"
            case quantity = "q"
            case time = "T"
            case liquidity = "m"
            case fee = "f"
        }
    }

    public let eventTime: Int64
    public let orders: [Order]

    enum CodingKeys: String, CodingKey {
        case eventTime = "E"
        case orders = "o"
    }
}

/// An options order as the REST API answers it (place, cancel, open orders).
public struct BinanceOptionOrderWire: Hashable, Sendable, Decodable {
    public let orderId: Int64
    public let symbol: String
    public let price: BinanceNumber
    public let quantity: BinanceNumber
    public let executedQty: BinanceNumber
    public let fee: BinanceNumber?
    public let side: String
    public let type: String
    public let timeInForce: String?
    public let reduceOnly: Bool?
    public let postOnly: Bool?
    public let createTime: Int64?
    public let updateTime: Int64?
    /// `ACCEPTED`, `REJECTED`, `PARTIALLY_FILLED`, `FILLED`, `CANCELLED`.
    public let status: String
    public let avgPrice: BinanceNumber?
    public let clientOrderId: String?
    public let quoteAsset: String?
}

/// One position of `GET /eapi/v1/position`: `quantity` is signed (short is negative), in contracts.
public struct BinanceOptionPositionWire: Hashable, Sendable, Decodable {
    public let entryPrice: BinanceNumber
    public let symbol: String
    public let side: String
    public let quantity: BinanceNumber
    public let markPrice: BinanceNumber?
    public let unrealizedPNL: BinanceNumber?
    public let quoteAsset: String?
}

/// `GET /eapi/v1/marginAccount`: per-asset equity and margin.
public struct BinanceOptionMarginAccountWire: Hashable, Sendable, Decodable {
    public struct Asset: Hashable, Sendable, Decodable {
        public let asset: String
        public let marginBalance: BinanceNumber
        public let equity: BinanceNumber
        public let available: BinanceNumber
        public let initialMargin: BinanceNumber?
        public let maintMargin: BinanceNumber?
        public let unrealizedPNL: BinanceNumber?
    }

    public let asset: [Asset]
    public let time: Int64?
}

/// One item of the `<underlying>@optionMarkPrice` stream: mark, index, best levels, IVs and Greeks of one option.
/// An IV of `-1` means no quote on that side.
public struct BinanceOptionMarkWire: Hashable, Sendable, Decodable {
    public let symbol: String
    public let markPrice: BinanceNumber
    public let eventTime: Int64
    public let indexPrice: BinanceNumber?
    public let bestBidPrice: BinanceNumber?
    public let bestAskPrice: BinanceNumber?
    public let bestBidQuantity: BinanceNumber?
    public let bestAskQuantity: BinanceNumber?
    public let bidIV: BinanceNumber?
    public let askIV: BinanceNumber?
    public let markIV: BinanceNumber?
    public let delta: BinanceNumber?
    public let theta: BinanceNumber?
    public let gamma: BinanceNumber?
    public let vega: BinanceNumber?

    enum CodingKeys: String, CodingKey {
        case symbol = "s"
        case markPrice = "mp"
        case eventTime = "E"
        case indexPrice = "i"
        case bestBidPrice = "bo"
        case bestAskPrice = "ao"
        case bestBidQuantity = "bq"
        case bestAskQuantity = "aq"
        case bidIV = "b"
        case askIV = "a"
        case markIV = "vo"
        case delta = "d"
        case theta = "t"
        case gamma = "g"
        case vega = "v"
    }
}

/// A `<symbol>@depth<N>` message of the options stream: a whole top-N book, not a diff.
public struct BinanceOptionDepthWire: Hashable, Sendable, Decodable {
    public let eventTime: Int64
    public let transactionTime: Int64?
    public let symbol: String
    public let updateID: Int64?
    public let previousUpdateID: Int64?
    public let bids: [BinanceBookLevel]
    public let asks: [BinanceBookLevel]

    enum CodingKeys: String, CodingKey {
        case eventTime = "E"
        case transactionTime = "T"
        case symbol = "s"
        case updateID = "u"
        case previousUpdateID = "pu"
        case bids = "b"
        case asks = "a"
    }
}

/// `{"listenKey":"…"}`, the answer to creating a user-data stream.
public struct BinanceListenKeyWire: Hashable, Sendable, Decodable {
    public let listenKey: String
}
