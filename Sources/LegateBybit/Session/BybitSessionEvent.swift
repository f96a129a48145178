public import LegateCore
public import LegateModel
public import LegateSymbology
public import LegateTransport
public import LegateVenues

/// One of the session's WebSocket streams: the private one, or the public stream of a category.
public enum BybitLink: Hashable, Sendable, CustomStringConvertible {
    /// `/v5/private`: authenticated, our orders, executions, positions, wallet.
    case account
    /// `/v5/public/{category}`: books, tickers, trades.
    case market(Market)

    public var description: String {
        switch self {
        case .account: "private"
        case .market(let market): "public \(market.rawValue)"
        }
    }

    /// Fixed per link: seeds its jitter (`BybitSessionConfiguration.reconnectPolicy(for:)`).
    public var ordinal: UInt64 {
        switch self {
        case .account: 0
        case .market(let market): UInt64((Market.allCases.firstIndex(of: market) ?? 0) + 1)
        }
    }
}

/// A supervised link changed state.
public struct BybitLinkState: Hashable, Sendable {
    public let link: BybitLink
    public let state: ConnectionState

    public init(link: BybitLink, state: ConnectionState) {
        self.link = link
        self.state = state
    }
}

/// What the session did on its own, and account pushes that are not order reports: the protocol steps no
/// `VenueClient` stream shows, for logs, the portfolio and tests.
public enum BybitSessionEvent: Hashable, Sendable {
    /// `auth` succeeded on private connection `connection` (1-based, over the link's life).
    case authenticated(connection: Int)
    /// `auth` refused: Bybit's code and message.
    case authenticationRefused(connection: Int, code: Int, message: String)
    /// The venue confirmed these topics on a link.
    case subscribed(link: BybitLink, connection: Int, topics: [String])
    case subscriptionRefused(link: BybitLink, topics: [String], message: String)
    /// A ping went unanswered for the pong timeout; the connection is dropped and re-made.
    case heartbeatMissed(link: BybitLink, connection: Int)
    /// `/v5/order/disconnected-cancel-all` accepted for these products, and the `dcp` topic is kept subscribed.
    case disconnectProtectionArmed(windowSeconds: Int, products: [BybitDCPProduct])
    /// The `dcp` topic is no longer subscribed, so a drop no longer triggers DCP.
    case disconnectProtectionDisarmed
    /// `mmp-modify` accepted for `baseCoin` (or, with `isOff`, this session stopped flagging quotes `mmp`).
    case marketMakerProtectionSet(baseCoin: String, isOff: Bool)
    /// An option order cancelled `CancelByMmpTriggered`: Bybit's MMP pulled our protected quotes on the coin.
    case marketMakerProtectionTriggered(MarketMakerProtectionTrigger)
    /// 10006 or HTTP 429: nothing more is sent before `retryAt`, then `path` is retried.
    case rateLimited(path: String, retryAt: UnixNanos)
    /// A book lost its chain; the session re-subscribes `topic` for a fresh snapshot.
    case bookResync(topic: String, BookResync)
    /// A book message dropped (the book waits for a snapshot, or the message is stale).
    case bookDropped(topic: String, BookDrop)
    /// A `position` push, translated.
    case position(VenuePosition)
    /// A `wallet` push: each coin's balance, then the unified account's margin in USD.
    case balances([VenueBalance])
    /// An execution with what a fill alone does not say (kind, instrument, side); also executions of orders that
    /// are not ours (ADL, liquidation, delivery), which have no report.
    case execution(BybitExecution)
    /// A frame the session could not read or route (it is skipped).
    case unreadable(what: String, reason: String)
}
