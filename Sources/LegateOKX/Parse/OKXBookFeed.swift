public import Foundation
public import LegateCore
public import LegateModel
public import LegateVenues

/// OKX's `books` stream into local books: sequence by `seqId`/`prevSeqId` where the venue sends them, apply on the
/// integer grid, and check OKX's CRC32 checksum after every message. One value per connection.
///
/// Books are kept in OKX's own units (contracts for derivatives), because the checksum is taken over the sizes as OKX
/// writes them; `levels(at:_:maxLevels:)` converts to model units.
///
/// ```swift
/// var feed = OKXBookFeed()
/// let index = try feed.register(spec)            // the grid comes from the spec's tick and lot
/// for outcome in try feed.handle(frameBytes) {
///     switch outcome {
///     case .applied: …                          // feed.book(at: index) matches the venue's checksum
///     case .resync(let index, let reason): …      // resubscribe books for this instId; the book is cleared
///     case .dropped, .notRegistered: …
///     }
/// }
/// ```
public struct OKXBookFeed: Sendable {
    public struct Entry: Sendable {
        public let instId: String
        public let instrument: Instrument
        /// Model units per OKX size unit (1 for spot).
        public let contractMultiplier: FixedDecimal
        public internal(set) var book: OrderBook
        public internal(set) var sequencer: OKXBookSequencer
    }

    public private(set) var entries: [Entry] = []
    private var slots: [String: Int] = [:]

    public init() {}

    /// Starts keeping a book; returns its index. The grid is in OKX's units: price tick, and size lot in contracts.
    @discardableResult
    public mutating func register(
        instId: String,
        instrument: Instrument,
        grid: BookGrid,
        contractMultiplier: FixedDecimal = 1,
        capacity: Int = 1024
    ) -> Int {
        if let existing = slots[instId] { return existing }
        entries.append(
            Entry(
                instId: instId,
                instrument: instrument,
                contractMultiplier: contractMultiplier,
                book: OrderBook(grid: grid, capacity: capacity),
                sequencer: OKXBookSequencer()
            )
        )
        slots[instId] = entries.count - 1
        return entries.count - 1
    }

    /// Registers an instrument on the grid of its spec: the tick, and the lot converted back to contracts.
    @discardableResult
    public mutating func register(_ spec: InstrumentSpec, capacity: Int = 1024) throws(OKXParseError) -> Int {
        let grid: BookGrid
        do {
            let lot = try spec.lotSize.decimal.dividedExactly(by: spec.contractMultiplier)
            grid = try BookGrid(tickSize: spec.tickSize, lotSize: lot)
        } catch {
            throw .inconsistent(what: "book grid of \(spec.symbol)", reason: "\(error)")
        }
        return register(
            instId: spec.symbol,
            instrument: spec.instrument,
            grid: grid,
            contractMultiplier: spec.contractMultiplier,
            capacity: capacity
        )
    }

    public func index(of instId: String) -> Int? { slots[instId] }

    public func book(at index: Int) -> OrderBook { entries[index].book }

    /// The best levels of a side in model units (sizes × contract multiplier).
    public func levels(at index: Int, _ side: BookSide, maxLevels: Int = .max) throws(OKXParseError) -> [BookLevel] {
        let entry = entries[index]
        var levels: [BookLevel] = []
        for level in entry.book.levels(side, maxLevels: maxLevels) {
            let size = try OKXTranslator.product(level.quantity.decimal, entry.contractMultiplier, of: entry.instId)
            levels.append(BookLevel(price: level.price, quantity: Quantity(size)))
        }
        return levels
    }

    /// Handles one WebSocket text frame holding a `books`, `books5` or `bbo-tbt` push.
    public mutating func handle(_ message: Data) throws(OKXParseError) -> [OKXBookOutcome] {
        try handle(OKXCodec.decode(OKXPush<OKXBookWire>.self, from: message))
    }

