/// Why an OKX message could not be read into the model.
public enum OKXParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The JSON did not decode into the expected wire type.
    case decoding(what: String, reason: String)
    /// An `instId` or `sprdId` Legate's symbology does not read.
    case unknownInstrument(name: String, reason: String)
    /// The venue's fields contradict each other (a name and its expiry, a spread's id and its legs).
    case inconsistent(what: String, reason: String)
    /// A size in contracts for an instrument whose contract size is not known (load its spec first).
    case unknownContract(instId: String)
    /// A price or size not on the book's grid.
    case offGrid(instId: String, value: String)
    /// A shape the model cannot hold (a MARGIN position counted in the quote currency).
    case unsupported(what: String, reason: String)

    public var description: String {
        switch self {
        case .decoding(let what, let reason): "okx \(what) did not decode: \(reason)"
        case .unknownInstrument(let name, let reason): "okx instrument \(name) not understood: \(reason)"
        case .inconsistent(let what, let reason): "okx \(what) is inconsistent: \(reason)"
        case .unknownContract(let instId): "okx \(instId): contract size unknown (no instrument spec loaded)"
        case .offGrid(let instId, let value): "okx \(instId): \(value) is not on the book grid"
        case .unsupported(let what, let reason): "okx \(what) not supported: \(reason)"
        }
    }
}
