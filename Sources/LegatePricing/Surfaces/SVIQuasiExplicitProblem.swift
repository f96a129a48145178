/// The inner problem of Zeliade's quasi-explicit SVI calibration: for fixed `(m, σ)`, the best `(a, d, c)`.
///
/// With `y = (k − m)/σ`, raw SVI reads `w = a + d·y + c·√(y² + 1)` where `c = b·σ` and `d = ρ·b·σ`: linear in
/// `(a, d, c)`. Fitting it is a 3-variable weighted least-squares problem under linear constraints, solved exactly
/// here, which leaves only a smooth 2-D search over `(m, σ)` for the outer optimiser (Zeliade Systems, "Quasi-explicit
/// calibration of Gatheral's SVI model", 2009). The constraints are
///
/// - `|d| ≤ c` (so `b ≥ 0` and `|ρ| ≤ 1`),
/// - `c + |d| ≤ 2σ` (Roger Lee: both wing slopes `b(1 ± ρ)` at most 2),
/// - `a + c − |d| ≥ 0`, i.e. `a + bσ(1 − |ρ|) ≥ 0`, a linear sufficient condition for `a + bσ√(1−ρ²) ≥ 0`
///   (non-negative variance). It excludes only slices whose vertex is within `bσ(√(1−ρ²) − 1 + |ρ|)` of zero
///   variance (an ATM vertex with very low vol next to steep wings), rarely what a market smile needs, and keeps
///   the feasible set a polytope.
///
/// The objective is convex and the feasible set a polytope, so the minimum is the best feasible point among the
/// equality-constrained minima of every subset of at most three constraints taken as active (42 small KKT systems,
/// skipped when the unconstrained minimum is already feasible).
struct SVIQuasiExplicitProblem {
    /// One quote in total-variance terms.
    struct Point {
        var logMoneyness: Double
        var totalVariance: Double
        /// Weight on the squared variance residual; includes the `1/(2Tσ_market)²` that turns it into a vol residual.
        var weight: Double
    }

    /// The inner solution for one `(m, σ)`.
    struct Solution {
        var a: Double
        var d: Double
        var c: Double
        /// Weighted sum of squared variance residuals.
        var objective: Double
    }

    let points: [Point]

    /// Constraint rows `p·(a, d, c) ≤ q`, with `q = qScale·σ`.
    private static let constraints: [(p: SIMD3<Double>, qScale: Double)] = [
        (SIMD3(0, 1, -1), 0),  // d ≤ c
        (SIMD3(0, -1, -1), 0),  // −d ≤ c
        (SIMD3(0, 1, 1), SVISlice.leeWingSlopeBound),  // c + d ≤ 2σ
        (SIMD3(0, -1, 1), SVISlice.leeWingSlopeBound),  // c − d ≤ 2σ
        (SIMD3(-1, 1, -1), 0),  // a + c − d ≥ 0
        (SIMD3(-1, -1, -1), 0),  // a + c + d ≥ 0
    ]

    /// Every subset of at most three constraint indices, fixed once so the search order is deterministic.
    private static let activeSets: [[Int]] = {
        var sets: [[Int]] = [[]]
        for i in 0..<6 {
            sets.append([i])
            for j in (i + 1)..<6 {
                sets.append([i, j])
                for k in (j + 1)..<6 { sets.append([i, j, k]) }
            }
        }
        return sets
    }()

