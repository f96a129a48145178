// Proves the engine/journal pipeline keeps the durability rule: the engine decides the next batch while the journal
// commits the previous one, but nothing of a batch is answered or sent before its own commit; a failed commit fails
// its batch and stops every batch decided after it; and time never goes back across a restart.
import Foundation
import LegateCore
import LegateEngine
import LegateJournal
import LegateModel
import LegateRuntime
import Synchronization
import Testing

/// A journal whose appends wait until the test lets them through, and fail from a chosen append on.
final class GatedJournal: EventJournal, Sendable {
    let location = "gated"
    let inner = InMemoryJournal()
    let appendStarted = DispatchSemaphore(value: 0)
    let mayAppend = DispatchSemaphore(value: 0)
    let appends = Atomic<Int>(0)
    /// Records per append, in order.
    let appendSizes = Mutex<[Int]>([])
    let failFromAppend: Int

    init(failFromAppend: Int = .max) { self.failFromAppend = failFromAppend }

    func append(_ batch: [NewJournalRecord]) throws(JournalError) -> ClosedRange<UInt64> {
        let number = appends.add(1, ordering: .relaxed).newValue
        appendSizes.withLock { $0.append(batch.count) }
        appendStarted.signal()
        mayAppend.wait()
        if number >= failFromAppend {
            throw JournalError.unexpected(location: location, operation: "append", description: "disk full (test)")
        }
        return try inner.append(batch)
    }
    func latestSequence() throws(JournalError) -> UInt64 { try inner.latestSequence() }
    func records(from sequence: UInt64, limit: Int) throws(JournalError) -> [JournalRecord] {
        try inner.records(from: sequence, limit: limit)
    }
    func saveSnapshot(_ snapshot: JournalSnapshot) throws(JournalError) { try inner.saveSnapshot(snapshot) }
    func latestSnapshot(atOrBefore sequence: UInt64) throws(JournalError) -> JournalSnapshot? {
        try inner.latestSnapshot(atOrBefore: sequence)
    }
    func audit(_ filter: AuditFilter, after sequence: UInt64, limit: Int) throws(JournalError) -> [JournalRecord] {
        try inner.audit(filter, after: sequence, limit: limit)
    }
}

/// Collects answers by client order id.
final class Answers: Sendable {
    let results = Mutex<[String: Result<[Output], EngineServiceError>]>([:])
    let arrived = DispatchSemaphore(value: 0)

    func completion(_ client: String) -> EngineService<LimitGate>.Completion {
        { result in
            self.results.withLock { $0[client] = result }
            self.arrived.signal()
        }
    }
    subscript(client: String) -> Result<[Output], EngineServiceError>? { results.withLock { $0[client] } }
}

@Suite struct EngineServicePipelineTests {
    /// A service on `journal` whose clock signals `stamped` at every input stamped, and whose venue sink passes each
    /// order placed to `sent`.
    static func gatedService(
        _ journal: GatedJournal,
        configuration: EngineService<LimitGate>.Configuration = .init(),
        sent: @escaping @Sendable (OrderID) -> Void
    ) -> (EngineService<LimitGate>, stamped: DispatchSemaphore) {
        let stamped = DispatchSemaphore(value: 0)
        let service = EngineServiceTests.makeService(
            journal: journal,
            configuration: configuration,
            clock: {
                stamped.signal()
                return WallClock.now()
            },
            venueSink: { commands in
                for case .place(let orderID, _) in commands { sent(orderID) }
            }
        )
        return (service, stamped)
    }

    /// Waits for `semaphore` at most two seconds; false when it timed out.
    static func wait(_ semaphore: DispatchSemaphore) -> Bool { semaphore.wait(timeout: .now() + 2) == .success }

