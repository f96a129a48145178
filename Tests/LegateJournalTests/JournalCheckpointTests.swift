// The WAL is copied into the main file by the background checkpointer, never inside a commit: the writer's automatic
// checkpoint is off, checkpoints happen as records accumulate, and nothing is lost or reordered by them.
import Foundation
import GRDB
import LegateCore
import Testing

@testable import LegateJournal

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
            // The checkpointer runs on its own thread.
            waitForCheckpoints(journal, atLeast: 1)
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
            waitForCheckpoints(journal, atLeast: 1)
            #expect(try journal.latestSnapshot(atOrBefore: .max) == snapshot)
            try journal.close()
        }
    }

    /// Frames in the WAL since it last started over (SQLite's `mxFrame`), read on a connection of its own. The probe
    /// is a checkpoint itself: take it only where copying everything changes nothing the test looks at.
    static func walFrames(_ path: String) throws -> Int {
        try withRawDatabase(path) { db throws in
            try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(PASSIVE)")?[1] ?? -1
        }
    }

    /// Under load the background checkpoint ends a few commits short, so the WAL never started over and grew without
    /// bound. A reader pinning the WAL stands in for those commits here: the checkpoint copies only up to it. The
    /// writer's catch-up then copies the rest before its next transaction, which restarts the WAL; with a preallocated
    /// WAL, only once the WAL holds three quarters of it. Returns the WAL's frames after the last append.
    static func framesAfterACheckpointThatEndedShort(_ path: String, walPreallocationBytes: Int) throws -> Int {
        // Checkpoints only when the test runs one.
        let journal = try SQLiteJournal(
            path: path,
            configuration: .init(recordsPerCheckpoint: 1_000_000, walPreallocationBytes: walPreallocationBytes)
        )
        let checkpointer = try #require(journal.checkpointer)
        _ = try journal.append(sampleBatch(count: 100))
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        let reader = try DatabaseQueue(path: path, configuration: configuration)
        try reader.inDatabase { db in
            try db.beginTransaction(.deferred)
            _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM record_groups")
        }
        _ = try journal.append(sampleBatch(count: 100, first: 100))
        checkpointer.checkpointOnce()
        try reader.inDatabase { db in try db.commit() }
        try reader.close()
        _ = try journal.append(sampleBatch(count: 10, first: 200))
        let frames = try walFrames(path)
        #expect(checkpointer.status.lastError == nil)
        #expect(try journal.verify() == 210)
        #expect(try replayAll(journal).map(\.sequence) == Array(1...210))
        try journal.close()
        return frames
    }

    @Test func theWriterCatchesUpAfterACheckpointSoTheWALStartsOver() throws {
        try withTemporaryDirectory { directory in
            let frames = try Self.framesAfterACheckpointThatEndedShort(
                directory.appendingPathComponent("j.sqlite").path,
                walPreallocationBytes: 0
            )
            // The WAL started over at the last append: it holds that transaction's few frames only.
            #expect(frames > 0 && frames < 10, "\(frames) WAL frames after the last append")
        }
    }

    @Test func withAPreallocatedWALTheWriterCatchesUpOnlyOnceItIsThreeQuartersFull() throws {
        try withTemporaryDirectory { directory in
            // 4 MB preallocated: 210 records are far from 3 MB of WAL, so the WAL goes on from where it was (it holds
            // more than the last append's few frames).
            let frames = try Self.framesAfterACheckpointThatEndedShort(
                directory.appendingPathComponent("j.sqlite").path,
                walPreallocationBytes: 4 << 20
            )
            #expect(frames >= 10, "\(frames) WAL frames after the last append")
        }
    }

    /// The WAL's first blocks are written at open; zeros are no frames, so a journal copied mid-run (what a crash
    /// leaves) recovers every committed record from a WAL whose tail is still zeros.
    @Test func aPreallocatedWALHoldsAndRecoversEveryRecord() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("j.sqlite").path
            let copy = directory.appendingPathComponent("copy.sqlite").path
            let journal = try SQLiteJournal(
                path: path,
                configuration: .init(recordsPerCheckpoint: nil, walPreallocationBytes: 1 << 20)
            )
            #expect(Self.fileSize(path + "-wal") == 1 << 20)
            _ = try journal.append(sampleBatch(count: 50))
            _ = try journal.append(sampleBatch(count: 50, first: 50))
            #expect(Self.fileSize(path + "-wal") == 1 << 20)
            for suffix in ["", "-wal"] {
                try FileManager.default.copyItem(atPath: path + suffix, toPath: copy + suffix)
            }
            try journal.close()
            let recovered = try SQLiteJournal(path: copy)
            #expect(try recovered.verify() == 100)
            #expect(try replayAll(recovered).map(\.sequence) == Array(1...100))
            try recovered.close()
            // Reopening preallocates again, after the records were copied into the main file.
            let reopened = try SQLiteJournal(path: path, configuration: .node)
            #expect(Self.fileSize(path + "-wal") == 128 << 20)
            #expect(try reopened.latestSequence() == 100)
            try reopened.close()
        }
    }
}
