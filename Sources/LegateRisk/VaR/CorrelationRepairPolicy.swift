/// What to do with a correlation matrix that is not positive definite (the caller chooses; settings name it).
///
/// Correlations estimated pairwise, over different windows, or edited by hand are often slightly indefinite, and a
/// Monte Carlo run cannot draw from them. Refusing is the safe default for a matrix someone typed; repairing is
/// right for an estimate, provided the run records that it happened and how far the matrix moved
/// (`CorrelationRepair`).
public enum CorrelationRepairPolicy: Sendable, Hashable, Codable {
    /// Refuse with `VaRError.notPositiveDefinite`, naming the pivot at which `dpotrf` stopped.
    case refuse
    /// Spectral clipping with diagonal re-normalisation (Rebonato & Jäckel, "The most general methodology to create a
    /// valid correlation matrix for risk management and option pricing purposes", Journal of Risk 2(2), 2000, §3):
    /// `C = VΛVᵀ`, eigenvalues below `floor` raised to `floor`, `B = V·√Λ′`, each row of `B` scaled to unit length,
    /// `C′ = BBᵀ`. One eigen-decomposition; not the nearest matrix, but close when few eigenvalues are negative.
    case clipEigenvalues(floor: Double)
    /// The nearest correlation matrix in the Frobenius norm (N. J. Higham, "Computing the nearest correlation
    /// matrix — a problem from finance", IMA Journal of Numerical Analysis 22 (2002) 329–343, Algorithm 3.3):
    /// alternating projections with Dykstra's correction between the matrices with eigenvalues ≥ `floor` and the
    /// matrices with unit diagonal, until successive iterates differ by less than `tolerance` (relative).
    /// `floor > 0` keeps the result strictly positive definite so that Cholesky succeeds.
    case nearestCorrelation(floor: Double, tolerance: Double, maxIterations: Int)
}

/// A record of a repair: which method, where the input failed, and how far the matrix moved.
public struct CorrelationRepair: Sendable, Hashable {
    /// `"clipEigenvalues"` or `"nearestCorrelation"`.
    public let method: String
    /// The pivot (1-based) at which `dpotrf` stopped on the input.
    public let failedPivot: Int
    /// The smallest eigenvalue of the input (negative or zero, since the input was not positive definite).
    public let smallestEigenvalueBefore: Double
    /// The Frobenius norm of (repaired − input).
    public let frobeniusDistance: Double
    /// Projection iterations (1 for clipping).
    public let iterations: Int
}

/// A correlation matrix ready for simulation: the matrix actually used, its Cholesky factor, and the repair if any.
public struct CorrelationFactor: Sendable, Hashable {
    /// The matrix that was factored: the input, or its repair.
    public let correlation: SquareMatrix
    /// Lower-triangular `L` with `correlation = L·Lᵀ`.
    public let cholesky: Cholesky
    /// Set when the input was not positive definite and the policy repaired it.
    public let repair: CorrelationRepair?
}
