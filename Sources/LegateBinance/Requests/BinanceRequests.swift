public import LegateCore
public import LegateModel
import LegateSymbology
public import LegateVenues

/// A signed REST request: the query string holds the parameters in order, then `recvWindow`, `timestamp` and
/// `signature`; it is sent as the URL's query (Binance signs and checks those exact bytes). The API key goes in the
/// `X-MBX-APIKEY` header (`BinanceRequests.headers`).
public struct BinanceRESTRequest: Hashable, Sendable {
    public let method: String
    public let path: String
    public let query: String

    public init(method: String, path: String, query: String) {
        self.method = method
        self.path = path
        self.query = query
    }
}

/// Why a Binance request could not be built: nothing is rounded or guessed, the request is refused.
public enum BinanceRequestError: Error, Hashable, Sendable, CustomStringConvertible {
    case instrumentMismatch(symbol: String, reason: String)
    case notTradable(symbol: String, state: ListingState)
    case size(symbol: String, SpecViolation)
    case price(symbol: String, SpecViolation)
    /// Price times size is below the symbol's minimum notional (`MIN_NOTIONAL`/`NOTIONAL`).
    case belowMinimumNotional(symbol: String, notional: Money, minimum: Money)
    /// Binance (or this adapter) does not take this: a USD or IV price, good-till-date, reduce-only on spot, …
    case unsupported(what: String, reason: String)
    /// Binance's rule for client ids: 1 to 36 of `A-Z a-z 0-9 . : / _ -`.
    case invalidClientOrderID(OrderID, reason: String)
    case outOfRange(what: String, value: String, allowed: String)

    public var description: String {
        switch self {
        case .instrumentMismatch(let symbol, let reason): "binance request for \(symbol): \(reason)"
        case .notTradable(let symbol, let state): "binance \(symbol) is not tradable (\(state.rawValue))"
        case .size(let symbol, let violation): "binance \(symbol): \(violation)"
        case .price(let symbol, let violation): "binance \(symbol): \(violation)"
        case .belowMinimumNotional(let symbol, let notional, let minimum):
            "binance \(symbol): notional \(notional) is below the minimum \(minimum)"
        case .unsupported(let what, let reason): "binance does not support \(what): \(reason)"
        case .invalidClientOrderID(let id, let reason): "binance client order id \(id): \(reason)"
        case .outOfRange(let what, let value, let allowed): "binance \(what) \(value) is outside \(allowed)"
        }
    }
}

/// Pure builders of Binance spot (`api/v3`) and USD-M (`fapi/v1`) requests from the model. Sizes and prices are
/// checked against the spec and written exactly; anything off the lot or tick is refused, never rounded. A market
/// order goes out as a `LIMIT` at its protection price with `IOC`.
public enum BinanceRequests {
    /// A signed query: `params`, then `recvWindow` and `timestamp`, then `signature` = hex(HMAC-SHA256(secret, all
    /// that precedes it)).
    public static func signedQuery(
        _ params: [(String, String)],
        credentials: VenueCredentials,
        timestampMillis: Int64,
        recvWindowMillis: Int64 = 5_000
    ) -> String {
        let all = params + [("recvWindow", String(recvWindowMillis)), ("timestamp", String(timestampMillis))]
        return BinanceSigning.signedQuery(all, secret: credentials.secret)
    }

    /// A signed request: `params` with `recvWindow` and `timestamp`, signed, in the query.
    static func signedRequest(
        _ method: String,
        _ path: String,
        _ params: [(String, String)],
        credentials: VenueCredentials,
        timestampMillis: Int64,
        recvWindowMillis: Int64
    ) -> BinanceRESTRequest {
        let query = signedQuery(
            params,
            credentials: credentials,
            timestampMillis: timestampMillis,
            recvWindowMillis: recvWindowMillis
        )
        return BinanceRESTRequest(method: method, path: path, query: query)
    }

    /// The header every signed (and user-stream) request carries.
    public static func headers(credentials: VenueCredentials) -> [(name: String, value: String)] {
        [(name: "X-MBX-APIKEY", value: credentials.apiKey)]
    }

