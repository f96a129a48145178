/// Polynomials by Horner's rule, with the coefficients listed in ascending powers as papers tabulate them.
///
/// Fixed-arity tuples rather than arrays: each call inlines to a straight chain of multiply–adds with the
/// coefficients as constants, no allocation and no loop, and the coefficient lists stay easy to check against
/// their sources.
enum Polynomial {
    /// `c₀ + c₁x + c₂x² + c₃x³`.
    @inline(__always)
    static func evaluate(_ x: Double, _ c: (Double, Double, Double, Double)) -> Double {
        c.0 + x * (c.1 + x * (c.2 + x * c.3))
    }

    /// `c₀ + c₁x + … + c₄x⁴`.
    @inline(__always)
    static func evaluate(_ x: Double, _ c: (Double, Double, Double, Double, Double)) -> Double {
        c.0 + x * (c.1 + x * (c.2 + x * (c.3 + x * c.4)))
    }

    /// `c₀ + c₁x + … + c₅x⁵`.
    @inline(__always)
    static func evaluate(_ x: Double, _ c: (Double, Double, Double, Double, Double, Double)) -> Double {
        c.0 + x * (c.1 + x * (c.2 + x * (c.3 + x * (c.4 + x * c.5))))
    }

    /// `c₀ + c₁x + … + c₆x⁶`.
    @inline(__always)
    static func evaluate(_ x: Double, _ c: (Double, Double, Double, Double, Double, Double, Double)) -> Double {
        c.0 + x * (c.1 + x * (c.2 + x * (c.3 + x * (c.4 + x * (c.5 + x * c.6)))))
    }

    /// `c₀ + c₁x + … + c₇x⁷`.
    @inline(__always)
    static func evaluate(_ x: Double, _ c: (Double, Double, Double, Double, Double, Double, Double, Double)) -> Double {
        c.0 + x * (c.1 + x * (c.2 + x * (c.3 + x * (c.4 + x * (c.5 + x * (c.6 + x * c.7))))))
    }

    /// `c₀ + c₁x + … + c₈x⁸`.
    @inline(__always)
    static func evaluate(
        _ x: Double,
        _ c: (Double, Double, Double, Double, Double, Double, Double, Double, Double)
    ) -> Double {
        c.0 + x * (c.1 + x * (c.2 + x * (c.3 + x * (c.4 + x * (c.5 + x * (c.6 + x * (c.7 + x * c.8)))))))
    }
}
