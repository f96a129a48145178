public import LegateCore

extension Allocation {
    /// Splits a fill by weights into lot multiples (plus, when the fill is not a lot multiple, one sub-lot piece),
    /// summing exactly to the fill.
    ///
    /// Each target's exact share is `fill × weight / Σweights`. Every target first receives the whole lots of that
    /// share, rounded down; the whole lots left over and the fill's sub-lot remainder are then placed by `rule`. No
    /// slice is negative; every slice is a lot multiple except the one that carries the sub-lot remainder (which is
    /// `fill mod lot` more than a lot multiple); a zero-weight target receives zero. With `.largestRemainder` every
    /// slice is within one lot of its exact share.
    ///
    /// ```swift
    /// // 7 contracts, lot 1, weights 1:1:1 → 3, 2, 2 (the tie goes to the first target).
    /// let slices = try Allocation.proRata(fill, weights: [.init(a, 1), .init(b, 1), .init(c, 1)], lot: 1)
    /// ```
    ///
    /// - Parameters:
    ///   - fill: the execution to split; every slice carries its price.
    ///   - weights: targets in a deterministic order (ties go to the earlier one), each weight ≥ 0, not all zero.
    ///   - lot: the instrument's lot size.
    ///   - rule: where leftover lots and the sub-lot remainder go.
    /// - Returns: one slice per target, in the order given.
    /// - Throws: `AllocationError` for an empty, oversized or repeated target list, a non-positive fill or lot, a
    ///   negative or all-zero weight, or an intermediate beyond 128 bits.
    public static func proRata<Target>(
        _ fill: Fill,
        weights: [Weight<Target>],
        lot: Quantity,
        rule: RemainderRule = .largestRemainder
    ) throws(AllocationError) -> [Slice<Target>] {
        try checkTargets(weights.map(\.target))
        guard fill.quantity.decimal.isPositive else { throw .nonPositiveFillQuantity(fill.quantity) }
        guard lot.decimal.isPositive else { throw .nonPositiveLot(lot) }
        for (index, weight) in weights.enumerated() where weight.weight.isNegative {
            throw .negativeWeight(index: index, target: "\(weight.target)", weight: weight.weight)
        }
        let split = try LotSplit(fill: fill.quantity, lot: lot, weights: weights.map(\.weight))
        let quantities = try split.quantities(rule: rule)
        return zip(weights, quantities).map { weight, quantity in
            Slice(target: weight.target, quantity: quantity, price: fill.price)
        }
    }

    /// At least one and at most `maximumTargets` targets, none twice.
    static func checkTargets<Target: Hashable>(_ targets: [Target]) throws(AllocationError) {
        guard !targets.isEmpty else { throw .noTargets }
        guard targets.count <= maximumTargets else {
            throw .tooManyTargets(count: targets.count, maximum: maximumTargets)
        }
        var seen: [Target: Int] = [:]
        for (index, target) in targets.enumerated() {
            if let first = seen[target] {
                throw .duplicateTarget(index: index, firstIndex: first, target: "\(target)")
            }
            seen[target] = index
        }
    }
}

/// The integer core of a pro-rata split: fill, lot and weights as 128-bit units, each share as whole lots plus a
/// remainder over a common denominator, so every comparison is exact.
private struct LotSplit {
    typealias Wide = WideDecimal<AllocationError>

    /// The scale the fill and lot are counted at.
    let scale: Int8
    let lotUnits: Int128
    /// Whole lots in the fill, and the sub-lot remainder in units.
    let wholeLots: Int128
    let oddUnits: Int128
    let weightUnits: [Int128]
    /// ⌊fill × wᵢ / (lot × Σw)⌋: each target's whole lots of its exact share.
    let floors: [Int128]
    /// (fill × wᵢ) mod (lot × Σw): the fractional lot of each share, over the common denominator.
    let remainders: [Int128]

    init(fill: Quantity, lot: Quantity, weights: [FixedDecimal]) throws(AllocationError) {
        scale = max(fill.decimal.scale, lot.decimal.scale)
        let fillUnits = try Wide(fill.decimal).units(atScale: scale)
        lotUnits = try Wide(lot.decimal).units(atScale: scale)
        (wholeLots, oddUnits) = fillUnits.quotientAndRemainder(dividingBy: lotUnits)

        let weightScale = weights.map(\.scale).max() ?? 0
        var units: [Int128] = []
        var total: Int128 = 0
        for weight in weights {
            let unit = try Wide(weight).units(atScale: weightScale)
            units.append(unit)
            total = try Wide.add(total, unit)
        }
        guard total > 0 else { throw .zeroTotalWeight }
        weightUnits = units

        let denominator = try Wide.multiply(lotUnits, total)
        var floors: [Int128] = []
        var remainders: [Int128] = []
        for unit in units {
            let (quotient, remainder) = try Wide.multiply(fillUnits, unit).quotientAndRemainder(dividingBy: denominator)
            floors.append(quotient)
            remainders.append(remainder)
        }
        self.floors = floors
        self.remainders = remainders
    }

    /// Each target's quantity: its floor in lots, plus the leftover lots and the odd piece placed by `rule`.
    func quantities(rule: Allocation.RemainderRule) throws(AllocationError) -> [Quantity] {
        var lots = floors
        let leftover = wholeLots - floors.reduce(0, +)
        precondition(leftover >= 0 && leftover < Int128(lots.count), "pro-rata floors overshot: \(leftover) lots left")
        var odd: Int?
        switch rule {
        case .largestRemainder:
            // Largest fractional remainder first; ties to the earlier target. A total order, so sorting is stable
            // by construction.
            let order = lots.indices.sorted {
                remainders[$0] != remainders[$1] ? remainders[$0] > remainders[$1] : $0 < $1
            }
            for index in order.prefix(Int(leftover)) { lots[index] += 1 }
            if oddUnits > 0 { odd = order[Int(leftover)] }
        case .toLargestWeight:
            let largest = lots.indices.max {
                weightUnits[$0] != weightUnits[$1] ? weightUnits[$0] < weightUnits[$1] : $0 > $1
            }
            guard let largest else { preconditionFailure("pro-rata split with no targets") }
            lots[largest] += leftover
            if oddUnits > 0 { odd = largest }
        }
        var quantities: [Quantity] = []
        quantities.reserveCapacity(lots.count)
        for (index, count) in lots.enumerated() {
            var units = try Wide.multiply(count, lotUnits)
            if index == odd { units += oddUnits }
            quantities.append(Quantity(try Wide(units: units, scale: scale).decimal()))
        }
        return quantities
    }
}
