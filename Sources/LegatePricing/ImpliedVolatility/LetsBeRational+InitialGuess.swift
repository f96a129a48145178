import RealModule

/// The initial guess of "Let's Be Rational": the branch points `b_l`, `b_c`, `b_u` and the maps that make the outer
/// segments nearly linear (Jäckel 2015 §4–§5; univariate approximations of the 2024 reference implementation).
extension LetsBeRational {
    // MARK: - Branch points

    /// `1 − erfcx(x) ≈ 2x/√π − x² + …`, without cancellation for small `x`.
    ///
    /// On `[−1/5, 1/3]` a minimax rational function of order (4,5) for `(2/√π − f/x)/x`, relative accuracy 2.5e-17
    /// (Jäckel 2024, `one_minus_erfcx`); elsewhere `1 − erfcx(x)` directly.
    @inline(__always)
    static func oneMinusErfcx(_ x: Double) -> Double {
        if x < -1.0 / 5.0 || x > 1.0 / 3.0 {
            return 1 - ErrorFunction.erfcx(x)
        }
        let numerator = Polynomial.evaluate(
            x,
            (
                1.0000000000000002, 1.1514967181784756, 5.7689001208873741e-1, 1.4069188744609651e-1,
                1.4069285713634565e-2
            )
        )
        let denominator = Polynomial.evaluate(
            x,
            (
                1, 1.9037494962421563, 1.5089908593742723, 6.2486081658640257e-1, 1.358008134514386e-1,
                1.2463320728346347e-2
            )
        )
        return x * (1.128379167095512573896 - x * numerator / denominator)
    }

    /// `b_l/b_max` as a function of `s_c = √(2|x|)`, where `b_l = b(θx, s_l)` and `s_l = s_c − b_c/b'(s_c)`.
    ///
    /// Four minimax rational functions (Jäckel 2024, relative accuracy better than 9e-17 each): on `s_c < 0.7099`
    /// `f = s_c²·(c₂ + s_c·(c₃ + s_c·g))` with `c₂ = e^{−1/π}/4 − Φ(−√(π/2))/2`, `c₃ = −e^{−1/π}/(3√(2π))`; then
    /// plain (6,6) rational functions in `s_c`, the last tending to `Φ(−√(π/2)) = 0.10504…` as `x → −∞`.
    @inline(__always)
    static func lowerPointOverMaximum(_ sC: Double) -> Double {
        if sC < 0.7099295739719539 {
            return lowerPointOverMaximumNearTheMoney(sC)
        }
        let numerator: Double
        let denominator: Double
        if sC < 2.6267851073127395 {
            numerator = Polynomial.evaluate(
                sC,
                (
                    1.9795737927598581235e-9, -2.7081288564685588037e-8, 7.5610142272549044609e-2,
                    6.917130174466834016e-2, 2.9537058950963019803e-2, 6.5849252702302307774e-3,
                    6.9711400639834715731e-4
                )
            )
            denominator = Polynomial.evaluate(
                sC,
                (
                    1, 2.1941448525586579756, 2.1297103549995181357, 1.1571483187179784072, 3.7831622253060456794e-1,
                    7.1714862448829349869e-2, 6.6361975827861200167e-3
                )
            )
        } else if sC < 7.348469228349534 {
            numerator = Polynomial.evaluate(
                sC,
                (
                    -9.3325115354837883291e-5, 5.3118033972794648837e-4, 7.4114855448345002595e-2,
                    7.4039658186822817454e-2, 3.9225177407687604785e-2, 1.0022913378254090083e-2,
                    1.7012579407246055469e-3
                )
            )
            denominator = Polynomial.evaluate(
                sC,
                (
                    1, 2.2217238132228132256, 2.3441816707087403282, 1.3912323646271141826, 5.3231258443501838354e-1,
                    1.1744005919716101572e-1, 1.6195405895930935811e-2
                )
            )
        } else {
            numerator = Polynomial.evaluate(
                sC,
                (
                    1.4500072297240603183e-3, -1.5116692485011195757e-3, 7.1682178310936334831e-2,
                    3.921610857820463493e-2, 2.9342405658628443931e-2, 5.1832526171631521426e-3,
                    1.6930208078421474854e-3
                )
            )
            denominator = Polynomial.evaluate(
                sC,
                (
                    1, 1.6176313502305414664, 1.6823159175281531664, 8.4878307567372222113e-1, 3.7543742137375791321e-1,
                    7.126137099644302999e-2, 1.6116992546788676159e-2
                )
            )
        }
        return numerator / denominator
    }

