internal import DequeModule
internal import Foundation
public import LegateCore
public import LegateEngine
internal import LegateJournal
public import LegateModel
internal import Synchronization

/// The single writer in a running node: clients on any thread submit inputs into a bounded queue; the engine thread
/// drains what is queued, stamps each input with the clock and runs the batch through the engine; the journal thread
/// commits the batch's events in one journal transaction (group commit), and only then hands the batch's venue
/// commands to the venue sink and answers each submitter (the durability rule).
///
/// The two threads are a pipeline: the engine decides batch n + 1 while batch n is being committed, so a node's
/// throughput is set by the slower of the two, not their sum. At most `batchesInFlight` decided batches wait for the
/// journal; past that the engine thread waits, the queue fills, and submissions are refused.
///
/// Under load the batches grow by themselves (whatever queued during one commit is the next batch), so one fsync
/// is shared by many inputs. A full queue refuses new inputs at once (`EngineServiceError.overloaded`) instead of
/// queueing without bound. If a journal write fails, that batch's submitters get the error, nothing of it or of any
/// later batch leaves, and every later submission is refused: recovery replays the journal (crash-only).
public final class EngineService<Gate: RiskGate>: Sendable {
    public typealias Completion = @Sendable (Result<[Output], EngineServiceError>) -> Void

    public struct Configuration: Sendable {
        /// Inputs that may wait in the queue; beyond it, submissions are refused.
        public var queueCapacity: Int
        /// Inputs per journal transaction at most.
        public var batchCapacity: Int
        /// Decided batches that may wait for the journal (at least 1).
        public var batchesInFlight: Int
        /// A snapshot of the engine's state is stored once this many records were journaled since the last one (or
        /// since start), or as many records as the state held orders then when that is more, so a restart replays
        /// about this many records; nil takes none. The engine thread hands a copy of its state over and goes on
        /// deciding: a thread of its own encodes and stores it once the journal holds every record the copy
        /// reflects. While one is being stored, the next waits (a restart then replays more).
        ///
        /// Why the interval grows with the orders held: a snapshot costs time in proportion to the state (about a
        /// microsecond per order encoded and stored), so at a fixed interval a book that keeps growing would spend
        /// ever more of the cores the engine and journal share on snapshots. Spacing them by the orders held keeps
        /// that cost near a microsecond per record, and a restart's replay no longer than the snapshot's own load.
        public var snapshotEveryRecords: Int?

        public init(
            queueCapacity: Int = 65_536,
            batchCapacity: Int = 4_096,
            batchesInFlight: Int = 4,
            snapshotEveryRecords: Int? = 250_000
        ) {
            self.queueCapacity = queueCapacity
            self.batchCapacity = batchCapacity
            self.batchesInFlight = max(1, batchesInFlight)
            self.snapshotEveryRecords = snapshotEveryRecords.map { max(1, $0) }
        }
    }

    struct Pending {
        let input: Input
        let completion: Completion
    }

    struct Queue {
        var items: Deque<Pending> = []
        var writerIsWaiting = false
        var stopping = false
        var failure: String?
    }

    /// A decided batch on its way from the engine thread to the journal thread.
    struct InFlight {
        /// Each input's completion, in input order.
        let completions: [Completion]
        let prepared: DurableEngine<Gate>.PreparedBatch
        /// The engine's state right after this batch, to be stored as a snapshot once the batch is committed: it
        /// then matches the journal's last record exactly.
        var snapshotState: EngineState?
    }

    /// Snapshots the service has stored, and why the last attempt failed (nil once one succeeds). A failed snapshot
    /// stops nothing: the journal is whole, a restart only replays more.
    public struct SnapshotStatus: Hashable, Sendable {
        public var taken = 0
        public var lastError: String?
        /// The journal sequence of the last snapshot stored.
        public var lastSequence: UInt64?
    }

    struct Handoff {
        var batches: Deque<InFlight> = []
        var engineFinished = false
        var journalIsWaiting = false
        var engineIsWaiting = false
    }

