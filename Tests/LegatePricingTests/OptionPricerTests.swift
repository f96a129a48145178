// Proves the validated facade dispatches each model to its pricer, rejects bad inputs with a PricingError that
// names the field, and solves implied volatility for every model, reproducing py_vollib's published example.

import LegateModel
import LegatePricing
import Testing

/// One bad input: which field, what value, and the reason the facade must give.
struct BadInputCase: Sendable, CustomTestStringConvertible {
    var field: String
    var value: Double
    var reason: String
    var model: PricingModel = .blackScholes

    var testDescription: String { "\(model.rawValue) \(field) = \(value)" }
}

private let valid = OptionInputs(
    model: .blackScholes,
    right: .call,
    underlying: 100,
    strike: 95,
    expiryYears: 0.5,
    rate: 0.03,
    dividend: 0.01
)

private let badInputs: [BadInputCase] = [
    BadInputCase(field: "underlying", value: .nan, reason: "must be a finite number"),
    BadInputCase(field: "underlying", value: 0, reason: "must be positive"),
    BadInputCase(field: "strike", value: -5, reason: "must be positive"),
    BadInputCase(field: "strike", value: .infinity, reason: "must be a finite number"),
    BadInputCase(field: "expiryYears", value: 0, reason: "must be positive"),
    BadInputCase(field: "expiryYears", value: -0.1, reason: "must be positive"),
    BadInputCase(field: "rate", value: .nan, reason: "must be a finite number"),
    BadInputCase(field: "dividend", value: -.infinity, reason: "must be a finite number"),
    BadInputCase(field: "vol", value: -0.2, reason: "must be positive"),
    BadInputCase(field: "vol", value: 0, reason: "must be positive"),
    BadInputCase(field: "vol", value: .nan, reason: "must be a finite number"),
    BadInputCase(
        field: "dividend",
        value: 0.02,
        reason: "must be 0 for black76 (the forward already carries the yield)",
        model: .black76
    ),
]

private func inputs(with bad: BadInputCase) -> (OptionInputs, vol: Double) {
    var inputs = valid
    inputs.model = bad.model
    if bad.model != .blackScholes { inputs.dividend = 0 }
    var vol = 0.25
    switch bad.field {
    case "underlying": inputs.underlying = bad.value
    case "strike": inputs.strike = bad.value
    case "expiryYears": inputs.expiryYears = bad.value
    case "rate": inputs.rate = bad.value
    case "dividend": inputs.dividend = bad.value
    default: vol = bad.value
    }
    return (inputs, vol)
}

/// Compares error payloads with NaN treated as equal to NaN, which `==` on the enum cannot do.
private func matches(_ error: PricingError, _ bad: BadInputCase) -> Bool {
    guard case .invalidInput(let field, let value, let reason) = error else { return false }
    let sameValue = value == bad.value || (value.isNaN && bad.value.isNaN)
    return field == bad.field && sameValue && reason == bad.reason
}

@Suite("OptionPricer facade")
struct OptionPricerTests {
    @Test("Each model dispatches to its own pricer", arguments: PricingModel.allCases, OptionRight.allCases)
    func dispatch(_ model: PricingModel, _ right: OptionRight) throws {
        var inputs = valid
        inputs.model = model
        inputs.right = right
        if model != .blackScholes { inputs.dividend = 0 }
        let facade = try OptionPricer.greeks(inputs, vol: 0.4)
        let direct: Greeks
        switch model {
        case .blackScholes:
            direct = BlackScholes.greeks(
                right,
                spot: 100,
                strike: 95,
                expiryYears: 0.5,
                rate: 0.03,
                dividend: 0.01,
                vol: 0.4
            )
        case .black76:
            direct = Black76.greeks(right, forward: 100, strike: 95, expiryYears: 0.5, rate: 0.03, vol: 0.4)
        case .inverse:
            direct = InverseOption.greeks(right, forward: 100, strike: 95, expiryYears: 0.5, coinRate: 0.03, vol: 0.4)
        }
        #expect(facade == direct)
    }

    @Test("A bad input throws invalidInput naming the field, value and reason", arguments: badInputs)
    func badInputIsRejected(_ bad: BadInputCase) {
        let (inputs, vol) = inputs(with: bad)
        do {
            _ = try OptionPricer.greeks(inputs, vol: vol)
            Issue.record("accepted \(bad)")
        } catch {
            #expect(matches(error, bad), "\(error)")
            #expect(error.description.contains(bad.field))
        }
    }

