// Proves that the special functions behind implied volatility keep full double accuracy: Cody's erf, erfc and erfcx,
// the normal density and distribution in both far tails (down to the subnormal Φ(−38)), and the AS 241 quantile,
// checked against 60-digit values and by round trips.
//
// Reference values: mpmath 1.3.0 with mp.dps = 60, rounded to the nearest double, e.g.
//     float(mp.exp(x*x)*mp.erfc(x)), float(mp.erf(x)), float(mp.erfc(x)), float(mp.ncdf(x)), float(mp.npdf(x)),
//     and Φ⁻¹(p) by mp.findroot on ln Φ(z) − ln p (tails) or √2·mp.erfinv(2p − 1); every argument is the double
//     nearest the literal (mp.mpf(float(x))), not the decimal.
// Φ⁻¹(0.975) = 1.959963984540054 and Φ⁻¹(0.25) = −0.6744897501960817 are also the familiar published quantiles.
import LegatePricing
import Testing

/// `|actual − expected| ≤ ulps·ε·|expected|`, with an absolute floor at the subnormal spacing.
private func isWithin(_ actual: Double, _ expected: Double, ulps: Double) -> Bool {
    (actual - expected).magnitude <= ulps * Double.ulpOfOne * expected.magnitude + 4 * Double.leastNonzeroMagnitude
}

@Suite struct ErrorFunctionTests {
    @Test(arguments: [
        (-5.0, 144009798674.66104),
        (-3, 16205.988853999586),
        (-1, 5.008980080762283),
        (-0.5, 1.952360489182557),
        (-0.2, 1.2726020284831958),
        (0, 1.0),
        (0.1, 0.8964569799691267),
        (0.3, 0.7345993345676551),
        (0.46875, 0.6320696892495561),
        (0.5, 0.6156903441929259),
        (1, 0.427583576155807),
        (2, 0.25539567631050575),
        (3.9, 0.14031418160068973),
        (4, 0.13699945762506138),
        (4.5, 0.12248480427384142),
        (10, 0.05614099274382259),
        (26, 0.021683584850562907),
        (100, 0.005641613782989433),
        (1e5, 5.6418958351954685e-06),
        (1e8, 5.641895835477562e-09),
    ])
    func erfcxMatchesHighPrecision(x: Double, expected: Double) {
        // Negative arguments go through 2·exp(x²): the split exponent keeps that to a few ulps as well.
        #expect(isWithin(ErrorFunction.erfcx(x), expected, ulps: 4))
    }

    @Test(arguments: [
        (1e-10, 1.1283791670955126e-10),
        (0.1, 0.1124629160182849),
        (0.46875, 0.49261347321793797),
        (0.5, 0.5204998778130465),
        (1, 0.8427007929497149),
        (2, 0.9953222650189527),
        (3, 0.9999779095030014),
        (5, 0.9999999999984626),
        (6, 1.0),
        (-1, -0.8427007929497149),
    ])
    func erfMatchesHighPrecision(x: Double, expected: Double) {
        #expect(isWithin(ErrorFunction.erf(x), expected, ulps: 2))
    }

    @Test(arguments: [
        (-2.0, 1.9953222650189528),
        (0.1, 0.887537083981715),
        (0.5, 0.4795001221869535),
        (1, 0.15729920705028513),
        (2, 0.004677734981047266),
        (5, 1.537459794428035e-12),
        (10, 2.088487583762545e-45),
        (20, 5.395865611607901e-176),
        (26, 5.663192408856143e-296),
        (26.5, 2.2109076642637343e-307),
    ])
    func erfcMatchesHighPrecisionIntoTheFarTail(x: Double, expected: Double) {
        #expect(isWithin(ErrorFunction.erfc(x), expected, ulps: 4))
    }

    @Test func scaledFormAgreesWithTheQuotientWhereBothAreRepresentable() {
        // Given x where exp(−x²) = √(2π)·φ(√2·x) and erfc(x) are normal doubles, erfcx(x) = erfc(x)/exp(−x²) to the
        // rounding of √2·x, which costs about 2x² ulps.
        let squareRootTwoPi = 2.5066282746310002
        for x in stride(from: -6.0, through: 20, by: 0.125) {
            let quotient = ErrorFunction.erfc(x) / (squareRootTwoPi * NormalDistribution.pdf(x * 2.0.squareRoot()))
            #expect(isWithin(ErrorFunction.erfcx(x), quotient, ulps: 8 + 4 * x * x), "x = \(x)")
        }
    }

    @Test func edgeArgumentsStayInRange() {
        #expect(ErrorFunction.erfc(30) == 0)
        #expect(ErrorFunction.erfc(-30) == 2)
        #expect(ErrorFunction.erf(.infinity) == 1)
        #expect(ErrorFunction.erf(-.infinity) == -1)
        #expect(ErrorFunction.erfcx(-27) == .infinity)
        #expect(ErrorFunction.erfcx(.infinity) == 0)
        #expect(ErrorFunction.erfcx(.nan).isNaN)
        #expect(ErrorFunction.erf(.nan).isNaN)
    }
}

