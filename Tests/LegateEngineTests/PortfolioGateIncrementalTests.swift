// The incremental gate equals a full recomputation on random books and orders: the figures a decision uses (the
// booked scope plus the proposal, read through cached booked figures, the VaR tail prefix with its reach bound and
// margin only for the underlyings the legs touch) equal `PortfolioRiskModel.measures` of an exposure rebuilt from
// the engine's positions with the legs added; and the gate kept by observing fills decides like a gate rebuilt from
// the final state.
import LegateCore
import LegateEngine
import LegateModel
import LegateOrders
import LegateRisk
import OrderedCollections
import Testing

@Suite struct PortfolioGateIncrementalTests {
    static let scopes: [LimitScope] = [
        .firm, .desk(Fixture.deskOne), .account(Fixture.accountA), .account(Fixture.accountB),
        LimitScope(underlying: .btc), LimitScope(desk: Fixture.deskOne, underlying: .eth),
    ]

    static func randomInstrument(_ random: inout SplitMix) -> Instrument {
        let underlying = random.pick([GateFixture.btc, GateFixture.eth])
        let index: Int64 = underlying == GateFixture.btc ? 100_000 : 3_000
        let strike = index * Int64(random.pick([70, 80, 90, 100, 110, 120, 140])) / 100
        return GateFixture.option(
            random.pick([.call, .put]),
            strike: strike,
            days: random.pick([30, 90]),
            underlying: underlying
        )
    }

    /// A random book of fills through the engine, with a delta limit in every scope so the gate keeps every book.
    static func bookedHarness(seed: UInt64, fills: Int) throws -> (GateHarness, SplitMix) {
        var random = SplitMix(state: seed)
        var harness = GateHarness(gate: try GateFixture.gate())
        for scope in scopes {
            #expect(harness.setLimit(.delta, scope, "1000000000000", .hard) == nil)
        }
        for _ in 0..<fills {
            let account = random.below(3) == 0 ? Fixture.accountB : Fixture.accountA
            let size = "\(1 + random.below(9))"
            harness.fill(randomInstrument(&random), random.pick([.buy, .sell]), size, account: account)
        }
        return (harness, random)
    }

    /// 1 to 4 legs of random instruments and sizes, from a fraction of a contract to 3,000 (past the tail prefix).
    static func randomProposal(_ random: inout SplitMix, number: Int) -> [Order] {
        (0..<(1 + random.below(4))).map { leg in
            let account = random.below(3) == 0 ? Fixture.accountB : Fixture.accountA
            let request = GateHarness.request(
                randomInstrument(&random),
                random.pick([.buy, .sell]),
                random.pick(["0.5", "1", "7", "40", "3000"]),
                account: account,
                client: "p\(number)/\(leg)"
            )
            let owner = account == Fixture.accountB ? Fixture.carl : Fixture.alice
            return Order(
                id: try! OrderID("P\(number)L\(leg)"),
                request: request,
                owner: owner,
                at: GateFixture.days(1)
            )
        }
    }

    /// The full recomputation: every position of the scope valued from scratch, then the legs added.
    static func fullMeasures(
        _ state: EngineState,
        _ proposal: [Order],
        _ scope: LimitScope,
        model: PortfolioRiskModel
    ) throws -> (ScopeMeasures, ScopeMeasures) {
        var workspace = ScenarioRevaluation()
        func covers(_ account: AccountID, _ instrument: Instrument) -> Bool {
            if let wanted = scope.account, wanted != account { return false }
            if let desk = scope.desk, Fixture.configuration.desks[account] != desk { return false }
            if let underlying = scope.underlying, instrument.underlying.base != underlying { return false }
            return true
        }
        func add(_ order: Order, to exposure: inout ScopeExposure) throws {
            guard covers(order.request.account, order.request.instrument) else { return }
            let profile = try model.profile(
                of: order.request.instrument,
                venue: order.request.venue,
                workspace: &workspace
            )
            let quantity = order.remainingQuantity.doubleValue * Double(order.request.side.sign)
            exposure.add(profile, venue: order.request.venue, quantity: quantity)
        }
        var exposure = ScopeExposure(model: model)
        for (key, position) in state.positions where covers(key.account, key.instrument) {
            let profile = try model.profile(of: key.instrument, venue: key.venue, workspace: &workspace)
            exposure.add(profile, venue: key.venue, quantity: position.netQuantity.doubleValue)
        }
        // Orders working at a venue count as if they filled.
        for order in state.orders where order.status.isAtVenue { try add(order, to: &exposure) }
        var after = exposure
        for order in proposal { try add(order, to: &after) }
        return (try model.measures(of: exposure), try model.measures(of: after))
    }