    /// Branch I of ``lowerPointOverMaximum(_:)`` (`s_c < 0.7099`, `|x| < 0.252`): `f = s_c²·(c₂ + s_c·(c₃ + s_c·g))`
    /// with `g` a (5,4) minimax rational function, relative accuracy 7.4e-17.
    @inline(__always)
    private static func lowerPointOverMaximumNearTheMoney(_ sC: Double) -> Double {
        let numerator = Polynomial.evaluate(
            sC,
            (
                8.0741072372882856924e-2, 9.8078911786358897272e-2, 3.9760631445677058375e-2,
                5.9716928459589189876e-3, -6.4036399341479799981e-6, 4.5425102093616062245e-7
            )
        )
        let denominator = Polynomial.evaluate(
            sC,
            (
                1, 1.8594977672287664353, 1.3658801475711790419, 4.6132707108655653215e-1,
                6.1254597049831720643e-2
            )
        )
        let g = numerator / denominator
        return (sC * sC) * (0.07560996640296361767172 + sC * (sC * g - 0.09672719281339436290858))
    }

    /// `b_u/b_max` as a function of `s_c = √(2|x|)`, where `b_u = b(θx, s_u)` and `s_u = s_c + (b_max − b_c)/b'(s_c)`.
    ///
    /// Four minimax rational functions (Jäckel 2024, relative accuracy better than 9.2e-17 each), from
    /// `1 − 2·Φ(−√(π/2)) = 0.78990…` at `x = 0` to `Φ(√(π/2)) = 0.89495…` as `x → −∞`.
    @inline(__always)
    static func upperPointOverMaximum(_ sC: Double) -> Double {
        if sC < 0.7745966692414833 {
            return upperPointOverMaximumNearTheMoney(sC)
        }
        if sC < 1.7888543819998317 {
            let numerator = Polynomial.evaluate(
                sC,
                (
                    7.8990944435755287611e-1, -1.2655410534988972886, -2.8803040699221003256, -2.6936198689113258727,
                    -1.1213067281643205754, -2.1277793801691629892e-1, 5.1486445905299802703e-6
                )
            )
            let denominator = Polynomial.evaluate(
                sC,
                (
                    1, -1.6021222722060444448, -3.7242680976480704555, -3.2083117718907365085, -1.2922333835930958583,
                    -2.3762328334050001161e-1
                )
            )
            return numerator / denominator
        }
        let numerator: Double
        let denominator: Double
        if sC < 6.164414002968976 {
            numerator = Polynomial.evaluate(
                sC,
                (
                    7.8990640048967596475e-1, 1.5993699253596663678, 1.6481729039140370242, 9.8227188109869200166e-1,
                    3.6313557966186936883e-1, 7.8277036261179606301e-2, 9.3404307364538726214e-3
                )
            )
            denominator = Polynomial.evaluate(
                sC,
                (
                    1, 2.0247407005640401446, 2.0087454279103740489, 1.1627561803056961973, 4.2004672123723823581e-1,
                    8.9130862793887234546e-2, 1.0436767768858021717e-2
                )
            )
        } else {
            numerator = Polynomial.evaluate(
                sC,
                (
                    7.91133825948419359e-1, 1.24653733210880042, 1.32747426980537386, 6.95009705717846778e-1,
                    3.05965944268228457e-1, 6.02200363391352887e-2, 1.29050244454344842e-2
                )
            )
            denominator = Polynomial.evaluate(
                sC,
                (
                    1, 1.58117486714634672, 1.60144713247629644, 8.30040185836882436e-1, 3.53071863813401531e-1,
                    6.95901684131758475e-2, 1.44197580643890011e-2
                )
            )
        }
        return numerator / denominator
    }

