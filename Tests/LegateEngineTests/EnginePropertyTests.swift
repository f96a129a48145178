// Proves, over thousands of random seeded sequences of commands, venue reports and timer ticks, that the engine's
// invariants hold after every step (cumulative fills never exceed an order, nothing leaves a terminal state,
// positions equal the sum of booked fills), that replaying the event log rebuilds an equal state, and that handling
// the same inputs again yields the identical event stream (determinism). A failure names the seed and step.
import LegateCore
import LegateEngine
import LegateModel
import LegateOrders
import OrderedCollections
import Testing

struct SplitMix {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    mutating func pick<T>(_ values: [T]) -> T { values[below(values.count)] }
}

/// Random inputs over a small universe so that collisions (same order, same trade id) happen often.
struct InputGenerator {
    var random: SplitMix
    var clientCounter = 0
    var tradeCounter = 0

    mutating func next(known orders: [OrderID]) -> Input {
        let actors = [Fixture.alice, Fixture.bob, Fixture.rita, Fixture.carl, Fixture.vera]
        let someOrder = orders.isEmpty ? try! OrderID("O404") : random.pick(orders)
        switch random.below(20) {
        case 0...4:
            clientCounter += 1
            let clientID = random.below(8) == 0 ? "c\(max(1, clientCounter - 1))" : "c\(clientCounter)"
            let account = random.below(4) == 0 ? Fixture.accountB : Fixture.accountA
            let request = Fixture.request(
                clientID,
                account: account,
                side: random.pick([.buy, .sell]),
                quantity: random.pick(["0.1", "0.5", "1", "2", "7.5"]),
                price: random.pick(["0.01", "0.0125", "0.05"])
            )
            return envelope(random.pick(actors), .placeOrder(request, stage: random.below(4) == 0))
        case 5:
            if random.below(2) == 0 { return package(actor: random.pick(actors)) }
            return envelope(random.pick(actors), .cancel(someOrder))
        case 6:
            return envelope(random.pick(actors), .amend(someOrder, quantity: random.pick([1, 2, 3]), kind: nil))
        case 7:
            return envelope(random.pick(actors), .release(someOrder))
        case 8:
            return envelope(
                random.pick(actors),
                random.below(3) == 0 ? .deny(someOrder, reason: "no") : .approve(someOrder)
            )
        case 9:
            let measure = random.pick(LimitMeasure.allCases)
            let scope = random.pick([LimitScope.firm, .account(Fixture.accountA)])
            let threshold = random.pick(["1", "3", "5", "0.1"])
            return envelope(
                random.pick([Fixture.rita, Fixture.alice]),
                limit(measure, scope, threshold, random.pick([.hard, .soft]))
            )
        case 10:
            if random.below(2) == 0 {
                let weights = [
                    AllocationWeight(target: try! AccountID("sub-1"), weight: 1),
                    AllocationWeight(target: try! AccountID("sub-2"), weight: FixedDecimal(Int64(1 + random.below(3)))),
                ]
                return envelope(
                    random.pick(actors),
                    .allocate(someOrder, .proRata(weights: weights, lot: try! Quantity(parsing: "0.1")))
                )
            }
            return envelope(random.pick(actors), .cancelAll(account: random.pick([nil, Fixture.accountA]), venue: nil))
        case 11:
            return .timer
        case 12...14:
            tradeCounter += 1
            let tradeID = random.below(6) == 0 ? "t\(max(1, tradeCounter - 1))" : "t\(tradeCounter)"
            let fill = VenueFill(
                venue: random.below(10) == 0 ? .okx : .deribit,
                tradeID: tradeID,
                orderID: someOrder,
                quantity: random.pick([try! Quantity(parsing: "0.1"), 1, 2]),
                price: random.pick([try! Price(parsing: "0.0125"), try! Price(parsing: "0.05")])
            )
            return .venueReport(.fill(fill))
        case 15, 16:
            return .venueReport(.acknowledged(orderID: someOrder, venueOrderID: try! VenueOrderID("V-\(someOrder)")))
        case 17:
            return .venueReport(
                random.pick([
                    .cancelled(orderID: someOrder, reason: "venue"),
                    .cancelRejected(orderID: someOrder, reason: "late"),
                    .rejected(orderID: someOrder, reason: "margin"), .expired(orderID: someOrder),
                ])
            )
        default:
            return .venueReport(
                random.pick([.amended(orderID: someOrder), .amendRejected(orderID: someOrder, reason: "no")])
            )
        }
    }

