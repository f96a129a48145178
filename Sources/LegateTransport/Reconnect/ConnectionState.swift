/// Where a supervised connection is, as a stream of values for health, the dashboard and tests.
public enum ConnectionState: Hashable, Sendable, CustomStringConvertible {
    /// Opening a connection; `failures` is how many attempts in a row have failed before this one.
    case connecting(failures: Int)
    /// Connected and through the session's on-connect steps (authenticated, subscribed): usable.
    case ready
    case disconnected(reason: String)
    /// Waiting `delayNanos` before the next attempt; the delay was drawn for backoff attempt `attempt` (0-based), so
    /// it lies in `0...backoff.ceiling(attempt: attempt)`.
    case waiting(attempt: Int, delayNanos: Int64)
    /// The supervisor stopped (cancelled, or gave up) and will not reconnect.
    case stopped(reason: String)

    public var description: String {
        switch self {
        case .connecting(let failures): "connecting (\(failures) failures before)"
        case .ready: "ready"
        case .disconnected(let reason): "disconnected: \(reason)"
        case .waiting(let attempt, let delay): "waiting \(delay) ns before attempt \(attempt + 1)"
        case .stopped(let reason): "stopped: \(reason)"
        }
    }
}
