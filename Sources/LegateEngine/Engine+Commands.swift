public import LegateCore
internal import LegateModel
internal import LegateOrders
internal import OrderedCollections

extension Engine {
    mutating func handle(_ envelope: CommandEnvelope, _ step: inout Step) {
        if let refusal = authorize(envelope) {
            reject(envelope, orderID: envelope.command.orderID, refusal, &step)
            return
        }
        switch envelope.command {
        case .placeOrder(let request, let stage):
            place(request, stage: stage, envelope, &step)
        case .placePackage(let request, let stage):
            place(request, stage: stage, envelope, &step)
        case .cancelPackage(let packageID):
            guard let package = state.packages[packageID] else {
                reject(envelope, orderID: nil, "unknown package \(packageID)", &step)
                return
            }
            for orderID in package.legOrderIDs {
                if let order = state.orders[orderID], order.pending != .cancel { requestCancel(order, &step) }
            }
        case .amend(let orderID, let quantity, let kind):
            amend(orderID, quantity: quantity, kind: kind, envelope, &step)
        case .cancel(let orderID):
            cancel(orderID, envelope, &step)
        case .cancelAll(let account, let venue):
            let targets = state.orders.values.filter { order in
                !order.status.isTerminal && order.pending != .cancel
                    && (account.map { order.request.account == $0 } ?? true)
                    && (venue.map { order.request.venue == $0 } ?? true)
            }
            for order in targets { requestCancel(order, &step) }
        case .release(let orderID):
            release(orderID, envelope, &step)
        case .approve(let orderID):
            approve(orderID, envelope, &step)
        case .deny(let orderID, let reason):
            deny(orderID, reason: reason, envelope, &step)
        case .allocate(let orderID, let instruction):
            allocate(orderID, instruction, envelope, &step)
        case .setLimit(let key, let limit):
            if let limit, limit.key != key {
                reject(envelope, orderID: nil, "the limit does not match the slot it is set in", &step)
                return
            }
            if let limit, limit.threshold.isNegative {
                reject(envelope, orderID: nil, "limit threshold \(limit.threshold) is negative", &step)
                return
            }
            if limit != nil, let reason = gate.unsupportedReason(key) {
                reject(envelope, orderID: nil, "limit \(key.measure.rawValue) for \(key.scope): \(reason)", &step)
                return
            }
            emit(.limitChanged(key: key, limit: limit, actor: envelope.actor), &step)
        case .setHedgePolicy(let scope, let policy):
            setHedgePolicy(scope, policy, envelope, &step)
        }
    }

    mutating func setHedgePolicy(
        _ scope: LimitScope,
        _ policy: HedgePolicy?,
        _ envelope: CommandEnvelope,
        _ step: inout Step
    ) {
        guard let policy else {
            guard state.hedgePolicies[scope] != nil else {
                reject(envelope, orderID: nil, "no hedge policy is set for \(scope)", &step)
                return
            }
            emit(.hedgePolicyChanged(scope: scope, policy: nil, actor: envelope.actor), &step)
            return
        }
        guard policy.scope == scope else {
            reject(envelope, orderID: nil, "the hedge policy for \(policy.scope) is set in the slot of \(scope)", &step)
            return
        }
        if let problem = policy.problem {
            reject(envelope, orderID: nil, "hedge policy for \(scope): \(problem)", &step)
            return
        }
        emit(.hedgePolicyChanged(scope: scope, policy: policy, actor: envelope.actor), &step)
    }

    /// Why the actor may not run this command, or nil when they may. Checked by the engine for every command.
    func authorize(_ envelope: CommandEnvelope) -> String? {
        guard let user = configuration.users[envelope.actor] else { return "unknown user \(envelope.actor)" }
        let permission = envelope.command.permission
        guard user.has(permission) else {
            return
                "user \(user.id) (\(user.roles.sorted().map(\.rawValue).joined(separator: ", "))) lacks \(permission.rawValue)"
        }
        let account: AccountID?
        switch envelope.command {
        case .placeOrder(let request, _): account = request.account
        case .placePackage(let request, _): account = request.account
        case .cancelPackage(let packageID): account = state.packages[packageID]?.request.account
        case .cancelAll(let scope, _):
            account = scope
            if scope == nil && !user.roles.contains(.admin) && !user.roles.contains(.riskManager) {
                return "cancelling every account's orders needs the risk manager or admin role"
            }
        case .setLimit: account = nil
        case .setHedgePolicy(_, let policy): account = policy?.account
        default: account = envelope.command.orderID.flatMap { state.orders[$0]?.request.account }
        }
        if let account, !user.mayAct(on: account) {
            return "user \(user.id) may not act on account \(account)"
        }
        return nil
    }

