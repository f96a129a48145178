// Proves snapshots on both implementations: the latest at-or-before a sequence is found, recovery from a snapshot
// plus the records after it rebuilds the same state as a full replay, and snapshots that name no journaled record,
// repeat a sequence or break the size limits are refused.
import Foundation
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
}
