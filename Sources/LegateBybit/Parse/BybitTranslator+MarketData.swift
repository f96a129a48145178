import LegateCore
public import LegateModel
public import LegateSymbology
import LegateVenues

/// A book message with the two numbers Bybit sequences it by (`BybitBookSequencer` takes both).
public struct BybitBookMessage: Hashable, Sendable {
    public let update: BookUpdate
    /// `u`: consecutive per stream; 1 after a service restart.
    public let updateID: Int64
    /// `seq`: comparable across depths of one symbol.
    public let crossSequence: Int64?

    public var isSnapshot: Bool { update.kind == .snapshot }
}

// MARK: - Books, tickers, trades, funding

extension BybitTranslator {
    /// An `orderbook.{depth}.{symbol}` push; a size of zero deletes the level.
    public static func bookMessage(
        _ message: BybitTopicMessage<BybitBookWire>,
        category: Market
    ) throws(BybitParseError) -> BybitBookMessage {
        guard let millis = message.ts else { throw .missingField(field: "ts", in: message.topic) }
        guard message.type == "snapshot" || message.type == "delta" else {
            throw .unknownValue(field: "type", value: message.type ?? "", in: message.topic)
        }
        return try book(message.data, kind: message.isSnapshot ? .snapshot : .delta, millis: millis, category: category)
    }

    /// The result of `GET /v5/market/orderbook`: a snapshot (what a resync fetches when resubscribing is not wanted).
    public static func bookSnapshot(_ wire: BybitBookWire, category: Market) throws(BybitParseError) -> BybitBookMessage
    {
        guard let millis = wire.ts else { throw .missingField(field: "ts", in: "orderbook of \(wire.symbol)") }
        return try book(wire, kind: .snapshot, millis: millis, category: category)
    }

    static func book(
        _ wire: BybitBookWire,
        kind: BookUpdate.Kind,
        millis: Int64,
        category: Market
    ) throws(BybitParseError) -> BybitBookMessage {
        func levels(_ entries: [BybitBookLevel]) -> [BookLevel] {
            entries.map { BookLevel(price: $0.price.price, quantity: $0.quantity.quantity) }
        }
        let update = BookUpdate(
            venue: .bybit,
            instrument: try instrument(wire.symbol, category: category),
            kind: kind,
            bids: levels(wire.bids),
            asks: levels(wire.asks),
            sequence: BookSequence(first: wire.updateID, last: wire.updateID, previous: nil),
            at: try instant(millis: millis, of: "orderbook of \(wire.symbol)")
        )
        return BybitBookMessage(update: update, updateID: wire.updateID, crossSequence: wire.crossSequence)
    }

    /// A ticker snapshot as the model's ticker, plus the funding rate for perpetuals. Bybit's IVs are already
    /// fractions; a side with size zero (an option nobody bids) has no best level and no IV.
    ///
    /// - Throws: `.missingField` for a ticker without `markPrice` or `ts` (a delta not yet laid over its snapshot).
    public static func marketData(
        _ message: BybitTopicMessage<BybitTickerWire>,
        category: Market
    ) throws(BybitParseError) -> [MarketData] {
        let wire = message.data
        guard let mark = wire.markPrice else { throw .missingField(field: "markPrice", in: message.topic) }
        guard let millis = message.ts else { throw .missingField(field: "ts", in: message.topic) }
        let instrument = try instrument(wire.symbol, category: category)
        let at = try instant(millis: millis, of: message.topic)
        let bid = best(wire.bid1Price ?? wire.bidPrice, wire.bid1Size ?? wire.bidSize)
        let ask = best(wire.ask1Price ?? wire.askPrice, wire.ask1Size ?? wire.askSize)
        let ticker = Ticker(
            venue: .bybit,
            instrument: instrument,
            markPrice: mark.price,
            indexPrice: wire.indexPrice?.price,
            underlyingPrice: wire.underlyingPrice?.price,
            markImpliedVolatility: wire.markPriceIv?.value,
            bestBid: bid,
            bestAsk: ask,
            bidImpliedVolatility: bid == nil ? nil : nonZero(wire.bidIv),
            askImpliedVolatility: ask == nil ? nil : nonZero(wire.askIv),
            greeks: greeks(wire),
            openInterest: wire.openInterest?.quantity,
            at: at
        )
        var data: [MarketData] = [.ticker(ticker)]
        if let rate = wire.fundingRate {
            let funding = FundingRate(
                venue: .bybit,
                instrument: instrument,
                rate: rate.value,
                intervalNanos: try hours(wire.fundingIntervalHour, in: message.topic),
                nextFundingAt: try (wire.nextFundingTime?.value).map { (millis: Int64) throws(BybitParseError) in
                    try instant(millis: millis, of: "nextFundingTime of \(wire.symbol)")
                },
                at: at
            )
            data.append(.funding(funding))
        }
        return data
    }

