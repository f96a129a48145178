import LegateModel

/// Deribit's book chain: every `change` carries `prev_change_id`, which must equal the `change_id` last applied.
///
/// A snapshot (the first message of a `book.{instrument}.{interval}` subscription, or `public/get_order_book`) has no
/// previous id and restarts the chain. On a mismatch the book is stale; the adapter resubscribes and deltas are
/// dropped until the new snapshot arrives.
public struct DeribitBookSequencer: Hashable, Sendable {
    /// The `change_id` last applied, or nil while waiting for a snapshot.
    public private(set) var lastChangeID: Int64?

    public init() {}

    /// Judges a `snapshot`.
    public mutating func snapshot(changeID: Int64) -> BookSequenceAction {
        lastChangeID = changeID
        return .applySnapshot
    }

    /// Judges a `change`.
    public mutating func change(changeID: Int64, previousChangeID: Int64?) -> BookSequenceAction {
        guard let last = lastChangeID else { return .drop(.awaitingSnapshot) }
        if previousChangeID == last {
            lastChangeID = changeID
            return .applyDelta
        }
        if changeID <= last { return .drop(.stale(received: changeID, lastApplied: last)) }
        lastChangeID = nil
        return .resync(BookResync(venue: .deribit, reason: .gap, expected: last, received: previousChangeID))
    }

    /// Forgets the chain so that only a snapshot is accepted next (after a crossed book or a reconnect).
    public mutating func invalidate() { lastChangeID = nil }
}
