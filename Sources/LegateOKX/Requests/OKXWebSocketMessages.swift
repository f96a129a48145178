import LegateCore
import LegateModel
public import LegateVenues

/// Which OKX WebSocket a channel lives on.
public enum OKXWebSocketEndpoint: String, Hashable, Sendable, CaseIterable {
    case `public` = "wss://ws.okx.com:8443/ws/v5/public"
    case `private` = "wss://ws.okx.com:8443/ws/v5/private"
    /// Spreads, candles and other "business" channels.
    case business = "wss://ws.okx.com:8443/ws/v5/business"

    /// The endpoint serving a channel.
    public static func of(channel: String) -> OKXWebSocketEndpoint {
        if channel.hasPrefix("sprd-") || channel.hasPrefix("candle") || channel.hasPrefix("mark-price-candle")
            || channel.hasPrefix("index-candle")
        {
            return .business
        }
        switch channel {
        case "orders", "orders-algo", "account", "positions", "balance_and_position", "fills": return .private
        default: return .public
        }
    }
}

/// The text frames Legate sends on OKX's WebSockets, exactly as sent.
public enum OKXWebSocketMessages {
    /// `{"op":"login","args":[{apiKey, passphrase, timestamp, sign}]}` with
    /// `sign = Base64(HMAC-SHA256(secret, timestamp + "GET" + "/users/self/verify"))`, timestamp in seconds.
    public static func login(
        credentials: VenueCredentials,
        timestampSeconds: Int64
    ) throws(OKXRequestError) -> String {
        guard let passphrase = credentials.passphrase else { throw .missingPassphrase }
        var arg = OKXJSONObject()
        arg.add("apiKey", credentials.apiKey)
        arg.add("passphrase", passphrase)
        arg.add("timestamp", String(timestampSeconds))
        arg.add(
            "sign",
            OKXSigning.websocketLoginSignature(secret: credentials.secret, timestampSeconds: timestampSeconds)
        )
        var message = OKXJSONObject()
        message.add("op", "login")
        message.add("args", objects: [arg])
        return message.json
    }

    /// `{"op":"subscribe","args":[{"channel":…,"instId":…},…]}`.
    public static func subscribe(_ args: [OKXChannelArg]) -> String { operation("subscribe", args) }

    public static func unsubscribe(_ args: [OKXChannelArg]) -> String { operation("unsubscribe", args) }

    /// An order request on the private WebSocket: `{"id":…,"op":"order","args":[body]}`, the body as for REST.
    ///
    /// - Throws: `OKXRequestError.unsupported` for a request OKX takes over REST only, `.outOfRange` for an id that
    ///   is not 1–32 letters and digits.
    public static func operation(id: String, _ request: OKXRESTRequest) throws(OKXRequestError) -> String {
        guard let op = request.webSocketOp else {
            throw .unsupported(what: "\(request.path) on the WebSocket", reason: "it is a REST-only request")
        }
        let isValidID = (1...32).contains(id.utf8.count) && id.utf8.allSatisfy { ASCIIClass.isAlphanumeric($0) }
        guard isValidID else { throw .outOfRange(what: "operation id", value: id, allowed: "1-32 letters and digits") }
        return "{\"id\":" + OKXJSONObject.quoted(id) + ",\"op\":" + OKXJSONObject.quoted(op) + ",\"args\":["
            + request.body + "]}"
    }

    /// The channels that carry a model subscription for an instrument named `symbol` on OKX.
    ///
    /// Books: `books` (400 levels, checksummed deltas), `books5` for depth ≤ 5, `bbo-tbt` for depth 1. Tickers need
    /// three channels, because OKX's `tickers` has no mark: `tickers`, `mark-price`, and for options `opt-summary`
    /// (by instrument family). Spreads use the `sprd-` channels on the business endpoint.
    ///
    /// - Throws: `OKXRequestError.unsupported` for funding on anything but a swap.
    public static func channels(
        for subscription: MarketDataSubscription,
        symbol: String
    ) throws(OKXRequestError) -> [OKXChannelArg] {
        let instrument = subscription.instrument
        if instrument.kind == .combo { return spreadChannels(for: subscription.channel, sprdId: symbol) }
        switch subscription.channel {
        case .book(let depth):
            let channel = depth.map { $0 <= 1 ? "bbo-tbt" : $0 <= 5 ? "books5" : "books" } ?? "books"
            return [OKXChannelArg(channel: channel, instId: symbol)]
        case .trades:
            return [OKXChannelArg(channel: "trades", instId: symbol)]
        case .ticker:
            var args = [
                OKXChannelArg(channel: "tickers", instId: symbol), OKXChannelArg(channel: "mark-price", instId: symbol),
            ]
            if instrument.kind == .option {
                let family = "\(instrument.underlying.base)-\(instrument.underlying.quote)"
                args.append(OKXChannelArg(channel: "opt-summary", instFamily: family))
            }
            return args
        case .funding:
            guard instrument.kind == .perpetual else {
                throw .unsupported(what: "funding of \(symbol)", reason: "only swaps pay funding")
            }
            return [OKXChannelArg(channel: "funding-rate", instId: symbol)]
        }
    }

    static func spreadChannels(for channel: MarketDataSubscription.Channel, sprdId: String) -> [OKXChannelArg] {
        switch channel {
        case .book(let depth):
            return [OKXChannelArg(channel: depth == 1 ? "sprd-bbo-tbt" : "sprd-books5", sprdId: sprdId)]
        case .trades: return [OKXChannelArg(channel: "sprd-public-trades", sprdId: sprdId)]
        case .ticker, .funding: return [OKXChannelArg(channel: "sprd-tickers", sprdId: sprdId)]
        }
    }

    static func operation(_ op: String, _ args: [OKXChannelArg]) -> String {
        var message = OKXJSONObject()
        message.add("op", op)
        message.add("args", objects: args.map(object))
        return message.json
    }

    /// One channel argument, keys in OKX's documented order.
    static func object(_ arg: OKXChannelArg) -> OKXJSONObject {
        var object = OKXJSONObject()
        object.add("channel", arg.channel)
        object.add("instType", arg.instType)
        object.add("instFamily", arg.instFamily)
        object.add("instId", arg.instId)
        object.add("sprdId", arg.sprdId)
        object.add("ccy", arg.ccy)
        return object
    }
}

enum ASCIIClass {
    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
    }
}
