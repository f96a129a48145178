// Proves the generator is the published xoshiro256** seeded by splitmix64 (reference vectors from Vigna's C
// reference implementations), that one seed replays one stream, and that the draws have the right first moments.
import LegateSimulator
import Testing

@Suite struct SeededGeneratorTests {
    @Test func splitMix64MatchesTheReferenceVector() {
        // splitmix64.c with state 0: the first three outputs.
        var mixer = SplitMix64(state: 0)
        #expect(mixer.next() == 0xE220_A839_7B1D_CDAF)
        #expect(mixer.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(mixer.next() == 0x06C4_5D18_8009_454F)
    }

    @Test func xoshiro256StarStarMatchesTheReferenceVector() {
        // xoshiro256starstar.c from state {1, 2, 3, 4}.
        var generator = SeededGenerator(state: 1, 2, 3, 4)
        let expected: [UInt64] = [
            11520, 0, 1_509_978_240, 1_215_971_899_390_074_240, 1_216_172_134_540_287_360, 607_988_272_756_665_600,
        ]
        #expect((0..<6).map { _ in generator.next() } == expected)
    }

    @Test func sameSeedGivesTheSameStreamAndOthersDiffer() {
        var first = SeededGenerator(seed: 42)
        var second = SeededGenerator(seed: 42)
        var other = SeededGenerator(seed: 43)
        let a = (0..<100).map { _ in first.normal() }
        let b = (0..<100).map { _ in second.normal() }
        let c = (0..<100).map { _ in other.normal() }
        #expect(a == b)
        #expect(a != c)
        #expect(SeededGenerator(seed: 42).derived(stream: 1) != SeededGenerator(seed: 42).derived(stream: 2))
    }

    @Test(arguments: [UInt64(1), 7, 2026])
    func drawsHaveTheirMeans(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let count = 200_000
        var normalSum = 0.0
        var normalSquares = 0.0
        var exponentialSum = 0.0
        var poissonSum = 0
        var uniformBelow = 0
        for _ in 0..<count {
            let z = generator.normal()
            normalSum += z
            normalSquares += z * z
            exponentialSum += generator.exponential(mean: 3)
            poissonSum += generator.poisson(mean: 2.5)
            uniformBelow += generator.below(10) < 3 ? 1 : 0
        }
        let n = Double(count)
        // Five standard errors: a broken draw misses by far more, a correct one essentially never.
        #expect(abs(normalSum / n) < 5 / n.squareRoot())
        #expect(abs(normalSquares / n - 1) < 5 * 2.0.squareRoot() / n.squareRoot())
        #expect(abs(exponentialSum / n - 3) < 5 * 3 / n.squareRoot())
        #expect(abs(Double(poissonSum) / n - 2.5) < 5 * 2.5.squareRoot() / n.squareRoot())
        #expect(abs(Double(uniformBelow) / n - 0.3) < 5 * (0.21 / n).squareRoot())
    }

    @Test func largePoissonMeansUseTheNormalApproximation() {
        var generator = SeededGenerator(seed: 5)
        let draws = (0..<20_000).map { _ in generator.poisson(mean: 100) }
        let mean = Double(draws.reduce(0, +)) / 20_000
        #expect(abs(mean - 100) < 0.5)
        #expect(draws.allSatisfy { $0 >= 0 })
    }
}