    /// A bull call spread, bought or sold, sometimes staged; client ids collide now and then on purpose.
    mutating func package(actor: UserID) -> Input {
        clientCounter += 1
        let lower = Instrument.option(
            Underlying(base: .btc, quote: .usd),
            expiry: Fixture.expiry,
            strike: 100_000,
            right: .call,
            settlement: .inverse(.btc)
        )
        let upper = Instrument.option(
            Underlying(base: .btc, quote: .usd),
            expiry: Fixture.expiry,
            strike: 110_000,
            right: .call,
            settlement: .inverse(.btc)
        )
        let side: OrderSide = random.pick([.buy, .sell])
        let vertical = try! StrategyPackage.makeVertical(
            lower: lower,
            upper: upper,
            side: side,
            quantity: random.pick([1, 2]),
            limitPrice: side == .buy ? try! Price(parsing: "0.03") : try! Price(parsing: "0.01")
        )
        let request = PackageRequest(
            clientPackageID: try! ClientOrderID(
                random.below(8) == 0 ? "c\(max(1, clientCounter - 1))" : "k\(clientCounter)"
            ),
            account: Fixture.accountA,
            venue: .deribit,
            package: vertical,
            legPrices: [try! Price(parsing: "0.05"), try! Price(parsing: "0.03")]
        )
        return envelope(actor, .placePackage(request, stage: random.below(4) == 0))
    }

    func envelope(_ actor: UserID, _ command: Command) -> Input {
        .command(CommandEnvelope(correlationID: "p", actor: actor, command: command))
    }
}

