// Proves the vectorizable exp, log and normal CDF behind every closed-form price are accurate to about 1e-15
// relative against libm and against correctly rounded high-precision values, and behave at their edges.

import Foundation
import Testing

@testable import LegatePricing

private typealias Lanes = SIMD4<Double>

/// A deterministic generator so that every run checks the same points.
private struct SplitMix64 {
    var state: UInt64
    mutating func next() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) * 0x1p-53
    }
}

private func relativeError(_ actual: Double, _ expected: Double) -> Double {
    expected == 0 ? abs(actual) : abs(actual - expected) / abs(expected)
}

/// Φ(x) correctly rounded to double: mpmath 1.3 `ncdf` at 50 significant digits, computed for this test.
private let normalCDFReference: [(x: Double, cdf: Double)] = [
    (-37.25, 5.297888779927269e-304), (-36.0, 4.182624065797283e-284), (-30.5, 1.3029379131780763e-204),
    (-25.0, 3.056696706382561e-138), (-20.125, 2.228860638310343e-90), (-15.75, 3.4340657492721406e-56),
    (-12.0, 1.776482112077679e-33), (-10.0, 7.619853024160525e-24), (-8.5, 9.479534822203318e-18),
    (-7.0, 1.279812543885835e-12), (-6.0, 9.86587645037698e-10), (-5.5, 1.8989562465887718e-08),
    (-5.0, 2.866515718791939e-07), (-4.5, 3.3976731247300603e-06), (-4.0, 3.1671241833119924e-05),
    (-3.5, 0.00023262907903552504), (-3.0, 0.0013498980316300946), (-2.5, 0.006209665325776135),
    (-2.0, 0.02275013194817921), (-1.75, 0.04005915686381709), (-1.5, 0.06680720126885807),
    (-1.25, 0.10564977366685525), (-1.0, 0.15865525393145705), (-0.75, 0.2266273523768682),
    (-0.5, 0.3085375387259869), (-0.375, 0.3538302333272762), (-0.25, 0.4012936743170763),
    (-0.125, 0.4502617751698871), (-0.0625, 0.47508233097075275), (-0.001953125, 0.4992208163539826),
    (0.0, 0.5), (0.001953125, 0.5007791836460174), (0.125, 0.5497382248301129), (0.5, 0.6914624612740131),
    (1.0, 0.8413447460685429), (1.5, 0.9331927987311419), (2.0, 0.9772498680518208),
    (3.0, 0.9986501019683699), (4.0, 0.9999683287581669), (6.0, 0.9999999990134123),
    (8.0, 0.9999999999999993),
]

@Suite("Vectorizable special functions")
struct ClosedFormSpecialFunctionTests {
    @Test("exp is within 6e-16 relative of libm from e^−708 to e^709")
    func expMatchesLibm() {
        var random = SplitMix64(state: 1)
        var worst = 0.0
        for index in 0..<20_000 {
            // Half the points near zero, where pricing's discount factors live; half over the whole range.
            let x = index.isMultiple(of: 2) ? (random.next() - 0.5) * 4 : -708 + random.next() * 1417
            let value = BatchMath.exp(Lanes(repeating: x))
            worst = max(worst, relativeError(value[0], Foundation.exp(x)))
            #expect(value[0] == value[3])
        }
        #expect(worst <= 6e-16, "worst relative error \(worst)")
    }

    @Test("exp flushes to 0 below e^−709.1, overflows to +∞ above e^709.8, and propagates NaN")
    func expEdges() {
        let value = BatchMath.exp(Lanes(-800, 800, .nan, 0))
        #expect(value[0] == 0)
        #expect(value[1] == .infinity)
        #expect(value[2].isNaN)
        #expect(value[3] == 1)
        #expect(BatchMath.exp(Lanes(repeating: -.infinity))[0] == 0)
        #expect(BatchMath.exp(Lanes(repeating: .infinity))[0] == .infinity)
    }

    @Test("log is within 4e-16 relative of libm over positive normal doubles")
    func logMatchesLibm() {
        var random = SplitMix64(state: 2)
        var worst = 0.0
        for index in 0..<20_000 {
            // Half the points are moneyness ratios near 1, where ln(S/K) is small and relative accuracy matters.
            let x =
                index.isMultiple(of: 2)
                ? 0.5 + random.next() * 1.5 : Foundation.exp((random.next() - 0.5) * 1400)
            let value = BatchMath.log(Lanes(repeating: x))[0]
            worst = max(worst, relativeError(value, Foundation.log(x)))
        }
        #expect(worst <= 4e-16, "worst relative error \(worst)")
        #expect(BatchMath.log(Lanes(repeating: 1))[0] == 0)
        #expect(relativeError(BatchMath.log(Lanes(repeating: 0x1p-1022))[0], Foundation.log(0x1p-1022)) <= 4e-16)
        #expect(relativeError(BatchMath.log(Lanes(repeating: 0x1.fffffffffffffp1023))[0], 709.782_712_893_384) <= 4e-16)
    }

    @Test("Φ is within 1e-15 relative of correctly rounded values from −37.25 to 8", arguments: normalCDFReference)
    func normalCDFMatchesHighPrecision(_ reference: (x: Double, cdf: Double)) {
        let normal = BatchMath.normal(Lanes(repeating: reference.x))
        #expect(relativeError(normal.cdf[0], reference.cdf) <= 1e-15)
    }

    @Test("Φ agrees with libm's erfc and its density with e^{−x²/2}/√(2π) where those are well conditioned")
    func normalMatchesLibm() {
        var random = SplitMix64(state: 3)
        for _ in 0..<5_000 {
            // Within |x| ≤ 3 the rounding of x/√2 costs libm's reference at most a few ulps.
            let x = (random.next() - 0.5) * 6
            let normal = BatchMath.normal(Lanes(repeating: x))
            #expect(relativeError(normal.cdf[0], 0.5 * erfc(-x / 2.0.squareRoot())) <= 3e-15)
            #expect(relativeError(normal.pdf[0], Foundation.exp(-0.5 * x * x) / (2 * Double.pi).squareRoot()) <= 3e-15)
        }
    }

    @Test("Φ saturates beyond the tail cutoff instead of overflowing, and propagates NaN")
    func normalEdges() {
        let normal = BatchMath.normal(Lanes(-1e300, 1e300, .nan, -.infinity))
        #expect(normal.cdf[0] >= 0 && normal.cdf[0] < 1e-300)
        #expect(normal.cdf[1] == 1)
        #expect(normal.cdf[2].isNaN)
        #expect(normal.cdf[3] < 1e-300)
        #expect(normal.pdf[0] < 1e-300)
    }

    @Test("Every lane width rounds identically, so scalar and batch paths agree bit for bit")
    func laneWidthsAgree() {
        var random = SplitMix64(state: 4)
        for _ in 0..<2_000 {
            let x = (random.next() - 0.7) * 40
            let two = BatchMath.normal(SIMD2<Double>(repeating: x))
            let four = BatchMath.normal(SIMD4<Double>(repeating: x))
            let eight = BatchMath.normal(SIMD8<Double>(repeating: x))
            #expect(two.cdf[1] == four.cdf[2] && four.cdf[3] == eight.cdf[7])
            #expect(two.pdf[0] == eight.pdf[5])
        }
    }
}
