public import LegateCore
public import LegateModel
import LegateTransport
public import LegateVenues

// MARK: - Orders over signed REST

extension OKXSession {
    /// `POST /api/v5/trade/order`, our order id as `clOrdId`. The size becomes contracts exactly; a size that is not a
    /// whole number of lots (or a price off the tick) is rejected before anything is sent, naming size and contract.
    ///
    /// Waits for a ready connection first, so the `orders` channel is there for the fills.
    public func place(orderID: OrderID, request: OrderRequest) async throws(VenueError) {
        let spec = try spec(for: request.instrument)
        let built: OKXRESTRequest
        do {
            built = try OKXRequests.place(
                orderID: orderID,
                request: request,
                spec: spec,
                options: configuration.orderOptions,
                protectedFamilies: protectedFamilies
            )
        } catch {
            publish([.rejected(orderID: orderID, reason: Self.refusal(error, spec: spec))])
            return
        }
        try requireCredentials("place")
        orders[orderID] = KnownOrder(symbol: spec.symbol, venueOrderID: nil)
        try await awaitReady()
        try await submit(built, .place, orderID: orderID)
    }

    /// `POST /api/v5/trade/amend-order`: the new total size and limit of an order this session placed (or saw).
    public func amend(
        orderID: OrderID,
        venueOrderID: VenueOrderID?,
        quantity: Quantity,
        kind: OrderKind
    ) async throws(VenueError) {
        let (spec, known) = try knownSpec(orderID, operation: "amend")
        let built: OKXRESTRequest
        do {
            built = try OKXRequests.amend(
                orderID: orderID,
                venueOrderID: venueOrderID ?? known,
                quantity: quantity,
                kind: kind,
                spec: spec
            )
        } catch {
            publish([.amendRejected(orderID: orderID, reason: Self.refusal(error, spec: spec))])
            return
        }
        try await awaitReady()
        try await submit(built, .amend, orderID: orderID)
    }

    /// `POST /api/v5/trade/cancel-order`. A cancel never waits for the WebSocket: its answer is the report.
    public func cancel(orderID: OrderID, venueOrderID: VenueOrderID?) async throws(VenueError) {
        let (spec, known) = try knownSpec(orderID, operation: "cancel")
        let built: OKXRESTRequest
        do {
            built = try OKXRequests.cancel(orderID: orderID, venueOrderID: venueOrderID ?? known, spec: spec)
        } catch {
            throw .unsupported(venue: .okx, operation: error.description)
        }
        try await submit(built, .cancel, orderID: orderID)
    }

    /// OKX's `mass-cancel` exists only for options with market-maker protection and one family at a time, so this
    /// reads the open orders (`trade/orders-pending`) and cancels those in scope with `cancel-batch-orders`, 20 at a
    /// time. Orders placed outside Legate (no `clOrdId`) are cancelled too, without a report.
    public func cancelAll(_ scope: CancelScope) async throws(VenueError) {
        try requireCredentials("cancel all")
        let open = try await pendingOrders()
        var chosen: [(instId: String, ordId: String)] = []
        for order in open {
            let instrument = try translated("open order \(order.ordId)") { () throws(OKXParseError) in
                try OKXTranslator.instrument(named: order.instId)
            }
            if OKXSessionRequests.covers(scope, instrument: instrument) { chosen.append((order.instId, order.ordId)) }
        }
        var start = 0
        while start < chosen.count {
            let batch = Array(chosen[start..<min(start + OKXSessionRequests.batchLimit, chosen.count)])
            start += batch.count
            let response = try await call(OKXSessionRequests.cancelBatch(batch), OKXOrderAckWire.self)
            try publishBatch(response)
        }
    }

    /// One report per order our `clOrdId` names; a refused request as a whole is an error.
    func publishBatch(_ response: OKXResponse<OKXOrderAckWire>) throws(VenueError) {
        guard !response.data.isEmpty else {
            guard response.isSuccess else {
                throw OKXTranslator.venueError(code: response.code, message: response.msg, at: clock.now())
            }
            return
        }
        for item in response.data where item.clOrdId?.isEmpty == false {
            publish(
                try translated("cancel answer") { () throws(OKXParseError) in
                    try OKXTranslator.reports(ack: item, for: .cancel)
                }
            )
        }
    }

    /// Sends an order request and publishes its answer; a request refused as a whole throws.
    func submit(_ request: OKXRESTRequest, _ operation: OKXOperation, orderID: OrderID) async throws(VenueError) {
        let response = try await call(request, OKXOrderAckWire.self)
        let answer = try translated("\(operation.rawValue) answer") { () throws(OKXParseError) in
            try OKXTranslator.answer(response, for: operation, orderID: orderID, at: clock.now())
        }
        switch answer {
        case .failed(let error):
            throw error
        case .reports(let reports):
            for case .acknowledged(let id, let venueOrderID) in reports { orders[id]?.venueOrderID = venueOrderID }
            publish(reports)
        }
    }

    func knownSpec(_ orderID: OrderID, operation: String) throws(VenueError) -> (InstrumentSpec, VenueOrderID?) {
        try requireCredentials(operation)
        guard let known = orders[orderID] else {
            throw .unsupported(venue: .okx, operation: "\(operation) of \(orderID), which this session does not know")
        }
        guard let spec = contracts.spec(for: known.symbol) else {
            throw .unsupported(venue: .okx, operation: "\(operation) on \(known.symbol) without its instrument spec")
        }
        return (spec, known.venueOrderID)
    }

    func requireCredentials(_ operation: String) throws(VenueError) {
        guard configuration.credentials == nil else { return }
        throw .authenticationFailed(venue: .okx, reason: "\(operation) needs credentials; none are configured")
    }

    /// Why an order could not be written for OKX; a size names the contract it must be a whole number of.
    static func refusal(_ error: OKXRequestError, spec: InstrumentSpec) -> String {
        guard case .size = error else { return error.description }
        return "\(error.description); one \(spec.symbol) contract is \(spec.contractMultiplier) \(spec.contractUnit)"
            + " and OKX takes whole contracts only"
    }
}
