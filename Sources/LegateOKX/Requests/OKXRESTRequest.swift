public import LegateCore
public import LegateVenues

/// One REST request, exactly as it goes on the wire: method, path (with query), body, and what it counts against.
public struct OKXRESTRequest: Hashable, Sendable {
    public let method: String
    /// The request path with its query string, as signed (`/api/v5/trade/order`).
    public let path: String
    /// The JSON body, byte for byte as signed; empty for GET.
    public let body: String
    /// The operation name when the same request is sent on the private WebSocket (`order`, `amend-order`, …).
    public let webSocketOp: String?
    public let requestClass: RequestClass
    /// The rate-limit key: the instrument (the instrument family for options), or nil for account-wide limits.
    public let rateKey: String?

    public init(
        method: String,
        path: String,
        body: String,
        webSocketOp: String? = nil,
        requestClass: RequestClass,
        rateKey: String? = nil
    ) {
        self.method = method
        self.path = path
        self.body = body
        self.webSocketOp = webSocketOp
        self.requestClass = requestClass
        self.rateKey = rateKey
    }

    /// The headers that authenticate this request at `instant`:
    /// `OK-ACCESS-SIGN = Base64(HMAC-SHA256(secret, timestamp + method + path + body))`.
    ///
    /// - Parameter simulated: Adds `x-simulated-trading: 1` for OKX's demo trading.
    /// - Throws: `OKXRequestError.missingPassphrase` for credentials without one.
    public func signedHeaders(
        credentials: VenueCredentials,
        at instant: UnixNanos,
        simulated: Bool = false
    ) throws(OKXRequestError) -> [OKXHeader] {
        guard let passphrase = credentials.passphrase else { throw .missingPassphrase }
        let timestamp = OKXSigning.timestamp(instant)
        let signature = OKXSigning.restSignature(
            secret: credentials.secret,
            timestamp: timestamp,
            method: method,
            requestPath: path,
            body: body
        )
        var headers = [
            OKXHeader(name: "OK-ACCESS-KEY", value: credentials.apiKey),
            OKXHeader(name: "OK-ACCESS-SIGN", value: signature),
            OKXHeader(name: "OK-ACCESS-TIMESTAMP", value: timestamp),
            OKXHeader(name: "OK-ACCESS-PASSPHRASE", value: passphrase),
            OKXHeader(name: "Content-Type", value: "application/json"),
        ]
        if simulated { headers.append(OKXHeader(name: "x-simulated-trading", value: "1")) }
        return headers
    }
}

/// An HTTP header; `description` hides the passphrase and signature so headers can be logged.
public struct OKXHeader: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    public let value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    public var description: String {
        name == "OK-ACCESS-PASSPHRASE" || name == "OK-ACCESS-SIGN" ? "\(name): (redacted)" : "\(name): \(value)"
    }
}
