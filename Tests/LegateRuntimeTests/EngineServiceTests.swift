// Proves the running single writer keeps the durability rule under concurrency: many clients submit at once, every
// answer and every venue command comes only after the events are in the SQLite journal, a full queue pushes back,
// a journal failure answers the batch with the error and refuses what follows, and journal time never goes back.
import Foundation
import LegateCore
import LegateEngine
import LegateJournal
import LegateModel
import LegateRuntime
import OrderedCollections
import Synchronization
import Testing

@Suite struct EngineServiceTests {
    static func makeService(
        journal: any EventJournal,
        configuration: EngineService<LimitGate>.Configuration = .init(),
        clock: @escaping @Sendable () -> UnixNanos = WallClock.now,
        venueSink: @escaping @Sendable ([VenueCommand]) -> Void = { _ in }
    ) -> EngineService<LimitGate> {
        EngineService(
            durable: RuntimeFixture.durable(journal),
            configuration: configuration,
            clock: clock,
            venueSink: venueSink
        )
    }

    @Test func concurrentClientsAreAnsweredOnlyAfterTheirEventsAreJournaled() async throws {
        let journal = try SQLiteJournal(path: RuntimeFixture.temporaryPath())
        // Every venue command must already be findable in the journal when the sink sees it.
        let unjournaledCommands = Mutex(0)
        let sentCommands = Mutex(0)
        let service = Self.makeService(
            journal: journal,
            venueSink: { commands in
                for case .place(let orderID, _) in commands {
                    let history = (try? journal.history(orderID: orderID.rawValue)) ?? []
                    if history.isEmpty { unjournaledCommands.withLock { $0 += 1 } }
                    sentCommands.withLock { $0 += 1 }
                }
            }
        )
        service.start()
        let clients = 8
        let ordersPerClient = 50
        try await withThrowingTaskGroup(of: Void.self) { group in
            for client in 0..<clients {
                group.addTask {
                    for number in 0..<ordersPerClient {
                        let outputs = try await service.submit(RuntimeFixture.place("k\(client)-\(number)"))
                        let created = outputs.compactMap { output -> OrderID? in
                            if case .event(.orderCreated(let created)) = output { created.orderID } else { nil }
                        }
                        #expect(created.count == 1)
                        // The answer arrives after the commit: the order's history is in the journal.
                        #expect(try !journal.history(orderID: created[0].rawValue).isEmpty)
                    }
                }
            }
            try await group.waitForAll()
        }
        service.stop()
        #expect(sentCommands.withLock { $0 } == clients * ordersPerClient)
        #expect(unjournaledCommands.withLock { $0 } == 0)
        #expect(try journal.latestSequence() == UInt64(clients * ordersPerClient))
        // Recovery from the journal rebuilds the same orders.
        let (recovered, _) = try Recovery.recover(
            journal: journal,
            configuration: RuntimeFixture.configuration,
            gate: LimitGate()
        )
        #expect(recovered.engine.state.orders.count == clients * ordersPerClient)
    }

    @Test func aFullQueuePushesBackInsteadOfGrowing() throws {
        let service = Self.makeService(journal: InMemoryJournal(), configuration: .init(queueCapacity: 2))
        // Not started: nothing drains the queue.
        try service.submit(RuntimeFixture.place("q1")) { _ in }
        try service.submit(RuntimeFixture.place("q2")) { _ in }
        #expect(throws: EngineServiceError.overloaded(capacity: 2)) {
            try service.submit(RuntimeFixture.place("q3")) { _ in }
        }
    }

    @Test func aJournalFailureAnswersTheBatchAndRefusesWhatFollows() async throws {
        let sent = Mutex(0)
        let service = Self.makeService(
            journal: FailingJournal(),
            venueSink: { commands in sent.withLock { $0 += commands.count } }
        )
        service.start()
        do throws(EngineServiceError) {
            _ = try await service.submit(RuntimeFixture.place("f1"))
            Issue.record("a batch the journal refused must fail")
        } catch {
            guard case .journal(let reason) = error else {
                Issue.record("expected a journal error, got \(error)")
                return
            }
            #expect(reason.contains("disk full"))
        }
        do throws(EngineServiceError) {
            _ = try await service.submit(RuntimeFixture.place("f2"))
            Issue.record("the service must refuse input after a journal failure")
        } catch {
            guard case .stopped(let reason) = error else {
                Issue.record("expected stopped, got \(error)")
                return
            }
            #expect(reason.contains("disk full"))
        }
        #expect(sent.withLock { $0 } == 0, "nothing of an uncommitted batch may reach a venue")
        service.stop()
    }

    @Test func journalTimeNeverGoesBackwards() async throws {
        let journal = InMemoryJournal()
        // A clock that jumps back (NTP step): the service keeps stamping the last time it used.
        let ticks = Mutex([Int64(100), 50, 200, 10])
        let service = Self.makeService(journal: journal) {
            UnixNanos(ticks.withLock { $0.isEmpty ? 300 : $0.removeFirst() })
        }
        service.start()
        for number in 0..<4 { _ = try await service.submit(RuntimeFixture.place("t\(number)")) }
        service.stop()
        let times = try journal.records(from: 1, limit: 10).map(\.time.rawValue)
        #expect(times == [100, 100, 200, 200])
    }

    @Test func stopDrainsWhatIsQueuedThenRefuses() throws {
        let journal = InMemoryJournal()
        let service = Self.makeService(journal: journal)
        let answered = Mutex(0)
        for number in 0..<20 {
            try service.submit(RuntimeFixture.place("s\(number)")) { result in
                if case .success = result { answered.withLock { $0 += 1 } }
            }
        }
        service.start()
        service.stop()
        #expect(answered.withLock { $0 } == 20)
        #expect(try journal.latestSequence() == 20)
        #expect(throws: EngineServiceError.self) { try service.submit(RuntimeFixture.place("late")) { _ in } }
    }
}

