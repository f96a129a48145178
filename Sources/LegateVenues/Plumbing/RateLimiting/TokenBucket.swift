public import LegateCore

/// A token bucket in whole credits that refills continuously; time is an argument, so it is pure and replayable.
///
/// Internally credits are kept in billionths so a refill of `refillPerSecond` over any number of nanoseconds is exact
/// integer arithmetic. Deribit's credit scheme is one of these (pool 50,000, refill 10,000/s, 500 per request).
public struct TokenBucket: Hashable, Sendable {
    public let capacity: Int64
    public let refillPerSecond: Int64
    /// Credits × 10^9.
    private var scaledCredits: Int64
    private var updatedAt: UnixNanos?

    private static let scale: Int64 = 1_000_000_000

    /// A full bucket. Capacity and refill must be positive; capacity at most 9·10^9 credits.
    public init(capacity: Int64, refillPerSecond: Int64) {
        precondition(capacity > 0 && capacity <= 9_000_000_000, "token bucket capacity \(capacity) out of range")
        precondition(refillPerSecond > 0, "token bucket refill \(refillPerSecond)/s must be positive")
        self.capacity = capacity
        self.refillPerSecond = refillPerSecond
        scaledCredits = capacity * Self.scale
    }

    /// Whole credits available at `now`.
    public mutating func available(at now: UnixNanos) -> Int64 {
        refill(to: now)
        return scaledCredits / Self.scale
    }

    /// Takes `cost` credits if they are there; otherwise says when they will be (the bucket is unchanged).
    public mutating func acquire(_ cost: Int64, at now: UnixNanos, rule: String = "token bucket") -> RateDecision {
        let decision = check(cost, at: now, rule: rule)
        if decision == .granted { scaledCredits -= cost * Self.scale }
        return decision
    }

    /// What `acquire` would answer, without taking anything.
    public mutating func check(_ cost: Int64, at now: UnixNanos, rule: String = "token bucket") -> RateDecision {
        precondition(cost >= 0 && cost <= capacity, "cost \(cost) exceeds the bucket capacity \(capacity)")
        refill(to: now)
        let needed = cost * Self.scale
        guard scaledCredits < needed else { return .granted }
        let missing = needed - scaledCredits
        let wait = (missing + refillPerSecond - 1) / refillPerSecond
        return .denied(retryAt: now + wait, rule: rule)
    }

    /// Empties the bucket (the venue said we were over: Deribit 10028, HTTP 429).
    public mutating func drain(at now: UnixNanos) {
        refill(to: now)
        scaledCredits = 0
    }

    private mutating func refill(to now: UnixNanos) {
        defer { updatedAt = max(updatedAt ?? now, now) }
        guard let last = updatedAt, now > last else { return }
        let full = capacity * Self.scale
        // Clamp the interval so the product cannot overflow: past the time to fill, the bucket is full anyway.
        let elapsed = min(now - last, full / refillPerSecond + 1)
        scaledCredits = min(full, scaledCredits + elapsed * refillPerSecond)
    }
}
