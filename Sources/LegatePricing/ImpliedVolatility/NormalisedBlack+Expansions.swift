import RealModule

/// The two series forms of the scaled normalised Black function `bₓ = b/(∂b/∂s) = Y(h+t) − Y(h−t)`, where
/// `Y(z) = Φ(z)/φ(z)`, `h = θx/s < 0` and `t = s/2` (Jäckel, "Let's Be Rational", §3; 2024 reference implementation).
extension NormalisedBlack {
    // MARK: - Region I: asymptotic expansion for h < η

    /// `bₓ` for `h < η = −13` and `t < τ + ½ + |h| − |η|` by the asymptotic expansion of Mills' ratio.
    ///
    /// Abramowitz & Stegun 26.2.12 gives `Y(z) = Σₙ (−1)ⁿ (2n−1)!!/|z|^{2n+1}` for `z → −∞`. With `u = −(h+t)`,
    /// `v = t−h`, `r = u·v = (h+t)(h−t)`, `e = (t/h)²` and `q = (h/r)²`, the difference collapses to
    ///
    ///     bₓ = (t/r)·Σₙ Aₙ(e)·qⁿ,   Aₙ(e) = 2·(−1)ⁿ·(2n−1)!!·Σⱼ C(2n+1, 2j+1)·eʲ
    ///
    /// (expand `((1+√e)^{2n+1} − (1−√e)^{2n+1})/√e`). The series is divergent, so it is cut at the order where its
    /// terms are smallest; the cut-offs in `−h−t+τ+½` are Jäckel's (2024), giving relative accuracy near `ε`.
    static func asymptoticScaledPrice(h: Double, t: Double) -> Double {
        let e = (t / h) * (t / h)
        let r = (h + t) * (h - t)
        let q = (h / r) * (h / r)
        let highestOrder = asymptoticHighestOrder(-h - t + smallTThreshold + 0.5)
        var omega = 0.0
        var order = highestOrder
        while order >= 0 {
            omega = asymptoticCoefficient(order, e) + q * omega
            order -= 1
        }
        return (t / r) * omega
    }

    /// The order at which the divergent series is cut for a given `−h−t+τ+½` (the further out, the fewer terms).
    @inline(__always)
    private static func asymptoticHighestOrder(_ distance: Double) -> Int {
        // Jäckel (2024): with these cut-offs the first term left out is below ε relative to the sum.
        let cutoffs = (12.347, 12.958, 13.729, 14.718, 16.016, 17.769, 20.221, 23.816, 29.419, 38.93, 57.171, 99.347)
        var passed = 0
        if distance >= cutoffs.0 { passed += 1 }
        if distance >= cutoffs.1 { passed += 1 }
        if distance >= cutoffs.2 { passed += 1 }
        if distance >= cutoffs.3 { passed += 1 }
        if distance >= cutoffs.4 { passed += 1 }
        if distance >= cutoffs.5 { passed += 1 }
        if distance >= cutoffs.6 { passed += 1 }
        if distance >= cutoffs.7 { passed += 1 }
        if distance >= cutoffs.8 { passed += 1 }
        if distance >= cutoffs.9 { passed += 1 }
        if distance >= cutoffs.10 { passed += 1 }
        if distance >= cutoffs.11 { passed += 1 }
        return asymptoticMaximumOrder - passed
    }

    /// The highest order kept closest to the region boundary.
    private static let asymptoticMaximumOrder = 16

    /// `Aₙ(e)` by Horner's rule from the precomputed polynomial coefficients.
    @inline(__always)
    private static func asymptoticCoefficient(_ order: Int, _ e: Double) -> Double {
        let start = order * (order + 1) / 2
        var value = 0.0
        var power = order
        while power >= 0 {
            value = value * e + asymptoticPolynomials[start + power]
            power -= 1
        }
        return value
    }

    /// `2·(−1)ⁿ·(2n−1)!!·C(2n+1, 2j+1)` for `n = 0…16`, `j = 0…n`, flattened row by row (row `n` starts at
    /// `n(n+1)/2`). `A₂(e) = 30 + 60e + 6e²` as in Jäckel's listing.
    private static let asymptoticPolynomials: [Double] = {
        var coefficients: [Double] = []
        coefficients.reserveCapacity((asymptoticMaximumOrder + 1) * (asymptoticMaximumOrder + 2) / 2)
        var doubleFactorial = 1.0  // (2n−1)!!
        for order in 0...asymptoticMaximumOrder {
            if order > 0 {
                doubleFactorial *= Double(2 * order - 1)
            }
            let leading = (order.isMultiple(of: 2) ? 2.0 : -2.0) * doubleFactorial
            var binomial = Double(2 * order + 1)  // C(2n+1, 1)
            for j in 0...order {
                coefficients.append(leading * binomial)
                // C(2n+1, 2j+3) = C(2n+1, 2j+1)·(2n−2j)(2n−2j−1)/((2j+2)(2j+3))
                let m = Double(2 * order + 1)
                let k = Double(2 * j + 1)
                binomial *= (m - k) * (m - k - 1) / ((k + 1) * (k + 2))
            }
        }
        return coefficients
    }()