    static func expectClose(_ incremental: ScopeFigures, _ full: ScopeMeasures, _ label: String) {
        func close(_ left: Double, _ right: Double) -> Bool {
            (left - right).magnitude <= 1e-9 * max(1, left.magnitude, right.magnitude)
        }
        let pairs: [(String, Double, Double)] = [
            ("delta", incremental.delta, full.delta), ("gamma", incremental.gamma, full.gamma),
            ("vega", incremental.vega, full.vega), ("theta", incremental.theta, full.theta),
            ("gross notional", incremental.grossNotional, full.grossNotional),
            ("worst loss", incremental.worstScenarioLoss, full.worstScenarioLoss),
            ("initial margin", incremental.initialMargin ?? .nan, full.initialMargin),
            ("VaR", incremental.tail?.valueAtRisk ?? .nan, full.valueAtRisk),
            ("ES", incremental.tail?.expectedShortfall ?? .nan, full.expectedShortfall),
        ]
        for (name, left, right) in pairs {
            #expect(close(left, right), "\(label) \(name): incremental \(left), full \(right)")
        }
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func incrementalGateEqualsAFullRecomputationOnRandomBooksAndOrders(seed: UInt64) throws {
        var (harness, random) = try Self.bookedHarness(seed: seed, fills: 40)
        #expect(harness.engine.state.positions.count > 10)
        let model = try GateFixture.model()
        var gate = harness.engine.gate
        let context = RiskContext(
            state: harness.engine.state,
            configuration: Fixture.configuration,
            time: GateFixture.days(1)
        )
        for number in 0..<8 {
            let proposal = Self.randomProposal(&random, number: number)
            for scope in Self.scopes {
                let (before, after) = try gate.figures(of: proposal, in: scope, context: context)
                let (fullBefore, fullAfter) = try Self.fullMeasures(harness.engine.state, proposal, scope, model: model)
                Self.expectClose(before, fullBefore, "proposal \(number), \(scope), before")
                Self.expectClose(after, fullAfter, "proposal \(number), \(scope), after")
            }
        }
    }

    /// The gate kept current by observing fills and a gate rebuilt from the final state decide every random order
    /// the same way, under limits set around the book's own figures.
    @Test(arguments: [UInt64(4), 5])
    func observedAndRebuiltGatesDecideAlike(seed: UInt64) throws {
        var (harness, random) = try Self.bookedHarness(seed: seed, fills: 30)
        let measures: [LimitMeasure] = [
            .delta, .gamma, .vega, .theta, .grossNotional, .worstScenarioLoss, .valueAtRisk, .expectedShortfall,
        ]
        var probe = harness.engine.gate
        let context = RiskContext(
            state: harness.engine.state,
            configuration: Fixture.configuration,
            time: GateFixture.days(1)
        )
        for measure in measures {
            let scope = random.pick(Self.scopes)
            let (before, _) = try probe.figures(of: [], in: scope, context: context)
            let figure = Self.figure(measure, before) * (0.8 + 0.6 * Double(random.below(100)) / 100)
            let threshold = try FixedDecimal(max(figure, 1), scale: 2, rounding: .toNearestOrEven)
            _ = harness.setLimit(measure, scope, "\(threshold)", random.pick([.hard, .soft]))
        }
        var observed = harness.engine.gate
        var rebuilt = try GateFixture.gate()
        rebuilt.rebuild(from: harness.engine.state, configuration: Fixture.configuration)
        let judged = RiskContext(
            state: harness.engine.state,
            configuration: Fixture.configuration,
            time: GateFixture.days(1)
        )
        var outcomes: Set<String> = []
        for number in 0..<30 {
            let proposal = Self.randomProposal(&random, number: number)
            let left = Self.outcome(observed.evaluate(proposal, context: judged))
            #expect(left == Self.outcome(rebuilt.evaluate(proposal, context: judged)), "proposal \(number)")
            outcomes.insert(left)
        }
        #expect(outcomes.count > 1, "the limits should both pass and stop some orders: \(outcomes)")
    }

    static func figure(_ measure: LimitMeasure, _ figures: ScopeFigures) -> Double {
        switch measure {
        case .delta: figures.delta.magnitude
        case .gamma: figures.gamma.magnitude
        case .vega: figures.vega.magnitude
        case .theta: figures.theta.magnitude
        case .grossNotional: figures.grossNotional
        case .worstScenarioLoss: figures.worstScenarioLoss
        case .valueAtRisk: figures.tail?.valueAtRisk ?? 0
        default: figures.tail?.expectedShortfall ?? 0
        }
    }

    /// The decision's kind and the limit it names (figures are rounded to 6 places and may differ in the last one).
    static func outcome(_ decision: RiskDecision) -> String {
        switch decision {
        case .accept(let basis): "accept \(basis.nearest.map { "\($0.measure) \($0.scope)" } ?? "")"
        case .reject(let breach): "reject \(breach.measure) \(breach.scope)"
        case .needsApproval(let breach): "approval \(breach.measure) \(breach.scope)"
        case .unassessable(let reason): "unassessable \(reason)"
        }
    }
}
