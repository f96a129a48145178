import LegateCore
public import LegateModel
public import LegateSymbology
import LegateVenues

/// Pure translation of Binance wire values into the model. Binance runs one API per market and reuses names across
/// them (`BTCUSDT` is a spot pair and a USD-M perpetual), so every translation that reads a symbol is told the market
/// it came from: `.spot` (`api/v3`), `.linear` (USD-M `fapi`) or `.inverse` (COIN-M `dapi`).
public enum BinanceTranslator {
    /// A venue timestamp in milliseconds; one beyond 2262 is a malformed message, not a reason to trap.
    static func instant(millis: Int64, of what: @autoclosure () -> String) throws(BinanceParseError) -> UnixNanos {
        try WireMillis.instant(millis: millis, of: what, failure: BinanceParseError.self)
    }

    static func representableInstant(millis: Int64) -> UnixNanos? { WireMillis.instant(millis: millis) }

    /// Reads a symbol of `market`; `quotes` splits concatenated pairs where the default table would not (Binance.US
    /// quotes in USD, which the global spot table does not list).
    public static func instrument(
        _ symbol: String,
        market: Market,
        quotes: QuoteAssetTable? = nil
    ) throws(BinanceParseError) -> Instrument {
        do {
            return try BinanceSymbology.parse(symbol, market: market, quotes: quotes)
        } catch {
            throw .unknownInstrument(name: symbol, reason: error.description)
        }
    }

    static func asset(_ code: String, of what: @autoclosure () -> String) throws(BinanceParseError) -> Asset {
        do {
            return try Asset(code)
        } catch {
            throw .inconsistent(what: what(), reason: error.description)
        }
    }

    /// `BUY` or `SELL`.
    static func side(_ text: String, in place: @autoclosure () -> String) throws(BinanceParseError) -> OrderSide {
        switch text {
        case "BUY": return .buy
        case "SELL": return .sell
        default: throw .unknownValue(field: "side", value: text, in: place())
        }
    }

    /// A client id as our order id; empty means an order Binance made or one placed without an id.
    static func orderID(_ clientOrderID: String?) throws(BinanceParseError) -> OrderID? {
        guard let clientOrderID, !clientOrderID.isEmpty else { return nil }
        do {
            return try OrderID(clientOrderID)
        } catch {
            throw .inconsistent(what: "client order id \(clientOrderID)", reason: error.description)
        }
    }

    static func venueOrderID(_ orderID: Int64) -> VenueOrderID { VenueOrderID(known: String(orderID)) }

    /// The taker's side of a print: when the buyer made the market, the taker sold.
    static func aggressor(buyerIsMaker: Bool) -> OrderSide { buyerIsMaker ? .sell : .buy }
}
