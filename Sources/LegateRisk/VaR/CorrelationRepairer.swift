/// The two repairs of `CorrelationRepairPolicy`, both built on LAPACK `dsyev`.
enum CorrelationRepairer {
    /// A repaired matrix and the record of how it was obtained.
    struct Repaired {
        let matrix: SquareMatrix
        let record: CorrelationRepair
    }

    static func repair(
        _ input: SquareMatrix,
        policy: CorrelationRepairPolicy,
        failedPivot: Int,
        what: String
    ) throws(VaRError) -> Repaired {
        switch policy {
        case .refuse:
            throw .notPositiveDefinite(what: what, pivot: failedPivot)
        case .clipEigenvalues(let floor):
            try checkFloor(floor, what: what)
            let eigen = try LAPACK.symmetricEigen(input)
            let matrix = clipAndNormalise(eigen, floor: floor)
            let record = CorrelationRepair(
                method: "clipEigenvalues",
                failedPivot: failedPivot,
                smallestEigenvalueBefore: eigen.values.min() ?? 0,
                frobeniusDistance: matrix.frobeniusDistance(to: input),
                iterations: 1
            )
            return Repaired(matrix: matrix, record: record)
        case .nearestCorrelation(let floor, let tolerance, let maxIterations):
            try checkFloor(floor, what: what)
            guard tolerance > 0, tolerance.isFinite else {
                throw .valueNotPositive(what: "\(what) tolerance", value: tolerance)
            }
            guard maxIterations > 0 else {
                throw .countNotPositive(what: "\(what) maxIterations", value: maxIterations)
            }
            let smallest = try LAPACK.symmetricEigen(input).values.min() ?? 0
            let (matrix, iterations) = try nearestCorrelation(
                input,
                floor: floor,
                tolerance: tolerance,
                maxIterations: maxIterations,
                what: what
            )
            let record = CorrelationRepair(
                method: "nearestCorrelation",
                failedPivot: failedPivot,
                smallestEigenvalueBefore: smallest,
                frobeniusDistance: matrix.frobeniusDistance(to: input),
                iterations: iterations
            )
            return Repaired(matrix: matrix, record: record)
        }
    }

    private static func checkFloor(_ floor: Double, what: String) throws(VaRError) {
        guard floor > 0, floor < 1 else {
            throw .valueNotPositive(what: "\(what) eigenvalue floor in (0, 1)", value: floor)
        }
    }

    /// Rebonato–Jäckel: `B = V·√max(Λ, floor)`, rows of `B` scaled to unit length, `C′ = BBᵀ`.
    static func clipAndNormalise(_ eigen: (values: [Double], vectors: SquareMatrix), floor: Double) -> SquareMatrix {
        let n = eigen.values.count
        var b = SquareMatrix(dimension: n, entries: [Double](repeating: 0, count: n * n))
        for row in 0..<n {
            var norm = 0.0
            for column in 0..<n {
                // Component `row` of eigenvector `column`, times the clipped root.
                let value = eigen.vectors[column, row] * max(eigen.values[column], floor).squareRoot()
                b[row, column] = value
                norm += value * value
            }
            let scale = 1 / norm.squareRoot()
            for column in 0..<n { b[row, column] *= scale }
        }
        var result = b.multiplied(by: b.transposed)
        for index in 0..<n { result[index, index] = 1 }
        return result.symmetrised
    }

    /// `V·max(Λ, floor)·Vᵀ`: the nearest matrix (Frobenius) whose eigenvalues are all at least `floor`.
    static func projectOntoEigenvalueFloor(_ matrix: SquareMatrix, floor: Double) throws(VaRError) -> SquareMatrix {
        let eigen = try LAPACK.symmetricEigen(matrix)
        let n = matrix.dimension
        var result = SquareMatrix(dimension: n, entries: [Double](repeating: 0, count: n * n))
        for index in 0..<n {
            let value = max(eigen.values[index], floor)
            for row in 0..<n {
                let scaled = value * eigen.vectors[index, row]
                for column in 0..<n { result[row, column] += scaled * eigen.vectors[index, column] }
            }
        }
        return result.symmetrised
    }

    /// Higham (2002) Algorithm 3.3 with the eigenvalue floor as the positive-semidefinite set and `W = I`.
    static func nearestCorrelation(
        _ input: SquareMatrix,
        floor: Double,
        tolerance: Double,
        maxIterations: Int,
        what: String
    ) throws(VaRError) -> (SquareMatrix, Int) {
        let n = input.dimension
        var correction = SquareMatrix(dimension: n, entries: [Double](repeating: 0, count: n * n))
        var y = input
        var x = input
        for iteration in 1...maxIterations {
            var r = y
            for index in r.entries.indices { r.entries[index] -= correction.entries[index] }
            let previousX = x
            x = try projectOntoEigenvalueFloor(r, floor: floor)
            for index in correction.entries.indices { correction.entries[index] = x.entries[index] - r.entries[index] }
            let previousY = y
            y = x
            for index in 0..<n { y[index, index] = 1 }
            let norm = y.frobeniusDistance(
                to: SquareMatrix(dimension: n, entries: [Double](repeating: 0, count: n * n))
            )
            let change = max(
                x.frobeniusDistance(to: previousX),
                y.frobeniusDistance(to: previousY),
                y.frobeniusDistance(to: x)
            )
            if change <= tolerance * norm { return (y, iteration) }
        }
        throw .repairFailed(
            what: what,
            method: "nearestCorrelation",
            iterations: maxIterations,
            residual: y.frobeniusDistance(to: x)
        )
    }
}

extension SquareMatrix {
    /// `(A + Aᵀ)/2`, removing the rounding asymmetry of a product so the result passes validation.
    var symmetrised: SquareMatrix {
        var result = self
        for row in 0..<dimension {
            for column in (row + 1)..<dimension {
                let mean = 0.5 * (self[row, column] + self[column, row])
                result[row, column] = mean
                result[column, row] = mean
            }
        }
        return result
    }
}
