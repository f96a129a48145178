// Proves every Greek of every model is the derivative it claims to be, by comparing it with central finite
// differences of the price (first order) or of a first-order Greek (second order) over a grid of markets, and
// that put-call parity holds for all three models.

import Foundation
import LegateModel
import LegatePricing
import Testing

/// One market point of the grid; `dividend` is read by Black–Scholes only.
struct GreekGridPoint: Sendable, CustomTestStringConvertible {
    var underlying: Double
    var strike: Double
    var expiryYears: Double
    var rate: Double
    var dividend: Double
    var vol: Double

    var testDescription: String {
        "U=\(underlying) K=\(strike) T=\(expiryYears) r=\(rate) q=\(dividend) σ=\(vol)"
    }
}

/// From one day to five years, 20% below to 25% above the money, a desk's vols, positive and negative rates.
private let grid: [GreekGridPoint] = {
    var points: [GreekGridPoint] = []
    for expiryYears in [1.0 / 365, 0.25, 5.0] {
        for strike in [80.0, 100.0, 125.0] {
            for vol in [0.3, 1.2] {
                for (rate, dividend) in [(0.05, 0.02), (-0.01, 0.03)] {
                    points.append(
                        GreekGridPoint(
                            underlying: 100,
                            strike: strike,
                            expiryYears: expiryYears,
                            rate: rate,
                            dividend: dividend,
                            vol: vol
                        )
                    )
                }
            }
        }
    }
    return points
}()

private func price(_ model: PricingModel, _ right: OptionRight, _ p: GreekGridPoint) -> Double {
    switch model {
    case .blackScholes:
        BlackScholes.price(
            right,
            spot: p.underlying,
            strike: p.strike,
            expiryYears: p.expiryYears,
            rate: p.rate,
            dividend: p.dividend,
            vol: p.vol
        )
    case .black76:
        Black76.price(
            right,
            forward: p.underlying,
            strike: p.strike,
            expiryYears: p.expiryYears,
            rate: p.rate,
            vol: p.vol
        )
    case .inverse:
        InverseOption.price(
            right,
            forward: p.underlying,
            strike: p.strike,
            expiryYears: p.expiryYears,
            coinRate: p.rate,
            vol: p.vol
        )
    }
}

private func greeks(_ model: PricingModel, _ right: OptionRight, _ p: GreekGridPoint) -> Greeks {
    switch model {
    case .blackScholes:
        BlackScholes.greeks(
            right,
            spot: p.underlying,
            strike: p.strike,
            expiryYears: p.expiryYears,
            rate: p.rate,
            dividend: p.dividend,
            vol: p.vol
        )
    case .black76:
        Black76.greeks(
            right,
            forward: p.underlying,
            strike: p.strike,
            expiryYears: p.expiryYears,
            rate: p.rate,
            vol: p.vol
        )
    case .inverse:
        InverseOption.greeks(
            right,
            forward: p.underlying,
            strike: p.strike,
            expiryYears: p.expiryYears,
            coinRate: p.rate,
            vol: p.vol
        )
    }
}

/// Central difference of `f` along one input, with a step relative to the input (absolute for rates).
private func centralDifference(
    _ p: GreekGridPoint,
    _ path: WritableKeyPath<GreekGridPoint, Double>,
    relativeStep: Double = 1e-5,
    absoluteStep: Double? = nil,
    _ f: (GreekGridPoint) -> Double
) -> Double {
    let h = absoluteStep ?? p[keyPath: path] * relativeStep
    var up = p
    var down = p
    up[keyPath: path] += h
    down[keyPath: path] -= h
    return (f(up) - f(down)) / (up[keyPath: path] - down[keyPath: path])
}

/// A finite difference agrees with an analytic Greek to 1e-6 of the Greek plus 1e-7 of its natural size.
private func agrees(_ analytic: Double, _ difference: Double, size: Double) -> Bool {
    abs(analytic - difference) <= 1e-6 * abs(analytic) + 1e-7 * size
}

