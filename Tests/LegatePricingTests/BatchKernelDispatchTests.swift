// Proves the C batch kernel, on the build the CPU selects (AVX2 where available) and on the portable build forced,
// equals the scalar Swift pricer to 1e-13 relative, and in fact bit for bit, on 102,000 seeded random options of all
// three models, and on batches of 0 to 12 options whose tails miss the vector loop.

import Foundation
import LegateModel
import Testing

@testable import LegatePricing

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

/// `count` random options, calls and puts: underlying 100 to 3e5, log-moneyness ±4 (deep in and out of the money),
/// T from one hour to five years (log-uniform), σ 1%–300%, rates −2%…10%, carry yields 0…10% for Black–Scholes.
private func randomBatch(_ model: PricingModel, count: Int, seed: UInt64) -> OptionBatch {
    var random = SplitMix64(state: seed)
    var batch = OptionBatch(model: model, reservingCapacity: count)
    let hour = 1.0 / 8760
    for _ in 0..<count {
        let underlying = 100 * Foundation.exp(8 * random.next())
        let inputs = OptionInputs(
            model: model,
            right: random.next() < 0.5 ? .call : .put,
            underlying: underlying,
            strike: underlying * Foundation.exp(8 * (random.next() - 0.5)),
            expiryYears: hour * Foundation.exp(Foundation.log(5 / hour) * random.next()),
            rate: -0.02 + 0.12 * random.next(),
            dividend: model == .blackScholes ? 0.1 * random.next() : 0
        )
        batch.append(inputs, vol: 0.01 + 2.99 * random.next())
    }
    return batch
}

/// The scalar Swift path for row `row`: the Swift kernel on one lane, as `BlackScholes`, `Black76` and
/// `InverseOption` run it.
private func scalarGreeks(_ batch: OptionBatch, _ row: Int) -> Greeks {
    let x = batch.inputs(at: row)
    return ClosedFormKernel.scalarGreeks(
        batch.model,
        x.right,
        underlying: x.underlying,
        strike: x.strike,
        expiryYears: x.expiryYears,
        rate: x.rate,
        dividend: x.dividend,
        vol: batch.vol[row]
    )
}

private func values(_ g: Greeks) -> [Double] {
    [g.price, g.delta, g.gamma, g.vega, g.theta, g.rho, g.vanna, g.volga, g.charm]
}

private let greekNames = ["price", "delta", "gamma", "vega", "theta", "rho", "vanna", "volga", "charm"]

/// The requirement: within 1e-13 relative, or 1e-300 absolute near zero; NaN agrees only with NaN.
private func agrees(_ a: Double, _ b: Double) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    return a == b || abs(a - b) <= 1e-13 * max(abs(a), abs(b)) || abs(a - b) <= 1e-300
}

/// How a batch result compares with the scalar path, over every row and Greek.
private struct Comparison {
    var values = 0
    /// Values outside `agrees`.
    var disagreements = 0
    /// Values whose bits differ (NaN payloads aside).
    var bitDifferences = 0
    var worstRelative = 0.0
    var firstFailure: String?
    var firstBitDifference: String?

    mutating func add(_ actual: Double, _ expected: Double, row: Int, greek: Int) {
        values += 1
        let sameBits = actual.bitPattern == expected.bitPattern || (actual.isNaN && expected.isNaN)
        if !sameBits {
            bitDifferences += 1
            if firstBitDifference == nil {
                firstBitDifference =
                    "row \(row) \(greekNames[greek]): \(actual) (\(String(actual.bitPattern, radix: 16))) vs scalar "
                    + "\(expected) (\(String(expected.bitPattern, radix: 16)))"
            }
            worstRelative = max(worstRelative, abs(actual - expected) / max(abs(actual), abs(expected)))
        }
        if !agrees(actual, expected) {
            disagreements += 1
            if firstFailure == nil {
                firstFailure = "row \(row) \(greekNames[greek]): \(actual) vs scalar \(expected)"
            }
        }
    }

    var summary: String {
        "\(disagreements) of \(values) outside 1e-13, \(bitDifferences) differing bits, worst \(worstRelative); "
            + "first: \(firstFailure ?? "none"); first bit difference: \(firstBitDifference ?? "none")"
    }
}

private func compare(_ output: GreeksBatch, with expected: [[Double]]) -> Comparison {
    var comparison = Comparison()
    for row in 0..<expected.count {
        for (greek, (actual, scalar)) in zip(values(output[row]), expected[row]).enumerated() {
            comparison.add(actual, scalar, row: row, greek: greek)
        }
    }
    return comparison
}

