// Proves the venue bridge of `SimulatedSession`: the real EngineService is wired to simulated venues on simulated
// time; a venue command reaches its venue only once the events that released it are in the SQLite journal; the
// venue's acknowledgements, fills and cancels come back as engine inputs and are booked; published marks reach the
// engine; replaying the journal rebuilds the live state; and the same seed gives the same journal byte for byte,
// another seed a different one.
import Foundation
import LegateCore
import LegateEngine
import LegateJournal
import LegateModel
import LegateOrders
import LegateRuntime
import LegateSimulator
import OrderedCollections
import Testing

enum SessionFixture {
    static let start = CivilDate(year: 2026, month: 1, day: 5)!.at(hourUTC: 9)
    static let second = UnixNanos.nanosecondsPerSecond
    static let configDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Config/simulator")

    static func load<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(contentsOf: configDirectory.appendingPathComponent(name)))
    }

    static func venues(seed: UInt64) throws -> SimulatedVenueSet {
        let deribit = try load(VenueConfiguration.self, "deribit.json")
        let market = try load(MarketConfiguration.self, "market-btc.json")
        let accounts = [
            SimulatedAccount(id: RuntimeFixture.account, collateral: 100, cancelOnDisconnect: false),
            SimulatedAccount(id: AccountID(known: "crowd-1"), collateral: 1_000, cancelOnDisconnect: false),
        ]
        let venue = SimulatedVenue(
            configuration: deribit,
            market: market,
            accounts: accounts,
            seed: seed,
            start: start
        )
        return SimulatedVenueSet(venues: [venue])
    }

    static func at(_ seconds: Int64) -> UnixNanos { start + seconds * second }

    /// A call bought at the ask, a bid resting far behind the book and then cancelled, a straddle at the touch.
    static let script: [ScheduledAction] = [
        ScheduledAction(
            at: at(20),
            actor: RuntimeFixture.alice,
            label: "call-1",
            action: .order(
                DeskOrder(
                    account: RuntimeFixture.account,
                    venue: .deribit,
                    instrument: .option(expiryDays: 7, strike: .fromMoney(0), right: .call),
                    side: .buy,
                    quantity: 2,
                    price: .take(ticks: 0)
                )
            )
        ),
        ScheduledAction(
            at: at(40),
            actor: RuntimeFixture.alice,
            label: "bid-1",
            action: .order(
                DeskOrder(
                    account: RuntimeFixture.account,
                    venue: .deribit,
                    instrument: .option(expiryDays: 30, strike: .fromMoney(1), right: .put),
                    side: .buy,
                    quantity: 1,
                    price: .join(ticks: 5)
                )
            )
        ),
        ScheduledAction(
            at: at(90),
            actor: RuntimeFixture.alice,
            label: "cancel-bid-1",
            action: .cancel(label: "bid-1", account: RuntimeFixture.account)
        ),
        ScheduledAction(
            at: at(100),
            actor: RuntimeFixture.alice,
            label: "straddle-1",
            action: .package(
                DeskPackage(
                    account: RuntimeFixture.account,
                    venue: .deribit,
                    shape: .straddle,
                    side: .buy,
                    quantity: 1,
                    expiryDays: 11,
                    legs: [
                        DeskLeg(strike: .fromMoney(0), right: .call, side: .buy),
                        DeskLeg(strike: .fromMoney(0), right: .put, side: .buy),
                    ],
                    price: .take(ticks: 1)
                )
            )
        ),
    ]

    static func run(
        seed: UInt64,
        journal: any EventJournal,
        seconds: Int64 = 150,
        crowd: Double? = 2,
        observer: (SessionRecord) -> Void = { _ in }
    ) throws -> SessionResult {
        let durable = DurableEngine(
            engine: Engine(configuration: RuntimeFixture.configuration, gate: LimitGate()),
            journal: journal,
            lastSequence: 0
        )
        let flows = crowd.map { rate in
            [
                SimulatedSession<LimitGate>.CrowdFlow(
                    venue: .deribit,
                    ordersPerSecond: rate,
                    accounts: [AccountID(known: "crowd-1")],
                    seed: seed
                )
            ]
        }
        let session = SimulatedSession(
            durable: durable,
            venues: try venues(seed: seed),
            settings: .init(start: start, end: at(seconds), crowd: flows ?? [])
        )
        return try session.run(script: script, observer: observer)
    }

    static func allRecords(_ journal: any EventJournal) throws -> [JournalRecord] {
        try journal.records(from: 1, limit: Int(try journal.latestSequence()) + 1)
    }
}

