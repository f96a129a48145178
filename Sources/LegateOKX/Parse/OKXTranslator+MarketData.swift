import LegateCore
public import LegateModel

// MARK: - Books, tops of book, trades

extension OKXTranslator {
    /// A `books` push (or `books5`, which has no action and is always a snapshot) as model updates, sizes in model
    /// units, OKX's checksum carried.
    ///
    /// `BookSequence` holds `seqId` and `prevSeqId`; a message without them (REST books, the 2022 recording) gets
    /// `last` -1 and no `previous`, so a sequencer applies it and only the checksum guards the book.
    public static func bookUpdates(
        _ push: OKXPush<OKXBookWire>,
        contracts: OKXContracts
    ) throws(OKXParseError) -> [BookUpdate] {
        guard let instId = push.arg.instId else {
            throw .inconsistent(what: "\(push.arg.channel) push", reason: "no instId in its arg")
        }
        let kind: BookUpdate.Kind = push.action == "update" ? .delta : .snapshot
        var updates: [BookUpdate] = []
        for wire in push.data {
            updates.append(try bookUpdate(wire, instId: instId, kind: kind, contracts: contracts))
        }
        return updates
    }

    /// One book payload (a push item, or the REST `market/books` result as a snapshot).
    public static func bookUpdate(
        _ wire: OKXBookWire,
        instId: String,
        kind: BookUpdate.Kind,
        contracts: OKXContracts
    ) throws(OKXParseError) -> BookUpdate {
        let multiplier = try contracts.multiplier(for: instId)
        func levels(_ wires: [OKXBookLevelWire]) throws(OKXParseError) -> [BookLevel] {
            var levels: [BookLevel] = []
            levels.reserveCapacity(wires.count)
            for level in wires {
                let size = try product(level.size.value, multiplier, of: "book size of \(instId)")
                levels.append(BookLevel(price: level.price.price, quantity: Quantity(size)))
            }
            return levels
        }
        let last = wire.seqId ?? -1
        return BookUpdate(
            venue: .okx,
            instrument: try instrument(named: instId),
            kind: kind,
            bids: try levels(wire.bids),
            asks: try levels(wire.asks),
            sequence: BookSequence(first: last, last: last, previous: kind == .snapshot ? nil : wire.prevSeqId),
            checksum: wire.checksum,
            at: try instant(wire.ts, of: "book of \(instId)")
        )
    }

    /// The top of book of a `tickers` push; an empty side (`""`, or size 0) has no level.
    public static func topOfBook(
        _ wire: OKXTickerWire,
        contracts: OKXContracts
    ) throws(OKXParseError) -> OKXTopOfBook {
        func level(_ price: OKXDecimal?, _ size: OKXDecimal?) throws(OKXParseError) -> BookLevel? {
            guard let price, let size, size.value.isPositive else { return nil }
            return BookLevel(price: price.price, quantity: try contracts.quantity(size, of: wire.instId))
        }
        return OKXTopOfBook(
            instrument: try instrument(named: wire.instId),
            bestBid: try level(wire.bidPx, wire.bidSz),
            bestAsk: try level(wire.askPx, wire.askSz),
            lastPrice: wire.last?.price,
            lastQuantity: try wire.lastSz.map { (size) throws(OKXParseError) in
                try contracts.quantity(size, of: wire.instId)
            },
            at: try instant(wire.ts, of: "ticker of \(wire.instId)")
        )
    }

    /// The top of book of a `bbo-tbt` push (one level a side, each message complete in itself).
    public static func topOfBook(
        _ push: OKXPush<OKXBookWire>,
        contracts: OKXContracts
    ) throws(OKXParseError) -> [OKXTopOfBook] {
        var tops: [OKXTopOfBook] = []
        for update in try bookUpdates(push, contracts: contracts) {
            tops.append(
                OKXTopOfBook(
                    instrument: update.instrument,
                    bestBid: update.bids.first,
                    bestAsk: update.asks.first,
                    at: update.at
                )
            )
        }
        return tops
    }

    /// Public trades, sizes in model units; `side` is the taker's.
    public static func trades(_ wires: [OKXTradeWire], contracts: OKXContracts) throws(OKXParseError) -> [Trade] {
        var trades: [Trade] = []
        trades.reserveCapacity(wires.count)
        for wire in wires {
            trades.append(
                Trade(
                    venue: .okx,
                    instrument: try instrument(named: wire.instId),
                    tradeID: wire.tradeId,
                    price: wire.px.price,
                    quantity: try contracts.quantity(wire.sz, of: wire.instId),
                    aggressor: try side(wire.side, of: "trade \(wire.tradeId)"),
                    at: try instant(wire.ts, of: "trade \(wire.tradeId)")
                )
            )
        }
        return trades
    }
}