    // MARK: - Region II: Taylor expansion in small t

    /// `bₓ` for small `t` by the Taylor expansion of `Y(h+t) − Y(h−t)` in `t` to twelfth order.
    ///
    /// Every odd derivative of `Y` is a polynomial in `h` plus one in `h` times `a = Y′(h) = 1 + h·Y(h)`, which gives
    /// the coefficients `Bₖ` below (Jäckel 2013 eq. (3.4), as regrouped in the 2024 implementation). Accurate to `ε`
    /// for `t < τ = 2·ε^{1/16}`; the only delicate input is `a`, computed by ``derivativeOfMillsRatio(_:)``. The
    /// divisions by the factorial denominators are multiplications by their reciprocals (half an ulp in terms that
    /// are at most `t² < 0.045` of the leading one).
    static func smallTScaledPrice(h: Double, t: Double) -> Double {
        let a = derivativeOfMillsRatio(h)
        let g = h * h
        let b1 = (-1 + a * (3 + g)) * (1.0 / 3)
        let b2 = (-7 - g + a * Polynomial.evaluate(g, (15, 10, 1))) * (1.0 / 60)
        let b3 = (Polynomial.evaluate(g, (-57, -18, -1)) + a * Polynomial.evaluate(g, (105, 105, 21, 1))) * (1.0 / 2520)
        let b4Polynomial = Polynomial.evaluate(g, (-561, -285, -33, -1))
        let b4 = (b4Polynomial + a * Polynomial.evaluate(g, (945, 1260, 378, 36, 1))) * (1.0 / 181_440)
        let b5Polynomial = Polynomial.evaluate(g, (-6555, -4680, -840, -52, -1))
        let b5 = (b5Polynomial + a * Polynomial.evaluate(g, (10395, 17325, 6930, 990, 55, 1))) * (1.0 / 19_958_400)
        let b6Polynomial = Polynomial.evaluate(g, (-89055, -82845, -20370, -1926, -75, -1))
        let b6Scaled = a * Polynomial.evaluate(g, (135_135, 270_270, 135_135, 25740, 2145, 78, 1))
        let b6 = (b6Polynomial + b6Scaled) * (1.0 / 3_113_510_400)
        return t * Polynomial.evaluate(t * t, (2 * a, b1, b2, b3, b4, b5, b6))
    }

    /// `Y′(h) = 1 + h·Y(h)` with `Y = Φ/φ`, for `h ≤ 0`, without the cancellation of the direct formula.
    ///
    /// For `h < −4` a minimax rational function in `w = 1/h²` of `(Y′/w − 1)/w` (relative accuracy 9.8e-17); on
    /// `[−4, −0.46875]` a (7,7) minimax rational function (1.6e-16); closer to zero `1 + h·√(π/2)·erfcx(−h/√2)`,
    /// which has no cancellation there. Coefficients: Jäckel, 2024 reference implementation (`Yprime`).
    static func derivativeOfMillsRatio(_ h: Double) -> Double {
        if h < -4 {
            let w = 1 / (h * h)
            let numerator = Polynomial.evaluate(
                w,
                (
                    -2.9999999999994663866, -1.7556263323542206288e2, -3.4735035445495633334e3,
                    -2.7805745693864308643e4, -8.3836021460741980839e4, -6.6818249032616849037e4
                )
            )
            let denominator = Polynomial.evaluate(
                w,
                (
                    1, 6.3520877744831739102e1, 1.4404389037604337538e3, 1.4562545638507033944e4,
                    6.6886794165651675684e4, 1.2569970380923908488e5, 6.9286518679803751694e4
                )
            )
            return w * (1 + w * numerator / denominator)
        }
        if h <= -ErrorFunction.threshold {
            let numerator = Polynomial.evaluate(
                h,
                (
                    1.0000000000594317229, -6.1911449879694112749e-1, 2.2180844736576013957e-1,
                    -4.5650900351352987865e-2, 5.545521007735379052e-3, -3.0717392274913902347e-4,
                    4.2766597835908713583e-8, 8.4592436406580605619e-10
                )
            )
            let denominator = Polynomial.evaluate(
                h,
                (
                    1, -1.8724286369589162071, 1.5685497236077651429, -7.6576489836589035112e-1,
                    2.3677701403094640361e-1, -4.6762548903194957675e-2, 5.5290453576936595892e-3,
                    -3.0822020417927147113e-4
                )
            )
            return numerator / denominator
        }
        return 1 + h * squareRootPiOverTwo * ErrorFunction.erfcx(-NormalDistribution.oneOverSquareRootTwo * h)
    }

    /// `√(π/2)`.
    static let squareRootPiOverTwo = 1.2533141373155002512078826424055226265034933703050
}
