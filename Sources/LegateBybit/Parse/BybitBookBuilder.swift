import LegateModel
public import LegateVenues

/// One Bybit order book kept in sequence: each message goes through `BybitBookSequencer`, and what it says is done to
/// an `OrderBook`. A book that crosses after an apply has lost an update even though the numbers chained, so it is
/// cleared and a resync asked for, as for a gap.
public struct BybitBookBuilder: Sendable {
    public private(set) var book: OrderBook
    public private(set) var sequencer = BybitBookSequencer()

    public init(grid: BookGrid, capacity: Int = 1024) {
        book = OrderBook(grid: grid, capacity: capacity)
    }

    /// Judges and applies one message.
    ///
    /// - Returns: The sequencer's action (`.applySnapshot` also for a delta with `u == 1`, which Bybit sends after a
    ///   restart), or `.resync` with reason `crossedBook` when the applied book crossed; on a resync the book is
    ///   empty until the next snapshot.
    /// - Throws: `BookError` for a level off the book's grid; the book is then cleared and waits for a snapshot.
    public mutating func apply(_ message: BybitBookMessage) throws(BookError) -> BookSequenceAction {
        let action = sequencer.check(
            isSnapshot: message.isSnapshot,
            updateID: message.updateID,
            crossSequence: message.crossSequence
        )
        do {
            switch action {
            case .applySnapshot:
                try book.apply(message.isSnapshot ? message.update : Self.asSnapshot(message.update))
            case .applyDelta:
                try book.apply(message.update)
            case .resync:
                book.clear()
            case .drop:
                break
            }
        } catch {
            sequencer.invalidate()
            book.clear()
            throw error
        }
        guard action.applies, book.isCrossed else { return action }
        sequencer.invalidate()
        book.clear()
        return .resync(BookResync(venue: .bybit, reason: .crossedBook, expected: nil, received: message.updateID))
    }

    static func asSnapshot(_ update: BookUpdate) -> BookUpdate {
        BookUpdate(
            venue: update.venue,
            instrument: update.instrument,
            kind: .snapshot,
            bids: update.bids,
            asks: update.asks,
            sequence: update.sequence,
            checksum: update.checksum,
            at: update.at
        )
    }
}