    @Test func theEngineDecidesTheNextBatchWhileTheJournalCommitsAndAnswersOnlyAfterEachCommit() throws {
        let journal = GatedJournal()
        let sent = Mutex<[OrderID]>([])
        let (service, stamped) = Self.gatedService(journal) { id in sent.withLock { $0.append(id) } }
        let answers = Answers()
        service.start()
        try service.submit(RuntimeFixture.place("p1"), completion: answers.completion("p1"))
        #expect(Self.wait(journal.appendStarted), "the first batch reaches the journal")
        try service.submit(RuntimeFixture.place("p2"), completion: answers.completion("p2"))
        // The second order is stamped (and decided) while the first commit is still held.
        #expect(Self.wait(stamped) && Self.wait(stamped))
        #expect(answers["p1"] == nil && answers["p2"] == nil, "nothing is answered before its commit")
        #expect(sent.withLock { $0 }.isEmpty, "nothing is sent before its commit")
        journal.mayAppend.signal()
        #expect(Self.wait(answers.arrived))
        #expect(answers["p2"] == nil, "the second batch waits for its own commit")
        #expect(sent.withLock { $0.count } == 1)
        #expect(Self.wait(journal.appendStarted))
        journal.mayAppend.signal()
        #expect(Self.wait(answers.arrived))
        service.stop()
        guard case .success = answers["p1"], case .success = answers["p2"] else {
            Issue.record("both orders are acknowledged")
            return
        }
        #expect(sent.withLock { $0.count } == 2)
        #expect(try journal.latestSequence() == 2)
    }

