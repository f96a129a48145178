// Proves the venue interface can be implemented by a plain value with typed errors and async streams (the shape the
// simulator and the adapters conform to), and that the capability presets and error descriptions say what the
// venues offer and what went wrong.
import LegateCore
import LegateModel
import Testing

@testable import LegateVenues

/// The smallest conforming venue: no instruments, every order rejected, every operation on accounts unsupported.
struct RejectingVenue: VenueClient {
    let venue = Venue.simulated
    let capabilities = VenueCapabilities.binanceOptions
    let marketData = AsyncStream<MarketData> { $0.finish() }
    let reports: AsyncStream<VenueReport>
    let health = AsyncStream<VenueHealthEvent> { $0.finish() }
    let reportSink: AsyncStream<VenueReport>.Continuation

    init() {
        (reports, reportSink) = AsyncStream.makeStream(of: VenueReport.self)
    }

    func instruments() async throws(VenueError) -> [InstrumentSpec] { [] }
    func subscribe(_ subscriptions: [MarketDataSubscription]) async throws(VenueError) {}
    func unsubscribe(_ subscriptions: [MarketDataSubscription]) async throws(VenueError) {}
    func place(orderID: OrderID, request: OrderRequest) async throws(VenueError) {
        reportSink.yield(.rejected(orderID: orderID, reason: "closed"))
    }
    func amend(
        orderID: OrderID,
        venueOrderID: VenueOrderID?,
        quantity: Quantity,
        kind: OrderKind
    ) async throws(VenueError) {
        throw .unsupported(venue: venue, operation: "amend")
    }
    func cancel(orderID: OrderID, venueOrderID: VenueOrderID?) async throws(VenueError) {}
    func cancelAll(_ scope: CancelScope) async throws(VenueError) {}
    func balances() async throws(VenueError) -> [VenueBalance] { [] }
    func positions() async throws(VenueError) -> [VenuePosition] { [] }
    func openOrders() async throws(VenueError) -> [VenueOpenOrder] { [] }
    func armCancelOnDisconnect(timeoutNanos: Int64?) async throws(VenueError) {}
    func disarmCancelOnDisconnect() async throws(VenueError) {}
}

