import LegateCore
import LegateModel

extension SimulatedVenue {
    /// Changes a resting order's size and price.
    ///
    /// `quantity` is the new total size (filled plus open, canonical), as Deribit's `private/edit` takes it. Reducing the size
    /// at the same price keeps the order's place in the queue; a new price or a larger size sends it to the back,
    /// and a new price that crosses trades at once (a post-only order is refused instead).
    mutating func amend(
        _ orderID: OrderID,
        venue: Venue,
        quantity: Quantity,
        kind: OrderKind,
        at time: UnixNanos,
        latency: Int64
    ) {
        switch admitAmend(orderID, venue: venue, quantity: quantity, kind: kind) {
        case .failure(let rejection):
            emitPrivate(.report(.amendRejected(orderID: orderID, reason: rejection.reason)), at: time, latency: latency)
        case .success(let change):
            applyAmend(change, at: time, latency: latency)
        }
    }

    private struct AmendChange {
        let slot: Int
        let price: Int64
        let quantity: Int64
    }

    private mutating func admitAmend(
        _ orderID: OrderID,
        venue: Venue,
        quantity: Quantity,
        kind: OrderKind
    ) -> Result<AmendChange, OrderRejection> {
        do throws(OrderRejection) {
            guard venue == configuration.venue, let slot = orderIndex[orderID] else {
                throw OrderRejection(reason: "10004 order_not_found")
            }
            let order = orders[slot]
            guard order.isResting else { throw OrderRejection(reason: "11044 not_open_order") }
            guard case .limit(let limit) = kind else {
                throw OrderRejection(reason: "a resting order can only be amended to a limit price")
            }
            let listing = order.listing
            let size = try contractUnits(quantity, listing: listing)
            guard size > order.filled else {
                throw OrderRejection(reason: "11050 bad_request: new size \(quantity) is not above the filled size")
            }
            let price = try quotePrice(limit, listing: listing)
            let (low, high) = priceBand(listing)
            guard price >= low && price <= high else {
                throw OrderRejection(reason: "price \(listings[listing].prices.price(price)) outside the band")
            }
            if order.postOnly, let crossing = crossingPrice(listing, side: order.side, limit: price) {
                throw OrderRejection(
                    reason: "post_only_reject: would cross the book at \(listings[listing].prices.price(crossing))"
                )
            }
            if size - order.filled > order.remaining || price != order.price {
                let extra = MarginOrder(listing: listing, side: order.side, price: price, quantity: size - order.filled)
                try checkMargin(account: order.account, adding: extra, excluding: slot)
            }
            return .success(AmendChange(slot: slot, price: price, quantity: size))
        } catch {
            return .failure(error)
        }
    }

    private mutating func applyAmend(_ change: AmendChange, at time: UnixNanos, latency: Int64) {
        let order = orders[change.slot]
        let side: BookSide = order.side == .buy ? .bid : .ask
        let keepsPriority = change.price == order.price && change.quantity <= order.quantity
        if keepsPriority {
            orders[change.slot].quantity = change.quantity
            listings[order.listing].book.reduce(
                side,
                price: order.price,
                owner: .client(slot: change.slot),
                to: orders[change.slot].remaining
            )
            emitPrivate(.report(.amended(orderID: order.orderID)), at: time, latency: latency)
            publishBookChanges(order.listing, at: time)
            return
        }
        listings[order.listing].book.remove(side, price: order.price, owner: .client(slot: change.slot))
        orders[change.slot].isResting = false
        accounts[order.account].openOrders.removeAll { $0 == change.slot }
        orders[change.slot].price = change.price
        orders[change.slot].quantity = change.quantity
        emitPrivate(.report(.amended(orderID: order.orderID)), at: time, latency: latency)
        matchIncoming(change.slot, at: time, latency: latency)
        finishIncoming(change.slot, at: time, latency: latency)
    }
}
