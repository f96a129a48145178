// The portfolio gate through the real engine: Greek, margin, worst-loss, VaR and ES limits; a package judged as one
// unit (an iron condor passes where its naked short leg fails); reducing a breached measure passes; an instrument
// the market cannot value fails closed; and the incremental exposures equal a full rebuild on random books.
import LegateCore
import LegateEngine
import LegateModel
import LegateOrders
import LegateRisk
import OrderedCollections
import Testing

@Suite struct PortfolioGateTests {
    static let call100 = GateFixture.option(.call, strike: 100_000)
    static let put90 = GateFixture.option(.put, strike: 90_000)
    static let put85 = GateFixture.option(.put, strike: 85_000)
    static let call110 = GateFixture.option(.call, strike: 110_000)
    static let call115 = GateFixture.option(.call, strike: 115_000)

    func breach(_ decision: RiskDecision?) -> RiskBreach? {
        switch decision {
        case .reject(let breach)?, .needsApproval(let breach)?: breach
        default: nil
        }
    }

    @Test func aDeltaLimitRejectsWithTheFiguresItUsed() throws {
        var harness = GateHarness(gate: try GateFixture.gate())
        #expect(harness.setLimit(.delta, .firm, "1000000", .hard) == nil)
        // 20 at-the-money calls: about 0.5 × 20 × 100,000 = 1,000,000 USD of delta, premium-adjusted a little less.
        #expect(harness.place(Self.call100, .buy, "10")?.isAccepted == true)
        let decision = harness.place(Self.call100, .buy, "30")
        let found = try #require(breach(decision))
        guard case .reject = decision else {
            Issue.record("expected a hard reject, got \(String(describing: decision))")
            return
        }
        #expect(found.measure == .delta && found.scope == .firm)
        // The 10 calls working at the venue count as if filled: the figure now is their delta, after is 40 calls'.
        let now = found.current.doubleValue
        #expect(now > 300_000 && now < 700_000, "\(found.current)")
        #expect((found.after.doubleValue / now - 4).magnitude < 1e-5, "delta is linear in size: \(found.after)")
    }

    @Test func ordersThatEachPassALimitCannotTogetherBreakIt() throws {
        var harness = GateHarness(gate: try GateFixture.gate())
        #expect(harness.setLimit(.delta, .firm, "1000000", .hard) == nil)
        // 15 calls are about 700,000 USD of delta: one order passes, a second of the same size would double it.
        #expect(harness.place(Self.call100, .buy, "15")?.isAccepted == true)
        guard case .reject(let breach) = harness.place(Self.call100, .buy, "15") else {
            Issue.record("the second order must be judged with the first one working")
            return
        }
        #expect(breach.measure == .delta && breach.current.doubleValue > 500_000)
        // Cancelled, the first order no longer counts: the same second order passes.
        let first = try #require(harness.engine.state.orders.first?.id)
        harness.command(Fixture.alice, .cancel(first))
        harness.input(.venueReport(.cancelled(orderID: first, reason: "by the trader")))
        #expect(harness.place(Self.call100, .buy, "15")?.isAccepted == true)
        // A sell working against it nets, as the position it would leave does.
        #expect(harness.place(Self.call100, .sell, "15")?.isAccepted == true)
        #expect(harness.place(Self.call100, .buy, "15")?.isAccepted == true)
    }

    @Test func aFillOfAWorkingOrderLeavesTheFiguresUnchanged() throws {
        var harness = GateHarness(gate: try GateFixture.gate())
        #expect(harness.setLimit(.delta, .firm, "1000000000", .hard) == nil)
        #expect(harness.place(Self.call100, .buy, "10")?.isAccepted == true)
        let orderID = try #require(harness.engine.state.orders.first?.id)
        let context = { (harness: GateHarness) in
            RiskContext(state: harness.engine.state, configuration: Fixture.configuration, time: GateFixture.days(1))
        }
        var gate = harness.engine.gate
        let working = try gate.figures(of: [], in: .firm, context: context(harness)).before.delta
        harness.input(.venueReport(.acknowledged(orderID: orderID, venueOrderID: try VenueOrderID("v1"))))
        let fill = VenueFill(
            venue: .deribit,
            tradeID: "t1",
            orderID: orderID,
            quantity: try Quantity(parsing: "4"),
            price: try Price(parsing: "0.02")
        )
        harness.input(.venueReport(.fill(fill)))
        gate = harness.engine.gate
        let partlyFilled = try gate.figures(of: [], in: .firm, context: context(harness)).before.delta
        #expect(working > 0 && (partlyFilled - working).magnitude <= 1e-9 * working)
        // The gate rebuilt from the state agrees with the one kept by observing.
        var rebuilt = harness.engine.gate
        rebuilt.rebuild(from: harness.engine.state, configuration: Fixture.configuration)
        let fromState = try rebuilt.figures(of: [], in: .firm, context: context(harness)).before.delta
        #expect((fromState - partlyFilled).magnitude <= 1e-9 * working)
    }

