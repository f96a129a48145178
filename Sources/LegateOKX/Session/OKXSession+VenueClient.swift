import Foundation
import LegateCore
public import LegateModel
import LegateSymbology
import LegateTransport
public import LegateVenues

extension OKXSession: VenueClient {
    public nonisolated var venue: Venue { .okx }
    public nonisolated var capabilities: VenueCapabilities { .okx }

    // MARK: - Reference and market data

    /// Every instrument of the configured listings (`GET /api/v5/public/instruments`, one query each). Their contract
    /// sizes are kept for books and orders; ones that do not translate are left out and counted in an event.
    public func instruments() async throws(VenueError) -> [InstrumentSpec] {
        var specs: [InstrumentSpec] = []
        for query in configuration.instrumentQueries {
            let wires = try await items(
                OKXSessionRequests.instruments(query: query),
                OKXInstrumentWire.self,
                isSigned: false
            )
            let (listed, refused) = OKXTranslator.specs(wires, observedAt: clock.now())
            if let first = refused.first { emit(.instrumentsRefused(count: refused.count, first: first.description)) }
            specs += listed
        }
        load(specs: specs)
        return specs
    }

    /// Adds the subscriptions' channels (re-subscribed on every connection) and sends them once the session is ready.
    /// A book needs its instrument's spec (its grid and contract size): load it first (`instruments()`,
    /// `load(specs:)`, or the configuration).
    public func subscribe(_ subscriptions: [MarketDataSubscription]) async throws(VenueError) {
        var added: [OKXChannelArg] = []
        for subscription in subscriptions {
            for arg in try channels(for: subscription) where !publicArgs.contains(arg) && !added.contains(arg) {
                added.append(arg)
            }
        }
        guard !added.isEmpty else { return }
        publicArgs += added
        for arg in added where Self.isBook(arg) { registerBook(arg) }
        try await awaitReady()
        do {
            try await send(subscribe: added, on: .public)
        } catch {
            throw .disconnected(venue: .okx, reason: "subscribe: \(error)")
        }
    }

    public func unsubscribe(_ subscriptions: [MarketDataSubscription]) async throws(VenueError) {
        var removed: [OKXChannelArg] = []
        for subscription in subscriptions {
            removed += try channels(for: subscription).filter { publicArgs.contains($0) }
        }
        guard !removed.isEmpty else { return }
        publicArgs.removeAll { removed.contains($0) }
        let wasSent = removed.filter { sentArgs.contains($0) }
        for arg in removed { sentArgs.remove(arg) }
        guard !wasSent.isEmpty, let outbound = link?.publicOutbound else { return }
        do {
            try await outbound.send(text: OKXWebSocketMessages.unsubscribe(wasSent))
        } catch {
            throw error.venueError(.okx)
        }
    }

    func channels(for subscription: MarketDataSubscription) throws(VenueError) -> [OKXChannelArg] {
        let symbol = try symbol(subscription.instrument)
        if case .book = subscription.channel, contracts.spec(for: symbol) == nil {
            throw .unsupported(venue: .okx, operation: "the book of \(symbol) without its instrument spec")
        }
        do {
            return try OKXWebSocketMessages.channels(for: subscription, symbol: symbol)
        } catch {
            throw .unsupported(venue: .okx, operation: error.description)
        }
    }

    func symbol(_ instrument: Instrument) throws(VenueError) -> String {
        do {
            return try OKXSymbology.format(instrument)
        } catch {
            throw .unsupported(venue: .okx, operation: "instrument \(instrument): \(error)")
        }
    }

    func spec(for instrument: Instrument) throws(VenueError) -> InstrumentSpec {
        let symbol = try symbol(instrument)
        guard let spec = contracts.spec(for: symbol) else {
            throw .unsupported(venue: .okx, operation: "orders on \(symbol) before its instrument spec is loaded")
        }
        return spec
    }

    // MARK: - Account

    public func balances() async throws(VenueError) -> [VenueBalance] {
        let accounts = try await items(OKXSessionRequests.balance, OKXAccountWire.self)
        return try translated("account/balance") { () throws(OKXParseError) in
            var balances: [VenueBalance] = []
            for account in accounts { balances += try OKXTranslator.balances(account) }
            return balances
        }
    }

    public func positions() async throws(VenueError) -> [VenuePosition] {
        let wires = try await items(OKXSessionRequests.positions, OKXPositionWire.self)
        return try translated("account/positions") { () throws(OKXParseError) in
            try wires.filter { !$0.pos.value.isZero }.map { (wire) throws(OKXParseError) in
                try OKXTranslator.position(wire, contracts: contracts)
            }
        }
    }

    public func openOrders() async throws(VenueError) -> [VenueOpenOrder] {
        let wires = try await pendingOrders()
        return try translated("trade/orders-pending") { () throws(OKXParseError) in
            try wires.map { (wire) throws(OKXParseError) in try OKXTranslator.openOrder(wire, contracts: contracts) }
        }
    }

    // MARK: - Dead-man switch

    /// `cancel-all-after` with the timeout in whole seconds (OKX takes 10–120 s; 60 s when none is given). It is
    /// refreshed while the session is connected and re-armed on every new connection, until disarmed.
    public func armCancelOnDisconnect(timeoutNanos: Int64?) async throws(VenueError) {
        let nanos = timeoutNanos ?? 60 * UnixNanos.nanosecondsPerSecond
        do {
            _ = try OKXRequests.cancelAllAfter(timeoutNanos: nanos)
        } catch {
            throw .unsupported(venue: .okx, operation: error.description)
        }
        deadManSeconds = Int(nanos / UnixNanos.nanosecondsPerSecond)
        try await sendDeadManState(onlyIfArmed: false)
    }

    /// `cancel-all-after` with `timeOut` 0.
    public func disarmCancelOnDisconnect() async throws(VenueError) {
        deadManSeconds = nil
        try await sendDeadManState(onlyIfArmed: false)
    }

    /// Tells OKX the switch's current state (armed with its timeout, or 0), one request at a time and reading the
    /// state only once it is this request's turn: a refresh that was waiting can never re-arm a switch just disarmed.
    func sendDeadManState(onlyIfArmed: Bool) async throws(VenueError) {
        while isSendingDeadMan {
            do {
                try await clock.sleep(nanos: 1_000_000)
            } catch {
                throw .disconnected(venue: .okx, reason: "cancel-all-after cancelled")
            }
        }
        if onlyIfArmed && deadManSeconds == nil { return }
        isSendingDeadMan = true
        defer { isSendingDeadMan = false }
        let seconds = deadManSeconds ?? 0
        let request: OKXRESTRequest
        do {
            request = try OKXRequests.cancelAllAfter(seconds: seconds)
        } catch {
            throw .unsupported(venue: .okx, operation: error.description)
        }
        _ = try await items(request, OKXCancelAllAfterWire.self)
        emit(.deadManSwitch(seconds: seconds))
    }
}
