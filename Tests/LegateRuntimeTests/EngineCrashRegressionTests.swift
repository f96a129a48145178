// Regressions found while building the engine crash test: a snapshot taken after a failed journal write must be
// refused (it would store a state the journal never held), stopping the service twice must return, and one input
// whose journal record breaks a journal limit (a cancel-all over hundreds of orders, a long correlation id) must not
// stop the engine for every client.
import Foundation
import LegateCore
import LegateEngine
import LegateJournal
import LegateModel
import LegateOrders
import LegateRuntime
import OrderedCollections
import Synchronization
import Testing

@Suite struct EngineCrashRegressionTests {

    static func places(_ prefix: String, _ count: Int, from start: Int64) -> [(input: Input, at: UnixNanos)] {
        (0..<count).map { (RuntimeFixture.place("\(prefix)\($0)"), UnixNanos(start + Int64($0))) }
    }

    @Test func aSnapshotAfterAFailedJournalWriteIsRefused() throws {
        let journal = FlakyJournal()
        let durable = RuntimeFixture.durable(journal)
        _ = try durable.process(Self.places("a", 3, from: 1))
        journal.failNextAppend.withLock { $0 = true }
        #expect(throws: RuntimeError.self) { try durable.process(Self.places("b", 1, from: 10)) }
        // The engine now holds an order the journal does not: a snapshot of it would be a state no replay reaches.
        #expect(throws: RuntimeError.self) { try durable.saveSnapshot(at: UnixNanos(20)) }
        let (recovered, _) = try Recovery.recover(
            journal: journal,
            configuration: RuntimeFixture.configuration,
            gate: LimitGate()
        )
        #expect(recovered.engine.state.orders.count == 3)
    }

    /// Both stops run on threads with a bounded wait, so a service that never stops fails the test instead of
    /// holding the test runner (a sync test cannot be interrupted by a time limit).
    @Test func stoppingTheServiceTwiceReturns() throws {
        let service = EngineService(durable: RuntimeFixture.durable(InMemoryJournal())) { _ in }
        service.start()
        for attempt in ["first", "second"] {
            let returned = DispatchSemaphore(value: 0)
            let thread = Thread {
                service.stop()
                returned.signal()
            }
            thread.start()
            #expect(returned.wait(timeout: .now() + 120) == .success, "the \(attempt) stop() never returned")
        }
    }

    @Test func cancellingHundredsOfOrdersAtOnceIsJournaled() throws {
        let journal = try SQLiteJournal(path: RuntimeFixture.temporaryPath())
        let durable = RuntimeFixture.durable(journal)
        let orders = JournalLimits.orderIDsPerRecordMax + 44
        _ = try durable.process(Self.places("c", orders, from: 1))
        let cancelAll = Input.command(
            CommandEnvelope(
                correlationID: "kill-switch",
                actor: RuntimeFixture.alice,
                command: .cancelAll(account: RuntimeFixture.account, venue: nil)
            )
        )
        let outputs = try durable.process([(cancelAll, UnixNanos(1_000))])
        #expect(outputs[0].venueCommands.count == orders)
        // The engine keeps working, every order's history shows the cancel, and replay equals the live state.
        _ = try durable.process(Self.places("d", 1, from: 2_000))
        let last = try #require(durable.engine.state.orders.keys.dropLast().last)
        #expect(try journal.history(orderID: last.rawValue).last?.correlationID == "kill-switch")
        let (recovered, _) = try Recovery.recover(
            journal: journal,
            configuration: RuntimeFixture.configuration,
            gate: LimitGate()
        )
        #expect(recovered.engine == durable.engine)
    }

    @Test func aCorrelationIDTheJournalCannotIndexDoesNotStopTheEngine() throws {
        let journal = try SQLiteJournal(path: RuntimeFixture.temporaryPath())
        let durable = RuntimeFixture.durable(journal)
        let request = OrderRequest(
            clientOrderID: ClientOrderID(known: "long"),
            account: RuntimeFixture.account,
            venue: .deribit,
            instrument: RuntimeFixture.call,
            side: .buy,
            quantity: 1,
            kind: .limit(LimitPrice(FixedDecimal(units: 125, scale: 4)))
        )
        let correlationID = String(repeating: "x", count: 300) + "\n"
        let input = Input.command(
            CommandEnvelope(
                correlationID: correlationID,
                actor: RuntimeFixture.alice,
                command: .placeOrder(request, stage: false)
            )
        )
        let outputs = try durable.process([(input, UnixNanos(1))] + Self.places("e", 2, from: 2))
        #expect(outputs.count == 3)
        _ = try durable.process(Self.places("f", 1, from: 10))
        let (recovered, _) = try Recovery.recover(
            journal: journal,
            configuration: RuntimeFixture.configuration,
            gate: LimitGate()
        )
        #expect(recovered.engine == durable.engine)
        // The payload keeps the full correlation id; replay restores it.
        let created = recovered.engine.state.orders.values.first
        #expect(created?.request.clientOrderID.rawValue == "long")
    }
}

/// An in-memory journal whose next append can be made to fail (a full disk that is freed again).
final class FlakyJournal: EventJournal {
    let base = InMemoryJournal()
    let failNextAppend = Mutex(false)
    var location: String { "flaky" }

    func append(_ batch: [NewJournalRecord]) throws(JournalError) -> ClosedRange<UInt64> {
        let fail = failNextAppend.withLock { fail in
            defer { fail = false }
            return fail
        }
        if fail {
            throw JournalError.unexpected(location: location, operation: "append", description: "disk full (test)")
        }
        return try base.append(batch)
    }
    func latestSequence() throws(JournalError) -> UInt64 { try base.latestSequence() }
    func records(from sequence: UInt64, limit: Int) throws(JournalError) -> [JournalRecord] {
        try base.records(from: sequence, limit: limit)
    }
    func saveSnapshot(_ snapshot: JournalSnapshot) throws(JournalError) { try base.saveSnapshot(snapshot) }
    func latestSnapshot(atOrBefore sequence: UInt64) throws(JournalError) -> JournalSnapshot? {
        try base.latestSnapshot(atOrBefore: sequence)
    }
    func audit(_ filter: AuditFilter, after sequence: UInt64, limit: Int) throws(JournalError) -> [JournalRecord] {
        try base.audit(filter, after: sequence, limit: limit)
    }
}
