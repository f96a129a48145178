// A journal opened read-only (replay, audit and verification beside a running node, or on a copy kept as evidence)
// reads everything a writer reads, refuses every write with a clear error, and leaves the file's bytes unchanged; a
// journal from an older build is refused, not silently read without its newer indexes.
import Crypto
import Foundation
import GRDB
import LegateCore
import Testing

@testable import LegateJournal

@Suite struct JournalReadOnlyTests {
    static func digest(_ path: String) throws -> [UInt8] {
        Array(SHA256.hash(data: try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    /// A closed journal of 40 records and a snapshot, fully checkpointed into its main file.
    /// `rows`: in one row per record, as builds before v5 wrote.
    static func writeJournal(_ path: String, rows: Bool = false) throws -> [NewJournalRecord] {
        let writer = try SQLiteJournal(path: path)
        let batch = sampleBatch(count: 40)
        _ = try rows ? writer.appendRows(batch) : writer.append(batch)
        try writer.saveSnapshot(JournalSnapshot(sequence: 20, time: .seconds(20), state: [7, 7], stateHash: [1]))
        try writer.close()
        return batch
    }

    @Test func aReaderReadsEverythingAndChangesNothing() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("j.sqlite").path
            let batch = try Self.writeJournal(path)
            let before = try Self.digest(path)
            let reader = try SQLiteJournal(path: path, configuration: .reading)
            #expect(reader.isReadOnly)
            #expect(try reader.latestSequence() == 40)
            #expect(try replayAll(reader).map(\.payload) == batch.map(\.payload))
            #expect(try reader.verify() == 40)
            #expect(try reader.latestSnapshot(atOrBefore: 40)?.sequence == 20)
            try JournalOrderIndexTests.expectComplete(reader, batch)
            try reader.close()
            #expect(try Self.digest(path) == before)
        }
    }

    @Test func aReaderRefusesEveryWrite() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("j.sqlite").path
            _ = try Self.writeJournal(path)
            let reader = try SQLiteJournal(path: path, configuration: .reading)
            let writes: [(String, () throws(JournalError) -> Void)] = [
                ("append", { () throws(JournalError) in _ = try reader.append(sampleBatch(count: 1, first: 40)) }),
                (
                    "save a snapshot",
                    { () throws(JournalError) in
                        try reader.saveSnapshot(
                            JournalSnapshot(sequence: 40, time: .seconds(40), state: [1], stateHash: [1])
                        )
                    }
                ),
                ("checkpoint", { () throws(JournalError) in try reader.checkpoint() }),
            ]
            for (operation, write) in writes {
                let error = #expect(throws: JournalError.self) { try write() }
                guard case .readOnly(path, operation) = error else {
                    Issue.record("\(operation): expected readOnly, got \(String(describing: error))")
                    continue
                }
                #expect(error?.description.contains("opened read-only, cannot \(operation)") == true)
            }
            #expect(try reader.latestSequence() == 40)
        }
    }

    @Test func nothingIsCreatedWhereThereIsNoJournal() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("absent.sqlite").path
            let error = #expect(throws: JournalError.self) {
                try SQLiteJournal(path: path, configuration: .reading)
            }
            guard case .invalidArgument(let name, _, let reason) = error else {
                Issue.record("expected invalidArgument, got \(String(describing: error))")
                return
            }
            #expect(name == "path" && reason.contains("read-only"))
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }

    @Test func aJournalFromAnOlderBuildIsRefusedUntilAWriterUpgradesIt() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("j.sqlite").path
            let batch = try Self.writeJournal(path, rows: true)
            // Back to v3: no actor runs and no groups yet.
            try withRawDatabase(path) { db in
                try db.execute(
                    sql: """
                        DROP TRIGGER actor_runs_no_update;
                        DROP TRIGGER actor_runs_no_delete;
                        DROP TABLE actor_runs;
                        CREATE INDEX events_by_actor ON events(actor) WHERE actor IS NOT NULL;
                        DELETE FROM grdb_migrations WHERE identifier IN ('v4', 'v5', 'v6');
                        """
                )
                for table in ["group_kinds", "group_orders", "record_groups", "snapshot_parts"] {
                    try db.execute(sql: "DROP TRIGGER \(table)_no_update; DROP TRIGGER \(table)_no_delete")
                    try db.execute(sql: "DROP TABLE \(table)")
                }
            }
            let error = #expect(throws: JournalError.self) {
                try SQLiteJournal(path: path, configuration: .reading)
            }
            guard case .schemaTooOld(path, ["v4", "v5", "v6"]) = error else {
                Issue.record("expected schemaTooOld v4 v5 v6, got \(String(describing: error))")
                return
            }
            try SQLiteJournal(path: path).close()
            let reader = try SQLiteJournal(path: path, configuration: .reading)
            try JournalOrderIndexTests.expectComplete(reader, batch)
        }
    }

    @Test func aReaderStillChecksTheAppendOnlyGuards() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("j.sqlite").path
            _ = try Self.writeJournal(path)
            try withRawDatabase(path) { db in try db.execute(sql: "DROP TRIGGER events_no_update") }
            let error = #expect(throws: JournalError.self) {
                try SQLiteJournal(path: path, configuration: .reading)
            }
            guard case .schemaInvalid(_, let reason) = error else {
                Issue.record("expected schemaInvalid, got \(String(describing: error))")
                return
            }
            #expect(reason.contains("events_no_update"))
        }
    }
}
