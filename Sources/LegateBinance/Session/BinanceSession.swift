import Foundation
import LegateCore
import LegateModel
import LegateTransport
public import LegateVenues

/// Legate's `VenueClient` for one Binance API — European options (`eapi`), USD-M futures (`fapi`) or spot (`api`).
///
/// Binance splits a session three ways, and so does this actor: signed REST for orders and account queries
/// (`timestamp`, `recvWindow`, HMAC-SHA256 `signature`, `X-MBX-APIKEY`), a combined market stream (subscribed with
/// `SUBSCRIBE` on every connection; diff books anchored on a REST snapshot through `BinanceBookBuilder`), and a
/// user-data stream on a listen key (created by POST, kept alive by PUT, recreated when it expires) that carries our
/// orders' events. `run()` keeps both streams connected through `ReconnectSupervisor` with seeded backoff, and keeps an
/// armed dead-man switch refreshed. Binance's server pings are answered with pongs by the transport.
///
/// Streams are single-consumer and unbounded; they finish when `run()` returns.
public actor BinanceSession: VenueSessionStreaming {
    public nonisolated let configuration: BinanceSessionConfiguration
    nonisolated let outputs = VenueSessionOutputs<BinanceSessionEvent, BinanceStreamState>()
    nonisolated let rest: RESTClient

    /// Each stream's connection states, tagged with the stream (market or user data).
    public nonisolated var streamStates: AsyncStream<BinanceStreamState> { outputs.streams.states }
    public nonisolated var sessionStreams: VenueSessionStreams<BinanceSessionEvent, BinanceStreamState> {
        outputs.streams
    }

    /// The live market connection, and the queue of work its reader hands off (a snapshot fetch must not hold the
    /// reader, or the diffs it has to bridge would wait behind it).
    struct MarketConnection {
        let number: Int
        let outbound: WebSocketOutbound
        let chores: AsyncStream<MarketChore>.Continuation
    }

    enum MarketChore: Sendable {
        case snapshot(symbol: String)
    }

    /// What the session knows of an order it placed: the request (an amend resizes it), and on spot the venue id
    /// of the replacement a cancel-replace made (the caller's id names the cancelled one).
    struct KnownOrder {
        var request: OrderRequest
        var venueOrderID: VenueOrderID?
    }

    /// An armed dead-man switch: the countdown and what it covers (underlyings on options, symbols on USD-M).
    struct DeadMan {
        let countdownMillis: Int64
        let scopes: [String]
    }

    var specsBySymbol: [String: InstrumentSpec] = [:]
    var specsByInstrument: [Instrument: InstrumentSpec] = [:]
    var market: MarketConnection?
    var isMarketReady = false
    var isStopped = false
    var waiters = BinanceWaiters()
    /// Waiters for the market stream's readiness, answered when it is subscribed.
    var readyWaiters: [Int64] = []
    /// Streams in the order first asked for; subscribed again on every market connection.
    var streams: [String] = []
    var liveStreams: Set<String> = []
    /// Options mark streams cover a whole underlying; only these instruments' tickers are published.
    var tickerInstruments: Set<Instrument> = []
    var books: [String: BinanceBookBuilder] = [:]
    var snapshotsInFlight: Set<String> = []
    var listenKey: String?
    /// Each order this session placed, so it can be amended or cancelled by our id alone.
    var orders: [OrderID: KnownOrder] = [:]
    /// Spot orders a cancel-replace cancelled: their `CANCELED` events end the old venue order, not ours.
    var replacedVenueOrders: Set<Int64> = []
    var deadMan: DeadMan?
    /// Options underlyings (`BTCUSDT`) with market-maker protection set through this session: resting orders on them
    /// are flagged `isMmp`.
    var protectedUnderlyings: Set<String> = []
    /// When MMP last fired per underlying as `GET /eapi/v1/mmp` reported it, so each trigger is emitted once.
    var lastProtectionTriggers: [Underlying: UnixNanos] = [:]
    var bannedUntil: UnixNanos?
    var nextID: Int64 = 1
    var monitor: VenueHealthMonitor
    var filter = VenueReportFilter.binance()
    /// The venue's clock against ours, read from the server-time endpoint; signed timestamps are corrected by it.
    public nonisolated let venueClock: VenueClock

    public init(configuration: BinanceSessionConfiguration) {
        self.configuration = configuration
        monitor = VenueHealthMonitor(venue: .binance, policy: configuration.healthPolicy)
        venueClock = VenueClock(intervalNanos: configuration.clockSyncIntervalNanos)
        rest = RESTClient(timeoutNanos: configuration.requestTimeoutNanos, clock: configuration.clock)
        for spec in configuration.specs where configuration.market.lists(spec.instrument) {
            specsBySymbol[spec.symbol] = spec
            specsByInstrument[spec.instrument] = spec
        }
    }

    var clock: any TransportClock { configuration.clock }

    /// Health now: state, request-to-acknowledgement latency percentiles, error counts.
    public func healthSummary() -> VenueHealthSummary { monitor.summary(at: clock.now()) }

    func makeID() -> Int64 {
        defer { nextID += 1 }
        return nextID
    }

    // MARK: - Publishing

    func emit(_ event: BinanceSessionEvent) { outputs.emit(event) }

    func publish(_ events: [VenueHealthEvent]) { outputs.publish(events) }

    func publish(_ reports: [VenueReport]) { outputs.publish(reports, through: &filter) }

    func publish(_ data: MarketData) { outputs.publish(data) }

    func spec(for instrument: Instrument) throws(VenueError) -> InstrumentSpec {
        guard let spec = specsByInstrument[instrument] else {
            throw .unsupported(
                venue: .binance,
                operation: "\(instrument) on \(configuration.market): no spec (configure it or call instruments())"
            )
        }
        return spec
    }

    /// Options size in contracts of this many underlying units; the other markets in units.
    func multiplier(_ symbol: String) -> FixedDecimal {
        configuration.market == .options ? specsBySymbol[symbol]?.contractMultiplier ?? 1 : 1
    }

    func credentials(for operation: String) throws(VenueError) -> VenueCredentials {
        guard let credentials = configuration.credentials else {
            throw .authenticationFailed(venue: .binance, reason: "\(operation) needs credentials; none are configured")
        }
        return credentials
    }
}