    /// Branch I of ``upperPointOverMaximum(_:)`` (`s_c < 0.7746`, `|x| < 0.3`): `f = c₀ + s_c²·(c₂ + s_c·g)` with `g`
    /// a (5,4) minimax rational function, relative accuracy 9.2e-17.
    @inline(__always)
    private static func upperPointOverMaximumNearTheMoney(_ sC: Double) -> Double {
        let numerator = Polynomial.evaluate(
            sC,
            (
                -6.063099881233561706e-2, -8.1011946637120604985e-2, -4.2505564862438753828e-2,
                -8.9880000946868691788e-3, -7.5603072110443268356e-6, 4.3879556621540147458e-7
            )
        )
        let denominator = Polynomial.evaluate(
            sC,
            (
                1, 1.8400371530721828756, 1.5709283443886143691, 6.8913245453611400484e-1,
                1.4703173061720980923e-1
            )
        )
        let g = numerator / denominator
        return 0.7899085945560627246288 + (sC * sC) * (0.0614616805805147403487 + sC * g)
    }

    // MARK: - Lowest segment: β < b_l

    /// The guess on `(0, b_l)`: interpolate `f_l(β)` with `f_l(0) = 0`, `f_l'(0) = 1` and the value, slope and
    /// curvature of `f_l` at `b_l`, then invert `f_l` in closed form (Jäckel eq. (4.38)).
    ///
    /// `f_l(s) = 2π/√27·|x|·Φ(−z)³` with `z = |x|/(√3·s)` is the lower asymptote of `b` for `s → 0`.
    static func lowestSegmentGuess(beta: Double, thetaX: Double, sL: Double, bL: Double) -> Double {
        let inverseMagnitude = -1 / thetaX  // off the critical path
        let map = lowerMap(thetaX: thetaX, s: sL)
        let origin: RationalCubic.Node = (0, 0, 1)
        let lower: RationalCubic.Node = (bL, map.value, map.slope)
        let control = RationalCubic.controlMatchingRightCurvature(
            from: origin,
            to: lower,
            curvature: map.curvature,
            preferShapePreservation: true
        )
        var f = RationalCubic.interpolate(beta, from: origin, to: lower, control: control)
        if !(f > 0) {
            // Round-off for extreme |x|: fall back to the quadratic with f(0) = 0, f'(0) = 1 and f(b_l).
            let t = beta / bL
            f = (map.value * t + bL * (1 - t)) * t
        }
        // s = |x|/(√3·|Φ⁻¹(p)|) with p = (f/(2π/√27·|x|))^{1/3} (Jäckel eq. (4.38)). The quantile is taken from
        // ln p = ln(√3/∛(2π)) + ln(f/|x|)/3, which is what AS 241's tail formula needs anyway: no cube root, and
        // one logarithm instead of two. The quotient f/|x| is split when it would underflow, and the quantile is
        // kept as a fraction so that one division gives s.
        let magnitude = thetaX.magnitude
        let logQuotient = f >= 1e-290 ? Double.log(f * inverseMagnitude) : Double.log(f) - Double.log(magnitude)
        let logProbability = logSquareRootThreeOverCubeRootTwoPi + logQuotient * (1.0 / 3)
        let quantile = NormalDistribution.inverseCDFFraction(logOfProbability: logProbability)
        return (magnitude * quantile.denominator / (squareRootThree * quantile.numerator)).magnitude
    }

    /// `f_l(s)`, `df_l/dβ` and `d²f_l/dβ²` at `s` (Jäckel eqs. (4.35)–(4.37)), with `z = |x|/(√3·s)`, `y = z²`:
    ///
    ///     f_l = 2π/√27·|x|·Φ(−z)³,   f_l' = 2π·y·Φ(−z)²·e^{y + s²/8},
    ///     f_l'' = π/6·y/s³·Φ(−z)·(8√3·s·|x| + (3s²(s² − 8) − 8x²)·Φ(−z)/φ(z))·e^{2y + s²/4}.
    ///
    /// Writing `Φ(−z) = ½·e^{−y/2}·erfcx(z/√2)` turns these into two exponentials and one `erfcx`; the guess only
    /// needs a few digits, so the plain `exp(−y/2)` is good enough.
    @inline(__always)
    static func lowerMap(thetaX: Double, s: Double) -> (value: Double, slope: Double, curvature: Double) {
        let magnitude = thetaX.magnitude
        let z = squareRootOneThird * magnitude / s
        let y = z * z
        let s2 = s * s
        // Φ(−z) = ½·erfcx(z/√2)·e^{−y/2}, so Φ(−z)²·e^{y} = (½·erfcx)² needs no exponential, and Φ(−z)/φ(z) =
        // √(2π)·½·erfcx.
        let scaledTail = 0.5 * ErrorFunction.erfcx(z * NormalDistribution.oneOverSquareRootTwo)
        let gaussian = Double.exp(-0.5 * y)
        let sGrowth = Double.exp(0.125 * s2)  // e^{s²/8}
        let phi = scaledTail * gaussian
        let value = twoPiOverSquareRootTwentySeven * magnitude * (phi * phi * phi)
        let slope = 2 * Double.pi * y * (scaledTail * scaledTail) * sGrowth
        let tailOverDensity = NormalisedBlack.squareRootTwoPi * scaledTail
        let bracket = 8 * squareRootThree * s * magnitude + (3 * s2 * (s2 - 8) - 8 * thetaX * thetaX) * tailOverDensity
        // Φ(−z)·e^{2y + s²/4} = ½·erfcx·e^{s²/4}/e^{−3y/2}: one division for s³ and the Gaussian together.
        let curvature =
            (Double.pi / 6) * y * (scaledTail * bracket) * (sGrowth * sGrowth)
            / (s2 * s * (gaussian * gaussian * gaussian))
        return (value, slope, curvature)
    }

