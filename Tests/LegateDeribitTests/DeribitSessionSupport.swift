// Runs a DeribitSession against a stand-in venue on the loopback server and collects everything it emits.
import LegateCore
import LegateDeribit
import LegateModel
import LegateTransport
import LegateVenues
import Synchronization
import Testing

/// The system clock, recording each sleep it is asked for (the backoff delays among them).
final class RecordingClock: TransportClock {
    private let base = SystemTransportClock()
    private let recorded = Mutex<[Int64]>([])

    func now() -> UnixNanos { base.now() }

    func sleep(nanos: Int64) async throws {
        recorded.withLock { $0.append(nanos) }
        try await base.sleep(nanos: nanos)
    }

    var sleeps: [Int64] { recorded.withLock { $0 } }
}

/// Everything a session emitted, in order.
struct SessionOutputs: Sendable {
    let marketData = Collected<MarketData>()
    let reports = Collected<VenueReport>()
    let health = Collected<VenueHealthEvent>()
    let events = Collected<DeribitSessionEvent>()
    let states = Collected<ConnectionState>()

    var readyCount: Int { states.all.filter { $0 == .ready }.count }
    var books: [BookUpdate] { marketData.all.compactMap { if case .book(let update) = $0 { update } else { nil } } }
    var tickers: [Ticker] { marketData.all.compactMap { if case .ticker(let ticker) = $0 { ticker } else { nil } } }
    var trades: [Trade] { marketData.all.compactMap { if case .trade(let trade) = $0 { trade } else { nil } } }
}

enum SessionHarness {
    static let backoff = ReconnectBackoff(initialNanos: 2_000_000, maximumNanos: 16_000_000)

    /// Short waits, so a test never sits on a production-sized delay; a fixed jitter seed, so delays replay.
    static func configuration(
        _ server: LoopbackServer,
        secret: String = "legate-test-secret",
        clock: RecordingClock = RecordingClock(),
        maximumConsecutiveFailures: Int? = nil,
        interval: String = "raw",
        privateChannels: [String] = []
    ) -> DeribitSessionConfiguration {
        DeribitSessionConfiguration(
            url: server.webSocketURL("/ws/api/v2"),
            credentials: VenueCredentials(apiKey: DeribitStandIn.clientID, secret: secret),
            heartbeatIntervalSeconds: 10,
            interval: interval,
            privateChannels: privateChannels,
            reconnect: ReconnectPolicy(
                backoff: backoff,
                jitterSeed: 42,
                stableNanos: 0,
                maximumConsecutiveFailures: maximumConsecutiveFailures
            ),
            requestTimeoutNanos: 5_000_000_000,
            readyTimeoutNanos: 5_000_000_000,
            rateLimitPenaltyNanos: 20_000_000,
            clock: clock
        )
    }

    /// Starts the stand-in and a session on it, runs `body`, then stops both.
    static func run<Result: Sendable>(
        _ standIn: DeribitStandIn,
        configure: @Sendable (LoopbackServer) -> DeribitSessionConfiguration = { configuration($0) },
        _ body: (DeribitSession, SessionOutputs) async throws -> Result
    ) async throws -> Result {
        try await LoopbackServer.withServer(webSocket: standIn.handler) { server in
            let session = DeribitSession(configuration: configure(server))
            let outputs = SessionOutputs()
            return try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await session.run() }
                group.addTask { for await value in session.marketData { outputs.marketData.append(value) } }
                group.addTask { for await value in session.reports { outputs.reports.append(value) } }
                group.addTask { for await value in session.health { outputs.health.append(value) } }
                group.addTask { for await value in session.events { outputs.events.append(value) } }
                group.addTask { for await value in session.connectionStates { outputs.states.append(value) } }
                let result = try await body(session, outputs)
                group.cancelAll()
                return result
            }
        }
    }
}

/// Polls `condition` every millisecond until it holds, for at most `seconds`: generous, because the whole suite runs in
/// parallel on two cores and CPU-bound tests can hold the cooperative pool for a long time; a passing test waits only
/// as long as its condition takes.
func eventually(
    within seconds: Int = 120,
    _ what: String,
    _ condition: @Sendable () async -> Bool
) async throws {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: .seconds(seconds))
    while clock.now < deadline {
        if await condition() { return }
        try await Task.sleep(for: .milliseconds(1))
    }
    Issue.record("timed out waiting for \(what)")
}
