public import LegateModel
public import LegateVenues

/// Deribit's raw book stream into local books: scan, sequence by `change_id`, apply on the integer grid, check for
/// crossing. One value per connection; the hot path allocates nothing.
///
/// ```swift
/// var feed = DeribitBookFeed()
/// let index = feed.register(symbol: "BTC-27DEC24-60000-C", instrument: option, grid: grid)
/// switch try feed.handle(messageBytes) {
/// case .applied: …                     // feed.book(at: index) is current
/// case .resync(let index, let reason): … // resubscribe book.{symbol}.raw; the book is cleared
/// case .dropped, .notRegistered: …
/// }
/// ```
public struct DeribitBookFeed: Sendable {
    public struct Entry: Sendable {
        public let symbol: String
        public let instrument: Instrument
        public internal(set) var book: OrderBook
        public internal(set) var sequencer: DeribitBookSequencer
        let name: [UInt8]
    }

    public private(set) var entries: [Entry] = []
    private var slots: [UInt64: Int] = [:]
    private var frame = DeribitBookFrame()
    private var bidScratch: [TickLevel] = []
    private var askScratch: [TickLevel] = []

    public init(levelCapacity: Int = 256) {
        frame = DeribitBookFrame(capacity: levelCapacity)
        bidScratch.reserveCapacity(levelCapacity)
        askScratch.reserveCapacity(levelCapacity)
    }

    /// Starts keeping a book for an instrument; returns its index. The grid must hold every price and amount the
    /// venue can send (the finest tick; the amount step).
    @discardableResult
    public mutating func register(symbol: String, instrument: Instrument, grid: BookGrid, capacity: Int = 1024) -> Int {
        let name = Array(symbol.utf8)
        let hash = Self.hash(name[...])
        if let existing = slots[hash] {
            precondition(
                entries[existing].name == name,
                "instrument names \(symbol) and \(entries[existing].symbol) collide"
            )
            return existing
        }
        entries.append(
            Entry(
                symbol: symbol,
                instrument: instrument,
                book: OrderBook(grid: grid, capacity: capacity),
                sequencer: DeribitBookSequencer(),
                name: name
            )
        )
        slots[hash] = entries.count - 1
        return entries.count - 1
    }

    public func book(at index: Int) -> OrderBook { entries[index].book }

    public func index(of symbol: String) -> Int? {
        let name = Array(symbol.utf8)
        guard let slot = slots[Self.hash(name[...])], entries[slot].name == name else { return nil }
        return slot
    }

    /// Handles one WebSocket text frame holding a raw book notification.
    public mutating func handle(_ message: [UInt8]) throws(DeribitParseError) -> DeribitBookOutcome {
        try message.withUnsafeBufferPointer { (bytes) throws(DeribitParseError) -> DeribitBookOutcome in
            try handle(bytes)
        }
    }

    /// Handles one raw book notification in place.
    ///
    /// - Throws: `DeribitParseError` when the message is not a raw book notification (nothing changes), or when a
    ///   level is off the grid (the book is cleared and waits for a snapshot, as after a gap: resubscribe).
    public mutating func handle(_ message: UnsafeBufferPointer<UInt8>) throws(DeribitParseError) -> DeribitBookOutcome {
        try DeribitBookScanner.scan(message, into: &frame)
        let name = message[frame.instrumentName]
        guard let slot = slots[Self.hash(name)], entries[slot].name.elementsEqual(name) else {
            return .notRegistered
        }
        let action =
            frame.kind == .snapshot
            ? entries[slot].sequencer.snapshot(changeID: frame.changeID)
            : entries[slot].sequencer.change(changeID: frame.changeID, previousChangeID: frame.previousChangeID)
        switch action {
        case .applySnapshot, .applyDelta:
            do {
                try convertLevels(grid: entries[slot].book.grid, slot: slot)
            } catch {
                // The venue moved on and this book cannot follow: it is stale until a new snapshot.
                entries[slot].sequencer.invalidate()
                entries[slot].book.clear()
                throw error
            }
            apply(slot: slot, replacing: action == .applySnapshot)
            guard !entries[slot].book.isCrossed else {
                entries[slot].sequencer.invalidate()
                entries[slot].book.clear()
                return .resync(
                    index: slot,
                    BookResync(venue: .deribit, reason: .crossedBook, expected: nil, received: frame.changeID)
                )
            }
            return .applied(index: slot, snapshot: action == .applySnapshot)
        case .drop(let drop):
            return .dropped(index: slot, drop)
        case .resync(let resync):
            entries[slot].book.clear()
            return .resync(index: slot, resync)
        }
    }

    /// Converts the frame's levels to the grid first, so an off-grid level leaves the book untouched.
    private mutating func convertLevels(grid: BookGrid, slot: Int) throws(DeribitParseError) {
        bidScratch.removeAll(keepingCapacity: true)
        askScratch.removeAll(keepingCapacity: true)
        for level in frame.bids { bidScratch.append(try tickLevel(level, grid: grid, slot: slot)) }
        for level in frame.asks { askScratch.append(try tickLevel(level, grid: grid, slot: slot)) }
    }

    @inline(__always)
    private func tickLevel(
        _ level: DeribitBookFrame.Level,
        grid: BookGrid,
        slot: Int
    ) throws(DeribitParseError) -> TickLevel {
        guard let ticks = grid.ticks(units: level.priceUnits, scale: level.priceScale) else {
            throw .offGrid(instrument: entries[slot].symbol, value: "price \(level.priceUnits)e-\(level.priceScale)")
        }
        if level.isDelete { return TickLevel(ticks: ticks, lots: 0) }
        guard let lots = grid.lots(units: level.amountUnits, scale: level.amountScale), lots >= 0 else {
            throw .offGrid(instrument: entries[slot].symbol, value: "amount \(level.amountUnits)e-\(level.amountScale)")
        }
        return TickLevel(ticks: ticks, lots: lots)
    }

    private mutating func apply(slot: Int, replacing: Bool) {
        if replacing { entries[slot].book.clear() }
        for level in bidScratch { entries[slot].book.set(.bid, ticks: level.ticks, lots: level.lots) }
        for level in askScratch { entries[slot].book.set(.ask, ticks: level.ticks, lots: level.lots) }
    }

    /// FNV-1a over the name's bytes.
    static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}

/// What one book message did.
public enum DeribitBookOutcome: Hashable, Sendable {
    case applied(index: Int, snapshot: Bool)
    case dropped(index: Int, BookDrop)
    /// Resubscribe this instrument's book; its local book was cleared.
    case resync(index: Int, BookResync)
    /// A book for an instrument no one registered.
    case notRegistered
}
