import LegateCore
import LegateModel

extension SimulatedVenue {
    /// Matches an incoming client order against the book (or, for a combo, the combo book and the legs).
    mutating func matchIncoming(_ slot: Int, at time: UnixNanos, latency: Int64) {
        privateLatency = latency
        let order = orders[slot]
        if listings[order.listing].kind == .combo {
            matchCombo(slot, at: time)
            return
        }
        _ = takeLiquidity(
            order.listing,
            side: order.side,
            limit: order.price,
            quantity: order.remaining,
            taker: .client(slot: slot),
            at: time
        )
    }

    /// Whether a fill-or-kill order can fill in full right now.
    func canFillCompletely(_ slot: Int) -> Bool {
        let order = orders[slot]
        if listings[order.listing].kind == .combo {
            return comboFillable(order.listing, side: order.side, limit: order.price, quantity: order.remaining)
                >= order.remaining
        }
        let opposite: BookSide = order.side == .buy ? .ask : .bid
        return listings[order.listing].book.available(opposite, within: order.price, upTo: order.remaining)
            >= order.remaining
    }

    /// Takes liquidity from one book, best price first and first come first served within a price, up to `limit`.
    ///
    /// - Returns: The size filled.
    mutating func takeLiquidity(
        _ index: Int,
        side: OrderSide,
        limit: Int64,
        quantity: Int64,
        taker: RestingOwner,
        at time: UnixNanos
    ) -> Int64 {
        let opposite: BookSide = side == .buy ? .ask : .bid
        var left = quantity
        while left > 0, let best = listings[index].book.bestPrice(opposite), best.crosses(limit, side) {
            makerFills.removeAll(keepingCapacity: true)
            let taken = listings[index].book.takeFromBest(opposite, quantity: left, into: &makerFills)
            let fills = makerFills
            for fill in fills {
                trade(index, maker: fill, takerSide: side, taker: taker, at: time)
            }
            left -= taken
        }
        return quantity - left
    }

    /// One match between a resting order and a taker: the public print, and each client side's fill.
    mutating func trade(_ index: Int, maker: MakerFill, takerSide: OrderSide, taker: RestingOwner, at time: UnixNanos) {
        let number = printTrade(index, price: maker.price, quantity: maker.quantity, aggressor: takerSide, at: time)
        switch maker.owner {
        case .marketMaker: listings[index].makerTraded = true
        case .client(let slot):
            clientFill(slot, price: maker.price, quantity: maker.quantity, liquidity: .maker, tradeID: number, at: time)
        }
        if case .client(let slot) = taker {
            clientFill(slot, price: maker.price, quantity: maker.quantity, liquidity: .taker, tradeID: number, at: time)
        }
    }

    /// Publishes a trade print and returns its trade number.
    mutating func printTrade(
        _ index: Int,
        price: Int64,
        quantity: Int64,
        aggressor: OrderSide,
        at time: UnixNanos
    ) -> Int64 {
        let number = nextTradeNumber
        nextTradeNumber += 1
        counters.trades += 1
        let listing = listings[index]
        let print = Trade(
            venue: configuration.venue,
            instrument: listing.instrument,
            tradeID: "\(number)",
            price: listing.prices.price(price),
            quantity: listing.canonical(quantity),
            aggressor: aggressor,
            at: time
        )
        emitPublic(.marketData(.trade(print)), at: time)
        return number
    }

    /// Books a fill of a (non-combo) client order and reports it; closes the order when it is done.
    mutating func clientFill(
        _ slot: Int,
        price: Int64,
        quantity: Int64,
        liquidity: Liquidity,
        tradeID: Int64,
        at time: UnixNanos
    ) {
        let order = orders[slot]
        orders[slot].filled += quantity
        if orders[slot].remaining == 0 && order.isResting {
            // The book already took the order out; only the bookkeeping is left.
            orders[slot].isResting = false
            orders[slot].isClosed = true
            accounts[order.account].openOrders.removeAll { $0 == slot }
        }
        let fee = book(
            order.account,
            listing: order.listing,
            side: order.side,
            price: price,
            quantity: quantity,
            liquidity
        )
        let listing = listings[order.listing]
        let fill = VenueFill(
            venue: configuration.venue,
            tradeID: "\(tradeID).\(liquidity == .maker ? "M" : "T")",
            orderID: order.orderID,
            quantity: listing.canonical(quantity),
            price: listing.prices.price(price),
            fee: fee,
            liquidity: liquidity
        )
        counters.fills += 1
        emitPrivate(.report(.fill(fill)), at: time, latency: privateLatency)
        if order.isProtected { countProtectedFill(slot, units: quantity, liquidity: liquidity, at: time) }
    }

    /// Books a trade into an account: position, premium (options) or cost basis (futures), and the fee.
    ///
    /// - Returns: The fee charged.
    mutating func book(
        _ account: Int,
        listing: Int,
        side: OrderSide,
        price units: Int64,
        quantity size: Int64,
        _ liquidity: Liquidity
    ) -> Money {
        let target = listings[listing]
        let rules = productRules(target.kind)
        let price = target.prices.price(units)
        let quantity = target.sizes.quantity(size)
        let fee = FeeSchedule.fee(
            rules: rules,
            kind: target.kind,
            isInverse: configuration.isInverse,
            price: price,
            quantity: quantity,
            index: market.indexPrice,
            liquidity: liquidity,
            cashScale: configuration.cashScale
        )
        let slot = accounts[account].positionSlot(for: listing)
        accounts[account].positions[slot].quantity += Int64(side.sign) * size
        let amount = FeeSchedule.exact(quantity.decimal, rules.contractMultiplier)
        let signedAmount = side == .buy ? amount : -amount
        switch target.kind {
        case .option, .combo:
            accounts[account].cash -= FeeSchedule.exact(signedAmount, price.decimal)
        case .future, .perpetual, .spot:
            let cost =
                configuration.isInverse
                ? FeeSchedule.divide(signedAmount, by: price.decimal)
                : FeeSchedule.exact(signedAmount, price.decimal)
            accounts[account].positions[slot].cost += cost
        }
        accounts[account].cash -= fee
        return Money(fee, configuration.settlementCurrency)
    }
}
