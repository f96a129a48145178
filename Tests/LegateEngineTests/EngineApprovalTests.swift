// Proves that an approval sends an order back through the gate: a hard limit tightened or a book moved since the
// request rejects it at approval with the figures and nothing is sent; an unchanged situation sends it once; a grant
// covers only the soft limit it was given over (another soft breach asks again) and only while it is valid, given by
// someone other than the owner who may approve; a staged order or package released after its grant expired asks
// again; a package is judged as one unit throughout. Every test ends by replaying the event log and comparing states.
import LegateCore
import LegateEngine
import LegateModel
import LegateOrders
import OrderedCollections
import Testing

@Suite struct EngineApprovalTests {
    /// Beyond the test configuration's approval time to live of 60 s.
    static let pastExpiry: Int64 = 61_000_000_000

    static func key(_ measure: LimitMeasure, _ scope: LimitScope, _ severity: LimitSeverity) -> LimitKey {
        LimitKey(measure: measure, scope: scope, severity: severity)
    }

    static func decisions(_ outputs: [Output]) -> [RiskDecision] {
        outputs.events.compactMap { $0.riskDecision?.decision }
    }

    /// 5 × 0.05 = 0.25 BTC notional breaks a soft 0.2 firm limit: alice's order waits for approval.
    static func orderAwaitingApproval(
        _ harness: inout Harness,
        client: String = "n1",
        stage: Bool = false
    ) throws -> OrderID {
        harness.command(Fixture.rita, limit(.orderNotional, .firm, "0.2", .soft))
        harness.command(Fixture.alice, .placeOrder(Fixture.request(client, quantity: "5"), stage: stage))
        let id = try #require(harness.lastOrderID)
        #expect(harness.order(id)?.status == .pendingApproval)
        return id
    }

