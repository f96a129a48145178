// Proves that signed Binance requests carry the venue's time, not ours: against a stand-in whose clock runs 5 s ahead
// and which refuses (-1021) any timestamp outside Binance's rule (`timestamp < serverTime + 1000` and
// `serverTime - timestamp <= recvWindow`, here a 2 s window), the session reads `/fapi/v1/time` first, tracks the
// offset, and its order passes; with clock sync off, the same order is refused, so the stand-in really checks.
import Foundation
import LegateCore
import LegateModel
import LegateTransport
import LegateVenues
import Testing

@testable import LegateBinance

@Suite(.timeLimit(.minutes(1))) struct BinanceClockSessionTests {
    static let skew: Int64 = 5_000_000_000

    static func standIn() -> BinanceStandIn {
        BinanceStandIn(clockSkewNanos: skew) { request in
            request.path == "/fapi/v1/order"
                ? BinanceAmendSessionTests.answer(Folder.futuresHTTP + "order_response.json", clientID: "O-CLOCK-1")
                : nil
        }
    }

    static func run(
        _ standIn: BinanceStandIn,
        syncing: Bool,
        _ body: (BinanceSession, BinanceOutputs) async throws -> Void
    ) async throws {
        let specs = try BinanceHarness.usdmSpecs(["BTCUSDT"])
        try await BinanceHarness.run(
            standIn,
            configure: { server in
                BinanceHarness.configuration(
                    server,
                    market: .usdm,
                    specs: specs,
                    recvWindowMillis: 2_000,
                    clockSyncIntervalNanos: syncing ? 60_000_000_000 : nil
                )
            },
            body
        )
    }

    @Test func signedTimestampsAreCorrectedByTheVenuesClockOffset() async throws {
        let standIn = Self.standIn()
        try await Self.run(standIn, syncing: true) { session, outputs in
            let spec = try BinanceHarness.usdmSpecs(["BTCUSDT"])[0]
            let request = try BinanceHarness.order(spec, quantity: q("0.001"), price: 50000)
            try await session.place(orderID: OrderID(known: "O-CLOCK-1"), request: request)
            try await waitUntil("the acknowledgement") { outputs.reports.count == 1 }
            // Then the server time was read before any signed request (the user stream's key, unsigned, may go out
            // meanwhile), the offset is the 5 s skew (within the round trip), and the order's timestamp is the
            // venue's time, inside its 2 s recvWindow
            let requests = standIn.requests.all
            let order = try #require(requests.firstIndex { $0.path == "/fapi/v1/order" })
            let before = requests[..<order]
            #expect(before.filter { $0.path == "/fapi/v1/time" }.count == VenueClockSync.samplesPerSync)
            #expect(before.allSatisfy { $0.parameters["timestamp"] == nil }, "\(before.map(\.path))")
            let offset = try #require(await session.venueClock.offsetNanos)
            #expect(abs(offset - Self.skew) < 500_000_000)
            let placed = try #require(standIn.requests.all.first { $0.path == "/fapi/v1/order" })
            let timestamp = try #require(placed.parameters["timestamp"].flatMap { Int64($0) })
            let localMillis = SystemTransportClock().now().rawValue / 1_000_000
            #expect(timestamp - localMillis > 4_000 && placed.parameters["recvWindow"] == "2000")
            #expect(outputs.reports.all.first.map { if case .acknowledged = $0 { true } else { false } } == true)
        }
    }

    @Test func withoutClockSyncTheSkewedVenueRefusesTheTimestamp() async throws {
        let standIn = Self.standIn()
        try await Self.run(standIn, syncing: false) { session, _ in
            let spec = try BinanceHarness.usdmSpecs(["BTCUSDT"])[0]
            let request = try BinanceHarness.order(spec, quantity: q("0.001"), price: 50000)
            await #expect(
                throws: VenueError.venueError(
                    venue: .binance,
                    code: -1021,
                    message: "Timestamp for this request is outside of the recvWindow."
                )
            ) {
                try await session.place(orderID: OrderID(known: "O-CLOCK-1"), request: request)
            }
            #expect(!standIn.requests.all.contains { $0.path == "/fapi/v1/time" })
        }
    }
}
