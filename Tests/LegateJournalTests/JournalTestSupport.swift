// Shared helpers for the journal tests: temporary directories, a journal of either implementation, sample records,
// a seeded generator and a raw connection for tampering. Proves nothing by itself.
import Foundation
import GRDB
import LegateCore
import LegateJournal
import Testing

/// The two implementations every behavioural test runs against.
enum JournalKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case memory
    case sqlite

    var testDescription: String { rawValue }
}

/// Runs `body` with a fresh directory that is removed afterwards, whatever happens.
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("legate-journal-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url)
}

/// Runs `body` with an empty journal of `kind` (an SQLite file in a temporary directory).
func withJournal<T>(_ kind: JournalKind, _ body: (any EventJournal) throws -> T) throws -> T {
    switch kind {
    case .memory:
        return try body(InMemoryJournal())
    case .sqlite:
        return try withTemporaryDirectory { directory throws in
            let journal = try SQLiteJournal(path: directory.appendingPathComponent("journal.sqlite").path)
            defer { try? journal.close() }
            return try body(journal)
        }
    }
}

/// SplitMix64, for deterministic test data.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Records with varied metadata: actors present and absent, packages touching several orders, empty payloads,
/// non-ASCII actors, kinds in a few families.
func sampleBatch(count: Int, first: Int = 0, seed: UInt64 = 1) -> [NewJournalRecord] {
    var generator = SplitMix64(seed: seed &+ UInt64(first))
    let kinds = ["order.accepted", "order.filled", "limit.changed", "limit.approved", "package.legged", "limits"]
    return (first..<first + count).map { number in
        let orders = (0..<(number % 3)).map { "O-\((number + $0 * 7) % 11)" }
        let payloadSize = number % 5 == 0 ? 0 : Int.random(in: 1...160, using: &generator)
        return NewJournalRecord(
            time: UnixNanos.seconds(1_735_000_000) + Int64(number) * 1_000,
            kind: kinds[number % kinds.count],
            actor: number % 4 == 0 ? nil : ["alice", "bob", "zoë"][number % 3],
            correlationID: number % 2 == 0 ? "req-\(number / 2)" : nil,
            orderIDs: orders,
            payload: (0..<payloadSize).map { _ in UInt8.random(in: 0...255, using: &generator) }
        )
    }
}

/// Every record of the journal, by replay.
func replayAll(_ journal: any EventJournal, chunkSize: Int = JournalLimits.replayChunkDefault) throws -> [JournalRecord]
{
    var replay = try journal.makeReplay(chunkSize: chunkSize)
    var records: [JournalRecord] = []
    while let record = try replay.next() { records.append(record) }
    return records
}

/// A plain GRDB connection to a journal file, for tests that tamper with rows behind the journal's back.
func withRawDatabase<T>(_ path: String, _ body: (Database) throws -> T) throws -> T {
    let queue = try DatabaseQueue(path: path)
    defer { try? queue.close() }
    return try queue.writeWithoutTransaction { db throws in try body(db) }
}

/// Runs `sql` with the append-only triggers of `table` out of the way, as an intruder would, then restores them
/// (so the journal's open check for missing triggers passes and the read path is what has to notice).
func tamper(_ path: String, table: String = "events", _ sql: String) throws {
    try withRawDatabase(path) { db throws in
        let triggers = try Row.fetchAll(
            db,
            sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?",
            arguments: [table]
        )
        for trigger in triggers { try db.execute(sql: "DROP TRIGGER \(trigger["name"] as String)") }
        try db.execute(sql: sql)
        for trigger in triggers { try db.execute(sql: trigger["sql"] as String) }
    }
}

/// Waits (at most five seconds) until the journal's background checkpointer has finished `count` checkpoints, and
/// checks none failed.
func waitForCheckpoints(_ journal: SQLiteJournal, atLeast count: Int) {
    var waited = 0
    while journal.checkpointStatus.completed < count && waited < 500 {
        usleep(10_000)
        waited += 1
    }
    #expect(journal.checkpointStatus.completed >= count)
    #expect(journal.checkpointStatus.lastError == nil)
}