    /// `POST /api/v3/order` or `POST /fapi/v1/order`; our order id is `newClientOrderId`. Post-only is `LIMIT_MAKER`
    /// on spot and `timeInForce=GTX` on futures; reduce-only exists on futures only.
    public static func place(
        orderID: OrderID,
        request: OrderRequest,
        spec: InstrumentSpec,
        credentials: VenueCredentials,
        timestampMillis: Int64,
        recvWindowMillis: Int64 = 5_000
    ) throws(BinanceRequestError) -> BinanceRESTRequest {
        let path = try orderPath(spec)
        try check(spec: spec, request: request)
        try checkClientID(orderID)
        let isSpot = spec.instrument.kind == .spot
        var params: [(String, String)] = [("symbol", spec.symbol), ("side", sideText(request.side))]
        params += try limitTerms(request, spec: spec, isSpot: isSpot)
        params.append(("newClientOrderId", orderID.rawValue))
        if request.flags.reduceOnly {
            guard !isSpot else { throw .unsupported(what: "reduce-only on spot", reason: "spot has no positions") }
            params.append(("reduceOnly", "true"))
        }
        return signedRequest(
            "POST",
            path,
            params,
            credentials: credentials,
            timestampMillis: timestampMillis,
            recvWindowMillis: recvWindowMillis
        )
    }

    /// `DELETE /api/v3/order` or `DELETE /fapi/v1/order`, by Binance's order id when known, else by ours.
    public static func cancel(
        orderID: OrderID,
        venueOrderID: VenueOrderID?,
        spec: InstrumentSpec,
        credentials: VenueCredentials,
        timestampMillis: Int64,
        recvWindowMillis: Int64 = 5_000
    ) throws(BinanceRequestError) -> BinanceRESTRequest {
        var params = [("symbol", spec.symbol)]
        if let venueOrderID {
            params.append(("orderId", venueOrderID.rawValue))
        } else {
            try checkClientID(orderID)
            params.append(("origClientOrderId", orderID.rawValue))
        }
        return signedRequest(
            "DELETE",
            try orderPath(spec),
            params,
            credentials: credentials,
            timestampMillis: timestampMillis,
            recvWindowMillis: recvWindowMillis
        )
    }

    /// Every open order of one symbol: `DELETE /api/v3/openOrders` or `DELETE /fapi/v1/allOpenOrders` (Binance
    /// cancels per symbol; a wider scope is one of these per symbol).
    public static func cancelAll(
        spec: InstrumentSpec,
        credentials: VenueCredentials,
        timestampMillis: Int64,
        recvWindowMillis: Int64 = 5_000
    ) throws(BinanceRequestError) -> BinanceRESTRequest {
        let path: String
        switch Market.of(spec.instrument) {
        case .spot: path = "/api/v3/openOrders"
        case .linear: path = "/fapi/v1/allOpenOrders"
        default: throw .unsupported(what: "\(spec.symbol)", reason: "this adapter speaks spot and USD-M only")
        }
        return signedRequest(
            "DELETE",
            path,
            [("symbol", spec.symbol)],
            credentials: credentials,
            timestampMillis: timestampMillis,
            recvWindowMillis: recvWindowMillis
        )
    }

    /// The USD-M dead-man switch: `POST /fapi/v1/countdownCancelAll` cancels the symbol's orders unless called
    /// again within `countdownMillis` (0 switches it off). Spot has no such switch.
    public static func countdownCancelAll(
        spec: InstrumentSpec,
        countdownMillis: Int64,
        credentials: VenueCredentials,
        timestampMillis: Int64,
        recvWindowMillis: Int64 = 5_000
    ) throws(BinanceRequestError) -> BinanceRESTRequest {
        guard Market.of(spec.instrument) == .linear else {
            throw .unsupported(what: "countdownCancelAll on \(spec.symbol)", reason: "USD-M futures only")
        }
        guard countdownMillis >= 0 else {
            throw .outOfRange(what: "countdown", value: "\(countdownMillis) ms", allowed: "0 (off) or more")
        }
        return signedRequest(
            "POST",
            "/fapi/v1/countdownCancelAll",
            [("symbol", spec.symbol), ("countdownTime", String(countdownMillis))],
            credentials: credentials,
            timestampMillis: timestampMillis,
            recvWindowMillis: recvWindowMillis
        )
    }
}
