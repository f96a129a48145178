// Proves fill allocation in the engine: pro-rata splits every fill to the lot with the largest-remainder rule and
// explicit amounts consume fills in booking order at their own prices, in both cases summing exactly; only fills
// not yet allocated are split, mismatched amounts and unknown or fill-less orders are refused with the reason, the
// engine enforces who may allocate, and replay rebuilds the allocations.
import LegateCore
import LegateEngine
import LegateModel
import LegateOrders
import OrderedCollections
import Testing

@Suite struct EngineAllocationTests {
    static let fundX = try! AccountID("A-fund-x")
    static let fundY = try! AccountID("A-fund-y")

    /// An order of 1 filled 0.7 at 0.05 then 0.3 at 0.06.
    func filledOrder() throws -> (Harness, OrderID) {
        var harness = Harness()
        harness.command(Fixture.alice, .placeOrder(Fixture.request("a1"), stage: false))
        let id = try #require(harness.lastOrderID)
        harness.report(
            .fill(
                VenueFill(
                    venue: .deribit,
                    tradeID: "T1",
                    orderID: id,
                    quantity: try Quantity(parsing: "0.7"),
                    price: try Price(parsing: "0.05")
                )
            )
        )
        harness.report(
            .fill(
                VenueFill(
                    venue: .deribit,
                    tradeID: "T2",
                    orderID: id,
                    quantity: try Quantity(parsing: "0.3"),
                    price: try Price(parsing: "0.06")
                )
            )
        )
        return (harness, id)
    }

    func totals(_ slices: [AllocatedSlice]) -> [AccountID: Quantity] {
        var totals: [AccountID: Quantity] = [:]
        for slice in slices {
            totals[slice.target, default: .zero] = totals[slice.target, default: .zero] + slice.quantity
        }
        return totals
    }