@Suite("Batch kernel builds and dispatch")
struct BatchKernelDispatchTests {
    @Test(
        "Both builds of the C kernel equal the scalar Swift path on 34,000 random options per model",
        arguments: PricingModel.allCases
    )
    func bothBuildsMatchScalar(_ model: PricingModel) throws {
        // Given 34,001 valid random options (odd, so the last vector is partial)
        let seed: UInt64 =
            switch model {
            case .blackScholes: 101
            case .black76: 202
            case .inverse: 303
            }
        let batch = randomBatch(model, count: 34_001, seed: seed)
        try batch.validate()
        let expected = (0..<batch.count).map { values(scalarGreeks(batch, $0)) }

        for build in BatchKernelBuild.allCases {
            // When the batch is priced on this build
            var output = GreeksBatch(count: 0)
            batch.priceGreeks(into: &output, build: build)
            // Then every value agrees with the scalar path, bit for bit
            #expect(output.count == batch.count)
            let comparison = compare(output, with: expected)
            #expect(comparison.disagreements == 0, "\(build) (\(BatchKernelBuild.selected)): \(comparison.summary)")
            #expect(comparison.bitDifferences == 0, "\(build) (\(BatchKernelBuild.selected)): \(comparison.summary)")
            #expect(!output.price.contains { $0.isNaN })
        }
    }

    @Test(
        "Batches of 0 to 12 options (all tail; one, two or three vectors and a tail) match the scalar path",
        arguments: 0...12
    )
    func tinyBatches(_ count: Int) {
        for model in PricingModel.allCases {
            let batch = randomBatch(model, count: count, seed: 7_000 + UInt64(count))
            let expected = (0..<count).map { values(scalarGreeks(batch, $0)) }
            for build in BatchKernelBuild.allCases {
                var output = GreeksBatch(count: 3)
                batch.priceGreeks(into: &output, build: build)
                #expect(output.count == count)
                let comparison = compare(output, with: expected)
                #expect(comparison.bitDifferences == 0, "\(model) \(build): \(comparison.summary)")

                var prices = [Double](repeating: .nan, count: 11)
                batch.price(into: &prices, build: build)
                #expect(prices.map(\.bitPattern) == output.price.map(\.bitPattern), "\(model) \(build)")
            }
        }
    }

    @Test("Price-only runs equal the price column on both builds", arguments: PricingModel.allCases)
    func pricesMatchPriceColumn(_ model: PricingModel) {
        let batch = randomBatch(model, count: 4_099, seed: 17)
        var output = GreeksBatch(count: batch.count)
        batch.priceGreeks(into: &output, build: .portable)
        for build in BatchKernelBuild.allCases {
            var prices: [Double] = []
            batch.price(into: &prices, build: build)
            #expect(prices.map(\.bitPattern) == output.price.map(\.bitPattern), "\(build)")
        }
    }

    @Test("An invalid option gives the scalar path's NaN or value in its own row and leaves its neighbours alone")
    func invalidRowsStayInTheirRow() {
        var batch = randomBatch(.blackScholes, count: 11, seed: 5)
        batch.vol[2] = 0
        batch.strike[5] = .nan
        batch.expiryYears[8] = -1
        batch.underlying[10] = .infinity
        let expected = (0..<batch.count).map { values(scalarGreeks(batch, $0)) }
        for build in BatchKernelBuild.allCases {
            var output = GreeksBatch(count: 0)
            batch.priceGreeks(into: &output, build: build)
            let comparison = compare(output, with: expected)
            #expect(comparison.bitDifferences == 0, "\(build): \(comparison.summary)")
            for row in [0, 1, 3, 4, 6, 7, 9] {
                #expect(!values(output[row]).contains { $0.isNaN }, "\(build) row \(row)")
            }
        }
    }

    @Test("The AVX2 build runs exactly when the CPU has AVX2 and FMA")
    func dispatchFollowsTheCPU() throws {
        #if arch(x86_64) && os(Linux)
        let cpuinfo = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let flagsLine = cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") } ?? ""
        let flags = Set(flagsLine.split(separator: " ").map(String.init))
        let expected = flags.contains("avx2") && flags.contains("fma") ? "avx2" : "portable"
        #expect(BatchKernelBuild.selected == expected)
        #elseif arch(x86_64)
        #expect(["avx2", "portable"].contains(BatchKernelBuild.selected))
        #else
        #expect(BatchKernelBuild.selected == "portable")
        #endif
    }
}
