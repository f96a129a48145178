// Proves the reconnect supervisor's schedule without a network: the delays it waits are exactly the seeded
// backoff's draws (so a run replays), a connection that became ready resets the backoff, the state stream tells the
// whole story in order, a failure limit stops it, and cancellation stops it between attempts. Also checks that the
// seeded generator is the published SplitMix64.
import LegateTransport
import LegateVenues
import Testing

@Suite struct ReconnectSupervisorTests {
    static let backoff = ReconnectBackoff(initialNanos: 1_000_000, maximumNanos: 8_000_000)

    /// The delays a fresh backoff draws with `seed`.
    static func expectedDelays(_ count: Int, seed: UInt64) -> [Int64] {
        var backoff = backoff
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in backoff.nextDelay(using: &generator) }
    }

    @Test func delaysFollowTheSeededBackoffAndReadinessResetsIt() async {
        // Given connections that fail three times, then one that becomes ready and drops, then failures up to the limit
        let clock = RecordingClock()
        let states = Collected<ConnectionState>()
        let policy = ReconnectPolicy(
            backoff: Self.backoff,
            jitterSeed: 42,
            stableNanos: 0,
            maximumConsecutiveFailures: 4
        )
        let final = await ReconnectSupervisor.run(policy: policy, clock: clock, onState: states.record) {
            attempt in
            if attempt.number == 4 { await attempt.markReady() }
            throw TransportError.connectionLost(reason: "attempt \(attempt.number)")
        }
        // Then the first three delays are the backoff's first three draws; after the ready connection the schedule
        // starts again from attempt 0 with the generator's next draws
        let waits = states.all.compactMap { state -> (Int, Int64)? in
            guard case .waiting(let attempt, let delay) = state else { return nil }
            return (attempt, delay)
        }
        var generator = SplitMix64(seed: 42)
        var first = Self.backoff
        let firstRun = (0..<3).map { _ in first.nextDelay(using: &generator) }
        var second = Self.backoff
        let secondRun = (0..<3).map { _ in second.nextDelay(using: &generator) }
        #expect(waits.map(\.0) == [0, 1, 2, 0, 1, 2])
        #expect(waits.map(\.1) == firstRun + secondRun)
        for (attempt, delay) in waits { #expect(delay <= Self.backoff.ceiling(attempt: attempt)) }
        #expect(clock.sleeps == firstRun + secondRun)
        #expect(final == .stopped(reason: "gave up after 4 failed attempts"))
        #expect(states.all.filter { $0 == .ready }.count == 1)
    }

    @Test func theStateStreamTellsTheStoryInOrder() async {
        let states = Collected<ConnectionState>()
        let policy = ReconnectPolicy(backoff: Self.backoff, jitterSeed: 7, maximumConsecutiveFailures: 2)
        _ = await ReconnectSupervisor.run(policy: policy, clock: RecordingClock(), onState: states.record) {
            _ in throw TransportError.connectionLost(reason: "down")
        }
        let delay = Self.expectedDelays(1, seed: 7)[0]
        let reason = TransportError.connectionLost(reason: "down").description
        #expect(
            states.all == [
                .connecting(failures: 0), .disconnected(reason: reason), .waiting(attempt: 0, delayNanos: delay),
                .connecting(failures: 1), .disconnected(reason: reason),
                .stopped(reason: "gave up after 2 failed attempts"),
            ]
        )
    }

    @Test func aConnectionThatDidNotStayUpLongEnoughKeepsTheBackoffGrowing() async {
        // Ready, but for less than the stable period: the next failure does not start from the shortest delay.
        let states = Collected<ConnectionState>()
        let policy = ReconnectPolicy(
            backoff: Self.backoff,
            jitterSeed: 9,
            stableNanos: 60_000_000_000,
            maximumConsecutiveFailures: 3
        )
        _ = await ReconnectSupervisor.run(policy: policy, clock: RecordingClock(), onState: states.record) {
            attempt in
            await attempt.markReady()
            throw TransportError.connectionLost(reason: "flapping")
        }
        let attempts = states.all.compactMap { state -> Int? in
            guard case .waiting(let attempt, _) = state else { return nil }
            return attempt
        }
        #expect(attempts == [0, 1])
    }

    @Test func cancellationStopsBetweenAttempts() async {
        let states = Collected<ConnectionState>()
        let policy = ReconnectPolicy(
            backoff: ReconnectBackoff(initialNanos: 60_000_000_000, maximumNanos: 60_000_000_000),
            jitterSeed: 1
        )
        let task = Task {
            await ReconnectSupervisor.run(policy: policy, clock: RecordingClock(), onState: states.record) {
                _ in throw TransportError.connectionLost(reason: "down")
            }
        }
        try? await eventually("the supervisor to wait") {
            states.all.contains { if case .waiting = $0 { true } else { false } }
        }
        task.cancel()
        #expect(await task.value == .stopped(reason: "cancelled"))
    }

    @Test func splitMix64MatchesItsReferenceOutput() {
        // Reference values of SplitMix64 from seed 0 (Vigna's splitmix64.c; also Java's SplittableRandom).
        var generator = SplitMix64(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(generator.next() == 0x06C4_5D18_8009_454F)
    }
}