    @Test func proRataSplitsEveryFillExactlyToTheLot() throws {
        var (harness, id) = try filledOrder()
        let instruction = AllocationInstruction.proRata(
            weights: [
                AllocationWeight(target: Self.fundX, weight: 1), AllocationWeight(target: Self.fundY, weight: 2),
            ],
            lot: try Quantity(parsing: "0.1")
        )
        #expect(harness.command(Fixture.alice, .allocate(id, instruction)).rejection == nil)
        let slices = try #require(harness.state.allocations[id])
        // 0.7 × 1/3 = 0.233… → 0.2 and 0.5 (largest remainder); 0.3 → 0.1 and 0.2.
        #expect(
            slices == [
                AllocatedSlice(
                    tradeID: "T1",
                    target: Self.fundX,
                    quantity: try Quantity(parsing: "0.2"),
                    price: try Price(parsing: "0.05")
                ),
                AllocatedSlice(
                    tradeID: "T1",
                    target: Self.fundY,
                    quantity: try Quantity(parsing: "0.5"),
                    price: try Price(parsing: "0.05")
                ),
                AllocatedSlice(
                    tradeID: "T2",
                    target: Self.fundX,
                    quantity: try Quantity(parsing: "0.1"),
                    price: try Price(parsing: "0.06")
                ),
                AllocatedSlice(
                    tradeID: "T2",
                    target: Self.fundY,
                    quantity: try Quantity(parsing: "0.2"),
                    price: try Price(parsing: "0.06")
                ),
            ]
        )
        #expect(totals(slices).values.reduce(Quantity.zero, +) == 1)
        #expect(
            harness.command(Fixture.alice, .allocate(id, instruction)).rejection?.reason.contains(
                "no unallocated fills"
            ) == true
        )
        #expect(try harness.replayed() == harness.engine)
    }

    @Test func explicitAmountsConsumeFillsInOrderAtTheirPrices() throws {
        var (harness, id) = try filledOrder()
        let wrong = AllocationInstruction.explicit([
            AllocationAmount(target: Self.fundX, quantity: try Quantity(parsing: "0.5")),
            AllocationAmount(target: Self.fundY, quantity: try Quantity(parsing: "0.4")),
        ])
        #expect(
            harness.command(Fixture.alice, .allocate(id, wrong)).rejection?.reason.contains(
                "amounts sum to 0.9, the unallocated fills to 1.0"
            ) == true
        )
        let right = AllocationInstruction.explicit([
            AllocationAmount(target: Self.fundX, quantity: try Quantity(parsing: "0.8")),
            AllocationAmount(target: Self.fundY, quantity: try Quantity(parsing: "0.2")),
        ])
        #expect(harness.command(Fixture.alice, .allocate(id, right)).rejection == nil)
        let slices = try #require(harness.state.allocations[id])
        #expect(slices.map(\.tradeID) == ["T1", "T2", "T2"])
        #expect(
            slices.map(\.quantity) == [
                try Quantity(parsing: "0.7"), try Quantity(parsing: "0.1"), try Quantity(parsing: "0.2"),
            ]
        )
        #expect(slices[1].price == (try Price(parsing: "0.06")) && slices[1].target == Self.fundX)
        #expect(try harness.replayed() == harness.engine)
    }

    @Test func laterFillsAreAllocatedSeparately() throws {
        var harness = Harness()
        harness.command(Fixture.alice, .placeOrder(Fixture.request("a1", quantity: "2"), stage: false))
        let id = try #require(harness.lastOrderID)
        let split = AllocationInstruction.proRata(
            weights: [
                AllocationWeight(target: Self.fundX, weight: 1), AllocationWeight(target: Self.fundY, weight: 1),
            ],
            lot: try Quantity(parsing: "0.1")
        )
        #expect(
            harness.command(Fixture.alice, .allocate(id, split)).rejection?.reason.contains("no unallocated fills")
                == true
        )
        harness.report(.fill(VenueFill(venue: .deribit, tradeID: "T1", orderID: id, quantity: 1, price: 0)))
        harness.command(Fixture.alice, .allocate(id, split))
        harness.report(.fill(VenueFill(venue: .deribit, tradeID: "T2", orderID: id, quantity: 1, price: 0)))
        harness.command(Fixture.bob, .allocate(id, split))
        let slices = try #require(harness.state.allocations[id])
        #expect(slices.count == 4 && Set(slices.map(\.tradeID)) == ["T1", "T2"])
        #expect(totals(slices) == [Self.fundX: 1, Self.fundY: 1])
    }

    @Test func onlyPermittedUsersAllocateKnownOrders() throws {
        var (harness, id) = try filledOrder()
        let instruction = AllocationInstruction.explicit([AllocationAmount(target: Self.fundX, quantity: 1)])
        #expect(
            harness.command(Fixture.vera, .allocate(id, instruction)).rejection?.reason.contains("lacks allocateFills")
                == true
        )
        #expect(
            harness.command(Fixture.carl, .allocate(id, instruction)).rejection?.reason.contains(
                "may not act on account A"
            ) == true
        )
        #expect(
            harness.command(Fixture.alice, .allocate(try OrderID("O404"), instruction)).rejection?.reason.contains(
                "unknown order"
            ) == true
        )
        let twice = AllocationInstruction.explicit([
            AllocationAmount(target: Self.fundX, quantity: try Quantity(parsing: "0.5")),
            AllocationAmount(target: Self.fundX, quantity: try Quantity(parsing: "0.5")),
        ])
        #expect(harness.command(Fixture.alice, .allocate(id, twice)).rejection?.reason.contains("named twice") == true)
        let badLot = AllocationInstruction.proRata(
            weights: [AllocationWeight(target: Self.fundX, weight: 1)],
            lot: .zero
        )
        #expect(harness.command(Fixture.alice, .allocate(id, badLot)).rejection != nil)
        #expect(harness.state.allocations.isEmpty)
    }
}
