import LegateCore
import LegateModel

extension SimulatedVenue {
    /// Requotes the books whose refresh falls on this step (each book once per its cycle, spread over the cycle).
    mutating func refreshDueQuotes(at time: UnixNanos) {
        for index in listings.indices where listings[index].isActive && listings[index].kind != .combo {
            if (stepIndex + listings[index].refreshPhase) % listings[index].refreshSteps == 0 {
                refreshQuotes(index, at: time)
            }
        }
    }

    /// Re-prices one book and, when the market maker's ladder moved (or was traded), replaces its orders.
    ///
    /// New maker orders go through matching first, so a requote that crosses a client's resting order fills it
    /// (the market moved through the client's price), and only the remainder rests.
    mutating func refreshQuotes(_ index: Int, at time: UnixNanos) {
        let theo = theoreticalValue(index)
        listings[index].theo = theo
        let maker = listings[index].maker
        guard maker.levels > 0, listings[index].kind != .combo, theo.isFinite, theo > 0 else { return }
        // Hysteresis: a maker leaves its quotes while theo has moved less than the threshold (in ticks at theo).
        let grid = listings[index].prices
        let threshold = maker.requoteThresholdTicks * grid.double(grid.tick(at: max(grid.unitsFloor(theo), 1)))
        if !listings[index].makerTraded && !listings[index].makerBids.isEmpty
            && abs(theo - listings[index].makerTheo) < threshold
        {
            return
        }
        Self.ladder(listings[index].prices, theo: theo, maker: maker, bids: &ladderBids, asks: &ladderAsks)
        if ladderBids == listings[index].makerBids && ladderAsks == listings[index].makerAsks
            && !listings[index].makerTraded
        {
            return
        }
        counters.requotes += 1
        for price in listings[index].makerBids {
            listings[index].book.remove(.bid, price: price, owner: .marketMaker)
        }
        for price in listings[index].makerAsks {
            listings[index].book.remove(.ask, price: price, owner: .marketMaker)
        }
        let sizes = listings[index].sizes
        let bids = ladderBids
        let asks = ladderAsks
        for price in bids {
            let size = sizes.lots(generator.logNormal(median: maker.medianSize, sigma: maker.sizeSigma))
            placeMakerOrder(index, side: .buy, price: price, size: size, at: time)
        }
        for price in asks {
            let size = sizes.lots(generator.logNormal(median: maker.medianSize, sigma: maker.sizeSigma))
            placeMakerOrder(index, side: .sell, price: price, size: size, at: time)
        }
        listings[index].makerBids = bids
        listings[index].makerAsks = asks
        listings[index].makerTheo = theo
        listings[index].makerTraded = false
        publishBookChanges(index, at: time)
    }

    private mutating func placeMakerOrder(_ index: Int, side: OrderSide, price: Int64, size: Int64, at time: UnixNanos)
    {
        let filled = takeLiquidity(index, side: side, limit: price, quantity: size, taker: .marketMaker, at: time)
        let left = size - filled
        if left > 0 {
            listings[index].book.add(
                side == .buy ? .bid : .ask,
                price: price,
                order: RestingOrder(owner: .marketMaker, remaining: left)
            )
        }
    }

    /// The maker's bid and ask prices, best first: `theo ∓ max(fraction·theo, minimum ticks)` rounded away from
    /// theo onto the grid, then `levels` prices spaced by whole ticks. Bids stop at the smallest positive tick.
    static func ladder(
        _ grid: PriceGrid,
        theo: Double,
        maker: MarketMakerConfiguration,
        bids: inout [Int64],
        asks: inout [Int64]
    ) {
        let theoUnits = grid.unitsFloor(theo)
        let minimumHalf = Int64(maker.minimumHalfSpreadTicks) * grid.tick(at: max(theoUnits, 1))
        let half = max(grid.unitsFloor(theo * maker.halfSpreadFraction), minimumHalf)
        bids.removeAll(keepingCapacity: true)
        asks.removeAll(keepingCapacity: true)
        var bid = grid.floor(theoUnits - half)
        var ask = grid.ceil(theoUnits + half + 1)
        let spacing = Int64(max(maker.levelSpacingTicks, 1))
        for _ in 0..<maker.levels {
            if bid > 0 { bids.append(bid) }
            asks.append(ask)
            bid = grid.floor(bid - spacing * grid.tick(at: max(bid - 1, 1)))
            ask = grid.ceil(ask + spacing * grid.tick(at: ask))
        }
    }

    // MARK: - Publishing

    /// Publishes the levels changed since the last publication as a delta with the next `change_id`.
    mutating func publishBookChanges(_ index: Int, at time: UnixNanos) {
        let count = listings[index].book.touched.count
        // A book never published gets its first snapshot from `list`; a delta before it would chain to nothing.
        guard count > 0, !isDisconnected, listings[index].changeID > 0 else {
            listings[index].book.clearTouched()
            return
        }
        let prices = listings[index].prices
        var bids: [BookLevel] = []
        var asks: [BookLevel] = []
        bids.reserveCapacity(count)
        asks.reserveCapacity(count)
        for position in 0..<count where listings[index].book.isFirstTouch(position) {
            let level = listings[index].book.touched[position]
            let size = listings[index].book.size(level.side, at: level.price)
            let entry = BookLevel(price: prices.price(level.price), quantity: listings[index].canonical(size))
            if level.side == .bid { bids.append(entry) } else { asks.append(entry) }
        }
        listings[index].book.clearTouched()
        let previous = listings[index].changeID
        listings[index].changeID += 1
        let update = BookUpdate(
            venue: configuration.venue,
            instrument: listings[index].spec.instrument,
            kind: .delta,
            bids: bids,
            asks: asks,
            sequence: BookSequence(first: previous + 1, last: previous + 1, previous: previous),
            at: time
        )
        emitPublic(.marketData(.book(update)), at: time)
    }

