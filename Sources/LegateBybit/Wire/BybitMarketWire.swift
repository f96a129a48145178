public import LegateVenues

/// An `orderbook.{depth}.{symbol}` push, or the result of `GET /v5/market/orderbook`.
///
/// `u` is the update id (consecutive per stream; 1 after a service restart), `seq` the cross sequence.
public struct BybitBookWire: Hashable, Sendable, Decodable {
    public let symbol: String
    public let bids: [BybitBookLevel]
    public let asks: [BybitBookLevel]
    public let updateID: Int64
    public let crossSequence: Int64?
    /// The REST result carries its own time; pushes carry it on the envelope.
    public let ts: Int64?
    /// The matching engine's time of the update (ms).
    public let cts: Int64?

    enum CodingKeys: String, CodingKey {
        case symbol = "s"
        case bids = "b"
        case asks = "a"
        case updateID = "u"
        case crossSequence = "seq"
        case ts
        case cts
    }
}

/// `["price","size"]`; size `"0"` deletes the level in a delta.
public typealias BybitBookLevel = WireBookLevel

/// A `tickers.{symbol}` push. Linear and inverse tickers carry `bid1Price`, funding and open interest; option tickers
/// carry `bidPrice`, IVs as fractions (`"0.4896"` = 48.96%), the underlying price and Greeks.
///
/// Linear and inverse streams send a snapshot, then deltas holding only the fields that changed: a delta has to be
/// laid over the last snapshot before it is translated.
public struct BybitTickerWire: Hashable, Sendable, Decodable {
    public let symbol: String
    public let lastPrice: BybitNumber?
    public let markPrice: BybitNumber?
    public let indexPrice: BybitNumber?
    public let openInterest: BybitNumber?
    public let fundingRate: BybitNumber?
    public let nextFundingTime: BybitMillis?
    public let fundingIntervalHour: BybitNumber?
    public let bid1Price: BybitNumber?
    public let bid1Size: BybitNumber?
    public let ask1Price: BybitNumber?
    public let ask1Size: BybitNumber?
    // Options.
    public let bidPrice: BybitNumber?
    public let bidSize: BybitNumber?
    public let bidIv: BybitNumber?
    public let askPrice: BybitNumber?
    public let askSize: BybitNumber?
    public let askIv: BybitNumber?
    public let markPriceIv: BybitNumber?
    public let underlyingPrice: BybitNumber?
    public let delta: BybitNumber?
    public let gamma: BybitNumber?
    public let vega: BybitNumber?
    public let theta: BybitNumber?
    public let predictedDeliveryPrice: BybitNumber?
}

extension BybitTickerWire {
    /// This delta laid over the last `snapshot` of the same symbol: each field the delta sends replaces the
    /// snapshot's, the rest stay (Bybit sends only what changed).
    public func laid(over snapshot: BybitTickerWire) -> BybitTickerWire {
        BybitTickerWire(
            symbol: symbol,
            lastPrice: lastPrice ?? snapshot.lastPrice,
            markPrice: markPrice ?? snapshot.markPrice,
            indexPrice: indexPrice ?? snapshot.indexPrice,
            openInterest: openInterest ?? snapshot.openInterest,
            fundingRate: fundingRate ?? snapshot.fundingRate,
            nextFundingTime: nextFundingTime ?? snapshot.nextFundingTime,
            fundingIntervalHour: fundingIntervalHour ?? snapshot.fundingIntervalHour,
            bid1Price: bid1Price ?? snapshot.bid1Price,
            bid1Size: bid1Size ?? snapshot.bid1Size,
            ask1Price: ask1Price ?? snapshot.ask1Price,
            ask1Size: ask1Size ?? snapshot.ask1Size,
            bidPrice: bidPrice ?? snapshot.bidPrice,
            bidSize: bidSize ?? snapshot.bidSize,
            bidIv: bidIv ?? snapshot.bidIv,
            askPrice: askPrice ?? snapshot.askPrice,
            askSize: askSize ?? snapshot.askSize,
            askIv: askIv ?? snapshot.askIv,
            markPriceIv: markPriceIv ?? snapshot.markPriceIv,
            underlyingPrice: underlyingPrice ?? snapshot.underlyingPrice,
            delta: delta ?? snapshot.delta,
            gamma: gamma ?? snapshot.gamma,
            vega: vega ?? snapshot.vega,
            theta: theta ?? snapshot.theta,
            predictedDeliveryPrice: predictedDeliveryPrice ?? snapshot.predictedDeliveryPrice
        )
    }
}

/// One print of a `publicTrade.{symbol}` push (the fixture's topic is `trade.linear.BTCUSDT`).
public struct BybitPublicTradeWire: Hashable, Sendable, Decodable {
    public let time: Int64
    public let symbol: String
    /// The taker's side, `Buy` or `Sell`.
    public let side: String
    public let size: BybitNumber
    public let price: BybitNumber
    public let tradeID: String
    public let isBlockTrade: Bool?

    enum CodingKeys: String, CodingKey {
        case time = "T"
        case symbol = "s"
        case side = "S"
        case size = "v"
        case price = "p"
        case tradeID = "i"
        case isBlockTrade = "BT"
    }
}

/// One print of `GET /v5/market/recent-trade`.
public struct BybitRecentTradeWire: Hashable, Sendable, Decodable {
    public let execId: String
    public let symbol: String
    public let price: BybitNumber
    public let size: BybitNumber
    public let side: String
    public let time: BybitMillis
    public let isBlockTrade: Bool?
}

/// One settled rate of `GET /v5/market/funding/history`.
public struct BybitFundingHistoryWire: Hashable, Sendable, Decodable {
    public let symbol: String
    public let fundingRate: BybitNumber
    public let fundingRateTimestamp: BybitMillis
}

/// One candle of a `kline.{interval}.{symbol}` push.
public struct BybitKlineWire: Hashable, Sendable, Decodable {
    public let start: Int64
    public let end: Int64
    public let interval: String
    public let open: BybitNumber
    public let close: BybitNumber
    public let high: BybitNumber
    public let low: BybitNumber
    public let volume: BybitNumber
    public let turnover: BybitNumber
    /// True once the candle is closed.
    public let confirm: Bool
    public let timestamp: Int64
}

/// `GET /v5/market/kline`: candles as `[start, open, high, low, close, volume, turnover]` strings, newest first.
public struct BybitKlineListWire: Hashable, Sendable, Decodable {
    public struct Row: Hashable, Sendable, Decodable {
        public let start: BybitMillis
        public let open: BybitNumber
        public let high: BybitNumber
        public let low: BybitNumber
        public let close: BybitNumber
        public let volume: BybitNumber
        public let turnover: BybitNumber

        public init(from decoder: any Decoder) throws {
            var container = try decoder.unkeyedContainer()
            start = try container.decode(BybitMillis.self)
            open = try container.decode(BybitNumber.self)
            high = try container.decode(BybitNumber.self)
            low = try container.decode(BybitNumber.self)
            close = try container.decode(BybitNumber.self)
            volume = try container.decode(BybitNumber.self)
            turnover = try container.decode(BybitNumber.self)
        }
    }

    public let category: String
    public let symbol: String
    public let list: [Row]
}
