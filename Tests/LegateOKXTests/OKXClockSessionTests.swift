// Proves that OKX's signed timestamps carry the venue's time: against a stand-in whose clock runs 5 s ahead, the
// session reads `GET /api/v5/public/time` (OKX v5 docs: `{"data":[{"ts":"<ms>"}]}`), tracks the offset, and both the
// REST `OK-ACCESS-TIMESTAMP` and the WebSocket login timestamp are the stand-in's time, not ours; with clock sync off
// they are 5 s behind it (OKX refuses a request more than 30 s off with 50102).
import Foundation
import LegateCore
import LegateTransport
import LegateVenues
import Testing

@testable import LegateOKX

@Suite struct OKXClockSessionTests {
    static let skew: Int64 = 5_000_000_000

    /// How far an `OK-ACCESS-TIMESTAMP` is from the stand-in's clock when the request arrived, in milliseconds.
    static func lagMillis(_ call: OKXStandInCall) throws -> Int64 {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let date = try #require(call.timestamp.flatMap { formatter.date(from: $0) })
        let stamped = Int64((date.timeIntervalSince1970 * 1_000).rounded())
        return (call.receivedAt.rawValue + skew) / 1_000_000 - stamped
    }

    static func run(
        syncing: Bool,
        _ body: (OKXSession, OKXStandIn, OKXSessionRecord) async throws -> Void
    )
        async throws
    {
        let standIn = OKXStandIn(clockSkewNanos: skew)
        let configure: @Sendable (LoopbackServer) -> OKXSessionConfiguration = {
            OKXSessionRig.configuration($0, clockSyncIntervalNanos: syncing ? 60_000_000_000 : nil)
        }
        try await OKXSessionRig.run(standIn, configure: configure) { session, record in
            try await body(session, standIn, record)
        }
    }

    @Test func restAndLoginTimestampsAreCorrectedByTheVenuesClockOffset() async throws {
        try await Self.run(syncing: true) { session, standIn, record in
            try await waitUntil("the session to be ready") { record.readyCount == 1 }
            _ = try await session.balances()
            let offset = try #require(await session.venueClock.offsetNanos)
            #expect(abs(offset - Self.skew) < 500_000_000)
            #expect(standIn.calls(to: "/api/v5/public/time").count == VenueClockSync.samplesPerSync)
            let balance = try #require(standIn.calls(to: "/api/v5/account/balance").first)
            let lag = try Self.lagMillis(balance)
            #expect(balance.isSignatureValid && abs(lag) < 1_000)
            // The login's timestamp (seconds) is the venue's second too
            let login = try #require(standIn.frames(on: .private, op: "login").first)
            let seconds = try #require((login.args.first?["timestamp"] as? String).flatMap { Int64($0) })
            let venueSeconds = (SystemTransportClock().now().rawValue + Self.skew) / 1_000_000_000
            #expect(abs(venueSeconds - seconds) <= 2)
        }
    }

    @Test func withoutClockSyncTimestampsAreTheLocalClock() async throws {
        try await Self.run(syncing: false) { session, standIn, _ in
            _ = try await session.balances()
            let balance = try #require(standIn.calls(to: "/api/v5/account/balance").first)
            let lag = try Self.lagMillis(balance)
            #expect(lag > 4_000)
            #expect(standIn.calls(to: "/api/v5/public/time").isEmpty)
        }
    }
}