    /// Publishes the whole book (on listing, after an outage or a reconnect), best levels first.
    mutating func publishSnapshot(_ index: Int, at time: UnixNanos) {
        listings[index].book.clearTouched()
        guard !isDisconnected else { return }
        let listing = listings[index]
        let bids = listing.book.levels(.bid).reversed().map {
            BookLevel(price: listing.prices.price($0.price), quantity: listing.canonical($0.total))
        }
        let asks = listing.book.levels(.ask).reversed().map {
            BookLevel(price: listing.prices.price($0.price), quantity: listing.canonical($0.total))
        }
        listings[index].changeID += 1
        let id = listings[index].changeID
        let update = BookUpdate(
            venue: configuration.venue,
            instrument: listing.instrument,
            kind: .snapshot,
            bids: bids,
            asks: asks,
            sequence: BookSequence(first: id, last: id, previous: nil),
            at: time
        )
        emitPublic(.marketData(.book(update)), at: time)
    }

    /// Tickers of every listed instrument: mark, index, forward, mark vol and top of book.
    mutating func publishTickers(at time: UnixNanos) {
        guard !isDisconnected else { return }
        let index = market.indexPrice
        for position in listings.indices where listings[position].isActive {
            if listings[position].kind == .combo { listings[position].theo = theoreticalValue(position) }
            let listing = listings[position]
            let markScale = min(listing.prices.scale + 4, 12)
            let volatility = markVolatility(position).flatMap {
                try? FixedDecimal($0, scale: 4, rounding: .toNearestOrEven)
            }
            let ticker = Ticker(
                venue: configuration.venue,
                instrument: listing.instrument,
                markPrice: MarketSimulator.publish(listing.theo, scale: markScale),
                indexPrice: index,
                underlyingPrice: listing.expiry.map {
                    MarketSimulator.publish(market.state.forward(expiry: $0), scale: market.configuration.indexScale)
                },
                markImpliedVolatility: volatility,
                bestBid: topOfBook(listing, .bid),
                bestAsk: topOfBook(listing, .ask),
                at: time
            )
            emitPublic(.marketData(.ticker(ticker)), at: time)
        }
    }

    func topOfBook(_ listing: Listing, _ side: BookSide) -> BookLevel? {
        listing.book.best(side).map {
            BookLevel(price: listing.prices.price($0.price), quantity: listing.canonical($0.total))
        }
    }

    /// The perpetual's current funding rate and the next funding instant.
    mutating func publishFunding(at time: UnixNanos) {
        let underlying = market.configuration.underlying
        let perpetual = Instrument.perpetual(underlying, settlement: configuration.settlement)
        guard !isDisconnected, listingIndex[perpetual] != nil,
            let rate = try? FixedDecimal(market.state.fundingRate, scale: 8, rounding: .toNearestOrEven)
        else { return }
        let interval = market.configuration.funding.intervalHours * 3_600 * UnixNanos.nanosecondsPerSecond
        let next = UnixNanos((time.rawValue / max(interval, 1) + 1) * max(interval, 1))
        let funding = FundingRate(
            venue: configuration.venue,
            instrument: perpetual,
            rate: rate,
            intervalNanos: interval,
            nextFundingAt: next,
            at: time
        )
        emitPublic(.marketData(.funding(funding)), at: time)
    }

    // MARK: - Delivery

    /// Queues a public output after this step's market-data latency, in order.
    mutating func emitPublic(_ output: SimulatorOutput, at time: UnixNanos) {
        guard !isDisconnected else { return }
        let deliverAt = max(time + publicLatency, lastPublicDelivery)
        lastPublicDelivery = deliverAt
        pending.append(TimedOutput(deliverAt: deliverAt, output: output))
    }

    /// Queues a private output after `latency`, in order; during a disconnect it waits for the reconnect.
    mutating func emitPrivate(_ output: SimulatorOutput, at time: UnixNanos, latency: Int64) {
        var deliverAt = max(time + latency, lastPrivateDelivery)
        if isDisconnected, let reconnectAt { deliverAt = max(deliverAt, reconnectAt + latency) }
        lastPrivateDelivery = deliverAt
        pending.append(TimedOutput(deliverAt: deliverAt, output: output))
    }

    /// A lognormal delay in nanoseconds: request-to-ack, or venue-to-client for market data.
    mutating func sampleLatency(public isPublic: Bool) -> Int64 {
        let latency = configuration.latency
        let median = isPublic ? latency.marketDataMedianMilliseconds : latency.requestMedianMilliseconds
        let sigma = isPublic ? latency.marketDataSigma : latency.requestSigma
        guard median > 0 else { return 0 }
        return Int64(generator.logNormal(median: median, sigma: sigma) * 1e6)
    }
}
