/// Reads records in sequence order in chunks, verifying each chunk, until a bound fixed at creation.
///
/// A cursor rather than a callback: the caller's loop may throw its own errors or stop early, and the journal's
/// typed errors stay `JournalError`. Each chunk is one `records(from:limit:)` call, which verifies continuity and
/// checksums against the record before the chunk, so the chain is checked across chunk boundaries too.
public struct JournalReplay: Sendable {
    private let journal: any EventJournal
    private let chunkSize: Int
    /// The sequence the next `next()` returns.
    public private(set) var nextSequence: UInt64
    /// The last sequence this replay returns.
    public let through: UInt64
    private var chunk: [JournalRecord] = []
    private var position = 0

    init(journal: any EventJournal, next: UInt64, through: UInt64, chunkSize: Int) {
        self.journal = journal
        self.nextSequence = next
        self.through = through
        self.chunkSize = chunkSize
    }

    /// The next record, or `nil` after `through`.
    ///
    /// - Throws: `JournalError.sequenceGap` if records up to `through` are missing, and any integrity error the
    ///   journal finds in a chunk.
    public mutating func next() throws(JournalError) -> JournalRecord? {
        guard nextSequence <= through else { return nil }
        if position == chunk.count {
            let remaining = through - nextSequence + 1
            let size = Int(min(UInt64(chunkSize), remaining))
            chunk = try journal.records(from: nextSequence, limit: size)
            position = 0
            guard !chunk.isEmpty else {
                throw .sequenceGap(location: journal.location, expected: nextSequence, found: nil)
            }
        }
        let record = chunk[position]
        guard record.sequence == nextSequence else {
            // `records(from:limit:)` already guarantees this; checked again because replay is what recovery trusts.
            throw .sequenceGap(location: journal.location, expected: nextSequence, found: record.sequence)
        }
        position += 1
        nextSequence += 1
        return record
    }
}