@Suite struct VenueClientTests {
    @Test func aConformingVenueReportsThroughItsStream() async throws {
        let venue = RejectingVenue()
        let request = OrderRequest(
            clientOrderID: try ClientOrderID("c-1"),
            account: try AccountID("acct"),
            venue: .simulated,
            instrument: btcOption,
            side: .buy,
            quantity: 1,
            kind: .limit(LimitPrice(FixedDecimal(units: 5, scale: 3)))
        )
        let orderID = try OrderID("o-1")
        try await venue.place(orderID: orderID, request: request)
        var iterator = venue.reports.makeAsyncIterator()
        #expect(await iterator.next() == .rejected(orderID: orderID, reason: "closed"))
        await #expect(throws: VenueError.unsupported(venue: .simulated, operation: "amend")) {
            try await venue.amend(orderID: orderID, venueOrderID: nil, quantity: 1, kind: request.kind)
        }
    }

    @Test func aVenueWithoutProtectionWiredRefusesItByName() async {
        let venue = RejectingVenue()
        let underlying = Underlying(base: Asset(known: "ETH"), quote: Asset(known: "USDC"))
        let protection = MarketMakerProtection(
            underlying: underlying,
            intervalNanos: 1_000_000_000,
            frozenNanos: 0,
            quantityLimit: 10
        )
        #expect(!protection.isOff)
        #expect(MarketMakerProtection.off(underlying).isOff)
        let refusal = VenueError.unsupported(venue: .simulated, operation: "market-maker protection on ETH/USDC")
        await #expect(throws: refusal) { try await venue.setMarketMakerProtection(protection) }
        let resetRefusal = VenueError.unsupported(
            venue: .simulated,
            operation: "resetting market-maker protection on ETH/USDC"
        )
        await #expect(throws: resetRefusal) { try await venue.resetMarketMakerProtection(underlying: underlying) }
        let client: any VenueClient = venue
        let queryRefusal = VenueError.unsupported(
            venue: .simulated,
            operation: "querying market-maker protection on ETH/USDC"
        )
        await #expect(throws: queryRefusal) { try await client.marketMakerProtectionState(underlying: underlying) }
    }

    @Test func aFreezeEndInMillisecondsIsUntilResetAtZero() {
        #expect(
            MarketMakerProtectionFreeze.endingAt(millis: 1_744_275_841_861)
                == .until(UnixNanos(1_744_275_841_861_000_000))
        )
        #expect(MarketMakerProtectionFreeze.endingAt(millis: 0) == .untilReset)
        #expect(MarketMakerProtectionFreeze.endingAt(millis: nil) == .untilReset)
        // Beyond 2262 the nanoseconds overflow: unknown, not a trap
        #expect(MarketMakerProtectionFreeze.endingAt(millis: .max) == .unknown)
    }

    @Test func protectionTakesWholeMillisecondsAndFlagsOnlyRestingLimits() throws {
        #expect(MarketMakerProtection.wholeMilliseconds(5_000_000_000) == 5_000)
        #expect(MarketMakerProtection.wholeMilliseconds(0) == 0)
        #expect(MarketMakerProtection.wholeMilliseconds(1_500_000) == nil)
        #expect(MarketMakerProtection.wholeMilliseconds(-1_000_000) == nil)
        func order(_ kind: OrderKind, _ timeInForce: TimeInForce) throws -> OrderRequest {
            OrderRequest(
                clientOrderID: try ClientOrderID("c-1"),
                account: try AccountID("acct"),
                venue: .simulated,
                instrument: btcOption,
                side: .sell,
                quantity: 1,
                kind: kind,
                timeInForce: timeInForce
            )
        }
        let limit = OrderKind.limit(LimitPrice(FixedDecimal(units: 5, scale: 3)))
        let market = OrderKind.market(protection: Price(FixedDecimal(units: 6, scale: 3)))
        #expect(MarketMakerProtection.isRestingQuote(try order(limit, .goodTillCancelled)))
        #expect(MarketMakerProtection.isRestingQuote(try order(limit, .goodTillDate(UnixNanos(1)))))
        #expect(!MarketMakerProtection.isRestingQuote(try order(limit, .immediateOrCancel)))
        #expect(!MarketMakerProtection.isRestingQuote(try order(limit, .fillOrKill)))
        #expect(!MarketMakerProtection.isRestingQuote(try order(market, .goodTillCancelled)))
    }

    @Test func capabilitiesFollowTheVenues() {
        #expect(VenueCapabilities.deribit.supportsCombos)
        #expect(VenueCapabilities.deribit.maximumClientOrderIDLength == 64)
        #expect(VenueCapabilities.okx.maximumClientOrderIDLength == 32)
        #expect(!VenueCapabilities.binanceOptions.supportsAmend)
        #expect(VenueCapabilities.bybit.cancelOnDisconnect == .disconnectWindow)
        // Every adapter sets market-maker protection where its venue has it (Binance: options only).
        #expect(VenueCapabilities.deribit.supportsMarketMakerProtection)
        #expect(VenueCapabilities.bybit.supportsMarketMakerProtection)
        #expect(VenueCapabilities.okx.supportsMarketMakerProtection)
    }

    @Test func errorsSayWhatAndWhere() {
        let error = VenueError.http(venue: .okx, status: 429, endpoint: "/api/v5/trade/order", body: "{}")
        #expect(error.description == "okx HTTP 429 from /api/v5/trade/order: {}")
        let limited = VenueError.rateLimited(venue: .deribit, retryAt: UnixNanos(0), message: "too_many_requests")
        #expect(limited.description.contains("too_many_requests"))
    }
}
