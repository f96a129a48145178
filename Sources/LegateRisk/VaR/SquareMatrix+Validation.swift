/// Input checks for covariance and correlation matrices, run before anything reaches LAPACK.
///
/// LAPACK reads one triangle only, so an asymmetric input would be factored silently as the symmetric matrix of its
/// upper triangle; and NaN makes `dpotrf` return garbage rather than an error. Both are refused here instead.
extension SquareMatrix {
    /// The default symmetry tolerance: absolute, because correlations and scaled covariances are of order one.
    public static let symmetryTolerance = 1e-12

    /// Checks that every entry is finite and the matrix is symmetric within `tolerance`, relative to the largest
    /// entry's magnitude (so daily covariances of order 1e-4 are held to the same relative standard as correlations).
    ///
    /// - Throws: `VaRError.emptyMatrix`, `.nonFiniteEntry` or `.notSymmetric` naming the entry.
    public func validateSymmetric(what: String, tolerance: Double = symmetryTolerance) throws(VaRError) {
        guard dimension > 0 else { throw .emptyMatrix(what: what) }
        var largest = 0.0
        for row in 0..<dimension {
            for column in 0..<dimension {
                let value = self[row, column]
                guard value.isFinite else { throw .nonFiniteEntry(what: what, row: row, column: column, value: value) }
                largest = max(largest, value.magnitude)
            }
        }
        for row in 0..<dimension {
            for column in (row + 1)..<dimension {
                let upper = self[row, column]
                let lower = self[column, row]
                if (upper - lower).magnitude > tolerance * largest {
                    throw .notSymmetric(
                        what: what,
                        row: row,
                        column: column,
                        upper: upper,
                        lower: lower,
                        tolerance: tolerance
                    )
                }
            }
        }
    }

    /// Checks a covariance matrix: finite, symmetric, positive variances.
    public func validateCovariance(what: String, tolerance: Double = symmetryTolerance) throws(VaRError) {
        try validateSymmetric(what: what, tolerance: tolerance)
        for index in 0..<dimension where !(self[index, index] > 0) {
            throw .varianceNotPositive(what: what, index: index, value: self[index, index])
        }
    }

    /// Checks a correlation matrix: finite, symmetric, unit diagonal and off-diagonal entries in [−1, 1], all within
    /// `tolerance`. Positive definiteness is left to the factorisation, which names the failing pivot.
    public func validateCorrelation(what: String, tolerance: Double = symmetryTolerance) throws(VaRError) {
        try validateSymmetric(what: what, tolerance: tolerance)
        for index in 0..<dimension where (self[index, index] - 1).magnitude > tolerance {
            throw .diagonalNotUnit(what: what, index: index, value: self[index, index])
        }
        for row in 0..<dimension {
            for column in 0..<dimension where self[row, column].magnitude > 1 + tolerance {
                throw .correlationOutOfRange(what: what, row: row, column: column, value: self[row, column])
            }
        }
    }
}
