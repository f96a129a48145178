import LegateCore
import LegateModel
import LegateSymbology
public import LegateVenues

extension BinanceRequests {
    static func orderPath(_ spec: InstrumentSpec) throws(BinanceRequestError) -> String {
        switch Market.of(spec.instrument) {
        case .spot: return "/api/v3/order"
        case .linear: return "/fapi/v1/order"
        default: throw .unsupported(what: "\(spec.symbol)", reason: "this adapter speaks spot and USD-M only")
        }
    }

    static func check(spec: InstrumentSpec, request: OrderRequest) throws(BinanceRequestError) {
        guard spec.venue == .binance, request.venue == .binance else {
            throw .instrumentMismatch(
                symbol: spec.symbol,
                reason: "spec is for \(spec.venue), order for \(request.venue)"
            )
        }
        guard spec.instrument == request.instrument else {
            throw .instrumentMismatch(
                symbol: spec.symbol,
                reason: "the spec lists \(spec.instrument), not \(request.instrument)"
            )
        }
        guard spec.listingState.isTradable else { throw .notTradable(symbol: spec.symbol, state: spec.listingState) }
    }

    static func checkClientID(_ orderID: OrderID) throws(BinanceRequestError) {
        let text = orderID.rawValue
        guard text.utf8.count <= 36 else { throw .invalidClientOrderID(orderID, reason: "longer than 36") }
        let allowed = text.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || [UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "/"), UInt8(ascii: "_"), UInt8(ascii: "-")]
                    .contains(byte)
        }
        guard allowed else { throw .invalidClientOrderID(orderID, reason: "only A-Z a-z 0-9 . : / _ - are allowed") }
    }

    static func size(_ quantity: Quantity, spec: InstrumentSpec) throws(BinanceRequestError) -> String {
        if let violation = spec.validate(size: quantity) { throw .size(symbol: spec.symbol, violation) }
        return quantity.decimal.normalized.description
    }

    /// The limit in the quote asset: the order's limit, or a market order's protection price.
    static func limitPrice(_ kind: OrderKind, spec: InstrumentSpec) throws(BinanceRequestError) -> Price {
        let price: Price
        switch kind {
        case .market(let protection):
            price = protection
        case .limit(let limit):
            guard limit.unit == .quote else {
                throw .unsupported(what: "\(limit.unit.rawValue) prices", reason: "Binance prices in the quote asset")
            }
            price = Price(limit.value)
        }
        guard price.decimal.isPositive else {
            throw .price(symbol: spec.symbol, .notTickMultiple(price: price, tick: spec.tickSize.tick(at: price)))
        }
        if let violation = spec.validate(price: price) { throw .price(symbol: spec.symbol, violation) }
        return price
    }

    /// Price × size against the symbol's minimum notional, exactly.
    static func checkNotional(price: Price, quantity: Quantity, spec: InstrumentSpec) throws(BinanceRequestError) {
        guard let minimum = spec.minimumNotional else { return }
        let notional: Money
        do {
            notional = try Money.notional(price: price, quantity: quantity, currency: minimum.currency)
        } catch {
            throw .outOfRange(what: "notional of \(spec.symbol)", value: "\(price) × \(quantity)", allowed: "Int64")
        }
        guard notional >= minimum else {
            throw .belowMinimumNotional(symbol: spec.symbol, notional: notional, minimum: minimum)
        }
    }

    static func timeInForce(_ request: OrderRequest, symbol: String) throws(BinanceRequestError) -> String {
        // Futures post-only; spot's is the LIMIT_MAKER type.
        if request.flags.postOnly { return "GTX" }
        switch request.timeInForce {
        case .goodTillCancelled:
            if case .market = request.kind { return "IOC" }
            return "GTC"
        case .immediateOrCancel: return "IOC"
        case .fillOrKill: return "FOK"
        case .goodTillDate:
            throw .unsupported(what: "good-till-date on \(symbol)", reason: "not built by this adapter")
        }
    }

    // MARK: - Streams

    /// The market stream of a subscription: the diff book `<symbol>@depth@100ms` (or the partial book
    /// `<symbol>@depth<5|10|20>@100ms`), `@trade`, and for USD-M `@markPrice` (mark, index, funding) as ticker and
    /// funding; spot's ticker is `@bookTicker`.
    public static func stream(_ subscription: MarketDataSubscription) throws(BinanceRequestError) -> String {
        let instrument = subscription.instrument
        let market = Market.of(instrument)
        guard market == .spot || market == .linear else {
            throw .unsupported(what: "\(instrument)", reason: "this adapter speaks spot and USD-M only")
        }
        let name: String
        do {
            name = try BinanceSymbology.format(instrument).lowercased()
        } catch {
            throw .unsupported(what: "\(instrument)", reason: error.description)
        }
        switch subscription.channel {
        case .book(let depth):
            guard let depth else { return "\(name)@depth@100ms" }
            guard [5, 10, 20].contains(depth) else {
                throw .outOfRange(what: "partial book depth", value: "\(depth)", allowed: "5, 10, 20")
            }
            return "\(name)@depth\(depth)@100ms"
        case .trades: return "\(name)@trade"
        case .ticker: return market == .spot ? "\(name)@bookTicker" : "\(name)@markPrice"
        case .funding:
            guard market == .linear else {
                throw .unsupported(what: "funding on \(name)", reason: "only perpetuals and futures have funding")
            }
            return "\(name)@markPrice"
        }
    }

    /// `{"method":"SUBSCRIBE","params":[streams…],"id":…}`.
    public static func subscribe(streams: [String], id: Int64) -> String {
        let params = streams.map { "\"" + $0 + "\"" }.joined(separator: ",")
        return #"{"method":"SUBSCRIBE","params":["# + params + #"],"id":"# + String(id) + "}"
    }

    /// The request that opens a user-data stream (listen key): API key only, no signature.
    public static func listenKey(spot: Bool) -> BinanceRESTRequest {
        BinanceRESTRequest(method: "POST", path: spot ? "/api/v3/userDataStream" : "/fapi/v1/listenKey", query: "")
    }
}
