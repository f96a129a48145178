// Limits in every scope the engine's own gate computes: desk (its accounts together), account, underlying and role;
// and limits the running gate cannot compute are refused when set, with the reason, instead of being ignored.
import LegateCore
import LegateEngine
import LegateModel
import LegateOrders
import OrderedCollections
import Testing

@Suite struct EngineLimitScopeTests {
    static let ethCall = Instrument.option(
        Underlying(base: .eth, quote: .usd),
        expiry: Fixture.expiry,
        strike: 4_000,
        right: .call,
        settlement: .inverse(.eth)
    )

    func status(after outputs: [Output]) -> String? {
        for decision in outputs.events.compactMap({ $0.riskDecision?.decision }) {
            switch decision {
            case .accept: return "accept"
            case .reject(let breach): return "reject \(breach.scope)"
            case .needsApproval(let breach): return "approval \(breach.scope)"
            case .unassessable(let reason): return "unassessable \(reason)"
            }
        }
        return nil
    }

    @Test func aDeskLimitCoversEveryAccountOfTheDeskAndNoOther() {
        var harness = Harness()
        harness.command(Fixture.rita, limit(.orderQuantity, .desk(Fixture.deskOne), "3", .hard))
        let onA = harness.command(Fixture.alice, .placeOrder(Fixture.request("a1", quantity: "4"), stage: false))
        #expect(status(after: onA) == "reject desk D1")
        let onC = harness.command(
            Fixture.hugo,
            .placeOrder(Fixture.request("c1", account: Fixture.accountC, quantity: "4"), stage: false)
        )
        #expect(status(after: onC) == "reject desk D1")
        let onB = harness.command(
            Fixture.carl,
            .placeOrder(Fixture.request("b1", account: Fixture.accountB, quantity: "4"), stage: false)
        )
        #expect(status(after: onB) == "accept")
    }

    @Test func openOrdersOfADeskAddUpItsAccounts() {
        var harness = Harness()
        harness.command(Fixture.rita, limit(.openOrders, .desk(Fixture.deskOne), "1", .hard))
        #expect(
            status(after: harness.command(Fixture.alice, .placeOrder(Fixture.request("a1"), stage: false))) == "accept"
        )
        let second = harness.command(
            Fixture.hugo,
            .placeOrder(Fixture.request("c1", account: Fixture.accountC), stage: false)
        )
        #expect(status(after: second) == "reject desk D1")
        let otherDesk = harness.command(
            Fixture.carl,
            .placeOrder(Fixture.request("b1", account: Fixture.accountB), stage: false)
        )
        #expect(status(after: otherDesk) == "accept")
    }

    @Test func anUnderlyingLimitCoversOnlyThatUnderlying() {
        var harness = Harness()
        harness.command(Fixture.rita, limit(.orderQuantity, LimitScope(underlying: .eth), "2", .soft))
        let btc = harness.command(Fixture.alice, .placeOrder(Fixture.request("a1", quantity: "5"), stage: false))
        #expect(status(after: btc) == "accept")
        let eth = harness.command(
            Fixture.alice,
            .placeOrder(Fixture.request("a2", quantity: "5", instrument: Self.ethCall), stage: false)
        )
        #expect(status(after: eth) == "approval underlying ETH")
    }

    @Test func aRoleLimitCoversOnlyOrdersOfUsersWithThatRole() {
        var harness = Harness()
        harness.command(Fixture.rita, limit(.orderQuantity, LimitScope(role: .admin), "2", .hard))
        let trader = harness.command(Fixture.alice, .placeOrder(Fixture.request("a1", quantity: "5"), stage: false))
        #expect(status(after: trader) == "accept")
        let admin = harness.command(
            Fixture.hugo,
            .placeOrder(Fixture.request("c1", account: Fixture.accountC, quantity: "5"), stage: false)
        )
        #expect(status(after: admin) == "reject role admin")
    }

    @Test func aPositionLimitOnADeskNetsItsAccounts() {
        var harness = Harness()
        harness.command(Fixture.rita, limit(.positionPerInstrument, .desk(Fixture.deskOne), "3", .hard))
        harness.command(Fixture.alice, .placeOrder(Fixture.request("a1", quantity: "2"), stage: false))
        let aOrder = harness.lastOrderID!
        harness.report(.acknowledged(orderID: aOrder, venueOrderID: try! VenueOrderID("v1")))
        harness.report(
            .fill(
                VenueFill(
                    venue: .deribit,
                    tradeID: "t1",
                    orderID: aOrder,
                    quantity: try! Quantity(parsing: "2"),
                    price: try! Price(parsing: "0.05")
                )
            )
        )
        // Desk D1 is long 2; account C buying 2 more would make 4 > 3, selling 2 reduces.
        let buy = harness.command(
            Fixture.hugo,
            .placeOrder(Fixture.request("c1", account: Fixture.accountC, quantity: "2"), stage: false)
        )
        #expect(status(after: buy) == "reject desk D1")
        let sell = harness.command(
            Fixture.hugo,
            .placeOrder(Fixture.request("c2", account: Fixture.accountC, side: .sell, quantity: "2"), stage: false)
        )
        #expect(status(after: sell) == "accept")
    }

    @Test(arguments: [
        (LimitMeasure.delta, LimitScope.firm, "needs the portfolio risk gate"),
        (.valueAtRisk, .desk(Fixture.deskOne), "needs the portfolio risk gate"),
        (.orderQuantity, LimitScope(expiryBucket: "1w"), "cannot be limited per expiry bucket"),
        (.openOrders, LimitScope(underlying: .btc), "counted per firm, desk or account"),
    ])
    func limitsTheGateCannotComputeAreRefused(measure: LimitMeasure, scope: LimitScope, reason: String) {
        var harness = Harness()
        let outputs = harness.command(Fixture.rita, limit(measure, scope, "1", .hard))
        #expect(outputs.rejection?.reason.contains(reason) == true, "\(outputs.rejection?.reason ?? "accepted")")
        #expect(harness.state.limits.isEmpty)
    }
}
