internal import Crypto
public import LegateCore
public import LegateEngine
public import LegateJournal

/// The engine with its journal: processes batches of inputs and makes their events durable in one transaction
/// before anything leaves (the durability rule). The single writer: not shared across threads.
///
/// ```swift
/// var outputs = try durable.process(batch)   // events committed, fsynced
/// release(outputs)                            // only now: venue commands out, clients acknowledged
/// ```
/// If a journal write fails, the in-memory state is ahead of the journal; the engine refuses further input
/// (crash-only: recovery replays the journal, the one path for every restart).
public final class DurableEngine<Gate: RiskGate> {
    public private(set) var engine: Engine<Gate>
    public let journal: any EventJournal
    /// The journal sequence of the last record this engine wrote or replayed.
    public private(set) var lastSequence: UInt64
    private var failure: String?

    public init(engine: Engine<Gate>, journal: any EventJournal, lastSequence: UInt64) {
        self.engine = engine
        self.journal = journal
        self.lastSequence = lastSequence
    }

    /// Handles a batch of inputs in order, journals their events in one transaction, and returns each input's
    /// outputs (in input order) once the transaction is durable.
    public func process(_ batch: [(input: Input, at: UnixNanos)]) throws(RuntimeError) -> [[Output]] {
        if let failure { throw .stopped(reason: failure) }
        var results: [[Output]] = []
        results.reserveCapacity(batch.count)
        var records: [NewJournalRecord] = []
        records.reserveCapacity(batch.count)
        for (input, time) in batch {
            let outputs = engine.handle(input, at: time)
            JournalCodec.appendRecords(for: outputs, input: input, at: time, to: &records)
            results.append(outputs)
        }
        guard !records.isEmpty else { return results }
        do {
            var start = 0
            while start < records.count {
                let end = min(start + JournalLimits.recordsPerBatchMax, records.count)
                let written = try journal.append(Array(records[start..<end]))
                lastSequence = written.upperBound
                start = end
            }
        } catch {
            failure = error.description
            throw .journal(error)
        }
        return results
    }

    /// Stores a snapshot of the current state at the last journaled sequence.
    ///
    /// Refused after a failed journal write: the state then holds events the journal does not, and a snapshot of it
    /// would make recovery start from a state no replay of the journal reaches.
    public func saveSnapshot(at time: UnixNanos) throws(RuntimeError) {
        if let failure { throw .stopped(reason: failure) }
        let state: [UInt8]
        do {
            state = try BinaryEncoder().encode(engine.state)
        } catch {
            throw .encoding("engine state: \(error)")
        }
        let snapshot = JournalSnapshot(
            sequence: lastSequence,
            time: time,
            state: state,
            stateHash: Array(SHA256.hash(data: state))
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
        let bytes: [UInt8]
        do {
            bytes = try BinaryEncoder().encode(self)
        } catch {
            throw .encoding("engine state: \(error)")
        }
        return SHA256.hash(data: bytes).map { byte in
            let digits = String(byte, radix: 16)
            return byte < 16 ? "0" + digits : digits
        }.joined()
    }
}
