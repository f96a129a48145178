// Proves reconnect backoff (exponential ceilings with a cap, full jitter within them, the same delays from the same
// seed, reset after success) and clock-offset tracking (NTP offset and delay, the min-RTT sample wins, inconsistent
// samples are refused, the window forgets old samples).
import LegateCore
import Testing

@testable import LegateVenues

@Suite struct ConnectionTests {
    @Test func backoffCeilingsDoubleUpToTheCap() {
        let backoff = ReconnectBackoff(initialNanos: 100, maximumNanos: 1_000)
        #expect((0..<6).map { backoff.ceiling(attempt: $0) } == [100, 200, 400, 800, 1_000, 1_000])
        #expect(backoff.ceiling(attempt: 10_000) == 1_000)
    }

    @Test func jitteredDelaysStayWithinTheCeilingAndReplayFromTheSeed() {
        var first = ReconnectBackoff.standard
        var second = ReconnectBackoff.standard
        var generatorA = SplitMix64(state: 7)
        var generatorB = SplitMix64(state: 7)
        var delays: [Int64] = []
        for attempt in 0..<12 {
            let delay = first.nextDelay(using: &generatorA)
            #expect(delay >= 0 && delay <= first.ceiling(attempt: attempt))
            #expect(delay == second.nextDelay(using: &generatorB))
            delays.append(delay)
        }
        // Full jitter really spreads: not all delays sit at the ceiling.
        #expect(Set(delays).count == delays.count)
        first.reset()
        #expect(first.attempt == 0)
    }

    @Test func jitterCoversTheWholeRange() {
        var generator = SplitMix64(state: 99)
        var low = 0
        var high = 0
        for _ in 0..<2_000 {
            var backoff = ReconnectBackoff(initialNanos: 1_000, maximumNanos: 1_000)
            let delay = backoff.nextDelay(using: &generator)
            if delay < 250 { low += 1 }
            if delay > 750 { high += 1 }
        }
        #expect(low > 400 && high > 400)
    }

    @Test func offsetComesFromTheFastestRoundTrip() {
        var tracker = ClockOffsetTracker(window: 4)
        // The venue runs 1,000 ns ahead. A slow sample skewed by queueing on the way back:
        let slowAccepted = tracker.record(sentAt: UnixNanos(0), venueTime: UnixNanos(1_100), receivedAt: UnixNanos(600))
        // A fast one:
        let fastAccepted = tracker.record(
            sentAt: UnixNanos(10_000),
            venueTime: UnixNanos(11_010),
            receivedAt: UnixNanos(10_020)
        )
        #expect(slowAccepted && fastAccepted)
        #expect(tracker.offsetNanos == 1_000)
        #expect(tracker.uncertaintyNanos == 10)
        #expect(tracker.venueTime(atLocal: UnixNanos(50_000)) == UnixNanos(51_000))
        #expect(tracker.localTime(atVenue: UnixNanos(51_000)) == UnixNanos(50_000))
    }

    @Test func venueProcessingTimeIsNotNetworkDelay() {
        var tracker = ClockOffsetTracker()
        // Deribit-style usIn/usOut: the venue held the request 500 ns.
        tracker.record(
            sentAt: UnixNanos(0),
            venueReceivedAt: UnixNanos(2_050),
            venueSentAt: UnixNanos(2_550),
            receivedAt: UnixNanos(600)
        )
        #expect(tracker.best?.delayNanos == 100)
        #expect(tracker.offsetNanos == 2_000)
    }

    @Test func inconsistentSamplesAreRefusedAndOldOnesForgotten() {
        var tracker = ClockOffsetTracker(window: 2)
        let accepted = tracker.record(sentAt: UnixNanos(10), venueTime: UnixNanos(0), receivedAt: UnixNanos(5))
        #expect(!accepted)
        #expect(tracker.offsetNanos == nil)
        tracker.record(sentAt: UnixNanos(0), venueTime: UnixNanos(500), receivedAt: UnixNanos(2))
        tracker.record(sentAt: UnixNanos(0), venueTime: UnixNanos(700), receivedAt: UnixNanos(100))
        tracker.record(sentAt: UnixNanos(0), venueTime: UnixNanos(900), receivedAt: UnixNanos(100))
        // The 2-ns sample has left the window of two.
        #expect(tracker.best?.delayNanos == 100)
    }
}
