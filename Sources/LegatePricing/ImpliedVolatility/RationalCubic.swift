/// Shape-preserving rational cubic interpolation (Delbourgo & Gregory), used by "Let's Be Rational" to turn a few
/// exact points of the normalised Black function into an initial guess for the Householder iterations.
///
/// Sources: R. Delbourgo, J. A. Gregory, "Shape preserving piecewise rational interpolation", SIAM J. Sci. Stat.
/// Comput. 6 (1985) 967–976, formulas (2.4)/(2.5), (3.8) and (3.18); Jäckel, "Let's Be Rational" §5.
enum RationalCubic {
    /// One end of a segment: abscissa, value and slope.
    typealias Node = (x: Double, value: Double, slope: Double)

    /// The lower bound `−(1 − √ε)` on the control parameter `r` (`r > −1` keeps the denominator positive); written
    /// as a literal so that it is a compile-time constant.
    static let minimumControl = -0.9999999850988388

    /// `2/ε²`: a control parameter this large makes the interpolant linear.
    static let maximumControl = 4.056481920730334e31

    /// The rational cubic through both nodes with their slopes and control `r`, at `x`: formula (2.4) over (2.5).
    @inline(__always)
    static func interpolate(_ x: Double, from left: Node, to right: Node, control r: Double) -> Double {
        let width = right.x - left.x
        if !(width.magnitude > 0) {
            return 0.5 * (left.value + right.value)
        }
        let t = (x - left.x) * (1 / width)  // the reciprocal is ready before the control parameter is
        if !(r >= maximumControl) {
            let oneMinusT = 1 - t
            let t2 = t * t
            let oneMinusT2 = oneMinusT * oneMinusT
            let numerator =
                right.value * t2 * t + (r * right.value - width * right.slope) * t2 * oneMinusT
                + (r * left.value + width * left.slope) * t * oneMinusT2 + left.value * oneMinusT2 * oneMinusT
            return numerator / (1 + (r - 3) * t * oneMinusT)
        }
        // Linear interpolation without over- or underflow.
        return right.value * t + left.value * (1 - t)
    }

    /// The control parameter that matches a second derivative at the left end, raised to the minimum that keeps
    /// the interpolant monotone and convex (or concave) where the data are.
    @inline(__always)
    static func controlMatchingLeftCurvature(
        from left: Node,
        to right: Node,
        curvature: Double,
        preferShapePreservation: Bool
    ) -> Double {
        let width = right.x - left.x
        let secant = (right.value - left.value) * (1 / width)  // 1/width is off the critical path
        let fitted = controlRatio(0.5 * width * curvature + (right.slope - left.slope), secant - left.slope)
        let floor = minimumShapePreservingControl(
            left.slope,
            right.slope,
            secant,
            preferShapePreservation: preferShapePreservation
        )
        return max(fitted, floor)
    }

    /// The control parameter that matches a second derivative at the right end, raised to the shape-preserving
    /// minimum.
    @inline(__always)
    static func controlMatchingRightCurvature(
        from left: Node,
        to right: Node,
        curvature: Double,
        preferShapePreservation: Bool
    ) -> Double {
        let width = right.x - left.x
        let secant = (right.value - left.value) * (1 / width)  // 1/width is off the critical path
        let fitted = controlRatio(0.5 * width * curvature + (right.slope - left.slope), right.slope - secant)
        let floor = minimumShapePreservingControl(
            left.slope,
            right.slope,
            secant,
            preferShapePreservation: preferShapePreservation
        )
        return max(fitted, floor)
    }

    @inline(__always)
    private static func controlRatio(_ numerator: Double, _ denominator: Double) -> Double {
        if isZero(denominator) {
            return numerator > 0 ? maximumControl : minimumControl
        }
        return numerator / denominator
    }

    /// The smallest `r` that preserves monotonicity (3.8) and convexity (3.18) of data with end slopes `dₗ`, `dᵣ`
    /// and secant slope `secant`.
    @inline(__always)
    static func minimumShapePreservingControl(
        _ dL: Double,
        _ dR: Double,
        _ secant: Double,
        preferShapePreservation: Bool
    ) -> Double {
        let isMonotonic = dL * secant >= 0 && dR * secant >= 0
        let isConvex = dL <= secant && secant <= dR
        let isConcave = dL >= secant && secant >= dR
        if !isMonotonic && !isConvex && !isConcave {
            return minimumControl
        }
        var monotonicityControl = -Double.greatestFiniteMagnitude
        var convexityControl = -Double.greatestFiniteMagnitude
        if isMonotonic {
            if !isZero(secant) {
                monotonicityControl = (dR + dL) / secant
            } else if preferShapePreservation {
                monotonicityControl = maximumControl
            }
        }
        if isConvex || isConcave {
            let span = dR - dL
            let rightGap = dR - secant
            let leftGap = secant - dL
            if !(isZero(leftGap) || isZero(rightGap)) {
                convexityControl = max((span / rightGap).magnitude, (span / leftGap).magnitude)
            } else if preferShapePreservation {
                convexityControl = maximumControl
            }
        } else if isMonotonic && preferShapePreservation {
            convexityControl = maximumControl
        }
        return max(minimumControl, max(monotonicityControl, convexityControl))
    }

    @inline(__always)
    private static func isZero(_ x: Double) -> Bool {
        x.magnitude < Double.leastNormalMagnitude
    }
}
