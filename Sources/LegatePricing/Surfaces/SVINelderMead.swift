/// Nelder–Mead simplex minimiser in two dimensions, for the outer `(m, σ)` search of SVI calibration.
///
/// Two dimensions and a smooth, cheap objective do not justify a general optimiser; a fixed-coefficient simplex
/// (reflection 1, expansion 2, contraction ½, shrink ½) with deterministic tie-breaking is enough and gives the
/// same answer on every run and machine. Infeasible points are signalled by the objective returning `+infinity`,
/// which the simplex treats as "worse than anything" and contracts away from.
enum SVINelderMead {
    struct Result {
        var point: SIMD2<Double>
        var value: Double
        var evaluations: Int
    }

    /// Minimises `objective` from `start` with an initial simplex of axis steps `step`.
    ///
    /// Stops when every vertex is within `tolerance` of the best one in each coordinate, or after
    /// `iterationLimit` iterations.
    static func minimize(
        start: SIMD2<Double>,
        step: SIMD2<Double>,
        tolerance: Double,
        iterationLimit: Int,
        objective: (SIMD2<Double>) -> Double
    ) -> Result {
        var evaluations = 0
        func evaluate(_ x: SIMD2<Double>) -> Double {
            evaluations += 1
            let value = objective(x)
            return value.isNaN ? .infinity : value
        }
        var points = [start, start + SIMD2(step.x, 0), start + SIMD2(0, step.y)]
        var values = points.map(evaluate)
        for _ in 0..<iterationLimit {
            sortSimplex(&points, &values)
            if maxAbs(points[1] - points[0]) < tolerance, maxAbs(points[2] - points[0]) < tolerance { break }
            let centroid = (points[0] + points[1]) / 2
            let reflected = centroid + (centroid - points[2])
            let reflectedValue = evaluate(reflected)
            if reflectedValue < values[0] {
                let expanded = centroid + 2 * (centroid - points[2])
                let expandedValue = evaluate(expanded)
                (points[2], values[2]) =
                    expandedValue < reflectedValue ? (expanded, expandedValue) : (reflected, reflectedValue)
            } else if reflectedValue < values[1] {
                (points[2], values[2]) = (reflected, reflectedValue)
            } else {
                let outside = reflectedValue < values[2]
                let contracted = outside ? centroid + (reflected - centroid) / 2 : centroid + (points[2] - centroid) / 2
                let contractedValue = evaluate(contracted)
                if contractedValue < min(reflectedValue, values[2]) {
                    (points[2], values[2]) = (contracted, contractedValue)
                } else {
                    for index in 1...2 {
                        points[index] = points[0] + (points[index] - points[0]) / 2
                        values[index] = evaluate(points[index])
                    }
                }
            }
        }
        sortSimplex(&points, &values)
        return Result(point: points[0], value: values[0], evaluations: evaluations)
    }

    private static func maxAbs(_ vector: SIMD2<Double>) -> Double { max(abs(vector.x), abs(vector.y)) }

    /// Orders the three vertices best first; ties keep their order so the run is reproducible.
    private static func sortSimplex(_ points: inout [SIMD2<Double>], _ values: inout [Double]) {
        for pass in 0..<2 {
            for index in 0..<(2 - pass) where values[index + 1] < values[index] {
                points.swapAt(index, index + 1)
                values.swapAt(index, index + 1)
            }
        }
    }
}