@Suite struct EngineServiceSnapshotTests {
    /// Every 10 records, or as many records as the state held orders at the last snapshot when that is more: with
    /// one order per record, snapshots fall at 10, 20 and 40 records.
    @Test func snapshotsAreSpacedByTheCadenceAndTheOrdersHeldAndRecoveryStartsFromTheLatest() async throws {
        let path = RuntimeFixture.temporaryPath()
        let journal = try SQLiteJournal(path: path)
        let service = Self.tickingService(journal, snapshotEveryRecords: 10)
        let inputs = (0..<45).map { RuntimeFixture.place("s\($0)") }
        let snapshotAfter = [10: 1, 20: 2, 40: 3]
        for (index, input) in inputs.enumerated() {
            _ = try await service.submit(input)
            // Snapshots are stored beside the engine; one still being stored when the next is due defers that one,
            // so the test lets each finish to pin where they fall.
            if let taken = snapshotAfter[index + 1] {
                try await EngineServiceSnapshotTests.waitFor(snapshots: taken, service)
                #expect(service.snapshotStatus.lastSequence == UInt64(index + 1))
            }
        }
        service.stop()
        #expect(service.snapshotStatus.taken == 3 && service.snapshotStatus.lastError == nil)
        let snapshot = try #require(try journal.latestSnapshot(atOrBefore: .max))
        #expect(snapshot.sequence == 40, "one record per order; 10, then 10 more, then 20 more")
        let (recovered, report) = try Recovery.recover(
            journal: try SQLiteJournal(path: path),
            configuration: RuntimeFixture.configuration,
            gate: LimitGate()
        )
        #expect(report.snapshotSequence == 40 && report.recordsReplayed == 5)
        #expect(recovered.engine == (try Self.liveEngine(inputs)))
    }

    /// A started service on `journal` whose clock ticks 1 µs per reading, so each input submitted alone is stamped
    /// as `liveEngine` stamps it: the live run is reproducible input by input.
    static func tickingService(_ journal: any EventJournal, snapshotEveryRecords: Int) -> EngineService<LimitGate> {
        let ticks = Atomic<Int64>(0)
        let service = EngineServiceTests.makeService(
            journal: journal,
            configuration: .init(snapshotEveryRecords: snapshotEveryRecords),
            clock: { UnixNanos(ticks.add(1_000, ordering: .relaxed).newValue) }
        )
        service.start()
        return service
    }

    /// The same inputs through a plain durable engine, stamped as `tickingService` stamps them one at a time.
    static func liveEngine(_ inputs: [Input]) throws -> Engine<LimitGate> {
        let live = RuntimeFixture.durable(InMemoryJournal())
        for (index, input) in inputs.enumerated() {
            _ = try live.process([(input, UnixNanos(Int64(index + 1) * 1_000))])
        }
        return live.engine
    }

    /// Waits (up to 10 s) until the service has stored `snapshots` snapshots.
    static func waitFor(snapshots: Int, _ service: EngineService<LimitGate>) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while service.snapshotStatus.taken < snapshots {
            guard ContinuousClock.now < deadline else {
                Issue.record("only \(service.snapshotStatus.taken) of \(snapshots) snapshots stored within 10 s")
                return
            }
            try await Task.sleep(for: .milliseconds(1))
        }
    }

    @Test func noSnapshotIsTakenWhenTheCadenceIsOff() async throws {
        let journal = try SQLiteJournal(path: RuntimeFixture.temporaryPath())
        let service = EngineServiceTests.makeService(journal: journal, configuration: .init(snapshotEveryRecords: nil))
        service.start()
        for number in 0..<12 { _ = try await service.submit(RuntimeFixture.place("n\(number)")) }
        service.stop()
        #expect(service.snapshotStatus.taken == 0)
        #expect(try journal.latestSnapshot(atOrBefore: .max) == nil)
    }
}
