public import LegateCore
public import LegateModel
import LegateSymbology
public import LegateVenues

/// A REST request ready to sign and send: the payload is the exact JSON body (POST) or query string (GET).
public struct BybitRESTRequest: Hashable, Sendable {
    public let method: String
    public let path: String
    public let payload: String

    public init(method: String, path: String, payload: String) {
        self.method = method
        self.path = path
        self.payload = payload
    }
}

/// Pure builders of Bybit v5 order requests from the model. Sizes and prices are checked against the instrument's
/// spec and written exactly as decimals; a size that is not a whole number of lots, or a price off the tick, is
/// refused with a `BybitRequestError`, never rounded.
///
/// A market order goes out as a limit at its protection price with IOC: Legate never sends a naked market order.
public enum BybitRequests {
    /// `POST /v5/order/create`; our order id is the `orderLinkId` (Bybit requires one for options). A resting option
    /// quote on a base coin in `protectedBaseCoins` is flagged `mmp`, so market-maker protection can pull it.
    public static func place(
        orderID: OrderID,
        request: OrderRequest,
        spec: InstrumentSpec,
        protectedBaseCoins: Set<String> = []
    ) throws(BybitRequestError) -> BybitRESTRequest {
        try check(spec: spec, instrument: request.instrument, venue: request.venue)
        try checkClientID(orderID)
        var body = JSONObjectWriter()
        body.string("category", Market.of(spec.instrument).rawValue)
        body.string("symbol", spec.symbol)
        body.string("side", request.side == .buy ? "Buy" : "Sell")
        body.string("orderType", "Limit")
        body.string("qty", try size(request.quantity, spec: spec))
        try writePrice(request.kind, spec: spec, into: &body)
        try checkNotional(request, spec: spec)
        body.string("timeInForce", try timeInForce(request, symbol: spec.symbol))
        body.string("orderLinkId", orderID.rawValue)
        if request.flags.reduceOnly { body.raw("reduceOnly", "true") }
        if isProtectedQuote(request, protectedBaseCoins) { body.raw("mmp", "true") }
        return BybitRESTRequest(method: "POST", path: "/v5/order/create", payload: body.text)
    }

    /// `POST /v5/order/amend`: new size and limit (a market order cannot be amended into).
    public static func amend(
        orderID: OrderID,
        venueOrderID: VenueOrderID?,
        quantity: Quantity,
        kind: OrderKind,
        spec: InstrumentSpec
    ) throws(BybitRequestError) -> BybitRESTRequest {
        guard case .limit = kind else {
            throw .unsupported(what: "amending to a market order", reason: "cancel and place instead")
        }
        try check(spec: spec, instrument: spec.instrument, venue: .bybit)
        var body = JSONObjectWriter()
        body.string("category", Market.of(spec.instrument).rawValue)
        body.string("symbol", spec.symbol)
        try identify(orderID, venueOrderID, into: &body)
        body.string("qty", try size(quantity, spec: spec))
        try writePrice(kind, spec: spec, into: &body)
        return BybitRESTRequest(method: "POST", path: "/v5/order/amend", payload: body.text)
    }

    /// `POST /v5/order/cancel`, by Bybit's order id when known, else by ours.
    public static func cancel(
        orderID: OrderID,
        venueOrderID: VenueOrderID?,
        spec: InstrumentSpec
    ) throws(BybitRequestError) -> BybitRESTRequest {
        var body = JSONObjectWriter()
        body.string("category", Market.of(spec.instrument).rawValue)
        body.string("symbol", spec.symbol)
        try identify(orderID, venueOrderID, into: &body)
        return BybitRESTRequest(method: "POST", path: "/v5/order/cancel", payload: body.text)
    }

    /// `POST /v5/order/cancel-all` for a scope: one request per category it touches. Options and spot cancel
    /// everything without a filter; linear and inverse need a symbol, base coin or settle coin, so "all" and "all
    /// perpetuals and futures" cancel by settle coin (USDT, USDC, and `inverseSettleCoins`).
    public static func cancelAll(
        _ scope: CancelScope,
        inverseSettleCoins: [Asset] = [.btc, .eth]
    ) throws(BybitRequestError) -> [BybitRESTRequest] {
        func request(_ category: Market, _ filter: (key: String, value: String)?) -> BybitRESTRequest {
            var body = JSONObjectWriter()
            body.string("category", category.rawValue)
            if let filter { body.string(filter.key, filter.value) }
            return BybitRESTRequest(method: "POST", path: "/v5/order/cancel-all", payload: body.text)
        }
        let derivatives =
            [request(.linear, ("settleCoin", "USDT")), request(.linear, ("settleCoin", "USDC"))]
            + inverseSettleCoins.map { request(.inverse, ("settleCoin", $0.code)) }
        switch scope {
        case .all:
            return [request(.option, nil), request(.spot, nil)] + derivatives
        case .instrument(let instrument):
            return [request(Market.of(instrument), ("symbol", try symbol(instrument)))]
        case .underlying(let underlying):
            let base = underlying.base.code
            return [
                request(.option, ("baseCoin", base)), request(.linear, ("baseCoin", base)),
                request(.inverse, ("baseCoin", base)), request(.spot, ("symbol", try symbol(.spot(underlying)))),
            ]
        case .kind(let kind):
            switch kind {
            case .option: return [request(.option, nil)]
            case .spot: return [request(.spot, nil)]
            case .perpetual, .future: return derivatives
            case .combo: throw .unsupported(what: "cancelling combos", reason: "Bybit lists no combos")
            }
        }
    }