    /// Handles one decoded push: one outcome per payload (OKX sends one).
    ///
    /// - Throws: `OKXParseError.offGrid` when a level is off the grid; the book is then cleared and waits for a
    ///   snapshot, as after a gap (resubscribe).
    public mutating func handle(_ push: OKXPush<OKXBookWire>) throws(OKXParseError) -> [OKXBookOutcome] {
        guard let instId = push.arg.instId else {
            throw .inconsistent(what: "\(push.arg.channel) push", reason: "no instId in its arg")
        }
        guard let slot = slots[instId] else { return push.data.map { _ in .notRegistered(instId: instId) } }
        var outcomes: [OKXBookOutcome] = []
        for payload in push.data {
            outcomes.append(try handle(payload, isUpdate: push.action == "update", slot: slot))
        }
        return outcomes
    }

    private mutating func handle(
        _ payload: OKXBookWire,
        isUpdate: Bool,
        slot: Int
    ) throws(OKXParseError) -> OKXBookOutcome {
        let action =
            isUpdate
            ? entries[slot].sequencer.update(seqID: payload.seqId, previousSeqID: payload.prevSeqId)
            : entries[slot].sequencer.snapshot(seqID: payload.seqId)
        switch action {
        case .applySnapshot, .applyDelta:
            try apply(payload, replacing: action == .applySnapshot, slot: slot)
            if let resync = verify(payload, slot: slot) {
                entries[slot].book.clear()
                return .resync(index: slot, resync)
            }
            return .applied(index: slot, snapshot: action == .applySnapshot)
        case .drop(let drop):
            return .dropped(index: slot, drop)
        case .resync(let resync):
            entries[slot].book.clear()
            return .resync(index: slot, resync)
        }
    }

    /// Converts every level first, so an off-grid level leaves the book as it was before being cleared.
    private mutating func apply(_ payload: OKXBookWire, replacing: Bool, slot: Int) throws(OKXParseError) {
        let grid = entries[slot].book.grid
        var bids: [TickLevel] = []
        var asks: [TickLevel] = []
        do {
            for level in payload.bids { bids.append(try tickLevel(level, grid: grid)) }
            for level in payload.asks { asks.append(try tickLevel(level, grid: grid)) }
        } catch {
            entries[slot].sequencer.invalidate()
            entries[slot].book.clear()
            throw .offGrid(instId: entries[slot].instId, value: error.description)
        }
        if replacing {
            entries[slot].book.replace(bids: bids, asks: asks)
        } else {
            for level in bids { entries[slot].book.set(.bid, ticks: level.ticks, lots: level.lots) }
            for level in asks { entries[slot].book.set(.ask, ticks: level.ticks, lots: level.lots) }
        }
    }

    private func tickLevel(_ level: OKXBookLevelWire, grid: BookGrid) throws(BookError) -> TickLevel {
        TickLevel(ticks: try grid.ticks(level.price.price), lots: try grid.lots(level.size.quantity))
    }

    /// The venue's checksum against the local book; without one (`bbo-tbt`), a crossed book is the only sign of loss.
    private mutating func verify(_ payload: OKXBookWire, slot: Int) -> BookResync? {
        if let checksum = payload.checksum {
            return entries[slot].sequencer.verify(
                checksum: checksum,
                computed: OKXBookChecksum.compute(entries[slot].book)
            )
        }
        guard entries[slot].book.isCrossed else { return nil }
        entries[slot].sequencer.invalidate()
        return BookResync(venue: .okx, reason: .crossedBook, expected: nil, received: payload.seqId)
    }
}

/// What one book payload did.
public enum OKXBookOutcome: Hashable, Sendable {
    case applied(index: Int, snapshot: Bool)
    case dropped(index: Int, BookDrop)
    /// Resubscribe this instrument's book; its local book was cleared.
    case resync(index: Int, BookResync)
    /// A book for an instrument no one registered.
    case notRegistered(instId: String)
}
