// The venue clock shared by the Binance, OKX and Bybit sessions: callers that need a signed timestamp while the first
// sync is still reading the venue's time wait for it, so none signs with the uncorrected local clock.
import LegateCore
import LegateVenues
import Synchronization
import Testing

@Suite struct VenueClockTests {
    /// A local clock 5 s behind the venue, and a venue whose time answers take a moment (so the sync is in flight).
    final class SkewedVenue: Sendable {
        static let skew: Int64 = 5_000_000_000
        let requests = Atomic<Int>(0)
        let local: @Sendable () -> UnixNanos = { UnixNanos(1_700_000_000_000_000_000) }

        func serverTime() async -> UnixNanos? {
            requests.add(1, ordering: .relaxed)
            try? await Task.sleep(for: .milliseconds(20))
            return UnixNanos(1_700_000_000_000_000_000 + Self.skew)
        }
    }

    @Test func callersDuringTheFirstSyncWaitForIt() async {
        let clock = VenueClock(intervalNanos: 60_000_000_000)
        let venue = SkewedVenue()
        let times = await withTaskGroup(of: UnixNanos.self) { group in
            for _ in 0..<4 {
                group.addTask { await clock.now(local: venue.local, serverTime: { await venue.serverTime() }) }
            }
            return await group.reduce(into: [UnixNanos]()) { $0.append($1) }
        }
        let corrected = UnixNanos(1_700_000_000_000_000_000 + SkewedVenue.skew)
        #expect(times == Array(repeating: corrected, count: 4))
        #expect(venue.requests.load(ordering: .relaxed) == VenueClockSync.samplesPerSync)
        // Once synced, later callers use the offset without asking again.
        #expect(await clock.now(local: venue.local, serverTime: { await venue.serverTime() }) == corrected)
        #expect(venue.requests.load(ordering: .relaxed) == VenueClockSync.samplesPerSync)
    }
}
