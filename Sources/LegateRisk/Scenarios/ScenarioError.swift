/// Why a revaluation book, a scenario or a scenario set was refused.
///
/// Operating errors: they come from market data or configuration. Each names the field, the row or scenario, and
/// the value, so the caller can find the bad input.
public enum ScenarioError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A position's field is not finite or outside its domain; `position` is the index it would have had.
    case invalidPosition(position: Int, field: String, value: Double, reason: String)
    /// A position names an underlying the book has no index price for.
    case unknownUnderlying(position: Int, underlying: Int, underlyingCount: Int)
    /// A position names an output group outside `0..<groupCount`.
    case unknownGroup(position: Int, group: Int, groupCount: Int)
    /// An index price is not a positive finite number.
    case invalidIndexPrice(underlying: Int, value: Double)
    /// A scenario's field is not finite or outside its domain.
    case invalidScenario(scenario: Int, field: String, value: Double, reason: String)
    /// A scenario carries moves for a different number of underlyings than its set.
    case underlyingCountMismatch(expected: Int, actual: Int, context: String)
    /// The output buffer was made for other dimensions than the revaluation writes.
    case outputShapeMismatch(expected: String, actual: String)
    /// A scenario range lies outside the set.
    case scenarioRangeOutOfBounds(lower: Int, upper: Int, count: Int)
    /// A parameter of the vol shock rule is not finite or outside its domain.
    case invalidVolShock(field: String, value: Double, reason: String)
    /// A position index is outside the book.
    case unknownPosition(position: Int, count: Int)

    public var description: String {
        switch self {
        case .invalidPosition(let position, let field, let value, let reason):
            "scenario book position \(position): \(field) = \(value) \(reason)"
        case .unknownUnderlying(let position, let underlying, let count):
            "scenario book position \(position): underlying \(underlying) is outside 0..<\(count)"
        case .unknownGroup(let position, let group, let count):
            "scenario book position \(position): group \(group) is outside 0..<\(count)"
        case .invalidIndexPrice(let underlying, let value):
            "index price of underlying \(underlying) = \(value) must be a positive finite number"
        case .invalidScenario(let scenario, let field, let value, let reason):
            "scenario \(scenario): \(field) = \(value) \(reason)"
        case .underlyingCountMismatch(let expected, let actual, let context):
            "\(context): \(actual) underlyings where \(expected) were expected"
        case .outputShapeMismatch(let expected, let actual):
            "revaluation output is \(actual) but the revaluation writes \(expected)"
        case .scenarioRangeOutOfBounds(let lower, let upper, let count):
            "scenario range \(lower)..<\(upper) is outside the set of \(count)"
        case .invalidVolShock(let field, let value, let reason):
            "vol shock \(field) = \(value) \(reason)"
        case .unknownPosition(let position, let count):
            "position \(position) is outside the book of \(count)"
        }
    }
}