    @Test func aHardLimitTightenedBeforeTheApprovalRejectsWithTheFigures() throws {
        var harness = Harness()
        let id = try Self.orderAwaitingApproval(&harness)
        harness.command(Fixture.rita, limit(.orderQuantity, .account(Fixture.accountA), "4", .hard))

        let approved = harness.command(Fixture.rita, .approve(id))
        #expect(approved.rejection == nil, "the approval itself is valid; the gate rejects the order")
        #expect(approved.venueCommands.isEmpty)
        #expect(
            approved.events.map(\.kind) == [
                "approval.granted", "order.transitioned", "risk.decided", "order.transitioned",
            ]
        )
        guard case .approvalGranted(id, Fixture.rita, _) = approved.events.first else {
            Issue.record("the grant is not recorded first: \(approved.events)")
            return
        }
        guard case .reject(let breach) = Self.decisions(approved).first else {
            Issue.record("expected a reject, got \(Self.decisions(approved))")
            return
        }
        #expect(breach.measure == .orderQuantity && breach.scope == .account(Fixture.accountA))
        #expect(breach.severity == .hard && breach.current == 0 && breach.after == 5 && breach.threshold == 4)
        let order = try #require(harness.order(id))
        #expect(order.status == .rejected)
        #expect(order.reason == breach.description)
        #expect(order.reason?.contains("hard limit order_quantity") == true)
        #expect(harness.state.approvals[id] == nil, "a final order keeps no grant")
        #expect(try harness.replayed() == harness.engine)
    }

    @Test func aBookThatMovedSinceTheRequestRejectsAtApproval() throws {
        var harness = Harness()
        harness.command(Fixture.rita, limit(.positionPerInstrument, .account(Fixture.accountA), "6", .hard))
        let id = try Self.orderAwaitingApproval(&harness)
        // Meanwhile bob buys 3 of the same call (0.15 notional, under the soft limit) and is filled.
        harness.command(Fixture.bob, .placeOrder(Fixture.request("b1", quantity: "3"), stage: false))
        let other = try #require(harness.lastOrderID)
        harness.report(
            .fill(VenueFill(venue: .deribit, tradeID: "T1", orderID: other, quantity: 3, price: 0))
        )

        let approved = harness.command(Fixture.rita, .approve(id))
        #expect(approved.venueCommands.isEmpty)
        guard case .reject(let breach) = Self.decisions(approved).first else {
            Issue.record("expected a reject, got \(Self.decisions(approved))")
            return
        }
        #expect(breach.measure == .positionPerInstrument)
        #expect(breach.current == 3 && breach.after == 8 && breach.threshold == 6)
        #expect(harness.order(id)?.status == .rejected)
        #expect(try harness.replayed() == harness.engine)
    }

    @Test func anApprovalOfAnUnchangedSituationSendsTheOrderOnce() throws {
        var harness = Harness()
        let id = try Self.orderAwaitingApproval(&harness)
        let approved = harness.command(Fixture.rita, .approve(id))
        #expect(approved.rejection == nil)
        #expect(approved.venueCommands == [.place(orderID: id, request: Fixture.request("n1", quantity: "5"))])
        #expect(approved.events.map(\.kind) == ["approval.granted", "order.transitioned", "risk.accepted"])
        // Accepted on the figures the approval was given on: the soft breach is the basis's nearest limit.
        guard case .accept(let basis) = Self.decisions(approved).first else {
            Issue.record("expected an accept, got \(Self.decisions(approved))")
            return
        }
        #expect(basis.nearest?.measure == .orderNotional && basis.nearest?.severity == .soft)
        #expect(harness.order(id)?.status == .sent)
        let grant = try #require(harness.state.approvals[id])
        #expect(grant.approver == Fixture.rita)
        #expect(grant.covers == [Self.key(.orderNotional, .firm, .soft)])
        #expect(try harness.replayed() == harness.engine)
    }

    @Test func aSoftBreachOfAnotherLimitAsksForApprovalAgain() throws {
        var harness = Harness()
        let id = try Self.orderAwaitingApproval(&harness)
        harness.command(Fixture.rita, limit(.orderQuantity, .account(Fixture.accountA), "4", .soft))
        // The gate reports the first soft breach in limit order: the approved one, which would hide the new one.
        #expect(
            Self.key(.orderNotional, .firm, .soft) < Self.key(.orderQuantity, .account(Fixture.accountA), .soft)
        )

        let first = harness.command(Fixture.rita, .approve(id))
        #expect(first.venueCommands.isEmpty)
        guard case .needsApproval(let breach) = Self.decisions(first).first else {
            Issue.record("expected a new approval request, got \(Self.decisions(first))")
            return
        }
        #expect(breach.measure == .orderQuantity && breach.after == 5 && breach.threshold == 4)
        #expect(harness.order(id)?.status == .pendingApproval)
        #expect(first.events.contains { if case .approvalRequested(id, _) = $0 { true } else { false } })

        // The second grant keeps the first one's limit: both soft breaches are approved now.
        let second = harness.command(Fixture.rita, .approve(id))
        #expect(second.venueCommands.count == 1)
        #expect(harness.order(id)?.status == .sent)
        #expect(
            harness.state.approvals[id]?.covers.sorted()
                == [
                    Self.key(.orderNotional, .firm, .soft), Self.key(.orderQuantity, .account(Fixture.accountA), .soft),
                ]
                .sorted()
        )
        #expect(try harness.replayed() == harness.engine)
    }

    @Test func aStagedOrderReleasedAfterItsGrantExpiredNeedsApprovalAgain() throws {
        var harness = Harness()
        let id = try Self.orderAwaitingApproval(&harness, stage: true)
        let approved = harness.command(Fixture.rita, .approve(id))
        #expect(approved.venueCommands.isEmpty, "approved into staging, not sent")
        #expect(harness.order(id)?.status == .staged)

        harness.input(.timer, advance: Self.pastExpiry)
        let released = harness.command(Fixture.alice, .release(id))
        #expect(released.venueCommands.isEmpty)
        #expect(harness.order(id)?.status == .pendingApproval)
        #expect(released.events.contains { if case .approvalRequested(id, _) = $0 { true } else { false } })

        let again = harness.command(Fixture.rita, .approve(id))
        #expect(again.venueCommands.count == 1)
        #expect(harness.order(id)?.status == .sent)
        #expect(try harness.replayed() == harness.engine)
    }

    @Test func aStagedOrderReleasedWithinItsGrantIsSent() throws {
        var harness = Harness()
        let id = try Self.orderAwaitingApproval(&harness, stage: true)
        harness.command(Fixture.rita, .approve(id))
        harness.input(.timer, advance: 30_000_000_000)
        let released = harness.command(Fixture.bob, .release(id))
        #expect(released.venueCommands.count == 1)
        #expect(harness.order(id)?.status == .sent)
        #expect(try harness.replayed() == harness.engine)
    }

    @Test func aGrantFromSomeoneWhoMayNoLongerApproveCoversNothing() throws {
        var harness = Harness()
        let id = try Self.orderAwaitingApproval(&harness, stage: true)
        harness.command(Fixture.rita, .approve(id))
        // The desk restarts with rita a viewer: her grant, though still within its time, no longer counts.
        let users = Fixture.configuration.users.values.map { user in
            user.id == Fixture.rita ? UserProfile(id: user.id, roles: [.viewer], accounts: user.accounts) : user
        }
        let demoted = EngineConfiguration(
            users: users,
            desks: Fixture.configuration.desks,
            approvalTimeToLive: Fixture.configuration.approvalTimeToLive
        )
        harness.engine = Engine(configuration: demoted, gate: LimitGate(), state: harness.state)
        let released = harness.command(Fixture.alice, .release(id))
        #expect(released.venueCommands.isEmpty)
        #expect(harness.order(id)?.status == .pendingApproval)
    }

    @Test func aPackageIsRejectedAsAUnitWhenAHardLimitTightenedBeforeTheApproval() throws {
        var harness = Harness()
        harness.command(Fixture.rita, limit(.orderQuantity, .account(Fixture.accountA), "1", .soft))
        harness.command(Fixture.alice, .placePackage(try EnginePackageTests.condor(), stage: false))
        let package = try #require(harness.state.packages.values.first)
        #expect(harness.state.view(ofPackage: package.id)?.status == .pendingApproval)
        harness.command(Fixture.rita, limit(.orderQuantity, .firm, "1.5", .hard))

        let approved = harness.command(Fixture.rita, .approve(package.legOrderIDs[1]))
        #expect(approved.venueCommands.isEmpty)
        let decisions = Self.decisions(approved)
        #expect(decisions.count == 4, "one decision for every leg")
        #expect(Set(decisions).count == 1, "the legs share one decision")
        guard case .reject(let breach) = decisions.first else {
            Issue.record("expected a reject, got \(decisions)")
            return
        }
        #expect(breach.measure == .orderQuantity && breach.scope == .firm && breach.after == 2)
        #expect(breach.threshold == (try FixedDecimal(parsing: "1.5")))
        #expect(harness.state.view(ofPackage: package.id)?.status == .rejected)
        #expect(try harness.replayed() == harness.engine)
    }

    @Test func aStagedPackageReleasedAfterItsGrantExpiredNeedsApprovalAgain() throws {
        var harness = Harness()
        harness.command(Fixture.rita, limit(.orderQuantity, .account(Fixture.accountA), "1", .soft))
        harness.command(Fixture.alice, .placePackage(try EnginePackageTests.condor(), stage: true))
        let package = try #require(harness.state.packages.values.first)
        let approved = harness.command(Fixture.rita, .approve(package.legOrderIDs[0]))
        #expect(approved.venueCommands.isEmpty)
        #expect(harness.state.view(ofPackage: package.id)?.status == .staged)

        harness.input(.timer, advance: Self.pastExpiry)
        let released = harness.command(Fixture.bob, .release(package.legOrderIDs[3]))
        #expect(released.venueCommands.isEmpty)
        #expect(harness.state.view(ofPackage: package.id)?.status == .pendingApproval)
        let requests = released.events.filter { if case .approvalRequested = $0 { true } else { false } }
        #expect(requests.count == 4, "every leg asks again")

        let again = harness.command(Fixture.rita, .approve(package.legOrderIDs[2]))
        #expect(again.venueCommands.count == 4)
        #expect(harness.state.view(ofPackage: package.id)?.status == .working)
        #expect(try harness.replayed() == harness.engine)
    }

    @Test func grantsSurviveTheSnapshotEncoding() throws {
        var harness = Harness()
        let id = try Self.orderAwaitingApproval(&harness, stage: true)
        harness.command(Fixture.rita, limit(.orderQuantity, .account(Fixture.accountA), "4", .soft))
        harness.command(Fixture.rita, .approve(id))
        #expect(harness.state.approvalLimits[id] != nil, "asked again over the quantity limit")
        #expect(harness.state.approvals[id] != nil)
        let bytes = try BinaryEncoder().encode(harness.state)
        #expect(try BinaryDecoder().decode(EngineState.self, from: bytes) == harness.state)
        #expect(try EngineState(snapshotBytes: harness.state.snapshotBytes()) == harness.state)
    }

    /// A journal written before approvals were judged again holds `approved` (straight to accepted) then `sent`: it
    /// still replays into an accepted, sent order; the engine now writes `approvedForJudging`.
    @Test func aJournalFromBeforeApprovalsWereJudgedAgainStillReplays() throws {
        var harness = Harness()
        let id = try Self.orderAwaitingApproval(&harness)
        let approved = harness.command(Fixture.rita, .approve(id))
        #expect(approved.events.contains(.orderTransitioned(orderID: id, transition: .approvedForJudging)))
        var legacy = harness.log.filter { entry in
            if case .approvalGranted = entry.event { return false }
            if case .orderTransitioned(_, .approvedForJudging) = entry.event { return false }
            if case .orderAccepted = entry.event { return false }
            return true
        }
        let at = try #require(harness.log.last?.at)
        legacy.append((.approvalGranted(orderID: id, approver: Fixture.rita, expiresAt: at + 60_000_000_000), at))
        legacy.append((.orderTransitioned(orderID: id, transition: .approved), at))
        legacy.append((.orderTransitioned(orderID: id, transition: .sent), at))
        let replayed = try Engine.replay(configuration: Fixture.configuration, gate: LimitGate(), events: legacy)
        #expect(replayed.state.orders[id]?.status == .sent)
        var writer = CompactWriter()
        OrderTransition.approvedForJudging.write(to: &writer)
        OrderTransition.approved.write(to: &writer)
        var reader = CompactReader(bytes: writer.bytes)
        #expect(try OrderTransition(from: &reader) == .approvedForJudging)
        #expect(try OrderTransition(from: &reader) == .approved)
    }
}
