// Proves the vectorized batch pricer returns what the scalar pricers return for every option and every Greek
// (on a seeded random grid with deep in- and out-of-the-money options and expiries from one hour to five years),
// handles partial vectors, reuses its output, and that batch validation names the offending row.

import Foundation
import LegateModel
import LegatePricing
import Testing

/// A deterministic generator so that every run prices the same grid.
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

/// `count` random options: log-moneyness ±150%, T from one hour to five years (log-uniform), vol 5%–300%,
/// rates −2%…10%, yields 0…10% for Black–Scholes.
private func randomBatch(_ model: PricingModel, count: Int, seed: UInt64) -> OptionBatch {
    var random = SplitMix64(state: seed)
    var batch = OptionBatch(model: model, reservingCapacity: count)
    let hour = 1.0 / 8760
    for _ in 0..<count {
        let underlying = 100 * Foundation.exp(8 * random.next())
        let strike = underlying * Foundation.exp(3 * (random.next() - 0.5))
        let expiryYears = hour * Foundation.exp(Foundation.log(5 / hour) * random.next())
        let inputs = OptionInputs(
            model: model,
            right: random.next() < 0.5 ? .call : .put,
            underlying: underlying,
            strike: strike,
            expiryYears: expiryYears,
            rate: -0.02 + 0.12 * random.next(),
            dividend: model == .blackScholes ? 0.1 * random.next() : 0
        )
        batch.append(inputs, vol: 0.05 + 2.95 * random.next())
    }
    return batch
}

private func scalarGreeks(_ batch: OptionBatch, _ row: Int) -> Greeks {
    let x = batch.inputs(at: row)
    switch batch.model {
    case .blackScholes:
        return BlackScholes.greeks(
            x.right,
            spot: x.underlying,
            strike: x.strike,
            expiryYears: x.expiryYears,
            rate: x.rate,
            dividend: x.dividend,
            vol: batch.vol[row]
        )
    case .black76:
        return Black76.greeks(
            x.right,
            forward: x.underlying,
            strike: x.strike,
            expiryYears: x.expiryYears,
            rate: x.rate,
            vol: batch.vol[row]
        )
    case .inverse:
        return InverseOption.greeks(
            x.right,
            forward: x.underlying,
            strike: x.strike,
            expiryYears: x.expiryYears,
            coinRate: x.rate,
            vol: batch.vol[row]
        )
    }
}

/// Agreement to 1e-13 relative (the requirement; the paths share one kernel, so they are in fact identical).
private func agrees(_ a: Double, _ b: Double) -> Bool {
    a == b || abs(a - b) <= 1e-13 * max(abs(a), abs(b))
}

private func greekValues(_ g: Greeks) -> [Double] {
    [g.price, g.delta, g.gamma, g.vega, g.theta, g.rho, g.vanna, g.volga, g.charm]
}

@Suite("Batch pricer")
struct BatchPricingTests {
    @Test("Batch Greeks equal scalar Greeks for every option and Greek", arguments: PricingModel.allCases)
    func batchMatchesScalar(_ model: PricingModel) throws {
        // Given 1003 random options (not a multiple of the lane width, so the last vector is partial)
        let batch = randomBatch(model, count: 1003, seed: 42)
        try batch.validate()
        // When the batch is priced
        var output = GreeksBatch(count: 0)
        batch.priceGreeks(into: &output)
        // Then every row matches the scalar pricer
        #expect(output.count == batch.count)
        for row in 0..<batch.count {
            let expected = greekValues(scalarGreeks(batch, row))
            let actual = greekValues(output[row])
            #expect(!actual.contains { $0.isNaN }, "row \(row): \(batch.inputs(at: row))")
            #expect(zip(actual, expected).allSatisfy(agrees), "row \(row): \(batch.inputs(at: row))")
        }
    }