    @Test func anOrderThatReducesABreachedMeasurePasses() throws {
        var harness = GateHarness(gate: try GateFixture.gate())
        harness.fill(Self.call100, .buy, "40")
        #expect(harness.setLimit(.delta, .account(Fixture.accountA), "500000", .hard) == nil)
        // The book is already above the limit: buying more is refused, selling some back is allowed.
        guard case .reject = harness.place(Self.call100, .buy, "1") else {
            Issue.record("adding delta to a breached limit must be refused")
            return
        }
        #expect(harness.place(Self.call100, .sell, "5")?.isAccepted == true)
    }

    @Test func anIronCondorIsJudgedAsOneUnitNotAsNakedLegs() throws {
        var harness = GateHarness(gate: try GateFixture.gate())
        #expect(harness.setLimit(.worstScenarioLoss, .firm, "150000", .hard) == nil)
        // Short 10 iron condors: 85/90 put spread and 110/115 call spread, 5,000 wide: worst loss ≤ 50,000 USD.
        let package = try StrategyPackage(
            shape: .ironCondor,
            side: .buy,
            legs: [
                PackageLeg(instrument: Self.put85, side: .buy),
                PackageLeg(instrument: Self.put90, side: .sell),
                PackageLeg(instrument: Self.call110, side: .sell),
                PackageLeg(instrument: Self.call115, side: .buy),
            ],
            quantity: try Quantity(parsing: "10"),
            // Bought as written: a net credit of at least 0.005 BTC per condor.
            limitPrice: try Price(parsing: "-0.005")
        )
        let request = PackageRequest(
            clientPackageID: try ClientOrderID("condor"),
            account: Fixture.accountA,
            venue: .deribit,
            package: package,
            legPrices: [
                try Price(parsing: "0.005"), try Price(parsing: "0.01"), try Price(parsing: "0.01"),
                try Price(parsing: "0.005"),
            ]
        )
        let outputs = harness.command(Fixture.alice, .placePackage(request, stage: false))
        let decisions = outputs.events.compactMap { event -> RiskDecision? in
            event.riskDecision?.decision
        }
        #expect(outputs.rejection == nil, "\(outputs.rejection?.reason ?? "")")
        #expect(decisions.count == 4 && decisions.allSatisfy(\.isAccepted), "\(decisions)")
        // The naked short call leg alone loses far more over the grid's extended up-moves.
        let naked = harness.place(Self.call110, .sell, "10")
        #expect(breach(naked)?.measure == .worstScenarioLoss, "\(String(describing: naked))")
    }

    @Test func softVaRAndMarginLimitsAskForApproval() throws {
        var harness = GateHarness(gate: try GateFixture.gate())
        #expect(harness.setLimit(.valueAtRisk, .firm, "50000", .soft) == nil)
        #expect(harness.setLimit(.marginUtilisation, .account(Fixture.accountA), "0.05", .soft) == nil)
        let decision = harness.place(Self.call100, .sell, "20")
        guard case .needsApproval(let found)? = decision else {
            Issue.record("expected approval, got \(String(describing: decision))")
            return
        }
        #expect([LimitMeasure.valueAtRisk, .marginUtilisation].contains(found.measure))
        #expect(found.after.doubleValue > found.threshold.doubleValue)
    }

    @Test func aVegaLimitPerExpiryBucketReadsOnlyThatBucket() throws {
        var harness = GateHarness(gate: try GateFixture.gate())
        #expect(harness.setLimit(.vega, LimitScope(expiryBucket: "45-120d"), "1000", .hard) == nil)
        // 30-day options are in the 7-45d bucket: unlimited; 90-day options hit the 45-120d limit.
        #expect(harness.place(Self.call100, .buy, "50")?.isAccepted == true)
        let far = GateFixture.option(.call, strike: 100_000, days: 90)
        #expect(breach(harness.place(far, .buy, "50"))?.measure == .vega)
    }

