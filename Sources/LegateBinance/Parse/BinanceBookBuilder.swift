public import LegateModel
public import LegateVenues

/// One Binance order book kept in sequence: diff events go through `BinanceDepthSync` (buffered until a REST snapshot
/// arrives, then bridged and chained by `U`/`u`/`pu`), and what it says is done to an `OrderBook`. A book that
/// crosses after an apply has lost an update although the ids chained: it is cleared and a resync asked for.
public struct BinanceBookBuilder: Sendable {
    /// What one event or snapshot did.
    public enum Outcome: Hashable, Sendable {
        /// The delta was applied.
        case applied
        /// The snapshot replaced the book and this many buffered deltas were applied after it.
        case appliedSnapshot(deltas: Int)
        /// Kept until a snapshot arrives (fetch one if none is on its way).
        case buffered(count: Int)
        case dropped(BookDrop)
        /// The book is cleared: fetch a snapshot.
        case resync(BookResync)
    }

    public private(set) var book: OrderBook
    public private(set) var sync: BinanceDepthSync<BookUpdate>
    public let market: BinanceBookSequencer.Market
    public let bufferLimit: Int

    public init(market: BinanceBookSequencer.Market, grid: BookGrid, bufferLimit: Int = 10_000) {
        self.market = market
        self.bufferLimit = bufferLimit
        book = OrderBook(grid: grid)
        sync = BinanceDepthSync(market: market, bufferLimit: bufferLimit)
    }

    /// One `depthUpdate` (as translated by `BinanceTranslator.depthUpdate`).
    ///
    /// - Throws: `BookError` for a level off the grid; the book is then cleared and waits for a snapshot.
    public mutating func receive(_ update: BookUpdate) throws(BookError) -> Outcome {
        let step = sync.receive(
            update,
            firstID: update.sequence.first,
            finalID: update.sequence.last,
            previousFinalID: update.sequence.previous
        )
        switch step {
        case .apply(let delta):
            try guarded { (book: inout OrderBook) throws(BookError) in try book.apply(delta) }
            return crossedResync(received: update.sequence.last) ?? .applied
        case .buffered(let count):
            return .buffered(count: count)
        case .dropped(let reason):
            return .dropped(reason)
        case .resync(let resync):
            book.clear()
            return .resync(resync)
        }
    }

    /// A REST depth snapshot (`lastUpdateId` in its sequence): replaces the book, then applies the buffered events
    /// that follow it; or, when it is older than the buffered stream, asks for another.
    public mutating func receiveSnapshot(_ snapshot: BookUpdate) throws(BookError) -> Outcome {
        let outcome = sync.receiveSnapshot(lastUpdateID: snapshot.sequence.last)
        if let resync = outcome.resync {
            book.clear()
            return .resync(resync)
        }
        try guarded { (book: inout OrderBook) throws(BookError) in
            try book.apply(snapshot)
            for delta in outcome.deltas { try book.apply(delta) }
        }
        return crossedResync(received: snapshot.sequence.last) ?? .appliedSnapshot(deltas: outcome.deltas.count)
    }

    /// Runs an apply; on an error the book cannot be trusted, so it is cleared and the sync starts over.
    private mutating func guarded(_ body: (inout OrderBook) throws(BookError) -> Void) throws(BookError) {
        do {
            try body(&book)
        } catch {
            reset()
            throw error
        }
    }

    private mutating func crossedResync(received: Int64) -> Outcome? {
        guard book.isCrossed else { return nil }
        reset()
        return .resync(BookResync(venue: .binance, reason: .crossedBook, expected: nil, received: received))
    }

    private mutating func reset() {
        book.clear()
        sync = BinanceDepthSync(market: market, bufferLimit: bufferLimit)
    }
}
