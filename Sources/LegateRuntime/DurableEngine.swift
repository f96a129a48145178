internal import Crypto
public import LegateCore
public import LegateEngine
public import LegateJournal
internal import Synchronization

/// The engine with its journal: processes batches of inputs and makes their events durable in one transaction
/// before anything leaves (the durability rule). The single writer.
///
/// ```swift
/// var outputs = try durable.process(batch)   // events committed, fsynced
/// release(outputs)                            // only now: venue commands out, clients acknowledged
/// ```
/// `process` is `prepare` (the engine decides) followed by `commit` (the journal makes it durable). A running node
/// pipelines the two on two threads (`EngineService`): the engine decides batch n + 1 while batch n is being
/// committed, and batch n's outputs are released only after its commit. `prepare` runs on one thread and `commit`
/// on one other thread at most; everything else needs both to be idle.
///
/// If a journal write fails, the in-memory state is ahead of the journal; the engine refuses further input
/// (crash-only: recovery replays the journal, the one path for every restart).
public final class DurableEngine<Gate: RiskGate> {
    public private(set) var engine: Engine<Gate>
    public let journal: any EventJournal
    /// The journal sequence of the last record this engine wrote or replayed.
    public private(set) var lastSequence: UInt64
    /// The time of the last record this engine wrote or replayed: a node never stamps an input earlier than this,
    /// so journal time never goes backwards across restarts.
    public private(set) var lastTime: UnixNanos
    private let failure = Mutex<String?>(nil)

    /// Orders the engine's state holds (every order ever placed: they are never removed).
    public var ordersHeld: Int { engine.state.orders.count }

    public init(
        engine: Engine<Gate>,
        journal: any EventJournal,
        lastSequence: UInt64,
        lastTime: UnixNanos = UnixNanos(Int64.min)
    ) {
        self.engine = engine
        self.journal = journal
        self.lastSequence = lastSequence
        self.lastTime = lastTime
    }

    /// A batch the engine has decided whose events are not yet durable: nothing of it may leave the process until
    /// `commit` returns.
    public struct PreparedBatch: Sendable {
        /// The batch's inputs with their times, moved in: the journal records are encoded from them at commit.
        let inputs: [(input: Input, at: UnixNanos)]
        /// Each input's outputs, in input order.
        public let outputs: [[Output]]
        /// Inputs whose outputs hold an event: each writes one journal record as a rule.
        public let recordCount: Int
    }

    /// Handles a batch of inputs in order, journals their events in one transaction, and returns each input's
    /// outputs (in input order) once the transaction is durable.
    public func process(_ batch: [(input: Input, at: UnixNanos)]) throws(RuntimeError) -> [[Output]] {
        let prepared = try prepare(batch)
        try commit(prepared)
        return prepared.outputs
    }

    /// Runs a batch of inputs through the engine, in order. The state moves on; the journal does not yet.
    ///
    /// The journal records are encoded in `commit`, not here: in a running node the engine's thread is the busier of
    /// the two, and the journal's thread frees the batch anyway.
    public func prepare(_ batch: consuming [(input: Input, at: UnixNanos)]) throws(RuntimeError) -> PreparedBatch {
        if let failure = failure.withLock({ $0 }) { throw .stopped(reason: failure) }
        var outputs: [[Output]] = []
        outputs.reserveCapacity(batch.count)
        var recordCount = 0
        // Through the buffer, each input passed on borrowed: reading an input out of the array (even by index)
        // copies it, retaining everything it holds.
        batch.withUnsafeBufferPointer { batch in
            for index in batch.indices {
                let decided = engine.handle(batch[index].input, at: batch[index].at)
                if decided.contains(where: { if case .event = $0 { true } else { false } }) { recordCount += 1 }
                outputs.append(decided)
            }
        }
        return PreparedBatch(inputs: batch, outputs: outputs, recordCount: recordCount)
    }

    /// Encodes a prepared batch's journal records and commits them in one journal transaction (split only past the
    /// journal's per-batch limits, see `JournalBatching`). Batches must be committed in the order they were prepared.
    public func commit(_ prepared: PreparedBatch) throws(RuntimeError) {
        try commit(CollectionOfOne(prepared))
    }

