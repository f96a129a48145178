// Migration v4: a user's records are indexed by runs (one `actor_runs` row per run of consecutive records by one actor
// within a transaction) instead of an index entry per record; audit by actor stays complete, paged and verified.
import Foundation
import GRDB
import LegateCore
import Testing

@testable import LegateJournal

@Suite struct JournalActorRunsTests {
    static func record(_ number: Int, actor: String?) -> NewJournalRecord {
        NewJournalRecord(
            time: UnixNanos.seconds(1_735_000_000) + Int64(number),
            kind: "order.place",
            actor: actor,
            correlationID: "c-\(number)",
            orderIDs: ["O-\(number)"],
            payload: [UInt8(truncatingIfNeeded: number)]
        )
    }

    /// 500 records by `trader`, 3 by `risk`, one without an actor, then 10 by `trader`: three runs.
    static func runsBatch(first: Int = 0) -> [NewJournalRecord] {
        let actors: [String?] =
            Array(repeating: "trader", count: 500) + Array(repeating: "risk", count: 3) + [nil]
            + Array(repeating: "trader", count: 10)
        return actors.enumerated().map { record(first + $0.offset, actor: $0.element) }
    }

    static func runs(_ path: String) throws -> [String] {
        try withRawDatabase(path) { db in
            try Row.fetchAll(db, sql: "SELECT actor, first_seq, last_seq FROM actor_runs ORDER BY first_seq")
                .map { row -> String in "\(row[0] as String) \(row[1] as Int64)-\(row[2] as Int64)" }
        }
    }

    static func pagedActions(_ journal: SQLiteJournal, _ actor: String, limit: Int) throws -> [UInt64] {
        var paged: [UInt64] = []
        var after: UInt64 = 0
        while case let page = try journal.actions(actor: actor, after: after, limit: limit), !page.isEmpty {
            paged += page.map(\.sequence)
            after = page[page.count - 1].sequence
        }
        return paged
    }

    @Test func aRunOfRecordsByOneActorIsOneRow() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("j.sqlite").path
            let journal = try SQLiteJournal(path: path)
            _ = try journal.append(Self.runsBatch())
            #expect(try Self.runs(path) == ["trader 1-500", "risk 501-503", "trader 505-514"])
            let trader = Array(UInt64(1)...500) + Array(UInt64(505)...514)
            #expect(try journal.actions(actor: "trader", limit: 1_000).map(\.sequence) == trader)
            #expect(try Self.pagedActions(journal, "trader", limit: 7) == trader)
            #expect(try journal.actions(actor: "risk").map(\.sequence) == [501, 502, 503])
            #expect(try journal.actions(actor: "nobody").isEmpty)
        }
    }

    @Test func runsEndWithTheirTransaction() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("j.sqlite").path
            let journal = try SQLiteJournal(path: path)
            _ = try journal.append((0..<4).map { Self.record($0, actor: "hedger") })
            _ = try journal.append((4..<6).map { Self.record($0, actor: "hedger") })
            #expect(try Self.runs(path) == ["hedger 1-4", "hedger 5-6"])
            #expect(try Self.pagedActions(journal, "hedger", limit: 3) == [1, 2, 3, 4, 5, 6])
        }
    }

    @Test func aVersionThreeJournalMigratesItsActorsIntoRuns() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("j.sqlite").path
            let journal = try SQLiteJournal(path: path)
            // Two transactions: the migration groups by consecutive sequence, so the runs join across them.
            _ = try journal.appendRows(Array(Self.runsBatch().prefix(200)))
            _ = try journal.appendRows(Array(Self.runsBatch().dropFirst(200)))
            try journal.close()
            // Back to v3: the per-record actor index and no runs.
            try withRawDatabase(path) { db in
                try db.execute(
                    sql: """
                        DROP TRIGGER actor_runs_no_update;
                        DROP TRIGGER actor_runs_no_delete;
                        DROP TABLE actor_runs;
                        CREATE INDEX events_by_actor ON events(actor) WHERE actor IS NOT NULL;
                        DELETE FROM grdb_migrations WHERE identifier = 'v4';
                        """
                )
            }
            let reopened = try SQLiteJournal(path: path)
            #expect(try reopened.appliedMigrations() == ["v1", "v2", "v3", "v4", "v5", "v6"])
            #expect(try Self.runs(path) == ["trader 1-500", "risk 501-503", "trader 505-514"])
            let more = (514..<520).map { Self.record($0, actor: $0 % 2 == 0 ? "risk" : "trader") }
            _ = try reopened.append(more)
            let trader = Array(UInt64(1)...500) + Array(UInt64(505)...514) + [516, 518, 520]
            #expect(try Self.pagedActions(reopened, "trader", limit: 64) == trader)
            #expect(try reopened.actions(actor: "risk").map(\.sequence) == [501, 502, 503, 515, 517, 519])
            #expect(try reopened.verify() == 520)
        }
    }

    @Test func aForgedRunIsCaughtByTheRecordsItNames() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("j.sqlite").path
            let journal = try SQLiteJournal(path: path)
            _ = try journal.append(Self.runsBatch())
            try withRawDatabase(path) { db in
                try db.execute(sql: "INSERT INTO actor_runs (actor, first_seq, last_seq) VALUES ('mallory', 501, 502)")
            }
            let error = #expect(throws: JournalError.self) { try journal.actions(actor: "mallory") }
            guard case .indexMismatch(_, 501, _) = error else {
                Issue.record("expected indexMismatch at 501, got \(String(describing: error))")
                return
            }
        }
    }
}
