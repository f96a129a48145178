// Proves the loss-nothing rule on read: when a row of an SQLite journal is altered, deleted or mangled behind the
// journal's back (a raw connection with the append-only triggers dropped), replay and audit stop with an error that
// names the exact sequence and what is wrong (checksum mismatch, gap, undecodable column) instead of skipping it.
import Foundation
import GRDB
import LegateCore
import Testing

@testable import LegateJournal

@Suite("Journal corruption")
struct JournalCorruptionTests {
    /// A closed journal of 100 records with a snapshot at 50, and its path.
    func withDamagedJournal(_ damage: (String) throws -> Void, check: (SQLiteJournal) throws -> Void) throws {
        try withTemporaryDirectory { directory throws in
            let path = directory.appendingPathComponent("j.sqlite").path
            let journal = try SQLiteJournal(path: path)
            // One row per record, as builds before v5 wrote: the damage tests of groups are in JournalGroupTests.
            _ = try journal.appendRows(sampleBatch(count: 60))
            _ = try journal.appendRows(sampleBatch(count: 40, first: 60))
            try journal.saveSnapshot(
                JournalSnapshot(sequence: 50, time: .seconds(9), state: [1, 2, 3], stateHash: [9])
            )
            try journal.close()
            try damage(path)
            let reopened = try SQLiteJournal(path: path)
            defer { try? reopened.close() }
            try check(reopened)
        }
    }

    func expectChecksumMismatch(at sequence: UInt64, _ body: () throws -> some Any) {
        let error = #expect(throws: JournalError.self) { try body() }
        guard case .checksumMismatch(_, let found) = error else {
            Issue.record("expected checksumMismatch at \(sequence), got \(String(describing: error))")
            return
        }
        #expect(found == sequence)
        #expect(error?.description.contains("sequence \(sequence)") == true)
    }

    @Test(arguments: [
        "payload = x'DEADBEEF'",
        "time = time + 1",
        "kind = 'order.cancelled'",
        "actor = 'mallory'",
        "correlation_id = 'forged'",
        "order_ids = 'O-1'",
    ])
    func alteredFieldIsAChecksumMismatchAtThatSequence(assignment: String) throws {
        try withDamagedJournal { path throws in
            try tamper(path, "UPDATE events SET \(assignment) WHERE seq = 37")
        } check: { journal throws in
            expectChecksumMismatch(at: 37) { try journal.verify() }
            expectChecksumMismatch(at: 37) { try journal.records(from: 30, limit: 20) }
            // Reads that do not include 37 still work: the damage is located, not spread
            #expect(try journal.records(from: 1, limit: 36).count == 36)
            #expect(try journal.records(from: 38, limit: 100).count == 63)
        }
    }

    @Test
    func alteredChecksumBreaksThatRecordFirst() throws {
        try withDamagedJournal { path throws in
            try tamper(path, "UPDATE events SET checksum = zeroblob(32) WHERE seq = 37")
        } check: { journal throws in
            expectChecksumMismatch(at: 37) { try journal.verify() }
            // The next record chains from the altered checksum, so it no longer verifies either
            expectChecksumMismatch(at: 38) { try journal.records(from: 38, limit: 5) }
        }
    }

    @Test
    func deletedMiddleRowIsAGapNamingIt() throws {
        try withDamagedJournal { path throws in
            try tamper(path, table: "event_orders", "DELETE FROM event_orders WHERE seq = 37")
            try tamper(path, "DELETE FROM events WHERE seq = 37")
        } check: { journal throws in
            let error = #expect(throws: JournalError.self) { try journal.verify() }
            guard case .sequenceGap(_, let expected, let found) = error else {
                Issue.record("expected sequenceGap, got \(String(describing: error))")
                return
            }
            #expect(expected == 37)
            #expect(found == 38)
            #expect(error?.description.contains("expected 37, found 38") == true)
            // Starting right after the hole needs the missing record's checksum: also a gap at 37
            let fromAfter = #expect(throws: JournalError.self) { try journal.records(from: 38, limit: 5) }
            guard case .sequenceGap(_, 37, 38) = fromAfter else {
                Issue.record("expected sequenceGap at 37, got \(String(describing: fromAfter))")
                return
            }
        }
    }

