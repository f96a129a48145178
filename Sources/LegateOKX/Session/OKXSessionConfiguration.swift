public import LegateModel
public import LegateTransport
public import LegateVenues

/// Everything an `OKXSession` is told: endpoints, credentials, the channels it keeps, and its waits and limits.
/// Defaults are production values; tests point the URLs at a loopback stand-in and shorten the waits.
public struct OKXSessionConfiguration: Sendable {
    public var publicURL: WebSocketURL
    public var privateURL: WebSocketURL
    /// Scheme and host of the REST API; request paths (`/api/v5/…`) are appended as signed.
    public var restBaseURL: String
    /// Nil for a market-data-only session (no private WebSocket, no orders, no account queries).
    public var credentials: VenueCredentials?
    /// Sends `x-simulated-trading: 1` on REST requests (OKX demo trading).
    public var isSimulatedTrading: Bool
    /// Margin mode, position mode and tag of every order (the model's `OrderRequest` does not carry them).
    public var orderOptions: OKXOrderOptions
    /// Contract sizes known before `instruments()` is called (books and orders need the spec of their instrument).
    public var specs: [InstrumentSpec]
    /// Query strings of `GET /api/v5/public/instruments` that `instruments()` reads, one request each.
    public var instrumentQueries: [String]
    /// Private channels subscribed after every login: the `orders` channel carries fills and venue-side cancels.
    public var privateChannels: [OKXChannelArg]
    /// A socket that heard nothing for this long sends OKX's text `ping` (OKX closes a socket idle for 30 s).
    public var pingIntervalNanos: Int64
    /// A `ping` not answered within this long ends the connection; the supervisor reconnects.
    public var pongTimeoutNanos: Int64
    public var reconnect: ReconnectPolicy
    /// How long the private WebSocket waits for the answer to `login`.
    public var loginTimeoutNanos: Int64
    /// How long a trading call made while disconnected waits for the session to be ready again.
    public var readyTimeoutNanos: Int64
    public var restTimeoutNanos: Int64
    public var rateLimiter: VenueRateLimiter
    /// After OKX's `50011` (or an HTTP 429 without `Retry-After`) nothing is sent for this long: OKX counts its limits
    /// over 2 s windows, so the next window is the earliest useful retry.
    public var rateLimitPenaltyNanos: Int64
    /// Retries of one refused request before the call fails with `VenueError.rateLimited`.
    public var maximumRateLimitRetries: Int
    /// A request the limiter would hold longer than this fails at once with `VenueError.rateLimited` instead.
    public var maximumRateLimitWaitNanos: Int64
    /// How often an armed dead-man switch is refreshed; nil refreshes at half its timeout.
    public var deadManRefreshNanos: Int64?
    /// How often `GET /api/v5/public/time` is read to correct `OK-ACCESS-TIMESTAMP` and the login timestamp by the
    /// venue's clock offset (OKX refuses a request more than 30 s off, 50102); nil signs with the local clock.
    public var clockSyncIntervalNanos: Int64? = 300_000_000_000
    public var healthPolicy: VenueHealthPolicy
    public var webSocket: WebSocketConfiguration
    public var clock: any TransportClock

    public init(
        publicURL: WebSocketURL = WebSocketURL(isSecure: true, host: "ws.okx.com", port: 8443, target: "/ws/v5/public"),
        privateURL: WebSocketURL = WebSocketURL(
            isSecure: true,
            host: "ws.okx.com",
            port: 8443,
            target: "/ws/v5/private"
        ),
        restBaseURL: String = OKX.restBaseURL,
        credentials: VenueCredentials? = nil,
        isSimulatedTrading: Bool = false,
        orderOptions: OKXOrderOptions = OKXOrderOptions(),
        specs: [InstrumentSpec] = [],
        instrumentQueries: [String] = ["instType=OPTION&instFamily=BTC-USD", "instType=SWAP", "instType=FUTURES"],
        privateChannels: [OKXChannelArg] = [OKXChannelArg(channel: "orders", instType: "ANY")],
        pingIntervalNanos: Int64 = 20_000_000_000,
        pongTimeoutNanos: Int64 = 5_000_000_000,
        reconnect: ReconnectPolicy = ReconnectPolicy(jitterSeed: 0x0_0C5E),
        loginTimeoutNanos: Int64 = 10_000_000_000,
        readyTimeoutNanos: Int64 = 15_000_000_000,
        restTimeoutNanos: Int64 = 10_000_000_000,
        rateLimiter: VenueRateLimiter = .okx(),
        rateLimitPenaltyNanos: Int64 = 2_000_000_000,
        maximumRateLimitRetries: Int = 3,
        maximumRateLimitWaitNanos: Int64 = 5_000_000_000,
        deadManRefreshNanos: Int64? = nil,
        healthPolicy: VenueHealthPolicy = .standard,
        webSocket: WebSocketConfiguration = WebSocketConfiguration(),
        clock: any TransportClock = SystemTransportClock()
    ) {
        precondition(pingIntervalNanos > 0 && pongTimeoutNanos > 0, "heartbeat intervals must be positive")
        precondition(loginTimeoutNanos > 0 && readyTimeoutNanos > 0 && restTimeoutNanos > 0, "timeouts")
        precondition(rateLimitPenaltyNanos > 0 && maximumRateLimitRetries >= 0, "rate-limit retry settings")
        precondition((deadManRefreshNanos ?? 1) > 0, "dead-man refresh interval must be positive")
        self.publicURL = publicURL
        self.privateURL = privateURL
        self.restBaseURL = restBaseURL
        self.credentials = credentials
        self.isSimulatedTrading = isSimulatedTrading
        self.orderOptions = orderOptions
        self.specs = specs
        self.instrumentQueries = instrumentQueries
        self.privateChannels = privateChannels
        self.pingIntervalNanos = pingIntervalNanos
        self.pongTimeoutNanos = pongTimeoutNanos
        self.reconnect = reconnect
        self.loginTimeoutNanos = loginTimeoutNanos
        self.readyTimeoutNanos = readyTimeoutNanos
        self.restTimeoutNanos = restTimeoutNanos
        self.rateLimiter = rateLimiter
        self.rateLimitPenaltyNanos = rateLimitPenaltyNanos
        self.maximumRateLimitRetries = maximumRateLimitRetries
        self.maximumRateLimitWaitNanos = maximumRateLimitWaitNanos
        self.deadManRefreshNanos = deadManRefreshNanos
        self.healthPolicy = healthPolicy
        self.webSocket = webSocket
        self.clock = clock
    }
}
