public import LegateCore
public import LegateModel
import LegateVenues

/// Pure builders of OKX order requests from the model's commands and the instrument's spec.
///
/// Sizes: the model's quantity (in the spec's contract unit) must be a whole number of lots and at least the
/// minimum; it is then divided by the contract multiplier into OKX contracts, exactly. Anything else is refused with
/// `OKXRequestError`, never rounded. Prices: a quote price must be on the tick; a USD or implied-vol price goes as
/// `pxUsd` / `pxVol` (options only; `pxVol` is a fraction, 0.55 = 55%, as OKX and the model's tickers write vols).
/// Nitro spreads (combo specs) go to the `sprd` endpoints, sized in the spread's `szCcy`.
public enum OKXRequests {
    /// The request for a command on the order's instrument.
    public static func request(
        for command: VenueCommand,
        spec: InstrumentSpec,
        options: OKXOrderOptions = OKXOrderOptions()
    ) throws(OKXRequestError) -> OKXRESTRequest {
        switch command {
        case .place(let orderID, let request):
            return try place(orderID: orderID, request: request, spec: spec, options: options)
        case .amend(let orderID, let venue, let venueOrderID, let quantity, let kind):
            try check(venue: venue, spec: spec, what: "amend of \(orderID)")
            return try amend(orderID: orderID, venueOrderID: venueOrderID, quantity: quantity, kind: kind, spec: spec)
        case .cancel(let orderID, let venue, let venueOrderID):
            try check(venue: venue, spec: spec, what: "cancel of \(orderID)")
            return try cancel(orderID: orderID, venueOrderID: venueOrderID, spec: spec)
        }
    }

    /// `POST /api/v5/trade/order` (or `/api/v5/sprd/order` for a spread); our order id is the `clOrdId`. Resting
    /// option orders on a family in `protectedFamilies` go with the MMP order types.
    public static func place(
        orderID: OrderID,
        request: OrderRequest,
        spec: InstrumentSpec,
        options: OKXOrderOptions = OKXOrderOptions(),
        protectedFamilies: Set<String> = []
    ) throws(OKXRequestError) -> OKXRESTRequest {
        try check(venue: request.venue, spec: spec, what: "order \(orderID)")
        guard request.instrument == spec.instrument else {
            throw .mismatch(what: "order \(orderID)", reason: "its instrument is not \(spec.symbol)'s")
        }
        let clientID = try clientOrderID(orderID)
        let size = try contracts(request.quantity, spec: spec)
        let isSpread = spec.instrument.kind == .combo
        let type = protectedType(
            try orderType(request, isSpread: isSpread, symbol: spec.symbol),
            request,
            protectedFamilies
        )
        let price: (key: String, value: String)
        switch request.kind {
        case .limit(let limit): price = try priceField(limit, spec: spec, isAmend: false)
        case .market(let protection): price = try priceField(LimitPrice(protection.decimal), spec: spec, isAmend: false)
        }
        var body = OKXJSONObject()
        if isSpread {
            body.add("sprdId", spec.symbol)
            body.add("clOrdId", clientID)
            body.add("tag", options.tag)
            body.add("side", request.side.rawValue)
            body.add("ordType", type)
            body.add("sz", size)
            body.add(price.key, price.value)
            return OKXRESTRequest(
                method: "POST",
                path: "/api/v5/sprd/order",
                body: body.json,
                webSocketOp: "sprd-order",
                requestClass: .trading,
                rateKey: spec.symbol
            )
        }
        let posSide = try positionSide(request, spec: spec, options: options)
        body.add("instId", spec.symbol)
        body.add("tdMode", spec.instrument.kind == .spot ? "cash" : options.marginMode.rawValue)
        body.add("clOrdId", clientID)
        body.add("tag", options.tag)
        body.add("side", request.side.rawValue)
        body.add("posSide", posSide)
        body.add("ordType", type)
        body.add("sz", size)
        body.add(price.key, price.value)
        if request.flags.reduceOnly && posSide == nil { body.add("reduceOnly", true) }
        return OKXRESTRequest(
            method: "POST",
            path: "/api/v5/trade/order",
            body: body.json,
            webSocketOp: "order",
            requestClass: .trading,
            rateKey: rateKey(spec)
        )
    }