    private let queue = Mutex(Queue())
    private let handoff = Mutex(Handoff())
    private let wakeWriter = DispatchSemaphore(value: 0)
    private let wakeJournal = DispatchSemaphore(value: 0)
    private let handoffHasRoom = DispatchSemaphore(value: 0)
    private let writerFinished = DispatchSemaphore(value: 0)
    private let snapshots = Mutex(SnapshotStatus())
    /// Encodes and stores snapshots, one at a time, off the engine and journal threads, at a lower priority than
    /// theirs: encoding 250,000 orders is about 150 ms of CPU the hot threads should not have to share.
    private let snapshotWorker = BackgroundWorker(name: "legate-snapshot")
    /// Set by the engine thread when it hands a state over, cleared by the worker once it is stored (or failed).
    private let snapshotInProgress = Atomic<Bool>(false)
    private let configuration: Configuration
    private let clock: @Sendable () -> UnixNanos
    private let venueSink: @Sendable ([VenueCommand]) -> Void
    // Safe because: after `start()` only the engine thread calls `prepare` and only the journal thread calls `commit`
    // and reads the journal-side fields, which `DurableEngine` allows; `init` hands the engine over before.
    nonisolated(unsafe) private let durable: DurableEngine<Gate>
    private let started = Atomic<Bool>(false)
    private let engineThreadCPU = Atomic<Int64>(0)
    private let journalThreadCPU = Atomic<Int64>(0)

    /// CPU time each of the service's threads has used so far, in nanoseconds (updated after every batch): how busy
    /// the engine and the journal are, for monitoring and for sizing (the busier one bounds the throughput).
    public var threadCPUNanoseconds: (engine: Int64, journal: Int64) {
        (engineThreadCPU.load(ordering: .relaxed), journalThreadCPU.load(ordering: .relaxed))
    }

    public var snapshotStatus: SnapshotStatus { snapshots.withLock { $0 } }

    /// - Parameters:
    ///   - clock: the time each input is stamped with (wall clock in production, a manual clock in tests); the
    ///     service never lets journal time go backwards.
    ///   - venueSink: receives each committed batch's venue commands, in order, on the writer thread.
    public init(
        durable: DurableEngine<Gate>,
        configuration: Configuration = Configuration(),
        clock: @escaping @Sendable () -> UnixNanos = WallClock.now,
        venueSink: @escaping @Sendable ([VenueCommand]) -> Void
    ) {
        self.durable = durable
        self.configuration = configuration
        self.clock = clock
        self.venueSink = venueSink
    }

    /// Starts the engine and journal threads (once).
    public func start() {
        guard !started.exchange(true, ordering: .acquiringAndReleasing) else { return }
        let engineThread = Thread { [self] in
            BackgroundWorker.nameCurrentThread("legate-engine")
            engineLoop()
            handoff.withLock { $0.engineFinished = true }
            wakeJournal.signal()
        }
        engineThread.name = "legate-engine"
        let journalThread = Thread { [self] in
            BackgroundWorker.nameCurrentThread("legate-journal")
            journalLoop()
            writerFinished.signal()
        }
        journalThread.name = "legate-journal"
        journalThread.start()
        engineThread.start()
    }

    /// Queues `input`; `completion` runs on the writer thread once its events are committed (or the batch failed).
    public func submit(_ input: Input, completion: @escaping Completion) throws(EngineServiceError) {
        let wake = try queue.withLock { queue throws(EngineServiceError) -> Bool in
            if let failure = queue.failure { throw .stopped(reason: failure) }
            if queue.stopping { throw .stopped(reason: "the service is shutting down") }
            guard queue.items.count < configuration.queueCapacity else {
                throw .overloaded(capacity: configuration.queueCapacity)
            }
            queue.items.append(Pending(input: input, completion: completion))
            guard queue.writerIsWaiting else { return false }
            queue.writerIsWaiting = false
            return true
        }
        if wake { wakeWriter.signal() }
    }

    /// Queues `input` and returns its outputs once they are durable.
    public func submit(_ input: Input) async throws(EngineServiceError) -> [Output] {
        let result = await withCheckedContinuation {
            (continuation: CheckedContinuation<Result<[Output], EngineServiceError>, Never>) in
            do throws(EngineServiceError) {
                try submit(input) { result in continuation.resume(returning: result) }
            } catch {
                continuation.resume(returning: .failure(error))
            }
        }
        return try result.get()
    }

    /// Lets the queue drain, then stops the writer and waits for it. Later submissions are refused; calling it
    /// again (or from several threads) returns once the writer has stopped.
    public func stop() {
        let wake = queue.withLock { queue -> Bool in
            queue.stopping = true
            let wake = queue.writerIsWaiting
            queue.writerIsWaiting = false
            return wake
        }
        if wake { wakeWriter.signal() }
        if started.load(ordering: .acquiring) {
            writerFinished.wait()
            // Passes the signal on, so every later or concurrent `stop()` returns too.
            writerFinished.signal()
            // A snapshot being stored finishes before the journal may be closed.
            snapshotWorker.stop()
        }
    }

