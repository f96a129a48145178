public import LegateCore
internal import LegateModel
internal import LegateOrders
internal import OrderedCollections

extension EngineState {
    /// Applies one event. Live handling and replay both come through here.
    ///
    /// - Throws: `ReplayError` when the event does not fit the state (a damaged or foreign journal); the state is
    ///   unchanged in that case.
    public mutating func apply(_ event: Event, at time: UnixNanos) throws(ReplayError) {
        // Every case checks before it mutates, so a refused event leaves the state as it was without copying it
        // (a copy per event would make the engine quadratic in the size of the book).
        try applyChecked(event, at: time)
        eventCount += 1
    }

    private func failure(_ event: Event, _ reason: String) -> ReplayError {
        ReplayError(eventIndex: eventCount + 1, event: event.kind, reason: reason)
    }

    private mutating func applyChecked(_ event: Event, at time: UnixNanos) throws(ReplayError) {
        switch event {
        case .packageCreated(let created):
            guard packages[created.packageID] == nil else {
                throw failure(event, "package \(created.packageID) exists")
            }
            guard created.legOrderIDs.count == created.request.package.legs.count else {
                throw failure(event, "package \(created.packageID) lists \(created.legOrderIDs.count) leg orders")
            }
            let key = ClientOrderKey(account: created.request.account, clientOrderID: created.request.clientPackageID)
            guard clientOrderIndex[key] == nil, clientPackageIndex[key] == nil else {
                throw failure(event, "client id \(created.request.clientPackageID) is already used")
            }
            packages[created.packageID] = PackageRecord(
                id: created.packageID,
                request: created.request,
                owner: created.owner,
                legOrderIDs: created.legOrderIDs
            )
            clientPackageIndex[key] = created.packageID
        case .orderCreated(let created):
            try create(created, event: event, at: time)
        case .orderTransitioned(let orderID, let transition):
            try applyTransition(orderID, transition, event: event, at: time)
        case .riskDecided(let orderID, let decision):
            guard orders[orderID] != nil else { throw failure(event, "unknown order \(orderID)") }
            if case .needsApproval(let breach) = decision {
                approvalLimits[orderID] = breach.limitKey
            }
        case .orderAccepted(let orderID, _, let staged):
            guard let index = orders.index(of: orderID) else { throw failure(event, "unknown order \(orderID)") }
            guard orders[index].status == .pendingRisk else {
                throw failure(event, "order \(orderID) is \(orders[index].displayStatus), not pending risk")
            }
            guard stagedOrders.contains(orderID) == staged else {
                throw failure(event, "order \(orderID) was \(staged ? "not " : "")entered staged")
            }
            try applyTransition(orderID, .riskAccepted, then: staged ? .staged : .sent, event: event, at: time)
        case .approvalRequested(let orderID, let expiresAt):
            guard orders[orderID] != nil else { throw failure(event, "unknown order \(orderID)") }
            approvalRequests[orderID] = expiresAt
        case .approvalGranted(let orderID, let approver, let expiresAt):
            guard orders[orderID] != nil else { throw failure(event, "unknown order \(orderID)") }
            grant(orderID, approver: approver, expiresAt: expiresAt, at: time)
        case .commandRejected:
            break
        case .fillBooked(let fill):
            try book(fill, event: event, at: time)
        case .reportQuarantined(let report, let reason):
            quarantinedReports.append(QuarantinedReport(report: report, reason: reason))
        case .limitChanged(let key, let limit, _):
            if let limit {
                guard limit.key == key else { throw failure(event, "limit does not match its key") }
                limits[key] = limit
                limits.sort { $0.key < $1.key }
            } else {
                limits[key] = nil
            }
        case .markUpdated(let instrument, let price):
            marks[instrument] = price
        case .fillsAllocated(let orderID, let slices, _):
            try allocate(orderID, slices, event: event)
        case .instrumentSettled(let settled):
            try close(settled, event: event)
        case .settlementRejected:
            break
        case .hedgePolicyChanged(let scope, let policy, _):
            if let policy {
                guard policy.scope == scope else { throw failure(event, "the policy does not match its scope") }
                hedgePolicies[scope] = policy
            } else {
                hedgePolicies[scope] = nil
            }
        case .reconciliation(let orderID, let required):
            guard orders.index(of: orderID) != nil else { throw failure(event, "unknown order \(orderID)") }
            if required {
                guard awaitingReconciliation.append(orderID).inserted else {
                    throw failure(event, "\(orderID) already awaits reconciliation")
                }
            } else if awaitingReconciliation.remove(orderID) == nil {
                throw failure(event, "\(orderID) does not await reconciliation")
            }
        }
    }

