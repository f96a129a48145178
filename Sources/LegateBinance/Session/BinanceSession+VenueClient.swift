import Foundation
public import LegateCore
public import LegateModel
import LegateTransport
public import LegateVenues

extension BinanceSession: VenueClient {
    public nonisolated var venue: Venue { .binance }

    /// Options have no amend (cancel and place again); USD-M modifies in place and spot cancel-replaces.
    public nonisolated var capabilities: VenueCapabilities {
        switch configuration.market {
        case .options: .binanceOptions
        case .usdm, .spot:
            VenueCapabilities(
                supportsAmend: true,
                supportsCombos: false,
                supportsMarketMakerProtection: false,
                cancelOnDisconnect: configuration.market == .usdm ? .deadManTimer : .none,
                maximumClientOrderIDLength: 36
            )
        }
    }

    // MARK: - Reference and market data

    /// USD-M and spot listings (`exchangeInfo`), which also become the session's specs; options specs are configured.
    public func instruments() async throws(VenueError) -> [InstrumentSpec] {
        let market = configuration.market
        guard market != .options else {
            throw .unsupported(venue: .binance, operation: "reading the options exchangeInfo (configure the specs)")
        }
        let info = try await result(BinanceExchangeInfoWire.self, withAPIKey: false) { _ in
            BinanceRequests.exchangeInfo(market)
        }
        let (specs, refused) = BinanceTranslator.specs(info, market: market.symbology, observedAt: clock.now())
        if let first = refused.first { emit(.unreadable(what: "\(refused.count) symbols", reason: first.description)) }
        for spec in specs {
            specsBySymbol[spec.symbol] = spec
            specsByInstrument[spec.instrument] = spec
        }
        return specs
    }

    /// Registers the subscriptions' streams (subscribed again on every connection) and returns once Binance has
    /// confirmed them on a ready market stream.
    public func subscribe(_ subscriptions: [MarketDataSubscription]) async throws(VenueError) {
        var added: [String] = []
        for subscription in subscriptions {
            let name = try streamName(subscription)
            if case .book = subscription.channel, configuration.market != .options {
                let symbol = try spec(for: subscription.instrument).symbol
                if books[symbol] == nil { resetBook(symbol) }
            }
            if subscription.channel == .ticker { tickerInstruments.insert(subscription.instrument) }
            if !streams.contains(name) && !added.contains(name) { added.append(name) }
        }
        guard !added.isEmpty else { return }
        streams += added
        try await awaitMarketReady()
        let missing = added.filter { !liveStreams.contains($0) }
        guard let number = market?.number, !missing.isEmpty else { return }
        do {
            try await subscribeNow(missing, connection: number)
        } catch let error as VenueError {
            throw error
        } catch {
            throw .disconnected(venue: .binance, reason: "SUBSCRIBE: \(error)")
        }
    }

    public func unsubscribe(_ subscriptions: [MarketDataSubscription]) async throws(VenueError) {
        var removed: [String] = []
        for subscription in subscriptions {
            let name = try streamName(subscription)
            if subscription.channel == .ticker { tickerInstruments.remove(subscription.instrument) }
            if streams.contains(name) { removed.append(name) }
        }
        streams.removeAll { removed.contains($0) }
        guard !removed.isEmpty, let market else { return }
        liveStreams.subtract(removed)
        try? await market.outbound.send(text: BinanceRequests.unsubscribe(streams: removed, id: makeID()))
    }

    func streamName(_ subscription: MarketDataSubscription) throws(VenueError) -> String {
        do {
            return try BinanceRequests.stream(
                subscription,
                market: configuration.market,
                optionBookDepth: configuration.optionBookDepth
            )
        } catch {
            throw .unsupported(venue: .binance, operation: error.description)
        }
    }

    // MARK: - Orders

    /// A request Binance cannot take (off the lot or tick, not whole contracts, unsupported flags) is reported
    /// `rejected` with the reason, unsent; a refusal from Binance (`-2010`…) is reported `rejected` with its message.
    public func place(orderID: OrderID, request: OrderRequest) async throws(VenueError) {
        let credentials = try credentials(for: "placing an order")
        let spec: InstrumentSpec
        do throws(VenueError) {
            spec = try self.spec(for: request.instrument)
        } catch {
            publish([.rejected(orderID: orderID, reason: error.description)])
            return
        }
        let market = configuration.market
        let window = configuration.recvWindowMillis
        let protected = protectedUnderlyings
        let build = { (timestamp: Int64) throws(BinanceRequestError) -> BinanceRESTRequest in
            market == .options
                ? try BinanceRequests.placeOption(
                    orderID: orderID,
                    request: request,
                    spec: spec,
                    credentials: credentials,
                    timestampMillis: timestamp,
                    recvWindowMillis: window,
                    protectedUnderlyings: protected
                )
                : try BinanceRequests.place(
                    orderID: orderID,
                    request: request,
                    spec: spec,
                    credentials: credentials,
                    timestampMillis: timestamp,
                    recvWindowMillis: window
                )
        }
        do throws(BinanceRequestError) {
            _ = try build(0)
        } catch {
            publish([.rejected(orderID: orderID, reason: error.description)])
            return
        }
        orders[orderID] = KnownOrder(request: request)
        try await answerOrder(call(withAPIKey: true, build), orderID: orderID, action: .place)
    }

    public func cancel(orderID: OrderID, venueOrderID: VenueOrderID?) async throws(VenueError) {
        let credentials = try credentials(for: "cancelling an order")
        guard let known = orders[orderID] else {
            throw .unsupported(venue: .binance, operation: "cancelling \(orderID), which this session did not place")
        }
        let spec = try spec(for: known.request.instrument)
        let venueOrderID = known.venueOrderID ?? venueOrderID
        let market = configuration.market
        let window = configuration.recvWindowMillis
        let outcome = try await call(withAPIKey: true) { (timestamp: Int64) throws(BinanceRequestError) in
            market == .options
                ? try BinanceRequests.cancelOption(
                    orderID: orderID,
                    venueOrderID: venueOrderID,
                    spec: spec,
                    credentials: credentials,
                    timestampMillis: timestamp,
                    recvWindowMillis: window
                )
                : try BinanceRequests.cancel(
                    orderID: orderID,
                    venueOrderID: venueOrderID,
                    spec: spec,
                    credentials: credentials,
                    timestampMillis: timestamp,
                    recvWindowMillis: window
                )
        }
        try answerOrder(outcome, orderID: orderID, action: .cancel)
    }

    /// The order's new state from the REST answer, or the refusal as a report (a session failure throws).
    func answerOrder(_ outcome: BinanceRESTOutcome, orderID: OrderID, action: BinanceOrderAction) throws(VenueError) {
        switch outcome {
        case .success(let body):
            if configuration.market == .options {
                let wire = try decode(BinanceOptionOrderWire.self, body)
                publish(try translated { () throws(BinanceParseError) in try BinanceTranslator.optionReports(wire) })
            } else {
                let wire = try decode(BinanceOrderWire.self, body)
                let market = configuration.market.symbology
                publish(
                    try translated { () throws(BinanceParseError) in
                        try BinanceTranslator.reports(order: wire, market: market)
                    }
                )
            }
        case .refused(let error, _):
            publish(try BinanceTranslator.reports(for: action, orderID: orderID, error: error, at: clock.now()))
        }
    }
}
