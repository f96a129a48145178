// Proves that implied volatility is as accurate as the price allows over the whole domain: against 100-digit roots
// in every branch and evaluation region of "Let's Be Rational" it is within a few ulps of Jäckel's attainable
// accuracy (1 + b/(s·b'))·ε, and over a dense grid of moneyness |ln(F/K)| ≤ 5, expiries from one hour to five
// years and volatilities from 1% to 500% a price-to-volatility round trip lands within 1e-12 wherever the price
// determines the volatility; where it does not, the answer is still finite and reprices to the input within ulps.
//
// Reference roots: mpmath 1.3.0, mp.dps = 100. For each (x, θ, s₀) the normalised price b(x, s₀, θ) =
// θ·(e^{x/2}·ncdf(θ(x/s₀ + s₀/2)) − e^{−x/2}·ncdf(θ(x/s₀ − s₀/2))) was rounded to the double β, and s* solves
// b(x, s*, θ) = β exactly (safeguarded Newton to 1e-45), then rounded; the comment names the LBR branch of β and
// the evaluation region at s*.
import LegateModel
import LegatePricing
import RealModule
import Testing

/// `(x, right, β, s*)`.
private let highPrecisionRoots: [(Double, OptionRight, Double, Double)] = [
    (-200.0, .call, 7.275844566866111e-280, 5.623413251903491),  // lowest; region I
    (-20.0, .call, 3.620222615618539e-279, 0.5623413251903491),  // lowest; region I
    (-7.0, .call, 6.583090131943159e-194, 0.23713737056616552),  // lowest; region I
    (-2.0, .call, 1.4532351788032033e-159, 0.07498942093324558),  // lowest; region I
    (-0.5, .call, 6.136416928223407e-102, 0.023713737056616554),  // lowest; region I
    (-0.01, .call, 2.305367581221406e-129, 0.00042169650342858224),  // lowest; region I
    (0.01, .put, 2.305367581221406e-129, 0.00042169650342858224),  // lowest; region I
    (0.5, .put, 1.9113705076257141e-177, 0.01778279410038923),  // lowest; region I
    (2.0, .put, 1.4532351788032033e-159, 0.07498942093324558),  // lowest; region I
    (7.0, .put, 1.0011954866876942e-110, 0.31622776601683794),  // lowest; region I
    (20.0, .put, 1.2097749726121602e-90, 1.0),  // lowest; region I
    (200.0, .put, 5.439514353087996e-95, 10.0),  // lowest; region I
    (-10.0, .call, 6.611749177891193e-25, 1.0),  // lowest; region II
    (-1.5, .call, 4.49124755841222e-12, 0.23713737056616552),  // lowest; region II
    (-0.5, .put, 0.5053543137409235, 0.17782794100388521),  // lowest; region II
    (-0.1, .call, 6.337787202088963e-08, 0.023713737056616554),  // lowest; region II
    (-0.05, .call, 0.0007682198348957076, 0.03162277660168379),  // lowest; region II
    (-0.001, .call, 6.338195631397347e-10, 0.00023713737056616554),  // lowest; region II
    (0.001, .put, 8.47722756720742e-06, 0.0005623413251903491),  // lowest; region II
    (0.05, .put, 1.4027210914077343e-14, 0.007498942093324558),  // lowest; region II
    (0.1, .put, 0.0008474678787434403, 0.05623413251903491),  // lowest; region II
    (0.5, .put, 5.339911785800865e-09, 0.1),  // lowest; region II
    (1.5, .call, 1.6446527026854594, 0.4216965034285165),  // lowest; region II
    (10.0, .put, 6.611749177891193e-25, 1.0),  // lowest; region II
    (-200.0, .call, 9.165203582232462e-61, 13.33521432163324),  // lowest; region III/IV
    (-30.0, .call, 1.166975026558942e-09, 5.623413251903491),  // lowest; region III/IV
    (-10.0, .call, 4.461606967782784e-15, 1.333521432163324),  // lowest; region III/IV
    (-7.0, .put, 33.08584147240381, 2.3713737056625623),  // lowest; region III/IV
    (-4.0, .call, 0.0054840777121546586, 1.7782794100389228),  // lowest; region III/IV
    (-2.0, .call, 0.007697375453146092, 1.0),  // lowest; region III/IV
    (2.0, .call, 2.351236439624388, 0.7498942093324402),  // lowest; region III/IV
    (4.0, .call, 7.253727193019014, 1.0000000000023368),  // lowest; region III/IV
    (5.0, .put, 0.0009293338157914302, 1.7782794100389228),  // lowest; region III/IV
    (10.0, .call, 148.40664876036408, 3.16227766016369),  // lowest; region III/IV
    (20.0, .put, 1.1076898653471867e-07, 4.216965034285822),  // lowest; region III/IV
    (200.0, .put, 2.9825036890741853e-46, 17.78279410038923),  // lowest; region III/IV
    (-0.5, .call, 0.02400071252990829, 0.4216965034285822),  // lower middle; region II
    (-0.05, .call, 0.0197670518377501, 0.1),  // lower middle; region II
    (-0.01, .call, 0.02517521489067791, 0.07498942093324558),  // lower middle; region II
    (-0.001, .call, 0.003509336918642542, 0.01),  // lower middle; region II
    (-1e-06, .put, 1.3121969915280961e-05, 3.1622776601683795e-05),  // lower middle; region II
    (-1e-06, .put, 0.00022484208239478175, 0.0005623413251903491),  // lower middle; region II
    (1e-06, .put, 6.605522561729787e-06, 1.778279410038923e-05),  // lower middle; region II
    (1e-06, .put, 0.0001256572563579681, 0.0003162277660168379),  // lower middle; region II
    (0.001, .call, 0.0027787928737431646, 0.005623413251903491),  // lower middle; region II
    (0.01, .call, 0.015289189070650782, 0.023713737056616554),  // lower middle; region II
    (0.05, .call, 0.08186797389106691, 0.1333521432163324),  // lower middle; region II
    (0.5, .put, 0.02400071252990829, 0.4216965034285822),  // lower middle; region II
    (-100.0, .call, 3.530714330764163e-23, 13.33521432163324),  // lower middle; region III/IV
    (-7.0, .put, 33.09076566331004, 3.162277660168122),  // lower middle; region III/IV
    (-3.0, .call, 0.07256148892648442, 2.371373705661655),  // lower middle; region III/IV
    (-1.5, .put, 1.6714148695332767, 0.9999999999999996),  // lower middle; region III/IV
    (-1.0, .call, 0.15409104990190703, 1.333521432163324),  // lower middle; region III/IV
    (-0.3, .call, 0.10338953191180328, 0.5623413251903491),  // lower middle; region III/IV
    (0.3, .call, 0.46822150109484606, 0.749894209332456),  // lower middle; region III/IV
    (1.0, .call, 1.0724532095859018, 0.7498942093324553),  // lower middle; region III/IV
    (1.5, .put, 0.026781405661616766, 1.0),  // lower middle; region III/IV
    (3.0, .call, 4.283580327689399, 1.7782794100389174),  // lower middle; region III/IV
    (5.0, .put, 0.008602943745916187, 2.371373705661655),  // lower middle; region III/IV
    (100.0, .put, 3.530714330764163e-23, 13.33521432163324),  // lower middle; region III/IV
    (-0.05, .call, 0.10222381009138774, 0.31622776601683794),  // upper middle; region II
    (-1e-06, .put, 0.0029921380762338687, 0.007498942093324558),  // upper middle; region II
    (-1e-10, .put, 2.9916500586108836e-05, 7.498942093324559e-05),  // upper middle; region II
    (-1e-10, .put, 0.0070942150057058, 0.01778279410038923),  // upper middle; region II
    (-1e-14, .call, 3.989422801852067e-05, 9.999999999999999e-05),  // upper middle; region II
    (-1e-14, .call, 0.009460190677008803, 0.023713737056616554),  // upper middle; region II
    (1e-14, .call, 5.31998080767237e-05, 0.0001333521432163324),  // upper middle; region II
    (1e-14, .call, 0.012615136977208431, 0.03162277660168379),  // upper middle; region II
    (1e-10, .put, 9.460407316040821e-05, 0.00023713737056616554),  // upper middle; region II
    (1e-10, .put, 0.02243121740219515, 0.05623413251903491),  // upper middle; region II
    (1e-06, .put, 0.022430717455743706, 0.05623413251903491),  // upper middle; region II
    (0.05, .put, 0.14319916116059278, 0.4216965034285822),  // upper middle; region II
    (-50.0, .call, 6.3953051825116564e-12, 10.0),  // upper middle; region III/IV
    (-1.5, .call, 0.3668164728879401, 3.1622776601683795),  // upper middle; region III/IV
    (-0.1, .call, 0.24512109099087592, 0.7498942093324559),  // upper middle; region III/IV
    (-0.01, .call, 0.3779472914424899, 1.0),  // upper middle; region III/IV
    (-1e-06, .put, 0.22142099479814048, 0.5623413251903491),  // upper middle; region III/IV
    (-1e-14, .call, 0.16699431460613692, 0.4216965034285822),  // upper middle; region III/IV
    (1e-14, .call, 0.7642540115686154, 2.3713737056616546),  // upper middle; region III/IV
    (1e-06, .put, 0.4950745108186275, 1.333521432163324),  // upper middle; region III/IV
    (0.01, .call, 0.5000931969306147, 1.333521432163324),  // upper middle; region III/IV
    (0.1, .call, 0.6776310025384319, 1.7782794100389228),  // upper middle; region III/IV
    (1.5, .call, 1.8013898481697972, 1.7782794100389225),  // upper middle; region III/IV
    (50.0, .put, 6.3953051825116564e-12, 10.0),  // upper middle; region III/IV
    (-200.0, .call, 3.7187153134082156e-44, 23.71373705661654),  // highest; region III/IV
    (-4.0, .put, 7.388899996000279, 7.498942093324335),  // highest; region III/IV
    (-1.0, .put, 1.6144728214334394, 4.216965034285821),  // highest; region III/IV
    (-0.1, .call, 0.8374215339579593, 3.162277660168379),  // highest; region III/IV
    (-0.01, .call, 0.9950119058898058, 9.999999999967272),  // highest; region III/IV
    (-1e-10, .put, 0.9950720572708206, 5.623413251903497),  // highest; region III/IV
    (1e-10, .put, 0.9650107265083002, 4.216965034285821),  // highest; region III/IV
    (0.01, .call, 0.8911666069972389, 3.1622776601683795),  // highest; region III/IV
    (0.1, .call, 1.0512705230996104, 9.999999999971164),  // highest; region III/IV
    (1.0, .put, 0.6063548515213306, 7.498942093324691),  // highest; region III/IV
    (4.0, .put, 0.13134363245450917, 5.623413251903489),  // highest; region III/IV
    (200.0, .put, 3.7187153134082156e-44, 23.71373705661654),  // highest; region III/IV
    (0.0, .call, 3.989422803997704e-06, 9.999999999999999e-06),  // at the money; region II
    (0.0, .call, 9.4604123379849e-06, 2.3713737056616554e-05),  // at the money; region II
    (0.0, .put, 2.2434173060584186e-05, 5.623413251903491e-05),  // at the money; region II
    (0.0, .put, 5.31998080717237e-05, 0.0001333521432163324),  // at the money; region II
    (0.0, .call, 0.0001682325634685904, 0.00042169650342858224),  // at the money; region II
    (0.0, .put, 0.0003989422637788383, 0.001),  // at the money; region II
    (0.0, .put, 0.0009460410121548362, 0.0023713737056616554),  // at the money; region II
    (0.0, .call, 0.0029916380496337776, 0.007498942093324558),  // at the money; region II
    (0.0, .put, 0.0070942149557058, 0.01778279410038923),  // at the money; region II
    (0.0, .put, 0.016822010035856507, 0.042169650342858224),  // at the money; region II
    (0.0, .call, 0.05316041599883177, 0.1333521432163324),  // at the money; region II
    (0.0, .put, 0.1256329388371082, 0.31622776601683794),  // at the money; region II
    (0.0, .call, 0.16699431460614192, 0.4216965034285822),  // at the money; region III/IV
    (0.0, .call, 0.22142049479777184, 0.5623413251903491),  // at the money; region III/IV
    (0.0, .call, 0.2923001941566959, 0.7498942093324559),  // at the money; region III/IV
    (0.0, .call, 0.3829249225480262, 0.9999999999999999),  // at the money; region III/IV
    (0.0, .call, 0.49507501081844585, 1.333521432163324),  // at the money; region III/IV
    (0.0, .call, 0.6260719975703248, 1.7782794100389228),  // at the money; region III/IV
    (0.0, .call, 0.7642540115686104, 2.3713737056616546),  // at the money; region III/IV
    (0.0, .call, 0.886153701993342, 3.1622776601683795),  // at the money; region III/IV
    (0.0, .call, 0.9650107265583002, 4.216965034285821),  // at the money; region III/IV
    (0.0, .call, 0.9950720572208206, 5.6234132519034965),  // at the money; region III/IV
    (0.0, .call, 0.999822792046095, 7.4989420933246),  // at the money; region III/IV
    (0.0, .put, 0.9999994266968563, 10.000000000015026),  // at the money; region III/IV
]

