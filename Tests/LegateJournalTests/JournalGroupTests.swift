// Journal v5 stores records in groups of consecutive records: one row, one checksum and one index row per order for
// up to 64 records. Proves the layout (rows, order and kind index rows), that reads, audits and snapshots address
// single records inside groups and across the boundary with rows written before v5, and that a damaged group is
// refused with its sequence named while reads that do not touch it still work.
import Foundation
import GRDB
import LegateCore
import Testing

@testable import LegateJournal

@Suite struct JournalGroupTests {
    static func count(_ path: String, _ sql: String) throws -> Int {
        try withRawDatabase(path) { db in try Int.fetchOne(db, sql: sql) ?? -1 }
    }

    @Test func aBatchIsStoredInGroupsOfAtMostSixtyFourRecords() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("j.sqlite").path
            let journal = try SQLiteJournal(path: path)
            let batch = sampleBatch(count: 150)
            #expect(try journal.append(batch) == 1...150)
            try journal.close()
            let groups = try withRawDatabase(path) { db in
                try Row.fetchAll(db, sql: "SELECT first_seq, last_seq FROM record_groups ORDER BY first_seq")
                    .map { row -> String in "\(row[0] as Int64)-\(row[1] as Int64)" }
            }
            #expect(groups == ["1-64", "65-128", "129-150"])
            #expect(try Self.count(path, "SELECT count(*) FROM events") == 0)
            // One index row per order per group, and one per record of an audited kind.
            let orderRows = stride(from: 0, to: 150, by: 64).map { start in
                Set(batch[start..<min(start + 64, 150)].flatMap(\.orderIDs)).count
            }.reduce(0, +)
            #expect(try Self.count(path, "SELECT count(*) FROM group_orders") == orderRows)
            let audited = batch.filter { !SQL.isFlowKind($0.kind) }.count
            #expect(audited > 0 && audited < 150)
            #expect(try Self.count(path, "SELECT count(*) FROM group_kinds") == audited)
        }
    }

    /// A group's order rows are written up to 64 a statement: 200 orders in one group take four statements.
    @Test func everyOrderOfAGroupIsIndexedPastOneStatementsRows() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("j.sqlite").path
            let journal = try SQLiteJournal(path: path)
            let batch = (0..<10).map { record in
                NewJournalRecord(
                    time: .seconds(Int64(record)),
                    kind: "order.cancel_all",
                    actor: "risk",
                    orderIDs: (0..<20).map { "O-\(record * 20 + $0)" },
                    payload: [UInt8(record)]
                )
            }
            _ = try journal.append(batch)
            #expect(try Self.count(path, "SELECT count(*) FROM group_orders") == 200)
            for order in [0, 63, 64, 127, 128, 199] {
                #expect(try journal.history(orderID: "O-\(order)").map(\.sequence) == [UInt64(order / 20 + 1)])
            }
            try journal.close()
        }
    }

    @Test func rowsFromBeforeVersionFiveAndGroupsReadAsOneJournal() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("j.sqlite").path
            let journal = try SQLiteJournal(path: path)
            let rows = sampleBatch(count: 30)
            let grouped = sampleBatch(count: 100, first: 30)
            #expect(try journal.appendRows(rows) == 1...30)
            #expect(try journal.append(grouped) == 31...130)
            let all = rows + grouped
            #expect(try journal.verify() == 130)
            #expect(try replayAll(journal, chunkSize: 7).map(\.unsequenced) == all)
            // From inside a group, and across the boundary.
            #expect(try journal.records(from: 70, limit: 5).map(\.sequence) == [70, 71, 72, 73, 74])
            #expect(try journal.records(from: 28, limit: 5).map(\.unsequenced) == Array(all[27..<32]))
            #expect(try journal.records(from: 131, limit: 5).isEmpty)
            // After the last sequence a journal may hold, every audit is empty (and nothing overflows).
            let last = UInt64(Int64.max)
            for filter in [AuditFilter.orderID("O-1"), .actor("alice"), .kind("order.filled"), .kind("limit.changed")] {
                #expect(try journal.audit(filter, after: last, limit: 10).isEmpty, "\(filter)")
            }
            try JournalOrderIndexTests.expectComplete(journal, all)
            for kind in ["order.filled", "limit.changed"] {
                let expected = all.indices.filter { all[$0].kind == kind }.map { UInt64($0 + 1) }
                #expect(try journal.records(kind: kind).map(\.sequence) == expected)
                var paged: [UInt64] = []
                while case let page = try journal.records(kind: kind, after: paged.last ?? 0, limit: 3), !page.isEmpty {
                    paged += page.map(\.sequence)
                }
                #expect(paged == expected)
            }
            // Snapshots at a row, at a group's end and inside a group.
            for sequence: UInt64 in [20, 94, 100] {
                let snapshot = JournalSnapshot(sequence: sequence, time: .seconds(1), state: [1], stateHash: [2])
                try journal.saveSnapshot(snapshot)
                #expect(try journal.latestSnapshot(atOrBefore: sequence) == snapshot)
            }
            try journal.close()
        }
    }

    /// A closed journal of 150 records in groups 1-64, 65-128, 129-150.
    func withDamagedGroups(_ damage: (String) throws -> Void, check: (SQLiteJournal) throws -> Void) throws {
        try withTemporaryDirectory { directory throws in
            let path = directory.appendingPathComponent("j.sqlite").path
            let journal = try SQLiteJournal(path: path)
            _ = try journal.append(sampleBatch(count: 150))
            try journal.close()
            try damage(path)
            let reopened = try SQLiteJournal(path: path)
            defer { try? reopened.close() }
            try check(reopened)
        }
    }

    @Test func anAlteredGroupIsAChecksumMismatchAtItsFirstSequence() throws {
        try withDamagedGroups { path throws in
            // A byte of a payload, the encoding still well formed.
            try tamper(
                path,
                table: "record_groups",
                """
                UPDATE record_groups SET records = CAST(substr(records, 1, length(records) - 1) || x'FF' AS BLOB)
                WHERE first_seq = 65
                """
            )
        } check: { journal throws in
            let error = #expect(throws: JournalError.self) { try journal.verify() }
            guard case .checksumMismatch(_, 65) = error else {
                Issue.record("expected checksumMismatch at 65, got \(String(describing: error))")
                return
            }
            #expect(throws: JournalError.self) { try journal.records(from: 100, limit: 1) }
            // The damage is located: the groups before and after it still read.
            #expect(try journal.records(from: 1, limit: 64).count == 64)
            #expect(try journal.records(from: 129, limit: 100).count == 22)
        }
    }

    @Test func aDeletedGroupIsAGapNamingItsFirstSequence() throws {
        try withDamagedGroups { path throws in
            try tamper(path, table: "group_orders", "DELETE FROM group_orders WHERE first_seq = 65")
            try tamper(path, table: "record_groups", "DELETE FROM record_groups WHERE first_seq = 65")
        } check: { journal throws in
            let error = #expect(throws: JournalError.self) { try journal.verify() }
            guard case .sequenceGap(_, 65, 129) = error else {
                Issue.record("expected a gap at 65, got \(String(describing: error))")
                return
            }
            // A read after the gap cannot verify its first group without the missing predecessor: it names the gap.
            let after = #expect(throws: JournalError.self) { try journal.records(from: 129, limit: 100) }
            guard case .sequenceGap(_, 65, 129) = after else {
                Issue.record("expected a gap at 65, got \(String(describing: after))")
                return
            }
        }
    }

    @Test(arguments: ["x'00'", "x'01'", "x'0140'", "CAST(records || x'00' AS BLOB)"])
    func anUndecodableGroupIsNamed(records: String) throws {
        try withDamagedGroups { path throws in
            try tamper(
                path,
                table: "record_groups",
                "UPDATE record_groups SET records = \(records) WHERE first_seq = 129"
            )
        } check: { journal throws in
            let error = #expect(throws: JournalError.self) { try journal.records(from: 120, limit: 100) }
            guard case .undecodableColumn(_, let sequence, "records", _) = error else {
                Issue.record("expected an undecodable records column, got \(String(describing: error))")
                return
            }
            #expect((129...150).contains(sequence))
        }
    }

    /// A group claiming a trillion records (its sequences and count forged to agree) is refused, not reserved for.
    @Test func aGroupClaimingMoreRecordsThanItsBytesIsUndecodable() throws {
        try withDamagedGroups { path throws in
            // Version 1, then 10^12 as a LEB128 varint, and nothing else.
            var count: UInt64 = 1_000_000_000_000
            var bytes: [UInt8] = [1]
            while count >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: count) | 0x80)
                count >>= 7
            }
            bytes.append(UInt8(count))
            let hex = bytes.map { String($0, radix: 16) }.map { $0.count == 1 ? "0" + $0 : $0 }.joined()
            try tamper(
                path,
                table: "record_groups",
                "UPDATE record_groups SET last_seq = 128 + 1000000000000, records = x'\(hex)' WHERE first_seq = 129"
            )
        } check: { journal throws in
            let error = #expect(throws: JournalError.self) { try journal.records(from: 129, limit: 10) }
            guard case .undecodableColumn(_, 129, "records", let reason) = error else {
                Issue.record("expected an undecodable records column at 129, got \(String(describing: error))")
                return
            }
            #expect(reason.contains("cannot fit"))
        }
    }

    @Test func aForgedOrderOrKindIndexRowIsAnIndexMismatch() throws {
        try withDamagedGroups { path throws in
            try withRawDatabase(path) { db in
                try db.execute(sql: "INSERT INTO group_orders (order_id, first_seq) VALUES ('O-forged', 65)")
                try db.execute(sql: "INSERT INTO group_kinds (kind, seq) VALUES ('limit.forged', 70)")
            }
        } check: { journal throws in
            for body in [
                { () throws -> [JournalRecord] in try journal.history(orderID: "O-forged") },
                { () throws -> [JournalRecord] in try journal.records(kind: "limit.forged") },
            ] {
                let error = #expect(throws: JournalError.self) { try body() }
                guard case .indexMismatch = error else {
                    Issue.record("expected indexMismatch, got \(String(describing: error))")
                    continue
                }
            }
        }
    }
}
