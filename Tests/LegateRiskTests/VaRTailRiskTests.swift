// Proves how VaR and ES are read off scenario P&L: Hull's rank convention on hand-checkable vectors, the fractional
// ES boundary, the selection read equal to a full sort on random vectors, and every bad input refused.

import Testing

@testable import LegateRisk

@Suite struct VaRTailRiskTests {
    /// Hull (RMFI ch. 13): 500 scenarios, 99 % VaR is the 5th worst loss and ES the mean of the 5 worst. Losses
    /// 1…500 in shuffled order: VaR = 496, ES = (500 + 499 + 498 + 497 + 496)/5 = 498.
    @Test func hullRankConventionOnFiveHundredScenarios() throws {
        var random = SplitMix64(state: 3)
        var pnl = (1...500).map { -Double($0) }
        for index in stride(from: pnl.count - 1, to: 0, by: -1) { pnl.swapAt(index, random.below(index + 1)) }
        let reader = try TailRiskReader(scenarioCount: 500, varConfidence: 0.99, esConfidence: 0.99)
        #expect(reader.varRank == 5)
        let risk = reader.read(pnl)
        #expect(risk.valueAtRisk == 496)
        #expect(risk.expectedShortfall == 498)
    }

    /// 1,000 scenarios at the defaults: VaR 99 % = 10th worst, ES 97.5 % = mean of the 25 worst.
    @Test func defaultsOnAThousandScenarios() throws {
        let pnl = (0..<1_000).map { Double($0) - 900 }  // worst −900, then −899, …
        let reader = try TailRiskReader(scenarioCount: 1_000, varConfidence: 0.99, esConfidence: 0.975)
        let risk = reader.read(pnl)
        #expect(risk.valueAtRisk == 891)
        #expect(risk.expectedShortfall == (876...900).reduce(0.0) { $0 + Double($1) } / 25)
    }

    /// With 10 scenarios at ES 97.5 % the tail mass is 0.25 scenario: ES is the worst loss; at 75 %, 2.5 scenarios:
    /// (L₁ + L₂ + ½·L₃)/2.5.
    @Test func fractionalTailMassWeighsTheBoundaryScenario() throws {
        let pnl: [Double] = [-10, -8, -6, -4, -2, 0, 2, 4, 6, 8]
        let small = try TailRiskReader(scenarioCount: 10, varConfidence: 0.99, esConfidence: 0.975).read(pnl)
        #expect(small.valueAtRisk == 10)
        #expect(small.expectedShortfall == 10)
        let wide = try TailRiskReader(scenarioCount: 10, varConfidence: 0.75, esConfidence: 0.75).read(pnl)
        #expect(wide.valueAtRisk == 6)  // ⌈2.5⌉ = 3rd worst
        #expect(abs(wide.expectedShortfall - (10 + 8 + 0.5 * 6) / 2.5) < 1e-12)
    }

    /// A book that gains in every scenario has a negative VaR: the figure is signed, not clamped.
    @Test func gainsEverywhereGiveNegativeVaR() throws {
        let risk = try TailRiskReader(scenarioCount: 4, varConfidence: 0.5, esConfidence: 0.5).read([1, 2, 3, 4])
        #expect(risk.valueAtRisk == -2)
        #expect(risk.expectedShortfall == -1.5)
    }

    /// Property: the one-pass selection equals the full sort, on random vectors of random sizes and confidences,
    /// including ties, and `read(base, plus:)` equals reading the sum.
    @Test func selectionEqualsSortOnRandomVectors() throws {
        var random = SplitMix64(state: 20_260_121)
        for _ in 0..<300 {
            let count = 1 + random.below(3_000)
            let varConfidence = random.uniform(0.5, 0.999)
            let esConfidence = random.uniform(0.5, 0.999)
            let reader = try TailRiskReader(
                scenarioCount: count,
                varConfidence: varConfidence,
                esConfidence: esConfidence
            )
            let base = (0..<count).map { _ in (random.uniform(-100, 100) * 4).rounded() / 4 }
            let delta = (0..<count).map { _ in random.uniform(-10, 10) }
            #expect(reader.read(base) == reader.readBySorting(base))
            let sum = zip(base, delta).map { $0 + $1 }
            let fused = base.withUnsafeBufferPointer { b in delta.withUnsafeBufferPointer { reader.read(b, plus: $0) } }
            #expect(fused == reader.read(sum))
        }
    }

    /// The worst case for the selection (P&L already ascending, every value enters the buffer) is still right.
    @Test func ascendingInputIsHandled() throws {
        let pnl = (0..<2_000).map { Double($0) }
        let reader = try TailRiskReader(scenarioCount: 2_000, varConfidence: 0.99, esConfidence: 0.975)
        #expect(reader.read(pnl) == reader.readBySorting(pnl))
        #expect(reader.read(pnl.reversed()) == reader.readBySorting(pnl))
    }

    @Test(arguments: [0.0, 1.0, -0.1, 1.5, Double.nan])
    func confidenceOutsideTheOpenUnitIntervalIsRefused(_ confidence: Double) {
        #expect(throws: VaRError.self) {
            try TailRiskReader(scenarioCount: 100, varConfidence: confidence, esConfidence: 0.975)
        }
        #expect(throws: VaRError.self) {
            try TailRiskReader(scenarioCount: 100, varConfidence: 0.99, esConfidence: confidence)
        }
    }

    @Test func zeroScenariosAreRefused() {
        #expect(throws: VaRError.countNotPositive(what: "scenario count", value: 0)) {
            try TailRiskReader(scenarioCount: 0, varConfidence: 0.99, esConfidence: 0.975)
        }
    }

    /// `500 × (1 − 0.99)` is 5.000000000000004 in binary; the rank must still be 5, not 6.
    @Test func tailMassSnapsRoundingNoise() {
        #expect(tailMass(scenarioCount: 500, confidence: 0.99) == 5)
        #expect(tailMass(scenarioCount: 1_000, confidence: 0.975) == 25)
        #expect(tailMass(scenarioCount: 10, confidence: 0.75) == 2.5)
    }
}
