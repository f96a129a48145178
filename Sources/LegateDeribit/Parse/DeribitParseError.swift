/// Why a Deribit message could not be read into the model.
public enum DeribitParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The JSON did not decode into the expected wire type.
    case decoding(what: String, reason: String)
    /// The fast book scanner met something outside the book message's shape.
    case malformed(offset: Int, reason: String)
    /// An instrument name Legate's symbology does not read.
    case unknownInstrument(name: String, reason: String)
    /// The venue's fields contradict each other (an instrument's name and its expiry, a combo's id and its legs).
    case inconsistent(what: String, reason: String)
    /// A price or amount not on the book's grid.
    case offGrid(instrument: String, value: String)

    public var description: String {
        switch self {
        case .decoding(let what, let reason): "deribit \(what) did not decode: \(reason)"
        case .malformed(let offset, let reason): "deribit book message malformed at byte \(offset): \(reason)"
        case .unknownInstrument(let name, let reason): "deribit instrument \(name) not understood: \(reason)"
        case .inconsistent(let what, let reason): "deribit \(what) is inconsistent: \(reason)"
        case .offGrid(let instrument, let value): "deribit \(instrument): \(value) is not on the book grid"
        }
    }
}
