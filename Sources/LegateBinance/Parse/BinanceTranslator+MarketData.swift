public import LegateCore
public import LegateModel
public import LegateSymbology
import LegateVenues

/// Best bid and ask from a `bookTicker`: the model's ticker needs a mark price, which this stream does not carry.
public struct BinanceTopOfBook: Hashable, Sendable {
    public let instrument: Instrument
    public let bid: BookLevel
    public let ask: BookLevel
    public let updateID: Int64?
    public let at: UnixNanos?
}

// MARK: - Books, marks, funding, trades

extension BinanceTranslator {
    /// A `depthUpdate` as a delta; its sequence is `U`…`u` with `pu` as the previous (futures only).
    public static func depthUpdate(
        _ wire: BinanceDepthUpdateWire,
        market: Market,
        quotes: QuoteAssetTable? = nil
    ) throws(BinanceParseError) -> BookUpdate {
        BookUpdate(
            venue: .binance,
            instrument: try instrument(wire.symbol, market: market, quotes: quotes),
            kind: .delta,
            bids: levels(wire.bids),
            asks: levels(wire.asks),
            sequence: BookSequence(
                first: wire.firstUpdateID,
                last: wire.finalUpdateID,
                previous: wire.previousFinalUpdateID
            ),
            at: try instant(millis: wire.transactionTime ?? wire.eventTime, of: "depthUpdate of \(wire.symbol)")
        )
    }

    /// A REST depth answer as a snapshot at `lastUpdateId`. Spot answers carry no time: `receivedAt` dates them.
    public static func depthSnapshot(
        _ wire: BinanceDepthSnapshotWire,
        symbol: String,
        market: Market,
        receivedAt: UnixNanos,
        quotes: QuoteAssetTable? = nil
    ) throws(BinanceParseError) -> BookUpdate {
        let at = try (wire.transactionTime ?? wire.eventTime).map { (millis: Int64) throws(BinanceParseError) in
            try instant(millis: millis, of: "depth of \(symbol)")
        }
        return BookUpdate(
            venue: .binance,
            instrument: try instrument(symbol, market: market, quotes: quotes),
            kind: .snapshot,
            bids: levels(wire.bids),
            asks: levels(wire.asks),
            sequence: BookSequence(first: wire.lastUpdateId, last: wire.lastUpdateId, previous: nil),
            at: at ?? receivedAt
        )
    }

    static func levels(_ entries: [BinanceBookLevel]) -> [BookLevel] {
        entries.map { BookLevel(price: $0.price.price, quantity: $0.quantity.quantity) }
    }

    /// A `bookTicker` event's best levels.
    public static func topOfBook(
        _ wire: BinanceBookTickerWire,
        market: Market,
        quotes: QuoteAssetTable? = nil
    ) throws(BinanceParseError) -> BinanceTopOfBook {
        let millis = wire.transactionTime ?? wire.eventTime
        return BinanceTopOfBook(
            instrument: try instrument(wire.symbol, market: market, quotes: quotes),
            bid: BookLevel(price: wire.bidPrice.price, quantity: wire.bidQuantity.quantity),
            ask: BookLevel(price: wire.askPrice.price, quantity: wire.askQuantity.quantity),
            updateID: wire.updateID,
            at: try millis.map { (value: Int64) throws(BinanceParseError) in
                try instant(millis: value, of: "bookTicker of \(wire.symbol)")
            }
        )
    }

    /// A REST book ticker's best levels.
    public static func topOfBook(
        _ wire: BinanceRESTBookTickerWire,
        market: Market,
        quotes: QuoteAssetTable? = nil
    ) throws(BinanceParseError) -> BinanceTopOfBook {
        BinanceTopOfBook(
            instrument: try instrument(wire.symbol, market: market, quotes: quotes),
            bid: BookLevel(price: wire.bidPrice.price, quantity: wire.bidQty.quantity),
            ask: BookLevel(price: wire.askPrice.price, quantity: wire.askQty.quantity),
            updateID: nil,
            at: try wire.time.map { (value: Int64) throws(BinanceParseError) in
                try instant(millis: value, of: "bookTicker of \(wire.symbol)")
            }
        )
    }

