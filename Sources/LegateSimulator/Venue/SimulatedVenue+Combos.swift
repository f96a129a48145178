import LegateCore
import LegateModel

/// The best price and size at which a combo can trade against its legs' books (implied liquidity).
struct ImpliedQuote: Hashable, Sendable {
    let price: Int64
    let quantity: Int64
}

extension SimulatedVenue {
    /// Matches a combo order: against resting combo orders and, where the venue has implied liquidity, against the
    /// legs' books. Each implied step takes every leg's share from its best level in one go, after checking that
    /// every leg has it, so a combo never fills on some legs and not others.
    mutating func matchCombo(_ slot: Int, at time: UnixNanos) {
        let index = orders[slot].listing
        let side = orders[slot].side
        let opposite: BookSide = side == .buy ? .ask : .bid
        while orders[slot].remaining > 0 {
            let limit = orders[slot].price
            let direct = listings[index].book.best(opposite).map(\.price).flatMap { $0.crosses(limit, side) ? $0 : nil }
            let implied = impliedTop(index, side: side).flatMap { $0.price.crosses(limit, side) ? $0 : nil }
            if let direct, implied.map({ direct.crosses($0.price, side) }) ?? true {
                makerFills.removeAll(keepingCapacity: true)
                _ = listings[index].book.takeFromBest(opposite, quantity: orders[slot].remaining, into: &makerFills)
                let fills = makerFills
                for fill in fills { comboDirectTrade(index, maker: fill, taker: slot, at: time) }
            } else if let implied {
                executeImplied(index, taker: slot, quantity: min(orders[slot].remaining, implied.quantity), at: time)
            } else {
                break
            }
        }
        publishBookChanges(index, at: time)
    }

    /// The implied top of book for trading the combo on `side`, from the legs' best levels.
    func impliedTop(_ index: Int, side: OrderSide) -> ImpliedQuote? {
        guard configuration.combo?.impliedFromLegs == true else { return nil }
        let legs = listings[index].legs
        return Self.impliedTop(legs: legs, books: legs.map { listings[$0.listing].book }, side: side)
            .map {
                ImpliedQuote(
                    price: $0.price,
                    quantity: $0.quantity / listings[index].sizes.lot * listings[index].sizes.lot
                )
            }
            .flatMap { $0.quantity > 0 ? $0 : nil }
    }

    static func impliedTop(legs: [ComboLegRef], books: [OrderBook], side: OrderSide) -> ImpliedQuote? {
        var price: Int64 = 0
        var quantity = Int64.max
        for (leg, book) in zip(legs, books) {
            let buysLeg = (side == .buy) == (leg.ratio > 0)
            guard let level = book.best(buysLeg ? .ask : .bid) else { return nil }
            price += leg.ratio * level.price
            quantity = min(quantity, level.total / abs(leg.ratio))
        }
        return quantity > 0 ? ImpliedQuote(price: price, quantity: quantity) : nil
    }

    /// How much of a combo order could fill now, by running the same matching on copies of the books.
    func comboFillable(_ index: Int, side: OrderSide, limit: Int64, quantity: Int64) -> Int64 {
        let legs = listings[index].legs
        let lot = listings[index].sizes.lot
        let opposite: BookSide = side == .buy ? .ask : .bid
        let implied = configuration.combo?.impliedFromLegs == true
        var combo = listings[index].book
        var books = legs.map { listings[$0.listing].book }
        var scratch: [MakerFill] = []
        var filled: Int64 = 0
        while filled < quantity {
            let direct = combo.best(opposite).map(\.price).flatMap { $0.crosses(limit, side) ? $0 : nil }
            let top = implied ? Self.impliedTop(legs: legs, books: books, side: side) : nil
            let crossing = top.flatMap { $0.price.crosses(limit, side) && $0.quantity >= lot ? $0 : nil }
            if let direct, crossing.map({ direct.crosses($0.price, side) }) ?? true {
                filled += combo.takeFromBest(opposite, quantity: quantity - filled, into: &scratch)
            } else if let crossing {
                let step = min(quantity - filled, crossing.quantity / lot * lot)
                for (position, leg) in legs.enumerated() {
                    let buysLeg = (side == .buy) == (leg.ratio > 0)
                    _ = books[position].takeFromBest(
                        buysLeg ? .ask : .bid,
                        quantity: abs(leg.ratio) * step,
                        into: &scratch
                    )
                }
                filled += step
            } else {
                break
            }
        }
        return filled
    }

