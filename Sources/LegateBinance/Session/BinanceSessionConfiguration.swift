public import LegateModel
public import LegateTransport
public import LegateVenues

/// Everything a `BinanceSession` is told: which API, where, who, and the limits it keeps. Defaults are production
/// values; tests point the URLs at a stand-in and shorten the waits.
public struct BinanceSessionConfiguration: Sendable {
    public var market: BinanceMarket
    /// REST base, no trailing slash (`https://eapi.binance.com`).
    public var restBaseURL: String
    /// The combined market stream; the session subscribes with `SUBSCRIBE` on every connection.
    public var marketStreamURL: WebSocketURL
    /// The user-data stream base; the listen key is appended as `/<listenKey>`.
    public var userStreamURL: WebSocketURL
    /// Nil for a market-data-only session (no orders, no user stream).
    public var credentials: VenueCredentials?
    /// The instruments the session may trade: orders are checked and sized against these (more arrive with
    /// `instruments()`).
    public var specs: [InstrumentSpec]
    public var recvWindowMillis: Int64
    /// How often the server time is read to correct signed `timestamp`s by the venue's clock offset; nil signs with
    /// the local clock as it is.
    public var clockSyncIntervalNanos: Int64? = 300_000_000_000
    /// How often the listen key is kept alive with a `PUT` (Binance closes it after 60 minutes without one).
    public var listenKeyKeepAliveNanos: Int64
    /// How often an armed dead-man switch is refreshed (options heartbeat, USD-M countdown re-sent).
    public var deadManRefreshNanos: Int64
    /// Levels asked of a REST depth snapshot (USD-M takes up to 1000, spot 5000).
    public var depthSnapshotLimit: Int
    /// Levels of an options book stream (10, 20, 50 or 100) when a subscription names none.
    public var optionBookDepth: Int
    public var reconnect: ReconnectPolicy
    public var requestTimeoutNanos: Int64
    /// How long a subscription made while disconnected waits for the market stream.
    public var readyTimeoutNanos: Int64
    /// The wait after a 429 that carries no `Retry-After`.
    public var rateLimitPenaltyNanos: Int64
    /// Retries of one request refused with HTTP 429 / -1003 before the call fails with `VenueError.rateLimited`.
    public var maximumRateLimitRetries: Int
    /// A `Retry-After` longer than this is not waited out: the call fails at once with `VenueError.rateLimited`.
    public var maximumRateLimitWaitNanos: Int64
    public var healthPolicy: VenueHealthPolicy
    public var webSocket: WebSocketConfiguration
    public var clock: any TransportClock

    public init(
        market: BinanceMarket,
        restBaseURL: String,
        marketStreamURL: WebSocketURL,
        userStreamURL: WebSocketURL,
        credentials: VenueCredentials? = nil,
        specs: [InstrumentSpec] = [],
        recvWindowMillis: Int64 = 5_000,
        listenKeyKeepAliveNanos: Int64 = 30 * 60 * 1_000_000_000,
        deadManRefreshNanos: Int64 = 15_000_000_000,
        depthSnapshotLimit: Int = 1_000,
        optionBookDepth: Int = 20,
        reconnect: ReconnectPolicy = ReconnectPolicy(jitterSeed: 0xB1A_CE),
        requestTimeoutNanos: Int64 = 10_000_000_000,
        readyTimeoutNanos: Int64 = 15_000_000_000,
        rateLimitPenaltyNanos: Int64 = 1_000_000_000,
        maximumRateLimitRetries: Int = 3,
        maximumRateLimitWaitNanos: Int64 = 60_000_000_000,
        healthPolicy: VenueHealthPolicy = .standard,
        webSocket: WebSocketConfiguration = WebSocketConfiguration(),
        clock: any TransportClock = SystemTransportClock()
    ) {
        precondition((1...60_000).contains(recvWindowMillis), "Binance's recvWindow is 1 to 60000 ms")
        precondition(listenKeyKeepAliveNanos > 0 && deadManRefreshNanos > 0, "keep-alive intervals must be positive")
        precondition(requestTimeoutNanos > 0 && readyTimeoutNanos > 0, "timeouts must be positive")
        precondition(rateLimitPenaltyNanos > 0 && maximumRateLimitRetries >= 0, "rate-limit retry settings")
        precondition([10, 20, 50, 100].contains(optionBookDepth), "options book depth is 10, 20, 50 or 100")
        self.market = market
        self.restBaseURL = restBaseURL
        self.marketStreamURL = marketStreamURL
        self.userStreamURL = userStreamURL
        self.credentials = credentials
        self.specs = specs
        self.recvWindowMillis = recvWindowMillis
        self.listenKeyKeepAliveNanos = listenKeyKeepAliveNanos
        self.deadManRefreshNanos = deadManRefreshNanos
        self.depthSnapshotLimit = depthSnapshotLimit
        self.optionBookDepth = optionBookDepth
        self.reconnect = reconnect
        self.requestTimeoutNanos = requestTimeoutNanos
        self.readyTimeoutNanos = readyTimeoutNanos
        self.rateLimitPenaltyNanos = rateLimitPenaltyNanos
        self.maximumRateLimitRetries = maximumRateLimitRetries
        self.maximumRateLimitWaitNanos = maximumRateLimitWaitNanos
        self.healthPolicy = healthPolicy
        self.webSocket = webSocket
        self.clock = clock
    }

    /// Binance's production endpoints for `market`.
    public static func production(
        _ market: BinanceMarket,
        credentials: VenueCredentials? = nil,
        specs: [InstrumentSpec] = []
    ) throws(TransportError) -> BinanceSessionConfiguration {
        let (rest, stream, user): (String, String, String)
        switch market {
        case .options:
            (rest, stream, user) = (
                "https://eapi.binance.com", "wss://nbstream.binance.com/eoptions/stream",
                "wss://nbstream.binance.com/eoptions/ws"
            )
        case .usdm:
            (rest, stream, user) = (
                "https://fapi.binance.com", "wss://fstream.binance.com/stream", "wss://fstream.binance.com/ws"
            )
        case .spot:
            (rest, stream, user) = (
                "https://api.binance.com", "wss://stream.binance.com:9443/stream", "wss://stream.binance.com:9443/ws"
            )
        }
        return BinanceSessionConfiguration(
            market: market,
            restBaseURL: rest,
            marketStreamURL: try WebSocketURL(parsing: stream),
            userStreamURL: try WebSocketURL(parsing: user),
            credentials: credentials,
            specs: specs,
            depthSnapshotLimit: market == .spot ? 5_000 : 1_000
        )
    }
}
