public import LegateCore
public import LegateModel
public import LegateVenues

// MARK: - European options (`eapi`)

extension BinanceRequests {
    /// The smallest countdown `POST /eapi/v1/countdownCancelAll` takes (0 switches the timer off).
    public static let minimumOptionCountdownMillis: Int64 = 5_000

    /// `POST /eapi/v1/order`: our order id is `clientOrderId`. Options take `postOnly` and `reduceOnly` as flags and
    /// size in contracts of `contractMultiplier` units each; a size that is not a whole multiple is refused. A market
    /// order goes out as an `IOC` limit at its protection price.
    ///
    /// A resting order on an underlying in `protectedUnderlyings` is flagged `isMmp`, so MMP can pull it.
    public static func placeOption(
        orderID: OrderID,
        request: OrderRequest,
        spec: InstrumentSpec,
        credentials: VenueCredentials,
        timestampMillis: Int64,
        recvWindowMillis: Int64 = 5_000,
        protectedUnderlyings: Set<String> = []
    ) throws(BinanceRequestError) -> BinanceRESTRequest {
        guard spec.instrument.kind == .option else {
            throw .unsupported(what: "\(spec.symbol) on eapi", reason: "the options API lists options only")
        }
        try check(spec: spec, request: request)
        try checkClientID(orderID)
        let limit = try limitPrice(request.kind, spec: spec)
        let contracts = try optionContracts(request.quantity, spec: spec)
        var params: [(String, String)] = [
            ("symbol", spec.symbol), ("side", request.side == .buy ? "BUY" : "SELL"), ("type", "LIMIT"),
            ("quantity", contracts), ("price", limit.decimal.normalized.description),
            ("timeInForce", try optionTimeInForce(request, symbol: spec.symbol)),
        ]
        if request.flags.reduceOnly { params.append(("reduceOnly", "true")) }
        if request.flags.postOnly { params.append(("postOnly", "true")) }
        params += [("newOrderRespType", "RESULT"), ("clientOrderId", orderID.rawValue)]
        if isProtectedQuote(request, protectedUnderlyings) { params.append(("isMmp", "true")) }
        return signedRequest(
            "POST",
            "/eapi/v1/order",
            params,
            credentials: credentials,
            timestampMillis: timestampMillis,
            recvWindowMillis: recvWindowMillis
        )
    }

    /// `DELETE /eapi/v1/order`, by Binance's order id when known, else by our `clientOrderId`.
    public static func cancelOption(
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
            params.append(("clientOrderId", orderID.rawValue))
        }
        return signedRequest(
            "DELETE",
            "/eapi/v1/order",
            params,
            credentials: credentials,
            timestampMillis: timestampMillis,
            recvWindowMillis: recvWindowMillis
        )
    }

    /// `DELETE /eapi/v1/allOpenOrders` for one symbol, or `DELETE /eapi/v1/allOpenOrdersByUnderlying` for every
    /// option on an underlying (`BTCUSDT`).
    public static func cancelAllOptions(
        symbol: String? = nil,
        underlying: String? = nil,
        credentials: VenueCredentials,
        timestampMillis: Int64,
        recvWindowMillis: Int64 = 5_000
    ) throws(BinanceRequestError) -> BinanceRESTRequest {
        let path: String
        let params: [(String, String)]
        switch (symbol, underlying) {
        case (let symbol?, nil):
            path = "/eapi/v1/allOpenOrders"
            params = [("symbol", symbol)]
        case (nil, let underlying?):
            path = "/eapi/v1/allOpenOrdersByUnderlying"
            params = [("underlying", underlying)]
        default:
            throw .unsupported(what: "an options cancel-all", reason: "name exactly one of a symbol or an underlying")
        }
        return signedRequest(
            "DELETE",
            path,
            params,
            credentials: credentials,
            timestampMillis: timestampMillis,
            recvWindowMillis: recvWindowMillis
        )
    }

    /// The options dead-man switch: `POST /eapi/v1/countdownCancelAll` cancels the underlying's orders unless its
    /// heartbeat comes within `countdownMillis` (at least 5,000; 0 switches it off).
    public static func optionCountdownCancelAll(
        underlying: String,
        countdownMillis: Int64,
        credentials: VenueCredentials,
        timestampMillis: Int64,
        recvWindowMillis: Int64 = 5_000
    ) throws(BinanceRequestError) -> BinanceRESTRequest {
        guard countdownMillis == 0 || countdownMillis >= minimumOptionCountdownMillis else {
            throw .outOfRange(
                what: "options countdown",
                value: "\(countdownMillis) ms",
                allowed: "0 (off) or at least \(minimumOptionCountdownMillis) ms"
            )
        }
        return signedRequest(
            "POST",
            "/eapi/v1/countdownCancelAll",
            [("underlying", underlying), ("countdownTime", String(countdownMillis))],
            credentials: credentials,
            timestampMillis: timestampMillis,
            recvWindowMillis: recvWindowMillis
        )
    }

    /// `POST /eapi/v1/countdownCancelAllHeartBeat`: restarts the countdown of each underlying.
    public static func optionCountdownHeartbeat(
        underlyings: [String],
        credentials: VenueCredentials,
        timestampMillis: Int64,
        recvWindowMillis: Int64 = 5_000
    ) -> BinanceRESTRequest {
        signedRequest(
            "POST",
            "/eapi/v1/countdownCancelAllHeartBeat",
            [("underlyings", underlyings.joined(separator: ","))],
            credentials: credentials,
            timestampMillis: timestampMillis,
            recvWindowMillis: recvWindowMillis
        )
    }

    /// The underlying an option's dead-man switch and cancel-all name: `BTCUSDT`.
    public static func optionUnderlying(_ instrument: Instrument) -> String {
        instrument.underlying.base.code + instrument.underlying.quote.code
    }

    /// A size in whole contracts of the spec's multiplier, exactly, after the lot and minimum checks.
    static func optionContracts(_ quantity: Quantity, spec: InstrumentSpec) throws(BinanceRequestError) -> String {
        if let violation = spec.validate(size: quantity) { throw .size(symbol: spec.symbol, violation) }
        guard spec.contractMultiplier.isPositive else {
            throw .outOfRange(
                what: "contract multiplier of \(spec.symbol)",
                value: "\(spec.contractMultiplier)",
                allowed: "> 0"
            )
        }
        do {
            return try quantity.decimal.dividedExactly(by: spec.contractMultiplier).normalized.description
        } catch {
            throw .outOfRange(
                what: "size of \(spec.symbol) in contracts of \(spec.contractMultiplier)",
                value: "\(quantity)",
                allowed: "whole multiples of the contract value"
            )
        }
    }

    static func optionTimeInForce(_ request: OrderRequest, symbol: String) throws(BinanceRequestError) -> String {
        switch request.timeInForce {
        case .goodTillCancelled:
            if case .market = request.kind { return "IOC" }
            return "GTC"
        case .immediateOrCancel: return "IOC"
        case .fillOrKill: return "FOK"
        case .goodTillDate:
            throw .unsupported(what: "good-till-date on \(symbol)", reason: "Binance options take GTC, IOC and FOK")
        }
    }
}