    /// One implied step: every leg trades its share at its best level, then the combo order is filled once.
    mutating func executeImplied(_ index: Int, taker slot: Int, quantity: Int64, at time: UnixNanos) {
        let order = orders[slot]
        var legFills: [VenueLegFill] = []
        var comboPrice: Int64 = 0
        var fee = FixedDecimal.zero
        for leg in listings[index].legs {
            let legSide: OrderSide = (order.side == .buy) == (leg.ratio > 0) ? .buy : .sell
            let need = abs(leg.ratio) * quantity
            makerFills.removeAll(keepingCapacity: true)
            let taken = listings[leg.listing].book.takeFromBest(
                legSide == .buy ? .ask : .bid,
                quantity: need,
                into: &makerFills
            )
            precondition(taken == need, "implied combo step found \(taken) of \(need) on a leg it had checked")
            let fills = makerFills
            // One best level: every maker fill of this leg is at the same price.
            comboPrice += leg.ratio * (fills.first?.price ?? 0)
            for fill in fills {
                // The taker is the combo order, reported once below for all legs, so no single-order taker here.
                trade(leg.listing, maker: fill, takerSide: legSide, taker: .marketMaker, at: time)
                let legFee = book(
                    order.account,
                    listing: leg.listing,
                    side: legSide,
                    price: fill.price,
                    quantity: fill.quantity,
                    .taker
                )
                fee += legFee.amount
                legFills.append(
                    legFill(leg.listing, side: legSide, price: fill.price, quantity: fill.quantity, fee: legFee)
                )
            }
            publishBookChanges(leg.listing, at: time)
        }
        reportComboFill(
            slot,
            price: comboPrice,
            quantity: quantity,
            fee: fee,
            legs: legFills,
            liquidity: .taker,
            at: time
        )
    }

    /// A combo order matched a resting combo order: both sides get every leg, priced by `splitComboPrice`.
    mutating func comboDirectTrade(_ index: Int, maker: MakerFill, taker slot: Int, at time: UnixNanos) {
        let takerSide = orders[slot].side
        let number = printTrade(index, price: maker.price, quantity: maker.quantity, aggressor: takerSide, at: time)
        let legPrices = splitComboPrice(index, price: maker.price)
        var parties: [(slot: Int, side: OrderSide, liquidity: Liquidity)] = [(slot, takerSide, .taker)]
        if case .client(let makerSlot) = maker.owner { parties.insert((makerSlot, takerSide.opposite, .maker), at: 0) }
        for party in parties {
            var legFills: [VenueLegFill] = []
            var fee = FixedDecimal.zero
            for (leg, price) in zip(listings[index].legs, legPrices) {
                let legSide: OrderSide = (party.side == .buy) == (leg.ratio > 0) ? .buy : .sell
                let size = abs(leg.ratio) * maker.quantity
                let account = orders[party.slot].account
                let legFee = book(
                    account,
                    listing: leg.listing,
                    side: legSide,
                    price: price,
                    quantity: size,
                    party.liquidity
                )
                fee += legFee.amount
                legFills.append(legFill(leg.listing, side: legSide, price: price, quantity: size, fee: legFee))
            }
            reportComboFill(
                party.slot,
                price: maker.price,
                quantity: maker.quantity,
                fee: fee,
                legs: legFills,
                liquidity: party.liquidity,
                tradeID: number,
                at: time
            )
        }
    }

    /// Leg prices for a combo price: each leg at its theoretical value on its grid, the difference on the first
    /// leg of ratio ±1 (as Deribit assigns combo trades to legs near their marks).
    func splitComboPrice(_ index: Int, price: Int64) -> [Int64] {
        let legs = listings[index].legs
        var prices = legs.map { listings[$0.listing].prices.nearest(listings[$0.listing].theo) }
        let implied = zip(legs, prices).reduce(Int64(0)) { $0 + $1.0.ratio * $1.1 }
        if let pivot = legs.firstIndex(where: { abs($0.ratio) == 1 }) {
            prices[pivot] += (price - implied) * legs[pivot].ratio
        }
        return prices
    }

    func legFill(_ listing: Int, side: OrderSide, price: Int64, quantity: Int64, fee: Money) -> VenueLegFill {
        let target = listings[listing]
        return VenueLegFill(
            instrument: target.instrument,
            side: side,
            quantity: target.canonical(quantity),
            price: target.prices.price(price),
            fee: fee
        )
    }

    mutating func reportComboFill(
        _ slot: Int,
        price: Int64,
        quantity: Int64,
        fee: FixedDecimal,
        legs: [VenueLegFill],
        liquidity: Liquidity,
        tradeID: Int64? = nil,
        at time: UnixNanos
    ) {
        let order = orders[slot]
        orders[slot].filled += quantity
        if orders[slot].remaining == 0 && order.isResting {
            orders[slot].isResting = false
            orders[slot].isClosed = true
            accounts[order.account].openOrders.removeAll { $0 == slot }
        }
        let number = tradeID ?? nextTradeNumber
        if tradeID == nil { nextTradeNumber += 1 }
        let listing = listings[order.listing]
        let fill = VenueFill(
            venue: configuration.venue,
            tradeID: "\(number).\(liquidity == .maker ? "M" : "T")",
            orderID: order.orderID,
            quantity: listing.canonical(quantity),
            price: listing.prices.price(price),
            fee: Money(fee, configuration.settlementCurrency),
            liquidity: liquidity,
            legs: legs
        )
        counters.fills += 1
        emitPrivate(.report(.fill(fill)), at: time, latency: privateLatency)
    }
}