    static func best(_ price: BybitNumber?, _ size: BybitNumber?) -> BookLevel? {
        guard let price, let size, size.value.isPositive else { return nil }
        return BookLevel(price: price.price, quantity: size.quantity)
    }

    static func nonZero(_ number: BybitNumber?) -> FixedDecimal? {
        guard let number, !number.value.isZero else { return nil }
        return number.value
    }

    static func greeks(_ wire: BybitTickerWire) -> VenueGreeks? {
        guard let delta = wire.delta, let gamma = wire.gamma, let vega = wire.vega, let theta = wire.theta else {
            return nil
        }
        return VenueGreeks(delta: delta.value, gamma: gamma.value, vega: vega.value, theta: theta.value, rho: nil)
    }

    /// A whole number of hours in nanoseconds.
    static func hours(_ number: BybitNumber?, in place: String) throws(BybitParseError) -> Int64? {
        guard let number else { return nil }
        let hours = number.value.normalized
        guard hours.scale == 0, hours.isPositive, hours.units < 24 * 365 else {
            throw .inconsistent(what: place, reason: "funding interval \(number) is not a whole number of hours")
        }
        return hours.units * 3_600 * UnixNanos.nanosecondsPerSecond
    }

    /// The prints of a public trade push.
    public static func trades(
        _ message: BybitTopicMessage<[BybitPublicTradeWire]>,
        category: Market
    ) throws(BybitParseError) -> [Trade] {
        var trades: [Trade] = []
        for wire in message.data {
            let place = "trade \(wire.tradeID) on \(wire.symbol)"
            trades.append(
                Trade(
                    venue: .bybit,
                    instrument: try instrument(wire.symbol, category: category),
                    tradeID: wire.tradeID,
                    price: wire.price.price,
                    quantity: wire.size.quantity,
                    aggressor: try side(wire.side, in: place),
                    at: try instant(millis: wire.time, of: place)
                )
            )
        }
        return trades
    }

    /// One print of `GET /v5/market/recent-trade`.
    public static func trade(_ wire: BybitRecentTradeWire, category: Market) throws(BybitParseError) -> Trade {
        let place = "trade \(wire.execId) on \(wire.symbol)"
        return Trade(
            venue: .bybit,
            instrument: try instrument(wire.symbol, category: category),
            tradeID: wire.execId,
            price: wire.price.price,
            quantity: wire.size.quantity,
            aggressor: try side(wire.side, in: place),
            at: try instant(millis: wire.time.value, of: place)
        )
    }

    /// Settled funding rates, each dated when it applied (Bybit does not say the interval here).
    public static func fundingRates(
        _ wires: [BybitFundingHistoryWire],
        category: Market
    ) throws(BybitParseError) -> [FundingRate] {
        var rates: [FundingRate] = []
        for wire in wires {
            rates.append(
                FundingRate(
                    venue: .bybit,
                    instrument: try instrument(wire.symbol, category: category),
                    rate: wire.fundingRate.value,
                    intervalNanos: nil,
                    nextFundingAt: nil,
                    at: try instant(millis: wire.fundingRateTimestamp.value, of: "funding of \(wire.symbol)")
                )
            )
        }
        return rates
    }
}
