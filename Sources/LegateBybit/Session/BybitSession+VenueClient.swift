import Foundation
public import LegateCore
public import LegateModel
import LegateSymbology
import LegateTransport
public import LegateVenues

extension BybitSession: VenueClient {
    public nonisolated var venue: Venue { .bybit }
    public nonisolated var capabilities: VenueCapabilities { .bybit }

    // MARK: - Market data

    /// Adds the subscriptions' topics to their categories' public links (re-subscribed on every connection; a link
    /// starts on its first topic) and returns once the venue confirmed them. Books need their instrument's spec for
    /// the grid; a missing one is fetched from instruments-info first.
    public func subscribe(_ subscriptions: [MarketDataSubscription]) async throws(VenueError) {
        var added: [Market: [String]] = [:]
        for subscription in subscriptions {
            let topic = try Self.topic(subscription)
            let market = Market.of(subscription.instrument)
            if case .book = subscription.channel, bookGrids[topic] == nil {
                bookGrids[topic] = try await grid(for: subscription.instrument)
            }
            if !(publicTopics[market] ?? []).contains(topic) && !(added[market] ?? []).contains(topic) {
                added[market, default: []].append(topic)
            }
        }
        for market in Market.allCases {
            guard let topics = added[market] else { continue }
            publicTopics[market, default: []] += topics
            let link = BybitLink.market(market)
            try await awaitReady(link)
            // A connection that became ready meanwhile subscribed them already, as part of its preparation.
            let missing = topics.filter { connections[link]?.liveTopics.contains($0) != true }
            guard let number = connections[link]?.number, !missing.isEmpty else { continue }
            try await subscribeNow(missing, on: link, connection: number, throwing: true)
        }
    }

    public func unsubscribe(_ subscriptions: [MarketDataSubscription]) async throws(VenueError) {
        for subscription in subscriptions {
            let topic = try Self.topic(subscription)
            let market = Market.of(subscription.instrument)
            guard publicTopics[market]?.contains(topic) == true else { continue }
            publicTopics[market]?.removeAll { $0 == topic }
            books[topic] = nil
            tickers[topic] = nil
            // Without a connection there is nothing to unsubscribe: the next one will not subscribe it.
            try await unsubscribeNow([topic], on: .market(market))
        }
    }

    static func topic(_ subscription: MarketDataSubscription) throws(VenueError) -> String {
        do {
            return try BybitRequests.topic(subscription)
        } catch {
            throw .unsupported(venue: .bybit, operation: error.description)
        }
    }

    func grid(for instrument: Instrument) async throws(VenueError) -> BookGrid {
        guard let spec = try await spec(for: instrument) else {
            throw .unsupported(venue: .bybit, operation: "a book of \(instrument): Bybit does not list it")
        }
        do {
            return try BookGrid(tickSize: spec.tickSize, lotSize: spec.lotSize.decimal)
        } catch {
            throw .malformedMessage(venue: .bybit, what: "spec of \(spec.symbol)", reason: "\(error)")
        }
    }

    // MARK: - Orders

    /// Checks the order against the instrument's spec (a size that is not a whole number of lots, or a price off the
    /// tick, is a `rejected` report naming both, never rounded), then `POST /v5/order/create`. The acknowledgement
    /// or the venue's refusal arrives on `reports`; fills follow on the `execution` topic.
    public func place(orderID: OrderID, request: OrderRequest) async throws(VenueError) {
        try requireCredentials("placing an order")
        guard let spec = try await spec(for: request.instrument) else {
            publish([.rejected(orderID: orderID, reason: "bybit does not list \(request.instrument)")])
            return
        }
        let built: BybitRESTRequest
        do {
            built = try BybitRequests.place(
                orderID: orderID,
                request: request,
                spec: spec,
                protectedBaseCoins: protectedBaseCoins
            )
        } catch {
            publish([.rejected(orderID: orderID, reason: error.description)])
            return
        }
        orders[orderID] = KnownOrder(instrument: request.instrument, venueOrderID: nil)
        try await submit(built, action: .place, orderID: orderID, instrument: request.instrument)
    }

    public func amend(
        orderID: OrderID,
        venueOrderID: VenueOrderID?,
        quantity: Quantity,
        kind: OrderKind
    ) async throws(VenueError) {
        try requireCredentials("amending an order")
        guard let known = orders[orderID], let spec = try await spec(for: known.instrument) else {
            publish([.amendRejected(orderID: orderID, reason: "order \(orderID) is not known to this bybit session")])
            return
        }
        let built: BybitRESTRequest
        do {
            built = try BybitRequests.amend(
                orderID: orderID,
                venueOrderID: venueOrderID ?? known.venueOrderID,
                quantity: quantity,
                kind: kind,
                spec: spec
            )
        } catch {
            publish([.amendRejected(orderID: orderID, reason: error.description)])
            return
        }
        try await submit(built, action: .amend, orderID: orderID, instrument: known.instrument)
    }

