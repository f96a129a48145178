// Proves snapshots on both implementations: the latest at-or-before a sequence is found, recovery from a snapshot
// plus the records after it rebuilds the same state as a full replay, and snapshots that name no journaled record,
// repeat a sequence or break the size limits are refused.
import Foundation
import GRDB
import LegateCore
import LegateJournal
import Testing

@Suite("Journal snapshots")
struct JournalSnapshotTests {
    /// A stand-in for the engine's state: a running sum over payload bytes and a count, encoded as 16 bytes.
    struct Fold: Equatable {
        var sum: UInt64 = 0
        var count: UInt64 = 0

        mutating func apply(_ record: JournalRecord) {
            sum &+= record.payload.reduce(UInt64(0)) { $0 &+ UInt64($1) } &* record.sequence
            count += 1
        }

        var encoded: [UInt8] { withUnsafeBytes(of: (sum.bigEndian, count.bigEndian)) { Array($0) } }

        init() {}
        init(decoding bytes: [UInt8]) {
            for (index, byte) in bytes.enumerated() {
                if index < 8 { sum = sum << 8 | UInt64(byte) } else { count = count << 8 | UInt64(byte) }
            }
        }
    }

    @Test(arguments: JournalKind.allCases)
    func latestSnapshotAtOrBefore(kind: JournalKind) throws {
        try withJournal(kind) { journal throws in
            _ = try journal.append(sampleBatch(count: 30))
            #expect(try journal.latestSnapshot(atOrBefore: .max) == nil)
            let at10 = JournalSnapshot(sequence: 10, time: .seconds(10), state: [10], stateHash: [0xA])
            let at25 = JournalSnapshot(sequence: 25, time: .seconds(25), state: [], stateHash: [0xB, 0xC])
            try journal.saveSnapshot(at25)
            try journal.saveSnapshot(at10)
            #expect(try journal.latestSnapshot(atOrBefore: 9) == nil)
            #expect(try journal.latestSnapshot(atOrBefore: 10) == at10)
            #expect(try journal.latestSnapshot(atOrBefore: 24) == at10)
            #expect(try journal.latestSnapshot(atOrBefore: 25) == at25)
            #expect(try journal.latestSnapshot(atOrBefore: .max) == at25)
        }
    }

    @Test(arguments: JournalKind.allCases)
    func snapshotPlusLaterRecordsRebuildsTheFullReplayState(kind: JournalKind) throws {
        try withJournal(kind) { journal throws in
            // Given a live "engine" that snapshots after the second batch
            var live = Fold()
            for (index, first) in stride(from: 0, to: 100, by: 20).enumerated() {
                let range = try journal.append(sampleBatch(count: 20, first: first))
                for record in try journal.records(from: range.lowerBound, limit: 20) { live.apply(record) }
                if index == 1 {
                    try journal.saveSnapshot(
                        JournalSnapshot(
                            sequence: range.upperBound,
                            time: .seconds(2),
                            state: live.encoded,
                            stateHash: [1]
                        )
                    )
                }
            }
            // When recovering from the latest snapshot plus the records after it
            let snapshot = try #require(try journal.latestSnapshot(atOrBefore: .max))
            var recovered = Fold(decoding: snapshot.state)
            var replay = try journal.makeReplay(from: snapshot.sequence + 1)
            while let record = try replay.next() { recovered.apply(record) }
            // Then the state equals both the live one and a replay from the start
            var full = Fold()
            for record in try replayAll(journal) { full.apply(record) }
            #expect(snapshot.sequence == 40)
            #expect(recovered == live)
            #expect(full == live)
        }
    }

    @Test(arguments: JournalKind.allCases)
    func badSnapshotsAreRefused(kind: JournalKind) throws {
        try withJournal(kind) { journal throws in
            _ = try journal.append(sampleBatch(count: 5))
            let good = JournalSnapshot(sequence: 5, time: .seconds(5), state: [1], stateHash: [1])
            try journal.saveSnapshot(good)
            let duplicate = #expect(throws: JournalError.self) { try journal.saveSnapshot(good) }
            guard case .snapshotExists(_, 5) = duplicate else {
                Issue.record("expected snapshotExists, got \(String(describing: duplicate))")
                return
            }
            var beyond = good
            beyond.sequence = 6
            var zero = good
            zero.sequence = 0
            var noHash = good
            noHash.sequence = 4
            noHash.stateHash = []
            var longHash = good
            longHash.sequence = 4
            longHash.stateHash = Array(repeating: 1, count: JournalLimits.stateHashBytesMax + 1)
            for bad in [beyond, zero, noHash, longHash] {
                let error = #expect(throws: JournalError.self) { try journal.saveSnapshot(bad) }
                guard case .invalidArgument = error else {
                    Issue.record("expected invalidArgument, got \(String(describing: error))")
                    continue
                }
            }
            #expect(try journal.latestSnapshot(atOrBefore: .max) == good)
        }
    }

