import LegateModel
import LegateSymbology
public import LegateVenues

// MARK: - Session housekeeping: listen keys, snapshots, account queries

extension BinanceRequests {
    /// The listen key of `market`'s user-data stream: `POST` creates (or returns the live one), `PUT` keeps it alive
    /// for another hour, `DELETE` closes it. API key only, no signature; spot's `PUT` and `DELETE` name the key.
    public static func userStream(
        _ market: BinanceMarket,
        method: String,
        listenKey: String? = nil
    ) -> BinanceRESTRequest {
        let query = market == .spot ? listenKey.map { "listenKey=" + $0 } ?? "" : ""
        return BinanceRESTRequest(method: method, path: market.listenKeyPath, query: query)
    }

    /// A public depth snapshot of `symbol`, `limit` levels a side (its `lastUpdateId` anchors the diff stream).
    public static func depthSnapshot(_ market: BinanceMarket, symbol: String, limit: Int) -> BinanceRESTRequest {
        BinanceRESTRequest(method: "GET", path: market.depthPath, query: "symbol=\(symbol)&limit=\(limit)")
    }

    public static func exchangeInfo(_ market: BinanceMarket) -> BinanceRESTRequest {
        BinanceRESTRequest(method: "GET", path: market.exchangeInfoPath, query: "")
    }

    /// A signed `GET` with only the timestamp and window: balances, positions and open orders of the whole account.
    public static func signedGet(
        _ path: String,
        credentials: VenueCredentials,
        timestampMillis: Int64,
        recvWindowMillis: Int64 = 5_000
    ) -> BinanceRESTRequest {
        signedRequest(
            "GET",
            path,
            [],
            credentials: credentials,
            timestampMillis: timestampMillis,
            recvWindowMillis: recvWindowMillis
        )
    }

    /// The `SUBSCRIBE` counterpart on a combined stream.
    public static func unsubscribe(streams: [String], id: Int64) -> String {
        let params = streams.map { "\"" + $0 + "\"" }.joined(separator: ",")
        return #"{"method":"UNSUBSCRIBE","params":["# + params + #"],"id":"# + String(id) + "}"
    }

    /// The stream a session subscribes for `subscription` on `market`. Options: `<SYMBOL>@depth<N>@100ms` (whole
    /// top-N books) and `<underlying>@optionMarkPrice` (marks, IVs, Greeks); USD-M and spot: the diff book
    /// `<symbol>@depth@100ms`, `@trade`, and on USD-M `@markPrice` (mark and funding). Partial books of USD-M and spot
    /// and spot tickers (spot has no mark) are refused: the session keeps diff books and marks.
    public static func stream(
        _ subscription: MarketDataSubscription,
        market: BinanceMarket,
        optionBookDepth: Int = 20
    ) throws(BinanceRequestError) -> String {
        let instrument = subscription.instrument
        guard market.lists(instrument) else {
            throw .unsupported(what: "\(instrument) on the \(market) API", reason: "it trades on another Binance API")
        }
        guard market == .options else {
            switch subscription.channel {
            case .book(let depth?):
                throw .unsupported(what: "a \(depth)-level partial book", reason: "the session keeps diff books")
            case .ticker where market == .spot:
                throw .unsupported(what: "a spot ticker", reason: "spot has no mark price")
            default: return try stream(subscription)
            }
        }
        switch subscription.channel {
        case .book(let depth):
            let levels = depth ?? optionBookDepth
            guard [10, 20, 50, 100].contains(levels) else {
                throw .outOfRange(what: "options book depth", value: "\(levels)", allowed: "10, 20, 50, 100")
            }
            let name: String
            do {
                name = try BinanceSymbology.format(instrument)
            } catch {
                throw .unsupported(what: "\(instrument)", reason: error.description)
            }
            return "\(name)@depth\(levels)@100ms"
        case .ticker:
            return optionUnderlying(instrument).lowercased() + "@optionMarkPrice"
        case .trades, .funding:
            throw .unsupported(what: "options \(subscription.channel)", reason: "not offered by this session")
        }
    }
}