/// Φ(−38) = 2.88542835e-316 (mpmath), a subnormal double given by its bit pattern because a decimal literal that
/// underflows is rejected by the compiler.
private let phiOfMinus38 = Double(bitPattern: 0x0000_0000_037B_23B8)

@Suite struct NormalDistributionTests {
    @Test(arguments: [
        (-38.0, phiOfMinus38),
        (-37.5, 4.605353009581955e-308),
        (-37, 5.725571222524577e-300),
        (-30, 4.906713927148187e-198),
        (-20, 2.7536241186062337e-89),
        (-10, 7.619853024160525e-24),
        (-8.2924, 5.5492983151602746e-17),
        (-5, 2.866515718791939e-07),
        (-3, 0.0013498980316300946),
        (-1, 0.15865525393145705),
        (-0.5, 0.3085375387259869),
        (0, 0.5),
        (0.5, 0.6914624612740131),
        (1, 0.8413447460685429),
        (3, 0.9986501019683699),
        (8.2924, 1.0),
    ])
    func cdfHasFullRelativeAccuracyInBothTails(x: Double, expected: Double) {
        // Φ(−38) is subnormal: there the floor of isWithin (4 subnormal steps) is the honest accuracy.
        #expect(isWithin(NormalDistribution.cdf(x), expected, ulps: 4))
    }

    @Test(arguments: [
        (0.0, 0.3989422804014327),
        (1, 0.24197072451914334),
        (-2.5, 0.017528300493568537),
        (10, 7.694598626706419e-23),
        (-37, 2.1200065515246056e-298),
    ])
    func pdfMatchesHighPrecision(x: Double, expected: Double) {
        #expect(isWithin(NormalDistribution.pdf(x), expected, ulps: 4))
    }

    @Test(arguments: [
        (1e-300, -37.0470962993612),
        (1e-100, -21.273453560965326),
        (1e-20, -9.262340089798407),
        (1e-10, -6.361340902404057),
        (0.001, -3.0902323061678136),
        (0.025, -1.9599639845400543),
        (0.05, -1.6448536269514726),
        (0.1, -1.2815515655446004),
        (0.25, -0.6744897501960817),
        (0.3, -0.5244005127080408),
        (0.5, 0.0),
        (0.7, 0.5244005127080407),
        (0.975, 1.9599639845400538),
        (0.999, 3.090232306167813),
        (0.9999999999, 6.361340889697422),
    ])
    func inverseCDFMatchesHighPrecision(p: Double, expected: Double) {
        #expect(isWithin(NormalDistribution.inverseCDF(p), expected, ulps: 4))
    }

    @Test func inverseCDFInvertsTheCDFOverTheWholeRange() {
        // Given z on a fine grid from the far left tail (Φ ≈ 1e-300) to the right shoulder,
        // when z goes through Φ and back through Φ⁻¹, then it returns to within a few ulps plus what the rounding
        // of p = Φ(z) itself leaves undetermined, ulp(p)/φ(z) (large in the right tail, where p is close to 1).
        var z = -37.0
        while z <= 7 {
            let p = NormalDistribution.cdf(z)
            let back = NormalDistribution.inverseCDF(p)
            let tolerance = 8 * Double.ulpOfOne * max(z.magnitude, 1) + 2 * p.ulp / NormalDistribution.pdf(z)
            #expect((back - z).magnitude <= tolerance, "z = \(z)")
            z += 0.0625
        }
    }

    @Test func cdfIsSymmetricAndMonotone() {
        var previous = 0.0
        for z in stride(from: -39.0, through: 39, by: 0.01) {
            let value = NormalDistribution.cdf(z)
            #expect(value >= previous)
            previous = value
            if z.magnitude < 8 {
                #expect(isWithin(value + NormalDistribution.cdf(-z), 1, ulps: 2), "z = \(z)")
            }
        }
    }

    @Test func boundariesAndInvalidProbabilities() {
        #expect(NormalDistribution.inverseCDF(0) == -.infinity)
        #expect(NormalDistribution.inverseCDF(1) == .infinity)
        #expect(NormalDistribution.inverseCDF(-0.1).isNaN)
        #expect(NormalDistribution.inverseCDF(1.5).isNaN)
        #expect(NormalDistribution.inverseCDF(.nan).isNaN)
        #expect(NormalDistribution.cdf(-.infinity) == 0)
        #expect(NormalDistribution.cdf(.infinity) == 1)
        #expect(NormalDistribution.cdf(.nan).isNaN)
        #expect(NormalDistribution.pdf(.infinity) == 0)
    }
}
