public import LegateCore
public import LegateModel

/// Why a fill could not be booked or a position valued.
///
/// Operating errors with context: which position, and the arithmetic or market problem underneath.
public enum BookError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Exact fixed-point arithmetic failed (overflow, a scale out of range).
    case arithmetic(FixedDecimalError, position: PositionKey, operation: String)
    /// A price the P&L divides by (inverse contracts) is not positive.
    case nonPositivePrice(Price, position: PositionKey, field: String)
    /// A fill of zero size.
    case zeroFill(position: PositionKey)
    /// The instrument cannot be booked as one position (a venue combo: book its legs).
    case unsupportedInstrument(Instrument)
    /// The market state cannot value the position.
    case market(MarketDataError, position: PositionKey)
    /// The conventions are unusable (a scale outside 0...18).
    case invalidConventions(field: String, value: Int)
    /// Expiry bucket bounds must be positive, finite and increasing.
    case invalidExpiryBuckets(index: Int, value: Double)

    public var description: String {
        switch self {
        case .arithmetic(let error, let position, let operation):
            "\(position): \(operation) failed: \(error)"
        case .nonPositivePrice(let price, let position, let field):
            "\(position): \(field) \(price) must be positive"
        case .zeroFill(let position): "\(position): a fill must have a non-zero quantity"
        case .unsupportedInstrument(let instrument): "cannot book \(instrument) as one position; book its legs"
        case .market(let error, let position): "\(position): \(error)"
        case .invalidConventions(let field, let value): "book conventions: \(field) = \(value) is outside 0...18"
        case .invalidExpiryBuckets(let index, let value):
            "expiry bucket bound #\(index) = \(value) days must be positive, finite and above the previous one"
        }
    }
}
