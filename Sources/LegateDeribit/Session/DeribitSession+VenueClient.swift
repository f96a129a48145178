import Foundation
public import LegateCore
public import LegateModel
import LegateTransport
public import LegateVenues

extension DeribitSession: VenueClient {
    public nonisolated var venue: Venue { .deribit }
    public nonisolated var capabilities: VenueCapabilities { .deribit }

    // MARK: - Reference and market data

    /// Every listed instrument (`public/get_instruments`, all currencies); ones that do not translate are left out
    /// and counted in an `instrumentsRefused` event.
    public func instruments() async throws(VenueError) -> [InstrumentSpec] {
        let wires = try await result([DeribitInstrumentWire].self, of: DeribitRequests.instruments)
        let (specs, refused) = DeribitTranslator.specs(wires, observedAt: clock.now())
        if let first = refused.first { emit(.instrumentsRefused(count: refused.count, first: first.description)) }
        return specs
    }

    /// Adds the subscriptions' channels to the session (they are re-subscribed on every connection) and returns once
    /// the venue has confirmed them on a ready connection. When this throws, the channels stay registered for the
    /// next connection.
    public func subscribe(_ subscriptions: [MarketDataSubscription]) async throws(VenueError) {
        var added: [String] = []
        for subscription in subscriptions {
            let channel = try DeribitRequests.channels(for: subscription, interval: configuration.interval)
            if !publicChannels.contains(channel) && !added.contains(channel) { added.append(channel) }
        }
        guard !added.isEmpty else { return }
        publicChannels += added
        do throws(DeribitCallFailure) {
            try await awaitReady()
            // A connection that became ready meanwhile subscribed them already, as part of its preparation.
            let missing = added.filter { !liveChannels.contains($0) }
            guard let number = connection?.number, !missing.isEmpty else { return }
            try await subscribeNow(missing, isPrivate: false, connection: number)
        } catch {
            throw error.venueError(at: clock.now())
        }
    }

    public func unsubscribe(_ subscriptions: [MarketDataSubscription]) async throws(VenueError) {
        var removed: [String] = []
        for subscription in subscriptions {
            let channel = try DeribitRequests.channels(for: subscription, interval: configuration.interval)
            if publicChannels.contains(channel) { removed.append(channel) }
        }
        publicChannels.removeAll { removed.contains($0) }
        for channel in removed {
            books[channel] = nil
            liveChannels.remove(channel)
        }
        // Without a connection there is nothing to unsubscribe: the next one will not subscribe them.
        guard !removed.isEmpty, isReady else { return }
        _ = try await invoke(DeribitRequests.unsubscribe(removed, isPrivate: false))
    }

    // MARK: - Orders

    public func place(orderID: OrderID, request: OrderRequest) async throws(VenueError) {
        let call = try DeribitRequests.place(orderID: orderID, request: request, protectedIndexes: protectedIndexes)
        try requireCredentials(for: call)
        guard try await comboIsCreated(request.instrument, orderID: orderID) else { return }
        orders[orderID] = KnownOrder(instrument: request.instrument, venueOrderID: nil)
        guard let data = try await invoke(call, refusal: { .rejected(orderID: orderID, reason: $0) }) else { return }
        try publishOrderResponse(decode(DeribitOrderResponseWire.self, from: data, what: call.method), isEdit: false)
    }

    public func amend(
        orderID: OrderID,
        venueOrderID: VenueOrderID?,
        quantity: Quantity,
        kind: OrderKind
    ) async throws(VenueError) {
        let known = orders[orderID]
        let call = try DeribitRequests.amend(
            orderID: orderID,
            venueOrderID: venueOrderID ?? known?.venueOrderID,
            instrument: known?.instrument,
            quantity: quantity,
            kind: kind
        )
        try requireCredentials(for: call)
        guard let data = try await invoke(call, refusal: { .amendRejected(orderID: orderID, reason: $0) }) else {
            return
        }
        try publishOrderResponse(decode(DeribitOrderResponseWire.self, from: data, what: call.method), isEdit: true)
    }

    public func cancel(orderID: OrderID, venueOrderID: VenueOrderID?) async throws(VenueError) {
        let call = try DeribitRequests.cancel(
            orderID: orderID,
            venueOrderID: venueOrderID ?? orders[orderID]?.venueOrderID
        )
        try requireCredentials(for: call)
        guard let data = try await invoke(call, refusal: { .cancelRejected(orderID: orderID, reason: $0) }) else {
            return
        }
        let order = try decode(DeribitOrderWire.self, from: data, what: call.method)
        remember(order)
        try publish(translated { () throws(DeribitParseError) in try DeribitTranslator.reports(order: order) })
    }

    /// The cancels themselves arrive on `reports` from the `user.orders` channel.
    public func cancelAll(_ scope: CancelScope) async throws(VenueError) {
        let call = try DeribitRequests.cancelAll(scope)
        try requireCredentials(for: call)
        _ = try await invoke(call)
    }

    // MARK: - Account

    public func balances() async throws(VenueError) -> [VenueBalance] {
        let wire = try await result(DeribitAccountSummariesWire.self, of: DeribitRequests.accountSummaries)
        return try translated { () throws(DeribitParseError) in try wire.summaries.map(DeribitTranslator.balance) }
    }

    public func positions() async throws(VenueError) -> [VenuePosition] {
        let wires = try await result([DeribitPositionWire].self, of: DeribitRequests.positions)
        return try translated { () throws(DeribitParseError) in
            try wires.filter { !$0.size.value.isZero }.map { wire throws(DeribitParseError) in
                VenuePosition(
                    venue: .deribit,
                    instrument: try DeribitTranslator.instrument(named: wire.instrumentName),
                    quantity: wire.size.quantity,
                    averagePrice: wire.averagePrice?.price
                )
            }
        }
    }

    public func openOrders() async throws(VenueError) -> [VenueOpenOrder] {
        let wires = try await result([DeribitOrderWire].self, of: DeribitRequests.openOrders)
        return try translated { () throws(DeribitParseError) in try wires.map(Self.openOrder) }
    }

    /// Deribit's switch is bound to the connection and takes no timeout (`timeoutNanos` is ignored); the session
    /// re-arms it on every new connection until disarmed.
    public func armCancelOnDisconnect(timeoutNanos: Int64?) async throws(VenueError) {
        let call = DeribitRequests.cancelOnDisconnect(enable: true)
        try requireCredentials(for: call)
        cancelOnDisconnectArmed = true
        _ = try await invoke(call)
        emit(.cancelOnDisconnectArmed(connection: connection?.number ?? 0))
    }

    public func disarmCancelOnDisconnect() async throws(VenueError) {
        let call = DeribitRequests.cancelOnDisconnect(enable: false)
        try requireCredentials(for: call)
        cancelOnDisconnectArmed = false
        _ = try await invoke(call)
    }
}
