public import LegateCore

/// Tracks the venue's clock against ours from request/response pairs, trusting the fastest round trip.
///
/// Each sample is NTP-style: we send at `t1`, the venue receives at `t2` and answers at `t3` (Deribit's `usIn` and
/// `usOut`; venues with one server time give `t2 == t3`), we receive at `t4`. The offset is
/// `((t2 − t1) + (t3 − t4)) / 2` and its error is at most half the network delay `(t4 − t1) − (t3 − t2)`, so of the
/// last `window` samples the one with the smallest delay gives the estimate (the min-RTT filter): queueing only ever
/// adds delay, and the least-delayed sample is the least skewed.
public struct ClockOffsetTracker: Hashable, Sendable {
    public struct Sample: Hashable, Sendable {
        /// Venue clock minus local clock, in nanoseconds.
        public let offsetNanos: Int64
        /// Network delay of the exchange (round trip minus the venue's own processing time).
        public let delayNanos: Int64
        public let receivedAt: UnixNanos
    }

    public let window: Int
    private var samples: [Sample] = []
    private var next = 0

    public init(window: Int = 16) {
        precondition(window > 0, "clock offset window \(window) must be positive")
        self.window = window
        samples.reserveCapacity(window)
    }

    /// Adds a sample; returns false (and ignores it) when its times are inconsistent.
    @discardableResult
    public mutating func record(
        sentAt: UnixNanos,
        venueReceivedAt: UnixNanos,
        venueSentAt: UnixNanos,
        receivedAt: UnixNanos
    ) -> Bool {
        let roundTrip = receivedAt - sentAt
        let processing = venueSentAt - venueReceivedAt
        guard roundTrip >= 0, processing >= 0, processing <= roundTrip else { return false }
        let offset = ((venueReceivedAt - sentAt) + (venueSentAt - receivedAt)) / 2
        let sample = Sample(offsetNanos: offset, delayNanos: roundTrip - processing, receivedAt: receivedAt)
        if samples.count < window {
            samples.append(sample)
        } else {
            samples[next] = sample
        }
        next = (next + 1) % window
        return true
    }

    /// A sample from a venue that reports one server time.
    @discardableResult
    public mutating func record(sentAt: UnixNanos, venueTime: UnixNanos, receivedAt: UnixNanos) -> Bool {
        record(sentAt: sentAt, venueReceivedAt: venueTime, venueSentAt: venueTime, receivedAt: receivedAt)
    }

    /// The least-delayed sample of the window (the earliest of equals).
    public var best: Sample? {
        samples.min { ($0.delayNanos, $0.receivedAt) < ($1.delayNanos, $1.receivedAt) }
    }

    /// Venue clock minus local clock.
    public var offsetNanos: Int64? { best?.offsetNanos }

    /// The most the offset can be wrong by: half the best sample's delay.
    public var uncertaintyNanos: Int64? { best.map { $0.delayNanos / 2 } }

    /// The venue's time when ours is `local`.
    public func venueTime(atLocal local: UnixNanos) -> UnixNanos? { offsetNanos.map { local + $0 } }

    /// Our time when the venue's is `venue` (to judge a venue timestamp's age).
    public func localTime(atVenue venue: UnixNanos) -> UnixNanos? { offsetNanos.map { venue + -$0 } }
}
