import LegateCore
public import LegateModel

/// Lets each fact about an order through once, although Deribit tells it twice: the answer to `private/buy` and the
/// `user.orders` notification both say the order is open; the answer's `trades` and `user.trades` both carry a fill.
///
/// An order is acknowledged once and ends (cancelled, rejected, expired) once; a fill passes once per trade id.
/// Answers to our own edits and cancels (amended, amend or cancel rejected) always pass. Memory is bounded: the
/// oldest ids are forgotten first.
public struct DeribitReportFilter: Sendable {
    private var acknowledged: BoundedSet<OrderID>
    private var ended: BoundedSet<OrderID>
    private var trades: BoundedSet<String>

    public init(capacity: Int = 65_536) {
        acknowledged = BoundedSet(capacity: capacity)
        ended = BoundedSet(capacity: capacity)
        trades = BoundedSet(capacity: capacity)
    }

    /// True when `report` is news and should be published.
    public mutating func admit(_ report: VenueReport) -> Bool {
        switch report {
        case .acknowledged(let orderID, _): acknowledged.insert(orderID)
        case .cancelled(let orderID, _), .rejected(let orderID, _), .expired(let orderID): ended.insert(orderID)
        case .fill(let fill): trades.insert(fill.tradeID)
        case .amended, .amendRejected, .cancelRejected: true
        }
    }
}

/// A set that remembers at most `capacity` members, forgetting the oldest first.
struct BoundedSet<Member: Hashable & Sendable>: Sendable {
    private var members: Set<Member> = []
    private var order: [Member] = []
    private var oldest = 0
    let capacity: Int

    init(capacity: Int) {
        precondition(capacity > 0, "bounded set capacity \(capacity) must be positive")
        self.capacity = capacity
    }

    /// Inserts `member`; false when it was already there.
    mutating func insert(_ member: Member) -> Bool {
        guard members.insert(member).inserted else { return false }
        if order.count < capacity {
            order.append(member)
        } else {
            members.remove(order[oldest])
            order[oldest] = member
            oldest = (oldest + 1) % capacity
        }
        return true
    }
}
