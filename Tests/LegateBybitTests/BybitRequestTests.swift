// Proves the Bybit request builders write exact bodies from the model and refuse rather than round: place (limit,
// protected market, option priced in IV, post-only, reduce-only), amend, cancel, cancel-all per scope, the DCP
// switch, subscriptions and the WebSocket auth message, and that the signatures match known vectors.
//
// Signature vectors were computed independently with Python's hmac module:
//   hmac.new(b"bybit-test-secret", ("1672219779140" + "bybit-test-key" + "5000" + body).encode(), hashlib.sha256)
//   hmac.new(b"bybit-test-secret", b"GET/realtime1672219789140", hashlib.sha256)
import Foundation
import LegateCore
import LegateModel
import LegateSymbology
import LegateVenues
import Testing

@testable import LegateBybit

@Suite struct BybitRequestTests {
    static let credentials = VenueCredentials(apiKey: "bybit-test-key", secret: "bybit-test-secret")

    static func linearSpec() throws -> InstrumentSpec {
        try #require(try BybitInstrumentFixture.linear.specs().first { $0.symbol == "BTCUSDT" })
    }

    /// The option fixture with its delivery time corrected to its name's expiry (the fixture's is made up).
    static func optionSpec() throws -> InstrumentSpec {
        let text = String(decoding: try Fixtures.data("http_get_instruments_option.json"), as: UTF8.self)
            .replacingOccurrences(of: "1780005000000", with: "1782460800000")
        let page = try BybitCodec.decode(BybitResponse<BybitList<BybitInstrumentWire>>.self, from: Data(text.utf8))
        return try BybitTranslator.spec(try #require(page.result?.list.first), category: .option)
    }

    static func order(
        _ spec: InstrumentSpec,
        _ side: OrderSide = .buy,
        quantity: Quantity,
        kind: OrderKind,
        timeInForce: TimeInForce = .goodTillCancelled,
        flags: ExecutionFlags = .none
    ) throws -> OrderRequest {
        OrderRequest(
            clientOrderID: try ClientOrderID("c-1"),
            account: try AccountID("bybit-main"),
            venue: .bybit,
            instrument: spec.instrument,
            side: side,
            quantity: quantity,
            kind: kind,
            timeInForce: timeInForce,
            flags: flags
        )
    }

    static let orderID = OrderID(known: "O-000000000042")

    @Test func placeWritesTheExactBodyAndSignsIt() throws {
        let spec = try Self.linearSpec()
        let request = try BybitRequests.place(
            orderID: Self.orderID,
            request: Self.order(spec, quantity: q("0.015"), kind: .limit(LimitPrice(d("27450.50")))),
            spec: spec
        )
        let body =
            #"{"category":"linear","symbol":"BTCUSDT","side":"Buy","orderType":"Limit","qty":"0.015","#
            + #""price":"27450.5","timeInForce":"GTC","orderLinkId":"O-000000000042"}"#
        #expect(request == BybitRESTRequest(method: "POST", path: "/v5/order/create", payload: body))
        let headers = BybitRequests.headers(
            for: request,
            credentials: Self.credentials,
            timestampMillis: 1_672_219_779_140
        )
        #expect(
            headers.map(\.name) == [
                "X-BAPI-API-KEY", "X-BAPI-TIMESTAMP", "X-BAPI-RECV-WINDOW", "X-BAPI-SIGN", "Content-Type",
            ]
        )
        #expect(headers[3].value == "4890788334505519f3259ec151bc887878fab6e7c601d517a605095a43de70b8")
        #expect(headers[1].value == "1672219779140" && headers[2].value == "5000")
    }

