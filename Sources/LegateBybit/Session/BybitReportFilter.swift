import LegateCore
public import LegateModel

/// Lets each fact about an order through once, although Bybit can tell it twice: the REST answer to
/// `/v5/order/create` and the `order` push both say the order is open, and a reconnect may replay an execution.
///
/// An order is acknowledged once and ends (cancelled, rejected, expired) once; a fill passes once per `execId`.
/// Answers to our own amends and cancels always pass. It remembers at most `capacity` facts, oldest forgotten first.
public struct BybitReportFilter: Sendable {
    private enum Fact: Hashable, Sendable {
        case acknowledged(OrderID)
        case ended(OrderID)
        case filled(String)
    }

    private var seen: Set<Fact> = []
    private var arrival: [Fact] = []
    private var oldest = 0
    public let capacity: Int

    public init(capacity: Int = 65_536) {
        precondition(capacity > 0, "report filter capacity \(capacity) must be positive")
        self.capacity = capacity
    }

    /// True when `report` is news and should be published.
    public mutating func admit(_ report: VenueReport) -> Bool {
        switch report {
        case .acknowledged(let orderID, _): remember(.acknowledged(orderID))
        case .cancelled(let orderID, _), .rejected(let orderID, _), .expired(let orderID): remember(.ended(orderID))
        case .fill(let fill): remember(.filled(fill.tradeID))
        case .amended, .amendRejected, .cancelRejected: true
        }
    }

    private mutating func remember(_ fact: Fact) -> Bool {
        guard !seen.contains(fact) else { return false }
        seen.insert(fact)
        if arrival.count < capacity {
            arrival.append(fact)
            return true
        }
        seen.remove(arrival[oldest])
        arrival[oldest] = fact
        oldest = (oldest + 1) % capacity
        return true
    }
}