@Suite("Greeks against finite differences, and parity")
struct ClosedFormGreekTests {
    @Test(
        "First-order Greeks are the derivatives of the price",
        arguments: PricingModel.allCases,
        OptionRight.allCases
    )
    func firstOrderGreeksMatchPriceDifferences(_ model: PricingModel, _ right: OptionRight) {
        for p in grid {
            // Given the analytic Greeks at a market point
            let g = greeks(model, right, p)
            let value = { (q: GreekGridPoint) in price(model, right, q) }
            // Natural sizes: coin Greeks are per USD of forward, so they carry a 1/F.
            let perUnit = model == .inverse ? 1 / p.underlying : 1
            let notional = model == .inverse ? 1 : p.underlying
            // When each input is bumped up and down, then the price moves by the Greek.
            #expect(g.price == value(p), "\(p)")
            #expect(agrees(g.delta, centralDifference(p, \.underlying, value), size: perUnit), "delta \(p)")
            #expect(agrees(g.vega, centralDifference(p, \.vol, value), size: notional), "vega \(p)")
            let timeDecay = -centralDifference(p, \.expiryYears, value)
            #expect(agrees(g.theta, timeDecay, size: notional / p.expiryYears), "theta \(p)")
            let rateMove = centralDifference(p, \.rate, absoluteStep: 1e-5, value)
            #expect(agrees(g.rho, rateMove, size: notional * p.expiryYears), "rho \(p)")
        }
    }

    @Test(
        "Second-order Greeks are the derivatives of delta and vega",
        arguments: PricingModel.allCases,
        OptionRight.allCases
    )
    func secondOrderGreeksMatchGreekDifferences(_ model: PricingModel, _ right: OptionRight) {
        for p in grid {
            let g = greeks(model, right, p)
            let delta = { (q: GreekGridPoint) in greeks(model, right, q).delta }
            let vega = { (q: GreekGridPoint) in greeks(model, right, q).vega }
            let perUnit = model == .inverse ? 1 / p.underlying : 1
            let notional = model == .inverse ? 1 : p.underlying
            let gammaSize = perUnit / (p.underlying * p.vol * p.expiryYears.squareRoot())
            #expect(agrees(g.gamma, centralDifference(p, \.underlying, delta), size: gammaSize), "gamma \(p)")
            #expect(agrees(g.vanna, centralDifference(p, \.vol, delta), size: perUnit / p.vol), "vanna \(p)")
            // Vanna is a mixed partial: the vega side must agree too.
            #expect(agrees(g.vanna, centralDifference(p, \.underlying, vega), size: perUnit / p.vol), "vanna′ \(p)")
            #expect(agrees(g.volga, centralDifference(p, \.vol, vega), size: notional / p.vol), "volga \(p)")
            let deltaDrift = -centralDifference(p, \.expiryYears, delta)
            #expect(agrees(g.charm, deltaDrift, size: perUnit / p.expiryYears), "charm \(p)")
        }
    }

    @Test("Put-call parity: C − P is the discounted forward minus the discounted strike", arguments: grid)
    func putCallParity(_ p: GreekGridPoint) {
        let discount = discountFactor(p.rate, p.expiryYears)
        for model in PricingModel.allCases {
            let call = greeks(model, .call, p)
            let put = greeks(model, .put, p)
            let parity: Double
            let deltaParity: Double
            var gammaParity = 0.0
            switch model {
            case .blackScholes:
                let carryDiscount = discountFactor(p.dividend, p.expiryYears)
                parity = p.underlying * carryDiscount - p.strike * discount
                deltaParity = carryDiscount
            case .black76:
                parity = discount * (p.underlying - p.strike)
                deltaParity = discount
            case .inverse:
                // max(S−K,0)/S − max(K−S,0)/S = 1 − K/S, worth e^{−rT}(1 − K/F) in coin.
                parity = discount * (1 - p.strike / p.underlying)
                deltaParity = discount * p.strike / (p.underlying * p.underlying)
                gammaParity = -2 * deltaParity / p.underlying
            }
            #expect(abs((call.price - put.price) - parity) <= 1e-13 * (p.underlying + p.strike), "\(model) \(p)")
            #expect(abs((call.delta - put.delta) - deltaParity) <= 1e-14, "\(model) delta \(p)")
            // The parity portfolio does not depend on volatility, so vega and volga of a call and a put coincide;
            // gamma too, except for the inverse option, whose parity value 1 − K/F is curved in F.
            #expect(abs((call.gamma - put.gamma) - gammaParity) <= 1e-14, "\(model) gamma \(p)")
            #expect(abs(call.vega - put.vega) <= 1e-12 * max(1, abs(call.vega)), "\(model) vega \(p)")
            #expect(abs(call.volga - put.volga) <= 1e-12 * max(1, abs(call.volga)), "\(model) volga \(p)")
        }
    }
}

/// e^{−rT}, from libm rather than from the pricer under test.
private func discountFactor(_ rate: Double, _ expiryYears: Double) -> Double {
    Foundation.exp(-rate * expiryYears)
}
