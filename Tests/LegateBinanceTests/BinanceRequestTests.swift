// Proves the Binance request builders sign exactly what they send and refuse rather than round: Binance's own
// documented signing example, place on spot and USD-M (limit, post-only as LIMIT_MAKER or GTX, reduce-only, protected
// market), cancel, cancel-all, the countdownCancelAll dead-man switch, stream names and the SUBSCRIBE message.
//
// Vectors: the first is the example in Binance's API docs ("SIGNED endpoint examples for POST /api/v3/order", secret
// NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j); the others were computed independently with
// Python: hmac.new(b"binance-test-secret", query.encode(), hashlib.sha256).hexdigest().
import Foundation
import LegateCore
import LegateModel
import LegateSymbology
import LegateVenues
import Testing

@testable import LegateBinance

@Suite struct BinanceRequestTests {
    static let credentials = VenueCredentials(apiKey: "binance-test-key", secret: "binance-test-secret")
    static let orderID = OrderID(known: "O-000000000042")

    static func spec(_ fixture: BinanceInstrumentFixture, _ symbol: String) throws -> InstrumentSpec {
        try #require(
            BinanceTranslator.specs(try fixture.info(), market: fixture.market).specs.first { $0.symbol == symbol }
        )
    }

    static func order(
        _ spec: InstrumentSpec,
        _ side: OrderSide = .buy,
        quantity: Quantity,
        kind: OrderKind,
        flags: ExecutionFlags = .none
    ) throws -> OrderRequest {
        OrderRequest(
            clientOrderID: try ClientOrderID("c-1"),
            account: try AccountID("binance-main"),
            venue: .binance,
            instrument: spec.instrument,
            side: side,
            quantity: quantity,
            kind: kind,
            flags: flags
        )
    }

    @Test func theDocumentedExampleSignsAsBinanceSays() {
        let documented = VenueCredentials(
            apiKey: "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A",
            secret: "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"
        )
        let query = BinanceRequests.signedQuery(
            [
                ("symbol", "LTCBTC"), ("side", "BUY"), ("type", "LIMIT"), ("timeInForce", "GTC"), ("quantity", "1"),
                ("price", "0.1"),
            ],
            credentials: documented,
            timestampMillis: 1_499_827_319_559
        )
        #expect(
            query
                == "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559"
                + "&signature=c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71"
        )
        #expect(BinanceRequests.headers(credentials: documented).map(\.name) == ["X-MBX-APIKEY"])
    }

    @Test func placeOnSpotAndFutures() throws {
        let spot = try Self.spec(.spot, "BTCUSDT")
        let spotOrder = try BinanceRequests.place(
            orderID: Self.orderID,
            request: Self.order(spot, quantity: q("0.001"), kind: .limit(LimitPrice(60_740))),
            spec: spot,
            credentials: Self.credentials,
            timestampMillis: 1_634_942_465_856
        )
        #expect(spotOrder.method == "POST" && spotOrder.path == "/api/v3/order")
        #expect(
            spotOrder.query
                == "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.001&price=60740"
                + "&newClientOrderId=O-000000000042&recvWindow=5000&timestamp=1634942465856"
                + "&signature=c7183b248893b6f83cf919fb895b0720edd87bb8208cbae49b5b0e275a494f0e"
        )
        let perpetual = try Self.spec(.futures, "BTCUSDT")
        let futuresOrder = try BinanceRequests.place(
            orderID: Self.orderID,
            request: Self.order(
                perpetual,
                .sell,
                quantity: q("0.010"),
                kind: .limit(LimitPrice(d("43000.10"))),
                flags: ExecutionFlags(postOnly: true, reduceOnly: true)
            ),
            spec: perpetual,
            credentials: Self.credentials,
            timestampMillis: 1_645_233_611_962
        )
        #expect(futuresOrder.path == "/fapi/v1/order")
        #expect(
            futuresOrder.query
                == "symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=GTX&quantity=0.01&price=43000.1"
                + "&newClientOrderId=O-000000000042&reduceOnly=true&recvWindow=5000&timestamp=1645233611962"
                + "&signature=d6be9931f4c0db889e029c0baf91857492176043cc8a712c51f8a4ca8c0631b4"
        )
        let maker = try BinanceRequests.place(
            orderID: Self.orderID,
            request: Self.order(
                spot,
                quantity: q("0.001"),
                kind: .limit(LimitPrice(60_740)),
                flags: ExecutionFlags(postOnly: true)
            ),
            spec: spot,
            credentials: Self.credentials,
            timestampMillis: 1
        )
        #expect(maker.query.hasPrefix("symbol=BTCUSDT&side=BUY&type=LIMIT_MAKER&quantity=0.001&price=60740&"))
        let market = try BinanceRequests.place(
            orderID: Self.orderID,
            request: Self.order(perpetual, quantity: 1, kind: .market(protection: 45_000)),
            spec: perpetual,
            credentials: Self.credentials,
            timestampMillis: 1
        )
        #expect(market.query.hasPrefix("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=IOC&quantity=1&price=45000&"))
    }

    @Test func ordersOffTheFiltersAreRefusedNotRounded() throws {
        let perpetual = try Self.spec(.futures, "BTCUSDT")
        let spot = try Self.spec(.spot, "BTCUSDT")
        func place(
            _ spec: InstrumentSpec,
            _ quantity: Quantity,
            _ kind: OrderKind,
            flags: ExecutionFlags = .none
        ) throws {
            _ = try BinanceRequests.place(
                orderID: Self.orderID,
                request: Self.order(spec, quantity: quantity, kind: kind, flags: flags),
                spec: spec,
                credentials: Self.credentials,
                timestampMillis: 1
            )
        }
        let limit = OrderKind.limit(LimitPrice(43_000))
        #expect(
            throws: BinanceRequestError.size(symbol: "BTCUSDT", .notLotMultiple(size: q("0.0015"), lot: q("0.001")))
        ) {
            try place(perpetual, q("0.0015"), limit)
        }
        #expect(
            throws: BinanceRequestError.price(
                symbol: "BTCUSDT",
                .notTickMultiple(price: p("43000.15"), tick: d("0.10"))
            )
        ) {
            try place(perpetual, 1, .limit(LimitPrice(d("43000.15"))))
        }
        // 0.001 × 5000 = 5 USDT, below MIN_NOTIONAL 10.
        #expect(
            throws: BinanceRequestError.belowMinimumNotional(
                symbol: "BTCUSDT",
                notional: Money(5, .usdt),
                minimum: Money(10, .usdt)
            )
        ) {
            try place(perpetual, q("0.001"), .limit(LimitPrice(5_000)))
        }
        #expect(throws: BinanceRequestError.self) {
            try place(spot, q("0.001"), .limit(LimitPrice(60_000)), flags: ExecutionFlags(reduceOnly: true))
        }
        #expect(throws: BinanceRequestError.self) {
            try place(perpetual, 1, .limit(LimitPrice(d("0.5"), unit: .impliedVolatility)))
        }
        let long = OrderID(known: "O-" + String(repeating: "9", count: 35))
        #expect(throws: BinanceRequestError.invalidClientOrderID(long, reason: "longer than 36")) {
            _ = try BinanceRequests.place(
                orderID: long,
                request: Self.order(perpetual, quantity: 1, kind: limit),
                spec: perpetual,
                credentials: Self.credentials,
                timestampMillis: 1
            )
        }
    }

    @Test func cancelCancelAllAndTheDeadManSwitch() throws {
        let perpetual = try Self.spec(.futures, "BTCUSDT")
        let spot = try Self.spec(.spot, "ETHUSDT")
        let byOurs = try BinanceRequests.cancel(
            orderID: Self.orderID,
            venueOrderID: nil,
            spec: perpetual,
            credentials: Self.credentials,
            timestampMillis: 7
        )
        #expect(
            byOurs.method == "DELETE"
                && byOurs.query.hasPrefix(
                    "symbol=BTCUSDT&origClientOrderId=O-000000000042&recvWindow=5000&timestamp=7&signature="
                )
        )
        let byTheirs = try BinanceRequests.cancel(
            orderID: Self.orderID,
            venueOrderID: try VenueOrderID("12345678"),
            spec: spot,
            credentials: Self.credentials,
            timestampMillis: 7
        )
        #expect(byTheirs.path == "/api/v3/order" && byTheirs.query.hasPrefix("symbol=ETHUSDT&orderId=12345678&"))
        let all = try BinanceRequests.cancelAll(spec: perpetual, credentials: Self.credentials, timestampMillis: 7)
        #expect(all.method == "DELETE" && all.path == "/fapi/v1/allOpenOrders")
        #expect(
            try BinanceRequests.cancelAll(spec: spot, credentials: Self.credentials, timestampMillis: 7).path
                == "/api/v3/openOrders"
        )
        let countdown = try BinanceRequests.countdownCancelAll(
            spec: perpetual,
            countdownMillis: 120_000,
            credentials: Self.credentials,
            timestampMillis: 1_645_233_611_962
        )
        #expect(countdown.method == "POST" && countdown.path == "/fapi/v1/countdownCancelAll")
        #expect(
            countdown.query
                == "symbol=BTCUSDT&countdownTime=120000&recvWindow=5000&timestamp=1645233611962"
                + "&signature=cf2c878d400de0e8bb134f859a4442eec9ef2f06268b171093c0eef916bc9448"
        )
        #expect(throws: BinanceRequestError.self) {
            try BinanceRequests.countdownCancelAll(
                spec: spot,
                countdownMillis: 60_000,
                credentials: Self.credentials,
                timestampMillis: 7
            )
        }
        #expect(throws: BinanceRequestError.self) {
            try BinanceRequests.countdownCancelAll(
                spec: perpetual,
                countdownMillis: -1,
                credentials: Self.credentials,
                timestampMillis: 7
            )
        }
    }

    @Test func streamsAndSubscriptions() throws {
        let perpetual = try Self.spec(.futures, "BTCUSDT").instrument
        let spot = try Self.spec(.spot, "ETHUSDT").instrument
        #expect(
            try BinanceRequests.stream(MarketDataSubscription(instrument: perpetual, channel: .book(depth: nil)))
                == "btcusdt@depth@100ms"
        )
        #expect(
            try BinanceRequests.stream(MarketDataSubscription(instrument: spot, channel: .book(depth: 10)))
                == "ethusdt@depth10@100ms"
        )
        #expect(
            try BinanceRequests.stream(MarketDataSubscription(instrument: perpetual, channel: .ticker))
                == "btcusdt@markPrice"
        )
        #expect(
            try BinanceRequests.stream(MarketDataSubscription(instrument: spot, channel: .ticker))
                == "ethusdt@bookTicker"
        )
        #expect(
            try BinanceRequests.stream(MarketDataSubscription(instrument: spot, channel: .trades)) == "ethusdt@trade"
        )
        #expect(throws: BinanceRequestError.self) {
            try BinanceRequests.stream(MarketDataSubscription(instrument: spot, channel: .funding))
        }
        #expect(throws: BinanceRequestError.self) {
            try BinanceRequests.stream(MarketDataSubscription(instrument: spot, channel: .book(depth: 7)))
        }
        #expect(
            BinanceRequests.subscribe(streams: ["btcusdt@depth@100ms", "btcusdt@markPrice"], id: 1)
                == #"{"method":"SUBSCRIBE","params":["btcusdt@depth@100ms","btcusdt@markPrice"],"id":1}"#
        )
        #expect(
            BinanceRequests.listenKey(spot: false)
                == BinanceRESTRequest(method: "POST", path: "/fapi/v1/listenKey", query: "")
        )
        let answer = try BinanceCodec.decode(BinanceSubscribeAnswer.self, from: Data(#"{"result":null,"id":1}"#.utf8))
        #expect(answer.id == 1 && answer.error == nil)
    }
}

@Suite struct BinanceFixtureCoverageTests {
    /// Every JSON file under Fixtures/ is one case of the fixture enums (and so has its own checks); the cryptofeed
    /// recordings have their own tests; SBE metadata was not copied (see SOURCES.md).
    @Test func everyFixtureFileHasACase() throws {
        let root = try Fixtures.url("SOURCES.md").deletingLastPathComponent()
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else {
            Issue.record("Fixtures/ cannot be listed")
            return
        }
        let files = enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".json") }
        let cases =
            BinanceStreamFixture.allCases.map(\.rawValue) + BinanceMarketRESTFixture.allCases.map(\.rawValue)
            + BinanceFuturesOrderFixture.allCases.map(\.rawValue) + BinanceFuturesEventFixture.allCases.map(\.rawValue)
            + BinanceSpotOrderFixture.allCases.map(\.rawValue) + BinanceOrderRESTFixture.allCases.map(\.rawValue)
            + BinanceAccountFixture.allCases.map(\.rawValue) + BinanceInstrumentFixture.allCases.map(\.rawValue)
        #expect(cases.count == Set(cases).count)
        #expect(Set(files) == Set(cases))
        #expect(files.count == 145)
    }
}