    mutating func reject(_ envelope: CommandEnvelope, orderID: OrderID?, _ reason: String, _ step: inout Step) {
        let rejected = CommandRejected(
            correlationID: envelope.correlationID,
            actor: envelope.actor,
            orderID: orderID,
            reason: reason
        )
        emit(.commandRejected(rejected), &step)
    }

    mutating func place(_ request: OrderRequest, stage: Bool, _ envelope: CommandEnvelope, _ step: inout Step) {
        if let problem = request.validate(at: step.time) {
            reject(envelope, orderID: nil, "order \(request.clientOrderID): \(problem)", &step)
            return
        }
        if request.flags.reduceOnly, let problem = reduceOnlyProblem(request) {
            reject(envelope, orderID: nil, "order \(request.clientOrderID): \(problem)", &step)
            return
        }
        let key = ClientOrderKey(account: request.account, clientOrderID: request.clientOrderID)
        if let existing = state.clientOrderIndex[key] {
            reject(
                envelope,
                orderID: existing,
                "client order id \(request.clientOrderID) is already used by \(existing)",
                &step
            )
            return
        }
        if let existing = state.clientPackageIndex[key] {
            reject(
                envelope,
                orderID: nil,
                "client order id \(request.clientOrderID) is already used by \(existing)",
                &step
            )
            return
        }
        let orderID = Self.makeOrderID(state.nextOrderNumber)
        let created = OrderCreated(
            orderID: orderID,
            request: request,
            owner: envelope.actor,
            correlationID: envelope.correlationID,
            staged: stage,
            packageID: nil
        )
        emit(.orderCreated(created), &step)
        judge([orderID], &step)
    }

    /// Why a reduce-only order would not only reduce its position, or nil when it does: it must trade against the
    /// position in its account, venue and instrument, and together with the working reduce-only orders on the same
    /// side it must not exceed the position (so fills of all of them cannot flip it).
    func reduceOnlyProblem(_ request: OrderRequest) -> String? {
        let key = PositionKey(account: request.account, venue: request.venue, instrument: request.instrument)
        let position = state.positions[key]?.netQuantity.decimal ?? .zero
        let reducing = request.side == .sell ? position.isPositive : position.isNegative
        guard reducing else {
            return "reduce-only \(request.side.rawValue) would not reduce the position of \(position)"
        }
        var committed = request.quantity.decimal
        for order in state.workingOrders
        where order.request.flags.reduceOnly && order.request.side == request.side
            && order.request.account == request.account && order.request.venue == request.venue
            && order.request.instrument == request.instrument
        {
            committed += (order.quantity - order.filledQuantity).decimal
        }
        guard committed <= position.magnitude else {
            return "reduce-only orders for \(committed) would exceed the position of \(position)"
        }
        return nil
    }

    /// Places a package: every leg becomes an order, and the gate judges all legs together as one proposal.
    mutating func place(_ request: PackageRequest, stage: Bool, _ envelope: CommandEnvelope, _ step: inout Step) {
        let clientID = request.clientPackageID
        if let problem = packageProblem(request, at: step.time) {
            reject(envelope, orderID: nil, "package \(clientID): \(problem)", &step)
            return
        }
        let packageID = Self.makeID(PackageID.self, prefix: "P", UInt64(state.packages.count + 1))
        let legs = request.package.legOrders
        let legIDs = legs.indices.map { Self.makeOrderID(state.nextOrderNumber + UInt64($0)) }
        let created = PackageCreated(
            packageID: packageID,
            request: request,
            owner: envelope.actor,
            correlationID: envelope.correlationID,
            legOrderIDs: legIDs
        )
        emit(.packageCreated(created), &step)
        for (index, leg) in legs.enumerated() {
            let legRequest = Self.legRequest(request, leg, index: index)
            let order = OrderCreated(
                orderID: legIDs[index],
                request: legRequest,
                owner: envelope.actor,
                correlationID: envelope.correlationID,
                staged: stage,
                packageID: packageID
            )
            emit(.orderCreated(order), &step)
        }
        judge(legIDs, &step)
    }

