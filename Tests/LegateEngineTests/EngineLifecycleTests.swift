// Proves the engine's order lifecycle through its real inputs: placing, risk decisions with their figures, staging
// and release, four-eyes approvals that expire, fills (partial, full, duplicate, unknown, over-fill) that are booked or
// quarantined but never dropped, cancels and amends, cancel-all, good-till-date expiry, and permissions enforced by
// the engine itself. Every test ends by replaying the event log and comparing states.
import LegateCore
import LegateEngine
import LegateModel
import LegateOrders
import OrderedCollections
import Testing

@Suite struct EngineLifecycleTests {
    @Test func placedOrderIsJudgedSentAckedAndFilled() throws {
        var harness = Harness()
        let outputs = harness.command(Fixture.alice, .placeOrder(Fixture.request("a1"), stage: false))
        let id = try #require(harness.lastOrderID)
        #expect(
            outputs.events.map(\.kind) == ["order.created", "risk.accepted"]
        )
        #expect(outputs.venueCommands == [.place(orderID: id, request: Fixture.request("a1"))])
        #expect(harness.order(id)?.status == .sent)

        harness.report(.acknowledged(orderID: id, venueOrderID: try VenueOrderID("V1")))
        harness.report(
            .fill(
                VenueFill(
                    venue: .deribit,
                    tradeID: "T1",
                    orderID: id,
                    quantity: try Quantity(parsing: "0.4"),
                    price: try Price(parsing: "0.05")
                )
            )
        )
        #expect(harness.order(id)?.status == .partiallyFilled)
        harness.report(
            .fill(
                VenueFill(
                    venue: .deribit,
                    tradeID: "T2",
                    orderID: id,
                    quantity: try Quantity(parsing: "0.6"),
                    price: try Price(parsing: "0.055")
                )
            )
        )
        let order = try #require(harness.order(id))
        #expect(order.status == .filled)
        #expect(try order.averageFillPrice(scale: 4, rounding: .toNearestOrEven) == Price(parsing: "0.053"))
        let position = try #require(harness.state.positions.values.first)
        #expect(position.netQuantity == (try Quantity(parsing: "1")))
        #expect(position.boughtValue == (try FixedDecimal(parsing: "0.053")))
        #expect(try harness.replayed() == harness.engine)
    }

    @Test func badFillsAreQuarantinedNotDropped() throws {
        var harness = Harness()
        harness.command(Fixture.alice, .placeOrder(Fixture.request("a1"), stage: false))
        let id = try #require(harness.lastOrderID)
        let fill = VenueFill(
            venue: .deribit,
            tradeID: "T1",
            orderID: id,
            quantity: try Quantity(parsing: "0.5"),
            price: 0
        )
        harness.report(.fill(fill))
        harness.report(.fill(fill))  // the same trade again
        harness.report(
            .fill(
                VenueFill(venue: .deribit, tradeID: "T2", orderID: id, quantity: try Quantity(parsing: "0.6"), price: 0)
            )
        )
        harness.report(
            .fill(VenueFill(venue: .deribit, tradeID: "T3", orderID: try OrderID("O404"), quantity: 1, price: 0))
        )
        harness.report(
            .fill(VenueFill(venue: .okx, tradeID: "T4", orderID: id, quantity: try Quantity(parsing: "0.1"), price: 0))
        )
        let reasons = harness.state.quarantinedReports.map(\.reason)
        #expect(reasons.count == 4)
        #expect(reasons[0].contains("already booked"))
        #expect(reasons[1].contains("cannot take a fill of 0.6"))
        #expect(reasons[2].contains("no such order"))
        #expect(reasons[3].contains("fill from okx"))
        #expect(harness.order(id)?.filledQuantity == (try Quantity(parsing: "0.5")))
        #expect(try harness.replayed() == harness.engine)
    }

    @Test func hardLimitRejectsWithTheFigures() throws {
        var harness = Harness()
        harness.command(Fixture.rita, limit(.orderQuantity, .account(Fixture.accountA), "5", .hard))
        let outputs = harness.command(Fixture.alice, .placeOrder(Fixture.request("big", quantity: "7.5"), stage: false))
        let id = try #require(harness.lastOrderID)
        let decision = outputs.events.compactMap { event -> RiskDecision? in
            event.riskDecision?.decision
        }.first
        guard case .reject(let breach) = decision else {
            Issue.record("expected a reject, got \(String(describing: decision))")
            return
        }
        #expect(breach.measure == .orderQuantity && breach.scope == .account(Fixture.accountA))
        #expect(breach.after == (try FixedDecimal(parsing: "7.5")) && breach.threshold == 5)
        #expect(harness.order(id)?.status == .rejected)
        #expect(outputs.venueCommands.isEmpty)
        #expect(try harness.replayed() == harness.engine)
    }

    @Test func softLimitNeedsFourEyesAndApprovalsExpire() throws {
        var harness = Harness()
        harness.command(Fixture.rita, limit(.orderNotional, .firm, "0.2", .soft))
        harness.command(Fixture.alice, .placeOrder(Fixture.request("n1", quantity: "5"), stage: false))
        let first = try #require(harness.lastOrderID)
        #expect(harness.order(first)?.status == .pendingApproval)

        // The owner cannot approve, a trader cannot approve, a risk manager can.
        #expect(harness.command(Fixture.alice, .approve(first)).rejection != nil)
        #expect(harness.command(Fixture.bob, .approve(first)).rejection?.reason.contains("lacks approve") == true)
        let approved = harness.command(Fixture.rita, .approve(first))
        #expect(approved.rejection == nil)
        #expect(approved.venueCommands.count == 1)
        #expect(harness.order(first)?.status == .sent)

        // A second one lapses when nobody approves it in time.
        harness.command(Fixture.alice, .placeOrder(Fixture.request("n2", quantity: "5"), stage: false))
        let second = try #require(harness.lastOrderID)
        harness.input(.timer, advance: 61_000_000_000)
        #expect(harness.order(second)?.status == .rejected)
        #expect(harness.order(second)?.reason == "approval expired")
        #expect(harness.command(Fixture.rita, .approve(second)).rejection != nil)
        #expect(try harness.replayed() == harness.engine)
    }

    @Test func stagedOrdersWaitAndAreJudgedAgainAtRelease() throws {
        var harness = Harness()
        let staged = harness.command(Fixture.alice, .placeOrder(Fixture.request("s1", quantity: "3"), stage: true))
        let id = try #require(harness.lastOrderID)
        #expect(staged.venueCommands.isEmpty)
        #expect(harness.order(id)?.status == .staged)
        // The limit tightens while the order waits: the release is judged against it.
        harness.command(Fixture.rita, limit(.orderQuantity, .account(Fixture.accountA), "2", .hard))
        let released = harness.command(Fixture.bob, .release(id))
        #expect(released.venueCommands.isEmpty)
        #expect(harness.order(id)?.status == .rejected)

        harness.command(Fixture.alice, .placeOrder(Fixture.request("s2", quantity: "1"), stage: true))
        let ok = try #require(harness.lastOrderID)
        #expect(harness.command(Fixture.alice, .release(ok)).venueCommands.count == 1)
        #expect(harness.order(ok)?.status == .sent)
        #expect(harness.command(Fixture.alice, .release(ok)).rejection != nil, "released twice")
        #expect(try harness.replayed() == harness.engine)
    }

    @Test func cancelsAndAmendsRoundTripWithTheVenue() throws {
        var harness = Harness()
        harness.command(Fixture.alice, .placeOrder(Fixture.request("c1", quantity: "2"), stage: false))
        let id = try #require(harness.lastOrderID)
        harness.report(.acknowledged(orderID: id, venueOrderID: try VenueOrderID("V9")))

        let amend = harness.command(Fixture.alice, .amend(id, quantity: 3, kind: nil))
        #expect(amend.venueCommands.count == 1)
        #expect(harness.order(id)?.displayStatus == "pendingAmend")
        #expect(harness.command(Fixture.alice, .cancel(id)).rejection != nil, "one change at a time")
        harness.report(.amended(orderID: id))
        #expect(harness.order(id)?.quantity == 3)

        harness.command(Fixture.rita, limit(.orderQuantity, .firm, "4", .hard))
        #expect(
            harness.command(Fixture.alice, .amend(id, quantity: 5, kind: nil)).rejection?.reason.contains(
                "order_quantity"
            ) == true
        )

        let cancel = harness.command(Fixture.alice, .cancel(id))
        #expect(cancel.venueCommands == [.cancel(orderID: id, venue: .deribit, venueOrderID: try VenueOrderID("V9"))])
        harness.report(.cancelRejected(orderID: id, reason: "too late"))
        #expect(harness.order(id)?.status == .acknowledged)
        harness.command(Fixture.alice, .cancel(id))
        harness.report(.cancelled(orderID: id, reason: "user"))
        #expect(harness.order(id)?.status == .cancelled)
        harness.report(.fill(VenueFill(venue: .deribit, tradeID: "late", orderID: id, quantity: 1, price: 0)))
        #expect(harness.state.quarantinedReports.count == 1, "a fill after the cancel is kept for reconciliation")
        #expect(try harness.replayed() == harness.engine)
    }

    @Test func permissionsAreEnforcedByTheEngine() throws {
        var harness = Harness()
        #expect(
            harness.command(Fixture.vera, .placeOrder(Fixture.request("v1"), stage: false)).rejection?.reason.contains(
                "lacks placeOrder"
            ) == true
        )
        #expect(
            harness.command(Fixture.carl, .placeOrder(Fixture.request("c1"), stage: false)).rejection?.reason.contains(
                "may not act on account A"
            ) == true
        )
        #expect(harness.command(Fixture.alice, limit(.openOrders, .firm, "1", .hard)).rejection != nil)
        #expect(
            harness.command(try UserID("mallory"), .cancelAll(account: nil, venue: nil)).rejection?.reason.contains(
                "unknown user"
            ) == true
        )
        #expect(harness.command(Fixture.alice, .cancelAll(account: nil, venue: nil)).rejection != nil)
        harness.command(Fixture.alice, .placeOrder(Fixture.request("a1"), stage: false))
        let id = try #require(harness.lastOrderID)
        #expect(harness.command(Fixture.carl, .cancel(id)).rejection != nil)
        #expect(harness.state.orders.count == 1)
        #expect(try harness.replayed() == harness.engine)
    }

    @Test func clientOrderIdsAreUniquePerAccount() throws {
        var harness = Harness()
        harness.command(Fixture.alice, .placeOrder(Fixture.request("dup"), stage: false))
        #expect(
            harness.command(Fixture.bob, .placeOrder(Fixture.request("dup"), stage: false)).rejection?.reason.contains(
                "already used"
            ) == true
        )
        harness.command(Fixture.carl, .placeOrder(Fixture.request("dup", account: Fixture.accountB), stage: false))
        #expect(harness.state.orders.count == 2)
    }

    @Test func cancelAllAndGoodTillDateExpiry() throws {
        var harness = Harness()
        let soon = UnixNanos(harness.clock + 10_000_000_000)
        harness.command(
            Fixture.alice,
            .placeOrder(Fixture.request("g1", timeInForce: .goodTillDate(soon)), stage: false)
        )
        let gtd = try #require(harness.lastOrderID)
        harness.command(Fixture.alice, .placeOrder(Fixture.request("g2"), stage: false))
        harness.command(Fixture.alice, .placeOrder(Fixture.request("g3"), stage: true))
        let staged = try #require(harness.lastOrderID)
        let tick = harness.input(.timer, advance: 20_000_000_000)
        #expect(tick.venueCommands == [.cancel(orderID: gtd, venue: .deribit, venueOrderID: nil)])
        let all = harness.command(Fixture.rita, .cancelAll(account: Fixture.accountA, venue: nil))
        #expect(
            all.venueCommands.count == 1,
            "the GTD cancel is already in flight; the staged order is cancelled locally"
        )
        #expect(harness.order(staged)?.status == .cancelled)
        #expect(try harness.replayed() == harness.engine)
    }

    @Test func reducingAnOverLimitPositionIsAllowed() throws {
        var harness = Harness()
        harness.command(Fixture.alice, .placeOrder(Fixture.request("p1", quantity: "10"), stage: false))
        let id = try #require(harness.lastOrderID)
        harness.report(.fill(VenueFill(venue: .deribit, tradeID: "T1", orderID: id, quantity: 10, price: 0)))
        harness.command(Fixture.rita, limit(.positionPerInstrument, .account(Fixture.accountA), "5", .hard))
        harness.command(Fixture.alice, .placeOrder(Fixture.request("p2", side: .buy, quantity: "1"), stage: false))
        #expect(harness.order(try #require(harness.lastOrderID))?.status == .rejected)
        harness.command(Fixture.alice, .placeOrder(Fixture.request("p3", side: .sell, quantity: "3"), stage: false))
        #expect(harness.order(try #require(harness.lastOrderID))?.status == .sent)
        harness.command(Fixture.alice, .placeOrder(Fixture.request("p4", side: .sell, quantity: "25"), stage: false))
        #expect(
            harness.order(try #require(harness.lastOrderID))?.status == .rejected,
            "flipping to -15 grows the position"
        )
    }
}
