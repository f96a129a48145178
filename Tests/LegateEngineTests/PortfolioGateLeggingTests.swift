// The legging budget: a partly filled iron condor whose residual delta is past its budget is reported; a further leg
// that would widen the residual is refused (through the engine's amend and as a child order) while one that narrows
// it passes; the vega budget reads the same residual; past the time budget only orders that shrink the residual pass;
// a package with no fill or complete has no legging risk.
import LegateCore
import LegateEngine
import LegateModel
import LegateOrders
import LegateRisk
import OrderedCollections
import Testing

@Suite struct PortfolioGateLeggingTests {
    static let put85 = GateFixture.option(.put, strike: 85_000)
    static let put90 = GateFixture.option(.put, strike: 90_000)
    static let call110 = GateFixture.option(.call, strike: 110_000)
    static let call115 = GateFixture.option(.call, strike: 115_000)

    /// Sells 10 iron condors (legs as written: buy the 85 put, sell the 90 put, sell the 110 call, buy the 115 call),
    /// acknowledges every leg and fills only the short 110 calls: the package holds 10 naked short calls.
    static func leggedCondor() throws -> (GateHarness, PackageID, [OrderID]) {
        var harness = GateHarness(gate: try GateFixture.gate())
        let package = try StrategyPackage(
            shape: .ironCondor,
            side: .buy,
            legs: [
                PackageLeg(instrument: put85, side: .buy), PackageLeg(instrument: put90, side: .sell),
                PackageLeg(instrument: call110, side: .sell), PackageLeg(instrument: call115, side: .buy),
            ],
            quantity: try Quantity(parsing: "10"),
            limitPrice: try Price(parsing: "-0.005")
        )
        let request = PackageRequest(
            clientPackageID: try ClientOrderID("legged"),
            account: Fixture.accountA,
            venue: .deribit,
            package: package,
            legPrices: [
                try Price(parsing: "0.005"), try Price(parsing: "0.01"), try Price(parsing: "0.01"),
                try Price(parsing: "0.005"),
            ]
        )
        let outputs = harness.command(Fixture.alice, .placePackage(request, stage: false))
        #expect(outputs.rejection == nil)
        let record = try #require(harness.engine.state.packages.values.last)
        for (index, orderID) in record.legOrderIDs.enumerated() {
            harness.input(.venueReport(.acknowledged(orderID: orderID, venueOrderID: try VenueOrderID("leg\(index)"))))
        }
        let fill = VenueFill(
            venue: .deribit,
            tradeID: "short-calls",
            orderID: record.legOrderIDs[2],
            quantity: try Quantity(parsing: "10"),
            price: try Price(parsing: "0.01")
        )
        harness.input(.venueReport(.fill(fill)))
        return (harness, record.id, record.legOrderIDs)
    }

    static func context(_ harness: GateHarness, after seconds: Int64 = 0) -> RiskContext {
        RiskContext(
            state: harness.engine.state,
            configuration: Fixture.configuration,
            time: UnixNanos(harness.clock + seconds * 1_000_000_000)
        )
    }

    /// A child order of the package on one of its instruments, as a legging coordinator would place it.
    static func child(_ instrument: Instrument, _ side: OrderSide, of package: PackageID, number: Int) -> Order {
        Order(
            id: try! OrderID("CHILD\(number)"),
            request: GateHarness.request(instrument, side, "10", client: "child\(number)"),
            owner: Fixture.alice,
            packageID: package,
            at: GateFixture.days(1)
        )
    }

    func breach(_ decision: RiskDecision) -> RiskBreach? {
        switch decision {
        case .reject(let breach), .needsApproval(let breach): breach
        default: nil
        }
    }