/// The discounted Black-76 price the way a careful pricer forms it: intrinsic value plus the out-of-the-money
/// option's time value (put–call parity at reciprocal strike), so the price is never below the intrinsic value.
private func discountedBlack(
    forward: Double,
    strike: Double,
    sigma: Double,
    expiryYears: Double,
    discount: Double,
    right: OptionRight
) -> Double {
    let x = Double.log(forward / strike)
    let intrinsic = right == .call ? max(forward - strike, 0) : max(strike - forward, 0)
    let scale = forward.squareRoot() * strike.squareRoot()
    let timeValue = scale * NormalisedBlack.price(x: -x.magnitude, s: sigma * expiryYears.squareRoot(), right: .call)
    return discount * (intrinsic + timeValue)
}

/// σ·(∂P/∂σ)/P: how much of the price volatility explains. Small values mean the price barely determines σ.
private func relativeVega(
    forward: Double,
    strike: Double,
    sigma: Double,
    expiryYears: Double,
    discount: Double,
    price: Double
) -> Double {
    let s = sigma * expiryYears.squareRoot()
    let vega = NormalisedBlack.vega(x: Double.log(forward / strike), s: s)
    return discount * forward.squareRoot() * strike.squareRoot() * vega * s / price
}

@Suite struct ImpliedVolatilityAccuracyTests {
    @Test(arguments: highPrecisionRoots)
    func matchesHighPrecisionRootsToAttainableAccuracy(x: Double, right: OptionRight, beta: Double, root: Double) throws
    {
        // Given β and its exact root s*, then |s − s*| ≤ 4·(1 + β/(s*·b'(s*)))·ε·s*: two Householder steps from the
        // rational guess leave nothing but the rounding of β itself.
        let s = try ImpliedVolatility.normalisedBlack(beta: beta, x: x, right: right)
        let attainable = 1 + beta / (root * NormalisedBlack.vega(x: x, s: root))
        #expect((s - root).magnitude <= 4 * attainable * Double.ulpOfOne * root)
    }