    // MARK: - The engine thread

    private func engineLoop() {
        var batch = Deque<Pending>()
        // Never earlier than what the journal already holds, so time does not go back across restarts either.
        var lastTime = durable.lastTime
        var recordsSinceSnapshot = 0
        var ordersAtLastSnapshot = durable.ordersHeld
        while true {
            // Taking the whole queue is a swap: the queue gets the storage the last batch was drained from (empty,
            // its capacity kept), so submitters wait on the lock for a moment and nothing is allocated per batch.
            let stop = queue.withLock { queue -> Bool in
                if queue.items.count <= configuration.batchCapacity {
                    swap(&batch, &queue.items)
                } else {
                    for _ in 0..<configuration.batchCapacity { batch.append(queue.items.removeFirst()) }
                }
                if batch.isEmpty && !queue.stopping && queue.failure == nil { queue.writerIsWaiting = true }
                return batch.isEmpty && (queue.stopping || queue.failure != nil)
            }
            if stop { return }
            if batch.isEmpty {
                wakeWriter.wait()
                continue
            }
            // Each input is moved out of the queue's storage, not copied: a copy retains everything it holds.
            var stamped: [(input: Input, at: UnixNanos)] = []
            stamped.reserveCapacity(batch.count)
            var completions: [Completion] = []
            completions.reserveCapacity(batch.count)
            while let pending = batch.popFirst() {
                lastTime = max(lastTime, clock())
                stamped.append((pending.input, lastTime))
                completions.append(pending.completion)
            }
            let prepared: DurableEngine<Gate>.PreparedBatch
            do {
                // The inputs travel with the batch: the journal thread encodes their records and frees them.
                prepared = try durable.prepare(consume stamped)
            } catch {
                // Only after the journal failed: nothing more is decided.
                for completion in completions { completion(.failure(.stopped(reason: error.description))) }
                continue
            }
            engineThreadCPU.store(Self.threadCPUNanoseconds(), ordering: .relaxed)
            recordsSinceSnapshot += prepared.recordCount
            var inFlight = InFlight(completions: completions, prepared: prepared)
            if let every = configuration.snapshotEveryRecords,
                recordsSinceSnapshot >= max(every, ordersAtLastSnapshot),
                !snapshotInProgress.exchange(true, ordering: .acquiringAndReleasing)
            {
                // A copy: its storage is shared until the engine next changes each part (copy on write), except the
                // derived indexes, which the copy lets go of at once.
                inFlight.snapshotState = durable.engine.state.snapshotCopy()
                recordsSinceSnapshot = 0
                ordersAtLastSnapshot = durable.ordersHeld
            }
            hand(inFlight)
        }
    }

    /// Passes a decided batch to the journal thread, waiting while `batchesInFlight` batches already wait.
    private func hand(_ inFlight: InFlight) {
        while true {
            let (handed, wake) = handoff.withLock { handoff -> (Bool, Bool) in
                guard handoff.batches.count < configuration.batchesInFlight else {
                    handoff.engineIsWaiting = true
                    return (false, false)
                }
                handoff.batches.append(inFlight)
                defer { handoff.journalIsWaiting = false }
                return (true, handoff.journalIsWaiting)
            }
            if handed {
                if wake { wakeJournal.signal() }
                return
            }
            handoffHasRoom.wait()
        }
    }

    // MARK: - The journal thread

    private func journalLoop() {
        var failure: String?
        while true {
            // Every batch decided so far, in one transaction: one fsync for all of them.
            var taken = Deque<InFlight>()
            let (finished, wakeEngine) = handoff.withLock { handoff -> (Bool, Bool) in
                let wake = handoff.engineIsWaiting
                handoff.engineIsWaiting = false
                swap(&taken, &handoff.batches)
                if taken.isEmpty && !handoff.engineFinished { handoff.journalIsWaiting = true }
                return (handoff.engineFinished, wake)
            }
            if wakeEngine { handoffHasRoom.signal() }
            guard !taken.isEmpty else {
                if finished { return }
                wakeJournal.wait()
                continue
            }
            failure = commitCuttingAtSnapshots(taken, failure: failure)
            journalThreadCPU.store(Self.threadCPUNanoseconds(), ordering: .relaxed)
        }
    }

