public import LegateVenues

/// A `depthUpdate` of the diff-depth stream: USD-M carries `pu` (the previous event's `u`), spot does not.
public struct BinanceDepthUpdateWire: Hashable, Sendable, Decodable {
    public let eventTime: Int64
    /// Futures: the matching engine's time.
    public let transactionTime: Int64?
    public let symbol: String
    public let firstUpdateID: Int64
    public let finalUpdateID: Int64
    public let previousFinalUpdateID: Int64?
    public let bids: [BinanceBookLevel]
    public let asks: [BinanceBookLevel]

    enum CodingKeys: String, CodingKey {
        case eventTime = "E"
        case transactionTime = "T"
        case symbol = "s"
        case firstUpdateID = "U"
        case finalUpdateID = "u"
        case previousFinalUpdateID = "pu"
        case bids = "b"
        case asks = "a"
    }
}

/// `GET /api/v3/depth`, `GET /fapi/v1/depth`: the snapshot a diff stream is synchronised from.
public struct BinanceDepthSnapshotWire: Hashable, Sendable, Decodable {
    public let lastUpdateId: Int64
    /// Futures only.
    public let eventTime: Int64?
    public let transactionTime: Int64?
    public let bids: [BinanceBookLevel]
    public let asks: [BinanceBookLevel]

    enum CodingKeys: String, CodingKey {
        case lastUpdateId
        case eventTime = "E"
        case transactionTime = "T"
        case bids
        case asks
    }
}

/// `["price","quantity"]`; quantity `"0"` deletes the level.
public typealias BinanceBookLevel = WireBookLevel

/// A `bookTicker` event (best bid and ask as they change).
public struct BinanceBookTickerWire: Hashable, Sendable, Decodable {
    public let updateID: Int64
    public let symbol: String
    public let bidPrice: BinanceNumber
    public let bidQuantity: BinanceNumber
    public let askPrice: BinanceNumber
    public let askQuantity: BinanceNumber
    public let transactionTime: Int64?
    public let eventTime: Int64?

    enum CodingKeys: String, CodingKey {
        case updateID = "u"
        case symbol = "s"
        case bidPrice = "b"
        case bidQuantity = "B"
        case askPrice = "a"
        case askQuantity = "A"
        case transactionTime = "T"
        case eventTime = "E"
    }
}

/// `GET /api/v3/ticker/bookTicker`, `GET /fapi/v1/ticker/bookTicker`.
public struct BinanceRESTBookTickerWire: Hashable, Sendable, Decodable {
    public let symbol: String
    public let bidPrice: BinanceNumber
    public let bidQty: BinanceNumber
    public let askPrice: BinanceNumber
    public let askQty: BinanceNumber
    /// Futures only.
    public let time: Int64?
}

/// A `markPriceUpdate` event (USD-M): mark, index, the funding rate and when it is next paid.
public struct BinanceMarkPriceWire: Hashable, Sendable, Decodable {
    public let eventTime: Int64
    public let symbol: String
    public let markPrice: BinanceNumber
    public let indexPrice: BinanceNumber
    public let estimatedSettlePrice: BinanceNumber?
    public let fundingRate: BinanceNumber
    public let nextFundingTime: Int64

    enum CodingKeys: String, CodingKey {
        case eventTime = "E"
        case symbol = "s"
        case markPrice = "p"
        case indexPrice = "i"
        case estimatedSettlePrice = "P"
        case fundingRate = "r"
        case nextFundingTime = "T"
    }
}

/// `GET /fapi/v1/premiumIndex`: the same facts as the mark price stream.
public struct BinancePremiumIndexWire: Hashable, Sendable, Decodable {
    public let symbol: String
    public let markPrice: BinanceNumber
    public let indexPrice: BinanceNumber
    public let estimatedSettlePrice: BinanceNumber?
    public let lastFundingRate: BinanceNumber
    public let nextFundingTime: Int64
    public let interestRate: BinanceNumber?
    public let time: Int64
}

/// One settled rate of `GET /fapi/v1/fundingRate`.
public struct BinanceFundingRateWire: Hashable, Sendable, Decodable {
    public let symbol: String
    public let fundingRate: BinanceNumber
    public let fundingTime: Int64
}

