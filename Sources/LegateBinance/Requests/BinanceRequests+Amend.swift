public import LegateCore
public import LegateModel
import LegateSymbology
public import LegateVenues

/// Amending a resting order. USD-M modifies it in place (`PUT /fapi/v1/order`; it loses its queue place); spot has
/// no general amend, so it cancels and places again in one request (`POST /api/v3/order/cancelReplace`); options
/// (`eapi`) have neither. Sizes and prices are checked and written exactly as for a new order.
extension BinanceRequests {
    /// `PUT /fapi/v1/order {symbol, orderId|origClientOrderId, side, quantity, price}`: Binance requires both size
    /// and price, and the side of the order being changed.
    public static func amend(
        _ change: BinanceOrderChange,
        credentials: VenueCredentials,
        timestampMillis: Int64,
        recvWindowMillis: Int64 = 5_000
    ) throws(BinanceRequestError) -> BinanceRESTRequest {
        let spec = change.spec
        guard Market.of(spec.instrument) == .linear else {
            throw .unsupported(what: "amend on \(spec.symbol)", reason: "only USD-M futures modify orders in place")
        }
        try check(spec: spec, request: change.resized)
        let limit = try limitPrice(change.kind, spec: spec)
        let size = try size(change.quantity, spec: spec)
        try checkNotional(price: limit, quantity: change.quantity, spec: spec)
        var params = [("symbol", spec.symbol)]
        params.append(
            try reference(change.orderID, change.venueOrderID, byVenue: "orderId", byClient: "origClientOrderId")
        )
        params += [
            ("side", sideText(change.original.side)), ("quantity", size),
            ("price", limit.decimal.normalized.description),
        ]
        return signedRequest(
            "PUT",
            "/fapi/v1/order",
            params,
            credentials: credentials,
            timestampMillis: timestampMillis,
            recvWindowMillis: recvWindowMillis
        )
    }

    /// `POST /api/v3/order/cancelReplace` with `cancelReplaceMode=STOP_ON_FAILURE` (when the cancel fails, nothing is
    /// placed). The replacement keeps our order id as `newClientOrderId`, so its events still name our order.
    public static func cancelReplace(
        _ change: BinanceOrderChange,
        credentials: VenueCredentials,
        timestampMillis: Int64,
        recvWindowMillis: Int64 = 5_000
    ) throws(BinanceRequestError) -> BinanceRESTRequest {
        let spec = change.spec
        guard Market.of(spec.instrument) == .spot else {
            throw .unsupported(what: "cancel-replace on \(spec.symbol)", reason: "a spot endpoint")
        }
        let replacement = change.resized
        try check(spec: spec, request: replacement)
        try checkClientID(change.orderID)
        var params = [("symbol", spec.symbol), ("side", sideText(change.original.side))]
        params += try limitTerms(replacement, spec: spec, isSpot: true)
        params.append(("cancelReplaceMode", "STOP_ON_FAILURE"))
        params.append(
            try reference(
                change.orderID,
                change.venueOrderID,
                byVenue: "cancelOrderId",
                byClient: "cancelOrigClientOrderId"
            )
        )
        params.append(("newClientOrderId", change.orderID.rawValue))
        return signedRequest(
            "POST",
            "/api/v3/order/cancelReplace",
            params,
            credentials: credentials,
            timestampMillis: timestampMillis,
            recvWindowMillis: recvWindowMillis
        )
    }

    /// The order a request names: Binance's id when known (it prevails), else ours.
    static func reference(
        _ orderID: OrderID,
        _ venueOrderID: VenueOrderID?,
        byVenue: String,
        byClient: String
    ) throws(BinanceRequestError) -> (String, String) {
        if let venueOrderID { return (byVenue, venueOrderID.rawValue) }
        try checkClientID(orderID)
        return (byClient, orderID.rawValue)
    }

    static func sideText(_ side: OrderSide) -> String { side == .buy ? "BUY" : "SELL" }

    /// `type`, `timeInForce`, `quantity` and `price` of a limit order (a market order at its protection price, IOC);
    /// post-only is `LIMIT_MAKER` on spot and `GTX` on futures.
    static func limitTerms(
        _ request: OrderRequest,
        spec: InstrumentSpec,
        isSpot: Bool
    ) throws(BinanceRequestError) -> [(String, String)] {
        let limit = try limitPrice(request.kind, spec: spec)
        var terms: [(String, String)]
        if request.flags.postOnly && isSpot {
            terms = [("type", "LIMIT_MAKER")]
        } else {
            terms = [("type", "LIMIT"), ("timeInForce", try timeInForce(request, symbol: spec.symbol))]
        }
        let quantity = try size(request.quantity, spec: spec)
        try checkNotional(price: limit, quantity: request.quantity, spec: spec)
        terms += [("quantity", quantity), ("price", limit.decimal.normalized.description)]
        return terms
    }
}

/// What an amend asks of a resting order: which order (ours, and Binance's id when known), the order as placed, and
/// its new size and limit, checked against `spec`. One value for the USD-M amend and the spot cancel-replace.
public struct BinanceOrderChange: Hashable, Sendable {
    public let orderID: OrderID
    public let venueOrderID: VenueOrderID?
    public let original: OrderRequest
    public let quantity: Quantity
    public let kind: OrderKind
    public let spec: InstrumentSpec

    public init(
        orderID: OrderID,
        venueOrderID: VenueOrderID?,
        original: OrderRequest,
        quantity: Quantity,
        kind: OrderKind,
        spec: InstrumentSpec
    ) {
        self.orderID = orderID
        self.venueOrderID = venueOrderID
        self.original = original
        self.quantity = quantity
        self.kind = kind
        self.spec = spec
    }

    /// The order as it will be once changed.
    public var resized: OrderRequest { original.resized(quantity: quantity, kind: kind) }
}

extension OrderRequest {
    /// The same order with a new size and limit: what an amend asks for.
    func resized(quantity: Quantity, kind: OrderKind) -> OrderRequest {
        OrderRequest(
            clientOrderID: clientOrderID,
            account: account,
            venue: venue,
            instrument: instrument,
            side: side,
            quantity: quantity,
            kind: kind,
            timeInForce: timeInForce,
            flags: flags
        )
    }
}