    // MARK: - Pieces

    static func check(spec: InstrumentSpec, instrument: Instrument, venue: Venue) throws(BybitRequestError) {
        guard spec.venue == .bybit, venue == .bybit else {
            throw .instrumentMismatch(symbol: spec.symbol, reason: "spec is for \(spec.venue), order for \(venue)")
        }
        guard spec.instrument == instrument else {
            throw .instrumentMismatch(
                symbol: spec.symbol,
                reason: "the spec lists \(spec.instrument), not \(instrument)"
            )
        }
        guard spec.listingState.isTradable else { throw .notTradable(symbol: spec.symbol, state: spec.listingState) }
    }

    /// Bybit's `orderLinkId`: at most 36 characters of letters, digits, `-` and `_`.
    static func checkClientID(_ orderID: OrderID) throws(BybitRequestError) {
        let text = orderID.rawValue
        guard text.utf8.count <= 36 else { throw .invalidClientOrderID(orderID, reason: "longer than 36") }
        let allowed = text.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
        guard allowed else { throw .invalidClientOrderID(orderID, reason: "only A-Z a-z 0-9 - _ are allowed") }
    }

    /// The size as Bybit's `qty` text, after the spec's checks.
    static func size(_ quantity: Quantity, spec: InstrumentSpec) throws(BybitRequestError) -> String {
        if let violation = spec.validate(size: quantity) { throw .size(symbol: spec.symbol, violation) }
        return quantity.decimal.normalized.description
    }

    static func price(_ price: Price, spec: InstrumentSpec) throws(BybitRequestError) -> String {
        guard price.decimal.isPositive else {
            throw .price(symbol: spec.symbol, .notTickMultiple(price: price, tick: spec.tickSize.tick(at: price)))
        }
        if let violation = spec.validate(price: price) { throw .price(symbol: spec.symbol, violation) }
        return price.decimal.normalized.description
    }

    /// `price` for a limit in the quote or a protected market order; `orderIv` (a fraction) for an option priced in
    /// implied volatility.
    static func writePrice(
        _ kind: OrderKind,
        spec: InstrumentSpec,
        into body: inout JSONObjectWriter
    ) throws(BybitRequestError) {
        switch kind {
        case .market(let protection):
            body.string("price", try price(protection, spec: spec))
        case .limit(let limit):
            switch limit.unit {
            case .quote:
                body.string("price", try price(Price(limit.value), spec: spec))
            case .impliedVolatility:
                guard spec.instrument.kind == .option, limit.value.isPositive else {
                    throw .unsupported(what: "an implied-volatility price of \(limit.value)", reason: "options only")
                }
                body.string("orderIv", limit.value.normalized.description)
            case .usd:
                throw .unsupported(what: "USD prices", reason: "Bybit prices in the instrument's quote coin")
            }
        }
    }

    /// Linear and spot orders must be worth at least the listing's minimum (price × size, in the quote coin); inverse
    /// contracts are sized in USD and options have no such minimum.
    static func checkNotional(_ request: OrderRequest, spec: InstrumentSpec) throws(BybitRequestError) {
        let market = Market.of(spec.instrument)
        guard market == .linear || market == .spot, let minimum = spec.minimumNotional,
            let price = request.kind.boundingPrice
        else { return }
        let notional: Money
        do {
            notional = try Money.notional(price: price, quantity: request.quantity, currency: minimum.currency)
        } catch {
            throw .outOfRange(
                what: "order value of \(spec.symbol)",
                value: "\(price) × \(request.quantity)",
                allowed: "Int64"
            )
        }
        guard notional >= minimum else {
            throw .belowMinimumNotional(symbol: spec.symbol, notional: notional, minimum: minimum)
        }
    }

    static func timeInForce(_ request: OrderRequest, symbol: String) throws(BybitRequestError) -> String {
        if request.flags.postOnly { return "PostOnly" }
        switch request.timeInForce {
        case .goodTillCancelled:
            if case .market = request.kind { return "IOC" }
            return "GTC"
        case .immediateOrCancel: return "IOC"
        case .fillOrKill: return "FOK"
        case .goodTillDate:
            throw .unsupported(what: "good-till-date on \(symbol)", reason: "Bybit has GTC, IOC, FOK and PostOnly")
        }
    }

    static func identify(
        _ orderID: OrderID,
        _ venueOrderID: VenueOrderID?,
        into body: inout JSONObjectWriter
    ) throws(BybitRequestError) {
        if let venueOrderID {
            body.string("orderId", venueOrderID.rawValue)
        } else {
            try checkClientID(orderID)
            body.string("orderLinkId", orderID.rawValue)
        }
    }

    static func symbol(_ instrument: Instrument) throws(BybitRequestError) -> String {
        do {
            return try BybitSymbology.format(instrument)
        } catch {
            throw .unsupported(what: "\(instrument)", reason: error.description)
        }
    }
}
