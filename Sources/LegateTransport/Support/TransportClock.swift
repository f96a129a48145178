public import LegateCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where connections read the time and wait: the system clock in production, a recording one in tests.
///
/// Sessions never call `Date()` or `Task.sleep` directly, so a test can see every delay a session chose (the reconnect
/// backoff, a rate-limit wait) and keep the waits short.
public protocol TransportClock: Sendable {
    /// Wall-clock time (venue timestamps and signatures are wall-clock).
    func now() -> UnixNanos
    /// Waits `nanos` nanoseconds.
    ///
    /// - Throws: `CancellationError` when the task is cancelled.
    func sleep(nanos: Int64) async throws
}

/// `CLOCK_REALTIME` and `Task.sleep`.
public struct SystemTransportClock: TransportClock {
    public init() {}

    public func now() -> UnixNanos {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return UnixNanos(Int64(time.tv_sec) * UnixNanos.nanosecondsPerSecond + Int64(time.tv_nsec))
    }

    public func sleep(nanos: Int64) async throws {
        guard nanos > 0 else {
            try Task.checkCancellation()
            return
        }
        try await Task.sleep(for: .nanoseconds(nanos))
    }
}
