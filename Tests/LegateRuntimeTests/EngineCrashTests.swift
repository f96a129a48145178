// Proves the durability contract of the running engine under SIGKILL: a child process (LegateEngineCrashWriter)
// runs EngineService with the limit gate on an SQLite journal under load (orders, cancels, amends, approvals,
// releases, limit changes, marks, timer ticks, and venue acks, fills, cancels and rejects) and prints each order the
// service answered (`ack`), each venue command it released (`venue`) and each snapshot it committed. The test kills
// it at seeded random moments — before it opened the journal, during recovery, under full load — restarts it on the
// same journal, and after every kill checks: the journal opens and verifies; recovery succeeds; every answered order
// is in the recovered state with its order id and its history is in the journal; every released venue command's
// order is in the journal; recovery from the latest snapshot equals a full replay from sequence 1 (`==` and state
// hash); the child's own recovery saw exactly what the test recovered after the previous kill; nothing goes
// backwards; a restart (`markRestart`, on a copy of the journal) leaves every order a venue may hold awaiting
// reconciliation, the journal with it replays to the same state, and the next child's own restart marks exactly
// those orders. A last run stops cleanly and its final state hash must equal the recovered one.
import Foundation
import LegateCore
import LegateEngine
import LegateJournal
import LegateModel
import LegateOrders
import LegateRuntime
import OrderedCollections
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("Engine crash", .serialized)
struct EngineCrashTests {
    /// The seed of the kill schedule and of the children's workloads; set LEGATE_ENGINE_CRASH_SEED to replay one.
    static let seed =
        ProcessInfo.processInfo.environment["LEGATE_ENGINE_CRASH_SEED"].flatMap { UInt64($0) } ?? 0xE6_C2A5
    static let rounds = 21
    static let configuration = EngineConfiguration(users: [
        UserProfile(id: UserID(known: "alice"), roles: [.trader], accounts: [AccountID(known: "A")]),
        UserProfile(id: UserID(known: "rita"), roles: [.riskManager], accounts: [AccountID(known: "A")]),
    ])