@Suite struct SimulatedSessionTests {
    @Test func commandsLeaveAfterCommitAndTheVenuesRepliesAreBooked() throws {
        let journal = try SQLiteJournal(path: RuntimeFixture.temporaryPath())
        var sent: [VenueCommand] = []
        var unjournaled: [VenueCommand] = []
        var reports: [VenueReport] = []
        var markInputs = 0
        let result = try SessionFixture.run(seed: 5, journal: journal) { record in
            switch record {
            case .sent(_, let command):
                sent.append(command)
                let orderID: OrderID
                switch command {
                case .place(let id, _), .cancel(let id, _, _), .amend(let id, _, _, _, _): orderID = id
                }
                // The events that released the command must already be durable when it reaches the venue.
                if ((try? journal.history(orderID: orderID.rawValue)) ?? []).isEmpty { unjournaled.append(command) }
            case .handled(_, .venueReport(let report), _, .venue):
                reports.append(report)
            case .handled(_, .mark, _, .market):
                markInputs += 1
            default:
                break
            }
        }
        // call-1, bid-1, its cancel, and the straddle's two legs.
        #expect(sent.count == 5, "\(sent)")
        #expect(unjournaled.isEmpty)
        let state = result.state
        let byClient = Dictionary(
            uniqueKeysWithValues: state.orders.values.map { ($0.request.clientOrderID.rawValue, $0) }
        )
        #expect(byClient["call-1"]?.status == .filled)
        #expect(byClient["bid-1"]?.status == .cancelled)
        #expect(byClient["straddle-1/0"]?.status == .filled && byClient["straddle-1/1"]?.status == .filled)
        #expect(reports.contains { if case .acknowledged = $0 { true } else { false } })
        #expect(reports.contains { if case .cancelled = $0 { true } else { false } })
        #expect(state.bookedTrades.count >= 3)
        #expect(!result.fees.isEmpty, "the venue charged fees on the fills")
        // Marks: the index (as the spot instrument) and the perpetual reached the engine's state.
        #expect(markInputs > 0)
        #expect(state.marks[.spot(Underlying(base: .btc, quote: .usd))] != nil)
        #expect(state.marks[.perpetual(Underlying(base: .btc, quote: .usd), settlement: .inverse(.btc))] != nil)
        // Replay of the journal rebuilds the live state.
        let (recovered, _) = try Recovery.recover(
            journal: journal,
            configuration: RuntimeFixture.configuration,
            gate: LimitGate()
        )
        #expect(try recovered.engine.state.stateHash() == result.stateHash)
        #expect(result.lastSequence == (try journal.latestSequence()))
    }

    @Test func theSameSeedWritesTheSameJournalAndAnotherSeedDoesNot() throws {
        let first = InMemoryJournal()
        let second = InMemoryJournal()
        let other = InMemoryJournal()
        let a = try SessionFixture.run(seed: 11, journal: first, seconds: 120)
        let b = try SessionFixture.run(seed: 11, journal: second, seconds: 120)
        let c = try SessionFixture.run(seed: 12, journal: other, seconds: 120)
        #expect(a.stateHash == b.stateHash)
        #expect(try SessionFixture.allRecords(first) == SessionFixture.allRecords(second))
        #expect(try SessionFixture.allRecords(first).count > 10)
        #expect(a.stateHash != c.stateHash)
    }

    @Test func aDeskActionThatCannotRunIsSkippedWithItsReason() throws {
        var skipped: [String] = []
        let script = [
            ScheduledAction(
                at: SessionFixture.at(5),
                actor: RuntimeFixture.alice,
                label: "cancel-ghost",
                action: .cancel(label: "ghost", account: RuntimeFixture.account)
            )
        ]
        let durable = DurableEngine(
            engine: Engine(configuration: RuntimeFixture.configuration, gate: LimitGate()),
            journal: InMemoryJournal(),
            lastSequence: 0
        )
        let session = SimulatedSession(
            durable: durable,
            venues: try SessionFixture.venues(seed: 1),
            settings: .init(start: SessionFixture.start, end: SessionFixture.at(10))
        )
        _ = try session.run(script: script) { record in
            if case .skipped(_, let action, let reason) = record { skipped.append("\(action.label): \(reason)") }
        }
        #expect(skipped == ["cancel-ghost: no order or package \"ghost\" of A was placed"])
    }
}
