public import LegateCore
public import LegateModel
public import LegateTransport
public import LegateVenues

/// Which of a session's two WebSockets a state or event is about.
public enum BinanceStreamKind: String, Hashable, Sendable {
    /// The combined market stream (books, marks, trades).
    case market
    /// The user-data stream on a listen key (our orders and account).
    case user
}

/// A connection state of one of the session's streams.
public struct BinanceStreamState: Hashable, Sendable {
    public let stream: BinanceStreamKind
    public let state: ConnectionState
}

/// What the session did on its own, for logs and tests: the protocol steps no `VenueClient` stream shows.
public enum BinanceSessionEvent: Hashable, Sendable {
    case listenKeyCreated(connection: Int, listenKey: String)
    case listenKeyKeptAlive(listenKey: String)
    /// Binance said the key expired: the user stream reconnects on a new one.
    case listenKeyExpired(listenKey: String)
    /// The venue confirmed these streams on market connection `connection`.
    case subscribed(connection: Int, streams: [String])
    /// A REST depth snapshot was asked for, to anchor `symbol`'s diff stream.
    case snapshotRequested(symbol: String)
    case bookResync(symbol: String, BookResync)
    case bookDropped(symbol: String, BookDrop)
    /// HTTP 429 (code -1003): nothing is sent before `retryAt`, then the request is retried.
    case rateLimited(path: String, retryAt: UnixNanos)
    /// HTTP 418: the IP is banned until `until`; REST calls fail at once until then.
    case banned(until: UnixNanos?)
    case deadManArmed(scope: String, countdownMillis: Int64)
    case deadManRefreshed(scopes: [String])
    case deadManDisarmed(scope: String)
    /// `mmpSet` accepted for `underlying` (or, with `isOff`, this session stopped flagging orders `isMmp`).
    case marketMakerProtectionSet(underlying: String, isOff: Bool)
    /// `GET /eapi/v1/mmp` reported a `lastTriggerTime` not seen before: Binance's MMP pulled our protected quotes (the
    /// options user stream has no event for it).
    case marketMakerProtectionTriggered(MarketMakerProtectionTrigger)
    /// A frame or answer the session could not read or route (it is skipped).
    case unreadable(what: String, reason: String)
}
