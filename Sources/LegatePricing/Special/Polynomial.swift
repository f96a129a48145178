/// Polynomials with the coefficients listed in ascending powers, as papers tabulate them.
///
/// Evaluated by Estrin's scheme (pairs `c₂ₖ + c₂ₖ₊₁x` combined with powers `x²`, `x⁴`) rather than Horner's rule:
/// the same number of multiplications but a dependency chain of depth about log₂(n) instead of n, which is what
/// limits these latency-bound evaluations (6% of an implied-volatility solve). For the polynomials here (terms of
/// one sign or decreasing) the rounding error is as small as Horner's. Fixed-arity tuples rather than arrays: each
/// call inlines to straight-line code with the coefficients as constants, no allocation and no loop.
enum Polynomial {
    /// `c₀ + c₁x + c₂x²`.
    @inline(__always)
    static func evaluate(_ x: Double, _ c: (Double, Double, Double)) -> Double {
        (c.0 + x * c.1) + (x * x) * c.2
    }

    /// `c₀ + c₁x + … + c₃x³`.
    @inline(__always)
    static func evaluate(_ x: Double, _ c: (Double, Double, Double, Double)) -> Double {
        let x2 = x * x
        return (c.0 + x * c.1) + x2 * (c.2 + x * c.3)
    }

    /// `c₀ + c₁x + … + c₄x⁴`.
    @inline(__always)
    static func evaluate(_ x: Double, _ c: (Double, Double, Double, Double, Double)) -> Double {
        let x2 = x * x
        return (c.0 + x * c.1) + x2 * ((c.2 + x * c.3) + x2 * c.4)
    }

    /// `c₀ + c₁x + … + c₅x⁵`.
    @inline(__always)
    static func evaluate(_ x: Double, _ c: (Double, Double, Double, Double, Double, Double)) -> Double {
        let x2 = x * x
        return (c.0 + x * c.1) + x2 * ((c.2 + x * c.3) + x2 * (c.4 + x * c.5))
    }

    /// `c₀ + c₁x + … + c₆x⁶`.
    @inline(__always)
    static func evaluate(_ x: Double, _ c: (Double, Double, Double, Double, Double, Double, Double)) -> Double {
        let x2 = x * x
        let x4 = x2 * x2
        return ((c.0 + x * c.1) + x2 * (c.2 + x * c.3)) + x4 * ((c.4 + x * c.5) + x2 * c.6)
    }

    /// `c₀ + c₁x + … + c₇x⁷`.
    @inline(__always)
    static func evaluate(_ x: Double, _ c: (Double, Double, Double, Double, Double, Double, Double, Double)) -> Double {
        let x2 = x * x
        let x4 = x2 * x2
        return ((c.0 + x * c.1) + x2 * (c.2 + x * c.3)) + x4 * ((c.4 + x * c.5) + x2 * (c.6 + x * c.7))
    }

    /// `c₀ + c₁x + … + c₈x⁸`.
    @inline(__always)
    static func evaluate(
        _ x: Double,
        _ c: (Double, Double, Double, Double, Double, Double, Double, Double, Double)
    ) -> Double {
        let x2 = x * x
        let x4 = x2 * x2
        let low = (c.0 + x * c.1) + x2 * (c.2 + x * c.3)
        let high = (c.4 + x * c.5) + x2 * (c.6 + x * c.7)
        return low + x4 * (high + x4 * c.8)
    }
}
