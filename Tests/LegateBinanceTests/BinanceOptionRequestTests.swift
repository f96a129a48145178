// Proves the options (eapi) request builders and the session's stream names: the exact parameters Binance
// documents, signed over what is sent; sizes off the lot and countdowns under 5 s refused, never rounded.
import Foundation
import LegateCore
import LegateModel
import LegateSymbology
import LegateVenues
import Testing

@testable import LegateBinance

@Suite struct BinanceOptionRequestTests {
    static let credentials = VenueCredentials(apiKey: "k", secret: BinanceStandIn.secret)

    @Test func anOptionOrderCarriesBinancesParametersAndAValidSignature() throws {
        let spec = try BinanceHarness.optionSpec()
        let request = try BinanceRequests.placeOption(
            orderID: OrderID(known: "O-OPT-1"),
            request: BinanceHarness.order(spec, quantity: q("0.5"), price: 1250),
            spec: spec,
            credentials: Self.credentials,
            timestampMillis: 1_733_900_000_000
        )
        #expect(request.method == "POST" && request.path == "/eapi/v1/order")
        #expect(
            request.query.hasPrefix(
                "symbol=BTC-241227-60000-C&side=BUY&type=LIMIT&quantity=0.5&price=1250&timeInForce=GTC"
                    + "&newOrderRespType=RESULT&clientOrderId=O-OPT-1&recvWindow=5000&timestamp=1733900000000&signature="
            )
        )
        #expect(BinanceStandIn.verifies(request.query))
    }

    @Test func sizesOffTheLotAndShortCountdownsAreRefused() throws {
        let spec = try BinanceHarness.optionSpec()
        #expect(throws: BinanceRequestError.self) {
            try BinanceRequests.placeOption(
                orderID: OrderID(known: "O-OPT-1"),
                request: BinanceHarness.order(spec, quantity: q("0.015"), price: 1250),
                spec: spec,
                credentials: Self.credentials,
                timestampMillis: 0
            )
        }
        #expect(throws: BinanceRequestError.self) {
            try BinanceRequests.optionCountdownCancelAll(
                underlying: "BTCUSDT",
                countdownMillis: 4_999,
                credentials: Self.credentials,
                timestampMillis: 0
            )
        }
        #expect(throws: BinanceRequestError.self) {
            try BinanceRequests.cancelAllOptions(credentials: Self.credentials, timestampMillis: 0)
        }
        let off = try BinanceRequests.optionCountdownCancelAll(
            underlying: "BTCUSDT",
            countdownMillis: 0,
            credentials: Self.credentials,
            timestampMillis: 0
        )
        #expect(off.query.hasPrefix("underlying=BTCUSDT&countdownTime=0&"))
    }

    /// Binance's documented options order updates (binance-docs/options, see its SOURCES.md): the partial fill is the
    /// order's state and its one maker trade; the cancel that follows it is one cancel with no trade again.
    @Test func theDocumentedOrderUpdatesBecomeTheirReports() throws {
        let orderID = OrderID(known: "O-OPT-1")
        let venueOrderID = try VenueOrderID("4611875134427365377")
        func reports(_ name: String) throws -> [VenueReport] {
            let data = try Fixtures.data("binance-docs/options/\(name).json.txt")
            let wire = try BinanceCodec.event(BinanceOptionOrderUpdateWire.self, from: data)
            return try wire.orders.flatMap { try BinanceTranslator.optionReports($0) }
        }
        let fill = VenueFill(
            venue: .binance,
            tradeID: "20",
            orderID: orderID,
            quantity: q("0.1"),
            price: p("1250"),
            fee: Money(d("0.025"), .usdt),
            liquidity: .maker
        )
        #expect(
            try reports("order_update_partial") == [
                .acknowledged(orderID: orderID, venueOrderID: venueOrderID), .fill(fill),
            ]
        )
        #expect(try reports("order_update_cancelled") == [.cancelled(orderID: orderID, reason: "canceled")])
    }

    @Test func streamNamesFollowEachMarket() throws {
        let option = try BinanceHarness.optionSpec().instrument
        let perpetual = try BinanceTranslator.instrument("BTCUSDT", market: .linear)
        #expect(
            try BinanceRequests.stream(.init(instrument: option, channel: .book(depth: nil)), market: .options)
                == "BTC-241227-60000-C@depth20@100ms"
        )
        #expect(
            try BinanceRequests.stream(.init(instrument: option, channel: .ticker), market: .options)
                == "btcusdt@optionMarkPrice"
        )
        #expect(
            try BinanceRequests.stream(.init(instrument: perpetual, channel: .book(depth: nil)), market: .usdm)
                == "btcusdt@depth@100ms"
        )
        #expect(throws: BinanceRequestError.self) {
            try BinanceRequests.stream(.init(instrument: perpetual, channel: .ticker), market: .options)
        }
        #expect(BinanceRequests.userStream(.spot, method: "PUT", listenKey: "abc").query == "listenKey=abc")
        #expect(BinanceRequests.userStream(.options, method: "POST").path == "/eapi/v1/listenKey")
    }
}