    /// A USD-M `markPriceUpdate`: the mark and index as a ticker, and the funding rate with its next payment time.
    /// Binance does not say the funding interval here (8 h for most symbols, shorter for some).
    public static func marketData(_ wire: BinanceMarkPriceWire) throws(BinanceParseError) -> [MarketData] {
        try markAndFunding(
            symbol: wire.symbol,
            mark: wire.markPrice,
            index: wire.indexPrice,
            rate: wire.fundingRate,
            nextFunding: wire.nextFundingTime,
            millis: wire.eventTime
        )
    }

    /// `GET /fapi/v1/premiumIndex`: the same as the mark price stream.
    public static func marketData(_ wire: BinancePremiumIndexWire) throws(BinanceParseError) -> [MarketData] {
        try markAndFunding(
            symbol: wire.symbol,
            mark: wire.markPrice,
            index: wire.indexPrice,
            rate: wire.lastFundingRate,
            nextFunding: wire.nextFundingTime,
            millis: wire.time
        )
    }

    static func markAndFunding(
        symbol: String,
        mark: BinanceNumber,
        index: BinanceNumber,
        rate: BinanceNumber,
        nextFunding: Int64,
        millis: Int64
    ) throws(BinanceParseError) -> [MarketData] {
        let instrument = try instrument(symbol, market: .linear)
        let at = try instant(millis: millis, of: "mark price of \(symbol)")
        let ticker = Ticker(
            venue: .binance,
            instrument: instrument,
            markPrice: mark.price,
            indexPrice: index.price,
            at: at
        )
        let funding = FundingRate(
            venue: .binance,
            instrument: instrument,
            rate: rate.value,
            intervalNanos: nil,
            nextFundingAt: try instant(millis: nextFunding, of: "next funding of \(symbol)"),
            at: at
        )
        return [.ticker(ticker), .funding(funding)]
    }

    /// Settled funding rates, each dated when it was paid.
    public static func fundingRates(_ wires: [BinanceFundingRateWire]) throws(BinanceParseError) -> [FundingRate] {
        var rates: [FundingRate] = []
        for wire in wires {
            rates.append(
                FundingRate(
                    venue: .binance,
                    instrument: try instrument(wire.symbol, market: .linear),
                    rate: wire.fundingRate.value,
                    intervalNanos: nil,
                    nextFundingAt: nil,
                    at: try instant(millis: wire.fundingTime, of: "funding of \(wire.symbol)")
                )
            )
        }
        return rates
    }

    /// An aggregate trade (stream or REST); its id is the aggregate id. REST items carry no symbol: pass it.
    public static func trade(
        _ wire: BinanceAggTradeWire,
        symbol: String? = nil,
        market: Market,
        quotes: QuoteAssetTable? = nil
    ) throws(BinanceParseError) -> Trade {
        guard let name = wire.symbol ?? symbol else {
            throw .missingField(field: "s", in: "aggTrade \(wire.aggregateID)")
        }
        return Trade(
            venue: .binance,
            instrument: try instrument(name, market: market, quotes: quotes),
            tradeID: String(wire.aggregateID),
            price: wire.price.price,
            quantity: wire.quantity.quantity,
            aggressor: aggressor(buyerIsMaker: wire.buyerIsMaker),
            at: try instant(millis: wire.tradeTime, of: "aggTrade \(wire.aggregateID)")
        )
    }

    /// A `trade` event.
    public static func trade(
        _ wire: BinanceTradeEventWire,
        market: Market,
        quotes: QuoteAssetTable? = nil
    ) throws(BinanceParseError) -> Trade {
        Trade(
            venue: .binance,
            instrument: try instrument(wire.symbol, market: market, quotes: quotes),
            tradeID: String(wire.tradeID),
            price: wire.price.price,
            quantity: wire.quantity.quantity,
            aggressor: aggressor(buyerIsMaker: wire.buyerIsMaker),
            at: try instant(millis: wire.tradeTime, of: "trade \(wire.tradeID)")
        )
    }

    /// An item of `trades` or `historicalTrades`, which carry no symbol.
    public static func trade(
        _ wire: BinanceRESTTradeWire,
        symbol: String,
        market: Market,
        quotes: QuoteAssetTable? = nil
    ) throws(BinanceParseError) -> Trade {
        Trade(
            venue: .binance,
            instrument: try instrument(symbol, market: market, quotes: quotes),
            tradeID: String(wire.id),
            price: wire.price.price,
            quantity: wire.qty.quantity,
            aggressor: aggressor(buyerIsMaker: wire.isBuyerMaker),
            at: try instant(millis: wire.time, of: "trade \(wire.id)")
        )
    }
}
