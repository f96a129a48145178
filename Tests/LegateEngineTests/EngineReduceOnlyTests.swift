// Reduce-only orders are enforced by the engine itself: they must trade against the position, and together with the
// working reduce-only orders on the same side they must not exceed it.
import LegateCore
import LegateEngine
import LegateModel
import LegateOrders
import OrderedCollections
import Testing

@Suite struct EngineReduceOnlyTests {
    static func reduceOnly(_ client: String, _ side: OrderSide, _ quantity: String) -> Command {
        let request = OrderRequest(
            clientOrderID: try! ClientOrderID(client),
            account: Fixture.accountA,
            venue: .deribit,
            instrument: Fixture.call,
            side: side,
            quantity: try! Quantity(parsing: quantity),
            kind: .limit(LimitPrice(try! FixedDecimal(parsing: "0.05"))),
            flags: ExecutionFlags(reduceOnly: true)
        )
        return .placeOrder(request, stage: false)
    }

    /// A harness holding a long position of `quantity` calls.
    func long(_ quantity: String) throws -> Harness {
        var harness = Harness()
        harness.command(Fixture.alice, .placeOrder(Fixture.request("open", quantity: quantity), stage: false))
        let id = try #require(harness.lastOrderID)
        harness.report(.acknowledged(orderID: id, venueOrderID: try VenueOrderID("v-open")))
        harness.report(
            .fill(
                VenueFill(
                    venue: .deribit,
                    tradeID: "t-open",
                    orderID: id,
                    quantity: try Quantity(parsing: quantity),
                    price: try Price(parsing: "0.05")
                )
            )
        )
        return harness
    }

    @Test func withoutAPositionAReduceOnlyOrderIsRefused() {
        var harness = Harness()
        let rejection = harness.command(Fixture.alice, Self.reduceOnly("r1", .sell, "1")).rejection
        #expect(rejection?.reason.contains("would not reduce the position of 0") == true)
        #expect(harness.state.orders.isEmpty)
    }

    @Test func aReduceOnlyOrderOnTheSameSideAsThePositionIsRefused() throws {
        var harness = try long("3")
        let rejection = harness.command(Fixture.alice, Self.reduceOnly("r1", .buy, "1")).rejection
        #expect(rejection?.reason.contains("reduce-only buy would not reduce") == true)
    }

    @Test func reduceOnlyOrdersTogetherMayNotExceedThePosition() throws {
        var harness = try long("3")
        #expect(harness.command(Fixture.alice, Self.reduceOnly("r1", .sell, "2")).rejection == nil)
        let second = harness.command(Fixture.alice, Self.reduceOnly("r2", .sell, "2")).rejection
        #expect(second?.reason.contains("would exceed the position of 3") == true)
        #expect(harness.command(Fixture.alice, Self.reduceOnly("r3", .sell, "1")).rejection == nil)
        // The replayed journal agrees.
        #expect(try harness.replayed() == harness.engine)
    }
}
