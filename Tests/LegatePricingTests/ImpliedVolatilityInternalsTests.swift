// Proves the internal approximations that "Let's Be Rational" rests on, so that a mistyped coefficient is caught
// here rather than hidden by the solver's iterations: Jäckel's rational functions for the branch points b_l/b_max and
// b_u/b_max, for Y'(h) = 1 + h·Φ(h)/φ(h) and for 1 − erfcx(x), and the shape-preserving rational cubic.
//
// Reference values: mpmath 1.3.0, mp.dps = 60, float(1 + h·ncdf(h)/npdf(h)) and float(1 − exp(x²)·erfc(x)) at the
// exact doubles shown. The branch points are checked against the normalised Black function itself, whose accuracy
// is established in ImpliedVolatilityNormalisedBlackTests.
import LegateModel
import Testing

@testable import LegatePricing

@Suite struct LetsBeRationalInternalsTests {
    @Test(arguments: [-1e-6, -1e-3, -0.01, -0.1, -0.252, -0.5, -1, -2, -3.45, -5, -10, -19, -27, -50, -100, -300])
    func branchPointApproximationsMatchTheBlackFunction(thetaX: Double) {
        // Given θx, when s_l and s_u are formed from s_c = √(2|x|), then the rational approximations of b_l/b_max
        // and b_u/b_max agree with b(θx, s_l)/b_max and b(θx, s_u)/b_max (Jäckel: better than 1e-16 in exact
        // arithmetic; the Black function at tiny |x| is itself good to about 1e-13 relative).
        let bMax = NormalisedBlack.price(x: thetaX, s: .infinity, right: .call)
        let rootMagnitude = (-thetaX).squareRoot()
        let sC = 2.0.squareRoot() * rootMagnitude
        let oneMinusErfcx = LetsBeRational.oneMinusErfcx(rootMagnitude)
        let sL = sC - NormalisedBlack.squareRootPiOverTwo * oneMinusErfcx
        let sU = sC + NormalisedBlack.squareRootPiOverTwo * (2 - oneMinusErfcx)
        let lower = NormalisedBlack.price(x: thetaX, s: sL, right: .call) / bMax
        let upper = NormalisedBlack.price(x: thetaX, s: sU, right: .call) / bMax
        #expect((LetsBeRational.lowerPointOverMaximum(sC) / lower - 1).magnitude < 1e-12)
        #expect((LetsBeRational.upperPointOverMaximum(sC) / upper - 1).magnitude < 1e-14)
    }

    @Test(arguments: [
        (-0.1, 0.8840737600381263),
        (-0.46875, 0.5808361245495075),
        (-0.5, 0.5618177717731538),
        (-1.0, 0.34432045758120156),
        (-2.0, 0.15726154142389107),
        (-3.9, 0.055773594587866515),
        (-4.0, 0.053390468345757315),
        (-4.5, 0.04343238801085694),
        (-10.0, 0.009714035282680786),
        (-30.0, 0.0011074278250835985),
        (-1000.0, 9.99997000015e-07),
    ])
    func derivativeOfMillsRatioHasNoCancellation(h: Double, expected: Double) {
        // Y'(h) → 1/h² as h → −∞, where 1 + h·Y(h) computed directly would lose every digit.
        let value = NormalisedBlack.derivativeOfMillsRatio(h)
        #expect((value - expected).magnitude <= 4 * Double.ulpOfOne * expected)
    }

    @Test(arguments: [
        (-0.3, -0.4537492328427655),
        (-0.2, -0.27260202848319576),
        (-0.1, -0.12364335419920948),
        (1e-08, 1.1283791570955126e-08),
        (0.01, 0.011184538953657489),
        (0.2, 0.19098048009841928),
        (0.3333333333333333, 0.2877471113999423),
        (0.4, 0.3292122147052385),
        (1.0, 0.572416423844193),
        (3.0, 0.8209988488186101),
    ])
    func oneMinusErfcxHasNoCancellation(x: Double, expected: Double) {
        let value = LetsBeRational.oneMinusErfcx(x)
        #expect((value - expected).magnitude <= 4 * Double.ulpOfOne * expected.magnitude)
    }

    @Test func rationalCubicInterpolatesValuesAndSlopesAndStaysMonotone() {
        // Given end values and slopes of a monotone convex function (here eˣ on [0, 1]), then the rational cubic
        // meets both ends, has the prescribed end slopes, and is monotone and convex in between.
        let left: RationalCubic.Node = (0, 1, 1)
        let right: RationalCubic.Node = (1, 2.718281828459045, 2.718281828459045)
        let control = RationalCubic.controlMatchingRightCurvature(
            from: left,
            to: right,
            curvature: 2.718281828459045,
            preferShapePreservation: true
        )
        func value(_ x: Double) -> Double {
            RationalCubic.interpolate(x, from: left, to: right, control: control)
        }
        #expect(value(left.x) == left.value)
        #expect((value(right.x) - right.value).magnitude <= 2 * right.value.ulp)
        let step = 1e-6
        #expect(((value(left.x + step) - value(left.x)) / step - left.slope).magnitude < 1e-5)
        #expect(((value(right.x) - value(right.x - step)) / step - right.slope).magnitude < 1e-5)
        var previousValue = value(0)
        var previousSlope = 0.0
        for index in 1...100 {
            let x = Double(index) / 100
            let current = value(x)
            let slope = (current - previousValue) * 100
            #expect(current > previousValue)
            #expect(slope >= previousSlope)
            previousValue = current
            previousSlope = slope
        }
        // And e^{1/2} is reproduced to the accuracy a guess needs.
        #expect((value(0.5) - 1.6487212707001282).magnitude < 1e-3)
    }
}
