public import LegateVenues

/// One JSON-RPC method call, before it has an id: what to call, with what, and how the rate limiter counts it.
public struct DeribitCall: Hashable, Sendable {
    public let method: String
    public let params: DeribitRPCValue
    public let requestClass: RequestClass

    public init(_ method: String, _ params: DeribitRPCValue = .object([]), requestClass: RequestClass) {
        self.method = method
        self.params = params
        self.requestClass = requestClass
    }

    public var isPrivate: Bool { method.hasPrefix("private/") }

    /// The text frame for request `id`. Private methods carry the connection's access token, where Deribit's
    /// WebSocket API documents it (`params.access_token`).
    public func frame(id: Int64, accessToken: String?) -> String {
        var params = params
        if isPrivate, let accessToken { params = params.adding("access_token", .string(accessToken)) }
        var text = #"{"jsonrpc":"2.0","id":"# + String(id) + #","method":"#
        DeribitRPCValue.writeString(method, into: &text)
        text += #","params":"#
        params.write(into: &text)
        text += "}"
        return text
    }
}
