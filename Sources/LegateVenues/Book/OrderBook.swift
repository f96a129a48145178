public import LegateModel

/// An L2 order book for one instrument, on an integer grid, built for the hot path.
///
/// Prices are `Int64` ticks and sizes `Int64` lots of a `BookGrid`, so applying a level is a binary search and a
/// short move in preallocated arrays: no allocation in steady state (the `book_apply` benchmark counts mallocs).
/// Model `BookLevel`s and `BookUpdate`s are translated exactly at the edge (`OrderBook+Model.swift`).
///
/// The book does not decide whether an update is in sequence; a venue's `BookSequencer` does, and the caller applies
/// what it says. A crossed book after an apply is a fact the caller checks (`isCrossed`): a venue book that crosses
/// has lost an update.
public struct OrderBook: Sendable {
    public let grid: BookGrid
    @usableFromInline var bids: BookSideLevels
    @usableFromInline var asks: BookSideLevels

    /// An empty book with room for `capacity` levels per side before any allocation.
    public init(grid: BookGrid, capacity: Int = 1024) {
        precondition(capacity > 0, "book capacity \(capacity) must be positive")
        self.grid = grid
        bids = BookSideLevels(isAsk: false, capacity: capacity)
        asks = BookSideLevels(isAsk: true, capacity: capacity)
    }

    // MARK: - Updating

    /// Sets the size at a price on one side; zero lots deletes the level (deleting a missing level is a no-op).
    ///
    /// - Returns: whether the book changed.
    @inlinable
    @discardableResult
    public mutating func set(_ side: BookSide, ticks: Int64, lots: Int64) -> Bool {
        switch side {
        case .bid: bids.set(ticks: ticks, lots: lots)
        case .ask: asks.set(ticks: ticks, lots: lots)
        }
    }

    /// Removes the level at a price, if present.
    @inlinable
    @discardableResult
    public mutating func delete(_ side: BookSide, ticks: Int64) -> Bool {
        set(side, ticks: ticks, lots: 0)
    }

    /// Empties both sides, keeping the storage.
    public mutating func clear() {
        bids.removeAll()
        asks.removeAll()
    }

    /// Replaces the whole book with a snapshot; levels may come in any order, zero-size levels are skipped.
    public mutating func replace(bids newBids: some Sequence<TickLevel>, asks newAsks: some Sequence<TickLevel>) {
        clear()
        for level in newBids { bids.set(ticks: level.ticks, lots: level.lots) }
        for level in newAsks { asks.set(ticks: level.ticks, lots: level.lots) }
    }

    // MARK: - Reading

    /// The highest bid.
    @inlinable
    public var bestBid: TickLevel? { bids.level(depth: 0) }

    /// The lowest ask.
    @inlinable
    public var bestAsk: TickLevel? { asks.level(depth: 0) }

    /// True when the best bid is at or above the best ask: the book has missed an update.
    @inlinable
    public var isCrossed: Bool {
        guard let bid = bestBid, let ask = bestAsk else { return false }
        return bid.ticks >= ask.ticks
    }

    /// The number of levels on a side.
    @inlinable
    public func depth(_ side: BookSide) -> Int {
        side == .bid ? bids.count : asks.count
    }

    /// The level `index` places from the best on a side (0 = best), or nil past the last level.
    @inlinable
    public func level(_ side: BookSide, at index: Int) -> TickLevel? {
        side == .bid ? bids.level(depth: index) : asks.level(depth: index)
    }

    /// The lots resting at a price (0 when there is no level there).
    @inlinable
    public func lots(_ side: BookSide, atTicks ticks: Int64) -> Int64 {
        side == .bid ? bids.lots(atTicks: ticks) : asks.lots(atTicks: ticks)
    }

    /// The total lots over the best `levels` levels of a side.
    public func cumulativeLots(_ side: BookSide, levels: Int) -> Int64 {
        var total: Int64 = 0
        var index = 0
        while index < levels, let level = level(side, at: index) {
            total += level.lots
            index += 1
        }
        return total
    }
}
