import LegateCore
public import LegateModel

/// Publishes each fact about an order once, although Binance tells most of them twice: the REST answer to a place or
/// cancel and the user-data event both carry the new state, and a fill can arrive in a `TRADE_LITE` and again in its
/// `ORDER_TRADE_UPDATE`. Acknowledged once, ended once, a fill once per trade id; refusals of our own requests always
/// pass. It remembers at most `capacity` ids of each kind, dropping the oldest.
public struct BinanceReportFilter: Sendable {
    private var acknowledged: RecentKeys<OrderID>
    private var ended: RecentKeys<OrderID>
    private var fills: RecentKeys<String>

    public init(capacity: Int = 50_000) {
        acknowledged = RecentKeys(capacity: capacity)
        ended = RecentKeys(capacity: capacity)
        fills = RecentKeys(capacity: capacity)
    }

    /// True when `report` has not been published yet.
    public mutating func admit(_ report: VenueReport) -> Bool {
        switch report {
        case .acknowledged(let orderID, _):
            // An order already over is not acknowledged after the fact (the REST answer raced its cancel event).
            guard !ended.contains(orderID) else { return false }
            return acknowledged.remember(orderID)
        case .cancelled(let orderID, _), .rejected(let orderID, _), .expired(let orderID):
            return ended.remember(orderID)
        case .fill(let fill): return fills.remember(fill.tradeID)
        case .amended, .amendRejected, .cancelRejected: return true
        }
    }
}

/// The last `capacity` distinct keys, oldest forgotten first.
struct RecentKeys<Key: Hashable & Sendable>: Sendable {
    private var present: Set<Key> = []
    private var ring: [Key] = []
    private var next = 0
    let capacity: Int

    init(capacity: Int) {
        precondition(capacity > 0, "a report filter needs room for at least one id, not \(capacity)")
        self.capacity = capacity
    }

    func contains(_ key: Key) -> Bool { present.contains(key) }

    /// False when `key` was already remembered.
    mutating func remember(_ key: Key) -> Bool {
        guard present.insert(key).inserted else { return false }
        if ring.count < capacity {
            ring.append(key)
            return true
        }
        present.remove(ring[next])
        ring[next] = key
        next = (next + 1) % capacity
        return true
    }
}
