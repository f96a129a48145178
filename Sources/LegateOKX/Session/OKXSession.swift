import Foundation
import LegateCore
public import LegateModel
public import LegateTransport
public import LegateVenues

/// OKX v5 kept connected: Legate's `VenueClient` for OKX.
///
/// Market data and order events come over two WebSockets (public: books, tickers, marks, option summaries, funding,
/// trades; private: `login`, then the `orders` channel). Orders, the dead-man switch and account queries go over
/// signed REST (`OK-ACCESS-*` headers): one signing path for every private request, answers that belong to their
/// request without id bookkeeping, and HTTP 429 with `Retry-After` handled by `RESTClient`; the `orders` channel
/// still brings fills and venue-side cancels, and each fact is published once.
///
/// One actor owns the state (the book feed and ticker board of the current connection, subscriptions, known orders,
/// the rate limiter, the health monitor). `run()` keeps it connected: each connection opens both sockets, logs in,
/// re-subscribes everything, re-arms the dead-man switch, pings idle sockets, and when either socket drops (or a
/// `pong` is missing) the supervisor waits a seeded backoff and starts again.
///
/// Sizes cross the boundary exactly: OKX counts derivatives in contracts of `ctVal × ctMult` (0.01 BTC for BTC
/// options today), and an order that is not a whole number of contracts is rejected, never rounded.
public actor OKXSession {
    public nonisolated let configuration: OKXSessionConfiguration
    public nonisolated let marketData: AsyncStream<MarketData>
    public nonisolated let reports: AsyncStream<VenueReport>
    public nonisolated let health: AsyncStream<VenueHealthEvent>
    public nonisolated let events: AsyncStream<OKXSessionEvent>
    public nonisolated let connectionStates: AsyncStream<ConnectionState>
    nonisolated let outputs: Outputs
    nonisolated let rest: RESTClient

    struct Outputs: Sendable {
        let marketData: AsyncStream<MarketData>.Continuation
        let reports: AsyncStream<VenueReport>.Continuation
        let health: AsyncStream<VenueHealthEvent>.Continuation
        let events: AsyncStream<OKXSessionEvent>.Continuation
        let states: AsyncStream<ConnectionState>.Continuation

        func finishAll() {
            marketData.finish()
            reports.finish()
            health.finish()
            events.finish()
            states.finish()
        }
    }

    /// The live connection: both sockets' senders and the queue of work the readers hand off (a reader must not
    /// wait on the socket it reads).
    struct Link {
        let number: Int
        let publicOutbound: WebSocketOutbound
        let privateOutbound: WebSocketOutbound?
        let chores: AsyncStream<Chore>.Continuation

        func outbound(_ socket: OKXSocket) -> WebSocketOutbound? {
            socket == .public ? publicOutbound : privateOutbound
        }
    }

    enum Chore: Sendable {
        /// Unsubscribe and subscribe again: OKX's documented way to get a fresh book snapshot.
        case resubscribe(OKXChannelArg)
    }

    /// What the session remembers of an order it placed, to amend or cancel it by our id alone.
    struct KnownOrder {
        let symbol: String
        var venueOrderID: VenueOrderID?
    }

    var link: Link?
    var isReady = false
    var isStopped = false
    var readyQueue = OKXReadyQueue()
    var login = OKXLoginGate()
    var isAwaitingLogin = false
    /// Why the last connection could not be prepared, when OKX said so (a refused login): what waiting callers get.
    var lastRefusal: VenueError?
    var lastHeard: [OKXSocket: UnixNanos] = [:]
    var limiter: VenueRateLimiter
    var monitor: VenueHealthMonitor
    var nextRequestID: Int64 = 1
    var contracts: OKXContracts
    /// Public channels in the order first asked for; subscribed again on every connection.
    var publicArgs: [OKXChannelArg] = []
    /// Channels sent on the current connection.
    var sentArgs: Set<OKXChannelArg> = []
    var books = OKXBookFeed()
    var board = OKXTickerBoard()
    var orders: [OrderID: KnownOrder] = [:]
    var filter = OKXReportFilter()
    /// The dead-man timeout in seconds while armed; re-armed on every connection and refreshed while connected.
    var deadManSeconds: Int?
    var isSendingDeadMan = false

    public init(configuration: OKXSessionConfiguration) {
        self.configuration = configuration
        limiter = configuration.rateLimiter
        monitor = VenueHealthMonitor(venue: .okx, policy: configuration.healthPolicy)
        contracts = OKXContracts(configuration.specs)
        rest = RESTClient(timeoutNanos: configuration.restTimeoutNanos, clock: configuration.clock)
        let marketData = AsyncStream.makeStream(of: MarketData.self)
        let reports = AsyncStream.makeStream(of: VenueReport.self)
        let health = AsyncStream.makeStream(of: VenueHealthEvent.self)
        let events = AsyncStream.makeStream(of: OKXSessionEvent.self)
        let states = AsyncStream.makeStream(of: ConnectionState.self)
        self.marketData = marketData.stream
        self.reports = reports.stream
        self.health = health.stream
        self.events = events.stream
        connectionStates = states.stream
        outputs = Outputs(
            marketData: marketData.continuation,
            reports: reports.continuation,
            health: health.continuation,
            events: events.continuation,
            states: states.continuation
        )
    }

    var clock: any TransportClock { configuration.clock }

    /// Health now: state, request-to-acknowledgement latency percentiles, error counts.
    public func healthSummary() -> VenueHealthSummary { monitor.summary(at: clock.now()) }

    /// Adds or replaces instrument specs (contract sizes, grids) without asking the venue.
    public func load(specs: [InstrumentSpec]) {
        for spec in specs { contracts.insert(spec) }
    }

    // MARK: - Publishing

    func emit(_ event: OKXSessionEvent) { outputs.events.yield(event) }

    func publish(_ events: [VenueHealthEvent]) {
        for event in events { outputs.health.yield(event) }
    }

    func publish(_ reports: [VenueReport]) {
        for report in reports where filter.admit(report) { outputs.reports.yield(report) }
    }
}
