internal import LegateCore
internal import LegateModel
internal import LegateOrders
internal import OrderedCollections

extension Engine {
    /// Applies a venue report, or quarantines it (with the reason) when it does not fit: never dropped.
    mutating func handle(_ report: VenueReport, _ step: inout Step) {
        guard let orderID = report.orderID, let order = state.orders[orderID] else {
            quarantine(report, "no such order", &step)
            return
        }
        // The venue has spoken about the order: its state is what the reports make it from here on.
        if !state.awaitingReconciliation.isEmpty && state.awaitingReconciliation.contains(orderID) {
            emit(.reconciliation(orderID: orderID, required: false), &step)
        }
        switch report {
        case .fill(let fill):
            book(fill, order, report, &step)
        case .acknowledged(_, let venueOrderID):
            apply(.acknowledged(venueOrderID), to: order, report, &step)
        case .rejected(_, let reason):
            apply(.venueRejected(reason: reason), to: order, report, &step)
        case .cancelled(_, let reason):
            apply(.cancelled(reason: reason), to: order, report, &step)
        case .cancelRejected(_, let reason):
            apply(.cancelRefused(reason: reason), to: order, report, &step)
        case .amended:
            apply(.amendConfirmed, to: order, report, &step)
        case .amendRejected(_, let reason):
            apply(.amendRefused(reason: reason), to: order, report, &step)
        case .expired:
            apply(.expired, to: order, report, &step)
        }
    }

    /// After a restart: marks every order a venue may hold whose state the journal cannot vouch for.
    mutating func markForReconciliation(_ step: inout Step) {
        var marked: [OrderID] = []
        for order in state.orders
        where (order.status.isAtVenue || order.pending != nil) && !state.awaitingReconciliation.contains(order.id) {
            marked.append(order.id)
        }
        for orderID in marked { emit(.reconciliation(orderID: orderID, required: true), &step) }
    }

    mutating func apply(_ change: OrderTransition, to order: Order, _ report: VenueReport, _ step: inout Step) {
        // A repeated acknowledgement (reconnects resend them) changes nothing and is not an error.
        if case .acknowledged(let venueOrderID) = change, order.venueOrderID == venueOrderID,
            order.status != .sent
        {
            return
        }
        guard order.allows(change) else {
            quarantine(report, "order \(order.id) is \(order.displayStatus); \(change) does not apply", &step)
            return
        }
        transition(order.id, change, &step)
    }

    mutating func book(_ fill: VenueFill, _ order: Order, _ report: VenueReport, _ step: inout Step) {
        guard fill.venue == order.request.venue else {
            quarantine(report, "fill from \(fill.venue) for an order on \(order.request.venue)", &step)
            return
        }
        guard !state.bookedTrades.contains(TradeKey(venue: fill.venue, tradeID: fill.tradeID)) else {
            quarantine(report, "trade \(fill.tradeID) is already booked", &step)
            return
        }
        guard order.allows(.filled(quantity: fill.quantity, price: fill.price)) else {
            quarantine(
                report,
                "order \(order.id) (\(order.displayStatus), filled \(order.filledQuantity) of \(order.quantity)) cannot take a fill of \(fill.quantity)",
                &step
            )
            return
        }
        let booked = BookedFill(
            orderID: order.id,
            account: order.request.account,
            venue: fill.venue,
            instrument: order.request.instrument,
            side: order.request.side,
            tradeID: fill.tradeID,
            quantity: fill.quantity,
            price: fill.price
        )
        emit(.fillBooked(booked), &step)
    }

    mutating func quarantine(_ report: VenueReport, _ reason: String, _ step: inout Step) {
        emit(.reportQuarantined(report: report, reason: reason), &step)
    }

    /// Timer tick: lapse approval requests and end good-till-date orders whose time has come.
    mutating func expire(_ step: inout Step) {
        let lapsed = state.approvalRequests.filter { $0.value <= step.time }.map(\.key)
        for orderID in lapsed {
            transition(orderID, .approvalExpired, &step)
        }
        let due = state.orders.values.filter { order in
            guard case .goodTillDate(let expiry) = order.request.timeInForce else { return false }
            return expiry <= step.time && !order.status.isTerminal && order.pending != .cancel
        }
        for order in due {
            if order.status.isAtVenue {
                requestCancel(order, &step)
            } else if order.allows(.expired) {
                transition(order.id, .expired, &step)
            }
        }
    }
}
