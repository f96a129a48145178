// Proves the durability contract end to end on a real SQLite journal: outputs come back only after their events are
// committed, recovery (snapshot + replay) rebuilds a state equal to the live one with the same state hash, in-flight
// orders are listed for reconciliation, a journal failure stops the engine instead of running ahead of its journal,
// and a record the engine cannot decode is reported with its sequence.
import Foundation
import LegateCore
import LegateEngine
import LegateJournal
import LegateModel
import LegateOrders
import LegateRuntime
import OrderedCollections
import Testing

enum RuntimeFixture {
    /// A fresh engine with the limit gate on `journal`, which must be empty.
    static func durable(_ journal: any EventJournal) -> DurableEngine<LimitGate> {
        DurableEngine(
            engine: Engine(configuration: configuration, gate: LimitGate()),
            journal: journal,
            lastSequence: 0
        )
    }

    static let alice = try! UserID("alice")
    static let rita = try! UserID("rita")
    static let account = try! AccountID("A")
    static let configuration = EngineConfiguration(users: [
        UserProfile(id: alice, roles: [.trader], accounts: [account]),
        UserProfile(id: rita, roles: [.riskManager], accounts: [account]),
    ])
    static let call = Instrument.option(
        Underlying(base: .btc, quote: .usd),
        expiry: CivilDate(year: 2031, month: 3, day: 28)!.at(hourUTC: 8),
        strike: 90_000,
        right: .call,
        settlement: .inverse(.btc)
    )

    static func place(_ client: String, quantity: String = "1") -> Input {
        let request = OrderRequest(
            clientOrderID: try! ClientOrderID(client),
            account: account,
            venue: .deribit,
            instrument: call,
            side: .buy,
            quantity: try! Quantity(parsing: quantity),
            kind: .limit(LimitPrice(try! FixedDecimal(parsing: "0.0125")))
        )
        return .command(
            CommandEnvelope(correlationID: client, actor: alice, command: .placeOrder(request, stage: false))
        )
    }

    static func temporaryPath() -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "legate-runtime-\(UUID().uuidString)"
        )
        try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent("journal.sqlite").path
    }
}

@Suite struct DurableEngineTests {
    func session(_ durable: DurableEngine<LimitGate>, orders: Int, from start: Int64) throws -> [[Output]] {
        var batch: [(input: Input, at: UnixNanos)] = []
        for index in 0..<orders {
            batch.append((RuntimeFixture.place("c\(start + Int64(index))"), UnixNanos(start + Int64(index))))
        }
        return try durable.process(batch)
    }

    @Test func recoveryRebuildsTheLiveStateFromSQLite() throws {
        let path = RuntimeFixture.temporaryPath()
        let journal = try SQLiteJournal(path: path)
        let durable = DurableEngine(
            engine: Engine(configuration: RuntimeFixture.configuration, gate: LimitGate()),
            journal: journal,
            lastSequence: 0
        )
        let outputs = try session(durable, orders: 50, from: 1_000)
        #expect(outputs.count == 50)
        let first = try #require(durable.engine.state.orders.keys.first)
        _ = try durable.process([
            (.venueReport(.acknowledged(orderID: first, venueOrderID: try VenueOrderID("V1"))), UnixNanos(5_000)),
            (
                .venueReport(.fill(VenueFill(venue: .deribit, tradeID: "T1", orderID: first, quantity: 1, price: 0))),
                UnixNanos(5_001)
            ),
            (.timer, UnixNanos(5_002)),
        ])
        #expect(try journal.latestSequence() == 52, "one record per input that changed something; the timer did not")

        let reopened = try SQLiteJournal(path: path)
        let (recovered, report) = try Recovery.recover(
            journal: reopened,
            configuration: RuntimeFixture.configuration,
            gate: LimitGate()
        )
        #expect(recovered.engine == durable.engine)
        #expect(try recovered.engine.state.stateHash() == durable.engine.state.stateHash())
        #expect(report.recordsReplayed == 52 && report.snapshotSequence == nil)
        #expect(report.ordersToReconcile.count == 49, "every sent order but the filled one")
        #expect(recovered.lastSequence == 52)
    }

