import LegateCore
public import LegateModel

/// Why a command could not be written as an OKX request. Nothing is ever rounded to make a request fit.
public enum OKXRequestError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The size breaks the spec (not a whole number of lots, below the minimum, not positive).
    case size(symbol: String, SpecViolation)
    /// A limit price off the tick.
    case price(symbol: String, SpecViolation)
    /// OKX's `clOrdId` is 1–32 letters and digits.
    case invalidClientOrderID(String)
    /// The order's instrument, venue or spec do not belong together.
    case mismatch(what: String, reason: String)
    /// OKX does not offer this for this instrument (a USD or vol price outside options, FOK on a spread).
    case unsupported(what: String, reason: String)
    /// A value OKX does not accept (a dead-man timeout outside 10–120 s).
    case outOfRange(what: String, value: String, allowed: String)
    /// The credentials have no passphrase, which OKX requires.
    case missingPassphrase

    public var description: String {
        switch self {
        case .size(let symbol, let violation): "okx \(symbol): \(violation)"
        case .price(let symbol, let violation): "okx \(symbol): \(violation)"
        case .invalidClientOrderID(let id): "okx clOrdId \"\(id)\" must be 1-32 letters and digits"
        case .mismatch(let what, let reason): "okx \(what): \(reason)"
        case .unsupported(let what, let reason): "okx does not support \(what): \(reason)"
        case .outOfRange(let what, let value, let allowed): "okx \(what) \(value) is outside \(allowed)"
        case .missingPassphrase: "okx credentials need a passphrase"
        }
    }
}
