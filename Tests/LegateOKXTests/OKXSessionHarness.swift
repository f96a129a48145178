// Runs an OKXSession against the OKX stand-in on the loopback server, gathers everything it emits, and keeps the
// venue's second-long waits (Retry-After, OKX's 2 s rate-limit window) out of the tests' real time.
import Foundation
import LegateCore
import LegateModel
import LegateOKX
import LegateTransport
import LegateVenues
import Synchronization
import Testing

/// The system clock, except that sleeps inside `warped` pass at once and move `now()` forward by their length, as if
/// they had been slept; every sleep asked for is recorded. Tests warp the rate-limit waits (whole seconds, as OKX and
/// `Retry-After` state them) and nothing else: heartbeats, backoff and timeouts stay real.
final class WarpClock: TransportClock {
    private let system = SystemTransportClock()
    private let state = Mutex<(offset: Int64, sleeps: [Int64])>((0, []))
    let warped: ClosedRange<Int64>

    init(warped: ClosedRange<Int64> = 500_000_000...2_000_000_000) { self.warped = warped }

    func now() -> UnixNanos { system.now() + state.withLock { $0.offset } }

    func sleep(nanos: Int64) async throws {
        let isWarped = warped.contains(nanos)
        state.withLock { state in
            state.sleeps.append(nanos)
            if isWarped { state.offset += nanos }
        }
        try await system.sleep(nanos: isWarped ? 0 : nanos)
    }

    var sleeps: [Int64] { state.withLock { $0.sleeps } }
}

/// Everything one session emitted, in order.
struct OKXSessionRecord: Sendable {
    let marketData = Gathered<MarketData>()
    let reports = Gathered<VenueReport>()
    let health = Gathered<VenueHealthEvent>()
    let events = Gathered<OKXSessionEvent>()
    let states = Gathered<ConnectionState>()

    var readyCount: Int { states.all.count { $0 == .ready } }
    var books: [BookUpdate] { marketData.all.compactMap { if case .book(let book) = $0 { book } else { nil } } }
    var tickers: [Ticker] { marketData.all.compactMap { if case .ticker(let ticker) = $0 { ticker } else { nil } } }
    var funding: [FundingRate] { marketData.all.compactMap { if case .funding(let rate) = $0 { rate } else { nil } } }
    var waits: [Int64] {
        states.all.compactMap { if case .waiting(_, let delay) = $0 { delay } else { nil } }
    }
    var healthStates: [VenueConnectionState] {
        health.all.compactMap { if case .stateChanged(_, _, let to, _, _) = $0 { to } else { nil } }
    }
}

enum OKXSessionRig {
    static let backoff = ReconnectBackoff(initialNanos: 1_000_000, maximumNanos: 8_000_000)
    static let seed: UInt64 = 7

    /// Loopback endpoints, millisecond backoff with a fixed seed, and a heartbeat that stays out of the way unless a
    /// test asks for one.
    static func configuration(
        _ server: LoopbackServer,
        secret: String = "legate-okx-secret",
        specs: [InstrumentSpec] = [],
        clock: WarpClock = WarpClock(),
        pingIntervalNanos: Int64 = 60_000_000_000,
        pongTimeoutNanos: Int64 = 5_000_000_000,
        maximumConsecutiveFailures: Int? = nil,
        deadManRefreshNanos: Int64? = nil,
        clockSyncIntervalNanos: Int64? = nil
    ) -> OKXSessionConfiguration {
        var configuration = OKXSessionConfiguration(
            publicURL: server.webSocketURL("/ws/v5/public"),
            privateURL: server.webSocketURL("/ws/v5/private"),
            restBaseURL: "http://\(LoopbackServer.host):\(server.port)",
            credentials: VenueCredentials(apiKey: OKXStandIn.apiKey, secret: secret, passphrase: OKXStandIn.passphrase),
            specs: specs,
            instrumentQueries: ["instType=OPTION&instFamily=BTC-USD", "instType=SWAP"],
            pingIntervalNanos: pingIntervalNanos,
            pongTimeoutNanos: pongTimeoutNanos,
            reconnect: ReconnectPolicy(
                backoff: backoff,
                jitterSeed: seed,
                stableNanos: 0,
                maximumConsecutiveFailures: maximumConsecutiveFailures
            ),
            loginTimeoutNanos: 20_000_000_000,
            readyTimeoutNanos: 30_000_000_000,
            restTimeoutNanos: 20_000_000_000,
            deadManRefreshNanos: deadManRefreshNanos,
            clock: clock
        )
        configuration.clockSyncIntervalNanos = clockSyncIntervalNanos
        return configuration
    }

    /// Starts the stand-in and a session on it, runs `body`, then stops both.
    static func run<Result: Sendable>(
        _ standIn: OKXStandIn,
        configure: @Sendable (LoopbackServer) -> OKXSessionConfiguration = { configuration($0) },
        _ body: (OKXSession, OKXSessionRecord) async throws -> Result
    ) async throws -> Result {
        try await LoopbackServer.withServer(webSocket: standIn.webSocketHandler, http: standIn.httpHandler) { server in
            let session = OKXSession(configuration: configure(server))
            let record = OKXSessionRecord()
            return try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await session.run() }
                group.addTask { for await value in session.marketData { record.marketData.append(value) } }
                group.addTask { for await value in session.reports { record.reports.append(value) } }
                group.addTask { for await value in session.health { record.health.append(value) } }
                group.addTask { for await value in session.events { record.events.append(value) } }
                group.addTask { for await value in session.connectionStates { record.states.append(value) } }
                defer { group.cancelAll() }
                return try await body(session, record)
            }
        }
    }
}

/// Checks `condition` every 2 ms until it holds or `seconds` pass (generous: the machine is shared, and a passing test
/// waits only as long as its condition takes).
func waitUntil(_ what: String, seconds: Int = 60, _ condition: @Sendable () async -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(seconds)
    repeat {
        if await condition() { return }
        try await Task.sleep(for: .milliseconds(2))
    } while ContinuousClock.now < deadline
    Issue.record("gave up waiting for \(what)")
}

/// Test orders and instruments.
enum OKXSessionFixtures {
    static let option = "BTC-USD-250328-50000-C"

    static func optionSpec() throws -> InstrumentSpec {
        try TestContracts.optionSpec(instId: option, strike: "50000", expiry: 1_743_148_800_000)
    }

    static func order(_ quantity: String, price: String = "0.0325", instrument: Instrument) -> OrderRequest {
        OrderRequest(
            clientOrderID: ClientOrderID(known: "c1"),
            account: AccountID(known: "desk"),
            venue: .okx,
            instrument: instrument,
            side: .buy,
            quantity: qty(quantity),
            kind: .limit(LimitPrice(dec(price)))
        )
    }

    /// A recorded fixture with its ids replaced by ours.
    static func text(_ name: String, replacing pairs: [(String, String)] = []) throws -> String {
        var text = String(decoding: try Fixtures.data(name), as: UTF8.self)
        for (old, new) in pairs {
            #expect(text.contains(old), "\(name) holds \(old)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        return text
    }
}
