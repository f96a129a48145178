import LegateModel

/// Binance diff-depth sequencing for USD-M futures (`U`, `u`, `pu`) and spot (`U`, `u`).
///
/// The procedure Binance documents: buffer the stream, fetch a REST snapshot (`lastUpdateId`), drop buffered events
/// the snapshot already covers, and start from the event that straddles it:
/// - USD-M futures: drop `u < lastUpdateId`; the first applied event has `U <= lastUpdateId <= u`; afterwards each
///   event's `pu` equals the previous event's `u`.
/// - Spot: drop `u <= lastUpdateId`; the first applied event has `U <= lastUpdateId + 1 <= u`; afterwards each event's
///   `U` equals the previous event's `u + 1`.
///
/// `BinanceDepthSync` wraps this with the buffer.
public struct BinanceBookSequencer: Hashable, Sendable {
    public enum Market: String, Hashable, Sendable {
        case usdMFutures
        case spot
    }

    enum State: Hashable, Sendable {
        case awaitingSnapshot
        /// A snapshot is applied; the next event must straddle its id.
        case bridging(lastUpdateID: Int64)
        case live(lastFinalID: Int64)
    }

    public let market: Market
    private(set) var state: State = .awaitingSnapshot

    public init(market: Market) {
        self.market = market
    }

    /// True while no snapshot has been applied since the start or the last resync.
    public var isAwaitingSnapshot: Bool { state == .awaitingSnapshot }

    /// Judges a REST snapshot with its `lastUpdateId`.
    public mutating func snapshot(lastUpdateID: Int64) -> BookSequenceAction {
        state = .bridging(lastUpdateID: lastUpdateID)
        return .applySnapshot
    }

    /// Judges a `depthUpdate` event: `U` first id, `u` final id, `pu` (futures) the previous event's final id.
    public mutating func event(firstID: Int64, finalID: Int64, previousFinalID: Int64?) -> BookSequenceAction {
        switch state {
        case .awaitingSnapshot:
            return .drop(.awaitingSnapshot)
        case .bridging(let snapshotID):
            return bridge(snapshotID: snapshotID, firstID: firstID, finalID: finalID)
        case .live(let last):
            if finalID <= last { return .drop(.stale(received: finalID, lastApplied: last)) }
            let chained: Bool
            let received: Int64?
            switch market {
            case .usdMFutures:
                chained = previousFinalID == last
                received = previousFinalID
            case .spot:
                chained = firstID == last + 1
                received = firstID
            }
            guard chained else {
                state = .awaitingSnapshot
                let expected = market == .spot ? last + 1 : last
                return .resync(BookResync(venue: .binance, reason: .gap, expected: expected, received: received))
            }
            state = .live(lastFinalID: finalID)
            return .applyDelta
        }
    }

    private mutating func bridge(snapshotID: Int64, firstID: Int64, finalID: Int64) -> BookSequenceAction {
        // Futures start at the event containing the snapshot id; spot at the one containing the id after it.
        let target = market == .spot ? snapshotID + 1 : snapshotID
        if finalID < target { return .drop(.stale(received: finalID, lastApplied: snapshotID)) }
        guard firstID <= target else {
            state = .awaitingSnapshot
            return .resync(
                BookResync(venue: .binance, reason: .snapshotOutOfRange, expected: target, received: firstID)
            )
        }
        state = .live(lastFinalID: finalID)
        return .applyDelta
    }

    public mutating func invalidate() { state = .awaitingSnapshot }
}
