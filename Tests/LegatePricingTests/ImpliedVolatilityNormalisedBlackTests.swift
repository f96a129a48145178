// Proves that the normalised Black function b(x, s, θ) behind implied volatility is accurate over the whole domain,
// far out of and deep in the money, for tiny and huge total volatility: within a few ulps of its own conditioning
// (1 + s·b'/b)·ε of 100-digit values in all four evaluation regions, with exact put–call parity and symmetry, the
// right limits, and py_vollib's published normalised prices.
//
// Reference values: mpmath 1.3.0, mp.dps = 100, b = θ·(e^{x/2}·ncdf(θ(x/s + s/2)) − e^{−x/2}·ncdf(θ(x/s − s/2)))
// and b' = e^{x/2}·npdf(x/s + s/2), evaluated at the exact doubles x and s and rounded to the nearest double.
import LegateModel
import LegatePricing
import Testing

/// The relative accuracy b can have when s carries relative rounding ε: (1 + |s·b'/b|)·ε (Jäckel 2024,
/// `BlackAccuracyFactor`), times a few ulps of evaluation.
private func priceTolerance(x: Double, s: Double, price: Double) -> Double {
    let condition = 1 + s * NormalisedBlack.vega(x: x, s: s) / price
    return 4 * Double.ulpOfOne * condition * price
}