    /// The order a package's leg becomes: the leg at its own price, under the package's account, venue and time in
    /// force.
    static func legRequest(_ request: PackageRequest, _ leg: PackageLegOrder, index: Int) -> OrderRequest {
        OrderRequest(
            clientOrderID: legClientID(request.clientPackageID, index),
            account: request.account,
            venue: request.venue,
            instrument: leg.instrument,
            side: leg.side,
            quantity: leg.quantity,
            kind: .limit(LimitPrice(request.legPrices[index].decimal)),
            timeInForce: request.timeInForce
        )
    }

    /// Why a package request cannot be placed, or nil.
    func packageProblem(_ request: PackageRequest, at time: UnixNanos) -> String? {
        let package = request.package
        guard request.legPrices.count == package.legs.count else {
            return "\(request.legPrices.count) leg prices for \(package.legs.count) legs"
        }
        do {
            try package.validateNotExpired(asOf: time)
        } catch {
            return error.description
        }
        do {
            let check = try package.checkLimit(legPrices: request.legPrices)
            guard check.isWithinLimit else { return "leg prices net \(check.netPrice), outside the limit: \(check)" }
        } catch {
            return error.description
        }
        if case .goodTillDate(let expiry) = request.timeInForce, expiry <= time {
            return "good-till-date \(expiry) is not in the future"
        }
        // Each leg is an order sent on its own: it must be as well formed as one entered alone (a leg priced below
        // zero can still net inside the package's limit).
        for (index, leg) in package.legOrders.enumerated() {
            if let problem = Self.legRequest(request, leg, index: index).validate(at: time) {
                return "leg \(index) (\(leg.instrument)): \(problem)"
            }
        }
        let key = ClientOrderKey(account: request.account, clientOrderID: request.clientPackageID)
        if state.clientOrderIndex[key] != nil || state.clientPackageIndex[key] != nil {
            return "client id \(request.clientPackageID) is already used"
        }
        for index in package.legs.indices {
            let legKey = ClientOrderKey(
                account: request.account,
                clientOrderID: Self.legClientID(request.clientPackageID, index)
            )
            if state.clientOrderIndex[legKey] != nil { return "leg client id \(legKey.clientOrderID) is already used" }
        }
        return nil
    }

    /// The client order id of a package's leg: `<package client id>/<leg index>`.
    static func legClientID(_ packageClientID: ClientOrderID, _ index: Int) -> ClientOrderID {
        // Truncated so the id stays within 64 characters; a clash this causes is refused as a used client id.
        ClientOrderID(known: String(packageClientID.rawValue.prefix(58)) + "/\(index)")
    }

    static func makeID<Tag>(_ type: Identifier<Tag>.Type, prefix: String, _ number: UInt64) -> Identifier<Tag> {
        counterID(type, prefix: prefix, number)
    }

    /// Order ids are a zero-padded counter, so lexical and numeric order agree.
    static func makeOrderID(_ number: UInt64) -> OrderID {
        OrderTable.id(number: number)
    }

    /// Runs the gate on orders pending risk (one order or a package's legs) and moves them on.
    mutating func judge(_ orderIDs: [OrderID], _ step: inout Step) {
        let proposal = orderIDs.compactMap { state.orders[$0] }
        let decision = decide(proposal, at: step.time)
        for orderID in orderIDs {
            if case .accept = decision {
                accept(orderID, decision, &step)
                continue
            }
            emit(.riskDecided(orderID: orderID, decision: decision), &step)
            switch decision {
            case .accept:
                break
            case .reject(let breach):
                transition(orderID, .riskRejected(reason: breach.description), &step)
            case .unassessable(let reason):
                transition(orderID, .riskRejected(reason: "risk cannot be assessed: \(reason)"), &step)
            case .needsApproval:
                transition(orderID, .approvalRequired, &step)
                emit(
                    .approvalRequested(orderID: orderID, expiresAt: step.time + configuration.approvalTimeToLive),
                    &step
                )
            }
        }
    }

