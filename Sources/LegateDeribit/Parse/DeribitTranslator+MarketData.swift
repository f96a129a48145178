import LegateCore
public import LegateModel

// MARK: - Books, tickers, trades

extension DeribitTranslator {
    /// A book notification as a model update; `delete` entries become size zero.
    public static func bookUpdate(_ wire: DeribitBookWire) throws(DeribitParseError) -> BookUpdate {
        let isSnapshot = wire.type == "snapshot" || wire.type == nil
        func levels(_ entries: [DeribitBookEntry]) -> [BookLevel] {
            entries.map { entry in
                BookLevel(price: entry.price.price, quantity: entry.action == .delete ? .zero : entry.amount.quantity)
            }
        }
        return BookUpdate(
            venue: .deribit,
            instrument: try instrument(named: wire.instrumentName),
            kind: isSnapshot ? .snapshot : .delta,
            bids: levels(wire.bids),
            asks: levels(wire.asks),
            sequence: BookSequence(first: wire.changeId, last: wire.changeId, previous: wire.prevChangeId),
            at: try instant(millis: wire.timestamp)
        )
    }

    /// A `public/get_order_book` result as a snapshot (the resync after a gap).
    public static func bookSnapshot(_ wire: DeribitOrderBookWire) throws(DeribitParseError) -> BookUpdate {
        func levels(_ entries: [DeribitBookEntry]) -> [BookLevel] {
            entries.map { BookLevel(price: $0.price.price, quantity: $0.amount.quantity) }
        }
        return BookUpdate(
            venue: .deribit,
            instrument: try instrument(named: wire.instrumentName),
            kind: .snapshot,
            bids: levels(wire.bids),
            asks: levels(wire.asks),
            sequence: BookSequence(first: wire.changeId, last: wire.changeId, previous: nil),
            at: try instant(millis: wire.timestamp)
        )
    }

    /// A ticker as the model's ticker, plus funding for perpetuals. IVs become fractions; an empty side (Deribit
    /// sends price 0 and amount 0) has no best level.
    public static func marketData(_ wire: DeribitTickerWire) throws(DeribitParseError) -> [MarketData] {
        let instrument = try instrument(named: wire.instrumentName)
        let at = try instant(millis: wire.timestamp)
        func best(_ price: DeribitNumber?, _ amount: DeribitNumber?) -> BookLevel? {
            guard let price, let amount, amount.value.isPositive else { return nil }
            return BookLevel(price: price.price, quantity: amount.quantity)
        }
        let greeks = wire.greeks.map {
            VenueGreeks(
                delta: $0.delta.value,
                gamma: $0.gamma.value,
                vega: $0.vega.value,
                theta: $0.theta.value,
                rho: $0.rho?.value
            )
        }
        let ticker = Ticker(
            venue: .deribit,
            instrument: instrument,
            markPrice: wire.markPrice.price,
            indexPrice: wire.indexPrice?.price,
            underlyingPrice: wire.underlyingPrice?.price,
            markImpliedVolatility: wire.markIv?.percentAsFraction,
            bestBid: best(wire.bestBidPrice, wire.bestBidAmount),
            bestAsk: best(wire.bestAskPrice, wire.bestAskAmount),
            bidImpliedVolatility: wire.bidIv.flatMap { $0.value.isZero ? nil : $0.percentAsFraction },
            askImpliedVolatility: wire.askIv.flatMap { $0.value.isZero ? nil : $0.percentAsFraction },
            greeks: greeks,
            openInterest: wire.openInterest?.quantity,
            at: at
        )
        var data: [MarketData] = [.ticker(ticker)]
        if let funding = wire.funding8H {
            let rate = FundingRate(
                venue: .deribit,
                instrument: instrument,
                rate: funding.value,
                intervalNanos: 8 * 3_600 * UnixNanos.nanosecondsPerSecond,
                nextFundingAt: nil,
                at: at
            )
            data.append(.funding(rate))
        }
        return data
    }

    /// Public trades: each print, and for a combo print its leg prints after it (each leg is a real trade on its own
    /// instrument).
    public static func trades(_ wires: [DeribitTradeWire]) throws(DeribitParseError) -> [Trade] {
        var trades: [Trade] = []
        for wire in wires {
            trades.append(try trade(wire))
            for leg in wire.legs ?? [] { trades.append(try trade(leg)) }
        }
        return trades
    }

    static func trade(_ wire: DeribitTradeWire) throws(DeribitParseError) -> Trade {
        Trade(
            venue: .deribit,
            instrument: try instrument(named: wire.instrumentName),
            tradeID: wire.tradeId,
            price: wire.price.price,
            quantity: wire.amount.quantity,
            aggressor: OrderSide(rawValue: wire.direction),
            impliedVolatility: wire.iv?.percentAsFraction,
            at: try instant(millis: wire.timestamp)
        )
    }
}