/// `(x, s, right, b)` at the exact doubles shown; the comment names the evaluation region of the out-of-the-money
/// part (I: h < −13, II: small t, III/IV: Cody).
private let highPrecisionPrices: [(Double, Double, OptionRight, Double)] = [
    (-5.0, 0.31622776601683794, .put, 12.100408962079575),  // region II
    (-1.0, 0.07498942093324558, .put, 1.0421906109874948),  // region II
    (-0.01, 0.0007498942093324559, .put, 0.01000004166671875),  // region II
    (0.01, 0.0005623413251903491, .call, 0.01000004166671875),  // region II
    (1.0, 0.05623413251903491, .call, 1.0421906109874948),  // region II
    (5.0, 0.5623413251903491, .call, 12.100408962079575),  // region II
    (-20.0, 1.0, .put, 22026.465749406787),  // region III/IV
    (-20.0, 2.371373705661655, .put, 22026.465749406787),  // region III/IV
    (-15.0, 1.333521432163324, .put, 1808.0418613716931),  // region III/IV
    (15.0, 1.0, .call, 1808.0418613716931),  // region III/IV
    (20.0, 1.0, .call, 22026.465749406787),  // region III/IV
    (20.0, 2.371373705661655, .call, 22026.465749406787),  // region III/IV
    (-200.0, 5.623413251903491, .call, 7.275844566866111e-280),  // region I
    (-5.0, 0.1778279410038923, .call, 1.9039240062126544e-176),  // region I
    (-0.1, 0.0031622776601683794, .call, 8.961283550239892e-224),  // region I
    (0.1, 0.005623413251903491, .put, 1.509544977339662e-74),  // region I
    (5.0, 0.23713737056616552, .put, 6.094049848536487e-101),  // region I
    (200.0, 10.0, .put, 5.439514353087996e-95),  // region I
    (-10.0, 1.0, .call, 6.611749177891193e-25),  // region II
    (-0.5, 0.1778279410038923, .put, 0.5053543137409235),  // region II
    (-0.01, 0.0017782794100389228, .put, 0.010000041669515972),  // region II
    (0.01, 0.005623413251903491, .call, 0.010084813689996946),  // region II
    (0.5, 0.07498942093324558, .put, 1.401783467190757e-13),  // region II
    (10.0, 1.0, .put, 6.611749177891193e-25),  // region II
    (-200.0, 13.33521432163324, .call, 9.165203582232462e-61),  // region III/IV
    (-10.0, 1.333521432163324, .put, 148.40642115557753),  // region III/IV
    (-3.0, 0.7498942093324559, .call, 5.013695036685813e-06),  // region III/IV
    (3.0, 1.333521432163324, .put, 0.004722217301993973),  // region III/IV
    (10.0, 3.1622776601683795, .call, 148.40664876036408),  // region III/IV
    (200.0, 17.78279410038923, .put, 2.9825036890741853e-46),  // region III/IV
    (-0.5, 0.4216965034285822, .call, 0.02400071252990829),  // region II
    (-0.01, 0.1333521432163324, .call, 0.04831024020442593),  // region II
    (-1e-06, 0.0001, .put, 4.039622271830277e-05),  // region II
    (1e-06, 0.0001, .put, 3.9396222718302724e-05),  // region II
    (0.01, 0.01333521432163324, .call, 0.011749477896135627),  // region II
    (0.5, 0.4216965034285822, .put, 0.02400071252990829),  // region II
    (-100.0, 13.33521432163324, .call, 3.530714330764163e-23),  // region III/IV
    (-3.0, 2.371373705661655, .call, 0.07256148892648442),  // region III/IV
    (-0.5, 0.5623413251903491, .call, 0.05623788594928171),  // region III/IV
    (0.5, 0.7498942093324559, .put, 0.10897634850709709),  // region III/IV
    (3.0, 1.7782794100389228, .call, 4.283580327689399),  // region III/IV
    (100.0, 13.33521432163324, .put, 3.530714330764163e-23),  // region III/IV
    (-0.05, 0.31622776601683794, .call, 0.10222381009138774),  // region II
    (-1e-10, 0.00023713737056616554, .put, 9.46041731604082e-05),  // region II
    (-1e-14, 0.001, .call, 0.0003989422637738383),  // region II
    (1e-14, 0.0031622776601683794, .put, 0.0012615657353526684),  // region II
    (1e-10, 0.023713737056616554, .call, 0.009460190727013804),  // region II
    (0.05, 0.4216965034285822, .put, 0.14319916116059278),  // region II
    (-50.0, 10.0, .call, 6.3953051825116564e-12),  // region III/IV
    (-0.1, 1.333521432163324, .call, 0.4468705220768506),  // region III/IV
    (-1e-06, 2.371373705661655, .put, 0.7642545115687476),  // region III/IV
    (1e-10, 2.371373705661655, .put, 0.7642540115186104),  // region III/IV
    (0.1, 1.0, .call, 0.4351837421708917),  // region III/IV
    (50.0, 10.0, .put, 6.3953051825116564e-12),  // region III/IV
    (-200.0, 23.71373705661655, .call, 3.7187153134082156e-44),  // region III/IV
    (-1.5, 7.498942093324558, .call, 0.4721924785579191),  // region III/IV
    (-0.001, 5.623413251903491, .put, 0.9955721823067158),  // region III/IV
    (0.001, 7.498942093324558, .put, 0.9993229170266696),  // region III/IV
    (1.5, 10.0, .call, 2.1169994492924005),  // region III/IV
    (200.0, 23.71373705661655, .put, 3.7187153134082156e-44),  // region III/IV
    (0.0, 1e-05, .call, 3.989422803997704e-06),  // region II
    (0.0, 7.498942093324559e-05, .call, 2.9916450586082236e-05),  // region II
    (0.0, 0.0005623413251903491, .put, 0.00022434172767943968),  // region II
    (0.0, 0.004216965034285823, .put, 0.0016823244006331484),  // region II
    (0.0, 0.042169650342858224, .call, 0.016822010035856507),  // region II
    (0.0, 0.31622776601683794, .put, 0.1256329388371082),  // region II
    (0.0, 0.4216965034285822, .call, 0.16699431460614192),  // region III/IV
    (0.0, 0.7498942093324559, .put, 0.2923001941566959),  // region III/IV
    (0.0, 1.7782794100389228, .call, 0.6260719975703248),  // region III/IV
    (0.0, 3.1622776601683795, .put, 0.886153701993342),  // region III/IV
    (0.0, 7.498942093324558, .call, 0.999822792046095),  // region III/IV
    (0.0, 13.33521432163324, .put, 0.9999999999739992),  // region III/IV
]

@Suite struct NormalisedBlackTests {
    @Test(arguments: highPrecisionPrices)
    func matchesHighPrecisionInEveryRegion(x: Double, s: Double, right: OptionRight, expected: Double) {
        // Region I: asymptotic expansion (h = −|x|/s < −13); II: small-t Taylor series; III/IV: Cody's erfc/erfcx.
        let price = NormalisedBlack.price(x: x, s: s, right: right)
        #expect((price - expected).magnitude <= priceTolerance(x: x, s: s, price: expected))
    }

