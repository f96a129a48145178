import Foundation
import GRDB
import Synchronization

/// Copies committed WAL pages into the journal's main file on a thread of its own.
///
/// SQLite's automatic checkpoint runs inside the commit that crosses its threshold: that commit then also writes and
/// fsyncs megabytes of the main file, which stalls the journal thread (and every acknowledgement waiting on it) for
/// milliseconds. The journal turns the automatic checkpoint off on its writer and asks this thread instead, every
/// `recordsPerCheckpoint` records. A PASSIVE checkpoint runs beside the writer without taking its lock.
///
/// The WAL starts again from its beginning only when a writer's transaction finds every frame copied. Under steady
/// load that never happens by itself: the writer commits while the checkpoint copies, so the checkpoint always ends a
/// few commits short, and the WAL grew without bound (364 MB in 7 s at 50,000 orders/s, every commit's fsync paying
/// for new blocks of the file). After each checkpoint the writer therefore copies those last few commits itself, on
/// its own connection between two transactions (`catchUp`, about a millisecond): its next transaction then restarts
/// the WAL, which stays near the size of one cadence's records and is written over in place.
///
/// The catch-up stalls the writer for a few milliseconds (the commits made during a checkpoint, and an fsync of the
/// main file), so it is asked for only once the WAL holds `restartWALAfterBytes`: with the WAL's first blocks
/// written at open (`Configuration.walPreallocationBytes`), the WAL then starts over before it outgrows them, and the
/// writer pays for a catch-up every few checkpoints instead of after each.
///
/// A failed checkpoint loses nothing (the pages stay in the WAL); it is kept for `lastError` and retried at the next
/// request.
final class BackgroundCheckpointer: Sendable {
    private struct State {
        var requested = false
        var stopping = false
        var lastError: String?
        var completed = 0
    }

    private let connection: DatabaseQueue
    private let state = Mutex(State())
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    /// Set after each checkpoint, taken by the writer's next `catchUp`.
    private let catchUpDue = Atomic<Bool>(false)
    private let restartWALAfterBytes: Int
    let reserve: MainFileReserve?
    /// Held by every checkpoint this process runs on the journal (and by each step of the reserve's zeros): two
    /// checkpoints at once would have one fail with SQLITE_BUSY.
    let checkpointLock = Mutex<Void>(())
    /// Bytes of one WAL frame: a page and its 24-byte header.
    private let frameBytes: Int

    /// - Parameters:
    ///   - restartWALAfterBytes: the WAL's size from which the writer catches up after a checkpoint (0: after
    ///     every checkpoint).
    ///   - reserve: keeps the main file written ahead of its content (nil: SQLite grows it as it does).
    init(path: String, busyTimeout: Double, restartWALAfterBytes: Int, reserve: MainFileReserve?) throws {
        var configuration = GRDB.Configuration()
        configuration.label = "LegateJournal.checkpointer"
        configuration.busyMode = .timeout(busyTimeout)
        connection = try DatabaseQueue(path: path, configuration: configuration)
        frameBytes = 24 + (try connection.read { db in try Int.fetchOne(db, sql: "PRAGMA page_size") } ?? 4_096)
        self.restartWALAfterBytes = restartWALAfterBytes
        self.reserve = reserve
        let thread = Thread { [self] in
            // Copying the WAL is bursts of CPU the engine and journal threads should not have to share.
            BackgroundWorker.nameCurrentThread("legate-checkpt")
            BackgroundWorker.lowerCurrentThreadPriority()
            run()
            finished.signal()
        }
        thread.name = "legate-journal-checkpoint"
        thread.start()
    }

    /// Asks for a checkpoint; requests made while one is pending are merged into it.
    func request() {
        let wakeThread = state.withLock { state -> Bool in
            defer { state.requested = true }
            return !state.requested && !state.stopping
        }
        if wakeThread { wake.signal() }
    }

    /// Checkpoints finished so far, and the last failure (nil once a later checkpoint succeeded).
    var status: (completed: Int, lastError: String?) { state.withLock { ($0.completed, $0.lastError) } }

    /// Stops the thread after the checkpoint in progress, and closes the connection.
    func stop() {
        let wasRunning = state.withLock { state -> Bool in
            defer { state.stopping = true }
            return !state.stopping
        }
        guard wasRunning else { return }
        wake.signal()
        finished.wait()
        try? connection.close()
    }

    /// Copies what the last background checkpoint left (the commits made while it ran) on the writer's connection
    /// `db`, outside any transaction, so that the writer's next transaction restarts the WAL. Does nothing unless a
    /// checkpoint finished since the last call.
    func catchUp(_ db: Database) {
        guard catchUpDue.exchange(false, ordering: .acquiringAndReleasing) else { return }
        do {
            let ran = try whileCheckpointing(waiting: false) { () throws -> Bool in
                try reserve?.prepareCheckpoint(db)
                _ = try db.checkpoint(.passive)
                return true
            }
            // A checkpoint is running or the reserve is being written: the next transaction's call tries again.
            if ran == nil { catchUpDue.store(true, ordering: .releasing) }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            // Another process checkpoints: try again at the next transaction.
            catchUpDue.store(true, ordering: .releasing)
        } catch {
            state.withLock { $0.lastError = "catching up after a checkpoint: \(error)" }
        }
    }

    /// Runs `body` holding `checkpointLock`; without `waiting`, returns nil at once when the lock is taken.
    func whileCheckpointing<T>(waiting: Bool, _ body: () throws -> T) throws -> T? {
        if waiting { return try checkpointLock.withLock { _ in try body() } }
        return try checkpointLock.withLockIfAvailable { _ in try body() }
    }

    private func run() {
        while true {
            wake.wait()
            let stop = state.withLock { state -> Bool in
                state.requested = false
                return state.stopping
            }
            if stop { return }
            checkpointOnce()
        }
    }

    /// One PASSIVE checkpoint on this thread's connection; the writer catches up after it if the WAL has grown to
    /// `restartWALAfterBytes`.
    func checkpointOnce() {
        let failure: String?
        var walBytes = 0
        do {
            walBytes = try connection.writeWithoutTransaction { db -> Int in
                // Outside the lock but for each step, so that the writer's catch-up can run in between.
                try reserve?.fill(db, paced: true, lock: checkpointLock)
                return try whileCheckpointing(waiting: true) { try checkpointAndSync(db) } ?? 0
            }
            failure = nil
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            // Another process checkpoints: nothing failed, the next request tries again.
            return
        } catch {
            failure = "\(error)"
        }
        state.withLock { state in
            state.lastError = failure
            if failure == nil { state.completed += 1 }
        }
        if failure == nil && walBytes >= restartWALAfterBytes { catchUpDue.store(true, ordering: .releasing) }
    }

    /// A PASSIVE checkpoint, then an fsync of the main file; returns the WAL's bytes.
    private func checkpointAndSync(_ db: Database) throws -> Int {
        try reserve?.prepareCheckpoint(db)
        let (frames, _) = try db.checkpoint(.passive)
        // SQLite fsyncs the main file only when a checkpoint copies the whole WAL: that is the writer's catch-up,
        // which would then flush every page the checkpoints before it copied (about 25 MB when the WAL restarts
        // every few checkpoints, 16–28 ms on the writer's thread). Flushed here instead, the catch-up flushes only
        // its own few pages.
        try SQLiteFile.main(db).sync()
        return frames * frameBytes
    }
}
