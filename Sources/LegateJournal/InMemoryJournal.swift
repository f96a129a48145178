import Synchronization

/// The journal's in-memory twin: the same rules, limits, sequences and errors as `SQLiteJournal`, without a file.
///
/// Tests and deterministic simulations build the real runtime with this twin (STYLE habit 3). It shares validation
/// with the SQLite journal and is held to the same behaviour by tests parametrized over both. What it cannot do is
/// lose or corrupt data, so it keeps no checksums; integrity tests belong to `SQLiteJournal`.
public final class InMemoryJournal: EventJournal {
    private struct State {
        var records: [JournalRecord] = []
        /// Sequences per order id, actor and kind, ascending, so audit pages cost a binary search.
        var byOrder: [String: [UInt64]] = [:]
        var byActor: [String: [UInt64]] = [:]
        var byKind: [String: [UInt64]] = [:]
        /// Ascending by sequence.
        var snapshots: [JournalSnapshot] = []
    }

    public let location: String
    private let state = Mutex(State())

    /// An empty journal; `name` appears in errors in place of a file path.
    public init(name: String = "memory") {
        self.location = name
    }

    public func append(_ batch: [NewJournalRecord]) throws(JournalError) -> ClosedRange<UInt64> {
        try JournalValidation.validate(batch)
        return state.withLock { state in
            let first = UInt64(state.records.count) + 1
            state.records.reserveCapacity(state.records.count + batch.count)
            for (offset, new) in batch.enumerated() {
                let sequence = first + UInt64(offset)
                state.records.append(new.sequenced(sequence))
                for orderID in new.orderIDs { state.byOrder[orderID, default: []].append(sequence) }
                if let actor = new.actor { state.byActor[actor, default: []].append(sequence) }
                state.byKind[new.kind, default: []].append(sequence)
            }
            return first...(first + UInt64(batch.count) - 1)
        }
    }

    public func latestSequence() throws(JournalError) -> UInt64 {
        state.withLock { UInt64($0.records.count) }
    }

    public func records(from sequence: UInt64, limit: Int) throws(JournalError) -> [JournalRecord] {
        guard sequence >= 1 else {
            throw .invalidArgument(name: "from", value: "0", reason: "sequences start at 1")
        }
        try JournalValidation.validatePage(from: sequence, limit: limit, argument: "from")
        return state.withLock { state in
            guard sequence <= UInt64(state.records.count) else { return [] }
            let start = Int(sequence - 1)
            return Array(state.records[start..<min(state.records.count, start + limit)])
        }
    }

    public func saveSnapshot(_ snapshot: JournalSnapshot) throws(JournalError) {
        try state.withLock { (state: inout State) throws(JournalError) in
            try JournalValidation.validate(snapshot, latest: UInt64(state.records.count))
            let index = state.snapshots.partitioningIndex { $0.sequence >= snapshot.sequence }
            if index < state.snapshots.count, state.snapshots[index].sequence == snapshot.sequence {
                throw .snapshotExists(location: location, sequence: snapshot.sequence)
            }
            state.snapshots.insert(snapshot, at: index)
        }
    }

    public func latestSnapshot(atOrBefore sequence: UInt64) throws(JournalError) -> JournalSnapshot? {
        state.withLock { state in
            let index = state.snapshots.partitioningIndex { $0.sequence > sequence }
            return index == 0 ? nil : state.snapshots[index - 1]
        }
    }

    public func audit(_ filter: AuditFilter, after sequence: UInt64, limit: Int) throws(JournalError) -> [JournalRecord]
    {
        try JournalValidation.validate(filter)
        try JournalValidation.validatePage(from: sequence, limit: limit, argument: "after")
        return state.withLock { state in
            let sequences: [UInt64]
            switch filter {
            case .orderID(let orderID): sequences = state.byOrder[orderID] ?? []
            case .actor(let actor): sequences = state.byActor[actor] ?? []
            case .kind(let kind): sequences = state.byKind[kind] ?? []
            case .kindPrefix:
                // Rare (operator queries): a scan is fine for the twin.
                return Array(
                    state.records.lazy.filter { $0.sequence > sequence && filter.matches($0) }.prefix(limit)
                )
            }
            let start = sequences.partitioningIndex { $0 > sequence }
            return sequences[start...].prefix(limit).map { state.records[Int($0 - 1)] }
        }
    }
}

extension Array {
    /// The first index whose element satisfies `predicate`, for a predicate false then true along the array.
    func partitioningIndex(where predicate: (Element) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = low + (high - low) / 2
            if predicate(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
