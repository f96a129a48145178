// The kind index holds only audited kinds: queries for them use it, queries for flow kinds read in sequence, and both
// return exactly the records of their kind; a v1 journal is migrated to the partial index.
import Foundation
import GRDB
import LegateCore
import Testing

@testable import LegateJournal

@Suite struct JournalKindIndexTests {
    @Test func auditedKindsUseThePartialIndexAndFlowKindsAreStillFound() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("j.sqlite").path
            let journal = try SQLiteJournal(path: path)
            let batch = sampleBatch(count: 120)
            _ = try journal.append(batch)
            for kind in ["order.filled", "limit.changed", "limits", "package.legged"] {
                let expected = batch.indices.filter { batch[$0].kind == kind }.map { UInt64($0 + 1) }
                #expect(try journal.audit(.kind(kind), after: 0, limit: 1_000).map(\.sequence) == expected)
            }
            for prefix in ["limit.", "order.", "o", "l", "pack"] {
                let expected = batch.indices.filter { batch[$0].kind.hasPrefix(prefix) }.map { UInt64($0 + 1) }
                #expect(try journal.audit(.kindPrefix(prefix), after: 0, limit: 1_000).map(\.sequence) == expected)
            }
            #expect(SQL.mayBeFlowKind(prefix: "order.place") && SQL.mayBeFlowKind(prefix: "o"))
            #expect(!SQL.mayBeFlowKind(prefix: "limit.") && !SQL.mayBeFlowKind(prefix: "approval.approve"))
            try journal.close()
            let plan = try withRawDatabase(path) { db in
                try Row.fetchAll(
                    db,
                    sql: "EXPLAIN QUERY PLAN " + SQL.auditByKind(exact: false),
                    arguments: ["limit.", "limit.\u{7F}", 0, 10]
                ).map { row -> String in row["detail"] }
            }
            #expect(plan.contains { $0.contains("events_by_audited_kind") }, "plan: \(plan)")
            #expect(plan.contains { $0.contains("SEARCH group_kinds USING PRIMARY KEY") }, "plan: \(plan)")
            #expect(!plan.contains { $0.hasPrefix("SCAN") }, "plan: \(plan)")
        }
    }

    @Test func aVersionOneJournalMovesToThePartialIndex() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("j.sqlite").path
            let journal = try SQLiteJournal(path: path)
            _ = try journal.appendRows(sampleBatch(count: 30))
            try journal.close()
            // Back to v1's schema, as a journal written before v2 has it.
            try withRawDatabase(path) { db in
                try db.execute(
                    sql: """
                        DROP INDEX events_by_audited_kind;
                        CREATE INDEX events_by_kind ON events(kind);
                        DELETE FROM grdb_migrations WHERE identifier = 'v2';
                        """
                )
            }
            let reopened = try SQLiteJournal(path: path)
            #expect(try reopened.appliedMigrations() == ["v1", "v2", "v3", "v4", "v5", "v6"])
            #expect(try reopened.audit(.kindPrefix("limit."), after: 0, limit: 100).count == 10)
            try reopened.close()
            let indexes = try withRawDatabase(path) { db in
                try String.fetchAll(
                    db,
                    sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'"
                )
            }
            #expect(indexes.contains("events_by_audited_kind") && !indexes.contains("events_by_kind"))
        }
    }
}
