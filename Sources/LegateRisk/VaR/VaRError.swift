/// An operating error of the VaR and expected-shortfall models: bad inputs or a matrix LAPACK cannot factor.
///
/// Every case names what was wrong and where (the row and column, the pivot, the field, the index), so a risk
/// manager reading it can find the offending entry in the file or market state it came from.
public enum VaRError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A matrix has no rows.
    case emptyMatrix(what: String)
    /// A matrix given as rows is not square: row `row` has `columns` entries, the matrix has `rows` rows.
    case matrixNotSquare(what: String, rows: Int, row: Int, columns: Int)
    /// An entry of a matrix is NaN or infinite.
    case nonFiniteEntry(what: String, row: Int, column: Int, value: Double)
    /// `A[row][column]` and `A[column][row]` differ by more than the tolerance.
    case notSymmetric(what: String, row: Int, column: Int, upper: Double, lower: Double, tolerance: Double)
    /// A correlation matrix has a diagonal entry that is not 1 within the tolerance.
    case diagonalNotUnit(what: String, index: Int, value: Double)
    /// A correlation lies outside [−1, 1].
    case correlationOutOfRange(what: String, row: Int, column: Int, value: Double)
    /// A covariance matrix has a negative or zero variance on its diagonal.
    case varianceNotPositive(what: String, index: Int, value: Double)
    /// LAPACK `dpotrf` stopped at `pivot` (1-based): the leading minor of that order is not positive definite.
    case notPositiveDefinite(what: String, pivot: Int)
    /// The repaired matrix still could not be factored, or the repair did not converge.
    case repairFailed(what: String, method: String, iterations: Int, residual: Double)
    /// A LAPACK routine reported an illegal argument or failed to converge.
    case lapackFailure(routine: String, info: Int)
    /// Two inputs that must agree in size do not.
    case dimensionMismatch(what: String, expected: Int, actual: Int)
    /// A series or vector that must hold data is empty.
    case emptySeries(what: String)
    /// A series is too short for what was asked of it.
    case seriesTooShort(what: String, count: Int, minimum: Int)
    /// A value that must be finite is NaN or infinite.
    case nonFiniteValue(what: String, index: Int, value: Double)
    /// A confidence level outside the open interval (0, 1).
    case confidenceOutOfRange(what: String, value: Double)
    /// A count that must be positive (paths, scenarios) is zero or negative.
    case countNotPositive(what: String, value: Int)
    /// A quantity that must be positive (horizon, vol, price) is zero, negative or NaN.
    case valueNotPositive(what: String, value: Double)
    /// A name (underlying, factor) that the model does not know.
    case unknownName(what: String, name: String)
    /// A risk factor list is inconsistent: a second factor of one kind for an underlying, an underlying without a
    /// spot factor, a negative underlying index.
    case invalidFactor(index: Int, reason: String)
    /// The full-revaluation kernel refused the book or the scenarios.
    case revaluation(ScenarioError)
    /// A line of a text input could not be read.
    case malformedLine(what: String, line: Int, reason: String)

    public var description: String {
        switch self {
        case .emptyMatrix(let what): "\(what): the matrix is empty"
        case .matrixNotSquare(let what, let rows, let row, let columns):
            "\(what): not square, row \(row) has \(columns) entries but there are \(rows) rows"
        case .nonFiniteEntry(let what, let row, let column, let value):
            "\(what): entry [\(row)][\(column)] is \(value), not finite"
        case .notSymmetric(let what, let row, let column, let upper, let lower, let tolerance):
            "\(what): not symmetric, [\(row)][\(column)] = \(upper) but [\(column)][\(row)] = \(lower)"
                + " (tolerance \(tolerance))"
        case .diagonalNotUnit(let what, let index, let value):
            "\(what): diagonal entry [\(index)][\(index)] is \(value), a correlation matrix needs 1"
        case .correlationOutOfRange(let what, let row, let column, let value):
            "\(what): correlation [\(row)][\(column)] = \(value) lies outside [-1, 1]"
        case .varianceNotPositive(let what, let index, let value):
            "\(what): variance [\(index)][\(index)] = \(value) is not positive"
        case .notPositiveDefinite(let what, let pivot):
            "\(what): not positive definite, Cholesky fails at pivot \(pivot) (leading minor of order \(pivot))"
        case .repairFailed(let what, let method, let iterations, let residual):
            "\(what): \(method) repair failed after \(iterations) iterations (residual \(residual))"
        case .lapackFailure(let routine, let info): "LAPACK \(routine) failed with info = \(info)"
        case .dimensionMismatch(let what, let expected, let actual):
            "\(what): expected \(expected) entries, got \(actual)"
        case .emptySeries(let what): "\(what): no data"
        case .seriesTooShort(let what, let count, let minimum): "\(what): \(count) values, at least \(minimum) needed"
        case .nonFiniteValue(let what, let index, let value): "\(what): value at index \(index) is \(value)"
        case .confidenceOutOfRange(let what, let value): "\(what): confidence \(value) is outside (0, 1)"
        case .countNotPositive(let what, let value): "\(what): \(value) is not a positive count"
        case .valueNotPositive(let what, let value): "\(what): \(value) is not positive"
        case .unknownName(let what, let name): "\(what): unknown name \"\(name)\""
        case .invalidFactor(let index, let reason): "risk factor \(index): \(reason)"
        case .revaluation(let error): "revaluation: \(error)"
        case .malformedLine(let what, let line, let reason): "\(what), line \(line): \(reason)"
        }
    }
}
