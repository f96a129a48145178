public import LegateModel

/// Who a resting order belongs to: a simulated market maker, or a client order by its slot in the venue.
public enum RestingOwner: Hashable, Sendable {
    case marketMaker
    case client(slot: Int)
}

/// One order resting at a price level.
public struct RestingOrder: Hashable, Sendable {
    public let owner: RestingOwner
    public var remaining: Int64

    public init(owner: RestingOwner, remaining: Int64) {
        self.owner = owner
        self.remaining = remaining
    }
}

/// All orders at one price, first come first served.
public struct PriceLevel: Hashable, Sendable {
    public let price: Int64
    public var orders: [RestingOrder]
    public var total: Int64

    init(price: Int64) {
        self.price = price
        self.orders = []
        self.total = 0
    }
}

/// An order book with price-time priority, on integer prices and sizes (units of the instrument's tick and lot
/// scales), so matching never touches decimals.
///
/// Each side keeps its levels sorted with the best price last (bids ascending, asks descending): the best level is
/// the one most often removed, and removing the last element of an array is free. Every change records the level it
/// touched so the venue can publish exactly the changed levels as a book delta.
public struct OrderBook: Hashable, Sendable {
    public private(set) var bids: [PriceLevel] = []
    public private(set) var asks: [PriceLevel] = []
    /// Levels changed since the last `clearTouched()`, repeats included.
    private(set) var touched: [TouchedLevel] = []

    struct TouchedLevel: Hashable, Sendable {
        let side: BookSide
        let price: Int64
    }

    public init() {}

    public func best(_ side: BookSide) -> PriceLevel? {
        side == .bid ? bids.last : asks.last
    }

    public func levels(_ side: BookSide) -> [PriceLevel] {
        side == .bid ? bids : asks
    }

    /// The best price on a side, without copying the level.
    public func bestPrice(_ side: BookSide) -> Int64? {
        side == .bid ? bids.last?.price : asks.last?.price
    }

    /// The index of the level at `price`, or where it would be inserted.
    private func search(_ side: BookSide, _ price: Int64) -> (index: Int, found: Bool) {
        if side == .bid { return Self.search(bids, price, side) }
        return Self.search(asks, price, side)
    }

    private static func search(_ levels: [PriceLevel], _ price: Int64, _ side: BookSide) -> (index: Int, found: Bool) {
        var low = 0
        var high = levels.count
        while low < high {
            let middle = (low + high) / 2
            let candidate = levels[middle].price
            if candidate == price { return (middle, true) }
            // Bids ascend, asks descend.
            let goesRight = side == .bid ? candidate < price : candidate > price
            if goesRight { low = middle + 1 } else { high = middle }
        }
        return (low, false)
    }

    /// Adds an order at the back of its level's queue.
    public mutating func add(_ side: BookSide, price: Int64, order: RestingOrder) {
        precondition(order.remaining > 0, "a resting order needs a positive size")
        let (index, found) = search(side, price)
        touched.append(TouchedLevel(side: side, price: price))
        if side == .bid {
            if !found { bids.insert(PriceLevel(price: price), at: index) }
            bids[index].orders.append(order)
            bids[index].total += order.remaining
        } else {
            if !found { asks.insert(PriceLevel(price: price), at: index) }
            asks[index].orders.append(order)
            asks[index].total += order.remaining
        }
    }

    /// Removes an owner's order at `price`; returns its remaining size, or nil when it is not there.
    @discardableResult
    public mutating func remove(_ side: BookSide, price: Int64, owner: RestingOwner) -> Int64? {
        let (index, found) = search(side, price)
        guard found else { return nil }
        touched.append(TouchedLevel(side: side, price: price))
        if side == .bid { return Self.remove(owner, from: &bids, at: index) }
        return Self.remove(owner, from: &asks, at: index)
    }

    private static func remove(_ owner: RestingOwner, from levels: inout [PriceLevel], at index: Int) -> Int64? {
        guard let position = levels[index].orders.firstIndex(where: { $0.owner == owner }) else { return nil }
        let removed = levels[index].orders.remove(at: position)
        levels[index].total -= removed.remaining
        if levels[index].orders.isEmpty { levels.remove(at: index) }
        return removed.remaining
    }

