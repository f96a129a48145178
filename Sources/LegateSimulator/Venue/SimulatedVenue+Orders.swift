import LegateCore
import LegateModel

extension SimulatedVenue {
    /// A command reaches the venue: refused when the session is down, held or refused during an outage, refused
    /// over the rate limit, else executed.
    mutating func receive(_ command: VenueCommand, at time: UnixNanos) {
        counters.commands += 1
        let latency = sampleLatency(public: false)
        if isDisconnected {
            refuse(command, reason: "not connected: the session is down", at: time, latency: latency)
            return
        }
        if isInOutage {
            switch configuration.faults.outageBehaviour {
            case .reject:
                refuse(command, reason: "11051 system_maintenance: venue outage", at: time, latency: latency)
            case .delay:
                delayed.append(DelayedCommand(command: command, receivedAt: time))
            }
            return
        }
        execute(command, at: time, latency: latency)
    }

    mutating func execute(_ command: VenueCommand, at time: UnixNanos, latency: Int64) {
        privateLatency = latency
        if let account = accountOf(command), !takeToken(account, at: time) {
            refuse(command, reason: "10028 too_many_requests: order-entry rate limit", at: time, latency: latency)
            return
        }
        switch command {
        case .place(let orderID, let request):
            place(orderID, request, at: time, latency: latency)
        case .cancel(let orderID, let venue, _):
            cancel(orderID, venue: venue, at: time, latency: latency)
        case .amend(let orderID, let venue, _, let quantity, let kind):
            amend(orderID, venue: venue, quantity: quantity, kind: kind, at: time, latency: latency)
        }
    }

    /// Processes the commands held during an outage, in arrival order, once the venue is back.
    mutating func releaseDelayed(at time: UnixNanos) {
        guard !delayed.isEmpty else { return }
        let held = delayed
        delayed.removeAll()
        for command in held {
            execute(command.command, at: time, latency: sampleLatency(public: false))
        }
    }

    func accountOf(_ command: VenueCommand) -> Int? {
        switch command {
        case .place(_, let request): accountIndex[request.account]
        case .cancel(let orderID, _, _), .amend(let orderID, _, _, _, _): orderIndex[orderID].map { orders[$0].account }
        }
    }

    /// Spends one order-entry token, refilling the bucket for the time passed.
    mutating func takeToken(_ account: Int, at time: UnixNanos) -> Bool {
        let limit = configuration.rateLimit
        let elapsed = Double(time - accounts[account].tokensAt) / 1e9
        let tokens = min(Double(limit.burst), accounts[account].tokens + elapsed * limit.refillPerSecond)
        accounts[account].tokensAt = time
        guard tokens >= 1 else {
            accounts[account].tokens = tokens
            return false
        }
        accounts[account].tokens = tokens - 1
        return true
    }

    mutating func refuse(_ command: VenueCommand, reason: String, at time: UnixNanos, latency: Int64) {
        let report: VenueReport
        switch command {
        case .place(let orderID, _): report = .rejected(orderID: orderID, reason: reason)
        case .cancel(let orderID, _, _): report = .cancelRejected(orderID: orderID, reason: reason)
        case .amend(let orderID, _, _, _, _): report = .amendRejected(orderID: orderID, reason: reason)
        }
        emitPrivate(.report(report), at: time, latency: latency)
    }

    // MARK: - Place

    mutating func place(_ orderID: OrderID, _ request: OrderRequest, at time: UnixNanos, latency: Int64) {
        if let refusal = protectionRefusal(request, at: time) {
            emitPrivate(.report(.rejected(orderID: orderID, reason: refusal)), at: time, latency: latency)
            return
        }
        switch admit(orderID, request, at: time) {
        case .failure(let rejection):
            emitPrivate(.report(.rejected(orderID: orderID, reason: rejection.reason)), at: time, latency: latency)
        case .success(let admitted):
            accept(orderID, request, admitted, at: time, latency: latency)
        }
    }