    /// Solves the constrained least squares for fixed `m` and `sigma`; `nil` only if no subset yields a point.
    func solve(m: Double, sigma: Double) -> Solution? {
        var hessian = (SIMD3<Double>(), SIMD3<Double>(), SIMD3<Double>())
        var gradient = SIMD3<Double>()
        var constant = 0.0
        for point in points {
            let y = (point.logMoneyness - m) / sigma
            let row = SIMD3(1, y, (y * y + 1).squareRoot())
            let weighted = point.weight * row
            hessian.0 += weighted * row.x
            hessian.1 += weighted * row.y
            hessian.2 += weighted * row.z
            gradient += weighted * point.totalVariance
            constant += point.weight * point.totalVariance * point.totalVariance
        }
        let rows = [hessian.0, hessian.1, hessian.2]
        var best: Solution?
        for active in Self.activeSets {
            guard let x = Self.solveKKT(hessian: rows, gradient: gradient, active: active, sigma: sigma) else {
                continue
            }
            guard Self.isFeasible(x, sigma: sigma) else { continue }
            let hx = SIMD3((rows[0] * x).sum(), (rows[1] * x).sum(), (rows[2] * x).sum())
            let objective = max(0, (x * hx).sum() - 2 * (gradient * x).sum() + constant)
            if objective < best?.objective ?? .infinity {
                best = Solution(a: x.x, d: x.y, c: x.z, objective: objective)
            }
            // A feasible unconstrained minimum (the empty active set, tried first) is the constrained one too.
            if active.isEmpty, best != nil { break }
        }
        // The expanded quadratic loses digits to cancellation near a perfect fit; re-measure the winner directly so
        // the outer search can converge below that noise floor.
        if var winner = best {
            winner.objective = residualSum(a: winner.a, d: winner.d, c: winner.c, m: m, sigma: sigma)
            best = winner
        }
        return best
    }

    /// Weighted sum of squared variance residuals, summed term by term.
    private func residualSum(a: Double, d: Double, c: Double, m: Double, sigma: Double) -> Double {
        var sum = 0.0
        for point in points {
            let y = (point.logMoneyness - m) / sigma
            let residual = a + d * y + c * (y * y + 1).squareRoot() - point.totalVariance
            sum += point.weight * residual * residual
        }
        return sum
    }

    private static func isFeasible(_ x: SIMD3<Double>, sigma: Double) -> Bool {
        let slack = 1e-12 * max(1, abs(x.x) + abs(x.y) + abs(x.z))
        return constraints.allSatisfy { ($0.p * x).sum() <= $0.qScale * sigma + slack }
    }

    /// Minimises `xᵀHx − 2gᵀx` subject to the `active` constraints holding with equality (Gaussian elimination
    /// with partial pivoting on the KKT system); `nil` when the system is singular.
    private static func solveKKT(
        hessian: [SIMD3<Double>],
        gradient: SIMD3<Double>,
        active: [Int],
        sigma: Double
    ) -> SIMD3<Double>? {
        let size = 3 + active.count
        var matrix = [Double](repeating: 0, count: size * (size + 1))
        func set(_ row: Int, _ column: Int, _ value: Double) { matrix[row * (size + 1) + column] = value }
        for row in 0..<3 {
            for column in 0..<3 { set(row, column, hessian[row][column]) }
            set(row, size, gradient[row])
        }
        for (offset, index) in active.enumerated() {
            let constraint = constraints[index]
            for column in 0..<3 {
                // Stationarity rows read Hx + Aᵀλ = g; the multipliers themselves are not needed.
                set(column, 3 + offset, constraint.p[column])
                set(3 + offset, column, constraint.p[column])
            }
            set(3 + offset, size, constraint.qScale * sigma)
        }
        guard let solution = gaussianElimination(&matrix, size: size) else { return nil }
        return SIMD3(solution[0], solution[1], solution[2])
    }

    /// Solves the `size × size` system stored row-major with its right-hand side as column `size`.
    private static func gaussianElimination(_ matrix: inout [Double], size: Int) -> [Double]? {
        let width = size + 1
        let scale = matrix.reduce(0) { max($0, abs($1)) }
        guard scale > 0, scale.isFinite else { return nil }
        for pivot in 0..<size {
            var best = pivot
            for row in (pivot + 1)..<size where abs(matrix[row * width + pivot]) > abs(matrix[best * width + pivot]) {
                best = row
            }
            guard abs(matrix[best * width + pivot]) > 1e-13 * scale else { return nil }
            if best != pivot {
                for column in 0..<width { matrix.swapAt(pivot * width + column, best * width + column) }
            }
            for row in (pivot + 1)..<size {
                let factor = matrix[row * width + pivot] / matrix[pivot * width + pivot]
                guard factor != 0 else { continue }
                for column in pivot..<width { matrix[row * width + column] -= factor * matrix[pivot * width + column] }
            }
        }
        var solution = [Double](repeating: 0, count: size)
        for row in stride(from: size - 1, through: 0, by: -1) {
            var sum = matrix[row * width + size]
            for column in (row + 1)..<size { sum -= matrix[row * width + column] * solution[column] }
            solution[row] = sum / matrix[row * width + row]
        }
        return solution
    }
}