@Suite struct EnginePropertyTests {
    static func checkInvariants(_ state: EngineState, previous: EngineState, context: String) {
        var filledByPosition: [PositionKey: FixedDecimal] = [:]
        for order in state.orders.values {
            order.checkInvariants()
            if let before = previous.orders[order.id], before.status.isTerminal {
                #expect(order == before, "\(context): order \(order.id) left terminal state \(before.status)")
            }
            let key = PositionKey(
                account: order.request.account,
                venue: order.request.venue,
                instrument: order.request.instrument
            )
            let signed = order.request.side == .buy ? order.filledQuantity.decimal : -order.filledQuantity.decimal
            filledByPosition[key, default: .zero] += signed
        }
        for (key, position) in state.positions {
            #expect(
                position.netQuantity.decimal == filledByPosition[key] ?? .zero,
                "\(context): position \(key) != fills"
            )
        }
        #expect(state.positions.values.reduce(0) { $0 + $1.fillCount } == state.bookedTrades.count, "\(context)")
        for (orderID, slices) in state.allocations {
            var byTrade: [String: Quantity] = [:]
            for slice in slices {
                byTrade[slice.tradeID, default: .zero] = byTrade[slice.tradeID, default: .zero] + slice.quantity
            }
            for fill in state.orderFills[orderID] ?? [] where byTrade[fill.tradeID] != nil {
                #expect(
                    byTrade[fill.tradeID] == fill.quantity,
                    "\(context): allocation of \(fill.tradeID) is not exact"
                )
            }
        }
        var working: [AccountID: Int] = [:]
        for order in state.workingOrders { working[order.request.account, default: 0] += 1 }
        #expect(state.workingOrderCounts == working, "\(context): working-order counts drifted")
    }

    @Test(arguments: 0..<40)
    func randomSequencesKeepInvariantsAndReplay(seed: UInt64) throws {
        var generator = InputGenerator(random: SplitMix(state: seed))
        var harness = Harness()
        var inputs: [(Input, Int64)] = []
        for step in 0..<300 {
            let input = generator.next(known: Array(harness.state.orders.keys))
            let before = harness.state
            harness.input(input)
            inputs.append((input, harness.clock))
            Self.checkInvariants(harness.state, previous: before, context: "seed \(seed) step \(step)")
        }
        // Replay of the journaled events equals the live state.
        #expect(try harness.replayed() == harness.engine, "seed \(seed): replay differs")
        // The same inputs at the same times give the identical event stream.
        var again = Engine(configuration: Fixture.configuration, gate: LimitGate())
        var events: [Event] = []
        for (input, time) in inputs {
            events += again.handle(input, at: UnixNanos(time)).events
        }
        #expect(events == harness.log.map(\.event), "seed \(seed): event stream differs")
        #expect(again == harness.engine)
    }

    /// The generator must reach the interesting states, or the property test above proves little.
    @Test func randomSequencesCoverTheLifecycle() throws {
        var statuses: Set<String> = []
        var quarantined = 0
        var fills = 0
        var packages = 0
        var allocated = 0
        var packageStatuses: Set<PackageStatus> = []
        for seed in UInt64(0)..<40 {
            var generator = InputGenerator(random: SplitMix(state: seed))
            var harness = Harness()
            for _ in 0..<300 {
                harness.input(generator.next(known: Array(harness.state.orders.keys)))
                for order in harness.state.orders.values { statuses.insert(order.displayStatus) }
            }
            quarantined += harness.state.quarantinedReports.count
            fills += harness.state.bookedTrades.count
            packages += harness.state.packages.count
            allocated += harness.state.allocations.count
            for id in harness.state.packages.keys {
                if let status = harness.state.view(ofPackage: id)?.status { packageStatuses.insert(status) }
            }
        }
        let expected: Set<String> = [
            "sent", "acknowledged", "partiallyFilled", "filled", "cancelled", "rejected", "expired", "staged",
            "pendingApproval", "pendingCancel", "pendingAmend",
        ]
        #expect(expected.subtracting(statuses).isEmpty, "never reached: \(expected.subtracting(statuses).sorted())")
        #expect(quarantined > 100 && fills > 100)
        #expect(packages > 50)
        #expect(allocated > 10)
        #expect(
            packageStatuses.isSuperset(of: [.working, .partiallyFilled, .rejected, .cancelled, .broken]),
            "\(packageStatuses)"
        )
    }

    @Test func aDamagedEventLogIsRefusedWithItsPosition() throws {
        var harness = Harness()
        harness.command(Fixture.alice, .placeOrder(Fixture.request("a1"), stage: false))
        let id = try #require(harness.lastOrderID)
        var log = harness.log
        log.insert((.orderTransitioned(orderID: id, transition: .amendConfirmed), log[1].at), at: 2)
        #expect(throws: ReplayError.self) {
            try Engine.replay(configuration: Fixture.configuration, gate: LimitGate(), events: log)
        }
        do {
            _ = try Engine.replay(configuration: Fixture.configuration, gate: LimitGate(), events: log)
        } catch {
            #expect(error.eventIndex == 3)
            #expect(error.description.contains("no amend is in flight"))
        }
    }

    /// `orderAccepted` moves an order pending risk on in one event; a log that repeats it, or that says the order was
    /// staged when it was not entered so, is refused at that event and changes nothing.
    @Test func anAcceptedEventThatDoesNotFitIsRefused() throws {
        var harness = Harness()
        harness.command(Fixture.alice, .placeOrder(Fixture.request("a1"), stage: false))
        let id = try #require(harness.lastOrderID)
        let log = harness.log
        #expect(log.count == 2)
        guard case .orderAccepted(let acceptedID, let decision, false) = log[1].event else {
            Issue.record("expected the order accepted and sent, got \(log[1].event)")
            return
        }
        #expect(acceptedID == id)
        let replayed = try Engine.replay(configuration: Fixture.configuration, gate: LimitGate(), events: log)
        #expect(replayed.state == harness.state)
        #expect(replayed.state.orders[id]?.status == .sent)

        typealias Log = [(event: Event, at: UnixNanos)]
        let repeated: Log = log + [(.orderAccepted(orderID: id, decision: decision, staged: false), log[1].at)]
        let stagedClaim: Log = [log[0], (.orderAccepted(orderID: id, decision: decision, staged: true), log[1].at)]
        let cases: [(events: Log, reason: String)] = [
            (repeated, "not pending risk"), (stagedClaim, "was not entered staged"),
        ]
        for (events, reason) in cases {
            do {
                _ = try Engine.replay(configuration: Fixture.configuration, gate: LimitGate(), events: events)
                Issue.record("replay of \(events.map { $0.event.kind }) should fail")
            } catch {
                #expect(error.eventIndex == events.count)
                #expect(error.description.contains(reason), "\(error)")
            }
        }
    }
}

