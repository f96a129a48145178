// Migration v3: a record of one order is found through the `order_ids` index and writes no `event_orders` row,
// records of several orders still do, the actor index leaves NULL actors out; a v2 journal migrates and every order's
// history and every user's actions stay complete, before and after the migration.
import Foundation
import GRDB
import LegateCore
import Testing

@testable import LegateJournal

@Suite struct JournalOrderIndexTests {
    /// What the audit must answer for `batch` appended from sequence 1: each order's records and each actor's.
    static func expectComplete(_ journal: SQLiteJournal, _ batch: [NewJournalRecord]) throws {
        let orderIDs = Set(batch.flatMap(\.orderIDs))
        #expect(!orderIDs.isEmpty)
        for orderID in orderIDs {
            let expected = batch.indices.filter { batch[$0].orderIDs.contains(orderID) }.map { UInt64($0 + 1) }
            #expect(try journal.history(orderID: orderID).map(\.sequence) == expected, "order \(orderID)")
            // Paging: two records a page, resuming after the last one returned.
            var paged: [UInt64] = []
            var after: UInt64 = 0
            while case let page = try journal.history(orderID: orderID, after: after, limit: 2), !page.isEmpty {
                paged += page.map(\.sequence)
                after = page[page.count - 1].sequence
            }
            #expect(paged == expected, "paged order \(orderID)")
        }
        for actor in Set(batch.compactMap(\.actor)) {
            let expected = batch.indices.filter { batch[$0].actor == actor }.map { UInt64($0 + 1) }
            #expect(try journal.actions(actor: actor).map(\.sequence) == expected, "actor \(actor)")
        }
    }

    static func orderRowCount(_ path: String) throws -> Int {
        try withRawDatabase(path) { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM event_orders") ?? -1 }
    }

    @Test func oneOrderRecordsAreFoundWithoutAnOrderRowAndSeveralOrderRecordsKeepTheirs() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("j.sqlite").path
            let journal = try SQLiteJournal(path: path)
            let batch = sampleBatch(count: 90)
            _ = try journal.appendRows(batch)
            try Self.expectComplete(journal, batch)
            #expect(try journal.appliedMigrations() == ["v1", "v2", "v3", "v4", "v5", "v6"])
            try journal.close()
            let severalOrderRows = batch.filter { $0.orderIDs.count > 1 }.map(\.orderIDs.count).reduce(0, +)
            #expect(severalOrderRows > 0)
            #expect(try Self.orderRowCount(path) == severalOrderRows)
        }
    }

    @Test func auditQueriesUseTheNewIndexes() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("j.sqlite").path
            let journal = try SQLiteJournal(path: path)
            _ = try journal.appendRows(sampleBatch(count: 30))
            _ = try journal.append(sampleBatch(count: 30, first: 30))
            try journal.close()
            func plan(_ sql: String, _ arguments: StatementArguments) throws -> [String] {
                try withRawDatabase(path) { db in
                    try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments)
                        .map { row -> String in row["detail"] }
                }
            }
            let byOrder = try plan(SQL.auditByOrder, ["O-1", 0, 10])
            #expect(byOrder.contains { $0.contains("events_by_single_order") }, "plan: \(byOrder)")
            #expect(byOrder.contains { $0.contains("SEARCH o USING PRIMARY KEY (order_id=?)") }, "plan: \(byOrder)")
            #expect(!byOrder.contains { $0.hasPrefix("SCAN") }, "plan: \(byOrder)")
            let byActor = try plan(SQL.auditByActor, ["alice", 0])
            #expect(
                byActor.contains { $0.contains("SEARCH actor_runs USING PRIMARY KEY (actor=?)") },
                "plan: \(byActor)"
            )
            #expect(!byActor.contains { $0.contains("TEMP B-TREE") }, "plan: \(byActor)")
        }
    }

    @Test func aVersionTwoJournalMigratesAndKeepsEveryHistory() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("j.sqlite").path
            let journal = try SQLiteJournal(path: path)
            let before = sampleBatch(count: 60)
            _ = try journal.appendRows(before)
            try journal.close()
            // Back to v2's schema and rows, as a journal written before v3 has them: an `event_orders` row for every
            // order of every record and a full actor index.
            try withRawDatabase(path) { db in
                try db.execute(
                    sql: """
                        DROP INDEX events_by_single_order;
                        CREATE INDEX events_by_actor ON events(actor);
                        INSERT INTO event_orders (order_id, seq)
                            SELECT order_ids, seq FROM events
                            WHERE order_ids IS NOT NULL AND instr(order_ids, char(31)) = 0;
                        DROP TRIGGER actor_runs_no_update;
                        DROP TRIGGER actor_runs_no_delete;
                        DROP TABLE actor_runs;
                        DELETE FROM grdb_migrations WHERE identifier IN ('v3', 'v4');
                        """
                )
            }
            let oneOrderRecords = before.filter { $0.orderIDs.count == 1 }.count
            let allOrderRows = before.map(\.orderIDs.count).reduce(0, +)
            #expect(oneOrderRecords > 0)
            #expect(try Self.orderRowCount(path) == allOrderRows)
            let reopened = try SQLiteJournal(path: path)
            #expect(try reopened.appliedMigrations() == ["v1", "v2", "v3", "v4", "v5", "v6"])
            // Old rows are found through both indexes and returned once.
            try Self.expectComplete(reopened, before)
            let after = sampleBatch(count: 45, first: 60)
            _ = try reopened.append(after)
            try Self.expectComplete(reopened, before + after)
            #expect(try reopened.verify() == 105)
            try reopened.close()
            // The records appended since are in groups, indexed by `group_orders`.
            #expect(try Self.orderRowCount(path) == allOrderRows)
            let indexes = try withRawDatabase(path) { db in
                try String.fetchAll(
                    db,
                    sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'"
                )
            }
            #expect(!indexes.contains { $0.contains("events_by_actor") }, "\(indexes)")
            #expect(indexes.contains { $0.contains("events_by_single_order") }, "\(indexes)")
        }
    }
}