    // MARK: - Highest segment: β > b_u

    /// The guess on `(b_u, b_max)`: interpolate `f_u(β) = Φ(−s/2)` with `f_u(b_max) = 0`, `f_u'(b_max) = −½` and
    /// the value, slope and curvature of `f_u` at `b_u`, then `s = −2·Φ⁻¹(f_u)`.
    static func highestSegmentGuess(beta: Double, thetaX: Double, sU: Double, bU: Double, bMax: Double) -> Double {
        let map = upperMap(thetaX: thetaX, s: sU)
        var f = -Double.greatestFiniteMagnitude
        let curvatureBound = 1.3407807929942596e154  // √(greatest finite double)
        if map.curvature > -curvatureBound && map.curvature < curvatureBound {
            let upper: RationalCubic.Node = (bU, map.value, map.slope)
            let maximum: RationalCubic.Node = (bMax, 0, -0.5)
            let control = RationalCubic.controlMatchingLeftCurvature(
                from: upper,
                to: maximum,
                curvature: map.curvature,
                preferShapePreservation: true
            )
            f = RationalCubic.interpolate(beta, from: upper, to: maximum, control: control)
        }
        if !(f > 0) {
            // The quadratic with f(b_u), f(b_max) = 0 and f'(b_max) = −½.
            let width = bMax - bU
            let t = (beta - bU) / width
            f = (map.value * (1 - t) + 0.5 * width * t) * (1 - t)
        }
        return -2 * NormalDistribution.inverseCDF(f)
    }

    /// `f_u(s) = Φ(−s/2)`, `df_u/dβ = −½·e^{w/2}` and `d²f_u/dβ² = √(π/2)·w/s·e^{w + s²/8}` with `w = (x/s)²`
    /// (Jäckel eqs. (4.40)–(4.42)); `Φ(−s/2) = ½·e^{−s²/8}·erfcx(s/√8)` shares the exponential `e^{s²/8}`.
    @inline(__always)
    static func upperMap(thetaX: Double, s: Double) -> (value: Double, slope: Double, curvature: Double) {
        let w = (thetaX / s) * (thetaX / s)
        let halfExponential = Double.exp(0.5 * w)
        let sGrowth = Double.exp(0.125 * s * s)
        let value = 0.5 * ErrorFunction.erfcx(s * (0.5 * NormalDistribution.oneOverSquareRootTwo)) / sGrowth
        let slope = -0.5 * halfExponential
        let curvature = NormalisedBlack.squareRootPiOverTwo * (halfExponential * halfExponential * sGrowth) * w / s
        return (value, slope, curvature)
    }

    /// `√3`.
    static let squareRootThree = 1.7320508075688772935274463415058723669428052538104

    /// `√(1/3)`.
    static let squareRootOneThird = 0.57735026918962576450914878050195745564760175127013

    /// `2π/√27`.
    static let twoPiOverSquareRootTwentySeven = 1.2091995761561452337293855050947704881893774977284

    /// `ln(√3/∛(2π))`.
    static let logSquareRootThreeOverCubeRootTwoPi = -0.06331954446906031548926387247581557425051
}
