// Proves that `LimitGate` judges the position-per-instrument limit with the orders working at a venue counted as if
// they filled, as the portfolio gate does: unfilled working orders count, a cancel, a venue reject or a fill releases
// or moves their quantity, an order that reduces a position passes a breached limit, and on seeded random sequences
// of orders and venue reports the gate's mirrored figure equals a full scan of the state and the portfolio gate's.
import LegateCore
import LegateModel
import LegateOrders
import Testing

@testable import LegateEngine

@Suite struct LimitGateWorkingOrdersTests {
    static let call = Fixture.call

    /// Places an order and returns the gate's decision.
    static func place(
        _ harness: inout Harness,
        _ side: OrderSide,
        _ quantity: String,
        account: AccountID = Fixture.accountA
    ) -> RiskDecision? {
        let actor = account == Fixture.accountB ? Fixture.carl : Fixture.alice
        let client = "p\(harness.state.orders.count + 1)"
        let outputs = harness.command(
            actor,
            .placeOrder(Fixture.request(client, account: account, side: side, quantity: quantity), stage: false)
        )
        for event in outputs.events { if let decided = event.riskDecision { return decided.decision } }
        return nil
    }

    static func fill(_ harness: inout Harness, _ orderID: OrderID, _ quantity: String) {
        let fill = VenueFill(
            venue: .deribit,
            tradeID: "t\(harness.log.count)",
            orderID: orderID,
            quantity: try! Quantity(parsing: quantity),
            price: try! Price(parsing: "0.05")
        )
        harness.report(.fill(fill))
    }

    /// The net position plus working remainders the gate reads for `scope`, and the same figure from a full scan.
    static func figures(_ harness: Harness, _ scope: LimitScope) -> [FixedDecimal] {
        let context = RiskContext(state: harness.state, configuration: Fixture.configuration, time: UnixNanos(0))
        return [
            harness.engine.gate.positions.netPosition(in: call, scope: scope, context),
            StateExposurePositions().netPosition(in: call, scope: scope, context),
        ]
    }

    /// The same figure from the mirror and from the scan.
    static func both(_ value: Int64) -> [FixedDecimal] { [FixedDecimal(value), FixedDecimal(value)] }

    @Test func ordersWorkingButUnfilledCountAgainstTheLimit() throws {
        var harness = Harness()
        harness.command(Fixture.rita, limit(.positionPerInstrument, .account(Fixture.accountA), "20", .hard))
        #expect(Self.place(&harness, .buy, "15")?.isAccepted == true)
        let first = try #require(harness.lastOrderID)
        #expect(harness.order(first)?.status == .sent)
        guard case .reject(let breach)? = Self.place(&harness, .buy, "15") else {
            Issue.record("the second order must be judged with the first one working")
            return
        }
        #expect(breach.measure == .positionPerInstrument)
        #expect(breach.current == FixedDecimal(15) && breach.after == FixedDecimal(30))
        // Acknowledged, it still counts; another account's orders do not count against account A's limit.
        harness.report(.acknowledged(orderID: first, venueOrderID: try VenueOrderID("v1")))
        #expect(Self.place(&harness, .buy, "6")?.isAccepted == false)
        #expect(Self.place(&harness, .buy, "15", account: Fixture.accountB)?.isAccepted == true)
        #expect(Self.place(&harness, .buy, "5")?.isAccepted == true)
        // A gate rebuilt from the state (a restart), and one that never saw the state, judge the same.
        let probe = Order(
            id: try OrderID("X1"),
            request: Fixture.request("probe", quantity: "1"),
            owner: Fixture.alice,
            at: UnixNanos(harness.clock)
        )
        let context = RiskContext(state: harness.state, configuration: Fixture.configuration, time: UnixNanos(0))
        var rebuilt = LimitGate()
        rebuilt.rebuild(from: harness.state, configuration: Fixture.configuration)
        for gate in [rebuilt, LimitGate()] {
            guard case .reject(let again) = gate.evaluate([probe], context: context) else {
                Issue.record("20 working plus 1 must break the limit of 20")
                continue
            }
            #expect(again.current == FixedDecimal(20) && again.after == FixedDecimal(21))
        }
        #expect(Self.figures(harness, .account(Fixture.accountA)) == Self.both(20))
        #expect(Self.figures(harness, .firm) == Self.both(35))
    }

