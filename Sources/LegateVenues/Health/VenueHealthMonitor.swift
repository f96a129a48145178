public import LegateCore
public import LegateModel

/// Watches one venue session: connection changes, request-to-acknowledgement latency, error rate; returns health
/// events when the state changes. Pure: times are arguments, and the adapter calls it as things happen.
public struct VenueHealthMonitor: Sendable {
    public let venue: Venue
    public let policy: VenueHealthPolicy
    public private(set) var state: VenueConnectionState = .disconnected
    private var pending: [Int64: UnixNanos] = [:]
    private var latencies: Ring
    /// True for a failed request, in arrival order.
    private var outcomes: Ring

    public init(venue: Venue, policy: VenueHealthPolicy = .standard) {
        self.venue = venue
        self.policy = policy
        latencies = Ring(capacity: policy.window)
        outcomes = Ring(capacity: policy.window)
    }

    // MARK: - Inputs

    public mutating func connected(at time: UnixNanos) -> [VenueHealthEvent] {
        transition(to: .connected, reason: .connected, at: time)
    }

    /// The session dropped; requests in flight will not be acknowledged.
    public mutating func disconnected(reason: String, at time: UnixNanos) -> [VenueHealthEvent] {
        pending.removeAll()
        return transition(to: .disconnected, reason: .disconnected(reason), at: time)
    }

    public mutating func requestSent(id: Int64, at time: UnixNanos) {
        pending[id] = time
    }

    /// The venue answered request `id` successfully.
    public mutating func acknowledged(id: Int64, at time: UnixNanos) -> [VenueHealthEvent] {
        guard let sent = pending.removeValue(forKey: id) else { return [] }
        latencies.append(time - sent)
        outcomes.append(0)
        return evaluate(at: time)
    }

    /// The venue answered request `id` with an operating error (or an unsolicited error arrived: `id` nil).
    public mutating func failed(id: Int64?, at time: UnixNanos) -> [VenueHealthEvent] {
        if let id, let sent = pending.removeValue(forKey: id) { latencies.append(time - sent) }
        outcomes.append(1)
        return evaluate(at: time)
    }

    // MARK: - Reading

    public func summary(at time: UnixNanos) -> VenueHealthSummary {
        let sorted = latencies.values.sorted()
        func percentile(_ fraction: Int) -> Int64? {
            guard !sorted.isEmpty else { return nil }
            // Nearest rank: the smallest value with at least `fraction`% of samples at or below it.
            let rank = max(1, (sorted.count * fraction + 99) / 100)
            return sorted[rank - 1]
        }
        return VenueHealthSummary(
            venue: venue,
            state: state,
            samples: sorted.count,
            p50Nanos: percentile(50),
            p99Nanos: percentile(99),
            maximumNanos: sorted.last,
            requests: outcomes.count,
            errors: Int(outcomes.values.reduce(0, +)),
            at: time
        )
    }

    /// Requests sent and not yet answered.
    public var inFlight: Int { pending.count }

    // MARK: - Judging

    private mutating func evaluate(at time: UnixNanos) -> [VenueHealthEvent] {
        guard state != .disconnected else { return [] }
        let summary = summary(at: time)
        if summary.requests >= policy.minimumSamples,
            summary.errors * 1000 >= summary.requests * policy.degradedErrorsPerMille
        {
            return transition(
                to: .degraded,
                reason: .frequentErrors(errors: summary.errors, requests: summary.requests),
                at: time
            )
        }
        if summary.samples >= policy.minimumSamples, let p99 = summary.p99Nanos, p99 > policy.degradedP99Nanos {
            return transition(
                to: .degraded,
                reason: .slowAcknowledgements(p99Nanos: p99, thresholdNanos: policy.degradedP99Nanos),
                at: time
            )
        }
        return transition(to: .connected, reason: .recovered, at: time)
    }

    private mutating func transition(
        to next: VenueConnectionState,
        reason: VenueHealthReason,
        at time: UnixNanos
    ) -> [VenueHealthEvent] {
        guard next != state else { return [] }
        let previous = state
        state = next
        return [.stateChanged(venue: venue, from: previous, to: next, reason: reason, at: time)]
    }

    /// The last `capacity` values, oldest overwritten first.
    struct Ring: Sendable {
        private(set) var values: [Int64] = []
        private var next = 0
        let capacity: Int

        init(capacity: Int) {
            self.capacity = capacity
            values.reserveCapacity(capacity)
        }

        var count: Int { values.count }

        mutating func append(_ value: Int64) {
            if values.count < capacity {
                values.append(value)
            } else {
                values[next] = value
            }
            next = (next + 1) % capacity
        }
    }
}
