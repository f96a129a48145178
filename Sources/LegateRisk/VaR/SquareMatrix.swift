/// A dense square matrix of `Double`, row-major, for covariances, correlations and their Cholesky factors.
///
/// Row-major storage of a symmetric matrix is also its column-major storage, so the entries go to LAPACK as they
/// are. The type does no algebra beyond what the VaR models need; validation lives in `SquareMatrix+Validation`.
public struct SquareMatrix: Sendable, Hashable {
    /// The number of rows (and columns).
    public let dimension: Int
    /// `dimension × dimension` entries, row after row.
    public internal(set) var entries: [Double]

    /// Creates a matrix from its rows.
    ///
    /// - Parameters:
    ///   - rows: The rows; each must have as many entries as there are rows.
    ///   - what: Names the matrix in errors (`"correlation of BTC, ETH"`).
    /// - Throws: `VaRError.emptyMatrix` or `.matrixNotSquare` naming the first short or long row.
    public init(rows: [[Double]], what: String = "matrix") throws(VaRError) {
        guard !rows.isEmpty else { throw .emptyMatrix(what: what) }
        for (index, row) in rows.enumerated() where row.count != rows.count {
            throw .matrixNotSquare(what: what, rows: rows.count, row: index, columns: row.count)
        }
        dimension = rows.count
        entries = rows.flatMap(\.self)
    }

    /// Creates a matrix from row-major entries; their count must be a square.
    public init(dimension: Int, entries: [Double]) {
        precondition(dimension >= 0 && entries.count == dimension * dimension, "a square matrix needs n² entries")
        self.dimension = dimension
        self.entries = entries
    }

    /// The identity of order `dimension`.
    public static func identity(_ dimension: Int) -> SquareMatrix {
        var matrix = SquareMatrix(dimension: dimension, entries: [Double](repeating: 0, count: dimension * dimension))
        for index in 0..<dimension { matrix[index, index] = 1 }
        return matrix
    }

    public subscript(row: Int, column: Int) -> Double {
        get { entries[row * dimension + column] }
        set { entries[row * dimension + column] = newValue }
    }

    /// The rows, for display and for tests.
    public var rows: [[Double]] {
        (0..<dimension).map { row in Array(entries[(row * dimension)..<((row + 1) * dimension)]) }
    }

    /// The Frobenius norm of `self − other`, how far a repaired matrix moved from the input.
    public func frobeniusDistance(to other: SquareMatrix) -> Double {
        precondition(dimension == other.dimension, "distance between matrices of different orders")
        var sum = 0.0
        for index in entries.indices {
            let difference = entries[index] - other.entries[index]
            sum += difference * difference
        }
        return sum.squareRoot()
    }

    /// `self · vector`.
    public func multiplied(by vector: [Double]) -> [Double] {
        precondition(vector.count == dimension, "matrix-vector product needs a vector of the matrix's order")
        var result = [Double](repeating: 0, count: dimension)
        for row in 0..<dimension {
            var sum = 0.0
            for column in 0..<dimension { sum += entries[row * dimension + column] * vector[column] }
            result[row] = sum
        }
        return result
    }

    /// `self · other`.
    public func multiplied(by other: SquareMatrix) -> SquareMatrix {
        precondition(dimension == other.dimension, "product of matrices of different orders")
        let n = dimension
        var result = [Double](repeating: 0, count: n * n)
        for row in 0..<n {
            for middle in 0..<n {
                let left = entries[row * n + middle]
                if left == 0 { continue }
                for column in 0..<n { result[row * n + column] += left * other.entries[middle * n + column] }
            }
        }
        return SquareMatrix(dimension: n, entries: result)
    }

    /// The transpose.
    public var transposed: SquareMatrix {
        var result = self
        for row in 0..<dimension {
            for column in 0..<dimension { result[column, row] = self[row, column] }
        }
        return result
    }

    /// The sum of the diagonal.
    public var trace: Double {
        var sum = 0.0
        for index in 0..<dimension { sum += self[index, index] }
        return sum
    }
}