    @Test func aPartlyFilledCondorPastItsDeltaBudgetIsReportedAndOnlyNarrowingLegsPass() throws {
        var (harness, packageID, legs) = try Self.leggedCondor()
        #expect(harness.setLimit(.leggingDelta, .firm, "100000", .hard) == nil)
        var gate = harness.engine.gate

        // 10 short 30-day 110,000 calls: about −0.3 × 10 × 100,000 USD of delta, past the 100,000 budget.
        let report = try gate.packagesOutsideLeggingBudget(context: Self.context(harness))
        #expect(report.count == 1)
        let residual = try #require(report.first)
        #expect(residual.packageID == packageID)
        #expect(residual.delta < -100_000 && residual.delta > -500_000, "\(residual.delta)")
        #expect(residual.breaches.map(\.measure) == [.leggingDelta])
        #expect(residual.breaches.first?.current.doubleValue == (residual.delta.magnitude * 1e6).rounded() / 1e6)

        // Through the engine: re-pricing the long 85 put (it would fill with the calls still naked) widens the
        // residual and is refused; re-pricing the long 115 call (a call spread once it fills) narrows it and passes.
        let widen = harness.command(
            Fixture.alice,
            .amend(legs[0], quantity: nil, kind: .limit(LimitPrice(try FixedDecimal(parsing: "0.006"))))
        )
        let refusal = try #require(widen.rejection)
        #expect(refusal.reason.contains("legging_delta"), "\(refusal.reason)")
        let narrow = harness.command(
            Fixture.alice,
            .amend(legs[3], quantity: nil, kind: .limit(LimitPrice(try FixedDecimal(parsing: "0.006"))))
        )
        #expect(narrow.rejection == nil, "\(narrow.rejection?.reason ?? "")")

        // As child orders of the package: buying more puts widens, buying the 115 calls narrows.
        let context = Self.context(harness)
        let wider = gate.evaluate([Self.child(Self.put85, .buy, of: packageID, number: 1)], context: context)
        let found = try #require(breach(wider))
        #expect(found.measure == .leggingDelta && found.after > found.current && found.current > found.threshold)
        guard case .reject = wider else {
            Issue.record("a hard legging limit rejects: \(wider)")
            return
        }
        let narrower = gate.evaluate([Self.child(Self.call115, .buy, of: packageID, number: 2)], context: context)
        guard case .accept(let basis) = narrower else {
            Issue.record("an order that narrows the residual passes: \(narrower)")
            return
        }
        #expect(basis.nearest?.measure == .leggingDelta)
        #expect((basis.nearest?.after ?? .zero) < (basis.nearest?.current ?? .zero))
    }

    @Test func theVegaBudgetReadsTheSameResidual() throws {
        var (harness, packageID, _) = try Self.leggedCondor()
        #expect(harness.setLimit(.leggingVega, .account(Fixture.accountA), "500", .soft) == nil)
        var gate = harness.engine.gate
        let residual = try #require(try gate.leggingResidual(of: packageID, context: Self.context(harness)))
        // Short 10 calls: negative vega, a few hundred to a few thousand USD per vol point.
        #expect(residual.vega < -500, "\(residual.vega)")
        #expect(residual.breaches.map(\.measure) == [.leggingVega])
        // Selling the 90 puts (short vega) widens the residual's vega: a soft budget asks for approval.
        let decision = gate.evaluate(
            [Self.child(Self.put90, .sell, of: packageID, number: 3)],
            context: Self.context(harness)
        )
        guard case .needsApproval(let found) = decision else {
            Issue.record("expected an approval request, got \(decision)")
            return
        }
        #expect(found.measure == .leggingVega)
    }

    @Test func pastTheTimeBudgetOnlyOrdersThatShrinkTheResidualPass() throws {
        var (harness, packageID, _) = try Self.leggedCondor()
        #expect(harness.setLimit(.leggingTime, .firm, "60", .hard) == nil)
        var gate = harness.engine.gate
        let widening = [Self.child(Self.put85, .buy, of: packageID, number: 4)]
        let shrinking = [Self.child(Self.call115, .buy, of: packageID, number: 5)]
        // The harness advances a second per input: the package is a few seconds old.
        #expect(gate.evaluate(widening, context: Self.context(harness)).isAccepted)
        let late = Self.context(harness, after: 120)
        let refused = gate.evaluate(widening, context: late)
        #expect(breach(refused)?.measure == .leggingTime, "\(refused)")
        #expect((breach(refused)?.current.doubleValue ?? 0) > 120)
        #expect(gate.evaluate(shrinking, context: late).isAccepted)
        let report = try gate.packagesOutsideLeggingBudget(context: late)
        #expect(report.first?.breaches.map(\.measure) == [.leggingTime])
    }

    @Test func packagesWithNoFillOrCompleteHaveNoLeggingRisk() throws {
        var (harness, packageID, legs) = try Self.leggedCondor()
        #expect(harness.setLimit(.leggingDelta, .firm, "1", .hard) == nil)
        for index in [0, 1, 3] {
            let fill = VenueFill(
                venue: .deribit,
                tradeID: "rest\(index)",
                orderID: legs[index],
                quantity: try Quantity(parsing: "10"),
                price: try Price(parsing: "0.01")
            )
            harness.input(.venueReport(.fill(fill)))
        }
        var gate = harness.engine.gate
        #expect(try gate.leggingResidual(of: packageID, context: Self.context(harness)) == nil)
        #expect(try gate.packagesOutsideLeggingBudget(context: Self.context(harness)).isEmpty)
        // An order of a complete package is not judged against its legging budget.
        #expect(
            gate.evaluate([Self.child(Self.put85, .buy, of: packageID, number: 6)], context: Self.context(harness))
                .isAccepted
        )
    }
}
