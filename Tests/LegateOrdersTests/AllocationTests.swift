// Proves fill allocation on worked examples: pro-rata by integer or decimal weights rounded to the lot by the
// largest-remainder rule (ties to the earlier target), the alternative "to the largest weight" rule, the sub-lot
// remainder of a fill that is not a lot multiple, explicit amounts that must sum exactly, every slice at the fill's
// own price, and a typed error for each bad input.
import Foundation
import LegateCore
import LegateModel
import LegateOrders
import Testing

private func account(_ name: String) -> AccountID { try! AccountID(name) }

private let alpha = account("alpha")
private let beta = account("beta")
private let gamma = account("gamma")

private func quantities<T>(_ slices: [Allocation.Slice<T>]) -> [Quantity] { slices.map(\.quantity) }

@Suite struct AllocationProRataTests {
    let fill = Allocation.Fill(quantity: 7, price: px("0.0125"))

    @Test func equalWeightsGiveTheOddLotToTheFirstTarget() throws {
        let slices = try Allocation.proRata(fill, weights: [.init(alpha, 1), .init(beta, 1), .init(gamma, 1)], lot: 1)
        #expect(quantities(slices) == [3, 2, 2])
        #expect(slices.map(\.target) == [alpha, beta, gamma])
        #expect(slices.allSatisfy { $0.price == px("0.0125") })
    }

    @Test func tieBreakFollowsTheOrderGiven() throws {
        let slices = try Allocation.proRata(fill, weights: [.init(gamma, 1), .init(beta, 1), .init(alpha, 1)], lot: 1)
        #expect(slices.map(\.target) == [gamma, beta, alpha])
        #expect(quantities(slices) == [3, 2, 2])
    }

    @Test func decimalWeightsSplitExactly() throws {
        let fill = Allocation.Fill(quantity: 10, price: px("-0.0135"))
        let weights: [Allocation.Weight<AccountID>] = [
            .init(alpha, dec("0.5")), .init(beta, dec("0.3")), .init(gamma, dec("0.2")),
        ]
        let slices = try Allocation.proRata(fill, weights: weights, lot: 1)
        #expect(quantities(slices) == [5, 3, 2])
        #expect(slices.allSatisfy { $0.price == px("-0.0135") })  // combos fill at negative prices too
    }

    @Test func largestRemainderPicksTheLargestFraction() throws {
        // Exact shares of 7 at 3:1:1 are 4.2, 1.4, 1.4: floors 4, 1, 1; the last lot goes to the larger fraction
        // (0.4, a tie between beta and gamma, so beta).
        let slices = try Allocation.proRata(fill, weights: [.init(alpha, 3), .init(beta, 1), .init(gamma, 1)], lot: 1)
        #expect(quantities(slices) == [4, 2, 1])
        // The alternative rule gives the leftover to the largest weight.
        let toLargest = try Allocation.proRata(
            fill,
            weights: [.init(alpha, 3), .init(beta, 1), .init(gamma, 1)],
            lot: 1,
            rule: .toLargestWeight
        )
        #expect(quantities(toLargest) == [5, 1, 1])
    }

    @Test func fractionalLotsOfDeribitOptions() throws {
        // 1.0 BTC of options in lots of 0.1 over three equal accounts: 0.4, 0.3, 0.3.
        let fill = Allocation.Fill(quantity: qty("1.0"), price: px("0.0125"))
        let slices = try Allocation.proRata(
            fill,
            weights: [.init(alpha, 1), .init(beta, 1), .init(gamma, 1)],
            lot: qty("0.1")
        )
        #expect(quantities(slices) == [qty("0.4"), qty("0.3"), qty("0.3")])
    }

    @Test func subLotRemainderGoesWholeToTheNextTargetInOrder() throws {
        // 1.05 in lots of 0.1 at 1:1: 10 whole lots split 5/5 exactly, then the odd 0.05 goes to alpha (tie, first).
        let fill = Allocation.Fill(quantity: qty("1.05"), price: px("0.02"))
        let slices = try Allocation.proRata(fill, weights: [.init(alpha, 1), .init(beta, 1)], lot: qty("0.1"))
        #expect(quantities(slices) == [qty("0.55"), qty("0.50")])
        // 0.25 in lots of 0.1 at 1:3: shares 0.0625 and 0.1875 → floors 0, 1; one lot left → alpha (0.625 of a
        // lot beats 0.875? no: beta's fraction 0.875 is larger) → beta 0.2; the odd 0.05 → next in order, alpha.
        let small = try Allocation.proRata(
            Allocation.Fill(quantity: qty("0.25"), price: px("0.02")),
            weights: [.init(alpha, 1), .init(beta, 3)],
            lot: qty("0.1")
        )
        #expect(quantities(small) == [qty("0.05"), qty("0.2")])
    }

