// Proves the pro-rata allocation's guarantees on thousands of seeded random cases (SplitMix64, fixed seeds, so any
// failure replays): slices sum exactly to the fill, none is negative, every slice is a lot multiple except at most one
// that carries the fill's sub-lot remainder, zero weights get nothing, the largest-remainder rule keeps every target
// within one lot of its exact share (checked in exact integer arithmetic), and the same input gives the same output.
import LegateCore
import LegateModel
import LegateOrders
import Testing

/// SplitMix64 (Steele, Lea, Flood 2014): a tiny, fully deterministic generator for seeded property tests.
struct SplitMix64 {
    private(set) var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `range`; the modulo bias is irrelevant at these range sizes.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    mutating func bool() -> Bool { next() & 1 == 1 }
}

/// One random allocation problem.
struct AllocationCase: CustomStringConvertible {
    let fill: Allocation.Fill
    let lot: Quantity
    let weights: [Allocation.Weight<Int>]

    init(_ random: inout SplitMix64) {
        let lots = [qty("1"), qty("0.1"), qty("0.01"), qty("0.5"), qty("5"), qty("0.001")]
        lot = lots[random.int(0...(lots.count - 1))]
        let wholeLots = Int64(random.int(0...5_000))
        // A third of fills are not lot multiples: add 1…9 units of a tenth of the lot.
        let odd = random.int(0...2) == 0 ? Int64(random.int(1...9)) : 0
        let lotUnits = lot.decimal.units * 10
        var fillUnits = wholeLots * lotUnits + odd
        if fillUnits == 0 { fillUnits = lotUnits }
        fill = Allocation.Fill(
            quantity: Quantity(FixedDecimal(units: fillUnits, scale: lot.decimal.scale + 1)),
            price: px("0.0125")
        )
        let count = random.int(1...12)
        let weightScale = Int8(random.int(0...4))
        var weights = (0..<count).map { index in
            let units = random.int(0...3) == 0 ? 0 : Int64(random.int(1...10_000))
            return Allocation.Weight(index, FixedDecimal(units: units, scale: weightScale))
        }
        if weights.allSatisfy({ $0.weight.isZero }) {
            weights[0] = Allocation.Weight(0, FixedDecimal(units: 1, scale: weightScale))
        }
        self.weights = weights
    }

    var description: String {
        "fill \(fill.quantity) lot \(lot) weights \(weights.map { $0.weight.description })"
    }
}

/// The units of `value` at a scale at least its own, as a wide integer.
private func wide(_ value: FixedDecimal, at scale: Int8) -> Int128 {
    var units = Int128(value.units)
    for _ in 0..<(scale - value.scale) { units *= 10 }
    return units
}

@Suite struct AllocationPropertyTests {
    static let seeds: [UInt64] = [1, 42, 0xDEAD_BEEF, 0x5EED_5EED]

    @Test(arguments: seeds)
    func largestRemainderIsExactLotSizedAndWithinOneLot(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        for round in 0..<500 {
            let problem = AllocationCase(&random)
            let slices = try Allocation.proRata(problem.fill, weights: problem.weights, lot: problem.lot)
            let context = "seed \(seed) round \(round): \(problem)"
            try checkCommonGuarantees(problem, slices, context)

            // |slice × Σw − fill × w| < lot × Σw for every target, in exact integers.
            let scale = max(problem.fill.quantity.decimal.scale, problem.lot.decimal.scale)
            let weightScale = problem.weights.map(\.weight.scale).max() ?? 0
            let weightUnits = problem.weights.map { wide($0.weight, at: weightScale) }
            let total = weightUnits.reduce(0, +)
            let fillUnits = wide(problem.fill.quantity.decimal, at: scale)
            let lotUnits = wide(problem.lot.decimal, at: scale)
            for (slice, weight) in zip(slices, weightUnits) {
                let deviation = wide(slice.quantity.decimal, at: scale) * total - fillUnits * weight
                #expect(deviation.magnitude < (lotUnits * total).magnitude, "\(context) target \(slice.target)")
            }
        }
    }

    @Test(arguments: seeds)
    func toLargestWeightIsExactAndLotSized(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        for round in 0..<500 {
            let problem = AllocationCase(&random)
            let slices = try Allocation.proRata(
                problem.fill,
                weights: problem.weights,
                lot: problem.lot,
                rule: .toLargestWeight
            )
            try checkCommonGuarantees(problem, slices, "seed \(seed) round \(round): \(problem)")
        }
    }

    @Test(arguments: Allocation.RemainderRule.allCases)
    func sameInputSameOutput(rule: Allocation.RemainderRule) throws {
        var first = SplitMix64(seed: 7)
        var second = SplitMix64(seed: 7)
        for _ in 0..<200 {
            let a = AllocationCase(&first)
            let b = AllocationCase(&second)
            #expect(
                try Allocation.proRata(a.fill, weights: a.weights, lot: a.lot, rule: rule)
                    == Allocation.proRata(b.fill, weights: b.weights, lot: b.lot, rule: rule)
            )
        }
    }

    @Test func explicitAllocationOfAProRataSplitRoundTrips() throws {
        // Any exact split is a valid explicit allocation of the same fill, slice for slice.
        var random = SplitMix64(seed: 99)
        for _ in 0..<200 {
            let problem = AllocationCase(&random)
            let slices = try Allocation.proRata(problem.fill, weights: problem.weights, lot: problem.lot)
            let amounts = slices.map { Allocation.Amount($0.target, $0.quantity) }
            #expect(try Allocation.explicit(problem.fill, amounts: amounts) == slices)
        }
    }

    /// Sum exact, none negative, zero weight → zero, price = fill price, all lot multiples but at most one slice,
    /// which then carries exactly the fill's sub-lot remainder.
    private func checkCommonGuarantees(
        _ problem: AllocationCase,
        _ slices: [Allocation.Slice<Int>],
        _ context: String
    ) throws {
        #expect(slices.map(\.target) == problem.weights.map(\.target), "\(context)")
        #expect(slices.reduce(Quantity.zero) { $0 + $1.quantity } == problem.fill.quantity, "\(context)")
        #expect(slices.allSatisfy { !$0.quantity.decimal.isNegative }, "\(context)")
        #expect(slices.allSatisfy { $0.price == problem.fill.price }, "\(context)")
        for (slice, weight) in zip(slices, problem.weights) where weight.weight.isZero {
            #expect(slice.quantity.isZero, "\(context) zero-weight target \(slice.target)")
        }
        let offLot = slices.filter { !$0.quantity.decimal.isMultiple(of: problem.lot.decimal) }
        let fillIsLotMultiple = problem.fill.quantity.decimal.isMultiple(of: problem.lot.decimal)
        #expect(offLot.count == (fillIsLotMultiple ? 0 : 1), "\(context)")
        if let carrier = offLot.first {
            let oddPiece = try carrier.quantity.decimal.rounded(toMultipleOf: problem.lot.decimal, .down)
            let fillFloor = try problem.fill.quantity.decimal.rounded(toMultipleOf: problem.lot.decimal, .down)
            #expect(carrier.quantity.decimal - oddPiece == problem.fill.quantity.decimal - fillFloor, "\(context)")
        }
    }
}
