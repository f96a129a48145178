// Runs a BinanceSession against the stand-in on the loopback server and gathers everything it emits.
import Foundation
import LegateCore
import LegateModel
import LegateSymbology
import LegateTransport
import LegateVenues
import Synchronization
import Testing

@testable import LegateBinance

/// The system clock, recording every wait a session asks for. A wait between 0.1 s and a minute (a `Retry-After`, a
/// ban) is served a thousand times shorter, so a test never sits on it; the recorded value is the one asked for.
final class BinanceTestClock: TransportClock {
    private let base = SystemTransportClock()
    private let recorded = Mutex<[Int64]>([])

    func now() -> UnixNanos { base.now() }

    func sleep(nanos: Int64) async throws {
        recorded.withLock { $0.append(nanos) }
        let isShortened = (100_000_000...60_000_000_000).contains(nanos)
        try await base.sleep(nanos: isShortened ? nanos / 1_000 : nanos)
    }

    var sleeps: [Int64] { recorded.withLock { $0 } }
}

/// Everything a session emitted, in order.
struct BinanceOutputs: Sendable {
    let marketData = Gathered<MarketData>()
    let reports = Gathered<VenueReport>()
    let health = Gathered<VenueHealthEvent>()
    let events = Gathered<BinanceSessionEvent>()
    let states = Gathered<BinanceStreamState>()

    func readyCount(_ stream: BinanceStreamKind) -> Int {
        states.all.filter { $0.stream == stream && $0.state == .ready }.count
    }

    var books: [BookUpdate] { marketData.all.compactMap { if case .book(let book) = $0 { book } else { nil } } }
    var tickers: [Ticker] { marketData.all.compactMap { if case .ticker(let ticker) = $0 { ticker } else { nil } } }
    var funding: [FundingRate] { marketData.all.compactMap { if case .funding(let rate) = $0 { rate } else { nil } } }
}

enum BinanceHarness {
    static let backoff = ReconnectBackoff(initialNanos: 2_000_000, maximumNanos: 16_000_000)
    static let credentials = VenueCredentials(apiKey: BinanceStandIn.apiKey, secret: BinanceStandIn.secret)

    /// Millisecond waits and a fixed jitter seed; timeouts beyond what `BinanceTestClock` shortens.
    static func configuration(
        _ server: LoopbackServer,
        market: BinanceMarket,
        specs: [InstrumentSpec],
        clock: BinanceTestClock = BinanceTestClock(),
        credentials: VenueCredentials? = credentials,
        keepAliveNanos: Int64 = 3_600_000_000_000,
        deadManRefreshNanos: Int64 = 3_600_000_000_000,
        recvWindowMillis: Int64 = 5_000,
        clockSyncIntervalNanos: Int64? = nil
    ) -> BinanceSessionConfiguration {
        var configuration = BinanceSessionConfiguration(
            market: market,
            restBaseURL: server.httpURL("").trimmingSuffix("/"),
            marketStreamURL: server.webSocketURL("/stream"),
            userStreamURL: server.webSocketURL("/ws"),
            credentials: credentials,
            specs: specs,
            recvWindowMillis: recvWindowMillis,
            listenKeyKeepAliveNanos: keepAliveNanos,
            deadManRefreshNanos: deadManRefreshNanos,
            reconnect: ReconnectPolicy(backoff: backoff, jitterSeed: 42, stableNanos: 0),
            requestTimeoutNanos: 90_000_000_000,
            readyTimeoutNanos: 90_000_000_000,
            rateLimitPenaltyNanos: 20_000_000,
            clock: clock
        )
        configuration.clockSyncIntervalNanos = clockSyncIntervalNanos
        return configuration
    }

