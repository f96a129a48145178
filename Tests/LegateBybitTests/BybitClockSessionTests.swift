// Proves that Bybit's signed timestamps carry the venue's time: against a stand-in whose clock runs 5 s ahead and
// which refuses (10002) a timestamp outside Bybit's rule (`server - recvWindow <= timestamp < server + 1000`, here a
// 2 s window), the session reads `GET /v5/market/time`, tracks the offset, and its signed query passes. With clock
// sync off, the same query is refused, so the stand-in really checks.
import Foundation
import LegateCore
import LegateTransport
import LegateVenues
import Testing

@testable import LegateBybit

@Suite struct BybitClockSessionTests {
    static let skew: Int64 = 5_000_000_000

    static func run(syncing: Bool, _ body: (BybitSession, BybitStandIn) async throws -> Void) async throws {
        let standIn = BybitStandIn(clockSkewNanos: skew)
        let configure: @Sendable (LoopbackServer) -> BybitSessionConfiguration = {
            BybitSessionHarness.configuration(
                $0,
                recvWindowMillis: 2_000,
                clockSyncIntervalNanos: syncing ? 60_000_000_000 : nil
            )
        }
        try await BybitSessionHarness.run(standIn, configure: configure) { session, _ in
            try await body(session, standIn)
        }
    }

    @Test func signedTimestampsAreCorrectedByTheVenuesClockOffset() async throws {
        try await Self.run(syncing: true) { session, standIn in
            _ = try await session.balances()
            let offset = try #require(await session.venueClock.offsetNanos)
            #expect(abs(offset - Self.skew) < 500_000_000)
            let times = standIn.requests.all.filter { $0.path == "/v5/market/time" }
            #expect(times.count == VenueClockSync.samplesPerSync)
            let signed = try #require(standIn.requests.all.first { $0.isSignatureValid == true })
            let stamped = try #require(signed.timestampMillis)
            let venueMillis = (signed.receivedAt.rawValue + Self.skew) / 1_000_000
            #expect(abs(venueMillis - stamped) < 1_000 && signed.recvWindowMillis == 2_000)
        }
    }

    @Test func withoutClockSyncTheSkewedVenueRefusesTheTimestamp() async throws {
        try await Self.run(syncing: false) { session, standIn in
            await #expect(throws: VenueError.self) { _ = try await session.balances() }
            #expect(!standIn.requests.all.contains { $0.path == "/v5/market/time" })
        }
    }
}