/// An `aggTrade` event, or an item of `GET …/aggTrades` (which has no event fields).
public struct BinanceAggTradeWire: Hashable, Sendable, Decodable {
    public let symbol: String?
    public let aggregateID: Int64
    public let price: BinanceNumber
    public let quantity: BinanceNumber
    public let firstTradeID: Int64
    public let lastTradeID: Int64
    public let tradeTime: Int64
    /// True when the buyer was the maker: the taker sold.
    public let buyerIsMaker: Bool

    enum CodingKeys: String, CodingKey {
        case symbol = "s"
        case aggregateID = "a"
        case price = "p"
        case quantity = "q"
        case firstTradeID = "f"
        case lastTradeID = "l"
        case tradeTime = "T"
        case buyerIsMaker = "m"
    }
}

/// A `trade` event.
public struct BinanceTradeEventWire: Hashable, Sendable, Decodable {
    public let symbol: String
    public let tradeID: Int64
    public let price: BinanceNumber
    public let quantity: BinanceNumber
    public let tradeTime: Int64
    public let buyerIsMaker: Bool

    enum CodingKeys: String, CodingKey {
        case symbol = "s"
        case tradeID = "t"
        case price = "p"
        case quantity = "q"
        case tradeTime = "T"
        case buyerIsMaker = "m"
    }
}

/// An item of `GET …/trades` and `…/historicalTrades`.
public struct BinanceRESTTradeWire: Hashable, Sendable, Decodable {
    public let id: Int64
    public let price: BinanceNumber
    public let qty: BinanceNumber
    public let quoteQty: BinanceNumber?
    public let time: Int64
    public let isBuyerMaker: Bool
}

/// A `24hrTicker` event: rolling statistics (no mark price, so no model ticker).
public struct BinanceDailyTickerWire: Hashable, Sendable, Decodable {
    public let eventTime: Int64
    public let symbol: String
    public let priceChange: BinanceNumber
    public let priceChangePercent: BinanceNumber
    public let weightedAveragePrice: BinanceNumber
    public let lastPrice: BinanceNumber
    public let lastQuantity: BinanceNumber
    public let openPrice: BinanceNumber
    public let highPrice: BinanceNumber
    public let lowPrice: BinanceNumber
    public let volume: BinanceNumber
    public let quoteVolume: BinanceNumber
    public let bidPrice: BinanceNumber?
    public let askPrice: BinanceNumber?
    public let tradeCount: Int64

    enum CodingKeys: String, CodingKey {
        case eventTime = "E"
        case symbol = "s"
        case priceChange = "p"
        case priceChangePercent = "P"
        case weightedAveragePrice = "w"
        case lastPrice = "c"
        case lastQuantity = "Q"
        case openPrice = "o"
        case highPrice = "h"
        case lowPrice = "l"
        case volume = "v"
        case quoteVolume = "q"
        case bidPrice = "b"
        case askPrice = "a"
        case tradeCount = "n"
    }
}

/// `GET /api/v3/ticker/24hr`, `GET /fapi/v1/ticker/24hr`.
public struct BinanceRESTDailyTickerWire: Hashable, Sendable, Decodable {
    public let symbol: String
    public let priceChange: BinanceNumber
    public let lastPrice: BinanceNumber
    public let highPrice: BinanceNumber
    public let lowPrice: BinanceNumber
    public let volume: BinanceNumber
    public let bidPrice: BinanceNumber?
    public let askPrice: BinanceNumber?
    public let openTime: Int64
    public let closeTime: Int64
    public let count: Int64
}

/// A `kline` event.
public struct BinanceKlineEventWire: Hashable, Sendable, Decodable {
    public struct Kline: Hashable, Sendable, Decodable {
        public let start: Int64
        public let end: Int64
        public let interval: String
        public let open: BinanceNumber
        public let close: BinanceNumber
        public let high: BinanceNumber
        public let low: BinanceNumber
        public let volume: BinanceNumber
        public let tradeCount: Int64
        public let isClosed: Bool

        enum CodingKeys: String, CodingKey {
            case start = "t"
            case end = "T"
            case interval = "i"
            case open = "o"
            case close = "c"
            case high = "h"
            case low = "l"
            case volume = "v"
            case tradeCount = "n"
            case isClosed = "x"
        }
    }

    public let eventTime: Int64
    public let symbol: String
    public let kline: Kline

    enum CodingKeys: String, CodingKey {
        case eventTime = "E"
        case symbol = "s"
        case kline = "k"
    }
}

