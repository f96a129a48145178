/// One price level on the grid: a price in ticks and the size resting there in lots.
public struct TickLevel: Hashable, Sendable {
    public var ticks: Int64
    public var lots: Int64

    @inlinable
    public init(ticks: Int64, lots: Int64) {
        self.ticks = ticks
        self.lots = lots
    }
}

/// The levels of one side, kept sorted so the best level is the last element.
///
/// Bids are stored under their ticks, asks under their negated ticks, so both sides sort ascending by key and the
/// best price is always at the end. Venue updates cluster near the top of the book, so the search walks down from
/// the top for a few levels before bisecting, and inserts and deletes there shift only the few elements after them.
/// Keys and sizes sit together (one move per insert); the storage is reserved up front and a steady-state update
/// never allocates.
@usableFromInline
struct BookSideLevels: Sendable {
    /// Ascending by `ticks` (which holds the key: ticks for bids, negated ticks for asks); sizes always positive.
    @usableFromInline var levels: [TickLevel]
    @usableFromInline let isAsk: Bool

    /// Levels from the top searched one by one before bisecting the rest.
    @usableFromInline static let linearProbe = 8

    init(isAsk: Bool, capacity: Int) {
        self.isAsk = isAsk
        levels = []
        levels.reserveCapacity(capacity)
    }

    @inlinable
    var count: Int { levels.count }

    @inlinable
    func key(_ ticks: Int64) -> Int64 { isAsk ? -ticks : ticks }

    /// The first index whose key is not below `key`: a short walk down from the top, then a binary search.
    @inlinable
    func lowerBound(_ key: Int64) -> Int {
        levels.withUnsafeBufferPointer { buffer in
            var high = buffer.count
            let stop = max(0, high - Self.linearProbe)
            while high > stop {
                if buffer[high - 1].ticks < key { return high }
                high -= 1
            }
            var low = 0
            while low < high {
                let middle = (low &+ high) >> 1
                if buffer[middle].ticks < key { low = middle &+ 1 } else { high = middle }
            }
            return low
        }
    }

    /// Sets the size at a price; zero lots removes the level. Returns whether the side changed.
    @inlinable
    @discardableResult
    mutating func set(ticks: Int64, lots newLots: Int64) -> Bool {
        precondition(newLots >= 0, "book level size \(newLots) lots is negative")
        let key = key(ticks)
        let index = lowerBound(key)
        if index < levels.count && levels[index].ticks == key {
            if newLots == 0 {
                levels.remove(at: index)
            } else {
                levels[index].lots = newLots
            }
            return true
        }
        guard newLots > 0 else { return false }
        levels.insert(TickLevel(ticks: key, lots: newLots), at: index)
        return true
    }

    @inlinable
    func lots(atTicks ticks: Int64) -> Int64 {
        let key = key(ticks)
        let index = lowerBound(key)
        return index < levels.count && levels[index].ticks == key ? levels[index].lots : 0
    }

    /// The level `depth` places from the best (0 = best), or nil past the last level.
    @inlinable
    func level(depth: Int) -> TickLevel? {
        guard depth >= 0 && depth < levels.count else { return nil }
        let stored = levels[levels.count - 1 - depth]
        return TickLevel(ticks: isAsk ? -stored.ticks : stored.ticks, lots: stored.lots)
    }

    mutating func removeAll() {
        levels.removeAll(keepingCapacity: true)
    }
}