    /// Records a grant over the limit the request was raised for. A grant given while an earlier one is still valid
    /// keeps its limits too: an order asked again over a second limit must not then be asked again over the first.
    private mutating func grant(_ orderID: OrderID, approver: UserID, expiresAt: UnixNanos, at time: UnixNanos) {
        var covers: [LimitKey] = []
        if let earlier = approvals[orderID], earlier.expiresAt > time { covers = earlier.covers }
        if let requested = approvalLimits[orderID], !covers.contains(requested) {
            covers.append(requested)
            covers.sort()
        }
        approvalRequests[orderID] = nil
        approvalLimits[orderID] = nil
        approvals[orderID] = ApprovalGrant(approver: approver, expiresAt: expiresAt, covers: covers)
    }

    /// Closes every open position in the settled instrument on its venue at the settlement value: the opposite side
    /// is added at that value, so the position is flat and its realised P&L includes the settlement.
    private mutating func close(_ settled: InstrumentSettled, event: Event) throws(ReplayError) {
        guard !settled.value.decimal.isNegative else { throw failure(event, "settlement value \(settled.value)") }
        var closed: [(PositionKey, Position)] = []
        for key in positionKeysByInstrument[settled.settlement.instrument] ?? []
        where key.venue == settled.settlement.venue {
            guard var position = positions[key], !position.netQuantity.isZero else { continue }
            let net = position.netQuantity
            let quantity = net.decimal.isPositive ? net : Quantity.zero - net
            let value: FixedDecimal
            do {
                value = try settled.value.decimal.multipliedExactly(by: quantity.decimal)
            } catch {
                throw failure(event, "settlement value of \(key.account)'s position: \(error)")
            }
            if net.decimal.isPositive {
                position.soldQuantity = position.soldQuantity + quantity
                position.soldValue += value
            } else {
                position.boughtQuantity = position.boughtQuantity + quantity
                position.boughtValue += value
            }
            closed.append((key, position))
        }
        // Every check is done: only infallible updates follow.
        for (key, position) in closed { positions[key] = position }
    }

    private mutating func create(_ created: OrderCreated, event: Event, at time: UnixNanos) throws(ReplayError) {
        let key = ClientOrderKey(account: created.request.account, clientOrderID: created.request.clientOrderID)
        guard clientOrderIndex[key] == nil, clientPackageIndex[key] == nil else {
            throw failure(event, "client order id \(created.request.clientOrderID) is already used")
        }
        if let packageID = created.packageID {
            guard packages[packageID]?.legOrderIDs.contains(created.orderID) == true else {
                throw failure(event, "order \(created.orderID) is not a leg of package \(packageID)")
            }
        }
        let order = Order(
            id: created.orderID,
            request: created.request,
            owner: created.owner,
            packageID: created.packageID,
            at: time
        )
        guard orders.append(order) else {
            throw failure(event, "order \(created.orderID) is not the next order id \(orders.nextID)")
        }
        clientOrderIndex[key] = created.orderID
        if created.staged { stagedOrders.insert(created.orderID) }
        nextOrderNumber += 1
    }