    @Test func fillSmallerThanALotGoesWholeToOneTarget() throws {
        let slices = try Allocation.proRata(
            Allocation.Fill(quantity: qty("0.05"), price: px("0.01")),
            weights: [.init(alpha, 1), .init(beta, 2)],
            lot: qty("0.1")
        )
        #expect(quantities(slices) == [0, qty("0.05")])
    }

    @Test func zeroWeightTargetsReceiveNothing() throws {
        let slices = try Allocation.proRata(fill, weights: [.init(alpha, 0), .init(beta, 1), .init(gamma, 0)], lot: 1)
        #expect(quantities(slices) == [0, 7, 0])
    }

    @Test func strategiesAreTargetsToo() throws {
        let hedge = try StrategyID("delta-hedge")
        let vol = try StrategyID("vol-carry")
        let slices = try Allocation.proRata(
            Allocation.Fill(quantity: 25, price: px("64250.5")),
            weights: [.init(hedge, dec("0.25")), .init(vol, dec("0.75"))],
            lot: 5
        )
        // Shares 6.25 and 18.75 in lots of 5: floors 1 and 3 lots, the last lot to the larger fraction (0.75, vol).
        #expect(quantities(slices) == [5, 20])
    }

    @Test func slicesRoundTripThroughJSON() throws {
        let slices = try Allocation.proRata(fill, weights: [.init(alpha, 2), .init(beta, 1)], lot: 1)
        let decoded = try JSONDecoder().decode(
            [Allocation.Slice<AccountID>].self,
            from: JSONEncoder().encode(slices)
        )
        #expect(decoded == slices)
    }

    @Test func badInputsAreTypedErrors() throws {
        #expect(throws: AllocationError.noTargets) {
            try Allocation.proRata(fill, weights: [Allocation.Weight<AccountID>](), lot: 1)
        }
        #expect(throws: AllocationError.duplicateTarget(index: 2, firstIndex: 0, target: "alpha")) {
            try Allocation.proRata(fill, weights: [.init(alpha, 1), .init(beta, 1), .init(alpha, 1)], lot: 1)
        }
        #expect(throws: AllocationError.negativeWeight(index: 1, target: "beta", weight: -1)) {
            try Allocation.proRata(fill, weights: [.init(alpha, 1), .init(beta, -1)], lot: 1)
        }
        #expect(throws: AllocationError.zeroTotalWeight) {
            try Allocation.proRata(fill, weights: [.init(alpha, 0), .init(beta, 0)], lot: 1)
        }
        #expect(throws: AllocationError.nonPositiveFillQuantity(0)) {
            try Allocation.proRata(Allocation.Fill(quantity: 0, price: 1), weights: [.init(alpha, 1)], lot: 1)
        }
        #expect(throws: AllocationError.nonPositiveLot(qty("-0.1"))) {
            try Allocation.proRata(fill, weights: [.init(alpha, 1)], lot: qty("-0.1"))
        }
        let many = (0...Allocation.maximumTargets).map { Allocation.Weight(try! AccountID("a\($0)"), 1) }
        #expect(throws: AllocationError.tooManyTargets(count: 257, maximum: 256)) {
            try Allocation.proRata(fill, weights: many, lot: 1)
        }
        #expect(
            AllocationError.negativeWeight(index: 1, target: "beta", weight: -1).description
                == "target 1 (beta) weight -1 is negative"
        )
    }
}

@Suite struct AllocationExplicitTests {
    let fill = Allocation.Fill(quantity: qty("1.5"), price: px("0.0310"))

    @Test func explicitAmountsThatSumToTheFillAreKept() throws {
        let slices = try Allocation.explicit(
            fill,
            amounts: [.init(alpha, qty("1.0")), .init(beta, qty("0.5")), .init(gamma, 0)]
        )
        #expect(quantities(slices) == [qty("1.0"), qty("0.5"), 0])
        #expect(slices.allSatisfy { $0.price == px("0.031") })
    }

    @Test(arguments: ["1.4", "1.6", "1.50001"])
    func explicitAmountsMustSumExactly(second: String) throws {
        let found = qty("1.0") + qty(second) - qty("1.0")
        #expect(throws: AllocationError.explicitSumMismatch(expected: qty("1.5"), found: found)) {
            try Allocation.explicit(fill, amounts: [.init(alpha, qty("0")), .init(beta, qty(second))])
        }
    }

    @Test func explicitAmountsMayNotBeNegativeOrRepeat() throws {
        #expect(throws: AllocationError.negativeQuantity(index: 1, target: "beta", quantity: qty("-0.5"))) {
            try Allocation.explicit(fill, amounts: [.init(alpha, qty("2.0")), .init(beta, qty("-0.5"))])
        }
        #expect(throws: AllocationError.duplicateTarget(index: 1, firstIndex: 0, target: "alpha")) {
            try Allocation.explicit(fill, amounts: [.init(alpha, qty("1.0")), .init(alpha, qty("0.5"))])
        }
        #expect(throws: AllocationError.noTargets) {
            try Allocation.explicit(fill, amounts: [Allocation.Amount<AccountID>]())
        }
    }
}