    /// The gate's decision, with the soft breaches the orders' grants cover let through.
    ///
    /// A grant covers the breach it was granted for, nothing else: a soft breach of a covered limit is set aside and
    /// the gate asked again, until it accepts (on the first breach's figures, as the approval was given on them) or
    /// names a breach no grant covers, which asks for approval again. A hard breach always rejects.
    mutating func decide(_ proposal: [Order], at time: UnixNanos) -> RiskDecision {
        let first = evaluateGate(proposal, at: time)
        var decision = first
        var setAside: [LimitKey] = []
        while case .needsApproval(let breach) = decision {
            guard !setAside.contains(breach.limitKey), grantsCover(proposal, breach.limitKey, at: time) else {
                return decision
            }
            setAside.append(breach.limitKey)
            decision = evaluateGate(proposal, at: time, settingAside: setAside)
        }
        guard !setAside.isEmpty, decision.isAccepted else { return decision }
        return first.approved
    }

    /// Whether every order of the proposal holds a grant that is still valid, was given by someone other than its
    /// owner who may approve, and covers `limit`.
    func grantsCover(_ proposal: [Order], _ limit: LimitKey, at time: UnixNanos) -> Bool {
        proposal.allSatisfy { order in
            guard let grant = state.approvals[order.id], grant.expiresAt > time, grant.approver != order.owner,
                configuration.users[grant.approver]?.has(.approve) == true
            else { return false }
            return grant.covers.contains(limit)
        }
    }

    /// The gate accepted an order pending risk: one event moves it on, staged if it was entered that way, otherwise
    /// sent (and its venue command follows).
    mutating func accept(_ orderID: OrderID, _ decision: RiskDecision, _ step: inout Step) {
        let staged = state.stagedOrders.contains(orderID)
        emit(.orderAccepted(orderID: orderID, decision: decision, staged: staged), &step)
        guard !staged, let index = state.orders.index(of: orderID) else { return }
        send(.place(orderID: orderID, request: state.orders[index].request), &step)
    }

    /// The orders a workflow command on `order` acts on: every leg of its package, or the order alone.
    func unit(of order: Order) -> [OrderID] {
        guard let packageID = order.packageID, let package = state.packages[packageID] else { return [order.id] }
        return package.legOrderIDs
    }

    mutating func release(_ orderID: OrderID, _ envelope: CommandEnvelope, _ step: inout Step) {
        guard let order = state.orders[orderID] else {
            reject(envelope, orderID: orderID, "unknown order \(orderID)", &step)
            return
        }
        let unit = unit(of: order)
        for id in unit {
            guard let leg = state.orders[id], leg.allows(.released) else {
                let status = state.orders[id]?.displayStatus ?? "unknown"
                reject(envelope, orderID: orderID, "order \(id) is \(status), not staged", &step)
                return
            }
        }
        for id in unit { transition(id, .released, &step) }
        judge(unit, &step)
    }

    mutating func approve(_ orderID: OrderID, _ envelope: CommandEnvelope, _ step: inout Step) {
        guard let order = state.orders[orderID] else {
            reject(envelope, orderID: orderID, "unknown order \(orderID)", &step)
            return
        }
        guard order.owner != envelope.actor else {
            reject(envelope, orderID: orderID, "four eyes: \(envelope.actor) cannot approve their own order", &step)
            return
        }
        let unit = unit(of: order)
        for id in unit {
            guard state.orders[id]?.status == .pendingApproval, let expiry = state.approvalRequests[id],
                expiry > step.time
            else {
                reject(envelope, orderID: orderID, "order \(id) is not awaiting approval", &step)
                return
            }
        }
        let validUntil = step.time + configuration.approvalTimeToLive
        for id in unit {
            emit(.approvalGranted(orderID: id, approver: envelope.actor, expiresAt: validUntil), &step)
            transition(id, .approvedForJudging, &step)
        }
        // Approved means back to the gate: a limit tightened or a book moved since the request is judged now, and
        // the grant lets through only the breach it was given over.
        judge(unit, &step)
    }

