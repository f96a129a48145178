public import LegateVenues

/// Why a Bybit message could not be read into the model: what, where, and the reason.
public enum BybitParseError: WireInconsistency, Hashable, Sendable, CustomStringConvertible {
    /// The JSON did not decode into the expected wire type.
    case decoding(what: String, reason: String)
    /// A symbol Legate's symbology does not read in its category.
    case unknownInstrument(name: String, reason: String)
    /// The venue's fields contradict each other (a name and its expiry, a category and the contract type).
    case inconsistent(what: String, reason: String)
    /// A field holds a value this adapter does not know (a new status or side).
    case unknownValue(field: String, value: String, in: String)
    /// A field the translation needs is absent or empty.
    case missingField(field: String, in: String)

    public var description: String {
        switch self {
        case .decoding(let what, let reason): "bybit \(what) did not decode: \(reason)"
        case .unknownInstrument(let name, let reason): "bybit symbol \(name) not understood: \(reason)"
        case .inconsistent(let what, let reason): "bybit \(what) is inconsistent: \(reason)"
        case .unknownValue(let field, let value, let place): "bybit \(place): unknown \(field) \"\(value)\""
        case .missingField(let field, let place): "bybit \(place): \(field) is missing"
        }
    }
}
