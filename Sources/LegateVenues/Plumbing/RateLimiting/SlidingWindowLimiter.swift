public import LegateCore

/// At most `limit` weight within any rolling window of `windowNanos` (OKX "20 requests / 2 s", Bybit "10/s",
/// Binance "1200 orders / minute").
///
/// Keeps the grants still inside the window in arrival order; storage is reserved for `limit` grants (each weighs at
/// least one), so it does not allocate after creation.
public struct SlidingWindowLimiter: Hashable, Sendable {
    public let limit: Int64
    public let windowNanos: Int64
    private var times: [Int64] = []
    private var weights: [Int64] = []
    private var head = 0
    private var total: Int64 = 0

    public init(limit: Int64, windowNanos: Int64) {
        precondition(limit > 0, "window limit \(limit) must be positive")
        precondition(windowNanos > 0, "window length \(windowNanos) ns must be positive")
        self.limit = limit
        self.windowNanos = windowNanos
        let reserve = Int(min(limit, 100_000))
        times.reserveCapacity(reserve)
        weights.reserveCapacity(reserve)
    }

    /// The weight granted within the window ending at `now`.
    public mutating func used(at now: UnixNanos) -> Int64 {
        evict(before: now)
        return total
    }

    /// Grants `weight` if it fits the window; otherwise says when enough will have left it.
    public mutating func acquire(_ weight: Int64, at now: UnixNanos, rule: String = "window") -> RateDecision {
        let decision = check(weight, at: now, rule: rule)
        guard decision == .granted else { return decision }
        if head > 0 && head == times.count {
            times.removeAll(keepingCapacity: true)
            weights.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 0 && times.count == times.capacity {
            times.removeFirst(head)
            weights.removeFirst(head)
            head = 0
        }
        times.append(now.rawValue)
        weights.append(weight)
        total += weight
        return .granted
    }

    /// What `acquire` would answer, without granting.
    public mutating func check(_ weight: Int64, at now: UnixNanos, rule: String = "window") -> RateDecision {
        precondition(weight > 0 && weight <= limit, "weight \(weight) exceeds the window limit \(limit)")
        evict(before: now)
        guard total + weight > limit else { return .granted }
        // The earliest instant at which the oldest grants have left and the rest plus `weight` fit.
        var freed: Int64 = 0
        var index = head
        while index < times.count {
            freed += weights[index]
            if total - freed + weight <= limit { break }
            index += 1
        }
        return .denied(retryAt: UnixNanos(times[min(index, times.count - 1)] + windowNanos), rule: rule)
    }

    private mutating func evict(before now: UnixNanos) {
        while head < times.count && times[head] + windowNanos <= now.rawValue {
            total -= weights[head]
            head += 1
        }
    }
}
