import Foundation
import GRDB
import Synchronization

/// Keeps the journal's main file written with zeros some way past its content, so that checkpoints copy pages into
/// blocks the file already has.
///
/// Why: on ext4 an fsync that allocates blocks commits the file system's journal, and the fsyncs of the WAL (every
/// commit, every acknowledgement) queue behind it. A checkpoint appends about 6 MB to the main file every 20,000
/// records; flushing it into new blocks took 15–45 ms here and stalled commits meanwhile, where the same flush over
/// written blocks takes 2–3 ms and stalls nothing. The zeros are written ahead in steps of 1 MB, each synced, with a
/// pause between, so that the allocation is spread thin instead of landing in one flush.
///
/// Safety rests on two rules:
/// - Zeros are only ever written past the current end of the file, while holding the checkpointer's lock, which
///   every checkpoint in this process also holds. Nothing of the database lies past the end of its file, and no
///   checkpoint can be writing there meanwhile. A page the WAL holds beyond the end is later written over the zeros
///   by the checkpoint that copies it. SQLite reads the database's size from its header, never from the file's.
/// - SQLite cuts the file to its content when a checkpoint empties the WAL, and extends it in its own way when a
///   page lands past the end. Before every checkpoint the connection's chunk size
///   (`SQLITE_FCNTL_CHUNK_SIZE`) is set so that both round to exactly the written end (`plan`): the cut and the
///   extension become no-ops. When the file is not at a planned end, or the content has come too close to it, the
///   chunk size is 0 and SQLite behaves as it always does.
final class MainFileReserve: Sendable {
    /// Step of the zero writes, and the granularity of planned ends.
    static let step: Int64 = 1 << 20
    /// The largest chunk size SQLite takes (an `int`), in whole steps.
    static let chunkMax: Int64 = Int64(Int32.max) / step * step

    /// How far past the content the file is kept written.
    let headroom: Int64
    /// Pause after each step of zeros.
    let pause: Duration

    init(headroom: Int64, pause: Duration) {
        self.headroom = max(Self.step, headroom / Self.step * Self.step)
        self.pause = pause
    }

    /// The end to write the file to for `target` bytes, and the chunk size that rounds any size in
    /// (end − chunk, end] up to exactly that end: the end is a multiple of k steps, the chunk is end ÷ k, with k the
    /// fewest parts that fit an `int`.
    static func plan(target: Int64) -> (end: Int64, chunk: Int32) {
        var end = max(step, (target + step - 1) / step * step)
        while true {
            let parts = (end + chunkMax - 1) / chunkMax
            let rounded = (end + parts * step - 1) / (parts * step) * (parts * step)
            if (rounded + chunkMax - 1) / chunkMax == parts { return (rounded, Int32(rounded / parts)) }
            end = rounded
        }
    }

    /// Whether `size` is an end `plan` gives.
    static func isPlannedEnd(_ size: Int64) -> Bool {
        size > 0 && plan(target: size).end == size
    }

    /// The database's content in bytes (its pages, those still in the WAL included).
    static func contentBytes(_ db: Database) throws -> Int64 {
        let pages = try Int64.fetchOne(db, sql: "PRAGMA page_count") ?? 0
        let pageSize = try Int64.fetchOne(db, sql: "PRAGMA page_size") ?? 4_096
        return pages * pageSize
    }

    /// Sets the chunk size of `db`'s main file for the checkpoint about to run on it: the planned one if the file
    /// ends at a planned end at least a step past the content, else 0. Call holding the checkpointer's lock.
    func prepareCheckpoint(_ db: Database) throws {
        let size = try SQLiteFile.main(db).size()
        let content = try Self.contentBytes(db)
        var chunk: Int32 = 0
        if Self.isPlannedEnd(size) && size - content >= Self.step {
            let planned = Self.plan(target: size)
            // The rounding only lands on `size` for content within one chunk of it.
            if size - content < Int64(planned.chunk) { chunk = planned.chunk }
        }
        SQLiteFile.setMainChunkSize(chunk, of: db)
    }

    /// Writes zeros from the end of the file up to the planned end for the content plus the headroom, one step at a
    /// time under `lock` (held by every checkpoint), each step synced, pausing between steps when `paced`.
    ///
    /// - Returns: the bytes written.
    @discardableResult
    func fill(_ db: Database, paced: Bool, lock: borrowing Mutex<Void>) throws -> Int64 {
        let file = try SQLiteFile.main(db)
        let target = Self.plan(target: try Self.contentBytes(db) + headroom).end
        var written: Int64 = 0
        while true {
            let wroteStep = try lock.withLock { _ throws -> Bool in
                // Read under the lock: past this end, nothing of the database can be, or be being written.
                let end = try file.size()
                guard end < target else { return false }
                let stepEnd = min(target, (end / Self.step + 1) * Self.step)
                try file.writeZeros(from: end, to: stepEnd)
                try file.sync()
                written += stepEnd - end
                return true
            }
            guard wroteStep else { return written }
            if paced && pause > .zero { Thread.sleep(forTimeInterval: SQLiteJournal.seconds(pause)) }
        }
    }
}
