// Runs a BybitSession against the stand-in on the loopback server and gathers everything it emits.
import LegateBybit
import LegateCore
import LegateModel
import LegateSymbology
import LegateTransport
import LegateVenues
import Synchronization
import Testing

/// Wall-clock time and real sleeps, with every requested sleep written down (the backoff delays among them).
final class SleepLoggingClock: TransportClock {
    private let system = SystemTransportClock()
    private let log = Mutex<[Int64]>([])

    func now() -> UnixNanos { system.now() }

    func sleep(nanos: Int64) async throws {
        log.withLock { $0.append(nanos) }
        try await system.sleep(nanos: nanos)
    }

    var requestedSleeps: [Int64] { log.withLock { $0 } }
}

/// Everything a session emitted, in order.
struct SessionCapture: Sendable {
    let marketData = Gathered<MarketData>()
    let reports = Gathered<VenueReport>()
    let health = Gathered<VenueHealthEvent>()
    let events = Gathered<BybitSessionEvent>()
    let links = Gathered<BybitLinkState>()

    func readyCount(_ link: BybitLink) -> Int { links.all.filter { $0.link == link && $0.state == .ready }.count }

    func waits(_ link: BybitLink) -> [Int64] {
        links.all.compactMap { change in
            guard change.link == link, case .waiting(_, let delay) = change.state else { return nil }
            return delay
        }
    }

    var books: [BookUpdate] { marketData.all.compactMap { if case .book(let book) = $0 { book } else { nil } } }
    var tickers: [Ticker] { marketData.all.compactMap { if case .ticker(let ticker) = $0 { ticker } else { nil } } }
    var trades: [Trade] { marketData.all.compactMap { if case .trade(let trade) = $0 { trade } else { nil } } }
    var fundingRates: [FundingRate] {
        marketData.all.compactMap { if case .funding(let funding) = $0 { funding } else { nil } }
    }
    var healthStates: [VenueConnectionState] {
        health.all.compactMap { if case .stateChanged(_, _, let to, _, _) = $0 { to } else { nil } }
    }
}

enum BybitSessionHarness {
    static let backoff = ReconnectBackoff(initialNanos: 2_000_000, maximumNanos: 16_000_000)
    static let credentials = VenueCredentials(apiKey: BybitStandIn.apiKey, secret: "bybit-test-secret")

    /// Millisecond waits and a fixed jitter seed, so delays are short and replay.
    static func configuration(
        _ server: LoopbackServer,
        secret: String = "bybit-test-secret",
        clock: SleepLoggingClock = SleepLoggingClock(),
        maximumConsecutiveFailures: Int? = nil,
        heartbeatIntervalNanos: Int64 = 60_000_000_000,
        pongTimeoutNanos: Int64 = 20_000_000_000,
        recvWindowMillis: Int64 = 5_000,
        clockSyncIntervalNanos: Int64? = nil
    ) -> BybitSessionConfiguration {
        var configuration = BybitSessionConfiguration(
            restBaseURL: server.httpURL("/"),
            publicStream: server.webSocketURL("/v5/public"),
            privateStream: server.webSocketURL(BybitStandIn.privateStream),
            credentials: VenueCredentials(apiKey: BybitStandIn.apiKey, secret: secret),
            heartbeatIntervalNanos: heartbeatIntervalNanos,
            pongTimeoutNanos: pongTimeoutNanos,
            reconnect: ReconnectPolicy(
                backoff: backoff,
                jitterSeed: 7,
                stableNanos: 0,
                maximumConsecutiveFailures: maximumConsecutiveFailures
            ),
            requestTimeoutNanos: 30_000_000_000,
            readyTimeoutNanos: 30_000_000_000,
            rateLimitPenaltyNanos: 20_000_000,
            clock: clock
        )
        configuration.recvWindowMillis = recvWindowMillis
        configuration.clockSyncIntervalNanos = clockSyncIntervalNanos
        return configuration
    }

    /// Starts the stand-in and a session on it, runs `body`, then stops both.
    static func run<Result: Sendable>(
        _ standIn: BybitStandIn,
        configure: @Sendable (LoopbackServer) -> BybitSessionConfiguration = { configuration($0) },
        _ body: (BybitSession, SessionCapture) async throws -> Result
    ) async throws -> Result {
        try await LoopbackServer.withServer(webSocket: standIn.webSocketHandler, http: standIn.httpHandler) { server in
            let session = BybitSession(configuration: configure(server))
            let capture = SessionCapture()
            return try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await session.run() }
                group.addTask { for await value in session.marketData { capture.marketData.append(value) } }
                group.addTask { for await value in session.reports { capture.reports.append(value) } }
                group.addTask { for await value in session.health { capture.health.append(value) } }
                group.addTask { for await value in session.events { capture.events.append(value) } }
                group.addTask { for await value in session.linkStates { capture.links.append(value) } }
                let result = try await body(session, capture)
                group.cancelAll()
                return result
            }
        }
    }

    static func linear(_ symbol: String) throws -> Instrument {
        try BybitTranslator.instrument(symbol, category: .linear)
    }
}

/// Polls `condition` every few milliseconds until it holds, for at most `seconds` (generous: the suites share two
/// cores with the rest of the build; a passing test waits only as long as its condition takes).
func waitUntil(
    _ what: String,
    seconds: Int = 120,
    _ condition: @Sendable () async -> Bool
) async throws {
    let clock = ContinuousClock()
    let deadline = clock.now + .seconds(seconds)
    repeat {
        if await condition() { return }
        try await Task.sleep(for: .milliseconds(2))
    } while clock.now < deadline
    Issue.record("gave up waiting for \(what)")
}
