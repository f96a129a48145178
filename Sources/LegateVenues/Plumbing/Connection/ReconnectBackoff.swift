/// Exponential reconnect backoff with full jitter: the n-th delay is uniform in `0...min(maximum, initial × 2^n)`.
///
/// Full jitter (rather than a fixed delay plus a little noise) spreads many clients that lost the same venue over the
/// whole interval, so they do not reconnect in waves. Randomness comes from the generator the caller passes, so a
/// seeded run replays the same delays.
public struct ReconnectBackoff: Hashable, Sendable {
    public let initialNanos: Int64
    public let maximumNanos: Int64
    /// Attempts since the last success.
    public private(set) var attempt = 0

    public init(initialNanos: Int64, maximumNanos: Int64) {
        precondition(initialNanos > 0, "initial backoff \(initialNanos) ns must be positive")
        precondition(maximumNanos >= initialNanos, "backoff cap \(maximumNanos) ns is below the initial delay")
        self.initialNanos = initialNanos
        self.maximumNanos = maximumNanos
    }

    /// Half a second doubling to a 30-second cap.
    public static let standard = ReconnectBackoff(initialNanos: 500_000_000, maximumNanos: 30_000_000_000)

    /// The upper bound of the delay before attempt `attempt` (0-based).
    public func ceiling(attempt: Int) -> Int64 {
        var bound = initialNanos
        for _ in 0..<min(attempt, 62) {
            guard bound < maximumNanos / 2 else { return maximumNanos }
            bound *= 2
        }
        return min(bound, maximumNanos)
    }

    /// The delay before the next attempt, drawn from `generator`; counts the attempt.
    public mutating func nextDelay(using generator: inout some RandomNumberGenerator) -> Int64 {
        let bound = UInt64(ceiling(attempt: attempt))
        attempt += 1
        // Lemire's multiply-shift maps 64 random bits onto 0...bound without a division.
        let draw = generator.next().multipliedFullWidth(by: bound &+ 1).high
        return Int64(draw)
    }

    /// A connection stayed up: the next failure starts from the initial delay again.
    public mutating func reset() { attempt = 0 }
}
