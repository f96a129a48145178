internal import Crypto
public import LegateCore
public import LegateEngine
public import LegateJournal
internal import LegateOrders
internal import OrderedCollections

/// The one startup path: latest snapshot, then replay of every record after it, then the list of orders whose
/// venue state is unknown and must be reconciled with the venue before trading resumes.
public enum Recovery {
    /// What recovery found.
    public struct Report: Sendable {
        public let snapshotSequence: UInt64?
        public let recordsReplayed: Int
        public let eventsReplayed: Int
        public let lastSequence: UInt64
        /// Orders that may have changed at the venue while the process was down (sent, acknowledged, partially
        /// filled, or with a cancel or amend in flight): the venue's open orders and fills decide their state.
        public let ordersToReconcile: [OrderID]
    }

    public static func recover<Gate: RiskGate>(
        journal: any EventJournal,
        configuration: EngineConfiguration,
        gate: Gate
    ) throws(RuntimeError) -> (DurableEngine<Gate>, Report) {
        do {
            let last = try journal.latestSequence()
            var state = EngineState()
            let snapshot = try journal.latestSnapshot(atOrBefore: last)
            if let snapshot {
                guard Array(SHA256.hash(data: snapshot.state)) == snapshot.stateHash else {
                    throw RuntimeError.decoding(sequence: snapshot.sequence, reason: "snapshot hash mismatch")
                }
                state = try loadState(snapshot)
            }
            var next = (snapshot?.sequence ?? 0) + 1
            var lastTime = snapshot?.time ?? UnixNanos(Int64.min)
            var records = 0
            var events = 0
            while next <= last {
                let page = try journal.records(from: next, limit: JournalLimits.replayChunkDefault)
                guard !page.isEmpty else { break }
                for record in page {
                    for event in try JournalCodec.events(in: record) {
                        do {
                            try state.apply(event, at: record.time)
                        } catch {
                            throw RuntimeError.replay(sequence: record.sequence, error)
                        }
                        events += 1
                    }
                    records += 1
                    lastTime = max(lastTime, record.time)
                    next = record.sequence + 1
                }
            }
            let engine = Engine(configuration: configuration, gate: gate, state: state)
            let reconcile = state.orders.values.filter { $0.status.isAtVenue || $0.pending != nil }.map(\.id)
            let report = Report(
                snapshotSequence: snapshot?.sequence,
                recordsReplayed: records,
                eventsReplayed: events,
                lastSequence: last,
                ordersToReconcile: reconcile
            )
            let durable = DurableEngine(engine: engine, journal: journal, lastSequence: last, lastTime: lastTime)
            return (durable, report)
        } catch let error as RuntimeError {
            throw error
        } catch let error as JournalError {
            throw .journal(error)
        } catch {
            throw .stopped(reason: "\(error)")
        }
    }

    /// The state a snapshot holds: compact snapshots, and the `Codable` ones of builds before them.
    static func loadState(_ snapshot: JournalSnapshot) throws(RuntimeError) -> EngineState {
        do {
            if EngineState.isCompactSnapshot(snapshot.state) {
                return try EngineState(snapshotBytes: snapshot.state)
            }
            return try BinaryDecoder().decode(EngineState.self, from: snapshot.state)
        } catch {
            throw .decoding(sequence: snapshot.sequence, reason: "snapshot: \(error)")
        }
    }
}
