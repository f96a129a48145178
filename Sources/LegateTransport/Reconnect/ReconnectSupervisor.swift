import LegateCore
public import LegateVenues
import Synchronization

/// When and how often to reconnect.
public struct ReconnectPolicy: Hashable, Sendable {
    /// Exponential backoff with full jitter (`LegateVenues.ReconnectBackoff`).
    public var backoff: ReconnectBackoff
    /// Seeds the jitter, so a run replays the same delays.
    public var jitterSeed: UInt64
    /// A connection that stayed ready at least this long resets the backoff; 0 resets it as soon as one is ready.
    /// A venue that accepts, authenticates and drops at once must not be retried at the shortest delay forever.
    public var stableNanos: Int64
    /// Consecutive failed attempts after which the supervisor gives up; nil retries until cancelled.
    public var maximumConsecutiveFailures: Int?

    public init(
        backoff: ReconnectBackoff = .standard,
        jitterSeed: UInt64,
        stableNanos: Int64 = 10_000_000_000,
        maximumConsecutiveFailures: Int? = nil
    ) {
        precondition(stableNanos >= 0, "stable period \(stableNanos) ns must not be negative")
        precondition((maximumConsecutiveFailures ?? 1) > 0, "failure limit must be positive")
        self.backoff = backoff
        self.jitterSeed = jitterSeed
        self.stableNanos = stableNanos
        self.maximumConsecutiveFailures = maximumConsecutiveFailures
    }
}

/// One connection attempt, handed to the session's connect closure.
public struct ConnectionAttempt: Sendable {
    /// 1 for the first connection of the supervisor's life, counting up.
    public let number: Int
    let readiness: Readiness
    let onState: @Sendable (ConnectionState) async -> Void

    /// Says the on-connect steps are done (authenticated, re-subscribed): the connection is usable.
    public func markReady() async {
        readiness.mark(at: readiness.clock.now())
        await onState(.ready)
    }
}

/// When the current attempt became ready, written by the connection's task and read by the supervisor.
final class Readiness: Sendable {
    let clock: any TransportClock
    private let readyAt = Mutex<UnixNanos?>(nil)

    init(clock: any TransportClock) { self.clock = clock }

    func mark(at time: UnixNanos) { readyAt.withLock { $0 = time } }
    var time: UnixNanos? { readyAt.withLock { $0 } }
}

/// Keeps a session connected: runs one connection's life, and when it ends waits a backoff delay and runs it again.
///
/// The session's closure does everything for one connection (connect, authenticate, re-subscribe, then read until
/// the connection drops) and calls `markReady()` once it is usable. The supervisor owns the only things that span
/// connections: the backoff, its seeded jitter, and the state stream.
public enum ReconnectSupervisor {
    /// Runs until the task is cancelled or the policy gives up; returns the final `.stopped` state.
    public static func run(
        policy: ReconnectPolicy,
        clock: any TransportClock,
        onState: @escaping @Sendable (ConnectionState) async -> Void,
        connection: @Sendable (ConnectionAttempt) async throws -> Void
    ) async -> ConnectionState {
        var backoff = policy.backoff
        var generator = SplitMix64(seed: policy.jitterSeed)
        var number = 0
        while !Task.isCancelled {
            number += 1
            await onState(.connecting(failures: backoff.attempt))
            let attempt = ConnectionAttempt(number: number, readiness: Readiness(clock: clock), onState: onState)
            var reason = "closed"
            do {
                try await connection(attempt)
            } catch {
                reason = "\(error)"
            }
            if Task.isCancelled { break }
            await onState(.disconnected(reason: reason))
            if let readyAt = attempt.readiness.time, clock.now() - readyAt >= policy.stableNanos { backoff.reset() }
            // The attempt that just ended failed too: one more than the delays drawn since the last success.
            if let limit = policy.maximumConsecutiveFailures, backoff.attempt + 1 >= limit {
                return await stop("gave up after \(limit) failed attempts", onState)
            }
            let index = backoff.attempt
            let delay = backoff.nextDelay(using: &generator)
            await onState(.waiting(attempt: index, delayNanos: delay))
            do {
                try await clock.sleep(nanos: delay)
            } catch {
                break
            }
        }
        return await stop("cancelled", onState)
    }

    private static func stop(
        _ reason: String,
        _ onState: @Sendable (ConnectionState) async -> Void
    ) async -> ConnectionState {
        let state = ConnectionState.stopped(reason: reason)
        await onState(state)
        return state
    }
}
