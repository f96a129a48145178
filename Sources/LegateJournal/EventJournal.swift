/// The durable, append-only log of the engine's events: the port the runtime writes through and recovery reads from.
///
/// The runtime drains a batch of inputs, lets the engine handle them, and appends the batch's events with one
/// `append` call: one transaction, one fsync (group commit). Only when `append` returns are clients acknowledged and
/// venue commands released, so nothing acknowledged can be lost (DESIGN.md, durability rule). Recovery is
/// `latestSnapshot(atOrBefore:)` plus a replay of the records after it, the same path as a normal start.
///
/// Two implementations share these semantics, including every limit and error: `SQLiteJournal` (the product) and
/// `InMemoryJournal` (the twin for tests and simulation).
///
/// ```swift
/// let snapshot = try journal.latestSnapshot(atOrBefore: .max)
/// var replay = try journal.makeReplay(from: (snapshot?.sequence ?? 0) + 1)
/// while let record = try replay.next() {
///     engine.apply(try Event(decoding: record.payload))
/// }
/// ```
public protocol EventJournal: Sendable {
    /// Where the journal lives (a file path, or a name for the in-memory twin); every error names it.
    var location: String { get }

    /// Appends a batch atomically and durably, assigning consecutive sequences.
    ///
    /// - Parameter batch: 1...`JournalLimits.recordsPerBatchMax` records, in the order they happened.
    /// - Returns: The sequences given to the batch, first to last, in batch order.
    /// - Throws: `JournalError` for a rejected input (nothing was written) or a storage failure. After a storage
    ///   failure the batch's fate is unknown to the caller (a failed fsync may or may not have reached the disk):
    ///   acknowledge nothing, stop, and recover from the journal on restart rather than retrying.
    func append(_ batch: [NewJournalRecord]) throws(JournalError) -> ClosedRange<UInt64>

    /// The sequence of the last record, 0 when the journal is empty.
    func latestSequence() throws(JournalError) -> UInt64

    /// Up to `limit` records starting exactly at `sequence`, verified: consecutive, and (for storage that keeps
    /// checksums) each matching its chained checksum.
    ///
    /// - Returns: An empty array when `sequence` is past the end.
    /// - Throws: `JournalError.sequenceGap`, `.checksumMismatch` or `.undecodableColumn` naming the sequence;
    ///   never a silent skip.
    func records(from sequence: UInt64, limit: Int) throws(JournalError) -> [JournalRecord]

    /// Stores a snapshot of the engine's state as of `snapshot.sequence` (which must be journaled already).
    ///
    /// - Throws: `JournalError.snapshotExists` if one is stored at that sequence, `.invalidArgument` for a sequence
    ///   not in the journal or a state past its limits.
    func saveSnapshot(_ snapshot: JournalSnapshot) throws(JournalError)

    /// The newest snapshot whose sequence is at most `sequence`, verified, or `nil` when there is none.
    func latestSnapshot(atOrBefore sequence: UInt64) throws(JournalError) -> JournalSnapshot?

    /// One page of the audit trail: records matching `filter` with a sequence greater than `sequence`, in order.
    ///
    /// Page through by passing the last record's sequence as the next call's `after`.
    func audit(_ filter: AuditFilter, after sequence: UInt64, limit: Int) throws(JournalError) -> [JournalRecord]
}

/// What an audit query selects.
public enum AuditFilter: Hashable, Sendable, CustomStringConvertible {
    /// Every record touching this order (its whole life, package events included).
    case orderID(String)
    /// Every record caused by this user.
    case actor(String)
    /// Every record of exactly this kind. Audited kinds (limit changes, approvals, packages) are indexed; flow kinds
    /// (`order.`, `venue.`, `market.`, `timer`), recorded at the rate of orders, are found by reading the journal in
    /// sequence from `after`.
    case kind(String)
    /// Every record whose kind starts with this text (`"limit."` gives every limit change).
    case kindPrefix(String)

    public var description: String {
        switch self {
        case .orderID(let orderID): "orderID \"\(orderID)\""
        case .actor(let actor): "actor \"\(actor)\""
        case .kind(let kind): "kind \"\(kind)\""
        case .kindPrefix(let prefix): "kind prefix \"\(prefix)\""
        }
    }

    /// Whether `record` is selected; the in-memory twin's definition, which SQL must agree with.
    func matches(_ record: JournalRecord) -> Bool {
        switch self {
        case .orderID(let orderID): record.orderIDs.contains(orderID)
        case .actor(let actor): record.actor == actor
        case .kind(let kind): record.kind == kind
        case .kindPrefix(let prefix): record.kind.utf8.starts(with: prefix.utf8)
        }
    }
}

extension EventJournal {
    /// Every record touching `orderID`, in sequence order, one page at a time.
    public func history(
        orderID: String,
        after sequence: UInt64 = 0,
        limit: Int = JournalLimits.pageSizeMax
    ) throws(JournalError) -> [JournalRecord] {
        try audit(.orderID(orderID), after: sequence, limit: limit)
    }

    /// Every record `actor` caused, in sequence order, one page at a time.
    public func actions(
        actor: String,
        after sequence: UInt64 = 0,
        limit: Int = JournalLimits.pageSizeMax
    ) throws(JournalError) -> [JournalRecord] {
        try audit(.actor(actor), after: sequence, limit: limit)
    }

    /// Every record of `kind`, in sequence order, one page at a time.
    public func records(
        kind: String,
        after sequence: UInt64 = 0,
        limit: Int = JournalLimits.pageSizeMax
    ) throws(JournalError) -> [JournalRecord] {
        try audit(.kind(kind), after: sequence, limit: limit)
    }

    /// Every record whose kind starts with `kindPrefix` (`"limit."`), in sequence order, one page at a time.
    public func records(
        kindPrefix: String,
        after sequence: UInt64 = 0,
        limit: Int = JournalLimits.pageSizeMax
    ) throws(JournalError) -> [JournalRecord] {
        try audit(.kindPrefix(kindPrefix), after: sequence, limit: limit)
    }

    /// A verified, chunked reader over the records `sequence...through` (through defaults to the latest record now).
    ///
    /// The upper bound is fixed when the replay is made, so a replay running next to a live writer ends at a
    /// definite point; memory stays at one chunk however long the journal is.
    public func makeReplay(
        from sequence: UInt64 = 1,
        through last: UInt64? = nil,
        chunkSize: Int = JournalLimits.replayChunkDefault
    ) throws(JournalError) -> JournalReplay {
        guard sequence >= 1 else {
            throw .invalidArgument(name: "from", value: "0", reason: "sequences start at 1")
        }
        try JournalValidation.validatePage(from: sequence, limit: chunkSize, argument: "from")
        let through: UInt64
        if let last { through = last } else { through = try latestSequence() }
        return JournalReplay(journal: self, next: sequence, through: through, chunkSize: chunkSize)
    }

    /// Reads the whole journal, verifying order and every checksum, and returns how many records it holds.
    ///
    /// The operator's "is this journal sound?" question, and the check a test makes after every crash.
    public func verify() throws(JournalError) -> UInt64 {
        var replay = try makeReplay()
        var count: UInt64 = 0
        while try replay.next() != nil { count += 1 }
        return count
    }
}
