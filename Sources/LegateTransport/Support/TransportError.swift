public import LegateCore
public import LegateModel
public import LegateVenues

/// Why a connection or request failed, said with where (URL, host, operation).
///
/// Venue-neutral: an adapter turns it into a `VenueError` for its venue with `venueError(_:)`.
public enum TransportError: Error, Hashable, Sendable, CustomStringConvertible {
    case invalidURL(String, reason: String)
    case connectFailed(host: String, port: Int, reason: String)
    /// The TLS handshake failed: an untrusted or expired certificate, a name that does not match, no common cipher.
    case tlsFailed(host: String, port: Int, reason: String)
    /// The server answered the WebSocket upgrade request without upgrading.
    case upgradeRejected(url: String, reason: String)
    /// The peer closed the WebSocket with a close frame.
    case closed(code: Int?, reason: String)
    /// The connection ended without a close frame (reset, dropped, protocol error).
    case connectionLost(reason: String)
    /// Sending on a connection that is closing or closed.
    case notConnected(operation: String)
    case timeout(operation: String, afterNanos: Int64)
    /// HTTP 429 (too many requests) or 418 (Binance: banned after ignoring 429s); `retryAt` from `Retry-After`.
    case rateLimited(status: Int, url: String, retryAt: UnixNanos?, body: String)
    case requestFailed(url: String, reason: String)

    public var description: String {
        switch self {
        case .invalidURL(let url, let reason): "invalid URL \(url): \(reason)"
        case .connectFailed(let host, let port, let reason): "could not connect to \(host):\(port): \(reason)"
        case .tlsFailed(let host, let port, let reason): "TLS handshake with \(host):\(port) failed: \(reason)"
        case .upgradeRejected(let url, let reason): "\(url) refused the WebSocket upgrade: \(reason)"
        case .closed(let code, let reason): "closed by the peer (code \(code.map(String.init) ?? "none")): \(reason)"
        case .connectionLost(let reason): "connection lost: \(reason)"
        case .notConnected(let operation): "\(operation) on a closed connection"
        case .timeout(let operation, let after): "\(operation) timed out after \(after) ns"
        case .rateLimited(let status, let url, let retryAt, _):
            "HTTP \(status) rate limit from \(url)" + (retryAt.map { "; retry at \($0)" } ?? "")
        case .requestFailed(let url, let reason): "request to \(url) failed: \(reason)"
        }
    }

    /// The same failure as a venue's operating error.
    public func venueError(_ venue: Venue) -> VenueError {
        switch self {
        case .rateLimited(let status, _, let retryAt, let body):
            .rateLimited(venue: venue, retryAt: retryAt, message: "HTTP \(status): \(body)")
        case .timeout(let operation, let after): .timeout(venue: venue, operation: operation, afterNanos: after)
        case .invalidURL, .connectFailed, .tlsFailed, .upgradeRejected, .closed, .connectionLost, .notConnected,
            .requestFailed:
            .disconnected(venue: venue, reason: description)
        }
    }
}