    /// Registers an admitted order, acknowledges it, matches it and rests or cancels what is left.
    private mutating func accept(
        _ orderID: OrderID,
        _ request: OrderRequest,
        _ admitted: AdmittedOrder,
        at time: UnixNanos,
        latency: Int64
    ) {
        let venueOrderID = VenueOrderID(known: "\(configuration.venue.rawValue.uppercased())-\(nextVenueOrderNumber)")
        nextVenueOrderNumber += 1
        let slot = orders.count
        orders.append(
            ClientOrder(
                orderID: orderID,
                venueOrderID: venueOrderID,
                account: admitted.account,
                listing: admitted.listing,
                side: request.side,
                price: admitted.price,
                quantity: admitted.quantity,
                timeInForce: admitted.timeInForce,
                postOnly: request.flags.postOnly,
                reduceOnly: request.flags.reduceOnly
            )
        )
        orderIndex[orderID] = slot
        orders[slot].isProtected = isProtectedQuote(request, account: admitted.account)
        emitPrivate(.report(.acknowledged(orderID: orderID, venueOrderID: venueOrderID)), at: time, latency: latency)
        if request.timeInForce == .fillOrKill && !canFillCompletely(slot) {
            close(slot)
            let reason = "fill-or-kill: not enough liquidity within the limit to fill in full"
            emitPrivate(.report(.cancelled(orderID: orderID, reason: reason)), at: time, latency: latency)
            return
        }
        matchIncoming(slot, at: time, latency: latency)
        finishIncoming(slot, at: time, latency: latency)
    }

    /// After matching: rest a good-till order's remainder, cancel an immediate one's.
    mutating func finishIncoming(_ slot: Int, at time: UnixNanos, latency: Int64) {
        let order = orders[slot]
        guard !order.isClosed, order.remaining > 0 else {
            if !order.isClosed { close(slot) }
            publishBookChanges(order.listing, at: time)
            return
        }
        if order.timeInForce.isImmediate {
            close(slot)
            let reason = "immediate-or-cancel: unfilled remainder cancelled"
            emitPrivate(.report(.cancelled(orderID: order.orderID, reason: reason)), at: time, latency: latency)
        } else {
            rest(slot)
        }
        publishBookChanges(order.listing, at: time)
    }

    mutating func rest(_ slot: Int) {
        let order = orders[slot]
        listings[order.listing].book.add(
            order.side == .buy ? .bid : .ask,
            price: order.price,
            order: RestingOrder(owner: .client(slot: slot), remaining: order.remaining)
        )
        orders[slot].isResting = true
        accounts[order.account].openOrders.append(slot)
        if order.goodTillDate != nil { datedOrders.append(slot) }
    }

    /// Takes an order out of the book (if resting) and marks it closed.
    mutating func close(_ slot: Int) {
        let order = orders[slot]
        if order.isResting {
            listings[order.listing].book.remove(
                order.side == .buy ? .bid : .ask,
                price: order.price,
                owner: .client(slot: slot)
            )
            orders[slot].isResting = false
            accounts[order.account].openOrders.removeAll { $0 == slot }
        }
        orders[slot].isClosed = true
    }

    // MARK: - Cancel

    mutating func cancel(_ orderID: OrderID, venue: Venue, at time: UnixNanos, latency: Int64) {
        guard venue == configuration.venue, let slot = orderIndex[orderID] else {
            let reason = "10004 order_not_found"
            emitPrivate(.report(.cancelRejected(orderID: orderID, reason: reason)), at: time, latency: latency)
            return
        }
        guard orders[slot].isResting else {
            let reason = "10010 already_closed: the order is no longer open"
            emitPrivate(.report(.cancelRejected(orderID: orderID, reason: reason)), at: time, latency: latency)
            return
        }
        close(slot)
        emitPrivate(
            .report(.cancelled(orderID: orderID, reason: "cancelled by the client")),
            at: time,
            latency: latency
        )
        publishBookChanges(orders[slot].listing, at: time)
    }

    /// Expires good-till-date orders whose instant has come.
    mutating func expireDatedOrders(at time: UnixNanos) {
        guard !datedOrders.isEmpty else { return }
        var kept: [Int] = []
        for slot in datedOrders where orders[slot].isResting {
            guard let until = orders[slot].goodTillDate, until <= time else {
                kept.append(slot)
                continue
            }
            close(slot)
            emitPrivate(.report(.expired(orderID: orders[slot].orderID)), at: time, latency: 0)
            publishBookChanges(orders[slot].listing, at: time)
        }
        datedOrders = kept
    }
}