    @Test func aCancelAFillAndARejectReleaseOrMoveWorkingQuantity() throws {
        var harness = Harness()
        harness.command(Fixture.rita, limit(.positionPerInstrument, .firm, "20", .hard))
        #expect(Self.place(&harness, .buy, "15")?.isAccepted == true)
        let first = try #require(harness.lastOrderID)
        harness.report(.acknowledged(orderID: first, venueOrderID: try VenueOrderID("v1")))
        #expect(Self.place(&harness, .buy, "10")?.isAccepted == false)
        // A fill moves 5 from working to the position: the figure stays 15.
        Self.fill(&harness, first, "5")
        #expect(Self.figures(harness, .firm) == Self.both(15))
        #expect(Self.place(&harness, .buy, "6")?.isAccepted == false)
        // Cancelled, the 10 left working are released: the 5 held remain.
        harness.command(Fixture.alice, .cancel(first))
        #expect(Self.figures(harness, .firm).first == FixedDecimal(15))
        harness.report(.cancelled(orderID: first, reason: "by the trader"))
        #expect(Self.figures(harness, .firm) == Self.both(5))
        #expect(Self.place(&harness, .buy, "10")?.isAccepted == true)
        let second = try #require(harness.lastOrderID)
        #expect(Self.figures(harness, .firm) == Self.both(15))
        // The venue rejects it: released.
        harness.report(.rejected(orderID: second, reason: "post only"))
        #expect(Self.figures(harness, .firm) == Self.both(5))
        #expect(Self.place(&harness, .buy, "15")?.isAccepted == true)
        // Filled completely, the order leaves the working set and the position holds it all.
        let third = try #require(harness.lastOrderID)
        Self.fill(&harness, third, "15")
        #expect(harness.order(third)?.status == .filled)
        #expect(Self.figures(harness, .firm) == Self.both(20))
        #expect(harness.engine.gate.working.allSatisfy { $0 == .zero })
        #expect(Self.place(&harness, .buy, "1")?.isAccepted == false)
    }

    @Test func aReducingOrderPassesABreachedLimit() throws {
        var harness = Harness()
        #expect(Self.place(&harness, .buy, "15")?.isAccepted == true)
        Self.fill(&harness, try #require(harness.lastOrderID), "15")
        // The limit is set below the position: breached.
        harness.command(Fixture.rita, limit(.positionPerInstrument, .firm, "10", .hard))
        #expect(Self.place(&harness, .buy, "1")?.isAccepted == false)
        // A working sell reduces 15 to 10, another to 5: both pass; a sell through zero to -15 does not.
        #expect(Self.place(&harness, .sell, "5")?.isAccepted == true)
        #expect(Self.place(&harness, .sell, "5")?.isAccepted == true)
        #expect(Self.figures(harness, .firm) == Self.both(5))
        guard case .reject(let breach)? = Self.place(&harness, .sell, "20") else {
            Issue.record("a sell from 5 to -15 must break the limit of 10")
            return
        }
        #expect(breach.current == FixedDecimal(5) && breach.after == FixedDecimal(15))
        #expect(Self.place(&harness, .sell, "15")?.isAccepted == true)
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6])
    func theMirroredFigureEqualsAFullScanAndThePortfolioGates(seed: UInt64) throws {
        var twin = try TwinEngines()
        var random = SplitMix(state: seed)
        twin.setLimits()
        for _ in 0..<250 {
            twin.step(&random)
            #expect(twin.limits.gate.inStepWith == twin.limits.state.eventCount)
            #expect(twin.limits.state.orders.map(\.status) == twin.portfolio.state.orders.map(\.status))
            #expect(twin.limits.state.positions == twin.portfolio.state.positions)
            for (instrument, scope) in twin.probes {
                let context = RiskContext(
                    state: twin.limits.state,
                    configuration: Fixture.configuration,
                    time: UnixNanos(0)
                )
                let mirror = twin.limits.gate.positions.netPosition(in: instrument, scope: scope, context)
                let scan = StateExposurePositions().netPosition(in: instrument, scope: scope, context)
                let portfolio = twin.portfolio.gate.positions.netPosition(in: instrument, scope: scope, context)
                #expect(mirror == scan, "\(instrument) \(scope)")
                #expect(mirror == portfolio, "\(instrument) \(scope)")
            }
        }
        // The sequence exercised the limit: fills were booked and the limit rejected orders.
        #expect(!twin.limits.state.bookedTrades.isEmpty)
        let rejections = twin.log.filter {
            if case .riskDecided(_, .reject(let breach)) = $0.event {
                breach.measure == .positionPerInstrument
            } else {
                false
            }
        }
        #expect(!rejections.isEmpty)
        // Replayed from its events, the gate mirrors the same figures.
        let replayed = try Engine.replay(configuration: Fixture.configuration, gate: LimitGate(), events: twin.log)
        let context = RiskContext(state: replayed.state, configuration: Fixture.configuration, time: UnixNanos(0))
        for (instrument, scope) in twin.probes {
            #expect(
                replayed.gate.positions.netPosition(in: instrument, scope: scope, context)
                    == StateExposurePositions().netPosition(in: instrument, scope: scope, context)
            )
        }
    }
}

