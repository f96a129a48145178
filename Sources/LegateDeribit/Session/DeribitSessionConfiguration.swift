public import LegateTransport
public import LegateVenues

/// Everything a `DeribitSession` is told: where, who, and the limits it keeps. Defaults are production values;
/// tests shorten the waits.
public struct DeribitSessionConfiguration: Sendable {
    public static let production = "wss://www.deribit.com/ws/api/v2"
    public static let testnet = "wss://test.deribit.com/ws/api/v2"

    public var url: WebSocketURL
    /// Nil for a market-data-only session (no private methods, no raw books).
    public var credentials: VenueCredentials?
    /// `public/set_heartbeat` interval (Deribit's minimum is 10 s); nil leaves the server's heartbeat off.
    public var heartbeatIntervalSeconds: Int?
    /// Interval of book, trades and ticker channels: `raw` (needs authentication), `100ms` or `agg2`.
    public var interval: String
    /// Private channels subscribed on every connection when credentials are given: order changes and our trades,
    /// the reports for orders that rest and fill later.
    public var privateChannels: [String]
    public var reconnect: ReconnectPolicy
    /// How long a request waits for its response.
    public var requestTimeoutNanos: Int64
    /// How long a request made while disconnected waits for the session to be ready again.
    public var readyTimeoutNanos: Int64
    /// Refresh the access token this long before it expires (or at half its life, if that is sooner).
    public var tokenRefreshLeadNanos: Int64
    public var rateLimiter: VenueRateLimiter
    /// After a 10028 `too_many_requests`, nothing more is sent for this long (the limiter is throttled), then the
    /// refused request is retried.
    public var rateLimitPenaltyNanos: Int64
    /// Retries of one request refused with 10028 before the call fails with `VenueError.rateLimited`.
    public var maximumRateLimitRetries: Int
    /// A request the limiter would hold longer than this fails at once with `VenueError.rateLimited` instead.
    public var maximumRateLimitWaitNanos: Int64
    public var healthPolicy: VenueHealthPolicy
    public var webSocket: WebSocketConfiguration
    public var clock: any TransportClock

    public init(
        url: WebSocketURL,
        credentials: VenueCredentials? = nil,
        heartbeatIntervalSeconds: Int? = 30,
        interval: String = "100ms",
        privateChannels: [String] = ["user.orders.any.any.raw", "user.trades.any.any.raw"],
        reconnect: ReconnectPolicy = ReconnectPolicy(jitterSeed: 0x5EED),
        requestTimeoutNanos: Int64 = 10_000_000_000,
        readyTimeoutNanos: Int64 = 15_000_000_000,
        tokenRefreshLeadNanos: Int64 = 60_000_000_000,
        rateLimiter: VenueRateLimiter = .deribit(),
        rateLimitPenaltyNanos: Int64 = 1_000_000_000,
        maximumRateLimitRetries: Int = 3,
        maximumRateLimitWaitNanos: Int64 = 5_000_000_000,
        healthPolicy: VenueHealthPolicy = .standard,
        webSocket: WebSocketConfiguration = WebSocketConfiguration(),
        clock: any TransportClock = SystemTransportClock()
    ) {
        precondition((heartbeatIntervalSeconds ?? 10) >= 10, "Deribit's heartbeat interval is at least 10 s")
        precondition(requestTimeoutNanos > 0 && readyTimeoutNanos > 0, "timeouts must be positive")
        precondition(rateLimitPenaltyNanos > 0 && maximumRateLimitRetries >= 0, "rate-limit retry settings")
        self.url = url
        self.credentials = credentials
        self.heartbeatIntervalSeconds = heartbeatIntervalSeconds
        self.interval = interval
        self.privateChannels = privateChannels
        self.reconnect = reconnect
        self.requestTimeoutNanos = requestTimeoutNanos
        self.readyTimeoutNanos = readyTimeoutNanos
        self.tokenRefreshLeadNanos = tokenRefreshLeadNanos
        self.rateLimiter = rateLimiter
        self.rateLimitPenaltyNanos = rateLimitPenaltyNanos
        self.maximumRateLimitRetries = maximumRateLimitRetries
        self.maximumRateLimitWaitNanos = maximumRateLimitWaitNanos
        self.healthPolicy = healthPolicy
        self.webSocket = webSocket
        self.clock = clock
    }
}
