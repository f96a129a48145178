/// Why a level could not be put on a book.
public enum BookError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A grid increment must be positive.
    case nonPositiveIncrement(String)
    /// The value is not a whole number of the grid's increments (or too large for 64-bit ticks).
    case offGrid(value: String, increment: String)
    /// A level with a negative size.
    case negativeQuantity(String)

    public var description: String {
        switch self {
        case .nonPositiveIncrement(let increment): "book grid increment \(increment) must be positive"
        case .offGrid(let value, let increment): "\(value) is not a whole number of book increments of \(increment)"
        case .negativeQuantity(let quantity): "book level size \(quantity) is negative"
        }
    }
}