    mutating func deny(_ orderID: OrderID, reason: String, _ envelope: CommandEnvelope, _ step: inout Step) {
        guard let order = state.orders[orderID], order.status == .pendingApproval else {
            reject(envelope, orderID: orderID, "order \(orderID) is not awaiting approval", &step)
            return
        }
        for id in unit(of: order) where state.orders[id]?.status == .pendingApproval {
            transition(id, .denied(reason: "\(reason) (by \(envelope.actor))"), &step)
        }
    }

    mutating func cancel(_ orderID: OrderID, _ envelope: CommandEnvelope, _ step: inout Step) {
        guard let order = state.orders[orderID] else {
            reject(envelope, orderID: orderID, "unknown order \(orderID)", &step)
            return
        }
        guard order.allows(.cancelRequested) else {
            reject(
                envelope,
                orderID: orderID,
                "order \(orderID) is \(order.displayStatus) and cannot be cancelled",
                &step
            )
            return
        }
        requestCancel(order, &step)
    }

    /// Cancels locally when the order never reached a venue, otherwise asks the venue.
    mutating func requestCancel(_ order: Order, _ step: inout Step) {
        guard order.allows(.cancelRequested) else { return }
        transition(order.id, .cancelRequested, &step)
        if order.status.isAtVenue {
            send(.cancel(orderID: order.id, venue: order.request.venue, venueOrderID: order.venueOrderID), &step)
        }
    }

    mutating func amend(
        _ orderID: OrderID,
        quantity: Quantity?,
        kind: OrderKind?,
        _ envelope: CommandEnvelope,
        _ step: inout Step
    ) {
        guard let order = state.orders[orderID] else {
            reject(envelope, orderID: orderID, "unknown order \(orderID)", &step)
            return
        }
        guard state.awaitingReconciliation.isEmpty || !state.awaitingReconciliation.contains(orderID) else {
            let reason = "order \(orderID) awaits reconciliation with the venue since the restart; cancel it or wait"
            reject(envelope, orderID: orderID, reason, &step)
            return
        }
        let newQuantity = quantity ?? order.quantity
        let newKind = kind ?? order.kind
        let change = OrderTransition.amendRequested(quantity: newQuantity, kind: newKind)
        guard quantity != nil || kind != nil else {
            reject(envelope, orderID: orderID, "an amend must change the quantity or the price", &step)
            return
        }
        guard order.allows(change) else {
            reject(
                envelope,
                orderID: orderID,
                "order \(orderID) is \(order.displayStatus) and cannot be amended",
                &step
            )
            return
        }
        // The order as amended must be as well formed as a new one (a post-only order cannot become a market order,
        // a price cannot drop to zero): the venue must never see what the engine would refuse on entry.
        if let problem = order.request.amendProblem(quantity: newQuantity, kind: newKind) {
            reject(envelope, orderID: orderID, "amend of \(orderID): \(problem)", &step)
            return
        }
        // An amend is a new risk: the gate judges the order as it would stand after the amend.
        switch evaluateGate([order.amended(quantity: newQuantity, kind: newKind)], at: step.time)
        {
        case .accept:
            break
        case .reject(let breach), .needsApproval(let breach):
            reject(envelope, orderID: orderID, "amend of \(orderID) breaches \(breach)", &step)
            return
        case .unassessable(let reason):
            reject(envelope, orderID: orderID, "amend of \(orderID): risk cannot be assessed: \(reason)", &step)
            return
        }
        transition(orderID, change, &step)
        let amendCommand = VenueCommand.amend(
            orderID: orderID,
            venue: order.request.venue,
            venueOrderID: order.venueOrderID,
            quantity: newQuantity,
            kind: newKind
        )
        send(amendCommand, &step)
    }
}

extension Command {
    /// The existing order a command is about, if any.
    public var orderID: OrderID? {
        switch self {
        case .amend(let id, _, _), .cancel(let id), .release(let id), .approve(let id), .deny(let id, _),
            .allocate(let id, _):
            id
        case .placeOrder, .placePackage, .cancelPackage, .cancelAll, .setLimit, .setHedgePolicy: nil
        }
    }
}
