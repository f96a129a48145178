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
public actor OKXSession: VenueSessionStreaming {
    public nonisolated let configuration: OKXSessionConfiguration
    nonisolated let outputs = VenueSessionOutputs<OKXSessionEvent, ConnectionState>()
    nonisolated let rest: RESTClient
    /// The venue's clock against ours; signed timestamps are corrected by it.
    public nonisolated let venueClock: VenueClock

    /// The connection supervisor's states, as it connects, drops and backs off.
    public nonisolated var connectionStates: AsyncStream<ConnectionState> { outputs.streams.states }
    public nonisolated var sessionStreams: VenueSessionStreams<OKXSessionEvent, ConnectionState> { outputs.streams }

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
    /// OKX tells most facts twice: the REST answer to `order` and the `orders` push both say the order is live, a
    /// push repeats the order's last fill on later pushes (an amend, the cancel), and the answer to `cancel-order`
    /// and the `canceled` push both end it.
    var filter = VenueReportFilter(capacity: 50_000)
    /// The dead-man timeout in seconds while armed; re-armed on every connection and refreshed while connected.
    var deadManSeconds: Int?
    var isSendingDeadMan = false
    /// Option families with market-maker protection set through this session: resting quotes on them go as `mmp`.
    var protectedFamilies: Set<String> = []
    /// When MMP last fired per underlying, so one sweep of `mmp_canceled` pushes makes one trigger event.
    var lastProtectionTriggers: [Underlying: UnixNanos] = [:]

    public init(configuration: OKXSessionConfiguration) {
        self.configuration = configuration
        limiter = configuration.rateLimiter
        monitor = VenueHealthMonitor(venue: .okx, policy: configuration.healthPolicy)
        contracts = OKXContracts(configuration.specs)
        rest = RESTClient(timeoutNanos: configuration.restTimeoutNanos, clock: configuration.clock)
        venueClock = VenueClock(intervalNanos: configuration.clockSyncIntervalNanos)
    }

    var clock: any TransportClock { configuration.clock }

    /// Health now: state, request-to-acknowledgement latency percentiles, error counts.
    public func healthSummary() -> VenueHealthSummary { monitor.summary(at: clock.now()) }

    /// Adds or replaces instrument specs (contract sizes, grids) without asking the venue.
    public func load(specs: [InstrumentSpec]) {
        for spec in specs { contracts.insert(spec) }
    }

    // MARK: - Publishing

    func emit(_ event: OKXSessionEvent) { outputs.emit(event) }

    func publish(_ events: [VenueHealthEvent]) { outputs.publish(events) }

    func publish(_ reports: [VenueReport]) { outputs.publish(reports, through: &filter) }
}
