// Every decision records what it was computed on: an accept carries the market state and the limit it came nearest
// to with its figures, a reject or an approval request the market state with the breach; the journal's compact
// coding keeps all of it, and an approved decision becomes an accept on the same basis.
import LegateCore
import LegateEngine
import LegateModel
import LegateOrders
import LegateRisk
import Testing

@Suite struct PortfolioGateBasisTests {
    static let call100 = GateFixture.option(.call, strike: 100_000)

    static func marketStamp() throws -> MarketStamp {
        let market = try GateFixture.market()
        return MarketStamp(sequence: market.version.sequence, asOf: market.asOf)
    }

    @Test func anAcceptRecordsTheMarketStateAndTheNearestLimit() throws {
        var harness = GateHarness(gate: try GateFixture.gate())
        let stamp = try Self.marketStamp()
        #expect(harness.engine.gate.market == stamp)
        #expect(harness.setLimit(.delta, .firm, "1000000", .hard) == nil)
        #expect(harness.setLimit(.gamma, .firm, "1000000000", .hard) == nil)
        #expect(harness.setLimit(.orderQuantity, .firm, "1000", .hard) == nil)
        // 10 at-the-money calls: about 500,000 USD of delta, half the delta limit; far from the others.
        guard case .accept(let basis)? = harness.place(Self.call100, .buy, "10") else {
            Issue.record("expected an accept")
            return
        }
        #expect(basis.market == stamp)
        let nearest = try #require(basis.nearest)
        #expect(nearest.measure == .delta && nearest.scope == .firm)
        #expect(nearest.current == .zero)
        #expect(nearest.after.doubleValue > 300_000 && nearest.after.doubleValue < 600_000, "\(nearest.after)")
        #expect(nearest.threshold == FixedDecimal(1_000_000))
        #expect(nearest.market == basis.market)
    }

    @Test func rejectsAndApprovalRequestsRecordTheMarketState() throws {
        var harness = GateHarness(gate: try GateFixture.gate())
        let stamp = try Self.marketStamp()
        #expect(harness.setLimit(.delta, .firm, "100000", .hard) == nil)
        guard case .reject(let breach)? = harness.place(Self.call100, .buy, "10") else {
            Issue.record("expected a reject")
            return
        }
        #expect(breach.market == stamp)
        #expect(breach.description.contains("on market#"))
        _ = harness.command(
            Fixture.rita,
            .setLimit(LimitKey(measure: .delta, scope: .firm, severity: .hard), limit: nil)
        )
        #expect(harness.setLimit(.orderQuantity, .firm, "5", .soft) == nil)
        guard case .needsApproval(let soft)? = harness.place(Self.call100, .buy, "10") else {
            Issue.record("expected an approval request")
            return
        }
        // An order limit values nothing, but the decision is still stamped with the gate's market.
        #expect(soft.measure == .orderQuantity && soft.market == stamp)
    }

    @Test func theJournalCodingKeepsTheBasis() throws {
        var harness = GateHarness(gate: try GateFixture.gate())
        #expect(harness.setLimit(.vega, .firm, "1000000", .hard) == nil)
        _ = harness.place(Self.call100, .buy, "3")
        #expect(harness.setLimit(.vega, .firm, "1", .hard) == nil)
        _ = harness.place(Self.call100, .buy, "3")
        let decided = harness.log.compactMap { entry -> Event? in
            entry.event.riskDecision == nil ? nil : entry.event
        }
        #expect(decided.count == 2)
        for event in decided {
            var writer = CompactWriter()
            writer.write(event)
            var reader = CompactReader(bytes: writer.bytes)
            #expect(try reader.read(Event.self) == event)
            #expect(reader.isAtEnd)
        }
        guard case .orderAccepted(_, .accept(let basis), false) = decided[0] else {
            Issue.record("the first decision should be an accept: \(decided[0])")
            return
        }
        #expect(basis.nearest?.measure == .vega && basis.market != nil)
    }

    @Test func anApprovedDecisionAcceptsOnTheSameBasis() throws {
        let market = MarketStamp(sequence: 3, asOf: GateFixture.asOf)
        let breach = RiskBreach(
            measure: .valueAtRisk,
            scope: .firm,
            severity: .soft,
            current: FixedDecimal(10),
            after: FixedDecimal(20),
            threshold: FixedDecimal(15),
            market: market
        )
        #expect(RiskDecision.needsApproval(breach).approved == .accept(RiskBasis(market: market, nearest: breach)))
        #expect(RiskDecision.reject(breach).approved == .reject(breach))
        #expect(RiskDecision.accept(.unstated).isAccepted && !RiskDecision.reject(breach).isAccepted)
    }

    /// The engine's own gate values nothing: its accepts carry no market, and the nearest order limit.
    @Test func theOrderLimitGateNamesNoMarket() {
        var harness = Harness()
        _ = harness.command(Fixture.rita, limit(.orderQuantity, .firm, "10", .hard))
        let outputs = harness.command(Fixture.alice, .placeOrder(Fixture.request("q1", quantity: "4"), stage: false))
        let decision = outputs.events.compactMap { event -> RiskDecision? in
            event.riskDecision?.decision
        }.first
        guard case .accept(let basis)? = decision else {
            Issue.record("expected an accept, got \(String(describing: decision))")
            return
        }
        #expect(basis.market == nil)
        #expect(basis.nearest?.measure == .orderQuantity && basis.nearest?.after == FixedDecimal(4))
    }
}
