// Proves the raw SVI slice: the constructor admits exactly the parameters that give a non-negative total variance
// (each bad parameter is a typed error naming it and the expiry, boundary values pass), and w, w′, w″ and the
// implied vol agree with the formula and with central finite differences.
import LegatePricing
import Testing

@Suite struct SVISliceTests {
    static let skewed = try! SVISlice(a: 0.04, b: 0.4, rho: -0.7, m: 0.05, sigma: 0.1, timeToExpiry: 1)

    @Test func totalVarianceMatchesTheRawFormula() {
        // Given k = m, the square root is σ, so w = a + b·σ.
        let slice = Self.skewed
        #expect(abs(slice.totalVariance(at: 0.05) - (0.04 + 0.4 * 0.1)) < 1e-15)
        // And far out the wings are linear with slopes b(1 ± ρ).
        #expect(abs(slice.leftWingSlope - 0.4 * 1.7) < 1e-15)
        #expect(abs(slice.rightWingSlope - 0.4 * 0.3) < 1e-15)
        let farRight = (slice.totalVariance(at: 101) - slice.totalVariance(at: 100))
        #expect(abs(farRight - slice.rightWingSlope) < 1e-5)
    }

    @Test(arguments: [-1.5, -0.4, 0, 0.05, 0.3, 1.2])
    func derivativesMatchFiniteDifferences(k: Double) {
        let slice = Self.skewed
        let h = 1e-5
        let slope = (slice.totalVariance(at: k + h) - slice.totalVariance(at: k - h)) / (2 * h)
        let curvature =
            (slice.totalVariance(at: k + h) - 2 * slice.totalVariance(at: k) + slice.totalVariance(at: k - h)) / (h * h)
        #expect(abs(slice.totalVarianceSlope(at: k) - slope) < 1e-8)
        #expect(abs(slice.totalVarianceCurvature(at: k) - curvature) < 1e-4 * max(1, curvature))
    }

    @Test func impliedVolIsRootOfVariancePerYear() throws {
        // Given a 30-day slice, vol = √(w/T), and the strike form uses k = ln(K/F).
        let t = 30 / 365.25
        let slice = try SVISlice(a: 0.01, b: 0.08, rho: -0.3, m: 0.02, sigma: 0.15, timeToExpiry: t)
        let k = -0.2
        #expect(abs(slice.impliedVol(at: k) - (slice.totalVariance(at: k) / t).squareRoot()) < 1e-15)
        let strike = 40_000 * 0.8187307530779818  // e^{-0.2}
        #expect(abs(slice.impliedVol(strike: strike, forward: 40_000) - slice.impliedVol(at: k)) < 1e-12)
    }

    @Test func minimumTotalVarianceIsReachedAtTheVertex() {
        let slice = Self.skewed
        let vertex = slice.m - slice.rho * slice.sigma / (1 - slice.rho * slice.rho).squareRoot()
        #expect(abs(slice.totalVariance(at: vertex) - slice.minimumTotalVariance) < 1e-15)
        #expect(abs(slice.totalVarianceSlope(at: vertex)) < 1e-13)
    }

    @Test func translationMovesTheSmileAlongK() {
        // Given an offset δ, the translated slice at k equals the original at k + δ.
        let moved = Self.skewed.translated(byLogMoneyness: 0.0953)
        for k in stride(from: -1.0, through: 1.0, by: 0.25) {
            #expect(abs(moved.totalVariance(at: k) - Self.skewed.totalVariance(at: k + 0.0953)) < 1e-15)
        }
    }

    @Test(arguments: [
        (0.04, -0.1, -0.5, 0.0, 0.1, "b"),
        (0.04, 0.1, 1.0, 0.0, 0.1, "rho"),
        (0.04, 0.1, -1.0, 0.0, 0.1, "rho"),
        (0.04, 0.1, 0.0, 0.0, 0.0, "sigma"),
        (0.04, 0.1, 0.0, 0.0, -0.2, "sigma"),
        (Double.nan, 0.1, 0.0, 0.0, 0.1, "a"),
        (0.04, 0.1, 0.0, Double.infinity, 0.1, "m"),
    ])
    func invalidParameterIsNamed(a: Double, b: Double, rho: Double, m: Double, sigma: Double, name: String) {
        // When one parameter is out of range, the error names it and the expiry.
        #expect {
            try SVISlice(a: a, b: b, rho: rho, m: m, sigma: sigma, timeToExpiry: 0.25)
        } throws: { error in
            guard case .invalidParameter(let found, _, _, let t) = error as? SurfaceError else { return false }
            return found == name && t == 0.25 && "\(error)".contains("T=0.25") && "\(error)".contains(name)
        }
    }

    @Test func negativeVertexIsRejectedAndZeroVertexAccepted() throws {
        // Given b·σ·√(1−ρ²) = 0.1·0.1·0.8 = 0.008, a = −0.008 puts the vertex exactly on zero: admissible.
        let onZero = try SVISlice(a: -0.008, b: 0.1, rho: 0.6, m: 0, sigma: 0.1, timeToExpiry: 1)
        #expect(abs(onZero.minimumTotalVariance) < 1e-15)
        // And a = −0.009 dips below zero.
        #expect(throws: SurfaceError.self) {
            try SVISlice(a: -0.009, b: 0.1, rho: 0.6, m: 0, sigma: 0.1, timeToExpiry: 1)
        }
        // And b = 0 is a flat smile, allowed.
        let flat = try SVISlice(a: 0.04, b: 0, rho: 0, m: 0, sigma: 0.1, timeToExpiry: 1)
        #expect(abs(flat.impliedVol(at: 2) - 0.2) < 1e-15)
    }

    @Test(arguments: [0.0, -1.0, Double.nan, Double.infinity])
    func invalidTimeToExpiryIsRejected(t: Double) {
        #expect(throws: SurfaceError.self) {
            try SVISlice(a: 0.04, b: 0.1, rho: 0, m: 0, sigma: 0.1, timeToExpiry: t)
        }
    }
}