    @Test func limitsTheModelCannotComputeAreRefused() throws {
        var harness = GateHarness(gate: try GateFixture.gate())
        #expect(
            harness.setLimit(.vega, LimitScope(expiryBucket: "1y"), "1", .hard)?.reason.contains("unknown expiry")
                == true
        )
        #expect(
            harness.setLimit(.delta, LimitScope(expiryBucket: "0-7d"), "1", .hard)?.reason.contains("only vega") == true
        )
        let sol = try Asset("SOL")
        #expect(
            harness.setLimit(.delta, LimitScope(underlying: sol), "1", .hard)?.reason.contains("does not cover") == true
        )
    }

    @Test func anInstrumentTheMarketCannotValueFailsClosed() throws {
        var harness = GateHarness(gate: try GateFixture.gate())
        #expect(harness.setLimit(.valueAtRisk, .firm, "1000000000", .hard) == nil)
        let sol = Underlying(base: try Asset("SOL"), quote: .usd)
        let decision = harness.place(GateFixture.option(.call, strike: 200, underlying: sol), .buy, "1")
        guard case .unassessable(let reason)? = decision else {
            Issue.record("expected unassessable, got \(String(describing: decision))")
            return
        }
        #expect(reason.contains("does not cover SOL"))
        #expect(harness.engine.state.orders.values.last?.status == .rejected)
    }

    /// Positions the market cannot value fail their scope's decisions closed, and the reason names the same one of
    /// them in every run, whatever order they were booked in (the engine must decide alike on the same inputs).
    @Test(arguments: [[200, 300, 250], [300, 250, 200]])
    func theUnvaluedPositionAReasonNamesDoesNotDependOnBookingOrder(strikes: [Int64]) throws {
        var harness = GateHarness(gate: try GateFixture.gate())
        let sol = Underlying(base: try Asset("SOL"), quote: .usd)
        // No portfolio limit yet: order limits alone judge, so positions the model cannot value are booked.
        for strike in strikes { harness.fill(GateFixture.option(.call, strike: strike, underlying: sol), .buy, "1") }
        #expect(harness.engine.state.positions.count == 3)
        #expect(harness.setLimit(.delta, .firm, "1000000000", .hard) == nil)
        guard case .unassessable(let reason)? = harness.place(Self.call100, .buy, "1") else {
            Issue.record("a scope holding positions the market cannot value must fail closed")
            return
        }
        let named = "\(GateFixture.option(.call, strike: 200, underlying: sol))"
        #expect(reason.contains(named), "\(reason)")
    }

    /// The incremental exposures (fills added one by one) give the same figures as a gate rebuilt from the final
    /// positions, and a replay of the journaled events gives the same decisions.
    @Test(arguments: [UInt64(1), 2, 3])
    func incrementalFiguresEqualAFullRebuild(seed: UInt64) throws {
        var random = SplitMix(state: seed)
        var harness = GateHarness(gate: try GateFixture.gate())
        for measure in [LimitMeasure.delta, .gamma, .vega, .theta, .grossNotional, .worstScenarioLoss, .valueAtRisk] {
            #expect(harness.setLimit(measure, .desk(Fixture.deskOne), "1000000000000", .hard) == nil)
        }
        let strikes: [Int64] = [80_000, 90_000, 100_000, 110_000, 120_000]
        for _ in 0..<40 {
            let instrument = GateFixture.option(
                random.pick([.call, .put]),
                strike: random.pick(strikes),
                days: random.pick([30, 90]),
                underlying: random.pick([GateFixture.btc, GateFixture.eth])
            )
            harness.fill(instrument, random.pick([.buy, .sell]), "\(1 + random.below(9))")
        }
        #expect(harness.engine.state.positions.count > 10)
        var rebuilt = harness
        rebuilt.engine = Engine(
            configuration: Fixture.configuration,
            gate: try GateFixture.gate(),
            state: harness.engine.state
        )
        // Probe each measure with a zero threshold: the breach reports the figure now and after, to 6 decimals.
        for measure in [LimitMeasure.delta, .gamma, .vega, .theta, .grossNotional, .worstScenarioLoss, .valueAtRisk] {
            var incremental = harness
            var full = rebuilt
            _ = incremental.setLimit(measure, .desk(Fixture.deskOne), "0", .soft)
            _ = full.setLimit(measure, .desk(Fixture.deskOne), "0", .soft)
            // Whichever side increases the measure breaches it.
            let fromIncremental = try #require(
                breach(incremental.place(Self.call100, .buy, "1"))
                    ?? breach(incremental.place(Self.call100, .sell, "1"))
            )
            let fromFull = try #require(
                breach(full.place(Self.call100, .buy, "1")) ?? breach(full.place(Self.call100, .sell, "1"))
            )
            #expect(fromIncremental.measure == measure)
            #expect(
                (fromIncremental.current.doubleValue - fromFull.current.doubleValue).magnitude
                    <= 1e-6 * max(1, fromFull.current.doubleValue.magnitude),
                "\(measure): incremental \(fromIncremental.current) vs full \(fromFull.current)"
            )
        }
        let replayed = try Engine.replay(
            configuration: Fixture.configuration,
            gate: try GateFixture.gate(),
            events: harness.log
        )
        #expect(replayed.state == harness.engine.state)
    }
}