    @Test("Batch prices and deltas match an independent libm Black–Scholes to within its rounding")
    func batchMatchesLibmFormula() {
        // An independent reference: the textbook formula with libm's exp, log and erfc. Deep out-of-the-money
        // prices are differences of two small terms, so agreement is measured against those terms' size.
        let batch = randomBatch(.blackScholes, count: 2001, seed: 11)
        var output = GreeksBatch(count: batch.count)
        batch.priceGreeks(into: &output)
        for row in 0..<batch.count {
            let x = batch.inputs(at: row)
            let sign: Double = x.right == .call ? 1 : -1
            let s = batch.vol[row] * x.expiryYears.squareRoot()
            let d1 = (Foundation.log(x.underlying / x.strike) + (x.rate - x.dividend) * x.expiryYears) / s + s / 2
            let d2 = d1 - s
            let cdf = { (z: Double) in 0.5 * erfc(-z / 2.0.squareRoot()) }
            let spotTerm = x.underlying * Foundation.exp(-x.dividend * x.expiryYears) * cdf(sign * d1)
            let strikeTerm = x.strike * Foundation.exp(-x.rate * x.expiryYears) * cdf(sign * d2)
            let price = sign * (spotTerm - strikeTerm)
            // libm's erfc sees z/√2 rounded, which costs it up to d²·ε relatively in the far tail.
            let tolerance = 1e-14 * (1 + d1 * d1) * (spotTerm + strikeTerm) + 1e-300
            #expect(abs(output.price[row] - price) <= tolerance, "row \(row): \(x)")
            let delta = sign * Foundation.exp(-x.dividend * x.expiryYears) * cdf(sign * d1)
            #expect(abs(output.delta[row] - delta) <= 1e-14 * (1 + d1 * d1) * abs(delta) + 1e-300, "row \(row)")
        }
    }

    @Test("Price-only batch equals the price column of the Greeks batch", arguments: PricingModel.allCases)
    func priceOnlyMatchesGreeks(_ model: PricingModel) {
        let batch = randomBatch(model, count: 257, seed: 7)
        var output = GreeksBatch(count: batch.count)
        batch.priceGreeks(into: &output)
        var prices: [Double] = []
        batch.price(into: &prices)
        #expect(prices == output.price)
    }

    @Test("Repricing reuses the output, and a resized batch resizes it")
    func outputIsReusedAndResized() {
        let batch = randomBatch(.inverse, count: 64, seed: 3)
        var output = GreeksBatch(count: batch.count)
        batch.priceGreeks(into: &output)
        let first = output
        batch.priceGreeks(into: &output)
        #expect(output == first)

        var smaller = batch
        smaller.removeAll()
        smaller.append(batch.inputs(at: 5), vol: batch.vol[5])
        smaller.priceGreeks(into: &output)
        #expect(output.count == 1)
        #expect(output[0] == first[5])

        smaller.removeAll()
        smaller.priceGreeks(into: &output)
        #expect(output.count == 0)
    }

    @Test("A batch of one to nine options prices every row, whatever the lane width", arguments: 1...9)
    func smallBatches(_ count: Int) {
        let batch = randomBatch(.blackScholes, count: count, seed: UInt64(count))
        var output = GreeksBatch(count: count)
        batch.priceGreeks(into: &output)
        for row in 0..<count {
            #expect(output[row] == scalarGreeks(batch, row))
        }
    }

    @Test("Validation names the first bad row and field")
    func validationNamesRowAndField() {
        var batch = randomBatch(.black76, count: 10, seed: 9)
        #expect(throws: Never.self) { try batch.validate() }

        batch.strike[6] = .nan
        batch.vol[3] = -0.2
        #expect(throws: PricingError.invalidInput(field: "vol[3]", value: -0.2, reason: "must be positive")) {
            try batch.validate()
        }
        batch.vol[3] = 0.2
        #expect(throws: PricingError.self) { try batch.validate() }
        do {
            try batch.validate()
        } catch {
            #expect(error.description.contains("strike[6]"))
        }

        batch.strike[6] = 100
        batch.dividend[0] = 0.01
        #expect(throws: PricingError.self) { try batch.validate() }
        batch.dividend[0] = 0
        batch.rate.removeLast()
        #expect(!batch.hasEqualColumns)
        #expect(
            throws: PricingError.invalidInput(
                field: "rate",
                value: 9,
                reason: "column has 9 rows but underlying has 10"
            )
        ) {
            try batch.validate()
        }
    }
}
