/// One whole message from the peer (fragments already joined). Pings are answered before anyone sees them.
public enum WebSocketMessage: Hashable, Sendable {
    case text(String)
    case binary([UInt8])
    /// The answer to one of our pings, with its payload (a timestamp, for latency).
    case pong([UInt8])
}

/// The standard close codes Legate sends and reads (RFC 6455 §7.4.1).
public enum WebSocketCloseCode {
    public static let normal = 1000
    public static let goingAway = 1001
    public static let protocolError = 1002
    public static let messageTooBig = 1009
    public static let internalError = 1011
}
