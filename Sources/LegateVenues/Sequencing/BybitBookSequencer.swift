import LegateModel

/// Bybit v5 `orderbook.{depth}.{symbol}`: `u` is the update id, consecutive for a stream; `seq` is the cross
/// sequence, comparable across depths (smaller means generated earlier).
///
/// A `snapshot` always replaces the book (Bybit re-sends one unprompted when it has a problem, and level 1 repeats it
/// every 3 s without changes). A message with `u == 1` is a snapshot after a service restart whatever its `type`
/// says, so it replaces the book too. A delta must carry `u == last + 1`; an older `u` or `seq` is stale.
public struct BybitBookSequencer: Hashable, Sendable {
    public private(set) var lastUpdateID: Int64?
    public private(set) var lastCrossSequence: Int64?

    public init() {}

    /// Judges a message of `type` snapshot or delta.
    public mutating func check(isSnapshot: Bool, updateID: Int64, crossSequence: Int64?) -> BookSequenceAction {
        if isSnapshot || updateID == 1 {
            lastUpdateID = updateID
            lastCrossSequence = crossSequence
            return .applySnapshot
        }
        guard let last = lastUpdateID else { return .drop(.awaitingSnapshot) }
        if updateID <= last { return .drop(.stale(received: updateID, lastApplied: last)) }
        if let crossSequence, let lastSequence = lastCrossSequence, crossSequence < lastSequence {
            return .drop(.stale(received: crossSequence, lastApplied: lastSequence))
        }
        guard updateID == last + 1 else {
            invalidate()
            return .resync(BookResync(venue: .bybit, reason: .gap, expected: last + 1, received: updateID))
        }
        lastUpdateID = updateID
        if let crossSequence { lastCrossSequence = crossSequence }
        return .applyDelta
    }

    public mutating func invalidate() {
        lastUpdateID = nil
        lastCrossSequence = nil
    }
}