    /// The grid: log-moneyness −5…5 in steps of ¼, expiries one hour to five years, volatilities 1%…500%.
    private static let moneyness = (-20...20).map { Double($0) / 4 }
    private static let expiries = [1.0 / 8760, 1.0 / 365, 7.0 / 365, 30.0 / 365, 0.25, 1, 2, 5]
    private static let volatilities = [0.01, 0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 0.8, 1.2, 2, 3.5, 5]

    /// Below this relative vega the price does not pin σ to 1e-12: ε·σ·(1 + 1/ν) with σ ≤ 5 needs ν ≳ 0.01.
    private static let determinedRelativeVega = 0.01

    /// Whether the price determines σ to 1e-12: relative vega ν ≥ 0.01, and the price and the normalised price
    /// P/(D·√(F·K)) are normal doubles (a subnormal price carries fewer than 53 bits, far out of the money).
    private static func isDetermined(price: Double, relativeVega nu: Double, scale: Double) -> Bool {
        nu >= determinedRelativeVega && price >= Double.leastNormalMagnitude
            && price / scale >= Double.leastNormalMagnitude
    }

    @Test(arguments: OptionRight.allCases)
    func roundTripIsWithinOneEMinusTwelveWherePriceDeterminesVolatility(right: OptionRight) throws {
        let forward = 65_000.0
        var determined = 0
        for x in Self.moneyness {
            let strike = forward * Double.exp(-x)
            for expiry in Self.expiries {
                let discount = Double.exp(-0.05 * expiry)
                for sigma in Self.volatilities {
                    let price = discountedBlack(
                        forward: forward,
                        strike: strike,
                        sigma: sigma,
                        expiryYears: expiry,
                        discount: discount,
                        right: right
                    )
                    let nu = relativeVega(
                        forward: forward,
                        strike: strike,
                        sigma: sigma,
                        expiryYears: expiry,
                        discount: discount,
                        price: price
                    )
                    let scale = discount * forward.squareRoot() * strike.squareRoot()
                    guard Self.isDetermined(price: price, relativeVega: nu, scale: scale) else { continue }
                    determined += 1
                    let implied = try ImpliedVolatility.black(
                        price: price,
                        forward: forward,
                        strike: strike,
                        expiryYears: expiry,
                        discount: discount,
                        right: right
                    )
                    #expect((implied - sigma).magnitude <= 1e-12, "x = \(x), T = \(expiry), σ = \(sigma)")
                    // And relative to what the price allows: a few ε·σ·(1 + 1/ν).
                    let attainable = Double.ulpOfOne * sigma * (1 + 1 / nu)
                    #expect((implied - sigma).magnitude <= 8 * attainable, "x = \(x), T = \(expiry), σ = \(sigma)")
                }
            }
        }
        // The determined region is a large part of the grid (the rest is deep in the money, where the time value is
        // below an ulp of the price, or so far out that the price underflows), not a corner of it.
        #expect(determined > Self.moneyness.count * Self.expiries.count * Self.volatilities.count / 3)
    }

