public import LegateCore

/// The venue's clock as signed requests need it: OKX, Bybit and Binance refuse a request whose timestamp is too far
/// from their own time (OKX 30 s, Bybit and Binance `recvWindow`), so a session asks the venue's server-time endpoint
/// every `intervalNanos`, keeps the samples in a `ClockOffsetTracker` (min-RTT filter), and stamps requests with
/// local time plus the offset.
///
/// Until a sample arrives (or when syncing is off, `intervalNanos == nil`) the venue's time is taken to be ours.
public struct VenueClockSync: Hashable, Sendable {
    /// Server-time requests per sync: one sample's error is up to half its round trip, and the least delayed of a
    /// few is much better than the first (whose round trip also opens the connection).
    public static let samplesPerSync = 3

    public let intervalNanos: Int64?
    public private(set) var tracker: ClockOffsetTracker
    /// When the session last asked the venue for its time, answered or not (a failing endpoint is not hammered).
    public private(set) var lastAttemptAt: UnixNanos?

    public init(intervalNanos: Int64?, window: Int = 16) {
        precondition(intervalNanos.map { $0 > 0 } ?? true, "clock sync interval \(intervalNanos ?? 0) must be positive")
        self.intervalNanos = intervalNanos
        tracker = ClockOffsetTracker(window: window)
    }

    /// True when the venue should be asked for its time before the next signed request.
    public func isDue(at now: UnixNanos) -> Bool {
        guard let intervalNanos else { return false }
        guard let lastAttemptAt else { return true }
        return now - lastAttemptAt >= intervalNanos
    }

    public mutating func attempted(at now: UnixNanos) { lastAttemptAt = now }

    /// A server-time answer: the request went at `sentAt`, the venue stamped `venueTime`, the answer came at
    /// `receivedAt`. False when the times are inconsistent (ignored).
    @discardableResult
    public mutating func record(sentAt: UnixNanos, venueTime: UnixNanos, receivedAt: UnixNanos) -> Bool {
        tracker.record(sentAt: sentAt, venueTime: venueTime, receivedAt: receivedAt)
    }

    /// The venue's time when ours is `local`: corrected by the offset once there is one.
    public func venueTime(atLocal local: UnixNanos) -> UnixNanos { tracker.venueTime(atLocal: local) ?? local }
}

/// A session's `VenueClockSync` behind its own isolation, so that reading the venue's time (which may first ask the
/// venue for it) is one call: `await venueClock.now(local:serverTime:)`.
public actor VenueClock {
    public private(set) var sync: VenueClockSync

    public init(intervalNanos: Int64?) { sync = VenueClockSync(intervalNanos: intervalNanos) }

    /// Venue clock minus ours, once sampled.
    public var offsetNanos: Int64? { sync.tracker.offsetNanos }

    /// The venue's time now. When a sync is due, first asks `serverTime` (the venue's time, or nil when the request
    /// failed) `samplesPerSync` times, stopping at the first failure.
    public func now(
        local: @escaping @Sendable () -> UnixNanos,
        serverTime: @escaping @Sendable () async -> UnixNanos?
    ) async -> UnixNanos {
        // The actor is reentrant: while one caller awaits the venue's time, another would find the sync attempted
        // and sign with the uncorrected clock. Every caller waits for the sync in flight instead.
        if let running = syncing {
            await running.value
        } else if sync.isDue(at: local()) {
            sync.attempted(at: local())
            let running = Task { await self.takeSamples(local: local, serverTime: serverTime) }
            syncing = running
            await running.value
        }
        return sync.venueTime(atLocal: local())
    }

    /// The sync in flight, which concurrent callers wait for.
    private var syncing: Task<Void, Never>?

    private func takeSamples(
        local: @Sendable () -> UnixNanos,
        serverTime: @Sendable () async -> UnixNanos?
    ) async {
        defer { syncing = nil }
        for _ in 0..<VenueClockSync.samplesPerSync {
            let sentAt = local()
            guard let venueTime = await serverTime() else { break }
            sync.record(sentAt: sentAt, venueTime: venueTime, receivedAt: local())
        }
    }
}