    /// Commits several prepared batches, in the order they were prepared, in one journal transaction: under load the
    /// journal thread takes every batch decided while it was committing the last, so one fsync serves them all.
    public func commit(_ batches: some Collection<PreparedBatch>) throws(RuntimeError) {
        var records: [NewJournalRecord] = []
        records.reserveCapacity(batches.reduce(0) { $0 + $1.recordCount })
        for batch in batches {
            batch.inputs.withUnsafeBufferPointer { inputs in
                batch.outputs.withUnsafeBufferPointer { outputs in
                    for index in inputs.indices {
                        JournalCodec.appendRecords(
                            for: outputs[index],
                            input: inputs[index].input,
                            at: inputs[index].at,
                            to: &records
                        )
                    }
                }
            }
        }
        try commit(records: records)
    }

    private func commit(records: [NewJournalRecord]) throws(RuntimeError) {
        if let failure = failure.withLock({ $0 }) { throw .stopped(reason: failure) }
        guard let last = records.last else { return }
        do {
            for transaction in JournalBatching.transactions(for: records) {
                // The whole batch as a rule: hand over the array itself rather than a copy of every record.
                let written =
                    try transaction.count == records.count
                    ? journal.append(records) : journal.append(Array(records[transaction]))
                lastSequence = written.upperBound
            }
        } catch {
            failure.withLock { $0 = error.description }
            throw .journal(error)
        }
        lastTime = max(lastTime, last.time)
    }

    /// After a restart (`Recovery.recover`), before the node takes new input: journals the `restarted` input, which
    /// marks every order a venue may hold for reconciliation until a venue report names it, and returns the orders
    /// marked. The venue sessions' open orders and fills (`VenueClient`) then settle each one.
    public func markRestart(at time: UnixNanos) throws(RuntimeError) -> [OrderID] {
        let outputs = try process([(.restarted, max(lastTime, time))])
        return outputs.flatMap(\.self).compactMap { output in
            if case .event(.reconciliation(let orderID, true)) = output { orderID } else { nil }
        }
    }

    /// Stores a snapshot of the current state at the last journaled sequence.
    ///
    /// Refused after a failed journal write: the state then holds events the journal does not, and a snapshot of it
    /// would make recovery start from a state no replay of the journal reaches.
    public func saveSnapshot(at time: UnixNanos) throws(RuntimeError) {
        try saveSnapshot(of: engine.state, sequence: lastSequence, at: time)
    }

    /// Stores `state` as the snapshot at `sequence`, which must be the journal's record the state was decided up
    /// to, and already committed. Safe on any thread beside `prepare` and `commit` (it touches only the journal):
    /// a running node encodes and stores a copy of its state on a thread of its own while it keeps deciding.
    public func saveSnapshot(of state: EngineState, sequence: UInt64, at time: UnixNanos) throws(RuntimeError) {
        if let failure = failure.withLock({ $0 }) { throw .stopped(reason: failure) }
        let bytes = state.snapshotBytes()
        let snapshot = JournalSnapshot(
            sequence: sequence,
            time: time,
            state: bytes,
            stateHash: Array(SHA256.hash(data: bytes))
        )
        do {
            try journal.saveSnapshot(snapshot)
        } catch {
            throw .journal(error)
        }
    }
}

extension EngineState {
    /// SHA-256 of the canonical encoding: equal states have equal hashes in every process.
    public func stateHash() throws(RuntimeError) -> String {
        let bytes = snapshotBytes()
        return SHA256.hash(data: bytes).map { byte in
            let digits = String(byte, radix: 16)
            return byte < 16 ? "0" + digits : digits
        }.joined()
    }
}

/// How a batch's records are cut into journal transactions.
///
/// One transaction as a rule; several, in order, only when the records exceed what one `append` may hold (records or
/// payload bytes), so that a burst of large records cannot make the journal refuse the batch and stop the engine.
/// The batch is answered only after its last transaction, so a crash between two of them leaves records whose
/// submitters were never acknowledged: they learn the outcome as after any crash, from the order's state (a retry
/// with the same client order id is refused as a duplicate).
public enum JournalBatching {
    public static func transactions(
        for records: [NewJournalRecord],
        recordsMax: Int = JournalLimits.recordsPerBatchMax,
        payloadBytesMax: Int = JournalLimits.batchPayloadBytesMax
    ) -> [Range<Int>] {
        var transactions: [Range<Int>] = []
        var start = 0
        var bytes = 0
        // By index: a `for record in records` loop copies every record (retaining each of its texts and arrays).
        for index in records.indices {
            let payloadBytes = records[index].payload.count
            let full = index - start == recordsMax || bytes + payloadBytes > payloadBytesMax
            if full && index > start {
                transactions.append(start..<index)
                start = index
                bytes = 0
            }
            bytes += payloadBytes
        }
        if start < records.count { transactions.append(start..<records.count) }
        return transactions
    }
}