    @Test(arguments: OptionRight.allCases)
    func outsideThatRegionTheAnswerIsFiniteAndReprices(right: OptionRight) {
        // Where ν is tiny (deep in the money) or the price is subnormal or zero (far out of the money), many
        // volatilities give the same double price. Then σ must still be finite and reproduce the price to within a
        // few ulps, or the price must sit on a bound to rounding and be reported as such.
        let forward = 65_000.0
        var undetermined = 0
        for x in Self.moneyness {
            let strike = forward * Double.exp(-x)
            for expiry in Self.expiries {
                let discount = Double.exp(-0.05 * expiry)
                for sigma in Self.volatilities {
                    let price = discountedBlack(
                        forward: forward,
                        strike: strike,
                        sigma: sigma,
                        expiryYears: expiry,
                        discount: discount,
                        right: right
                    )
                    let nu = relativeVega(
                        forward: forward,
                        strike: strike,
                        sigma: sigma,
                        expiryYears: expiry,
                        discount: discount,
                        price: price
                    )
                    let scale = discount * forward.squareRoot() * strike.squareRoot()
                    guard !Self.isDetermined(price: price, relativeVega: nu, scale: scale) else { continue }
                    undetermined += 1
                    let label = "x = \(x), T = \(expiry), σ = \(sigma), price = \(price)"
                    do {
                        let implied = try ImpliedVolatility.black(
                            price: price,
                            forward: forward,
                            strike: strike,
                            expiryYears: expiry,
                            discount: discount,
                            right: right
                        )
                        #expect(implied.isFinite && implied >= 0, "\(label)")
                        let repriced = discountedBlack(
                            forward: forward,
                            strike: strike,
                            sigma: implied,
                            expiryYears: expiry,
                            discount: discount,
                            right: right
                        )
                        #expect((repriced - price).magnitude <= 4 * price.ulp, "\(label), repriced = \(repriced)")
                    } catch .aboveMaximum(_, let maximum) {
                        #expect(price >= maximum * (1 - 4 * Double.ulpOfOne), "\(label)")
                    } catch {
                        Issue.record("\(error): \(label)")
                    }
                }
            }
        }
        #expect(undetermined > 0)
    }
}
