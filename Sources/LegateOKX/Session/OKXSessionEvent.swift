public import LegateCore
public import LegateModel
public import LegateVenues

/// Which of OKX's two WebSockets something happened on.
public enum OKXSocket: String, Hashable, Sendable {
    case `public`
    case `private`
}

/// What the session did on its own, for logs and tests: the protocol steps no `VenueClient` stream shows.
public enum OKXSessionEvent: Hashable, Sendable {
    /// `login` succeeded on connection `connection` (1-based, over the session's life).
    case loggedIn(connection: Int)
    /// OKX refused the login (`60009` login failed, `50113` bad signature, …).
    case loginRefused(connection: Int, code: String, message: String)
    /// OKX confirmed a subscription.
    case subscribed(connection: Int, socket: OKXSocket, channel: String, instrument: String?)
    /// OKX refused a subscription (an error event naming its arg).
    case subscriptionRefused(socket: OKXSocket, code: String, message: String)
    /// A text `ping` went out on an idle socket; `pongReceived` when OKX answered.
    case pingSent(connection: Int, socket: OKXSocket)
    case pongReceived(connection: Int, socket: OKXSocket)
    /// No `pong` came in time: the connection is given up and the supervisor reconnects.
    case heartbeatMissed(connection: Int, socket: OKXSocket)
    /// HTTP 429 or OKX `50011`: nothing is sent before `retryAt`, then `path` is retried.
    case rateLimited(path: String, retryAt: UnixNanos)
    /// A book lost its chain or failed OKX's checksum; the session re-subscribes it for a fresh snapshot.
    case bookResync(instrument: String, BookResync)
    /// A book message dropped because the book waits for a snapshot or the message is stale.
    case bookDropped(instrument: String, BookDrop)
    /// `cancel-all-after` armed (or refreshed) with `seconds`; 0 when disarmed.
    case deadManSwitch(seconds: Int)
    /// `mmp-config` accepted for `family` (or, with `isOff`, this session stopped sending the MMP order types).
    case marketMakerProtectionSet(family: String, isOff: Bool)
    /// An `orders` push in state `mmp_canceled`: OKX's MMP pulled our protected quotes on the family and freezes it.
    case marketMakerProtectionTriggered(MarketMakerProtectionTrigger)
    /// A frame the session could not read or route (it is skipped).
    case unreadable(what: String, reason: String)
    /// Instruments of a listing that did not translate (the rest were returned).
    case instrumentsRefused(count: Int, first: String)
}
