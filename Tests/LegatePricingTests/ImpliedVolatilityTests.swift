// Proves the contract of ImpliedVolatility.black and .normalisedBlack: published py_vollib examples come back, prices
// exactly at the intrinsic value give zero, and every impossible input (below intrinsic, at or above the bound, NaN,
// infinite, zero or negative) is a typed error that names the field and the figures, never a NaN.
//
// Published values: py_vollib `black_scholes/implied_volatility.py` (S = K = 100, r = 1%, t = 0.5, σ = 0.2 →
// 5.87602423383), `black/__init__.py` (F = K = 100, r = 2%, t = 0.5, σ = 0.2 → 5.5811067246) and
// `black/implied_volatility.py` (normalised prices 0.0796556745541 ↔ 0.2 at x = 0, call; 0.0509710222785 ↔
// 0.23232323888 at x = 0.1, put); j_vollib `ImpliedVolatilityTest.testImplied_volatility_put` (S = 100, K = 1000,
// r = 5%, t = 0.5 → 875.309912028). Exponentials below are mpmath values of e^{±rt} rounded to doubles.
import LegateModel
import LegatePricing
import Testing

/// The error a throwing call produced, or nil.
private func thrownError(_ body: () throws -> Double) -> ImpliedVolatilityError? {
    do {
        _ = try body()
        return nil
    } catch let error as ImpliedVolatilityError {
        return error
    } catch {
        Issue.record("untyped error \(error)")
        return nil
    }
}

/// The field named by an `.invalidInput` error, or nil for any other outcome.
private func invalidField(_ body: () throws -> Double) -> String? {
    if case .invalidInput(let field, _, _) = thrownError(body) {
        return field
    }
    return nil
}

@Suite struct ImpliedVolatilityPublishedValueTests {
    @Test func pyVollibBlackScholesExample() throws {
        // Given S = K = 100, r = 1%, t = 0.5 as a forward F = S·e^{rt} discounted by e^{−rt},
        // when the published 12-digit price 5.87602423383 is inverted, then σ = 0.2 to the price's precision
        // (5e-12 of price over a vega of 28 is 2e-13).
        let forward = 100 * 1.005012520859401
        let discount = 0.9950124791926823
        let sigma = try ImpliedVolatility.black(
            price: 5.87602423383,
            forward: forward,
            strike: 100,
            expiryYears: 0.5,
            discount: discount,
            right: .call
        )
        #expect((sigma - 0.2).magnitude < 1e-12)
    }

    @Test func pyVollibBlackExample() throws {
        // F = K = 100, r = 2%, t = 0.5: the discounted Black price 5.5811067246 (10 digits) implies σ = 0.2.
        let sigma = try ImpliedVolatility.black(
            price: 5.5811067246,
            forward: 100,
            strike: 100,
            expiryYears: 0.5,
            discount: 0.9900498337491681,
            right: .call
        )
        #expect((sigma - 0.2).magnitude < 1e-11)
    }

    @Test func pyVollibNormalisedExamples() throws {
        // β = 0.0796556745541 at x = 0 (call) ↔ s = 0.2; β = 0.0509710222785 at x = 0.1 (put) ↔ s = 0.23232323888.
        let atTheMoney = try ImpliedVolatility.normalisedBlack(beta: 0.0796556745541, x: 0, right: .call)
        let put = try ImpliedVolatility.normalisedBlack(beta: 0.0509710222785, x: 0.1, right: .put)
        #expect((atTheMoney - 0.2).magnitude < 1e-12)
        #expect((put - 0.23232323888).magnitude < 1e-12)
        // And the exact normalised prices invert to the last bit or two.
        let exactCall = NormalisedBlack.price(x: 0, s: 0.2, right: .call)
        let exactPut = NormalisedBlack.price(x: 0.1, s: 0.23232323888, right: .put)
        #expect((try ImpliedVolatility.normalisedBlack(beta: exactCall, x: 0, right: .call) - 0.2).magnitude < 1e-16)
        let backPut = try ImpliedVolatility.normalisedBlack(beta: exactPut, x: 0.1, right: .put)
        #expect((backPut - 0.23232323888).magnitude < 1e-15)
    }

