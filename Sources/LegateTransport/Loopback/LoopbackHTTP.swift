/// An HTTP request as a `LoopbackServer` handler sees it: whole, body included.
public struct LoopbackHTTPRequest: Sendable {
    public let method: String
    /// Path and query as sent.
    public let target: String
    public let headers: [(name: String, value: String)]
    public let body: [UInt8]

    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// What a `LoopbackServer` handler answers; `Content-Length` is added.
public struct LoopbackHTTPResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int = 200, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public init(status: Int = 200, headers: [(name: String, value: String)] = [], text: String) {
        self.init(status: status, headers: headers, body: Array(text.utf8))
    }
}

/// One accepted WebSocket on a `LoopbackServer`: which connection of the server's life it is, what it asked for, and
/// the connection itself (the server's frames are unmasked, as RFC 6455 requires). Returning from the handler drops
/// the connection without a close frame; `connection.outbound.close(code:)` closes it properly.
public struct LoopbackWebSocketSession: Sendable {
    /// 1 for the first WebSocket the server accepted, counting up.
    public let number: Int
    /// The upgrade request's path and query.
    public let target: String
    public let connection: WebSocketConnection
}
