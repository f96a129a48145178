// Proves the incremental tail read: VaR and ES of a book plus an order's legs, read through the book's prefix of
// lowest scenarios with the reach bound, equal the full pass and a full sort to the last bit — on random books and
// legs, small orders (the prefix path) and large ones (the fallback), ties and a book smaller than the prefix.

import Testing

@testable import LegateRisk

@Suite struct TailRiskIncrementalTests {
    struct Case {
        var base: [Double]
        var matrix: [Double]
        var legs: [TailLeg]
    }

    /// A book vector with `count` scenarios and `legCount` unit vectors, each leg sized by `size`.
    static func randomCase(_ random: inout SplitMix64, count: Int, legCount: Int, size: Double) -> Case {
        let base = (0..<count).map { _ in random.uniform(-1, 1) * 1_000_000 }
        var matrix: [Double] = []
        var legs: [TailLeg] = []
        for leg in 0..<legCount {
            let vector = (0..<count).map { _ in random.uniform(-1, 1) * 5_000 }
            matrix.append(contentsOf: vector)
            let reach = vector.reduce(0) { max($0, $1.magnitude) }
            legs.append(TailLeg(offset: leg * count, quantity: random.uniform(-1, 1) * size, reach: reach))
        }
        return Case(base: base, matrix: matrix, legs: legs)
    }

    /// What the gate's full path forms: the book's vector with each leg added in order.
    static func summed(_ test: Case) -> [Double] {
        var values = test.base
        for leg in test.legs {
            for scenario in values.indices { values[scenario] += test.matrix[leg.offset + scenario] * leg.quantity }
        }
        return values
    }

    static func reads(_ test: Case, _ reader: TailRiskReader) -> (prefix: TailRisk, full: TailRisk, sorted: TailRisk) {
        var prefix = TailPrefix()
        test.base.withUnsafeBufferPointer { reader.prefix(of: $0, into: &prefix) }
        let viaPrefix = test.base.withUnsafeBufferPointer { base in
            test.matrix.withUnsafeBufferPointer { matrix in
                test.legs.withUnsafeBufferPointer { legs in
                    reader.read(base: base, prefix: prefix, legs: legs, matrix: matrix)
                }
            }
        }
        let full = test.base.withUnsafeBufferPointer { base in
            test.matrix.withUnsafeBufferPointer { matrix in
                test.legs.withUnsafeBufferPointer { legs in reader.read(base: base, legs: legs, matrix: matrix) }
            }
        }
        return (viaPrefix, full, reader.readBySorting(summed(test)))
    }

    /// Orders from 0.01 to 1,000 contracts of 5,000 USD reach against a book spread over ±1,000,000 USD: the small
    /// ones stay inside the prefix, the large ones fall back to the full pass; every read is exact.
    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6])
    func prefixReadEqualsTheFullPassAndASort(seed: UInt64) throws {
        var random = SplitMix64(state: seed)
        let reader = try TailRiskReader(scenarioCount: 1_000, varConfidence: 0.99, esConfidence: 0.975)
        for size in [0.01, 1, 10, 100, 1_000] {
            let test = Self.randomCase(&random, count: 1_000, legCount: 1 + random.below(4), size: size)
            let (viaPrefix, full, sorted) = Self.reads(test, reader)
            #expect(viaPrefix == full, "size \(size)")
            #expect(viaPrefix == sorted, "size \(size)")
        }
    }

    /// No legs: the prefix read is the book's own tail.
    @Test func noLegsReadsTheBook() throws {
        var random = SplitMix64(state: 11)
        let reader = try TailRiskReader(scenarioCount: 1_000, varConfidence: 0.99, esConfidence: 0.975)
        let test = Self.randomCase(&random, count: 1_000, legCount: 0, size: 1)
        let (viaPrefix, _, _) = Self.reads(test, reader)
        #expect(viaPrefix == reader.read(test.base))
    }

    /// Many equal book values around the tail (a flat book): ties at the prefix boundary do not hide a scenario.
    @Test func tiesAtThePrefixBoundary() throws {
        let reader = try TailRiskReader(scenarioCount: 1_000, varConfidence: 0.99, esConfidence: 0.975)
        let base = (0..<1_000).map { Double($0 % 7) * 100 - 300 }
        let vector = (0..<1_000).map { Double(($0 * 37) % 11) - 5 }
        let test = Case(base: base, matrix: vector, legs: [TailLeg(offset: 0, quantity: 3, reach: 5)])
        let (viaPrefix, full, sorted) = Self.reads(test, reader)
        #expect(viaPrefix == full)
        #expect(viaPrefix == sorted)
    }

    /// Book values 10 apart and legs moving each by -5, 0 or +5 (exactly the reach): the walk stops once the book
    /// less the reach passes the K-th lowest value kept, with ties between new values and the kept one on the way;
    /// the figures equal the full pass and a sort.
    @Test(arguments: [UInt64(1), 2, 3])
    func theWalkStopsAtTheKeptValuesWithoutMissingOne(seed: UInt64) throws {
        var random = SplitMix64(state: seed)
        let reader = try TailRiskReader(scenarioCount: 1_000, varConfidence: 0.99, esConfidence: 0.975)
        var base = (0..<1_000).map { Double($0) * 10 - 2_000 }
        for index in base.indices.reversed() { base.swapAt(index, random.below(index + 1)) }
        let vector = (0..<1_000).map { _ in Double(random.below(3)) * 5 - 5 }
        let test = Case(base: base, matrix: vector, legs: [TailLeg(offset: 0, quantity: 1, reach: 5)])
        let (viaPrefix, full, sorted) = Self.reads(test, reader)
        #expect(viaPrefix == full)
        #expect(viaPrefix == sorted)
    }

    /// Fewer scenarios than a prefix keeps: the prefix holds them all and excludes none.
    @Test func aBookSmallerThanThePrefix() throws {
        var random = SplitMix64(state: 5)
        let reader = try TailRiskReader(scenarioCount: 40, varConfidence: 0.9, esConfidence: 0.9)
        #expect(reader.prefixCount == 40)
        let test = Self.randomCase(&random, count: 40, legCount: 2, size: 50)
        var prefix = TailPrefix()
        test.base.withUnsafeBufferPointer { reader.prefix(of: $0, into: &prefix) }
        #expect(prefix.firstExcluded == .infinity)
        #expect(prefix.values == test.base.sorted())
        let (viaPrefix, full, sorted) = Self.reads(test, reader)
        #expect(viaPrefix == full)
        #expect(viaPrefix == sorted)
    }

    /// The prefix keeps the lowest values with their scenarios, ascending, and the lowest value it leaves out.
    @Test func thePrefixKeepsTheLowestScenarios() throws {
        var random = SplitMix64(state: 9)
        let reader = try TailRiskReader(scenarioCount: 1_000, varConfidence: 0.99, esConfidence: 0.975)
        let base = (0..<1_000).map { _ in random.uniform(-1, 1) }
        var prefix = TailPrefix()
        base.withUnsafeBufferPointer { reader.prefix(of: $0, into: &prefix) }
        let sorted = base.sorted()
        #expect(prefix.values == Array(sorted.prefix(reader.prefixCount)))
        #expect(prefix.firstExcluded == sorted[reader.prefixCount])
        #expect(prefix.scenarios.map { base[$0] } == prefix.values)
    }
}
