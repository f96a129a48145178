internal import LegateModel

/// A scope book's initial margin under its basis (`ScopeMarginBasis`), booked and with a proposal's legs added: the
/// scenario models per underlying (underlyings do not offset each other), standard margin per position.
extension ScopeBook {
    /// The booked positions' initial margin in USD, keeping each underlying's in `slotMargins`.
    ///
    /// - Throws: `GateError.model` when a model refuses the vectors (a shape mismatch: a bug) or standard margin has
    ///   no rule for a booked product.
    mutating func bookedMargin(model: PortfolioRiskModel) throws(GateError) -> Double {
        if basis == .standard {
            // The lowest id: the same book gives the same reason in every process.
            if let problem = unmarginable.min(by: { $0.key < $1.key }) {
                throw .model("standard margin of \(problem.value)")
            }
            return standardInitial
        }
        var total = 0.0
        for slot in slotMargins.indices {
            let deltas = exposure.expiryDeltas[slot]
            switch basis {
            case .riskMatrix:
                slotMargins[slot] = try model.slotMargin(exposure.gridBySlot[slot], deltas: deltas, slot: slot)
            case .house:
                slotMargins[slot] = try model.houseSlotMargin(basisBySlot[slot], deltas: deltas, slot: slot)
            case .span:
                slotMargins[slot] = try model.spanSlotMargin(
                    basisBySlot[slot],
                    deltas: deltas,
                    shortOptionCoins: shortOptionCoins[slot],
                    slot: slot
                )
            case .standard:
                break
            }
            total += slotMargins[slot]
        }
        return total
    }

    /// The initial margin with `legs` added, in USD: only the underlyings the legs touch are recomputed, over their
    /// basis's scenarios (legs × scenarios); standard margin changes per leg by its position's requirement after less
    /// before.
    func marginAfter(
        _ legs: [ScopedLeg],
        table: GateProfileTable,
        model: PortfolioRiskModel,
        scratch: inout GateScratch
    ) throws(GateError) -> Double {
        if basis == .standard { return try standardAfter(legs, table: table) }
        var total = 0.0
        for slot in slotMargins.indices {
            guard legs.contains(where: { table.slots[$0.profile] == slot }) else {
                total += slotMargins[slot]
                continue
            }
            scratch.deltas.removeAll(keepingCapacity: true)
            scratch.deltas.append(contentsOf: exposure.expiryDeltas[slot])
            for leg in legs where table.slots[leg.profile] == slot {
                scratch.deltas.add(table.expiryDeltas[leg.profile], times: leg.quantity)
            }
            switch basis {
            case .riskMatrix:
                scratch.slotGrid.assign(exposure.gridBySlot[slot])
                Self.add(
                    legs,
                    slot: slot,
                    table.gridMatrix,
                    count: table.gridCount,
                    table: table,
                    to: &scratch.slotGrid
                )
                total += try model.slotMargin(scratch.slotGrid, deltas: scratch.deltas, slot: slot)
            case .house:
                scratch.houseGrid.assign(basisBySlot[slot])
                Self.add(
                    legs,
                    slot: slot,
                    table.houseMatrix,
                    count: table.houseCount,
                    table: table,
                    to: &scratch.houseGrid
                )
                total += try model.houseSlotMargin(scratch.houseGrid, deltas: scratch.deltas, slot: slot)
            case .span:
                scratch.spanArray.assign(basisBySlot[slot])
                Self.add(
                    legs,
                    slot: slot,
                    table.spanMatrix,
                    count: table.spanCount,
                    table: table,
                    to: &scratch.spanArray
                )
                total += try model.spanSlotMargin(
                    scratch.spanArray,
                    deltas: scratch.deltas,
                    shortOptionCoins: shortOptionCoinsAfter(legs, slot: slot, table: table),
                    slot: slot
                )
            case .standard:
                break
            }
        }
        return total
    }

    /// Adds each leg of `slot` times its unit vector (`count` entries per profile in `matrix`) to `vector`.
    private static func add(
        _ legs: [ScopedLeg],
        slot: Int,
        _ matrix: [Double],
        count: Int,
        table: GateProfileTable,
        to vector: inout ScenarioVector
    ) {
        precondition(vector.count == count, "a vector of \(vector.count) scenarios for unit vectors of \(count)")
        matrix.withUnsafeBufferPointer { matrix in
            for leg in legs where table.slots[leg.profile] == slot {
                vector.add(matrix, from: leg.profile * count, scaledBy: leg.quantity)
            }
        }
    }

    /// Legs on the same instrument (a ratio written as two legs) add up: each is judged from the position the legs
    /// before it leave.
    private func positionBefore(_ legs: [ScopedLeg], _ index: Int) -> Double {
        var before = quantity(legs[index].profile)
        for previous in legs[..<index] where previous.profile == legs[index].profile { before += previous.quantity }
        return before
    }

    private func shortOptionCoinsAfter(_ legs: [ScopedLeg], slot: Int, table: GateProfileTable) -> Double {
        var coins = shortOptionCoins[slot]
        for index in legs.indices where table.slots[legs[index].profile] == slot {
            let before = positionBefore(legs, index)
            let after = before + legs[index].quantity
            coins += (max(-after, 0) - max(-before, 0)) * table.optionCoins[legs[index].profile]
        }
        return coins
    }

    private func standardAfter(_ legs: [ScopedLeg], table: GateProfileTable) throws(GateError) -> Double {
        if let problem = unmarginable.min(by: { $0.key < $1.key }) {
            throw .model("standard margin of \(problem.value)")
        }
        var total = standardInitial
        for index in legs.indices {
            let unit = table.standard[legs[index].profile]
            if let problem = unit.problem {
                throw .model("standard margin of \(table.profiles[legs[index].profile].instrument): \(problem)")
            }
            let before = positionBefore(legs, index)
            total += unit.initial(before + legs[index].quantity) - unit.initial(before)
        }
        return total
    }
}