    @Test
    func snapshotsSurviveReopen() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory.appendingPathComponent("j.sqlite").path
            let snapshot = JournalSnapshot(
                sequence: 3,
                time: .seconds(3),
                state: Array(repeating: 0x5A, count: 100_000),
                stateHash: Array(repeating: 0xEE, count: 32)
            )
            do {
                let journal = try SQLiteJournal(path: path)
                _ = try journal.append(sampleBatch(count: 3))
                try journal.saveSnapshot(snapshot)
                try journal.close()
            }
            let journal = try SQLiteJournal(path: path)
            #expect(try journal.latestSnapshot(atOrBefore: .max) == snapshot)
        }
    }

    /// A journal whose snapshots of more than 64 bytes are stored in parts of 64 bytes.
    static func partedJournal(_ path: String) throws -> SQLiteJournal {
        try SQLiteJournal(path: path, configuration: .init(snapshotPartBytes: 64))
    }

    static func snapshotRows(_ path: String) throws -> (parts: Int, partSeqs: [Int64], inlineBytes: [Int]) {
        try withRawDatabase(path) { db throws in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM snapshot_parts") ?? -1,
                try Int64.fetchAll(db, sql: "SELECT DISTINCT seq FROM snapshot_parts ORDER BY seq"),
                try Int.fetchAll(db, sql: "SELECT length(state) FROM snapshots ORDER BY seq")
            )
        }
    }

    @Test
    func largeStatesAreStoredInPartsAndReadBackWhole() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory.appendingPathComponent("j.sqlite").path
            var generator = SplitMix64(seed: 7)
            let large = JournalSnapshot(
                sequence: 4,
                time: .seconds(4),
                state: (0..<1_000).map { _ in UInt8.random(in: 0...255, using: &generator) },
                stateHash: [9, 9]
            )
            // Exactly one part's worth stays inline; one byte more is two parts.
            let inline = JournalSnapshot(
                sequence: 2,
                time: .seconds(2),
                state: Array(repeating: 1, count: 64),
                stateHash: [1]
            )
            let twoParts = JournalSnapshot(
                sequence: 6,
                time: .seconds(6),
                state: Array(repeating: 2, count: 65),
                stateHash: [2]
            )
            do {
                let journal = try Self.partedJournal(path)
                _ = try journal.append(sampleBatch(count: 8))
                try journal.saveSnapshot(inline)
                try journal.saveSnapshot(large)
                try journal.saveSnapshot(twoParts)
                #expect(try journal.latestSnapshot(atOrBefore: 5) == large)
                try journal.close()
            }
            let rows = try Self.snapshotRows(path)
            #expect(rows.parts == 16 + 2)
            #expect(rows.partSeqs == [4, 6])
            #expect(rows.inlineBytes == [64, 0, 0])
            // A journal opened with another part size reads them all the same.
            let reopened = try SQLiteJournal(path: path)
            #expect(try reopened.latestSnapshot(atOrBefore: 3) == inline)
            #expect(try reopened.latestSnapshot(atOrBefore: 5) == large)
            #expect(try reopened.latestSnapshot(atOrBefore: .max) == twoParts)
            #expect(throws: JournalError.self) { try reopened.saveSnapshot(large) }
        }
    }

    @Test
    func partsLeftByAnInterruptedSaveAreIgnored() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory.appendingPathComponent("j.sqlite").path
            let journal = try Self.partedJournal(path)
            _ = try journal.append(sampleBatch(count: 5))
            // What a crash between the parts and the snapshot row leaves: parts of sequence 5 no snapshot names.
            try withRawDatabase(path) { db throws in
                for _ in 0..<3 {
                    try db.execute(sql: "INSERT INTO snapshot_parts (seq, bytes) VALUES (5, zeroblob(64))")
                }
            }
            #expect(try journal.latestSnapshot(atOrBefore: .max) == nil)
            let snapshot = JournalSnapshot(sequence: 5, time: .seconds(5), state: Array(0..<200), stateHash: [5])
            try journal.saveSnapshot(snapshot)
            #expect(try journal.latestSnapshot(atOrBefore: .max) == snapshot)
            #expect(try Self.snapshotRows(path).parts == 3 + 4)
        }
    }

    @Test
    func aDamagedOrMissingPartIsAnErrorNamingTheSnapshot() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory.appendingPathComponent("j.sqlite").path
            let journal = try Self.partedJournal(path)
            _ = try journal.append(sampleBatch(count: 5))
            let snapshot = JournalSnapshot(sequence: 3, time: .seconds(3), state: Array(0..<200), stateHash: [3])
            try journal.saveSnapshot(snapshot)
            let firstPart = try withRawDatabase(path) { db throws in
                try Int64.fetchOne(db, sql: "SELECT min(id) FROM snapshot_parts") ?? -1
            }
            // A changed byte in a part fails the snapshot's checksum.
            try tamper(
                path,
                table: "snapshot_parts",
                "UPDATE snapshot_parts SET bytes = zeroblob(64) WHERE id = \(firstPart + 1)"
            )
            let changed = #expect(throws: JournalError.self) { try journal.latestSnapshot(atOrBefore: .max) }
            guard case .snapshotChecksumMismatch(_, 3) = changed else {
                Issue.record("expected a checksum mismatch at 3, got \(String(describing: changed))")
                return
            }
            // A missing part is named as such.
            try tamper(path, table: "snapshot_parts", "DELETE FROM snapshot_parts WHERE id = \(firstPart + 3)")
            let missing = #expect(throws: JournalError.self) { try journal.latestSnapshot(atOrBefore: .max) }
            guard case .undecodableColumn(_, 3, "snapshot_parts", let reason) = missing else {
                Issue.record("expected the missing part named, got \(String(describing: missing))")
                return
            }
            #expect(reason == "3 of 4 parts present")
        }
    }
}
