/// A `ws://` or `wss://` address split into what the connection needs: TLS or not, host, port and request target.
public struct WebSocketURL: Hashable, Sendable, CustomStringConvertible {
    public let isSecure: Bool
    public let host: String
    public let port: Int
    /// Path and query, at least `/`.
    public let target: String

    public init(isSecure: Bool, host: String, port: Int, target: String = "/") {
        self.isSecure = isSecure
        self.host = host
        self.port = port
        self.target = target.hasPrefix("/") ? target : "/" + target
    }

    /// Parses `ws[s]://host[:port][/path][?query]`; IPv6 hosts in brackets.
    ///
    /// - Throws: `TransportError.invalidURL` for another scheme, an empty host or a bad port.
    public init(parsing text: String) throws(TransportError) {
        let secure: Bool
        let rest: Substring
        if text.hasPrefix("wss://") {
            secure = true
            rest = text.dropFirst(6)
        } else if text.hasPrefix("ws://") {
            secure = false
            rest = text.dropFirst(5)
        } else {
            throw .invalidURL(text, reason: "the scheme must be ws:// or wss://")
        }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        let target = rest[authorityEnd...]
        let (host, port) = try Self.split(authority: authority, defaultPort: secure ? 443 : 80, in: text)
        self.init(
            isSecure: secure,
            host: host,
            port: port,
            target: target.isEmpty ? "/" : (target.hasPrefix("?") ? "/" + target : String(target))
        )
    }

    private static func split(
        authority: Substring,
        defaultPort: Int,
        in text: String
    ) throws(TransportError) -> (String, Int) {
        var host = authority
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw .invalidURL(text, reason: "unclosed [") }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        }
        guard !host.isEmpty else { throw .invalidURL(text, reason: "no host") }
        guard let portText else { return (String(host), defaultPort) }
        guard let port = Int(portText), (1...65_535).contains(port) else {
            throw .invalidURL(text, reason: "port \(portText) is not in 1...65535")
        }
        return (String(host), port)
    }

    /// Whether the host is an IPv4 or IPv6 literal rather than a name.
    ///
    /// TLS must not send an address as the server name (SNI carries names only, and NIOSSL refuses one); the
    /// certificate is then checked against the address connected to.
    public var hostIsAddressLiteral: Bool {
        if host.contains(":") { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in UInt8(part) != nil && part.count <= 3 }
    }

    /// The `Host` header value.
    var hostHeader: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == (isSecure ? 443 : 80) ? name : "\(name):\(port)"
    }

    public var description: String { "\(isSecure ? "wss" : "ws")://\(hostHeader)\(target)" }
}