    /// `POST /v5/order/cancel`; the cancel itself arrives from the `order` topic, a refusal as `cancelRejected`.
    public func cancel(orderID: OrderID, venueOrderID: VenueOrderID?) async throws(VenueError) {
        try requireCredentials("cancelling an order")
        guard let known = orders[orderID], let spec = try await spec(for: known.instrument) else {
            publish([.cancelRejected(orderID: orderID, reason: "order \(orderID) is not known to this bybit session")])
            return
        }
        let built: BybitRESTRequest
        do {
            built = try BybitRequests.cancel(
                orderID: orderID,
                venueOrderID: venueOrderID ?? known.venueOrderID,
                spec: spec
            )
        } catch {
            publish([.cancelRejected(orderID: orderID, reason: error.description)])
            return
        }
        try await submit(built, action: .cancel, orderID: orderID, instrument: known.instrument)
    }

    /// One `POST /v5/order/cancel-all` per category the scope touches; the cancels arrive on `reports` from the
    /// `order` topic.
    public func cancelAll(_ scope: CancelScope) async throws(VenueError) {
        try requireCredentials("cancelling all orders")
        let requests: [BybitRESTRequest]
        do {
            requests = try BybitRequests.cancelAll(scope, inverseSettleCoins: configuration.inverseSettleCoins)
        } catch {
            throw .unsupported(venue: .bybit, operation: error.description)
        }
        try await awaitReady(.account)
        for request in requests {
            _ = try await result(BybitIgnoredResult.self, of: request, signed: true, requestClass: .trading)
        }
    }

    /// Sends an order request once the private stream is ready (so its reports cannot be missed) and publishes what
    /// the answer says about the order.
    func submit(
        _ request: BybitRESTRequest,
        action: BybitOrderAction,
        orderID: OrderID,
        instrument: Instrument
    ) async throws(VenueError) {
        try await awaitReady(.account)
        let key = Market.of(instrument).rawValue
        let body = try await send(request, signed: true, requestClass: .trading, key: key)
        let response = try decode(BybitResponse<BybitOrderAckWire>.self, body, what: request.path)
        let reports = try BybitTranslator.reports(for: action, orderID: orderID, response: response, at: clock.now())
        if let ack = response.result, let venueOrderID = try? VenueOrderID(ack.orderId) {
            orders[orderID]?.venueOrderID = venueOrderID
        }
        publish(reports)
    }

    func requireCredentials(_ what: String) throws(VenueError) {
        guard configuration.credentials == nil else { return }
        throw .authenticationFailed(venue: .bybit, reason: "\(what) needs credentials; none are configured")
    }

    // MARK: - Disconnect protection

    /// Bybit's DCP: `POST /v5/order/disconnected-cancel-all` sets the window (whole seconds, 3 to 300; a timeout is
    /// rounded up to the next second) for each configured product, and the `dcp` topic is kept subscribed on the
    /// private stream, which is what lets a drop trigger it. The account must have DCP enabled by Bybit.
    public func armCancelOnDisconnect(timeoutNanos: Int64?) async throws(VenueError) {
        try requireCredentials("disconnect protection")
        let perSecond = UnixNanos.nanosecondsPerSecond
        let seconds =
            timeoutNanos.map { Int(min(($0 + perSecond - 1) / perSecond, 301)) }
            ?? configuration.disconnectProtectionWindowSeconds
        var requests: [BybitRESTRequest] = []
        for product in configuration.disconnectProtectionProducts {
            do {
                requests.append(try BybitRequests.disconnectProtection(product: product, timeWindowSeconds: seconds))
            } catch {
                throw .unsupported(venue: .bybit, operation: error.description)
            }
        }
        try await awaitReady(.account)
        for request in requests {
            _ = try await result(BybitIgnoredResult.self, of: request, signed: true, requestClass: .trading)
        }
        isDisconnectProtectionArmed = true
        if let number = connections[.account]?.number, connections[.account]?.liveTopics.contains("dcp") != true {
            try await subscribeNow(["dcp"], on: .account, connection: number, throwing: true)
        }
        emit(.disconnectProtectionArmed(windowSeconds: seconds, products: configuration.disconnectProtectionProducts))
    }

    /// Stops keeping the `dcp` topic: without it a drop no longer triggers DCP (Bybit has no endpoint that turns
    /// the account's switch off; that goes through the account manager).
    public func disarmCancelOnDisconnect() async throws(VenueError) {
        try requireCredentials("disconnect protection")
        isDisconnectProtectionArmed = false
        try await unsubscribeNow(["dcp"], on: .account)
        emit(.disconnectProtectionDisarmed)
    }
}

/// A `result` whose content the session does not use (`{}`, or the cancel-all list the `order` topic repeats).
struct BybitIgnoredResult: Decodable, Sendable {}