    /// A restart marks every order a venue may hold, in the journal: amending one is refused until a venue report
    /// names it, a report clears it, and replay rebuilds the marks.
    @Test func aRestartMarksInFlightOrdersUntilTheVenueReportsOnThem() throws {
        let path = RuntimeFixture.temporaryPath()
        let durable = DurableEngine(
            engine: Engine(configuration: RuntimeFixture.configuration, gate: LimitGate()),
            journal: try SQLiteJournal(path: path),
            lastSequence: 0
        )
        _ = try session(durable, orders: 3, from: 1_000)
        let ids = Array(durable.engine.state.orders.keys)
        let fill = VenueFill(venue: .deribit, tradeID: "T1", orderID: ids[0], quantity: 1, price: 0)
        _ = try durable.process([(.venueReport(.fill(fill)), UnixNanos(2_000))])

        let (recovered, report) = try Recovery.recover(
            journal: try SQLiteJournal(path: path),
            configuration: RuntimeFixture.configuration,
            gate: LimitGate()
        )
        let marked = try recovered.markRestart(at: UnixNanos(3_000))
        #expect(marked == report.ordersToReconcile && marked == [ids[1], ids[2]], "the filled order is final")
        #expect(Array(recovered.engine.state.awaitingReconciliation) == marked)
        #expect(try recovered.journal.audit(.kind("node.restarted"), after: 0, limit: 10).count == 1)

        let amend = Input.command(
            CommandEnvelope(
                correlationID: "a1",
                actor: RuntimeFixture.alice,
                command: .amend(ids[1], quantity: 2, kind: nil)
            )
        )
        let refused = try recovered.process([(amend, UnixNanos(3_001))])
        #expect(
            refused[0].contains { output in
                if case .event(.commandRejected(let rejected)) = output {
                    rejected.reason.contains("reconciliation")
                } else {
                    false
                }
            }
        )
        let ack = Input.venueReport(.acknowledged(orderID: ids[1], venueOrderID: try VenueOrderID("V2")))
        _ = try recovered.process([(ack, UnixNanos(3_002))])
        #expect(Array(recovered.engine.state.awaitingReconciliation) == [ids[2]])
        // A second restart marks only what is still unconfirmed and not already marked.
        #expect(try recovered.markRestart(at: UnixNanos(3_003)) == [ids[1]])

        let (replayed, _) = try Recovery.recover(
            journal: try SQLiteJournal(path: path),
            configuration: RuntimeFixture.configuration,
            gate: LimitGate()
        )
        #expect(replayed.engine == recovered.engine)
    }

    @Test func snapshotPlusTailEqualsFullReplay() throws {
        let path = RuntimeFixture.temporaryPath()
        let durable = DurableEngine(
            engine: Engine(configuration: RuntimeFixture.configuration, gate: LimitGate()),
            journal: try SQLiteJournal(path: path),
            lastSequence: 0
        )
        _ = try session(durable, orders: 20, from: 1)
        try durable.saveSnapshot(at: UnixNanos(100))
        _ = try session(durable, orders: 7, from: 200)
        let (recovered, report) = try Recovery.recover(
            journal: try SQLiteJournal(path: path),
            configuration: RuntimeFixture.configuration,
            gate: LimitGate()
        )
        #expect(report.snapshotSequence == 20 && report.recordsReplayed == 7)
        #expect(recovered.engine == durable.engine)
        // The recovered engine keeps going where the old one stopped.
        let next = try session(recovered, orders: 1, from: 900)
        #expect(next[0].venueCommands.count == 1)
        #expect(recovered.lastSequence == 28)
    }

    @Test func aJournalFailureStopsTheEngine() throws {
        let durable = DurableEngine(
            engine: Engine(configuration: RuntimeFixture.configuration, gate: LimitGate()),
            journal: FailingJournal(),
            lastSequence: 0
        )
        #expect(throws: RuntimeError.self) { try self.session(durable, orders: 1, from: 1) }
        do {
            _ = try session(durable, orders: 1, from: 2)
            Issue.record("the engine must refuse input after a journal failure")
        } catch {
            #expect("\(error)".contains("restart to recover"))
        }
    }

    @Test func anUndecodableRecordIsReportedWithItsSequence() throws {
        let journal = InMemoryJournal()
        let durable = DurableEngine(
            engine: Engine(configuration: RuntimeFixture.configuration, gate: LimitGate()),
            journal: journal,
            lastSequence: 0
        )
        _ = try session(durable, orders: 3, from: 1)
        _ = try journal.append([
            NewJournalRecord(
                time: UnixNanos(9),
                kind: "order.place",
                actor: nil,
                correlationID: nil,
                orderIDs: [],
                payload: [1, 2, 3]
            )
        ])
        do {
            _ = try Recovery.recover(journal: journal, configuration: RuntimeFixture.configuration, gate: LimitGate())
            Issue.record("expected a decoding error")
        } catch {
            #expect(error.description.contains("record 4"))
        }
    }
}

/// A journal whose disk is always full.
final class FailingJournal: EventJournal {
    let location = "failing"
    func append(_ batch: [NewJournalRecord]) throws(JournalError) -> ClosedRange<UInt64> {
        throw JournalError.unexpected(location: location, operation: "append", description: "disk full (test)")
    }
    func latestSequence() throws(JournalError) -> UInt64 { 0 }
    func records(from sequence: UInt64, limit: Int) throws(JournalError) -> [JournalRecord] { [] }
    func saveSnapshot(_ snapshot: JournalSnapshot) throws(JournalError) {}
    func latestSnapshot(atOrBefore sequence: UInt64) throws(JournalError) -> JournalSnapshot? { nil }
    func audit(_ filter: AuditFilter, after sequence: UInt64, limit: Int) throws(JournalError) -> [JournalRecord] { [] }
}

extension [Output] {
    var venueCommands: [VenueCommand] { compactMap { if case .venue(let command) = $0 { command } else { nil } } }
}