// MARK: - Marks, index, option summary, funding

extension OKXTranslator {
    public static func mark(_ wire: OKXMarkPriceWire) throws(OKXParseError) -> OKXMark {
        OKXMark(
            instrument: try instrument(named: wire.instId),
            markPrice: wire.markPx.price,
            at: try instant(wire.ts, of: "mark price of \(wire.instId)")
        )
    }

    /// An index price; its `instId` is a pair (`BTC-USDT`), read as the underlying it prices.
    public static func indexPrice(_ wire: OKXIndexTickerWire) throws(OKXParseError) -> OKXIndexPrice {
        let pair = try instrument(named: wire.instId)
        guard pair.kind == .spot else {
            throw .inconsistent(what: "index \(wire.instId)", reason: "not a pair")
        }
        return OKXIndexPrice(
            underlying: pair.underlying,
            price: wire.idxPx.price,
            at: try instant(wire.ts, of: "index \(wire.instId)")
        )
    }

    public static func optionSummary(_ wire: OKXOptionSummaryWire) throws(OKXParseError) -> OKXOptionSummary {
        let instrument = try instrument(named: wire.instId)
        guard instrument.kind == .option else {
            throw .inconsistent(what: "option summary of \(wire.instId)", reason: "not an option")
        }
        func greeks(
            _ delta: OKXDecimal?,
            _ gamma: OKXDecimal?,
            _ vega: OKXDecimal?,
            _ theta: OKXDecimal?
        ) -> VenueGreeks? {
            guard let delta, let gamma, let vega, let theta else { return nil }
            return VenueGreeks(delta: delta.value, gamma: gamma.value, vega: vega.value, theta: theta.value, rho: nil)
        }
        return OKXOptionSummary(
            instrument: instrument,
            coinGreeks: greeks(wire.delta, wire.gamma, wire.vega, wire.theta),
            blackScholesGreeks: greeks(wire.deltaBs, wire.gammaBs, wire.vegaBs, wire.thetaBs),
            markVolatility: wire.markVol?.value,
            bidVolatility: wire.bidVol.flatMap { $0.value.isZero ? nil : $0.value },
            askVolatility: wire.askVol.flatMap { $0.value.isZero ? nil : $0.value },
            realizedVolatility: wire.realVol?.value,
            forwardPrice: wire.fwdPx?.price,
            leverage: wire.lever?.value,
            at: try instant(wire.ts, of: "option summary of \(wire.instId)")
        )
    }

    /// The current funding rate: `fundingTime` is when it is next paid, and the gap to `nextFundingTime` the interval.
    public static func funding(_ wire: OKXFundingRateWire) throws(OKXParseError) -> FundingRate {
        let next = try instant(wire.fundingTime, of: "funding time of \(wire.instId)")
        let following = try wire.nextFundingTime.map { (time) throws(OKXParseError) in
            try instant(time, of: "next funding time of \(wire.instId)")
        }
        return FundingRate(
            venue: .okx,
            instrument: try perpetual(wire.instId),
            rate: wire.fundingRate.value,
            intervalNanos: following.map { $0 - next },
            nextFundingAt: next,
            at: try wire.ts.map { (time) throws(OKXParseError) in try instant(time, of: "funding of \(wire.instId)") }
                ?? next
        )
    }

    /// A settled period of `funding-rate-history`: the rate actually paid (`realizedRate`, else `fundingRate`), at
    /// its `fundingTime`.
    public static func settledFunding(_ wire: OKXFundingRateWire) throws(OKXParseError) -> FundingRate {
        FundingRate(
            venue: .okx,
            instrument: try perpetual(wire.instId),
            rate: (wire.realizedRate ?? wire.fundingRate).value,
            intervalNanos: nil,
            nextFundingAt: nil,
            at: try instant(wire.fundingTime, of: "funding of \(wire.instId)")
        )
    }

    static func perpetual(_ instId: String) throws(OKXParseError) -> Instrument {
        let instrument = try instrument(named: instId)
        guard instrument.kind == .perpetual else {
            throw .inconsistent(what: "funding of \(instId)", reason: "only swaps pay funding")
        }
        return instrument
    }
}