    static var writerURL: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("LegateEngineCrashWriter")
    }

    /// What the checks carry from one kill to the next.
    struct Progress {
        var lastSequence: UInt64 = 0
        var stateHash: String?
        var orderCount = 0
        /// Every order any run answered: client order id → order id.
        var answered: [String: String] = [:]
        var roundsUnderLoad = 0
        var roundsFromSnapshot = 0
        /// What the next child's restart must journal: the sequence after it and how many orders it marks.
        var expectedRestart: (sequence: UInt64, marked: Int)?
        var roundsReconciling = 0
    }

    @Test(.timeLimit(.minutes(3)))
    func answeredOrdersAndReleasedCommandsSurviveSIGKILLOfTheRunningEngine() throws {
        try #require(
            FileManager.default.isExecutableFile(atPath: Self.writerURL.path),
            "crash writer not built at \(Self.writerURL.path)"
        )
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("legate-engine-crash-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("journal.sqlite").path
        var generator = CrashSplitMix64(state: Self.seed)
        var progress = Progress()
        var kills = 0
        let clock = ContinuousClock()
        for round in 0..<Self.rounds {
            let started = clock.now
            let plan = KillPlan.draw(round: round, using: &generator)
            let child = ChildProcess(writer: Self.writerURL, directory: directory, round: round)
            let run = try child.runAndKill(journal: path, seed: Self.seed &+ UInt64(round), plan: plan)
            kills += 1
            let context = "seed \(Self.seed) round \(round) \(plan): \(run.summary)"
            #expect(run.killed, "the writer exited by itself; \(context); stderr: \(run.errors)")
            #expect(run.errors.isEmpty, "the writer wrote to stderr: \(run.errors); \(context)")
            let killedAt = clock.now
            try check(run, journal: path, progress: &progress, context: context)
            try checkRestart(run, journal: path, scratch: directory, progress: &progress, context: context)
            if ProcessInfo.processInfo.environment["LEGATE_ENGINE_CRASH_TRACE"] != nil {
                print(
                    "engine crash \(context); journal at \(progress.lastSequence), \(progress.orderCount) orders; "
                        + "run \(killedAt - started), check \(clock.now - killedAt)"
                )
            }
        }
        #expect(kills >= 20)
        #expect(progress.answered.count > 0, "seed \(Self.seed): no order was answered in any run")
        #expect(progress.roundsUnderLoad >= 8, "seed \(Self.seed): only \(progress.roundsUnderLoad) kills under load")
        #expect(progress.roundsFromSnapshot >= 5, "seed \(Self.seed): recovery rarely started from a snapshot")
        #expect(progress.roundsReconciling >= 5, "seed \(Self.seed): a kill rarely left orders at the venue")
        try checkCleanStop(journal: path, directory: directory, progress: &progress)
    }

    /// The checks after one kill.
    func check(_ run: ChildRun, journal path: String, progress: inout Progress, context: String) throws {
        let journal = try SQLiteJournal(path: path)
        defer { try? journal.close() }
        let latest = try journal.latestSequence()
        #expect(try journal.verify() == latest, "the journal does not verify; \(context)")
        #expect(latest >= progress.lastSequence, "journal went back from \(progress.lastSequence); \(context)")
        // The child's recovery saw exactly what the last check recovered: nothing changed the journal in between.
        if let recovered = run.recovered {
            #expect(recovered.sequence == progress.lastSequence, "child recovered another journal; \(context)")
            if let hash = progress.stateHash {
                #expect(recovered.stateHash == hash, "child recovered another state; \(context)")
            }
        }
        let (live, report) = try Recovery.recover(
            journal: journal,
            configuration: Self.configuration,
            gate: LimitGate()
        )
        let hash = try live.engine.state.stateHash()
        if let printed = run.snapshots.max() {
            #expect((report.snapshotSequence ?? 0) >= printed, "committed snapshot \(printed) lost; \(context)")
        }
        // From a snapshot, a full replay from sequence 1 must rebuild the same state; without one, it was one.
        if report.snapshotSequence != nil {
            progress.roundsFromSnapshot += 1
            let (replayed, full) = try Recovery.recover(
                journal: WithoutSnapshots(base: journal),
                configuration: Self.configuration,
                gate: LimitGate()
            )
            #expect(full.snapshotSequence == nil && full.recordsReplayed == Int(latest), "\(context)")
            #expect(live.engine == replayed.engine, "snapshot + tail differs from full replay; \(context)")
            #expect(hash == (try replayed.engine.state.stateHash()), "\(context)")
        } else {
            #expect(report.recordsReplayed == Int(latest), "\(context)")
        }
        let state = live.engine.state
        #expect(state.orders.count >= progress.orderCount, "orders went back; \(context)")
        try checkClaims(run, state: state, journal: journal, progress: &progress, context: context)
        if run.acks.count >= 30 { progress.roundsUnderLoad += 1 }
        progress.lastSequence = latest
        progress.stateHash = hash
        progress.orderCount = state.orders.count
    }

    /// Every answered order is in the state with its order id and its history is journaled; every released venue
    /// command's order is journaled.
    func checkClaims(
        _ run: ChildRun,
        state: EngineState,
        journal: SQLiteJournal,
        progress: inout Progress,
        context: String
    ) throws {
        // Collected, then reported once per kind with a few examples: a broken contract loses hundreds at once.
        var lost: [String] = []
        var unjournaled: [String] = []
        var reused: [String] = []
        for (clientID, orderID) in run.acks {
            if state.orders[try OrderID(orderID)]?.request.clientOrderID.rawValue != clientID {
                lost.append("\(clientID) → \(orderID)")
            }
            let first = try journal.history(orderID: orderID, limit: 1).first
            let placement = first.map { ["order.place", "order.stage"].contains($0.kind) } ?? false
            if !placement || first?.correlationID != clientID { unjournaled.append(orderID) }
            if progress.answered.updateValue(orderID, forKey: clientID) != nil { reused.append(clientID) }
        }
        var released: [String] = []
        for orderID in Set(run.venueOrders) {
            let known = state.orders[try OrderID(orderID)] != nil
            let journaled = try !journal.history(orderID: orderID, limit: 1).isEmpty
            if !known || !journaled { released.append(orderID) }
        }
        #expect(lost.isEmpty, "\(lost.count) answered orders not recovered, e.g. \(lost.prefix(5)); \(context)")
        #expect(
            unjournaled.isEmpty,
            "\(unjournaled.count) answered without a journaled placement, e.g. \(unjournaled.prefix(5)); \(context)"
        )
        #expect(reused.isEmpty, "\(reused.count) client order ids answered twice, e.g. \(reused.prefix(5)); \(context)")
        #expect(
            released.isEmpty,
            "\(released.count) orders sent to the venue but not journaled, e.g. \(released.prefix(5)); \(context)"
        )
    }

    /// A last run stops by itself after some orders: its final state must be the one recovery rebuilds, and every
    /// order any run answered must still be there.
    func checkCleanStop(journal path: String, directory: URL, progress: inout Progress) throws {
        let child = ChildProcess(writer: Self.writerURL, directory: directory, round: Self.rounds)
        let run = try child.runToEnd(journal: path, seed: Self.seed, orders: 100)
        let context = "seed \(Self.seed) clean stop: \(run.summary)"
        #expect(!run.killed && run.errors.isEmpty, "\(context); stderr: \(run.errors)")
        guard let stopped = run.stopped else {
            Issue.record("no stopped line; \(context)")
            return
        }
        try check(run, journal: path, progress: &progress, context: context)
        try checkRestart(run, journal: path, scratch: directory, progress: &progress, context: context)
        #expect(stopped.sequence == progress.lastSequence, "\(context)")
        #expect(stopped.stateHash == progress.stateHash, "the live state differs from the recovered one; \(context)")
        let journal = try SQLiteJournal(path: path)
        defer { try? journal.close() }
        let (recovered, _) = try Recovery.recover(
            journal: journal,
            configuration: Self.configuration,
            gate: LimitGate()
        )
        let missing = progress.answered.filter { clientID, orderID in
            recovered.engine.state.orders[OrderID(known: orderID)]?.request.clientOrderID.rawValue != clientID
        }
        #expect(missing.isEmpty, "seed \(Self.seed): \(missing.count) answered orders missing at the end")
    }
}

