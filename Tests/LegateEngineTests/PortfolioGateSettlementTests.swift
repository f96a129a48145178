// Proves that a settlement takes an expired instrument out of the portfolio gate's books: before it, the market
// cannot value the expired position and every decision in its scope fails closed; after it, decisions are assessed,
// live and after a replay of the journal.
import LegateCore
import LegateEngine
import LegateModel
import LegateOrders
import LegateRisk
import OrderedCollections
import Testing

@Suite struct PortfolioGateSettlementTests {
    /// An option that expired an hour before the gate's market time.
    static let expired = Instrument.option(
        GateFixture.btc,
        expiry: GateFixture.asOf + -3_600 * 1_000_000_000,
        strike: Price(FixedDecimal(100_000)),
        right: .call,
        settlement: .inverse(.btc)
    )

    static func isUnassessable(_ decision: RiskDecision?) -> Bool {
        if case .unassessable? = decision { return true }
        return false
    }

    /// A harness holding a long position in `expired`, bought before its expiry, with a firm delta limit set after.
    static func harnessHoldingTheExpiredOption() throws -> GateHarness {
        var harness = GateHarness(gate: try GateFixture.gate())
        harness.clock = GateFixture.asOf.rawValue - 2 * 3_600 * 1_000_000_000
        harness.fill(expired, .buy, "4")
        harness.clock = GateFixture.asOf.rawValue
        #expect(harness.setLimit(.delta, .firm, "1000000000", .hard) == nil)
        return harness
    }

    @Test func aDecisionAfterTheSettlementIsAssessed() throws {
        var harness = try Self.harnessHoldingTheExpiredOption()
        let net = harness.engine.state.positions.values.first?.netQuantity
        #expect(net == (try Quantity(parsing: "4")))
        let fresh = GateFixture.option(.call, strike: 100_000, days: 30)
        let before = harness.place(fresh, .buy, "1")
        #expect(Self.isUnassessable(before), "before the settlement: \(String(describing: before))")
        let settlement = ExpirySettlement(
            instrument: Self.expired,
            venue: .deribit,
            deliveryPrice: Price(FixedDecimal(99_000))
        )
        let outputs = harness.input(.settlement(settlement))
        #expect(outputs.events.contains { $0.kind == "position.settled" })
        let after = harness.place(fresh, .buy, "1")
        #expect(after?.isAccepted == true, "after the settlement: \(String(describing: after))")
    }

    @Test func aReplayedGateAssessesTheSameWay() throws {
        var harness = try Self.harnessHoldingTheExpiredOption()
        let settlement = ExpirySettlement(
            instrument: Self.expired,
            venue: .deribit,
            deliveryPrice: Price(FixedDecimal(101_000))
        )
        harness.input(.settlement(settlement))
        let replayed = try Engine.replay(
            configuration: Fixture.configuration,
            gate: try GateFixture.gate(),
            events: harness.log
        )
        #expect(replayed == harness.engine)
        var live = harness
        var again = GateHarness(gate: try GateFixture.gate())
        again.engine = replayed
        again.clock = live.clock
        again.number = live.number
        let fresh = GateFixture.option(.put, strike: 95_000, days: 30)
        let decisions = (live.place(fresh, .sell, "2"), again.place(fresh, .sell, "2"))
        #expect(decisions.0?.isAccepted == true)
        #expect(decisions.0 == decisions.1)
    }
}
