import LegateModel

/// OKX's `books` chain: `prevSeqId` of an update equals the `seqId` of the message before it (`-1` on a snapshot),
/// and after applying, the CRC32 of the top 25 levels must equal the message's `checksum`.
///
/// An update with `seqId == prevSeqId` carries no change and keeps the chain. After a venue maintenance the `seqId`
/// may restart lower; the check is still `prevSeqId == last seqId`, so such a message is applied and the chain
/// continues from the smaller number (verify against the current OKX docs). Messages recorded before OKX added
/// sequence ids (the 2022 recording) have neither; they are applied and the checksum is the only guard.
public struct OKXBookSequencer: Hashable, Sendable {
    /// The `seqId` last applied, `nil` while waiting for a snapshot.
    public private(set) var lastSeqID: Int64?
    /// True once a snapshot has been applied and nothing since broke the chain.
    public private(set) var isSynchronized = false

    public init() {}

    /// Judges a `snapshot` message.
    public mutating func snapshot(seqID: Int64?) -> BookSequenceAction {
        lastSeqID = seqID
        isSynchronized = true
        return .applySnapshot
    }

    /// Judges an `update` message.
    public mutating func update(seqID: Int64?, previousSeqID: Int64?) -> BookSequenceAction {
        guard isSynchronized else { return .drop(.awaitingSnapshot) }
        guard let seqID, let previousSeqID, let last = lastSeqID else { return .applyDelta }
        if previousSeqID == last {
            lastSeqID = seqID
            return .applyDelta
        }
        if seqID <= last && previousSeqID < last { return .drop(.stale(received: seqID, lastApplied: last)) }
        invalidate()
        return .resync(BookResync(venue: .okx, reason: .gap, expected: last, received: previousSeqID))
    }

    /// Compares the venue's checksum with the one computed over the local book after applying a message.
    ///
    /// - Returns: nil when they agree; otherwise a resync, and the sequencer waits for a snapshot.
    public mutating func verify(checksum expected: Int32, computed: Int32) -> BookResync? {
        guard expected != computed else { return nil }
        invalidate()
        return BookResync(venue: .okx, reason: .checksumMismatch, expected: Int64(expected), received: Int64(computed))
    }

    public mutating func invalidate() {
        lastSeqID = nil
        isSynchronized = false
    }
}