/// One row of the kline endpoints (`klines`, `continuousKlines`, `markPriceKlines`, `indexPriceKlines`, BLVT NAV):
/// `[openTime, open, high, low, close, volume, closeTime, quoteVolume, trades, takerBase, takerQuote, ignore]`.
public struct BinanceKlineRow: Hashable, Sendable, Decodable {
    public let openTime: Int64
    public let open: BinanceNumber
    public let high: BinanceNumber
    public let low: BinanceNumber
    public let close: BinanceNumber
    public let volume: BinanceNumber
    public let closeTime: Int64
    public let quoteVolume: BinanceNumber
    public let tradeCount: Int64

    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        openTime = try container.decode(Int64.self)
        open = try container.decode(BinanceNumber.self)
        high = try container.decode(BinanceNumber.self)
        low = try container.decode(BinanceNumber.self)
        close = try container.decode(BinanceNumber.self)
        volume = try container.decode(BinanceNumber.self)
        closeTime = try container.decode(Int64.self)
        quoteVolume = try container.decode(BinanceNumber.self)
        tradeCount = try container.decode(Int64.self)
    }
}

/// A `forceOrder` event: someone's liquidation order (market information, not ours).
public struct BinanceLiquidationWire: Hashable, Sendable, Decodable {
    public struct Order: Hashable, Sendable, Decodable {
        public let symbol: String
        public let side: String
        public let quantity: BinanceNumber
        public let price: BinanceNumber
        public let averagePrice: BinanceNumber
        public let status: String
        public let tradeTime: Int64

        enum CodingKeys: String, CodingKey {
            case symbol = "s"
            case side = "S"
            case quantity = "q"
            case price = "p"
            case averagePrice = "ap"
            case status = "X"
            case tradeTime = "T"
        }
    }

    public let eventTime: Int64
    public let order: Order

    enum CodingKeys: String, CodingKey {
        case eventTime = "E"
        case order = "o"
    }
}

/// `GET …/ticker/price` and `GET /api/v3/avgPrice` (`price`, and `mins`/`closeTime` for the average).
public struct BinancePriceWire: Hashable, Sendable, Decodable {
    public let symbol: String?
    public let price: BinanceNumber
    public let time: Int64?
    public let mins: Int?
    public let closeTime: Int64?
}

/// `GET /fapi/v1/openInterest`.
public struct BinanceOpenInterestWire: Hashable, Sendable, Decodable {
    public let symbol: String
    public let openInterest: BinanceNumber
    public let time: Int64
}

/// One row of `GET /futures/data/openInterestHist`.
public struct BinanceOpenInterestHistoryWire: Hashable, Sendable, Decodable {
    public let symbol: String
    public let sumOpenInterest: BinanceNumber
    public let sumOpenInterestValue: BinanceNumber
    public let timestamp: BinanceMillis
}

/// One row of the long/short ratio endpoints (global accounts, top accounts, top positions).
public struct BinanceLongShortRatioWire: Hashable, Sendable, Decodable {
    public let symbol: String
    public let longShortRatio: BinanceNumber
    public let longAccount: BinanceNumber
    public let shortAccount: BinanceNumber
    public let timestamp: BinanceMillis
}

/// One row of `GET /futures/data/takerlongshortRatio`.
public struct BinanceTakerRatioWire: Hashable, Sendable, Decodable {
    public let buySellRatio: BinanceNumber
    public let buyVol: BinanceNumber
    public let sellVol: BinanceNumber
    public let timestamp: BinanceMillis
}

/// One composite index of `GET /fapi/v1/indexInfo`.
public struct BinanceIndexInfoWire: Hashable, Sendable, Decodable {
    public struct Component: Hashable, Sendable, Decodable {
        public let baseAsset: String
        public let quoteAsset: String
        public let weightInQuantity: BinanceNumber
        public let weightInPercentage: BinanceNumber
    }

    public let symbol: String
    public let time: Int64
    public let component: String
    public let baseAssetList: [Component]
}

/// `GET /fapi/v1/assetIndex`: a multi-assets-mode collateral index.
public struct BinanceAssetIndexWire: Hashable, Sendable, Decodable {
    public let symbol: String
    public let time: Int64
    public let index: BinanceNumber
    public let bidBuffer: BinanceNumber
    public let askBuffer: BinanceNumber
    public let bidRate: BinanceNumber
    public let askRate: BinanceNumber
}

/// `GET /api/v3/time`.
public struct BinanceServerTimeWire: Hashable, Sendable, Decodable {
    public let serverTime: Int64
}