    /// Applies `transition` to the order, then `next` when given (the second step of `orderAccepted`, which the
    /// caller has checked can follow the first: a refusal of the first changes nothing).
    private mutating func applyTransition(
        _ orderID: OrderID,
        _ transition: OrderTransition,
        then next: OrderTransition? = nil,
        event: Event,
        at time: UnixNanos
    ) throws(ReplayError) {
        guard let index = orders.index(of: orderID) else { throw failure(event, "unknown order \(orderID)") }
        // In place: copying an order out and back in costs more than the transition itself.
        let change: (wasWorking: Bool, isWorking: Bool, isTerminal: Bool, account: AccountID)
        do {
            change = try orders.update(at: index) { (order: inout Order) throws(OrderTransitionError) in
                let wasWorking = Self.isWorking(order)
                try order.apply(transition, at: time)
                if let next { try order.apply(next, at: time) }
                return (wasWorking, Self.isWorking(order), order.status.isTerminal, order.request.account)
            }
        } catch {
            throw failure(event, error.description)
        }
        let (wasWorking, isWorking) = (change.wasWorking, change.isWorking)
        if wasWorking != isWorking {
            let account = change.account
            let count = (workingOrderCounts[account] ?? 0) + (isWorking ? 1 : -1)
            workingOrderCounts[account] = count == 0 ? nil : count
        }
        switch next ?? transition {
        case .approved, .approvedForJudging, .denied, .approvalExpired:
            approvalRequests[orderID] = nil
            approvalLimits[orderID] = nil
        case .sent, .released:
            // A released order is sent once accepted: the staging flag has done its job.
            stagedOrders.remove(orderID)
        default:
            break
        }
        if change.isTerminal {
            stagedOrders.remove(orderID)
            awaitingReconciliation.remove(orderID)
            approvalRequests[orderID] = nil
            approvalLimits[orderID] = nil
            approvals[orderID] = nil
        }
    }

    private mutating func book(_ fill: BookedFill, event: Event, at time: UnixNanos) throws(ReplayError) {
        let trade = TradeKey(venue: fill.venue, tradeID: fill.tradeID)
        guard !bookedTrades.contains(trade) else { throw failure(event, "trade \(fill.tradeID) already booked") }
        let value: FixedDecimal
        do {
            value = try fill.price.decimal.multipliedExactly(by: fill.quantity.decimal)
        } catch {
            throw failure(event, "fill value: \(error)")
        }
        // The last check; after it only infallible updates follow.
        try applyTransition(fill.orderID, .filled(quantity: fill.quantity, price: fill.price), event: event, at: time)
        bookedTrades.insert(trade)
        let key = PositionKey(account: fill.account, venue: fill.venue, instrument: fill.instrument)
        var position: Position
        if let existing = positions[key] {
            position = existing
        } else {
            position = Position()
            positionKeysByInstrument[key.instrument, default: []].append(key)
        }
        switch fill.side {
        case .buy:
            position.boughtQuantity = position.boughtQuantity + fill.quantity
            position.boughtValue += value
        case .sell:
            position.soldQuantity = position.soldQuantity + fill.quantity
            position.soldValue += value
        }
        position.fillCount += 1
        positions[key] = position
        orderFills[fill.orderID, default: []].append(fill)
    }

    /// Records an allocation after checking that every slice belongs to an unallocated fill of the order and that
    /// each fill's slices sum to it exactly.
    private mutating func allocate(_ orderID: OrderID, _ slices: [AllocatedSlice], event: Event) throws(ReplayError) {
        guard let fills = orderFills[orderID], let venue = orders[orderID]?.request.venue else {
            throw failure(event, "order \(orderID) has no fills")
        }
        var allocated: [String: Quantity] = [:]
        for slice in slices {
            guard slice.quantity.decimal.isPositive else { throw failure(event, "slice of \(slice.quantity)") }
            allocated[slice.tradeID, default: .zero] = allocated[slice.tradeID, default: .zero] + slice.quantity
        }
        for (tradeID, quantity) in allocated {
            guard let fill = fills.first(where: { $0.tradeID == tradeID }) else {
                throw failure(event, "trade \(tradeID) is not a fill of \(orderID)")
            }
            guard !allocatedTrades.contains(TradeKey(venue: venue, tradeID: tradeID)) else {
                throw failure(event, "trade \(tradeID) is already allocated")
            }
            guard quantity == fill.quantity else {
                throw failure(event, "slices of trade \(tradeID) sum to \(quantity), not \(fill.quantity)")
            }
        }
        for tradeID in allocated.keys { allocatedTrades.insert(TradeKey(venue: venue, tradeID: tradeID)) }
        allocations[orderID, default: []].append(contentsOf: slices)
    }
}

extension RiskBreach {
    /// The limit this is a breach of.
    var limitKey: LimitKey { LimitKey(measure: measure, scope: scope, severity: severity) }
}
