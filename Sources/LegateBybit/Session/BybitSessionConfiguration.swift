public import LegateCore
public import LegateSymbology
public import LegateTransport
public import LegateVenues

/// Everything a `BybitSession` is told: where (REST and the WebSocket streams), who, and the limits it keeps.
/// Defaults are production values; tests point it at a loopback stand-in and shorten the waits.
public struct BybitSessionConfiguration: Sendable {
    /// `https://api.bybit.com`, no trailing slash.
    public var restBaseURL: String
    /// The public streams' common prefix: the category is appended (`/v5/public/option`, `/v5/public/linear` …).
    public var publicStream: WebSocketURL
    /// `wss://stream.bybit.com/v5/private`: orders, executions, positions, wallet and DCP, after `auth`.
    public var privateStream: WebSocketURL
    /// Nil for a market-data-only session (no private stream, no orders, no account queries).
    public var credentials: VenueCredentials?
    /// Private topics subscribed on every private connection (`dcp` is added while disconnect protection is armed).
    public var privateTopics: [String]
    /// Public categories connected from the start; others connect on their first subscription.
    public var publicCategories: [Market]
    /// `{"op":"ping"}` every interval on every stream (Bybit asks for 20 s).
    public var heartbeatIntervalNanos: Int64
    /// A ping unanswered this long ends the connection; the supervisor reconnects.
    public var pongTimeoutNanos: Int64
    /// How far ahead of now the private `auth` message's `expires` lies.
    public var authExpiryLeadMillis: Int64
    /// `X-BAPI-RECV-WINDOW`.
    public var recvWindowMillis: Int64
    /// How often `GET /v5/market/time` is read to correct `X-BAPI-TIMESTAMP` and the `auth` expiry by the venue's
    /// clock offset (Bybit refuses a timestamp outside `recvWindow`, 10002); nil signs with the local clock.
    public var clockSyncIntervalNanos: Int64? = 300_000_000_000
    /// Settle coins of the inverse contracts that cancel-all, positions and open orders cover.
    public var inverseSettleCoins: [Asset]
    /// What disconnect protection (DCP) covers when armed.
    public var disconnectProtectionProducts: [BybitDCPProduct]
    /// The DCP window used when `armCancelOnDisconnect` is given no timeout (Bybit's default is 10 s).
    public var disconnectProtectionWindowSeconds: Int
    public var reconnect: ReconnectPolicy
    /// How long a REST request or a WebSocket `op` waits for its answer.
    public var requestTimeoutNanos: Int64
    /// How long a request made while a stream is down waits for it to be ready again.
    public var readyTimeoutNanos: Int64
    public var rateLimiter: VenueRateLimiter
    /// Wait after a rate-limit answer that states no reset time.
    public var rateLimitPenaltyNanos: Int64
    /// Retries of one request refused with 10006 or HTTP 429 before the call fails with `VenueError.rateLimited`.
    public var maximumRateLimitRetries: Int
    /// A rate-limit wait longer than this fails at once with `VenueError.rateLimited` instead.
    public var maximumRateLimitWaitNanos: Int64
    public var healthPolicy: VenueHealthPolicy
    public var webSocket: WebSocketConfiguration
    public var clock: any TransportClock

    public static let productionREST = "https://api.bybit.com"
    public static let productionPublicStream = WebSocketURL(
        isSecure: true,
        host: "stream.bybit.com",
        port: 443,
        target: "/v5/public"
    )
    public static let productionPrivateStream = WebSocketURL(
        isSecure: true,
        host: "stream.bybit.com",
        port: 443,
        target: "/v5/private"
    )

