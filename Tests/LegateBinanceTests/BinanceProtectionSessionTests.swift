// Proves Binance options market-maker protection: `mmpSet` and `mmpReset` go out signed with the parameters Binance
// documents (underlying, windowTimeInMilliseconds, frozenTimeInMilliseconds, qtyLimit, deltaLimit), what Binance
// cannot express is refused unsent, only resting option orders on a protected underlying carry `isMmp=true`, and
// USD-M and spot sessions refuse protection by name.
import Foundation
import LegateCore
import LegateModel
import LegateTransport
import LegateVenues
import Testing

@testable import LegateBinance

enum BinanceProtection {
    static let btcUSDT = Underlying(base: .btc, quote: .usdt)
    static let millisecond: Int64 = 1_000_000
    static let credentials = VenueCredentials(apiKey: "k", secret: BinanceStandIn.secret)

    static let quoting = MarketMakerProtection(
        underlying: btcUSDT,
        intervalNanos: 3_000 * millisecond,
        frozenNanos: 0,
        quantityLimit: d("20"),
        deltaLimit: d("1.5")
    )

    static func order(_ timeInForce: TimeInForce) throws -> OrderRequest {
        let plain = try BinanceHarness.order(BinanceHarness.optionSpec(), quantity: q("0.5"), price: 1250)
        return OrderRequest(
            clientOrderID: plain.clientOrderID,
            account: plain.account,
            venue: .binance,
            instrument: plain.instrument,
            side: plain.side,
            quantity: plain.quantity,
            kind: plain.kind,
            timeInForce: timeInForce
        )
    }
}

@Suite struct BinanceProtectionRequestTests {
    @Test func mmpSetCarriesBinancesParametersSigned() throws {
        let request = try BinanceRequests.marketMakerProtection(
            BinanceProtection.quoting,
            credentials: BinanceProtection.credentials,
            timestampMillis: 1_733_900_000_000
        )
        #expect(request.method == "POST" && request.path == "/eapi/v1/mmpSet")
        #expect(
            request.query.hasPrefix(
                "underlying=BTCUSDT&windowTimeInMilliseconds=3000&frozenTimeInMilliseconds=0&qtyLimit=20"
                    + "&deltaLimit=1.5&recvWindow=5000&timestamp=1733900000000&signature="
            )
        )
        #expect(BinanceStandIn.verifies(request.query))
        let reset = BinanceRequests.resetMarketMakerProtection(
            BinanceProtection.btcUSDT,
            credentials: BinanceProtection.credentials,
            timestampMillis: 1_733_900_000_000
        )
        #expect(reset.path == "/eapi/v1/mmpReset" && reset.query.hasPrefix("underlying=BTCUSDT&recvWindow=5000&"))
    }

    @Test func whatBinanceCannotExpressIsRefused() {
        let underlying = BinanceProtection.btcUSDT
        let second: Int64 = 1_000_000_000
        let refused = [
            MarketMakerProtection(underlying: underlying, intervalNanos: second, frozenNanos: 0, quantityLimit: 1),
            MarketMakerProtection(
                underlying: underlying,
                intervalNanos: second,
                frozenNanos: 0,
                quantityLimit: 1,
                deltaLimit: 1,
                maximumQuoteQuantity: 1
            ),
            MarketMakerProtection(
                underlying: underlying,
                intervalNanos: 1_500_000,
                frozenNanos: 0,
                quantityLimit: 1,
                deltaLimit: 1
            ),
            MarketMakerProtection.off(underlying),
            // An MMP group: Binance has one protection per underlying.
            MarketMakerProtection(
                underlying: underlying,
                intervalNanos: second,
                frozenNanos: 0,
                quantityLimit: 1,
                deltaLimit: 1,
                group: "quotes"
            ),
        ]
        for protection in refused {
            #expect(throws: BinanceRequestError.self) {
                try BinanceRequests.marketMakerProtection(
                    protection,
                    credentials: BinanceProtection.credentials,
                    timestampMillis: 0
                )
            }
        }
    }
}

@Suite(.timeLimit(.minutes(1))) struct BinanceProtectionSessionTests {
    @Test func protectionIsSetFlagsRestingOrdersAndResets() async throws {
        // Given a venue that accepts options orders with the documented answer, and mmpSet and mmpReset with
        // Binance's documented answers (hand-written, the shape of the "Set Market Maker Protection Config" example)
        let mmp =
            #"{"underlyingId":2,"underlying":"BTCUSDT","windowTimeInMilliseconds":3000,"#
            + #""frozenTimeInMilliseconds":0,"qtyLimit":"20","deltaLimit":"1.5","lastTriggerTime":0}"#
        let standIn = BinanceStandIn(rest: { request in
            switch (request.method, request.path) {
            case ("POST", "/eapi/v1/order"): BinanceStandIn.fixture("binance-docs/options/new_order_response.json.txt")
            case ("POST", "/eapi/v1/mmpSet"), ("POST", "/eapi/v1/mmpReset"): LoopbackHTTPResponse(text: mmp)
            default: nil
            }
        })
        let specs = [try BinanceHarness.optionSpec()]
        let events = try await BinanceHarness.run(standIn, market: .options, specs: specs) { session, outputs in
            try await Self.quoteThroughProtection(session)
            return outputs.events.all
        }
        // Then only the order placed while protection was on was flagged
        let orders = standIn.requests.all.filter { $0.path == "/eapi/v1/order" }
        #expect(orders.map { $0.parameters["isMmp"] } == [nil, "true", nil, nil])
        let set = standIn.requests.all.filter { $0.path == "/eapi/v1/mmpSet" }
        #expect(set.count == 1 && set.first?.isSigned == true)
        #expect(set.first?.parameters["deltaLimit"] == "1.5")
        let reset = standIn.requests.all.filter { $0.path == "/eapi/v1/mmpReset" }
        #expect(reset.count == 1 && reset.first?.parameters["underlying"] == "BTCUSDT")
        #expect(events.contains(.marketMakerProtectionSet(underlying: "BTCUSDT", isOff: false)))
        #expect(events.contains(.marketMakerProtectionSet(underlying: "BTCUSDT", isOff: true)))
    }

    /// A quote before protection, protection set, a quote and a hedge, a reset, protection off, a last quote.
    static func quoteThroughProtection(_ session: BinanceSession) async throws {
        let id = OrderID(known: "O-OPT-1")
        try await session.place(orderID: id, request: try BinanceProtection.order(.goodTillCancelled))
        try await session.setMarketMakerProtection(BinanceProtection.quoting)
        try await session.place(orderID: id, request: try BinanceProtection.order(.goodTillCancelled))
        try await session.place(orderID: id, request: try BinanceProtection.order(.immediateOrCancel))
        try await session.resetMarketMakerProtection(underlying: BinanceProtection.btcUSDT)
        try await session.setMarketMakerProtection(.off(BinanceProtection.btcUSDT))
        try await session.place(orderID: id, request: try BinanceProtection.order(.goodTillCancelled))
    }

    @Test func usdmHasNoMarketMakerProtection() async throws {
        let standIn = BinanceStandIn()
        let specs = try BinanceHarness.usdmSpecs(["SUSHIUSDT"])
        let refusal = try await BinanceHarness.run(standIn, market: .usdm, specs: specs) { session, _ in
            do {
                try await session.setMarketMakerProtection(BinanceProtection.quoting)
                return "accepted"
            } catch {
                return "\(error)"
            }
        }
        #expect(refusal.contains("outside options"))
        #expect(!standIn.requests.all.contains { $0.path.contains("mmp") })
    }
}
