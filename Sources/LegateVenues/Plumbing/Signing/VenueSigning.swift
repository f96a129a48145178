public import LegateCore

/// Deribit API v2 signatures (`public/auth` with `grant_type: client_signature`, and the HTTP `deri-hmac-sha256`
/// header).
///
/// `StringToSign = Timestamp + "\n" + Nonce + "\n" + Data`, `Signature = hex(HMAC-SHA256(ClientSecret, StringToSign))`;
/// for HTTP, `Data = UPPERCASE(method) + "\n" + URI (with query) + "\n" + Body + "\n"`.
public enum DeribitSigning {
    public static func clientSignature(secret: String, timestampMillis: Int64, nonce: String, data: String) -> String {
        HMACSigner.hex(secret: secret, message: "\(timestampMillis)\n\(nonce)\n\(data)")
    }

    /// The `Authorization` header value for an HTTP request signed without a token.
    public static func httpAuthorization(
        credentials: VenueCredentials,
        timestampMillis: Int64,
        nonce: String,
        method: String,
        uri: String,
        body: String
    ) -> String {
        let data = "\(method.uppercased())\n\(uri)\n\(body)\n"
        let signature = clientSignature(
            secret: credentials.secret,
            timestampMillis: timestampMillis,
            nonce: nonce,
            data: data
        )
        return "deri-hmac-sha256 id=\(credentials.apiKey),ts=\(timestampMillis),sig=\(signature),nonce=\(nonce)"
    }
}

/// OKX v5 signatures: `Base64(HMAC-SHA256(secret, timestamp + METHOD + requestPath + body))`.
///
/// REST uses an ISO-8601 millisecond UTC timestamp (`2020-12-08T09:08:57.715Z`) and the path with its query string;
/// the WebSocket login signs `timestamp + "GET" + "/users/self/verify"` with the timestamp in seconds.
public enum OKXSigning {
    public static func restSignature(
        secret: String,
        timestamp: String,
        method: String,
        requestPath: String,
        body: String
    ) -> String {
        HMACSigner.base64(secret: secret, message: timestamp + method.uppercased() + requestPath + body)
    }

    public static func websocketLoginSignature(secret: String, timestampSeconds: Int64) -> String {
        HMACSigner.base64(secret: secret, message: "\(timestampSeconds)GET/users/self/verify")
    }

    /// `OK-ACCESS-TIMESTAMP`: ISO 8601 with milliseconds, UTC.
    public static func timestamp(_ instant: UnixNanos) -> String {
        let millis = instant.rawValue / 1_000_000 * 1_000_000
        let date = CivilDate(unixNanos: UnixNanos(millis))
        let millisOfDay = (millis - date.unixNanos.rawValue) / 1_000_000
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        let seconds = millisOfDay / 1000
        return "\(date)T\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2))."
            + "\(pad(millisOfDay % 1000, 3))Z"
    }
}

/// Bybit v5 signatures: REST `hex(HMAC-SHA256(secret, timestamp + apiKey + recvWindow + payload))`, where the payload
/// is the query string for GET and the raw JSON body for POST; WebSocket auth signs `"GET/realtime" + expires`.
public enum BybitSigning {
    public static func restSignature(
        secret: String,
        timestampMillis: Int64,
        apiKey: String,
        recvWindowMillis: Int64,
        payload: String
    ) -> String {
        HMACSigner.hex(secret: secret, message: "\(timestampMillis)\(apiKey)\(recvWindowMillis)\(payload)")
    }

    public static func websocketAuthSignature(secret: String, expiresMillis: Int64) -> String {
        HMACSigner.hex(secret: secret, message: "GET/realtime\(expiresMillis)")
    }
}

/// Binance signatures (spot, USD-M futures, options `eapi`): `hex(HMAC-SHA256(secret, totalParams))`, where
/// `totalParams` is the query string followed by the form body, and the result goes in a `signature` parameter.
public enum BinanceSigning {
    public static func signature(secret: String, totalParams: String) -> String {
        HMACSigner.hex(secret: secret, message: totalParams)
    }

    /// `params` joined in the given order as `k=v&…`, with `&signature=…` appended.
    ///
    /// Values are used as given: the caller percent-encodes them, and the venue verifies the same bytes.
    public static func signedQuery(_ params: [(String, String)], secret: String) -> String {
        let query = params.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
        return query + "&signature=" + signature(secret: secret, totalParams: query)
    }
}