    @Test(
        "Bad inputs are also rejected before solving for implied volatility",
        arguments: badInputs.filter { $0.field != "vol" }
    )
    func badInputIsRejectedBySolver(_ bad: BadInputCase) throws {
        // The solver takes no volatility, so only the market fields apply.
        try #require(bad.field != "vol")
        let (inputs, _) = inputs(with: bad)
        #expect {
            try OptionPricer.impliedVolatility(inputs, price: 5)
        } throws: { error in
            guard let error = error as? PricingError else { return false }
            return matches(error, bad)
        }
    }

    @Test("Implied volatility reprices every model", arguments: PricingModel.allCases, OptionRight.allCases)
    func impliedVolatilityRoundTrip(_ model: PricingModel, _ right: OptionRight) throws {
        for strike in [70.0, 95.0, 100.0, 130.0] {
            for expiryYears in [7.0 / 365, 0.5, 3.0] {
                for vol in [0.15, 0.8] {
                    var inputs = valid
                    inputs.model = model
                    inputs.right = right
                    inputs.strike = strike
                    inputs.expiryYears = expiryYears
                    if model != .blackScholes { inputs.dividend = 0 }
                    let greeks = try OptionPricer.greeks(inputs, vol: vol)
                    // Skip prices that carry no volatility information: a week-long option 30% in the money at
                    // 15% vol is intrinsic value to the last bit, and any σ near 0 reproduces it.
                    guard greeks.vega * vol > 1e-6 * greeks.price else { continue }
                    let implied = try OptionPricer.impliedVolatility(inputs, price: greeks.price)
                    // The price is known to an ulp or so; that fixes σ to about ε·price/vega.
                    let tolerance = 1e-12 * vol + 4e-16 * (greeks.price + inputs.strike) / greeks.vega
                    #expect(abs(implied - vol) <= tolerance, "\(inputs) σ=\(vol) → \(implied)")
                }
            }
        }
    }

    @Test("py_vollib: Black–Scholes S=K=100, r=1%, t=0.5 at 5.87602423383 implies σ = 0.2")
    func pyVollibImpliedVolatility() throws {
        // Source: py_vollib/black_scholes/implied_volatility.py docstring; and py_vollib/black/implied_volatility.py
        // for Black F=K=100, r=2%, t=0.5 at 5.5811067246 → 0.2.
        let spot = OptionInputs(
            model: .blackScholes,
            right: .call,
            underlying: 100,
            strike: 100,
            expiryYears: 0.5,
            rate: 0.01
        )
        #expect(abs(try OptionPricer.impliedVolatility(spot, price: 5.876_024_233_83) - 0.2) <= 1e-11)
        let future = OptionInputs(
            model: .black76,
            right: .call,
            underlying: 100,
            strike: 100,
            expiryYears: 0.5,
            rate: 0.02
        )
        #expect(abs(try OptionPricer.impliedVolatility(future, price: 5.581_106_724_6) - 0.2) <= 1e-11)
    }

    @Test("Implied volatility of an inverse option takes its premium in coin")
    func inverseImpliedVolatilityUsesCoinPremium() throws {
        let inputs = OptionInputs(
            model: .inverse,
            right: .put,
            underlying: 60_000,
            strike: 55_000,
            expiryYears: 30.0 / 365,
            rate: 0
        )
        let coinPremium = InverseOption.price(.put, forward: 60_000, strike: 55_000, expiryYears: 30.0 / 365, vol: 0.7)
        #expect(coinPremium < 1)
        #expect(abs(try OptionPricer.impliedVolatility(inputs, price: coinPremium) - 0.7) <= 1e-10)
    }

    @Test("A price the model cannot reach wraps the solver's typed error")
    func unreachablePriceWrapsSolverError() {
        var inputs = valid
        inputs.strike = 50
        // The call is worth at least its discounted intrinsic value, about 49.5: 10 is below it.
        #expect {
            try OptionPricer.impliedVolatility(inputs, price: 10)
        } throws: { error in
            guard case .impliedVolatility(.belowIntrinsic) = error as? PricingError else { return false }
            return true
        }
        #expect(throws: PricingError.invalidInput(field: "price", value: .infinity, reason: "must be a finite number"))
        {
            try OptionPricer.impliedVolatility(inputs, price: .infinity)
        }
        let error = PricingError.impliedVolatility(.aboveMaximum(price: 200, maximum: 99))
        #expect(error.description.contains("implied volatility"))
    }

    @Test("validate accepts a valid option and the error text says what and where")
    func validateAndDescribe() throws {
        try OptionPricer.validate(valid)
        let error = PricingError.invalidInput(field: "strike", value: -5, reason: "must be positive")
        #expect(error.description == "invalid strike = -5.0: must be positive")
    }
}