    public init(
        restBaseURL: String = Self.productionREST,
        publicStream: WebSocketURL = Self.productionPublicStream,
        privateStream: WebSocketURL = Self.productionPrivateStream,
        credentials: VenueCredentials? = nil,
        privateTopics: [String] = ["order", "execution", "position", "wallet"],
        publicCategories: [Market] = [],
        heartbeatIntervalNanos: Int64 = 20_000_000_000,
        pongTimeoutNanos: Int64 = 10_000_000_000,
        authExpiryLeadMillis: Int64 = 10_000,
        recvWindowMillis: Int64 = 5_000,
        inverseSettleCoins: [Asset] = [.btc, .eth],
        disconnectProtectionProducts: [BybitDCPProduct] = [.options],
        disconnectProtectionWindowSeconds: Int = 10,
        reconnect: ReconnectPolicy = ReconnectPolicy(jitterSeed: 0xB1B1),
        requestTimeoutNanos: Int64 = 10_000_000_000,
        readyTimeoutNanos: Int64 = 15_000_000_000,
        rateLimiter: VenueRateLimiter = .bybit(),
        rateLimitPenaltyNanos: Int64 = 1_000_000_000,
        maximumRateLimitRetries: Int = 3,
        maximumRateLimitWaitNanos: Int64 = 5_000_000_000,
        healthPolicy: VenueHealthPolicy = .standard,
        webSocket: WebSocketConfiguration = WebSocketConfiguration(),
        clock: any TransportClock = SystemTransportClock()
    ) {
        precondition(heartbeatIntervalNanos > 0 && pongTimeoutNanos > 0, "heartbeat interval and pong timeout")
        precondition(requestTimeoutNanos > 0 && readyTimeoutNanos > 0, "timeouts must be positive")
        precondition(rateLimitPenaltyNanos > 0 && maximumRateLimitRetries >= 0, "rate-limit retry settings")
        precondition(authExpiryLeadMillis > 0 && recvWindowMillis > 0, "auth expiry and receive window")
        self.restBaseURL = restBaseURL.hasSuffix("/") ? String(restBaseURL.dropLast()) : restBaseURL
        self.publicStream = publicStream
        self.privateStream = privateStream
        self.credentials = credentials
        self.privateTopics = privateTopics
        self.publicCategories = publicCategories
        self.heartbeatIntervalNanos = heartbeatIntervalNanos
        self.pongTimeoutNanos = pongTimeoutNanos
        self.authExpiryLeadMillis = authExpiryLeadMillis
        self.recvWindowMillis = recvWindowMillis
        self.inverseSettleCoins = inverseSettleCoins
        self.disconnectProtectionProducts = disconnectProtectionProducts
        self.disconnectProtectionWindowSeconds = disconnectProtectionWindowSeconds
        self.reconnect = reconnect
        self.requestTimeoutNanos = requestTimeoutNanos
        self.readyTimeoutNanos = readyTimeoutNanos
        self.rateLimiter = rateLimiter
        self.rateLimitPenaltyNanos = rateLimitPenaltyNanos
        self.maximumRateLimitRetries = maximumRateLimitRetries
        self.maximumRateLimitWaitNanos = maximumRateLimitWaitNanos
        self.healthPolicy = healthPolicy
        self.webSocket = webSocket
        self.clock = clock
    }

    /// The stream a link connects to.
    public func url(for link: BybitLink) -> WebSocketURL {
        switch link {
        case .account:
            return privateStream
        case .market(let market):
            let base = publicStream.target.hasSuffix("/") ? String(publicStream.target.dropLast()) : publicStream.target
            return WebSocketURL(
                isSecure: publicStream.isSecure,
                host: publicStream.host,
                port: publicStream.port,
                target: base + "/" + market.rawValue
            )
        }
    }

    /// Each link draws its backoff jitter from its own seed (the configured one plus the link's ordinal), so one
    /// link's reconnects do not shift another's delays and every link's schedule replays.
    public func reconnectPolicy(for link: BybitLink) -> ReconnectPolicy {
        var policy = reconnect
        policy.jitterSeed = reconnect.jitterSeed &+ link.ordinal
        return policy
    }
}