    @Test func sizesAndPricesOffTheSpecAreRefusedNotRounded() throws {
        let spec = try Self.linearSpec()
        let limit = OrderKind.limit(LimitPrice(27_450))
        #expect(throws: BybitRequestError.size(symbol: "BTCUSDT", .notLotMultiple(size: q("0.0155"), lot: q("0.001"))))
        {
            try BybitRequests.place(
                orderID: Self.orderID,
                request: Self.order(spec, quantity: q("0.0155"), kind: limit),
                spec: spec
            )
        }
        #expect(
            throws: BybitRequestError.size(symbol: "BTCUSDT", .belowMinimumSize(size: q("0.0005"), minimum: q("0.001")))
        ) {
            try BybitRequests.place(
                orderID: Self.orderID,
                request: Self.order(spec, quantity: q("0.0005"), kind: limit),
                spec: spec
            )
        }
        // 0.001 × 1000 = 1 USDT, below the 5 USDT minimum order value.
        let small = OrderKind.limit(LimitPrice(1_000))
        #expect(
            throws: BybitRequestError.belowMinimumNotional(
                symbol: "BTCUSDT",
                notional: Money(1, .usdt),
                minimum: Money(5, .usdt)
            )
        ) {
            try BybitRequests.place(
                orderID: Self.orderID,
                request: Self.order(spec, quantity: q("0.001"), kind: small),
                spec: spec
            )
        }
        let offTick = OrderKind.limit(LimitPrice(d("27450.25")))
        #expect(
            throws: BybitRequestError.price(symbol: "BTCUSDT", .notTickMultiple(price: p("27450.25"), tick: d("0.5")))
        ) {
            try BybitRequests.place(
                orderID: Self.orderID,
                request: Self.order(spec, quantity: 1, kind: offTick),
                spec: spec
            )
        }
        let usd = OrderKind.limit(LimitPrice(27_450, unit: .usd))
        #expect(throws: BybitRequestError.self) {
            try BybitRequests.place(
                orderID: Self.orderID,
                request: Self.order(spec, quantity: 1, kind: usd),
                spec: spec
            )
        }
        let later = TimeInForce.goodTillDate(UnixNanos.seconds(2_000_000_000))
        #expect(throws: BybitRequestError.self) {
            try BybitRequests.place(
                orderID: Self.orderID,
                request: Self.order(spec, quantity: 1, kind: limit, timeInForce: later),
                spec: spec
            )
        }
        let long = OrderID(known: String(repeating: "x", count: 37))
        #expect(throws: BybitRequestError.invalidClientOrderID(long, reason: "longer than 36")) {
            try BybitRequests.place(orderID: long, request: Self.order(spec, quantity: 1, kind: limit), spec: spec)
        }
    }

    @Test func protectedMarketPostOnlyReduceOnlyAndIVPricedOptions() throws {
        let spec = try Self.linearSpec()
        let market = try BybitRequests.place(
            orderID: Self.orderID,
            request: Self.order(
                spec,
                .sell,
                quantity: 2,
                kind: .market(protection: 27_000),
                flags: ExecutionFlags(reduceOnly: true)
            ),
            spec: spec
        )
        #expect(
            market.payload.contains(#""side":"Sell","orderType":"Limit","qty":"2","price":"27000","timeInForce":"IOC""#)
        )
        #expect(market.payload.hasSuffix(#""orderLinkId":"O-000000000042","reduceOnly":true}"#))
        let postOnly = try BybitRequests.place(
            orderID: Self.orderID,
            request: Self.order(
                spec,
                quantity: 1,
                kind: .limit(LimitPrice(27_000)),
                flags: ExecutionFlags(postOnly: true)
            ),
            spec: spec
        )
        #expect(postOnly.payload.contains(#""timeInForce":"PostOnly""#))
        let option = try Self.optionSpec()
        let byVol = try BybitRequests.place(
            orderID: Self.orderID,
            request: Self.order(option, quantity: 2, kind: .limit(LimitPrice(d("0.55"), unit: .impliedVolatility))),
            spec: option
        )
        #expect(
            byVol.payload
                == #"{"category":"option","symbol":"ETH-26JUN26-16000-P","side":"Buy","orderType":"Limit","qty":"2","#
                + #""orderIv":"0.55","timeInForce":"GTC","orderLinkId":"O-000000000042"}"#
        )
        #expect(throws: BybitRequestError.self) {
            try BybitRequests.place(
                orderID: Self.orderID,
                request: Self.order(spec, quantity: 1, kind: .limit(LimitPrice(d("0.55"), unit: .impliedVolatility))),
                spec: spec
            )
        }
    }

    @Test func amendCancelAndCancelAll() throws {
        let spec = try Self.linearSpec()
        let amend = try BybitRequests.amend(
            orderID: Self.orderID,
            venueOrderID: nil,
            quantity: q("0.02"),
            kind: .limit(LimitPrice(27_451)),
            spec: spec
        )
        #expect(amend.path == "/v5/order/amend")
        #expect(
            amend.payload
                == #"{"category":"linear","symbol":"BTCUSDT","orderLinkId":"O-000000000042","qty":"0.02","price":"27451"}"#
        )
        #expect(throws: BybitRequestError.self) {
            try BybitRequests.amend(
                orderID: Self.orderID,
                venueOrderID: nil,
                quantity: 1,
                kind: .market(protection: 1),
                spec: spec
            )
        }
        let cancel = try BybitRequests.cancel(
            orderID: Self.orderID,
            venueOrderID: try VenueOrderID("abcdef123456"),
            spec: spec
        )
        #expect(cancel.payload == #"{"category":"linear","symbol":"BTCUSDT","orderId":"abcdef123456"}"#)
        let all = try BybitRequests.cancelAll(.all)
        #expect(
            all.map(\.payload) == [
                #"{"category":"option"}"#, #"{"category":"spot"}"#,
                #"{"category":"linear","settleCoin":"USDT"}"#, #"{"category":"linear","settleCoin":"USDC"}"#,
                #"{"category":"inverse","settleCoin":"BTC"}"#, #"{"category":"inverse","settleCoin":"ETH"}"#,
            ]
        )
        #expect(
            try BybitRequests.cancelAll(.instrument(spec.instrument)).map(\.payload) == [
                #"{"category":"linear","symbol":"BTCUSDT"}"#
            ]
        )
        let underlying = try BybitRequests.cancelAll(.underlying(Underlying(base: .eth, quote: .usdc)))
        #expect(underlying.map(\.payload).first == #"{"category":"option","baseCoin":"ETH"}"#)
        #expect(underlying.map(\.payload).last == #"{"category":"spot","symbol":"ETHUSDC"}"#)
        #expect(throws: BybitRequestError.self) { try BybitRequests.cancelAll(.kind(.combo)) }
    }

    @Test func disconnectProtectionSubscriptionsAndAuth() throws {
        let dcp = try BybitRequests.disconnectProtection(product: .options, timeWindowSeconds: 10)
        #expect(
            dcp
                == BybitRESTRequest(
                    method: "POST",
                    path: "/v5/order/disconnected-cancel-all",
                    payload: #"{"product":"OPTIONS","timeWindow":10}"#
                )
        )
        #expect(throws: BybitRequestError.outOfRange(what: "DCP time window", value: "2 s", allowed: "3...300 s")) {
            try BybitRequests.disconnectProtection(product: .derivatives, timeWindowSeconds: 2)
        }
        #expect(throws: BybitRequestError.self) {
            try BybitRequests.disconnectProtection(product: .spot, timeWindowSeconds: 301)
        }
        let linear = try Self.linearSpec().instrument
        let option = try Self.optionSpec().instrument
        #expect(
            try BybitRequests.topic(MarketDataSubscription(instrument: linear, channel: .book(depth: nil)))
                == "orderbook.50.BTCUSDT"
        )
        #expect(
            try BybitRequests.topic(MarketDataSubscription(instrument: option, channel: .book(depth: 100)))
                == "orderbook.100.ETH-26JUN26-16000-P"
        )
        #expect(
            try BybitRequests.topic(MarketDataSubscription(instrument: linear, channel: .funding)) == "tickers.BTCUSDT"
        )
        #expect(throws: BybitRequestError.self) {
            try BybitRequests.topic(MarketDataSubscription(instrument: option, channel: .funding))
        }
        #expect(throws: BybitRequestError.self) {
            try BybitRequests.topic(MarketDataSubscription(instrument: linear, channel: .book(depth: 25)))
        }
        #expect(
            BybitRequests.subscribe(topics: ["orderbook.50.BTCUSDT", "publicTrade.BTCUSDT"], requestID: "sub-1")
                == #"{"req_id":"sub-1","op":"subscribe","args":["orderbook.50.BTCUSDT","publicTrade.BTCUSDT"]}"#
        )
        #expect(
            BybitRequests.authentication(credentials: Self.credentials, expiresMillis: 1_672_219_789_140)
                == #"{"op":"auth","args":["bybit-test-key",1672219789140,"#
                + #""4e76d9bfaecae6d319f1b8d2a29ed5997f2f7d297a82bab41ffd6cc804f64d0b"]}"#
        )
    }
}