    /// `POST /api/v5/trade/amend-order` (or `sprd/amend-order`): the new total size (filled part included, as OKX
    /// counts it) and the new limit. The order is named by `ordId` once known, else by our `clOrdId`.
    public static func amend(
        orderID: OrderID,
        venueOrderID: VenueOrderID?,
        quantity: Quantity,
        kind: OrderKind,
        spec: InstrumentSpec
    ) throws(OKXRequestError) -> OKXRESTRequest {
        guard case .limit(let limit) = kind else {
            throw .unsupported(what: "amending \(orderID) to a market order", reason: "OKX amends size and limit only")
        }
        let size = try contracts(quantity, spec: spec)
        let price = try priceField(limit, spec: spec, isAmend: true)
        let isSpread = spec.instrument.kind == .combo
        var body = OKXJSONObject()
        if !isSpread { body.add("instId", spec.symbol) }
        try identify(orderID, venueOrderID, in: &body)
        body.add("newSz", size)
        body.add(price.key, price.value)
        return OKXRESTRequest(
            method: "POST",
            path: isSpread ? "/api/v5/sprd/amend-order" : "/api/v5/trade/amend-order",
            body: body.json,
            webSocketOp: isSpread ? "sprd-amend-order" : "amend-order",
            requestClass: .trading,
            rateKey: rateKey(spec)
        )
    }

    /// `POST /api/v5/trade/cancel-order` (or `sprd/cancel-order`).
    public static func cancel(
        orderID: OrderID,
        venueOrderID: VenueOrderID?,
        spec: InstrumentSpec
    ) throws(OKXRequestError) -> OKXRESTRequest {
        let isSpread = spec.instrument.kind == .combo
        var body = OKXJSONObject()
        if !isSpread { body.add("instId", spec.symbol) }
        try identify(orderID, venueOrderID, in: &body)
        return OKXRESTRequest(
            method: "POST",
            path: isSpread ? "/api/v5/sprd/cancel-order" : "/api/v5/trade/cancel-order",
            body: body.json,
            webSocketOp: isSpread ? "sprd-cancel-order" : "cancel-order",
            requestClass: .trading,
            rateKey: rateKey(spec)
        )
    }

    /// `POST /api/v5/trade/cancel-all-after`: the dead-man switch. Every open order is cancelled `seconds` after the
    /// last call unless refreshed; 0 disarms it.
    ///
    /// - Throws: `OKXRequestError.outOfRange` outside 0 and 10–120 s.
    public static func cancelAllAfter(seconds: Int, tag: String? = nil) throws(OKXRequestError) -> OKXRESTRequest {
        guard seconds == 0 || (10...120).contains(seconds) else {
            throw .outOfRange(what: "cancel-all-after timeout", value: "\(seconds) s", allowed: "0 or 10...120 s")
        }
        var body = OKXJSONObject()
        body.add("timeOut", String(seconds))
        body.add("tag", tag)
        return OKXRESTRequest(
            method: "POST",
            path: "/api/v5/trade/cancel-all-after",
            body: body.json,
            requestClass: .account
        )
    }

    /// The dead-man switch for `VenueClient.armCancelOnDisconnect(timeoutNanos:)`: whole seconds only.
    public static func cancelAllAfter(timeoutNanos: Int64) throws(OKXRequestError) -> OKXRESTRequest {
        let (seconds, remainder) = timeoutNanos.quotientAndRemainder(dividingBy: UnixNanos.nanosecondsPerSecond)
        guard remainder == 0, let whole = Int(exactly: seconds) else {
            throw .outOfRange(what: "cancel-all-after timeout", value: "\(timeoutNanos) ns", allowed: "whole seconds")
        }
        return try cancelAllAfter(seconds: whole)
    }
}