    @Test func pyVollibPublishedNormalisedPrices() {
        // Source: py_vollib, black/implied_volatility.py, `normalised_implied_volatility` docstring:
        // normalised_black(0.0, 0.2, 'c') = 0.0796556745541 and normalised_black(0.1, 0.23232323888, 'p') =
        // 0.0509710222785 (12 digits); the 100-digit values are 0.07965567455405796 and 0.05097102227850517.
        let call = NormalisedBlack.price(x: 0, s: 0.2, right: .call)
        let put = NormalisedBlack.price(x: 0.1, s: 0.23232323888, right: .put)
        #expect((call - 0.0796556745541).magnitude < 5e-14)
        #expect((put - 0.0509710222785).magnitude < 5e-14)
        #expect((call - 0.07965567455405796).magnitude <= 2 * call.ulp)
        #expect((put - 0.05097102227850517).magnitude <= 2 * put.ulp)
    }

    @Test(arguments: [
        (0.0, 0.2, 0.39695254747701175),
        (0.0, 3.0, 0.12951759566589172),
        (-1.0, 0.5, 0.05232983910608124),
        (1.0, 0.5, 0.05232983910608124),
        (-5.0, 0.3, 1.8938527581697225e-61),
        (-0.1, 2.0, 0.24166845007438104),
        (3.0, 4.0, 0.04075451967381669),
    ])
    func vegaMatchesHighPrecision(x: Double, s: Double, expected: Double) {
        // exp(−(h² + t²)/2) inherits the rounding of h² + t², hence the (1 + h²) allowance.
        let h = x / s
        let vega = NormalisedBlack.vega(x: x, s: s)
        #expect((vega - expected).magnitude <= 4 * Double.ulpOfOne * (1 + h * h) * expected)
    }

    @Test func putCallParityAndSymmetryHoldToRounding() {
        // Given a grid of moneyness and volatility, then b(x, s, call) = b(−x, s, put) exactly (reciprocal strike)
        // and b(x, s, call) − b(x, s, put) = 2·sinh(x/2), the difference of the intrinsic values at s = 0.
        for x in [-8.0, -2, -0.5, -0.01, -1e-9, 0, 1e-9, 0.01, 0.5, 2, 8] {
            let forwardValue =
                NormalisedBlack.price(x: x, s: 0, right: .call) - NormalisedBlack.price(x: x, s: 0, right: .put)
            for s in [1e-4, 0.01, 0.1, 0.5, 1, 2, 5, 12] {
                let call = NormalisedBlack.price(x: x, s: s, right: .call)
                let put = NormalisedBlack.price(x: x, s: s, right: .put)
                #expect(call == NormalisedBlack.price(x: -x, s: s, right: .put), "x = \(x), s = \(s)")
                #expect(((call - put) - forwardValue).magnitude <= 2 * max(call, put).ulp, "x = \(x), s = \(s)")
            }
        }
    }

    @Test func limitsInVolatility() {
        // s = 0 gives the intrinsic value 2·sinh(θx/2)⁺; s → ∞ the bound e^{θx/2}; values from mpmath.
        #expect(NormalisedBlack.price(x: 1, s: 0, right: .call) == 1.0421906109874948)  // 2·sinh(½)
        #expect(NormalisedBlack.price(x: 1, s: 0, right: .put) == 0)
        #expect(NormalisedBlack.price(x: -1, s: 0, right: .call) == 0)
        #expect(NormalisedBlack.price(x: 0, s: 0, right: .call) == 0)
        #expect(NormalisedBlack.price(x: -0.5, s: .infinity, right: .call) == 0.7788007830714049)  // e^{−¼}
        #expect(NormalisedBlack.price(x: -0.5, s: 40, right: .call) == 0.7788007830714049)
        #expect(NormalisedBlack.price(x: 0, s: 30, right: .call) == 1)
        let tiny = NormalisedBlack.price(x: 0, s: 1e-10, right: .call)
        #expect((tiny - 3.989422804014327e-11).magnitude <= 2 * tiny.ulp)  // s/√(2π)
        let nearMoney = NormalisedBlack.price(x: -1e-12, s: 0.3, right: .call)
        #expect((nearMoney - 0.11923538473998503).magnitude <= 4 * nearMoney.ulp)
        #expect(NormalisedBlack.price(x: 1, s: .nan, right: .call).isNaN)
    }

    @Test func increasesWithVolatility() {
        for x in [-30.0, -5, -1, -0.1, 0, 0.1, 1, 5] {
            var previous = NormalisedBlack.price(x: x, s: 0, right: .call)
            var s = 1e-3
            while s < 60 {
                let price = NormalisedBlack.price(x: x, s: s, right: .call)
                #expect(price >= previous, "x = \(x), s = \(s)")
                previous = price
                s *= 1.07
            }
        }
    }
}
