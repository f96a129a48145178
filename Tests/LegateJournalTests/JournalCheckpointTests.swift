// The WAL is copied into the main file by the background checkpointer, never inside a commit: the writer's automatic
// checkpoint is off, checkpoints happen as records accumulate, and nothing is lost or reordered by them.
import Foundation
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
}
