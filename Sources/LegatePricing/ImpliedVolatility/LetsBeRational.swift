import RealModule

/// Peter Jäckel's "Let's Be Rational" inversion of the normalised Black function: given an out-of-the-money
/// normalised price `β = b(θx, s)` with `θx ≤ 0`, find `s = σ√T`.
///
/// Source: P. Jäckel, "Let's Be Rational", Wilmott (January 2015) 40–53 (preprint November 2013, revised 2016), and
/// the 2024 reference implementation at www.jaeckel.org. The algorithm:
///
/// 1. Split `(0, b_max)`, `b_max = e^{θx/2}`, at three points derived from the inflexion point `s_c = √(2|x|)`:
///    `b_l < b_c < b_u`, where `s_l`, `s_u` are the tangent intercepts of `b(s)` at `s_c` with `0` and `b_max`.
/// 2. Interpolate an initial guess with a rational cubic: on the middle two segments directly in `s(β)`, on the
///    lowest segment through the map `f_l` that straightens `b` for `s → 0`, on the highest through `f_u` that
///    straightens it for `s → ∞`. The guess is within a few percent (mostly far closer) everywhere.
/// 3. Take two Householder steps of order three (convergence order four) on an objective chosen per segment so that
///    it is nearly linear in `s`: `1/ln b − 1/ln β` at the bottom, `b − β` in the middle and
///    `ln(b_max − β) − ln(b_max − b)` at the top. Two steps reach the attainable double accuracy for all inputs.
enum LetsBeRational {
    /// Two Householder(3) steps from the rational guess reach machine accuracy (Jäckel §6).
    static let maximumIterations = 2

    /// The `s` with `b(θx, s) = β` for `θx ≤ 0` and `0 < β`, given `b_max = e^{θx/2}` (the caller often has it
    /// from a square root, more cheaply and more accurately than from an exponential).
    ///
    /// - Returns: `s ≥ 0`, or `+∞` when `β ≥ b_max` (no finite volatility reaches the price).
    static func impliedNormalisedVolatility(beta: Double, thetaX: Double, bMax: Double) -> Double {
        if beta >= bMax {
            return .infinity
        }
        if thetaX == 0 {
            // At the money b(0, s) = erf(s/√8) = 2·Φ(s/2) − 1, so s = 2·Φ⁻¹(½ + β/2).
            return 2 * NormalDistribution.inverseCDF(aboveHalfBy: 0.5 * beta)
        }
        // b_c = b(θx, s_c) = e^{θx/2}·(1 − erfcx(√|x|))/2 and b'(s_c) = e^{θx/2}/√(2π).
        let rootMagnitude = (-thetaX).squareRoot()
        let sC = 2.0.squareRoot() * rootMagnitude
        let oneMinusErfcx = Self.oneMinusErfcx(rootMagnitude)
        let bC = 0.5 * bMax * oneMinusErfcx
        let centre: RationalCubic.Node = (bC, sC, NormalisedBlack.squareRootTwoPi / bMax)
        if beta < bC {
            // s_l = s_c − b_c/b'(s_c).
            let sL = sC - NormalisedBlack.squareRootPiOverTwo * oneMinusErfcx
            let bL = lowerPointOverMaximum(sC) * bMax
            if beta < bL {
                let guess = lowestSegmentGuess(beta: beta, thetaX: thetaX, sL: sL, bL: bL)
                return lowestSegment(beta: beta, thetaX: thetaX, guess: guess, bMax: bMax)
            }
            // Lower middle: interpolate s(β) itself, slopes 1/b'.
            let lower: RationalCubic.Node = (bL, sL, NormalisedBlack.inverseVega(thetaX: thetaX, s: sL))
            let control = RationalCubic.controlMatchingRightCurvature(
                from: lower,
                to: centre,
                curvature: 0,
                preferShapePreservation: false
            )
            let guess = RationalCubic.interpolate(beta, from: lower, to: centre, control: control)
            return middleSegments(beta: beta, thetaX: thetaX, guess: guess, bMax: bMax)
        }
        // s_u = s_c + (b_max − b_c)/b'(s_c).
        let sU = sC + NormalisedBlack.squareRootPiOverTwo * (2 - oneMinusErfcx)
        let bU = upperPointOverMaximum(sC) * bMax
        if beta <= bU {
            // Upper middle.
            let upper: RationalCubic.Node = (bU, sU, NormalisedBlack.inverseVega(thetaX: thetaX, s: sU))
            let control = RationalCubic.controlMatchingLeftCurvature(
                from: centre,
                to: upper,
                curvature: 0,
                preferShapePreservation: false
            )
            let guess = RationalCubic.interpolate(beta, from: centre, to: upper, control: control)
            return middleSegments(beta: beta, thetaX: thetaX, guess: guess, bMax: bMax)
        }
        let guess = highestSegmentGuess(beta: beta, thetaX: thetaX, sU: sU, bU: bU, bMax: bMax)
        if beta > 0.5 * bMax {
            return highestSegment(beta: beta, thetaX: thetaX, guess: guess, bMax: bMax)
        }
        // Otherwise the plain objective b − β converges just as well.
        return middleSegments(beta: beta, thetaX: thetaX, guess: guess, bMax: bMax)
    }
}
