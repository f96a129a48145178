// The integer-indexed order table: ids carry the number that places the order, lookups accept only the exact id the
// engine made, a journal that creates orders out of sequence is refused, and tables spanning several chunks behave
// as one array in creation order.
import LegateCore
import LegateEngine
import LegateModel
import LegateOrders
import Testing

@Suite struct OrderTableTests {
    @Test func idsCarryTheirNumberAndOnlyEngineMadeIdsParse() throws {
        #expect(OrderTable.id(number: 1).rawValue == "O0000000001")
        #expect(OrderTable.id(number: 12_345_678_901).rawValue == "O12345678901")
        #expect(OrderTable.number(of: OrderTable.id(number: 42)) == 42)
        #expect(OrderTable.number(of: OrderTable.id(number: 12_345_678_901)) == 12_345_678_901)
        for text in ["O1", "P0000000001", "O00000000x1", "order-1", "O"] {
            #expect(OrderTable.number(of: try OrderID(text)) == nil, "\(text) is not an engine-made id")
        }
    }

    @Test func lookupsFindExactlyTheOrdersTheEngineCreatedAcrossChunks() throws {
        var harness = Harness()
        harness.command(Fixture.rita, limit(.openOrders, .account(Fixture.accountA), "100000", .hard))
        let count = 4_096 + 10
        for number in 1...count {
            harness.command(Fixture.alice, .placeOrder(Fixture.request("t\(number)"), stage: false))
        }
        let orders = harness.state.orders
        #expect(orders.count == count)
        for number in [1, 4_095, 4_096, 4_097, count] {
            let id = OrderTable.id(number: UInt64(number))
            #expect(orders[id]?.id == id)
            #expect(orders[id]?.request.clientOrderID.rawValue == "t\(number)")
        }
        #expect(orders[OrderTable.id(number: UInt64(count + 1))] == nil, "not created yet")
        // Same number, different text: not the same order.
        #expect(orders[try OrderID("O00000000001")] == nil)
        #expect(Array(orders.keys.prefix(3)) == (1...3).map { OrderTable.id(number: UInt64($0)) })
        #expect(try harness.replayed().state == harness.state)
    }

    @Test func aJournalCreatingAnOrderOutOfSequenceIsRefused() throws {
        var harness = Harness()
        harness.command(Fixture.alice, .placeOrder(Fixture.request("a"), stage: false))
        harness.command(Fixture.alice, .placeOrder(Fixture.request("b"), stage: false))
        // Drop the first order's creation: the second then claims number 2 where 1 is due.
        var damaged = harness.log
        let first = try #require(damaged.firstIndex { if case .orderCreated = $0.event { true } else { false } })
        damaged.remove(at: first)
        damaged.removeAll { entry in
            if case .orderCreated = entry.event { return false }
            return entry.event.orderIDs.contains(OrderTable.id(number: 1))
        }
        #expect {
            try Engine.replay(configuration: Fixture.configuration, gate: LimitGate(), events: damaged)
        } throws: { error in
            "\(error)".contains("is not the next order id O0000000001")
        }
    }
}
