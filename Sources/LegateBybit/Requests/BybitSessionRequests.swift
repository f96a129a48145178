import LegateModel
import LegateSymbology
public import LegateVenues

/// Which orders Bybit's disconnect protection (DCP) cancels.
public enum BybitDCPProduct: String, Hashable, Sendable, CaseIterable {
    case options = "OPTIONS"
    case derivatives = "DERIVATIVES"
    case spot = "SPOT"
}

extension BybitRequests {
    /// `POST /v5/order/disconnected-cancel-all`: cancel `product`'s orders when the private WebSocket has been gone
    /// for `timeWindowSeconds` (3 to 300). DCP must also be enabled for the account and the `dcp` topic subscribed.
    public static func disconnectProtection(
        product: BybitDCPProduct,
        timeWindowSeconds: Int
    ) throws(BybitRequestError) -> BybitRESTRequest {
        guard (3...300).contains(timeWindowSeconds) else {
            throw .outOfRange(what: "DCP time window", value: "\(timeWindowSeconds) s", allowed: "3...300 s")
        }
        var body = JSONObjectWriter()
        body.string("product", product.rawValue)
        body.raw("timeWindow", String(timeWindowSeconds))
        return BybitRESTRequest(method: "POST", path: "/v5/order/disconnected-cancel-all", payload: body.text)
    }

    /// The public topic of a subscription: `orderbook.{depth}.{symbol}`, `publicTrade.{symbol}`, `tickers.{symbol}`
    /// (funding arrives on the tickers of perpetuals and futures).
    public static func topic(_ subscription: MarketDataSubscription) throws(BybitRequestError) -> String {
        let instrument = subscription.instrument
        let name = try symbol(instrument)
        let category = Market.of(instrument)
        switch subscription.channel {
        case .book(let depth):
            let depths = category == .option ? [25, 100] : [1, 50, 200, 1000]
            let chosen = depth ?? (category == .option ? 25 : 50)
            guard depths.contains(chosen) else {
                throw .outOfRange(what: "\(category) book depth", value: "\(chosen)", allowed: "\(depths)")
            }
            return "orderbook.\(chosen).\(name)"
        case .trades:
            return "publicTrade.\(name)"
        case .ticker:
            return "tickers.\(name)"
        case .funding:
            guard category == .linear || category == .inverse else {
                throw .unsupported(what: "funding on \(name)", reason: "only perpetuals and futures have funding")
            }
            return "tickers.\(name)"
        }
    }

    /// `{"req_id":…,"op":"subscribe","args":[topics…]}`.
    public static func subscribe(topics: [String], requestID: String) -> String {
        var message = JSONObjectWriter()
        message.string("req_id", requestID)
        message.string("op", "subscribe")
        message.raw("args", JSONObjectWriter.array(topics))
        return message.text
    }

    /// The private WebSocket's `auth` message: `["apiKey", expires, hex(HMAC-SHA256(secret, "GET/realtime" +
    /// expires))]`, with `expires` a millisecond time a few seconds ahead.
    public static func authentication(credentials: VenueCredentials, expiresMillis: Int64) -> String {
        let signature = BybitSigning.websocketAuthSignature(secret: credentials.secret, expiresMillis: expiresMillis)
        let args =
            "[" + JSONObjectWriter.quoted(credentials.apiKey) + "," + String(expiresMillis) + ","
            + JSONObjectWriter.quoted(signature) + "]"
        var message = JSONObjectWriter()
        message.string("op", "auth")
        message.raw("args", args)
        return message.text
    }

    /// The REST headers of a signed request: `X-BAPI-SIGN` is hex(HMAC-SHA256(secret, timestamp + apiKey +
    /// recvWindow + payload)), the payload being the body of a POST or the query string of a GET.
    public static func headers(
        for request: BybitRESTRequest,
        credentials: VenueCredentials,
        timestampMillis: Int64,
        recvWindowMillis: Int64 = 5_000
    ) -> [(name: String, value: String)] {
        let signature = BybitSigning.restSignature(
            secret: credentials.secret,
            timestampMillis: timestampMillis,
            apiKey: credentials.apiKey,
            recvWindowMillis: recvWindowMillis,
            payload: request.payload
        )
        var headers = [
            (name: "X-BAPI-API-KEY", value: credentials.apiKey),
            (name: "X-BAPI-TIMESTAMP", value: String(timestampMillis)),
            (name: "X-BAPI-RECV-WINDOW", value: String(recvWindowMillis)),
            (name: "X-BAPI-SIGN", value: signature),
        ]
        if request.method == "POST" { headers.append((name: "Content-Type", value: "application/json")) }
        return headers
    }
}