/// Tasks waiting for the market stream to be ready or for a `SUBSCRIBE` to be answered, by id. An answer may come
/// before its waiter (it raced the send), and a waiter may leave first (timeout, cancellation).
struct BinanceWaiters: Sendable {
    private enum Entry {
        case pending
        case parked(CheckedContinuation<Void, any Error>)
        case answered((any Error)?)
    }

    private var entries: [Int64: Entry] = [:]

    mutating func expect(_ id: Int64) { entries[id] = .pending }

    /// Resumes whoever waits on `id`, now or when they arrive; nil error means success.
    mutating func answer(_ id: Int64, error: (any Error)? = nil) {
        switch entries[id] {
        case .pending: entries[id] = .answered(error)
        case .parked(let continuation):
            entries[id] = nil
            if let error { continuation.resume(throwing: error) } else { continuation.resume() }
        case .answered, nil: return
        }
    }

    mutating func park(_ id: Int64, _ continuation: CheckedContinuation<Void, any Error>) {
        switch entries[id] {
        case .answered(let error):
            entries[id] = nil
            if let error { continuation.resume(throwing: error) } else { continuation.resume() }
        case .pending: entries[id] = .parked(continuation)
        case .parked, nil: continuation.resume(throwing: CancellationError())
        }
    }

    mutating func leave(_ id: Int64) {
        if case .parked(let continuation) = entries[id] { continuation.resume(throwing: CancellationError()) }
        entries[id] = nil
    }

    /// Answers every id still open.
    mutating func answerAll(error: (any Error)?) {
        for id in Array(entries.keys) { answer(id, error: error) }
    }
}
