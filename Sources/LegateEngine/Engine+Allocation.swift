internal import LegateCore
internal import LegateModel
internal import LegateOrders
internal import OrderedCollections

extension Engine {
    /// Splits the order's unallocated fills across sub-accounts, or rejects the command saying why.
    mutating func allocate(
        _ orderID: OrderID,
        _ instruction: AllocationInstruction,
        _ envelope: CommandEnvelope,
        _ step: inout Step
    ) {
        guard let order = state.orders[orderID] else {
            reject(envelope, orderID: orderID, "unknown order \(orderID)", &step)
            return
        }
        let fills = (state.orderFills[orderID] ?? []).filter {
            !state.allocatedTrades.contains(TradeKey(venue: order.request.venue, tradeID: $0.tradeID))
        }
        guard !fills.isEmpty else {
            reject(envelope, orderID: orderID, "order \(orderID) has no unallocated fills", &step)
            return
        }
        let slices: [AllocatedSlice]
        switch instruction {
        case .proRata(let weights, let lot):
            do throws(AllocationError) {
                slices = try Self.proRataSlices(fills, weights: weights, lot: lot)
            } catch {
                reject(envelope, orderID: orderID, "allocation of \(orderID): \(error)", &step)
                return
            }
        case .explicit(let amounts):
            switch Self.explicitSlices(fills, amounts: amounts) {
            case .success(let result): slices = result
            case .failure(let problem):
                reject(envelope, orderID: orderID, "allocation of \(orderID): \(problem.reason)", &step)
                return
            }
        }
        emit(.fillsAllocated(orderID: orderID, slices: slices, actor: envelope.actor), &step)
    }

    /// Each fill split by weight with the largest-remainder rule, so every fill's slices sum to it exactly.
    static func proRataSlices(
        _ fills: [BookedFill],
        weights: [AllocationWeight],
        lot: Quantity
    ) throws(AllocationError) -> [AllocatedSlice] {
        var slices: [AllocatedSlice] = []
        for fill in fills {
            let pieces = try Allocation.proRata(
                Allocation.Fill(quantity: fill.quantity, price: fill.price),
                weights: weights.map { Allocation.Weight($0.target, $0.weight) },
                lot: lot,
                rule: .largestRemainder
            )
            for piece in pieces where piece.quantity.decimal.isPositive {
                slices.append(
                    AllocatedSlice(
                        tradeID: fill.tradeID,
                        target: piece.target,
                        quantity: piece.quantity,
                        price: piece.price
                    )
                )
            }
        }
        return slices
    }

    struct AllocationProblem: Error {
        let reason: String
    }

    /// Targets take their exact amounts from the fills in booking order; each slice keeps its fill's price.
    static func explicitSlices(
        _ fills: [BookedFill],
        amounts: [AllocationAmount]
    ) -> Result<[AllocatedSlice], AllocationProblem> {
        guard !amounts.isEmpty else { return .failure(AllocationProblem(reason: "no targets")) }
        guard Set(amounts.map(\.target)).count == amounts.count else {
            return .failure(AllocationProblem(reason: "a target is named twice"))
        }
        if let bad = amounts.first(where: { !$0.quantity.decimal.isPositive }) {
            return .failure(AllocationProblem(reason: "amount \(bad.quantity) for \(bad.target) must be positive"))
        }
        let filled = fills.reduce(Quantity.zero) { $0 + $1.quantity }
        let asked = amounts.reduce(Quantity.zero) { $0 + $1.quantity }
        guard filled == asked else {
            return .failure(AllocationProblem(reason: "amounts sum to \(asked), the unallocated fills to \(filled)"))
        }
        var slices: [AllocatedSlice] = []
        var fillIndex = 0
        var leftInFill = fills[0].quantity
        for amount in amounts {
            var wanted = amount.quantity
            while wanted.decimal.isPositive {
                let take = min(wanted, leftInFill)
                let fill = fills[fillIndex]
                slices.append(
                    AllocatedSlice(tradeID: fill.tradeID, target: amount.target, quantity: take, price: fill.price)
                )
                wanted = wanted - take
                leftInFill = leftInFill - take
                if leftInFill.isZero && fillIndex + 1 < fills.count {
                    fillIndex += 1
                    leftInFill = fills[fillIndex].quantity
                }
            }
        }
        return .success(slices)
    }
}