/// An engine with the limit gate and one with the portfolio gate, given the same inputs: with only order limits set,
/// both must decide alike.
struct TwinEngines {
    var limits = Engine(configuration: Fixture.configuration, gate: LimitGate())
    var portfolio: Engine<PortfolioGate>
    var clock = GateFixture.asOf.rawValue
    var log: [(event: Event, at: UnixNanos)] = []
    var number = 0
    static let instruments = [
        GateFixture.option(.call, strike: 100_000), GateFixture.option(.put, strike: 90_000),
    ]
    static let owners = [
        (Fixture.alice, Fixture.accountA), (Fixture.carl, Fixture.accountB), (Fixture.hugo, Fixture.accountC),
    ]
    let probes: [(Instrument, LimitScope)] = instruments.flatMap { instrument in
        [
            LimitScope.firm, .account(Fixture.accountA), .account(Fixture.accountB), .desk(Fixture.deskOne),
            .desk(Fixture.deskTwo),
        ].map { (instrument, $0) }
    }

    init() throws {
        portfolio = Engine(configuration: Fixture.configuration, gate: try GateFixture.gate())
    }

    mutating func input(_ input: Input) {
        clock += 1_000_000_000
        let outputs = limits.handle(input, at: UnixNanos(clock))
        for case .event(let event) in outputs { log.append((event, UnixNanos(clock))) }
        _ = portfolio.handle(input, at: UnixNanos(clock))
    }

    mutating func command(_ actor: UserID, _ command: Command) {
        number += 1
        input(.command(CommandEnvelope(correlationID: "c\(number)", actor: actor, command: command)))
    }

    mutating func setLimits() {
        command(Fixture.rita, limit(.positionPerInstrument, .firm, "30", .hard))
        command(Fixture.rita, limit(.positionPerInstrument, .desk(Fixture.deskOne), "20", .hard))
        command(Fixture.rita, limit(.positionPerInstrument, .account(Fixture.accountB), "8", .hard))
    }

    /// One random step: a new order, or a venue report or cancel on a random order.
    mutating func step(_ random: inout SplitMix) {
        let orders = limits.state.orders
        let atVenue = orders.filter { $0.status.isAtVenue }
        guard random.below(3) != 0, !atVenue.isEmpty else {
            let (actor, account) = random.pick(Self.owners)
            number += 1
            let request = OrderRequest(
                clientOrderID: try! ClientOrderID("o\(number)"),
                account: account,
                venue: .deribit,
                instrument: random.pick(Self.instruments),
                side: random.below(2) == 0 ? .buy : .sell,
                quantity: Quantity(FixedDecimal(Int64(1 + random.below(8)))),
                kind: .limit(LimitPrice(try! FixedDecimal(parsing: "0.02")))
            )
            command(actor, .placeOrder(request, stage: false))
            return
        }
        let order = random.pick(atVenue)
        let left = (order.quantity - order.filledQuantity).decimal
        switch random.below(5) {
        case 0:
            input(.venueReport(.acknowledged(orderID: order.id, venueOrderID: try! VenueOrderID("v\(order.id)"))))
        case 1, 2:
            let units = max(1, min(left.units, Int64(1 + random.below(4))))
            let quantity = Quantity(FixedDecimal(units: units, scale: left.scale))
            number += 1
            let fill = VenueFill(
                venue: .deribit,
                tradeID: "t\(number)",
                orderID: order.id,
                quantity: quantity,
                price: try! Price(parsing: "0.02")
            )
            input(.venueReport(.fill(fill)))
        case 3:
            command(order.owner, .cancel(order.id))
            input(.venueReport(.cancelled(orderID: order.id, reason: "by the trader")))
        default:
            input(.venueReport(.rejected(orderID: order.id, reason: "post only")))
        }
    }
}
