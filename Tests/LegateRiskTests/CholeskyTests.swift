// Proves the Cholesky factorisation through LAPACK dpotrf: hand-checkable factors, every malformed input refused with
// a typed error naming the entry, a non-positive-definite matrix refused at its pivot, and both repairs giving a
// positive definite correlation matrix close to the input (Higham's published example to four decimals).

import Testing

@testable import LegateRisk

@Suite struct CholeskyTests {
    /// The classic 3×3 example (e.g. Wikipedia "Cholesky decomposition"): [[4,12,−16],[12,37,−43],[−16,−43,98]] has
    /// L = [[2,0,0],[6,1,0],[−8,5,3]], which one checks by multiplying out.
    @Test func covarianceFactorEqualsHandValue() throws {
        let covariance = try SquareMatrix(rows: [[4, 12, -16], [12, 37, -43], [-16, -43, 98]])
        let factor = try Cholesky.factor(covariance: covariance)
        #expect(factor.lower.rows == [[2, 0, 0], [6, 1, 0], [-8, 5, 3]])
        #expect(factor.reconstructed == covariance)
    }

    /// [[1, ρ],[ρ, 1]] = L·Lᵀ with L = [[1, 0],[ρ, √(1 − ρ²)]].
    @Test func correlationFactorEqualsHandValue() throws {
        let correlation = try SquareMatrix(rows: [[1, 0.6], [0.6, 1]])
        let factor = try Cholesky.factor(correlation: correlation, policy: .refuse)
        #expect(factor.repair == nil)
        #expect(factor.cholesky.lower[0, 0] == 1)
        #expect(factor.cholesky.lower[0, 1] == 0)
        #expect(factor.cholesky.lower[1, 0] == 0.6)
        #expect(abs(factor.cholesky.lower[1, 1] - 0.8) < 1e-15)
    }

    @Test func correlateMultipliesByTheLowerFactor() throws {
        let factor = try Cholesky.factor(
            covariance: try SquareMatrix(rows: [[4, 12, -16], [12, 37, -43], [-16, -43, 98]])
        )
        let z = [1.0, -1.0, 0.5]
        var x = [Double](repeating: 0, count: 3)
        z.withUnsafeBufferPointer { z in x.withUnsafeMutableBufferPointer { factor.correlate(z, into: $0) } }
        let expected: [Double] = [2, 5, -11.5]  // (2·1, 6·1 + 1·(−1), −8·1 + 5·(−1) + 3·0.5)
        #expect(x == expected)
    }

