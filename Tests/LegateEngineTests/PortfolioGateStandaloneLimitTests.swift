// Portfolio-gate limits each set alone: position per instrument counting orders working at a venue (orders that
// each pass it cannot together break it), expected shortfall, and a role-scoped limit that judges traders' orders and
// not the hedger's.
import LegateCore
import LegateEngine
import LegateModel
import LegateOrders
import LegateRisk
import OrderedCollections
import Testing

@Suite struct PortfolioGateStandaloneLimitTests {
    static let call100 = GateFixture.option(.call, strike: 100_000)

    @Test func positionPerInstrumentCountsWorkingOrders() throws {
        var harness = GateHarness(gate: try GateFixture.gate())
        #expect(harness.setLimit(.positionPerInstrument, .account(Fixture.accountA), "20", .hard) == nil)
        #expect(harness.place(Self.call100, .buy, "15")?.isAccepted == true)
        guard case .reject(let breach)? = harness.place(Self.call100, .buy, "15") else {
            Issue.record("the second order must be judged with the first one working")
            return
        }
        #expect(breach.measure == .positionPerInstrument)
        #expect(breach.current == FixedDecimal(15) && breach.after == FixedDecimal(30))
        // A gate rebuilt from the state (a restart) counts the working order the same way.
        var rebuilt = try GateFixture.gate()
        rebuilt.rebuild(from: harness.engine.state, configuration: Fixture.configuration)
        let second = GateHarness.request(Self.call100, .buy, "15", client: "again")
        let order = Order(id: try OrderID("X1"), request: second, owner: Fixture.alice, at: GateFixture.days(1))
        let context = RiskContext(
            state: harness.engine.state,
            configuration: Fixture.configuration,
            time: GateFixture.days(1)
        )
        guard case .reject(let again) = rebuilt.evaluate([order], context: context) else {
            Issue.record("a rebuilt gate must count the working order")
            return
        }
        #expect(again.measure == .positionPerInstrument && again.after == FixedDecimal(30))
        // Cancelled, the first order no longer counts: the same second order passes.
        let first = try #require(harness.engine.state.orders.first?.id)
        harness.command(Fixture.alice, .cancel(first))
        harness.input(.venueReport(.cancelled(orderID: first, reason: "by the trader")))
        #expect(harness.place(Self.call100, .buy, "15")?.isAccepted == true)
        // A sell working against it nets, as the position it would leave does.
        #expect(harness.place(Self.call100, .sell, "15")?.isAccepted == true)
        #expect(harness.place(Self.call100, .buy, "15")?.isAccepted == true)
    }

    @Test func aFillMovesQuantityFromWorkingToThePositionWithoutChangingTheCount() throws {
        var harness = GateHarness(gate: try GateFixture.gate())
        #expect(harness.setLimit(.positionPerInstrument, .firm, "20", .hard) == nil)
        harness.fill(Self.call100, .buy, "8")
        #expect(harness.place(Self.call100, .buy, "8")?.isAccepted == true)
        // 8 held + 8 working + 5 = 21.
        guard case .reject(let breach)? = harness.place(Self.call100, .buy, "5") else {
            Issue.record("held and working quantities must add up")
            return
        }
        #expect(breach.current == FixedDecimal(16) && breach.after == FixedDecimal(21))
        #expect(harness.place(Self.call100, .buy, "4")?.isAccepted == true)
    }

    @Test func anExpectedShortfallLimitFiresAlone() throws {
        var harness = GateHarness(gate: try GateFixture.gate())
        #expect(harness.setLimit(.expectedShortfall, .firm, "25000", .hard) == nil)
        let request = GateHarness.request(Self.call100, .sell, "20", client: "probe")
        let probe = Order(id: try OrderID("Y1"), request: request, owner: Fixture.alice, at: GateFixture.days(1))
        var gate = harness.engine.gate
        let context = RiskContext(
            state: harness.engine.state,
            configuration: Fixture.configuration,
            time: GateFixture.days(1)
        )
        let expected = try #require(try gate.figures(of: [probe], in: .firm, context: context).after.tail)
        #expect(expected.expectedShortfall > 25_000)
        guard case .reject(let breach)? = harness.place(Self.call100, .sell, "20") else {
            Issue.record("20 short at-the-money calls must break a 25,000 USD ES limit")
            return
        }
        #expect(breach.measure == .expectedShortfall && breach.scope == .firm && breach.current == .zero)
        #expect((breach.after.doubleValue - expected.expectedShortfall).magnitude < 1e-6)
        // One long call risks at most its premium (about 0.03 BTC): well inside the limit.
        #expect(harness.place(Self.call100, .buy, "1")?.isAccepted == true)
    }

    /// Tina trades; Henry is the hedger, an admin without the trader role: a limit scoped to traders judges her orders
    /// and not his.
    @Test func aRoleScopedLimitJudgesTradersAndNotTheHedger() throws {
        let tina = try UserID("tina")
        let henry = try UserID("henry")
        let configuration = EngineConfiguration(
            users: [
                UserProfile(id: tina, roles: [.trader], accounts: [Fixture.accountA]),
                UserProfile(id: henry, roles: [.admin], accounts: [Fixture.accountA]),
                UserProfile(id: Fixture.rita, roles: [.riskManager], accounts: [Fixture.accountA]),
            ],
            desks: [Fixture.accountA: Fixture.deskOne]
        )
        var harness = GateHarness(gate: try GateFixture.gate())
        harness.engine = Engine(configuration: configuration, gate: try GateFixture.gate())
        #expect(harness.setLimit(.delta, LimitScope(role: .trader), "200000", .hard) == nil)
        // 10 at-the-money calls: about 500,000 USD of delta.
        guard case .reject(let breach)? = harness.place(Self.call100, .buy, "10", actor: tina) else {
            Issue.record("the trader's order must be judged by the traders' limit")
            return
        }
        #expect(breach.measure == .delta && breach.scope.role == .trader)
        #expect(harness.place(Self.call100, .buy, "10", actor: henry)?.isAccepted == true)
        // The hedger's working calls count in the traders' exposure: a trader's small order now breaks the limit too.
        guard case .reject? = harness.place(Self.call100, .buy, "1", actor: tina) else {
            Issue.record("the limit reads every position, whoever made it")
            return
        }
    }
}
