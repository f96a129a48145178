import CLAPACK

/// The two LAPACK calls the VaR models make, wrapped so that nothing else touches Fortran conventions.
///
/// Both routines see a symmetric matrix, whose row-major storage is its column-major storage; the results are
/// translated back to row-major here. The hidden CHARACTER lengths of gfortran's ABI are passed explicitly (see
/// `Sources/CLAPACK/shim.h`).
enum LAPACK {
    /// Factors a symmetric positive definite matrix as `L·Lᵀ` with `dpotrf`.
    ///
    /// - Returns: `L`, lower triangular with the strict upper triangle zeroed, or the 1-based pivot at which the
    ///   factorisation stopped (`info > 0`: the leading minor of that order is not positive definite).
    static func choleskyLower(_ matrix: SquareMatrix) -> Result<SquareMatrix, CholeskyPivotFailure> {
        var order = Int32(matrix.dimension)
        var leading = Int32(max(1, matrix.dimension))
        var info: Int32 = 0
        var entries = matrix.entries
        // 'U' on column-major storage computes A = UᵀU in the column-major upper triangle, which is the row-major
        // lower triangle of the same bytes: L = Uᵀ in row-major, with no transposition needed.
        entries.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            dpotrf_("U", &order, base, &leading, &info, 1)
        }
        precondition(info >= 0, "dpotrf rejected argument \(-info): the wrapper passed an illegal argument")
        if info > 0 { return .failure(CholeskyPivotFailure(pivot: Int(info))) }
        let n = matrix.dimension
        for row in 0..<n {
            for column in (row + 1)..<n { entries[row * n + column] = 0 }
        }
        return .success(SquareMatrix(dimension: n, entries: entries))
    }

    /// Eigenvalues (ascending) and orthonormal eigenvectors of a symmetric matrix, with `dsyev`.
    ///
    /// - Returns: `values[j]` and `vectors` with eigenvector `j` in row `j` (row-major).
    /// - Throws: `VaRError.lapackFailure` when the QR iteration does not converge.
    static func symmetricEigen(_ matrix: SquareMatrix) throws(VaRError) -> (values: [Double], vectors: SquareMatrix) {
        let n = matrix.dimension
        var order = Int32(n)
        var leading = Int32(max(1, n))
        var info: Int32 = 0
        var entries = matrix.entries
        var values = [Double](repeating: 0, count: n)
        // LAPACK's documented minimum is 3n − 1; 66n covers the blocked tridiagonal reduction's optimum for the
        // block sizes reference LAPACK and OpenBLAS use (nb ≤ 64), without a workspace query round trip.
        var workCount = Int32(max(1, 66 * n))
        var work = [Double](repeating: 0, count: Int(workCount))
        entries.withUnsafeMutableBufferPointer { a in
            values.withUnsafeMutableBufferPointer { w in
                work.withUnsafeMutableBufferPointer { work in
                    guard let a = a.baseAddress, let w = w.baseAddress, let work = work.baseAddress else { return }
                    dsyev_("V", "U", &order, a, &leading, w, work, &workCount, &info, 1, 1)
                }
            }
        }
        guard info == 0 else { throw .lapackFailure(routine: "dsyev", info: Int(info)) }
        // Column j of the column-major result is eigenvector j, which is row j when the bytes are read row-major.
        return (values, SquareMatrix(dimension: n, entries: entries))
    }
}

/// Where `dpotrf` stopped: the 1-based order of the first leading minor that is not positive definite.
struct CholeskyPivotFailure: Error, Sendable {
    let pivot: Int
}
