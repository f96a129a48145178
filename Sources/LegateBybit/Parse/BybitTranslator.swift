import LegateCore
public import LegateModel
public import LegateSymbology
import LegateVenues

/// Pure translation of Bybit v5 wire values into the model. Bybit names reuse across categories (`BTCUSDT` is a spot
/// pair and a perpetual), so every translation that reads a symbol is told the `category` it came from.
public enum BybitTranslator {
    /// A venue timestamp in milliseconds; one beyond 2262 is a malformed message, not a reason to trap.
    static func instant(millis: Int64, of what: @autoclosure () -> String) throws(BybitParseError) -> UnixNanos {
        try WireMillis.instant(millis: millis, of: what, failure: BybitParseError.self)
    }

    static func representableInstant(millis: Int64) -> UnixNanos? { WireMillis.instant(millis: millis) }

    /// Reads a symbol listed in `category`; `quotes` splits concatenated pairs where the default table would not.
    public static func instrument(
        _ symbol: String,
        category: Market,
        quotes: QuoteAssetTable? = nil
    ) throws(BybitParseError) -> Instrument {
        do {
            return try BybitSymbology.parse(symbol, category: category, quotes: quotes)
        } catch {
            throw .unknownInstrument(name: symbol, reason: error.description)
        }
    }

    /// Bybit's `category` text as a market.
    public static func category(_ text: String, in place: @autoclosure () -> String) throws(BybitParseError) -> Market {
        guard let market = Market(rawValue: text) else {
            throw .unknownValue(field: "category", value: text, in: place())
        }
        return market
    }

    static func asset(_ code: String, of what: @autoclosure () -> String) throws(BybitParseError) -> Asset {
        do {
            return try Asset(code)
        } catch {
            throw .inconsistent(what: what(), reason: error.description)
        }
    }

    /// `Buy` or `Sell`.
    static func side(_ text: String, in place: @autoclosure () -> String) throws(BybitParseError) -> OrderSide {
        switch text {
        case "Buy": return .buy
        case "Sell": return .sell
        default: throw .unknownValue(field: "side", value: text, in: place())
        }
    }

    /// A client id as our order id; orders placed elsewhere (the web UI, the venue itself) have none.
    static func orderID(_ orderLinkId: String) throws(BybitParseError) -> OrderID? {
        guard !orderLinkId.isEmpty else { return nil }
        do {
            return try OrderID(orderLinkId)
        } catch {
            throw .inconsistent(what: "orderLinkId \(orderLinkId)", reason: error.description)
        }
    }

    static func venueOrderID(_ orderId: String) throws(BybitParseError) -> VenueOrderID {
        do {
            return try VenueOrderID(orderId)
        } catch {
            throw .inconsistent(what: "orderId \(orderId)", reason: error.description)
        }
    }
}
