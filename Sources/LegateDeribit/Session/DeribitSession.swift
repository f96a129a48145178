import Foundation
import LegateCore
import LegateModel
public import LegateTransport
public import LegateVenues

/// Deribit's JSON-RPC 2.0 API over one WebSocket, kept connected: Legate's `VenueClient` for Deribit.
///
/// One actor owns the connection's state (request ids and their waiting callers, the access token, subscriptions,
/// book sequencers, the rate limiter and the health monitor). `run()` keeps it connected: each connection
/// authenticates with a client signature, sets the heartbeat, re-arms cancel-on-disconnect and re-subscribes every
/// channel before requests flow, and when it drops, the supervisor waits a jittered backoff and starts again. Requests
/// made meanwhile wait (up to `readyTimeoutNanos`) for the next ready connection.
///
/// ```swift
/// let session = DeribitSession(configuration: configuration)
/// try await withThrowingTaskGroup(of: Void.self) { group in
///     group.addTask { await session.run() }
///     try await session.subscribe([MarketDataSubscription(instrument: option, channel: .ticker)])
///     for await data in session.marketData { … }
/// }
/// ```
///
/// Streams are single-consumer and unbounded (a dropped book delta or report would be worse than memory); they
/// finish when `run()` returns.
public actor DeribitSession: VenueSessionStreaming {
    public nonisolated let configuration: DeribitSessionConfiguration
    nonisolated let outputs = VenueSessionOutputs<DeribitSessionEvent, ConnectionState>()

    /// The connection supervisor's states, as it connects, drops and backs off.
    public nonisolated var connectionStates: AsyncStream<ConnectionState> { outputs.streams.states }
    public nonisolated var sessionStreams: VenueSessionStreams<DeribitSessionEvent, ConnectionState> { outputs.streams }

    /// The live connection: its number, how to send, and the queue of work the reader hands off (it must not wait
    /// for responses itself, or it could not read them).
    struct Connection {
        let number: Int
        let outbound: WebSocketOutbound
        let chores: AsyncStream<Chore>.Continuation
    }

    enum Chore: Sendable {
        case answerTestRequest
        case resubscribe(channel: String)
    }

    struct InFlight {
        let method: String
        let sentAt: UnixNanos
    }

    struct Token {
        let accessToken: String
        let refreshToken: String
        let issuedAt: UnixNanos
        let expiresAt: UnixNanos
    }

    /// What the session knows about an order it placed: enough to amend or cancel it by our id alone.
    struct KnownOrder {
        let instrument: Instrument
        var venueOrderID: VenueOrderID?
    }

    var connection: Connection?
    var isReady = false
    var isStopped = false
    var readiness = Mailboxes<Void>()
    var nextWaiterID: Int64 = 0
    var replies = Mailboxes<Data>()
    var inFlight: [Int64: InFlight] = [:]
    var nextRequestID: Int64 = 1
    var limiter: VenueRateLimiter
    var monitor: VenueHealthMonitor
    /// Venue clock minus ours, from the `usIn`/`usOut` of every response.
    public internal(set) var clockOffset = ClockOffsetTracker()
    var token: Token?
    /// Public channels in the order they were first asked for; re-subscribed on every connection.
    var publicChannels: [String] = []
    /// Channels the venue confirmed on the current connection.
    var liveChannels: Set<String> = []
    var cancelOnDisconnectArmed = false
    /// Indexes with market-maker protection set through this session: resting quotes on them go out with `mmp`.
    var protectedIndexes: Set<String> = []
    /// Option combos whose book Deribit confirmed through `create_combo` in this session.
    var createdCombos: Set<String> = []
    /// One sequencer per book channel; cleared with the connection, so each new one starts from a snapshot.
    var books: [String: DeribitBookSequencer] = [:]
    var orders: [OrderID: KnownOrder] = [:]
    var filter = DeribitReportFilter()

    public init(configuration: DeribitSessionConfiguration) {
        self.configuration = configuration
        limiter = configuration.rateLimiter
        monitor = VenueHealthMonitor(venue: .deribit, policy: configuration.healthPolicy)
    }

    var clock: any TransportClock { configuration.clock }

    /// Health now: state, request-to-acknowledgement latency percentiles, error counts.
    public func healthSummary() -> VenueHealthSummary { monitor.summary(at: clock.now()) }

    // MARK: - Publishing

    func emit(_ event: DeribitSessionEvent) { outputs.emit(event) }

    func publish(_ events: [VenueHealthEvent]) { outputs.publish(events) }

    func publish(_ reports: [VenueReport]) { outputs.publish(reports, through: &filter) }
}
