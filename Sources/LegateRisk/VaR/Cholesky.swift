/// The Cholesky factor `L` of a covariance or correlation matrix (`Σ = L·Lᵀ`), computed by LAPACK `dpotrf`.
///
/// Correlated normal shocks are `x = L·z` with `z` independent standard normals (risk-methodology §4.4). Inputs are
/// validated first (square, finite, symmetric; unit diagonal for correlations) because LAPACK reads one triangle
/// and would factor an asymmetric input silently.
public struct Cholesky: Sendable, Hashable {
    /// Lower triangular, strict upper triangle zero.
    public let lower: SquareMatrix

    /// The order of the factored matrix.
    public var dimension: Int { lower.dimension }

    init(lower: SquareMatrix) {
        self.lower = lower
    }

    /// Factors a covariance matrix, which must be positive definite (no repair: a covariance is built from vols and
    /// a correlation, and it is the correlation that gets repaired).
    ///
    /// - Throws: `VaRError` for a malformed input, or `.notPositiveDefinite` naming the failing pivot.
    public static func factor(covariance: SquareMatrix, what: String = "covariance") throws(VaRError) -> Cholesky {
        try covariance.validateCovariance(what: what)
        switch LAPACK.choleskyLower(covariance) {
        case .success(let lower): return Cholesky(lower: lower)
        case .failure(let failure): throw .notPositiveDefinite(what: what, pivot: failure.pivot)
        }
    }

    /// Factors a correlation matrix; one that is not positive definite is refused or repaired, by `policy`.
    ///
    /// - Throws: `VaRError` for a malformed input; `.notPositiveDefinite` under `.refuse`; `.repairFailed` when the
    ///   repaired matrix still cannot be factored.
    public static func factor(
        correlation: SquareMatrix,
        policy: CorrelationRepairPolicy,
        what: String = "correlation"
    ) throws(VaRError) -> CorrelationFactor {
        try correlation.validateCorrelation(what: what)
        let failedPivot: Int
        switch LAPACK.choleskyLower(correlation) {
        case .success(let lower):
            return CorrelationFactor(correlation: correlation, cholesky: Cholesky(lower: lower), repair: nil)
        case .failure(let failure): failedPivot = failure.pivot
        }
        let repaired = try CorrelationRepairer.repair(correlation, policy: policy, failedPivot: failedPivot, what: what)
        switch LAPACK.choleskyLower(repaired.matrix) {
        case .success(let lower):
            return CorrelationFactor(
                correlation: repaired.matrix,
                cholesky: Cholesky(lower: lower),
                repair: repaired.record
            )
        case .failure:
            throw .repairFailed(
                what: what,
                method: repaired.record.method,
                iterations: repaired.record.iterations,
                residual: repaired.record.frobeniusDistance
            )
        }
    }

    /// `x = L·z` for one draw, into caller storage; allocation-free, for the simulation loop.
    ///
    /// - Precondition: `z.count == dimension` and `x.count == dimension`.
    @inlinable
    public func correlate(_ z: UnsafeBufferPointer<Double>, into x: UnsafeMutableBufferPointer<Double>) {
        let n = lower.dimension
        precondition(z.count == n && x.count == n, "correlating a draw of the wrong size")
        lower.entries.withUnsafeBufferPointer { l in
            for row in 0..<n {
                var sum = 0.0
                for column in 0...row { sum += l[row * n + column] * z[column] }
                x[row] = sum
            }
        }
    }

    /// `L·Lᵀ`, the matrix this factor reproduces (for checks).
    public var reconstructed: SquareMatrix { lower.multiplied(by: lower.transposed) }
}
