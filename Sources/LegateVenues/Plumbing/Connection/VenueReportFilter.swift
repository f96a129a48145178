import LegateCore
public import LegateModel

/// Lets each fact about an order through once, although venues tell most facts twice: the REST (or RPC) answer to a
/// place or cancel and the private push both carry the new state, and a push or a reconnect may repeat a fill.
///
/// An order is acknowledged once and ends (cancelled, rejected, expired) once; a fill passes once per trade id.
/// Answers about our own amends and refused cancels always pass. Where a venue's answer can race the order's end
/// (Binance: the REST answer to a place arriving after its cancel event), `acknowledgesAfterEnd: false` keeps an
/// order that is over from being acknowledged after the fact. Memory is bounded: each kind of fact remembers at most
/// `capacity` ids, the oldest forgotten first.
public struct VenueReportFilter: VenueReportAdmitting {
    private var acknowledged: RecentKeys<OrderID>
    private var ended: RecentKeys<OrderID>
    private var fills: RecentKeys<String>
    public let acknowledgesAfterEnd: Bool

    public init(capacity: Int = 65_536, acknowledgesAfterEnd: Bool = true) {
        acknowledged = RecentKeys(capacity: capacity)
        ended = RecentKeys(capacity: capacity)
        fills = RecentKeys(capacity: capacity)
        self.acknowledgesAfterEnd = acknowledgesAfterEnd
    }

    /// True when `report` is news and should be published.
    public mutating func admit(_ report: VenueReport) -> Bool {
        switch report {
        case .acknowledged(let orderID, _):
            guard acknowledgesAfterEnd || !ended.contains(orderID) else { return false }
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
