public import LegateCore
public import LegateModel
public import LegateVenues

/// What the session did on its own, for logs and tests: the protocol steps no `VenueClient` stream shows.
public enum DeribitSessionEvent: Hashable, Sendable {
    /// `public/auth` succeeded on connection `connection` (1-based, over the session's life).
    case authenticated(connection: Int, scope: String)
    case authenticationRefused(connection: Int, code: Int, message: String)
    case tokenRefreshed(connection: Int)
    /// The venue confirmed these channels.
    case subscribed(connection: Int, channels: [String])
    case cancelOnDisconnectArmed(connection: Int)
    /// Market-maker protection was set (or, with `isOff`, removed) for `index`.
    case marketMakerProtectionSet(index: String, isOff: Bool)
    /// `user.mmp_trigger.{index}`: the venue pulled our protected quotes on the index (of the trigger's group, for
    /// mass quotes) and freezes them until the trigger's end, or until reset.
    case marketMakerProtectionTriggered(MarketMakerProtectionTrigger)
    /// A heartbeat `test_request` was answered with `public/test`.
    case heartbeatAnswered(connection: Int)
    /// 10028 `too_many_requests`: nothing is sent before `retryAt`, then `method` is retried.
    case rateLimited(method: String, retryAt: UnixNanos)
    /// A book lost its chain; the session re-subscribes `channel` for a fresh snapshot.
    case bookResync(channel: String, BookResync)
    /// A book message dropped because the book waits for a snapshot or the message is stale.
    case bookDropped(channel: String, BookDrop)
    /// A frame the session could not read or route (it is skipped).
    case unreadable(what: String, reason: String)
    /// Instruments of a listing that did not translate (the rest were returned).
    case instrumentsRefused(count: Int, first: String)
}