    @Test func jVollibDeepInTheMoneyPutRoundedBelowIntrinsic() {
        // S = 100, K = 1000, r = 5%, t = 0.5, σ = 0.3: the put is worth its discounted intrinsic value
        // 1000·e^{−0.025} − 100 = 875.3099120283326… plus about 1e-26, so σ is not in the price at all. The
        // published 12-digit 875.309912028 lies below that intrinsic value: a typed error, not an invented σ.
        let forward = 100 * 1.0253151205244289
        let discount = 0.9753099120283326
        let error = thrownError {
            try ImpliedVolatility.black(
                price: 875.309912028,
                forward: forward,
                strike: 1000,
                expiryYears: 0.5,
                discount: discount,
                right: .put
            )
        }
        guard case .belowIntrinsic(let price, let intrinsic) = error else {
            Issue.record("expected belowIntrinsic, got \(String(describing: error))")
            return
        }
        #expect(price == 875.309912028)
        #expect(intrinsic == discount * (1000 - forward))
    }
}

@Suite struct ImpliedVolatilityBoundaryTests {
    @Test(arguments: OptionRight.allCases)
    func priceAtIntrinsicGivesZero(right: OptionRight) throws {
        // In the money by 10 with D = 0.97: the price D·10 is exactly the intrinsic value, so σ = 0.
        let forward = right == .call ? 110.0 : 90
        let price = 0.97 * 10.0
        let sigma = try ImpliedVolatility.black(
            price: price,
            forward: forward,
            strike: 100,
            expiryYears: 0.25,
            discount: 0.97,
            right: right
        )
        #expect(sigma == 0)
        // Out of the money the intrinsic value is 0, and so are zero and negative-zero prices' volatilities.
        #expect(
            try ImpliedVolatility.black(price: 0, forward: 100, strike: 120, expiryYears: 1, discount: 1, right: .call)
                == 0
        )
        #expect(
            try ImpliedVolatility.black(price: -0.0, forward: 100, strike: 80, expiryYears: 1, discount: 1, right: .put)
                == 0
        )
        #expect(try ImpliedVolatility.normalisedBlack(beta: 0, x: -0.3, right: .call) == 0)
    }

    @Test func belowIntrinsicIsATypedErrorWithTheFigures() {
        let error = thrownError {
            try ImpliedVolatility.black(
                price: 9.8,
                forward: 110,
                strike: 100,
                expiryYears: 1,
                discount: 0.99,
                right: .call
            )
        }
        #expect(error == .belowIntrinsic(price: 9.8, intrinsic: 0.99 * 10))
        #expect(error?.description.contains("9.8") == true)
        #expect(error?.description.contains("intrinsic") == true)
        // A negative price is below any intrinsic value, including zero.
        let negative = thrownError {
            try ImpliedVolatility.black(
                price: -1e-9,
                forward: 100,
                strike: 120,
                expiryYears: 1,
                discount: 1,
                right: .call
            )
        }
        #expect(negative == .belowIntrinsic(price: -1e-9, intrinsic: 0))
        let normalised = thrownError { try ImpliedVolatility.normalisedBlack(beta: 0.1, x: 1, right: .call) }
        guard case .belowIntrinsic = normalised else {
            Issue.record("expected belowIntrinsic, got \(String(describing: normalised))")
            return
        }
    }

    @Test(arguments: OptionRight.allCases)
    func atOrAboveTheBoundIsATypedError(right: OptionRight) {
        // The bound is D·F for a call and D·K for a put; reaching it needs an infinite volatility.
        let bound = right == .call ? 0.9 * 100.0 : 0.9 * 80
        for price in [bound, bound.nextUp, bound * 2] {
            let error = thrownError {
                try ImpliedVolatility.black(
                    price: price,
                    forward: 100,
                    strike: 80,
                    expiryYears: 1,
                    discount: 0.9,
                    right: right
                )
            }
            #expect(error == .aboveMaximum(price: price, maximum: bound))
        }
        // Just below the bound the volatility is finite (and huge).
        let sigma = try? ImpliedVolatility.black(
            price: bound * (1 - 1e-9),
            forward: 100,
            strike: 80,
            expiryYears: 1,
            discount: 0.9,
            right: right
        )
        #expect(sigma.map { $0.isFinite && $0 > 5 } == true)
        let normalised = thrownError { try ImpliedVolatility.normalisedBlack(beta: 1, x: 0, right: right) }
        #expect(normalised == .aboveMaximum(price: 1, maximum: 1))
        #expect(normalised?.description.contains("maximum") == true)
    }

    @Test func invalidInputsNameTheField() {
        let nan = Double.nan
        let infinity = Double.infinity
        #expect(
            invalidField {
                try ImpliedVolatility.black(
                    price: 1,
                    forward: nan,
                    strike: 100,
                    expiryYears: 1,
                    discount: 1,
                    right: .call
                )
            } == "forward"
        )
        #expect(
            invalidField {
                try ImpliedVolatility.black(
                    price: 1,
                    forward: 0,
                    strike: 100,
                    expiryYears: 1,
                    discount: 1,
                    right: .call
                )
            } == "forward"
        )
        #expect(
            invalidField {
                try ImpliedVolatility.black(
                    price: 1,
                    forward: 100,
                    strike: -5,
                    expiryYears: 1,
                    discount: 1,
                    right: .call
                )
            } == "strike"
        )
        #expect(
            invalidField {
                try ImpliedVolatility.black(
                    price: 1,
                    forward: 100,
                    strike: infinity,
                    expiryYears: 1,
                    discount: 1,
                    right: .put
                )
            } == "strike"
        )
        #expect(
            invalidField {
                try ImpliedVolatility.black(
                    price: 1,
                    forward: 100,
                    strike: 100,
                    expiryYears: 0,
                    discount: 1,
                    right: .call
                )
            } == "expiryYears"
        )
        #expect(
            invalidField {
                try ImpliedVolatility.black(
                    price: 1,
                    forward: 100,
                    strike: 100,
                    expiryYears: -1,
                    discount: 1,
                    right: .call
                )
            } == "expiryYears"
        )
        #expect(
            invalidField {
                try ImpliedVolatility.black(
                    price: 1,
                    forward: 100,
                    strike: 100,
                    expiryYears: 1,
                    discount: 0,
                    right: .call
                )
            } == "discount"
        )
        #expect(
            invalidField {
                try ImpliedVolatility.black(
                    price: 1,
                    forward: 100,
                    strike: 100,
                    expiryYears: 1,
                    discount: nan,
                    right: .call
                )
            } == "discount"
        )
        #expect(
            invalidField {
                try ImpliedVolatility.black(
                    price: nan,
                    forward: 100,
                    strike: 100,
                    expiryYears: 1,
                    discount: 1,
                    right: .call
                )
            } == "price"
        )
        #expect(
            invalidField {
                try ImpliedVolatility.black(
                    price: infinity,
                    forward: 100,
                    strike: 100,
                    expiryYears: 1,
                    discount: 1,
                    right: .call
                )
            } == "price"
        )
        #expect(invalidField { try ImpliedVolatility.normalisedBlack(beta: nan, x: 0, right: .call) } == "beta")
        #expect(invalidField { try ImpliedVolatility.normalisedBlack(beta: 0.1, x: -infinity, right: .call) } == "x")
        let error = thrownError {
            try ImpliedVolatility.black(price: 1, forward: 100, strike: 0, expiryYears: 1, discount: 1, right: .call)
        }
        #expect(error?.description == "implied volatility: strike = 0.0 must be a positive finite number")
    }

    @Test func neverReturnsNaNForAnyPriceBetweenTheBounds() {
        // Given prices from the intrinsic value to the bound, spaced geometrically in the time value and including
        // the neighbours of both ends, then every call yields a finite σ ≥ 0 or a typed error, never NaN.
        for strike in [1e-6, 0.5, 99.999999, 100, 100.000001, 300, 1e6] {
            for right in OptionRight.allCases {
                let intrinsic = right == .call ? max(100 - strike, 0) : max(strike - 100, 0)
                let bound = right == .call ? 100 : strike
                var prices = [intrinsic, intrinsic.nextUp, bound.nextDown, bound, 1e-300, Double.leastNonzeroMagnitude]
                var timeValue = (bound - intrinsic) * 0.999
                while timeValue > 1e-300 {
                    prices.append(intrinsic + timeValue)
                    timeValue *= 0.01
                }
                for price in prices {
                    do {
                        let sigma = try ImpliedVolatility.black(
                            price: price,
                            forward: 100,
                            strike: strike,
                            expiryYears: 0.1,
                            discount: 1,
                            right: right
                        )
                        #expect(sigma.isFinite && sigma >= 0, "K = \(strike), \(right), price = \(price)")
                    } catch .belowIntrinsic {
                        #expect(price < intrinsic, "K = \(strike), \(right), price = \(price)")
                    } catch .aboveMaximum {
                        // Only at the bound or within rounding of it (β ≥ b_max after normalising).
                        #expect(price >= bound * (1 - 1e-14), "K = \(strike), \(right), price = \(price)")
                    } catch {
                        Issue.record("unexpected \(error) for K = \(strike), \(right), price = \(price)")
                    }
                }
            }
        }
    }
}