    /// Batches decided while the journal was busy are committed together: one transaction (one fsync) for all of
    /// them, each answered only after it, in order.
    @Test func batchesDecidedDuringACommitShareTheNextOne() throws {
        let journal = GatedJournal()
        let sent = Mutex<[OrderID]>([])
        let (service, stamped) = Self.gatedService(journal, configuration: .init(batchesInFlight: 4)) { id in
            sent.withLock { $0.append(id) }
        }
        let answers = Answers()
        let clients = ["q1", "q2", "q3", "q4"]
        service.start()
        try service.submit(RuntimeFixture.place("q1"), completion: answers.completion("q1"))
        #expect(Self.wait(journal.appendStarted), "q1's commit has begun and is held")
        #expect(Self.wait(stamped))
        // Each submitted only after the one before was stamped: batches of one input each. The engine thread hands a
        // batch to the journal before it takes the next from the queue, so once q4 is stamped, q2 and q3 wait for
        // the journal (q4 may too).
        for client in clients.dropFirst() {
            try service.submit(RuntimeFixture.place(client), completion: answers.completion(client))
            #expect(Self.wait(stamped), "\(client) is decided while q1's commit is held")
        }
        journal.mayAppend.signal()
        #expect(Self.wait(journal.appendStarted), "the batches decided meanwhile reach the journal")
        #expect(answers["q2"] == nil && answers["q3"] == nil, "nothing is answered before its commit")
        for _ in 0..<3 { journal.mayAppend.signal() }
        for _ in clients { #expect(Self.wait(answers.arrived)) }
        service.stop()
        let sizes = journal.appendSizes.withLock { $0 }
        #expect(sizes.count >= 2 && sizes[0] == 1 && sizes[1] >= 2, "q2 and q3 share one transaction: \(sizes)")
        #expect(sizes.reduce(0, +) == 4)
        #expect(sent.withLock { $0.count } == 4)
        for client in clients {
            guard case .success = answers[client] else {
                Issue.record("\(client) is acknowledged, got \(String(describing: answers[client]))")
                continue
            }
        }
        #expect(try journal.latestSequence() == 4)
    }

    @Test func aFailedCommitFailsItsBatchAndStopsEveryBatchDecidedAfterIt() throws {
        let journal = GatedJournal(failFromAppend: 2)
        let stamped = DispatchSemaphore(value: 0)
        let sentCount = Mutex(0)
        let service = EngineServiceTests.makeService(
            journal: journal,
            configuration: .init(batchesInFlight: 2),
            clock: {
                stamped.signal()
                return WallClock.now()
            },
            venueSink: { commands in sentCount.withLock { $0 += commands.count } }
        )
        let answers = Answers()
        service.start()
        try service.submit(RuntimeFixture.place("a"), completion: answers.completion("a"))
        #expect(Self.wait(journal.appendStarted))
        journal.mayAppend.signal()
        #expect(Self.wait(answers.arrived))
        try service.submit(RuntimeFixture.place("b"), completion: answers.completion("b"))
        #expect(Self.wait(journal.appendStarted), "b's commit has begun and is held")
        try service.submit(RuntimeFixture.place("c"), completion: answers.completion("c"))
        #expect(Self.wait(stamped) && Self.wait(stamped) && Self.wait(stamped), "c is decided behind b")
        journal.mayAppend.signal()
        #expect(Self.wait(answers.arrived) && Self.wait(answers.arrived))
        service.stop()
        guard case .success = answers["a"] else {
            Issue.record("a was committed")
            return
        }
        guard case .failure(.journal(let reason)) = answers["b"] else {
            Issue.record("b's commit failed: expected a journal error, got \(String(describing: answers["b"]))")
            return
        }
        #expect(reason.contains("disk full"))
        guard case .failure(.stopped) = answers["c"] else {
            Issue.record(
                "c was decided after b but never committed: expected stopped, got \(String(describing: answers["c"]))"
            )
            return
        }
        #expect(sentCount.withLock { $0 } == 1, "only a's command leaves the process")
        #expect(throws: EngineServiceError.self) { try service.submit(RuntimeFixture.place("d")) { _ in } }
    }

    @Test func aRestartedServiceNeverStampsEarlierThanTheJournal() async throws {
        let journal = InMemoryJournal()
        let first = EngineServiceTests.makeService(journal: journal, clock: { UnixNanos(5_000) })
        first.start()
        _ = try await first.submit(RuntimeFixture.place("before"))
        first.stop()
        // The clock of the restarted node is behind the journal (another host, an NTP step).
        let (recovered, _) = try Recovery.recover(
            journal: journal,
            configuration: RuntimeFixture.configuration,
            gate: LimitGate()
        )
        #expect(recovered.lastTime == UnixNanos(5_000))
        let second = EngineService(durable: recovered, clock: { UnixNanos(1_000) }, venueSink: { _ in })
        second.start()
        _ = try await second.submit(RuntimeFixture.place("after"))
        second.stop()
        let times = try journal.records(from: 1, limit: 10).map(\.time.rawValue)
        #expect(times == [5_000, 5_000])
    }
}

@Suite struct JournalBatchingTests {
    static func records(_ sizes: [Int]) -> [NewJournalRecord] {
        sizes.enumerated().map { index, size in
            NewJournalRecord(
                time: UnixNanos(Int64(index)),
                kind: "k",
                orderIDs: [],
                payload: [UInt8](repeating: 1, count: size)
            )
        }
    }

    @Test func aBatchIsOneTransactionUnlessItExceedsTheJournalsLimits() {
        #expect(JournalBatching.transactions(for: Self.records([10, 10, 10])) == [0..<3])
        #expect(JournalBatching.transactions(for: []) == [])
        // By count.
        #expect(
            JournalBatching.transactions(for: Self.records(Array(repeating: 1, count: 7)), recordsMax: 3)
                == [0..<3, 3..<6, 6..<7]
        )
        // By payload bytes: no transaction holds more than the limit, and a record larger than it stands alone.
        #expect(
            JournalBatching.transactions(for: Self.records([40, 40, 30, 100, 5]), payloadBytesMax: 100)
                == [0..<2, 2..<3, 3..<4, 4..<5]
        )
        let pieces = JournalBatching.transactions(for: Self.records(Array(repeating: 1 << 20, count: 70)))
        #expect(pieces.count == 2 && pieces.allSatisfy { $0.count <= 64 })
        #expect(pieces.flatMap { Array($0) } == Array(0..<70))
    }
}