    @Test
    func deletedFirstRowIsAGapAtOne() throws {
        try withDamagedJournal { path throws in
            try tamper(path, table: "event_orders", "DELETE FROM event_orders WHERE seq = 1")
            try tamper(path, "DELETE FROM events WHERE seq = 1")
        } check: { journal throws in
            let error = #expect(throws: JournalError.self) { try journal.verify() }
            guard case .sequenceGap(_, 1, 2) = error else {
                Issue.record("expected sequenceGap 1 → 2, got \(String(describing: error))")
                return
            }
        }
    }

    @Test
    func mangledChecksumColumnIsUndecodable() throws {
        try withDamagedJournal { path throws in
            try tamper(path, "UPDATE events SET checksum = x'0102' WHERE seq = 12")
        } check: { journal throws in
            let error = #expect(throws: JournalError.self) { try journal.verify() }
            guard case .undecodableColumn(_, 12, "checksum", _) = error else {
                Issue.record("expected undecodableColumn at 12, got \(String(describing: error))")
                return
            }
        }
    }

    @Test
    func emptyOrderIDInStorageIsUndecodable() throws {
        try withDamagedJournal { path throws in
            try tamper(path, "UPDATE events SET order_ids = 'A' || char(31) || '' WHERE seq = 12")
        } check: { journal throws in
            let error = #expect(throws: JournalError.self) { try journal.verify() }
            guard case .undecodableColumn(_, 12, "order_ids", _) = error else {
                Issue.record("expected undecodableColumn at 12, got \(String(describing: error))")
                return
            }
        }
    }

    @Test
    func auditVerifiesTheRowsItReturns() throws {
        try withDamagedJournal { path throws in
            try tamper(path, "UPDATE events SET payload = x'00' WHERE seq = 38")
        } check: { journal throws in
            // Record 38 is sampleBatch's record number 37
            let kind = sampleBatch(count: 60)[37].kind
            expectChecksumMismatch(at: 38) { try journal.records(kind: kind) }
            expectChecksumMismatch(at: 38) { try journal.records(kindPrefix: String(kind.prefix(3))) }
        }
    }

    @Test
    func forgedIndexEntryIsAnIndexMismatch() throws {
        try withDamagedJournal { path throws in
            // Inserts pass the triggers: point order "FORGED" at a record that does not mention it
            try withRawDatabase(path) { db throws in
                try db.execute(sql: "INSERT INTO event_orders (order_id, seq) VALUES ('FORGED', 5)")
            }
        } check: { journal throws in
            let error = #expect(throws: JournalError.self) { try journal.history(orderID: "FORGED") }
            guard case .indexMismatch(_, 5, _) = error else {
                Issue.record("expected indexMismatch at 5, got \(String(describing: error))")
                return
            }
        }
    }

    @Test
    func alteredSnapshotIsASnapshotChecksumMismatch() throws {
        try withDamagedJournal { path throws in
            try tamper(path, table: "snapshots", "UPDATE snapshots SET state = x'010204'")
        } check: { journal throws in
            let error = #expect(throws: JournalError.self) { try journal.latestSnapshot(atOrBefore: .max) }
            guard case .snapshotChecksumMismatch(_, 50) = error else {
                Issue.record("expected snapshotChecksumMismatch at 50, got \(String(describing: error))")
                return
            }
        }
    }

    @Test
    func snapshotIsAnchoredToItsEvent() throws {
        try withDamagedJournal { path throws in
            // The snapshot row is intact; the event it was taken at has a rewritten checksum
            try tamper(path, "UPDATE events SET checksum = zeroblob(32) WHERE seq = 50")
        } check: { journal throws in
            let error = #expect(throws: JournalError.self) { try journal.latestSnapshot(atOrBefore: 60) }
            guard case .snapshotChecksumMismatch(_, 50) = error else {
                Issue.record("expected snapshotChecksumMismatch at 50, got \(String(describing: error))")
                return
            }
        }
    }
}