    /// Commits the batches taken, in one transaction as a rule. A batch carrying a snapshot state ends its
    /// transaction, so that the journal's last sequence is then exactly the record the state reflects, and the
    /// snapshot worker takes it from there. After a failure (`failure`, or one here) the rest are answered with it.
    /// Returns the failure, if any.
    private func commitCuttingAtSnapshots(_ taken: Deque<InFlight>, failure: String?) -> String? {
        var remaining = taken[...]
        var failure = failure
        while !remaining.isEmpty {
            let end = remaining.firstIndex { $0.snapshotState != nil }.map { $0 + 1 } ?? remaining.endIndex
            let part = remaining[..<end]
            remaining = remaining[end...]
            if let failure {
                for inFlight in part {
                    for completion in inFlight.completions { completion(.failure(.stopped(reason: failure))) }
                    if inFlight.snapshotState != nil { snapshotInProgress.store(false, ordering: .releasing) }
                }
                continue
            }
            failure = commit(Deque(part))
            guard let state = part.last?.snapshotState else { continue }
            if failure == nil {
                storeSnapshot(state, sequence: durable.lastSequence, time: durable.lastTime)
            } else {
                snapshotInProgress.store(false, ordering: .releasing)
            }
        }
        return failure
    }

    /// Encodes and stores `state` as the snapshot at `sequence` on the snapshot worker; the journal thread goes on.
    private func storeSnapshot(_ state: EngineState, sequence: UInt64, time: UnixNanos) {
        snapshotWorker.async { [self] in
            defer { snapshotInProgress.store(false, ordering: .releasing) }
            // Nothing journaled yet (a batch that changed nothing on an empty journal): nothing to anchor to.
            guard sequence > 0 else { return }
            do throws(RuntimeError) {
                try durable.saveSnapshot(of: state, sequence: sequence, at: time)
                snapshots.withLock { status in
                    status.taken += 1
                    status.lastError = nil
                    status.lastSequence = sequence
                }
            } catch {
                snapshots.withLock { $0.lastError = error.description }
            }
        }
    }

    static func threadCPUNanoseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
    }

    /// Commits the batches taken (one transaction) and releases them; on a journal failure answers them with the
    /// error, refuses everything queued, and returns the reason.
    private func commit(_ taken: Deque<InFlight>) -> String? {
        do {
            try durable.commit(taken.lazy.map(\.prepared))
        } catch {
            let reason = error.description
            let refused = queue.withLock { queue -> (Deque<Pending>, Bool) in
                queue.failure = reason
                defer {
                    queue.items.removeAll()
                    queue.writerIsWaiting = false
                }
                return (queue.items, queue.writerIsWaiting)
            }
            if refused.1 { wakeWriter.signal() }
            for inFlight in taken {
                for completion in inFlight.completions { completion(.failure(.journal(reason))) }
            }
            for pending in refused.0 { pending.completion(.failure(.stopped(reason: reason))) }
            return reason
        }
        var commands: [VenueCommand] = []
        for inFlight in taken {
            for outputs in inFlight.prepared.outputs {
                for case .venue(let command) in outputs { commands.append(command) }
            }
        }
        if !commands.isEmpty { venueSink(commands) }
        for inFlight in taken {
            for (completion, outputs) in zip(inFlight.completions, inFlight.prepared.outputs) {
                completion(.success(outputs))
            }
        }
        return nil
    }
}

/// The system's real-time clock, the time production inputs are stamped with.
public enum WallClock {
    /// Nanoseconds since the Unix epoch.
    @Sendable public static func now() -> UnixNanos {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return UnixNanos(Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec))
    }
}

/// Why the service did not take or could not commit an input.
public enum EngineServiceError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The queue is full: the caller should slow down (back-pressure), nothing was queued.
    case overloaded(capacity: Int)
    /// The batch holding the input could not be journaled; nothing of it left the process.
    case journal(String)
    /// The service stopped (shut down, or after a journal failure) and takes no more input.
    case stopped(reason: String)

    public var description: String {
        switch self {
        case .overloaded(let capacity): "engine queue full (\(capacity) inputs waiting); retry later"
        case .journal(let reason): "not committed: \(reason)"
        case .stopped(let reason): "engine service stopped: \(reason)"
        }
    }
}