    /// ρ₁₂ = ρ₁₃ = 0.9 and ρ₂₃ = −0.9 cannot hold together: the leading 2×2 minor is fine, the 3×3 is not.
    @Test func nonPositiveDefiniteIsRefusedAtItsPivot() throws {
        let matrix = try SquareMatrix(rows: [[1, 0.9, 0.9], [0.9, 1, -0.9], [0.9, -0.9, 1]])
        #expect(throws: VaRError.notPositiveDefinite(what: "correlation", pivot: 3)) {
            try Cholesky.factor(correlation: matrix, policy: .refuse)
        }
        #expect(throws: VaRError.notPositiveDefinite(what: "covariance", pivot: 3)) {
            try Cholesky.factor(covariance: matrix)
        }
    }

    /// Higham (2002), p. 334: the nearest correlation matrix to [[1,1,0],[1,1,1],[0,1,1]] has off-diagonal entries
    /// 0.7607 and 0.1573 (to the four decimals the paper prints).
    @Test func nearestCorrelationReproducesHighamExample() throws {
        let input = try SquareMatrix(rows: [[1, 1, 0], [1, 1, 1], [0, 1, 1]])
        let factor = try Cholesky.factor(
            correlation: input,
            policy: .nearestCorrelation(floor: 1e-8, tolerance: 1e-10, maxIterations: 10_000)
        )
        let repaired = factor.correlation
        #expect(abs(repaired[0, 1] - 0.7607) < 5e-5)
        #expect(abs(repaired[1, 2] - 0.7607) < 5e-5)
        #expect(abs(repaired[0, 2] - 0.1573) < 5e-5)
        for index in 0..<3 { #expect(repaired[index, index] == 1) }
        let repair = try #require(factor.repair)
        #expect(repair.method == "nearestCorrelation")
        #expect(repair.failedPivot == 2)
        #expect(repair.smallestEigenvalueBefore < 0)
        #expect(isClose(factor.cholesky.reconstructed.frobeniusDistance(to: repaired), 0, absolute: 1e-12))
    }

    /// NAG g02aa's example (from Higham 2002): the tridiagonal [2, −1] matrix, which has a diagonal of 2 and is not a
    /// correlation matrix, so it goes to the projection directly. Published result to 8 decimals.
    @Test func nearestCorrelationReproducesNAGExample() throws {
        let input = try SquareMatrix(rows: [[2, -1, 0, 0], [-1, 2, -1, 0], [0, -1, 2, -1], [0, 0, -1, 2]])
        let (result, _) = try CorrelationRepairer.nearestCorrelation(
            input,
            floor: 1e-12,
            tolerance: 1e-12,
            maxIterations: 100_000,
            what: "NAG example"
        )
        let expected: [[Double]] = [
            [1, -0.8084125, 0.1915875, 0.10677505],
            [-0.8084125, 1, -0.65623269, 0.1915875],
            [0.1915875, -0.65623269, 1, -0.8084125],
            [0.10677505, 0.1915875, -0.8084125, 1],
        ]
        for row in 0..<4 {
            for column in 0..<4 { #expect(abs(result[row, column] - expected[row][column]) < 1e-7) }
        }
    }

    /// Rebonato–Jäckel clipping gives a unit-diagonal, positive definite matrix that stays close to the input and
    /// keeps the signs of the correlations.
    @Test func eigenvalueClippingGivesCloseUnitDiagonalMatrix() throws {
        let input = try SquareMatrix(rows: [[1, 0.9, 0.9], [0.9, 1, -0.9], [0.9, -0.9, 1]])
        let factor = try Cholesky.factor(correlation: input, policy: .clipEigenvalues(floor: 1e-6))
        let repaired = factor.correlation
        try repaired.validateCorrelation(what: "repaired")
        let eigen = try LAPACK.symmetricEigen(repaired)
        #expect(try #require(eigen.values.min()) > 0)
        let repair = try #require(factor.repair)
        #expect(repair.method == "clipEigenvalues")
        #expect(repair.frobeniusDistance < 1.0)
        for row in 0..<3 {
            for column in 0..<3 where row != column {
                #expect((repaired[row, column] > 0) == (input[row, column] > 0))
            }
        }
    }

    /// Higham's matrix minimises the Frobenius distance, so on an asymmetric example it is strictly closer than the
    /// clipped one (numpy reference: 0.438257 against 0.440109 for this input with floor 1e-6).
    @Test func nearestCorrelationIsCloserThanClipping() throws {
        let input = try SquareMatrix(rows: [[1, 0.9, 0.7], [0.9, 1, -0.4], [0.7, -0.4, 1]])
        let clipped = try #require(
            try Cholesky.factor(correlation: input, policy: .clipEigenvalues(floor: 1e-6)).repair
        )
        let nearest = try #require(
            try Cholesky.factor(
                correlation: input,
                policy: .nearestCorrelation(floor: 1e-6, tolerance: 1e-12, maxIterations: 100_000)
            ).repair
        )
        #expect(abs(clipped.frobeniusDistance - 0.440109) < 1e-5)
        #expect(abs(nearest.frobeniusDistance - 0.438257) < 1e-5)
        #expect(nearest.frobeniusDistance < clipped.frobeniusDistance)
    }

    @Test func eigenDecompositionOfKnownMatrix() throws {
        // [[2, 1],[1, 2]] has eigenvalues 1 and 3 with eigenvectors (1, −1)/√2 and (1, 1)/√2.
        let eigen = try LAPACK.symmetricEigen(try SquareMatrix(rows: [[2, 1], [1, 2]]))
        #expect(abs(eigen.values[0] - 1) < 1e-14)
        #expect(abs(eigen.values[1] - 3) < 1e-14)
        #expect(abs(abs(eigen.vectors[1, 0]) - 0.5.squareRoot()) < 1e-14)
        #expect(abs(eigen.vectors[1, 0] - eigen.vectors[1, 1]) < 1e-14)
    }

    // MARK: - Every bad input gives a typed error

    @Test func nonSquareIsRefused() {
        #expect(throws: VaRError.matrixNotSquare(what: "m", rows: 2, row: 1, columns: 1)) {
            try SquareMatrix(rows: [[1, 0], [0]], what: "m")
        }
        #expect(throws: VaRError.emptyMatrix(what: "m")) { try SquareMatrix(rows: [], what: "m") }
    }

    @Test func nanIsRefused() throws {
        let matrix = try SquareMatrix(rows: [[1, .nan], [.nan, 1]])
        #expect(throws: VaRError.self) { try Cholesky.factor(correlation: matrix, policy: .refuse) }
        do {
            _ = try Cholesky.factor(covariance: matrix)
            Issue.record("NaN accepted")
        } catch {
            guard case .nonFiniteEntry(_, 0, 1, let value) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(value.isNaN)
        }
    }

    @Test func asymmetricIsRefused() throws {
        let matrix = try SquareMatrix(rows: [[1, 0.5], [0.4, 1]])
        #expect(
            throws: VaRError.notSymmetric(
                what: "correlation",
                row: 0,
                column: 1,
                upper: 0.5,
                lower: 0.4,
                tolerance: 1e-12
            )
        ) {
            try Cholesky.factor(correlation: matrix, policy: .refuse)
        }
    }

    /// Symmetry is judged relative to the largest entry: a daily covariance (entries ~1e-4) with a 1e-9 relative
    /// asymmetry is refused, one with rounding-level asymmetry (1e-15 relative) is accepted.
    @Test func symmetryToleranceIsRelativeToTheMatrixScale() throws {
        let variance = 4e-4
        let covariance = 1.2e-4
        let skewed = try SquareMatrix(rows: [[variance, covariance], [covariance * (1 + 1e-9), 1e-4]])
        #expect(throws: VaRError.self) { try Cholesky.factor(covariance: skewed) }
        let rounded = try SquareMatrix(rows: [[variance, covariance], [covariance * (1 + 1e-15), 1e-4]])
        #expect(try Cholesky.factor(covariance: rounded).lower[0, 0] == 0.02)
    }

    @Test func correlationNeedsUnitDiagonalAndEntriesWithinOne() throws {
        #expect(throws: VaRError.diagonalNotUnit(what: "correlation", index: 1, value: 2)) {
            try Cholesky.factor(correlation: try SquareMatrix(rows: [[1, 0], [0, 2]]), policy: .refuse)
        }
        #expect(throws: VaRError.correlationOutOfRange(what: "correlation", row: 0, column: 1, value: 1.5)) {
            try Cholesky.factor(correlation: try SquareMatrix(rows: [[1, 1.5], [1.5, 1]]), policy: .refuse)
        }
    }

    @Test func covarianceNeedsPositiveVariances() throws {
        #expect(throws: VaRError.varianceNotPositive(what: "covariance", index: 0, value: 0)) {
            try Cholesky.factor(covariance: try SquareMatrix(rows: [[0, 0], [0, 1]]))
        }
    }

    @Test func repairParametersAreChecked() throws {
        let matrix = try SquareMatrix(rows: [[1, 0.9, 0.9], [0.9, 1, -0.9], [0.9, -0.9, 1]])
        #expect(throws: VaRError.self) { try Cholesky.factor(correlation: matrix, policy: .clipEigenvalues(floor: 0)) }
        #expect(throws: VaRError.self) {
            try Cholesky.factor(
                correlation: matrix,
                policy: .nearestCorrelation(floor: 1e-8, tolerance: 1e-10, maxIterations: 0)
            )
        }
        // One iteration cannot reach a 1e-14 tolerance: the error names the method and the iterations spent.
        let error = #expect(throws: VaRError.self) {
            try Cholesky.factor(
                correlation: matrix,
                policy: .nearestCorrelation(floor: 1e-8, tolerance: 1e-14, maxIterations: 1)
            )
        }
        guard case .repairFailed(_, "nearestCorrelation", 1, let residual) = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(residual > 0)
    }
}