    /// Shrinks an order in place, keeping its place in the queue (an amend that only reduces size).
    public mutating func reduce(_ side: BookSide, price: Int64, owner: RestingOwner, to remaining: Int64) {
        precondition(remaining > 0, "reduce to a positive size; remove the order otherwise")
        let (index, found) = search(side, price)
        precondition(found, "reducing an order at a price with no level")
        touched.append(TouchedLevel(side: side, price: price))
        if side == .bid {
            Self.reduce(owner, in: &bids[index], to: remaining)
        } else {
            Self.reduce(owner, in: &asks[index], to: remaining)
        }
    }

    private static func reduce(_ owner: RestingOwner, in level: inout PriceLevel, to remaining: Int64) {
        guard let position = level.orders.firstIndex(where: { $0.owner == owner }) else {
            preconditionFailure("reducing an order that is not at its level")
        }
        level.total += remaining - level.orders[position].remaining
        level.orders[position].remaining = remaining
    }

    /// Takes up to `quantity` from the front of the best level of `side`; returns what each maker gave.
    ///
    /// The caller checks the price; this only consumes the queue at the best level.
    public mutating func takeFromBest(_ side: BookSide, quantity: Int64, into fills: inout [MakerFill]) -> Int64 {
        var left = quantity
        if side == .bid {
            guard !bids.isEmpty else { return 0 }
            left = Self.take(from: &bids[bids.count - 1], quantity: left, into: &fills)
            touched.append(TouchedLevel(side: .bid, price: bids[bids.count - 1].price))
            if bids[bids.count - 1].orders.isEmpty { bids.removeLast() }
        } else {
            guard !asks.isEmpty else { return 0 }
            left = Self.take(from: &asks[asks.count - 1], quantity: left, into: &fills)
            touched.append(TouchedLevel(side: .ask, price: asks[asks.count - 1].price))
            if asks[asks.count - 1].orders.isEmpty { asks.removeLast() }
        }
        return quantity - left
    }

    private static func take(from level: inout PriceLevel, quantity: Int64, into fills: inout [MakerFill]) -> Int64 {
        var left = quantity
        var consumed = 0
        while left > 0 && consumed < level.orders.count {
            let size = min(left, level.orders[consumed].remaining)
            fills.append(MakerFill(owner: level.orders[consumed].owner, price: level.price, quantity: size))
            level.orders[consumed].remaining -= size
            level.total -= size
            left -= size
            if level.orders[consumed].remaining == 0 { consumed += 1 }
        }
        if consumed > 0 { level.orders.removeFirst(consumed) }
        return left
    }

    /// The size resting on `side` at prices at least as good as `limit` for a taker (bids ≥ limit, asks ≤ limit).
    public func available(_ side: BookSide, within limit: Int64, upTo cap: Int64) -> Int64 {
        var total: Int64 = 0
        let levels = side == .bid ? bids : asks
        for level in levels.reversed() {
            let acceptable = side == .bid ? level.price >= limit : level.price <= limit
            guard acceptable, total < cap else { break }
            total += level.total
        }
        return min(total, cap)
    }

    /// The aggregated size at a price (0 when there is no level), for publishing a delta.
    public func size(_ side: BookSide, at price: Int64) -> Int64 {
        let (index, found) = search(side, price)
        guard found else { return 0 }
        return side == .bid ? bids[index].total : asks[index].total
    }

    /// Whether `touched[position]` is the first touch of its level (later touches of a level are repeats).
    func isFirstTouch(_ position: Int) -> Bool {
        let level = touched[position]
        for earlier in 0..<position where touched[earlier] == level { return false }
        return true
    }

    /// Forgets the touched levels (after publishing them, or when a snapshot replaces them).
    mutating func clearTouched() {
        touched.removeAll(keepingCapacity: true)
    }
}

/// What one resting order gave to a taker.
public struct MakerFill: Hashable, Sendable {
    public let owner: RestingOwner
    public let price: Int64
    public let quantity: Int64
}