@Suite struct EventEncodingTests {
    /// Every event a random session produces survives the journal's binary encoding unchanged.
    @Test(arguments: [UInt64(3), 17, 99])
    func eventsRoundTripThroughTheBinaryEncoding(seed: UInt64) throws {
        var generator = InputGenerator(random: SplitMix(state: seed))
        var harness = Harness()
        for _ in 0..<300 { harness.input(generator.next(known: Array(harness.state.orders.keys))) }
        for (event, _) in harness.log {
            let bytes = try BinaryEncoder().encode(event)
            #expect(try BinaryDecoder().decode(Event.self, from: bytes) == event)
        }
        #expect(harness.log.count > 300)
    }

    /// The journal's compact coding gives back every event of random sessions, and every kind of event occurs.
    @Test func eventsRoundTripThroughTheCompactCoding() throws {
        var kinds: Set<String> = []
        // The random sessions never grant an approval, move a mark or restart; these are written by hand.
        let rare: [Event] = [
            .approvalGranted(orderID: OrderID(known: "O1"), approver: Fixture.rita, expiresAt: UnixNanos(-5)),
            .markUpdated(instrument: Fixture.call, price: Price(FixedDecimal(units: -12_345, scale: 4))),
            .reconciliation(orderID: OrderID(known: "O2"), required: true),
            .reconciliation(orderID: OrderID(known: "O2"), required: false),
        ]
        for seed in UInt64(0)..<12 {
            var generator = InputGenerator(random: SplitMix(state: seed))
            var harness = Harness()
            for _ in 0..<300 { harness.input(generator.next(known: Array(harness.state.orders.keys))) }
            let events = harness.log.map(\.event) + rare
            var writer = CompactWriter()
            writer.array(events)
            var reader = CompactReader(bytes: writer.bytes)
            let decoded = try reader.array(Event.self)
            #expect(reader.isAtEnd)
            #expect(decoded == events, "seed \(seed)")
            kinds.formUnion(events.map(\.kind))
        }
        let all: Set<String> = [
            "package.created", "order.created", "order.transitioned", "risk.decided", "risk.accepted",
            "approval.requested",
            "approval.granted", "command.rejected", "fill.booked", "report.quarantined", "limit.changed",
            "fill.allocated", "market.mark",
        ]
        #expect(all.subtracting(kinds).isEmpty, "never generated: \(all.subtracting(kinds).sorted())")
    }

    /// Damage in a compact payload is reported with the type and offset, never decoded into a wrong event.
    @Test func damagedCompactEventsAreRefused() throws {
        var harness = Harness()
        harness.command(Fixture.alice, .placeOrder(Fixture.request("a1"), stage: false))
        var writer = CompactWriter()
        writer.array(harness.log.map(\.event))
        let bytes = writer.bytes
        for cut in [1, bytes.count / 2, bytes.count - 1] {
            var reader = CompactReader(bytes: Array(bytes.prefix(cut)))
            #expect(throws: CompactDecodingError.self) { try reader.array(Event.self) }
        }
        var unknown = bytes
        unknown[1] = 200  // the first event's case byte
        var reader = CompactReader(bytes: unknown)
        do {
            _ = try reader.array(Event.self)
            Issue.record("an unknown case decoded")
        } catch {
            #expect(error.type == "Event" && error.offset == 1 && error.reason.contains("unknown case 200"))
        }
    }
}
