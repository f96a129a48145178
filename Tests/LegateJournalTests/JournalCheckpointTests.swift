// The WAL is copied into the main file by the background checkpointer, never inside a commit: the writer's automatic
// checkpoint is off, checkpoints happen as records accumulate, and nothing is lost or reordered by them.
import Foundation
import LegateCore
import LegateJournal
import Testing

@Suite struct JournalCheckpointTests {
    static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }

    @Test func theWriterNeverCheckpointsInsideACommitAndTheCheckpointerDoes() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("j.sqlite").path
            let journal = try SQLiteJournal(
                path: path,
                configuration: .init(checksStorageOnOpen: false, recordsPerCheckpoint: 200)
            )
            #expect(try journal.durabilitySettings().walAutocheckpoint == 0)
            let sizeBefore = Self.fileSize(path)
            for batch in 0..<20 { _ = try journal.append(sampleBatch(count: 50, first: batch * 50)) }
            // The checkpointer runs on its own thread: wait for it (at most five seconds).
            var waited = 0
            while journal.checkpointStatus.completed == 0 && waited < 500 {
                usleep(10_000)
                waited += 1
            }
            #expect(journal.checkpointStatus.completed >= 1)
            #expect(journal.checkpointStatus.lastError == nil)
            // Pages moved from the WAL into the main file while the journal stayed open.
            #expect(Self.fileSize(path) > sizeBefore)
            #expect(try journal.verify() == 1_000)
            #expect(try replayAll(journal).map(\.sequence) == Array(1...1_000))
            try journal.close()
            let reopened = try SQLiteJournal(path: path)
            #expect(try reopened.latestSequence() == 1_000)
            try reopened.close()
        }
    }

    @Test func withoutTheCheckpointerSQLiteCheckpointsAsBefore() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("j.sqlite").path
            let journal = try SQLiteJournal(path: path, configuration: .init(recordsPerCheckpoint: nil))
            #expect(try journal.durabilitySettings().walAutocheckpoint == 1_000)
            _ = try journal.append(sampleBatch(count: 10))
            #expect(journal.checkpointStatus.completed == 0)
            try journal.close()
        }
    }

    /// A snapshot's parts fill the WAL like records, so they count towards the cadence: a journal that appends
    /// nothing more still has its WAL checkpointed while a large snapshot is written, and pauses between the parts.
    @Test func snapshotPartsCountTowardsTheCheckpointCadenceAndArePaced() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("j.sqlite").path
            let journal = try SQLiteJournal(
                path: path,
                configuration: .init(
                    checksStorageOnOpen: false,
                    recordsPerCheckpoint: 20,
                    snapshotPartBytes: 3_000,
                    snapshotPartPause: .milliseconds(5)
                )
            )
            _ = try journal.append(sampleBatch(count: 5))
            #expect(journal.checkpointStatus.completed == 0)
            // 40 parts of 3,000 bytes count as 10 records each: 400 records, 20 checkpoint requests.
            let snapshot = JournalSnapshot(
                sequence: 5,
                time: .seconds(5),
                state: (0..<120_000).map { UInt8(truncatingIfNeeded: $0 &* 31) },
                stateHash: [1]
            )
            let started = ContinuousClock.now
            try journal.saveSnapshot(snapshot)
            // 39 pauses of 5 ms between the 40 parts.
            #expect(ContinuousClock.now - started >= .milliseconds(39 * 5))
            var waited = 0
            while journal.checkpointStatus.completed == 0 && waited < 500 {
                usleep(10_000)
                waited += 1
            }
            #expect(journal.checkpointStatus.completed >= 1)
            #expect(journal.checkpointStatus.lastError == nil)
            #expect(try journal.latestSnapshot(atOrBefore: .max) == snapshot)
            try journal.close()
        }
    }
}
