import LegateCore
public import LegateModel
import LegateSymbology
import LegateTransport
public import LegateVenues

/// Bybit v5, kept connected: Legate's `VenueClient` for Bybit.
///
/// Orders, account queries and disconnect protection go over signed REST (`X-BAPI-*` headers); market data arrives
/// on one public WebSocket per category (option, linear, inverse, spot), and our orders' states, executions,
/// positions and wallet on the private WebSocket after `auth`. Each WebSocket is a link with its own
/// `ReconnectSupervisor`: it connects, authenticates (private), re-subscribes its topics, pings every
/// `heartbeatIntervalNanos`, and when it drops or a pong does not come, waits a seeded backoff and starts again.
///
/// ```swift
/// let session = BybitSession(configuration: configuration)
/// try await withThrowingTaskGroup(of: Void.self) { group in
///     group.addTask { await session.run() }
///     try await session.subscribe([MarketDataSubscription(instrument: option, channel: .ticker)])
///     for await data in session.marketData { … }
/// }
/// ```
///
/// Streams are single-consumer and unbounded (a lost book delta or report would be worse than memory); they finish
/// when `run()` returns.
public actor BybitSession: VenueSessionStreaming {
    public nonisolated let configuration: BybitSessionConfiguration
    nonisolated let outputs = VenueSessionOutputs<BybitSessionEvent, BybitLinkState>()
    nonisolated let rest: RESTClient
    /// The venue's clock against ours; signed timestamps are corrected by it.
    public nonisolated let venueClock: VenueClock
    /// Links `run()` should start; `subscribe` asks for a category's public link here on first use.
    nonisolated let linkStarts: (stream: AsyncStream<BybitLink>, continuation: AsyncStream<BybitLink>.Continuation)

    /// Each link's connection states, tagged with the link.
    public nonisolated var linkStates: AsyncStream<BybitLinkState> { outputs.streams.states }
    public nonisolated var sessionStreams: VenueSessionStreams<BybitSessionEvent, BybitLinkState> { outputs.streams }

    /// One live WebSocket of a link.
    struct Connection {
        let number: Int
        let outbound: WebSocketOutbound
        /// Work the reader hands off (it must not wait for answers, or it could not read them).
        let chores: AsyncStream<Chore>.Continuation
        var isReady = false
        var liveTopics: Set<String> = []
        var pending: [PendingOp] = []
    }

    enum Chore: Sendable {
        case resubscribe(topic: String)
    }

    /// An `op` sent and not yet answered, matched by `req_id` where Bybit echoes it, else by `op` in order.
    struct PendingOp {
        let ticket: Int64
        let op: String
        let requestID: String?
    }

    /// What the session knows of an order it placed: enough to amend or cancel it by our id alone.
    struct KnownOrder {
        let instrument: Instrument
        var venueOrderID: VenueOrderID?
    }

    var connections: [BybitLink: Connection] = [:]
    var startedLinks: Set<BybitLink> = []
    /// Links whose supervisor gave up, with why.
    var stoppedLinks: [BybitLink: String] = [:]
    var isStopped = false
    var waiters = BybitWaiters()
    var nextRequestNumber: Int64 = 1
    var limiter: VenueRateLimiter
    var monitor: VenueHealthMonitor
    /// Public topics per category in the order first asked for; re-subscribed on every connection of the link.
    var publicTopics: [Market: [String]] = [:]
    var isDisconnectProtectionArmed = false
    /// Base coins with market-maker protection set through this session: resting option quotes on them carry `mmp`.
    var protectedBaseCoins: Set<String> = []
    /// When MMP last fired per underlying, so one sweep of cancellations makes one trigger event.
    var lastProtectionTriggers: [Underlying: UnixNanos] = [:]
    /// The grid of each book topic (from its instrument's spec), and its builder on the current connection.
    var bookGrids: [String: BookGrid] = [:]
    var books: [String: BybitBookBuilder] = [:]
    /// The last full ticker per topic: linear and inverse deltas carry only what changed.
    var tickers: [String: BybitTickerWire] = [:]
    var specs: [Instrument: InstrumentSpec] = [:]
    var orders: [OrderID: KnownOrder] = [:]
    var filter = BybitReportFilter()
    var lastAuthenticationFailure: VenueError?

    public init(configuration: BybitSessionConfiguration, specs: [InstrumentSpec] = []) {
        self.configuration = configuration
        limiter = configuration.rateLimiter
        monitor = VenueHealthMonitor(venue: .bybit, policy: configuration.healthPolicy)
        rest = RESTClient(timeoutNanos: configuration.requestTimeoutNanos, clock: configuration.clock)
        venueClock = VenueClock(intervalNanos: configuration.clockSyncIntervalNanos)
        linkStarts = AsyncStream.makeStream(of: BybitLink.self)
        for spec in specs where spec.venue == .bybit { self.specs[spec.instrument] = spec }
    }

    var clock: any TransportClock { configuration.clock }

    /// Health now: state, request-to-acknowledgement latency percentiles (REST and WebSocket ops), error counts.
    public func healthSummary() -> VenueHealthSummary { monitor.summary(at: clock.now()) }

    /// Adds specs the session builds orders and books against (it fetches missing ones from instruments-info).
    public func register(_ newSpecs: [InstrumentSpec]) {
        for spec in newSpecs where spec.venue == .bybit { specs[spec.instrument] = spec }
    }

    // MARK: - Publishing

    func emit(_ event: BybitSessionEvent) { outputs.emit(event) }

    func publish(_ events: [VenueHealthEvent]) { outputs.publish(events) }

    func publish(_ reports: [VenueReport]) { outputs.publish(reports, through: &filter) }

    func makeRequestID() -> String {
        defer { nextRequestNumber += 1 }
        return "legate-\(nextRequestNumber)"
    }
}
