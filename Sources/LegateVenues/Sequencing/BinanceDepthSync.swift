import LegateModel

/// Binance's snapshot-then-buffered-deltas procedure around a `BinanceBookSequencer`, generic over the delta payload.
///
/// ```swift
/// var sync = BinanceDepthSync<Delta>(market: .usdMFutures)
/// sync.receive(delta, firstID: U, finalID: u, previousFinalID: pu)  // .buffered until a snapshot; ask for one
/// sync.receiveSnapshot(lastUpdateID: id)                             // apply the snapshot, then `deltas` in order
/// ```
///
/// While no snapshot is applied, deltas are kept (up to `bufferLimit`). A gap in the live stream sends the sync back to
/// buffering with the offending delta kept, so the next snapshot can bridge to it.
public struct BinanceDepthSync<Delta: Sendable>: Sendable {
    /// What to do with one received delta.
    public enum Step: Sendable {
        case apply(Delta)
        /// Kept until a snapshot arrives; the count is the buffer's size.
        case buffered(count: Int)
        case dropped(BookDrop)
        /// Fetch a snapshot (the delta was buffered).
        case resync(BookResync)
    }

    /// What to do after a snapshot: apply it, then `deltas` in order; or, when the snapshot is older than the
    /// buffered stream, fetch another (`resync`) and apply nothing.
    public struct SnapshotOutcome: Sendable {
        public let appliesSnapshot: Bool
        public let deltas: [Delta]
        public let resync: BookResync?
    }

    struct Pending: Sendable {
        let delta: Delta
        let firstID: Int64
        let finalID: Int64
        let previousFinalID: Int64?
    }

    public private(set) var sequencer: BinanceBookSequencer
    public let bufferLimit: Int
    private var pending: [Pending] = []

    public init(market: BinanceBookSequencer.Market, bufferLimit: Int = 10_000) {
        precondition(bufferLimit > 0, "Binance depth buffer limit \(bufferLimit) must be positive")
        sequencer = BinanceBookSequencer(market: market)
        self.bufferLimit = bufferLimit
    }

    public var bufferedCount: Int { pending.count }

    /// Judges one `depthUpdate` from the stream.
    public mutating func receive(_ delta: Delta, firstID: Int64, finalID: Int64, previousFinalID: Int64?) -> Step {
        let item = Pending(delta: delta, firstID: firstID, finalID: finalID, previousFinalID: previousFinalID)
        if sequencer.isAwaitingSnapshot { return buffer(item) }
        switch sequencer.event(firstID: firstID, finalID: finalID, previousFinalID: previousFinalID) {
        case .applyDelta, .applySnapshot: return .apply(delta)
        case .drop(let reason): return .dropped(reason)
        case .resync(let resync):
            _ = buffer(item)
            return .resync(resync)
        }
    }

    /// Applies a REST snapshot's id to the buffered stream.
    public mutating func receiveSnapshot(lastUpdateID: Int64) -> SnapshotOutcome {
        _ = sequencer.snapshot(lastUpdateID: lastUpdateID)
        var deltas: [Delta] = []
        for (index, item) in pending.enumerated() {
            let action = sequencer.event(
                firstID: item.firstID,
                finalID: item.finalID,
                previousFinalID: item.previousFinalID
            )
            switch action {
            case .applyDelta, .applySnapshot:
                deltas.append(item.delta)
            case .drop:
                continue
            case .resync(let resync):
                // The snapshot is older than the stream it must bridge to (or the buffer has a hole): keep the
                // rest of the buffer for the next snapshot.
                pending.removeFirst(index)
                return SnapshotOutcome(appliesSnapshot: false, deltas: [], resync: resync)
            }
        }
        pending.removeAll(keepingCapacity: true)
        return SnapshotOutcome(appliesSnapshot: true, deltas: deltas, resync: nil)
    }

    private mutating func buffer(_ item: Pending) -> Step {
        guard pending.count < bufferLimit else {
            pending.removeAll(keepingCapacity: true)
            sequencer.invalidate()
            return .resync(BookResync(venue: .binance, reason: .bufferFull, expected: nil, received: item.finalID))
        }
        pending.append(item)
        return .buffered(count: pending.count)
    }
}

extension BinanceDepthSync.Step: Equatable where Delta: Equatable {}