extension EngineCrashTests {
    /// The restart after a kill, on a copy of the journal (the next child restarts on the original): recovery lists
    /// every order a venue may hold (sent, acknowledged, partly filled, or with a cancel or amend in flight),
    /// `markRestart` leaves exactly those awaiting reconciliation, and the journal with the restart replays to the
    /// same state. The child's own restart, at its start, had to mark what the copy marked after the previous kill.
    func checkRestart(
        _ run: ChildRun,
        journal path: String,
        scratch directory: URL,
        progress: inout Progress,
        context: String
    ) throws {
        if let restarted = run.restarted, let expected = progress.expectedRestart {
            #expect(restarted.sequence == expected.sequence, "child's restart at another sequence; \(context)")
            #expect(restarted.marked == expected.marked, "child's restart marked other orders; \(context)")
        }
        let copy = try copyJournal(path, into: directory)
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: copy + suffix) } }
        let journal = try SQLiteJournal(path: copy)
        let (durable, report) = try Recovery.recover(
            journal: journal,
            configuration: Self.configuration,
            gate: LimitGate()
        )
        let atVenue = Set(
            durable.engine.state.orders.values.filter { $0.status.isAtVenue || $0.pending != nil }.map(\.id)
        )
        #expect(Set(report.ordersToReconcile) == atVenue, "recovery lists other orders to reconcile; \(context)")
        let awaitingBefore = Set(durable.engine.state.awaitingReconciliation)
        let marked = try durable.markRestart(at: WallClock.now())
        let state = durable.engine.state
        #expect(Set(marked) == atVenue.subtracting(awaitingBefore), "\(context)")
        #expect(Set(state.awaitingReconciliation) == atVenue, "not every order at the venue awaits it; \(context)")
        for orderID in Set(run.venueOrders) {
            guard let order = state.orders[try OrderID(orderID)], !order.status.isTerminal else { continue }
            #expect(state.awaitingReconciliation.contains(order.id), "\(orderID) sent but not marked; \(context)")
        }
        let marksSequence = durable.lastSequence
        let hash = try state.stateHash()
        try journal.close()
        let reopened = try SQLiteJournal(path: copy)
        defer { try? reopened.close() }
        #expect(try reopened.verify() == marksSequence, "the journal with the restart does not verify; \(context)")
        let (replayed, again) = try Recovery.recover(
            journal: reopened,
            configuration: Self.configuration,
            gate: LimitGate()
        )
        #expect(again.lastSequence == marksSequence, "\(context)")
        #expect(replayed.engine == durable.engine, "the restart does not replay to the same state; \(context)")
        #expect(try replayed.engine.state.stateHash() == hash, "\(context)")
        if !atVenue.isEmpty { progress.roundsReconciling += 1 }
        progress.expectedRestart = (marksSequence, marked.count)
    }

    /// A copy of the journal the killed child left (its write-ahead log too), so the restart can be tried on it.
    func copyJournal(_ path: String, into directory: URL) throws -> String {
        let copy = directory.appendingPathComponent("restart-\(UUID().uuidString).sqlite").path
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: path + suffix) {
            try FileManager.default.copyItem(atPath: path + suffix, toPath: copy + suffix)
        }
        return copy
    }
}

/// The journal with its snapshots hidden: recovery through it is a full replay from sequence 1.
struct WithoutSnapshots: EventJournal {
    let base: SQLiteJournal
    var location: String { base.location }
    func append(_ batch: [NewJournalRecord]) throws(JournalError) -> ClosedRange<UInt64> { try base.append(batch) }
    func latestSequence() throws(JournalError) -> UInt64 { try base.latestSequence() }
    func records(from sequence: UInt64, limit: Int) throws(JournalError) -> [JournalRecord] {
        try base.records(from: sequence, limit: limit)
    }
    func saveSnapshot(_ snapshot: JournalSnapshot) throws(JournalError) { try base.saveSnapshot(snapshot) }
    func latestSnapshot(atOrBefore sequence: UInt64) throws(JournalError) -> JournalSnapshot? { nil }
    func audit(_ filter: AuditFilter, after sequence: UInt64, limit: Int) throws(JournalError) -> [JournalRecord] {
        try base.audit(filter, after: sequence, limit: limit)
    }
}