    /// Starts the stand-in and a session on it, runs `body`, then stops both.
    static func run<Result: Sendable>(
        _ standIn: BinanceStandIn,
        configure: @Sendable (LoopbackServer) -> BinanceSessionConfiguration,
        _ body: (BinanceSession, BinanceOutputs) async throws -> Result
    ) async throws -> Result {
        try await LoopbackServer.withServer(webSocket: standIn.webSocket, http: standIn.http) { server in
            let session = BinanceSession(configuration: configure(server))
            let outputs = BinanceOutputs()
            return try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await session.run() }
                group.addTask { for await value in session.marketData { outputs.marketData.append(value) } }
                group.addTask { for await value in session.reports { outputs.reports.append(value) } }
                group.addTask { for await value in session.health { outputs.health.append(value) } }
                group.addTask { for await value in session.events { outputs.events.append(value) } }
                group.addTask { for await value in session.streamStates { outputs.states.append(value) } }
                let result = try await body(session, outputs)
                group.cancelAll()
                return result
            }
        }
    }

    /// `run(_:configure:_:)` with `configuration(_:market:…)`.
    static func run<Result: Sendable>(
        _ standIn: BinanceStandIn,
        market: BinanceMarket,
        specs: [InstrumentSpec],
        clock: BinanceTestClock = BinanceTestClock(),
        credentials: VenueCredentials? = credentials,
        keepAliveNanos: Int64 = 3_600_000_000_000,
        deadManRefreshNanos: Int64 = 3_600_000_000_000,
        _ body: (BinanceSession, BinanceOutputs) async throws -> Result
    ) async throws -> Result {
        let configure: @Sendable (LoopbackServer) -> BinanceSessionConfiguration = { server in
            configuration(
                server,
                market: market,
                specs: specs,
                clock: clock,
                credentials: credentials,
                keepAliveNanos: keepAliveNanos,
                deadManRefreshNanos: deadManRefreshNanos
            )
        }
        return try await run(standIn, configure: configure, body)
    }

    /// The USD-M specs of the recorded 2021 listing.
    static func usdmSpecs(_ symbols: Set<String>) throws -> [InstrumentSpec] {
        let info = try BinanceInstrumentFixtureTests.recordedInfo("cryptofeed/BINANCE_FUTURES.0")
        return BinanceTranslator.specs(info, market: .linear).specs.filter { symbols.contains($0.symbol) }
    }

    /// BTC-241227-60000-C as Binance lists its BTC options: tick 5 USDT, lot and minimum 0.01 BTC, one BTC a contract.
    static func optionSpec(_ symbol: String = "BTC-241227-60000-C") throws -> InstrumentSpec {
        InstrumentSpec(
            instrument: try BinanceTranslator.instrument(symbol, market: .option),
            venue: .binance,
            symbol: symbol,
            contractMultiplier: 1,
            contractUnit: .btc,
            quoteCurrency: .usdt,
            tickSize: try TickSchedule.uniform(FixedDecimal(5)),
            lotSize: Quantity(FixedDecimal(units: 1, scale: 2)),
            minimumSize: Quantity(FixedDecimal(units: 1, scale: 2)),
            minimumNotional: nil,
            listingState: .listed,
            effectiveFrom: UnixNanos(0)
        )
    }

    static func order(_ spec: InstrumentSpec, quantity: Quantity, price: FixedDecimal) throws -> OrderRequest {
        OrderRequest(
            clientOrderID: try ClientOrderID("c-1"),
            account: try AccountID("binance-main"),
            venue: .binance,
            instrument: spec.instrument,
            side: .buy,
            quantity: quantity,
            kind: .limit(LimitPrice(price))
        )
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}

/// Polls `condition` every millisecond until it holds, for at most `seconds` (generous: the machine is shared).
func waitUntil(within seconds: Int = 60, _ what: String, _ condition: @Sendable () async -> Bool) async throws {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: .seconds(seconds))
    while clock.now < deadline {
        if await condition() { return }
        try await Task.sleep(for: .milliseconds(1))
    }
    Issue.record("timed out waiting for \(what)")
}
