public import LegateCore
public import LegateModel
import LegateVenues

/// Why an order or session request could not be built: nothing is rounded or guessed, the request is refused.
public enum BybitRequestError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The request names a different instrument or venue than the spec it is built against.
    case instrumentMismatch(symbol: String, reason: String)
    /// The instrument is not trading (pre-listing, suspended, expired, delisted).
    case notTradable(symbol: String, state: ListingState)
    /// The size breaks the spec (not positive, below the minimum, not a whole number of lots).
    case size(symbol: String, SpecViolation)
    /// The price breaks the spec (not positive, not on the tick).
    case price(symbol: String, SpecViolation)
    /// Price times size is below the listing's minimum order value (`minNotionalValue`, spot `minOrderAmt`).
    case belowMinimumNotional(symbol: String, notional: Money, minimum: Money)
    /// Bybit does not take this (a USD price, good-till-date, a combo, funding on an option).
    case unsupported(what: String, reason: String)
    /// The client order id breaks Bybit's rule (at most 36 of `A-Z a-z 0-9 - _`).
    case invalidClientOrderID(OrderID, reason: String)
    /// A number outside what Bybit accepts (the DCP window, a book depth).
    case outOfRange(what: String, value: String, allowed: String)

    public var description: String {
        switch self {
        case .instrumentMismatch(let symbol, let reason): "bybit request for \(symbol): \(reason)"
        case .notTradable(let symbol, let state): "bybit \(symbol) is not tradable (\(state.rawValue))"
        case .size(let symbol, let violation): "bybit \(symbol): \(violation)"
        case .price(let symbol, let violation): "bybit \(symbol): \(violation)"
        case .belowMinimumNotional(let symbol, let notional, let minimum):
            "bybit \(symbol): order value \(notional) is below the minimum \(minimum)"
        case .unsupported(let what, let reason): "bybit does not support \(what): \(reason)"
        case .invalidClientOrderID(let id, let reason): "bybit orderLinkId \(id): \(reason)"
        case .outOfRange(let what, let value, let allowed): "bybit \(what) \(value) is outside \(allowed)"
        }
    }
}

/// A JSON object written field by field in a fixed order: the bytes signed are the bytes sent, so the order and the
/// text of each value must not depend on a dictionary's hashing or a formatter's taste.
struct JSONObjectWriter {
    private var fields: [String] = []

    mutating func string(_ key: String, _ value: String) {
        fields.append(Self.quoted(key) + ":" + Self.quoted(value))
    }

    /// A number, boolean or nested JSON written as is.
    mutating func raw(_ key: String, _ json: String) {
        fields.append(Self.quoted(key) + ":" + json)
    }

    var text: String { "{" + fields.joined(separator: ",") + "}" }

    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    static func array(_ items: [String]) -> String { "[" + items.map(quoted).joined(separator: ",") + "]" }
}
