// Proves the request builders: exact JSON bodies and paths for place, amend, cancel and cancel-all-after (options,
// futures, swaps in both position modes, spot, Nitro spreads); sizes converted to contracts exactly and refused
// when not a whole number of lots; prices on the tick or as pxUsd/pxVol for options only; clOrdId rules; signed
// headers and the WebSocket login against vectors computed independently with Python's hmac and base64 modules;
// WebSocket operations and subscriptions; and the per-instrument-family rate-limit key.
import Foundation
import LegateCore
import LegateModel
import LegateVenues
import Testing

@testable import LegateOKX

@Suite struct OKXRequestTests {
    static let account = AccountID(known: "desk1")

    static func spec(_ fixture: OKXFixture, _ symbol: String) throws -> InstrumentSpec {
        let wires = try fixture.items(OKXInstrumentWire.self)
        return try OKXTranslator.spec(try #require(wires.first { $0.instId == symbol }))
    }

    static func option() throws -> InstrumentSpec { try spec(.instrumentsOption, "BTC-USD-241217-92000-C") }

    static func order(
        _ spec: InstrumentSpec,
        _ side: OrderSide = .buy,
        _ quantity: Quantity,
        _ kind: OrderKind,
        _ timeInForce: TimeInForce = .goodTillCancelled,
        flags: ExecutionFlags = .none
    ) -> OrderRequest {
        OrderRequest(
            clientOrderID: ClientOrderID(known: "c1"),
            account: account,
            venue: .okx,
            instrument: spec.instrument,
            side: side,
            quantity: quantity,
            kind: kind,
            timeInForce: timeInForce,
            flags: flags
        )
    }

    static func limit(_ text: String, _ unit: PriceUnit = .quote) -> OrderKind {
        .limit(LimitPrice(dec(text), unit: unit))
    }

    static let id = OrderID(known: "LEGATE0001")

    static func body(
        _ spec: InstrumentSpec,
        _ request: OrderRequest,
        options: OKXOrderOptions = OKXOrderOptions()
    ) throws -> String {
        try OKXRequests.place(orderID: id, request: request, spec: spec, options: options).body
    }

    @Test func anOptionLimitOrderIsSizedInContracts() throws {
        let spec = try Self.option()
        // 0.05 BTC of an option of 0.01 BTC a contract: 5 contracts.
        let request = try OKXRequests.place(
            orderID: Self.id,
            request: Self.order(spec, .buy, qty("0.05"), Self.limit("0.0325")),
            spec: spec
        )
        #expect(request.method == "POST")
        #expect(request.path == "/api/v5/trade/order")
        #expect(
            request.body
                == #"{"instId":"BTC-USD-241217-92000-C","tdMode":"cross","clOrdId":"LEGATE0001","side":"buy","ordType":"limit","sz":"5","px":"0.0325"}"#
        )
        #expect(request.webSocketOp == "order")
        #expect(request.requestClass == .trading)
        #expect(request.rateKey == "BTC-USD")
    }

    @Test func sizesThatAreNotWholeLotsAreRefusedNeverRounded() throws {
        let spec = try Self.option()
        let cases: [(Quantity, SpecViolation)] = [
            (qty("0.015"), .notLotMultiple(size: qty("0.015"), lot: qty("0.01"))),
            (qty("0.005"), .belowMinimumSize(size: qty("0.005"), minimum: qty("0.01"))),
            (.zero, .nonPositiveSize(.zero)),
        ]
        for (quantity, violation) in cases {
            #expect(throws: OKXRequestError.size(symbol: spec.symbol, violation)) {
                try Self.body(spec, Self.order(spec, .buy, quantity, Self.limit("0.0325")))
            }
        }
        let future = try Self.spec(.instrumentsFutures, "BTC-USD-241227")
        // Inverse futures are sized in USD: 300 USD is 3 contracts of 100 USD, 250 USD is no whole number of them.
        #expect(try Self.body(future, Self.order(future, .sell, 300, Self.limit("97000.1"))).contains(#""sz":"3""#))
        #expect(throws: OKXRequestError.self) {
            try Self.body(future, Self.order(future, .sell, 250, Self.limit("97000.1")))
        }
    }

    @Test func pricesAreOnTheTickOrInUSDOrVolForOptionsOnly() throws {
        let spec = try Self.option()
        #expect(
            throws: OKXRequestError.price(
                symbol: spec.symbol,
                .notTickMultiple(price: price("0.03255"), tick: dec("0.0001"))
            )
        ) {
            try Self.body(spec, Self.order(spec, .buy, qty("0.01"), Self.limit("0.03255")))
        }
        let vol = try Self.body(spec, Self.order(spec, .sell, qty("0.02"), Self.limit("0.55", .impliedVolatility)))
        #expect(vol.hasSuffix(#""side":"sell","ordType":"limit","sz":"2","pxVol":"0.55"}"#))
        let usd = try Self.body(spec, Self.order(spec, .buy, qty("0.01"), Self.limit("2225.5", .usd)))
        #expect(usd.hasSuffix(#""sz":"1","pxUsd":"2225.5"}"#))
        let swap = try Self.spec(.instrumentsSwap, "BTC-USDT-SWAP")
        #expect(throws: OKXRequestError.self) {
            try Self.body(swap, Self.order(swap, .buy, qty("0.01"), Self.limit("0.55", .impliedVolatility)))
        }
        #expect(throws: OKXRequestError.self) {
            try Self.body(spec, Self.order(spec, .buy, qty("0.01"), Self.limit("0", .usd)))
        }
    }

    @Test func timeInForceAndPostOnlyPickTheOrderType() throws {
        let spec = try Self.option()
        func type(_ kind: OrderKind, _ tif: TimeInForce, postOnly: Bool = false) throws -> String {
            let body = try Self.body(
                spec,
                Self.order(spec, .buy, qty("0.01"), kind, tif, flags: ExecutionFlags(postOnly: postOnly))
            )
            let range = try #require(body.range(of: #""ordType":"[a-z_]+""#, options: .regularExpression))
            return String(body[range].dropFirst(11).dropLast())
        }
        #expect(try type(Self.limit("0.03"), .goodTillCancelled) == "limit")
        #expect(try type(Self.limit("0.03"), .goodTillCancelled, postOnly: true) == "post_only")
        #expect(try type(Self.limit("0.03"), .immediateOrCancel) == "ioc")
        #expect(try type(Self.limit("0.03"), .fillOrKill) == "fok")
        // OKX has no order expiry: the engine expires good-till-date orders itself.
        #expect(try type(Self.limit("0.03"), .goodTillDate(millis(1_734_400_000_000))) == "limit")
        // A market order is never naked: an IOC limited at its protection price.
        #expect(try type(.market(protection: price("0.05")), .goodTillCancelled) == "ioc")
        #expect(
            try Self.body(spec, Self.order(spec, .buy, qty("0.01"), .market(protection: price("0.05")))).hasSuffix(
                #""px":"0.05"}"#
            )
        )
        #expect(throws: OKXRequestError.self) { try type(Self.limit("0.03"), .immediateOrCancel, postOnly: true) }
    }

    @Test func positionModeDecidesPosSideAndReduceOnly() throws {
        let swap = try Self.spec(.instrumentsSwap, "BTC-USDT-SWAP")
        let closeLong = Self.order(
            swap,
            .sell,
            qty("0.01"),
            Self.limit("97000.1"),
            flags: ExecutionFlags(reduceOnly: true)
        )
        #expect(
            try Self.body(swap, closeLong)
                == #"{"instId":"BTC-USDT-SWAP","tdMode":"cross","clOrdId":"LEGATE0001","side":"sell","ordType":"limit","sz":"1","px":"97000.1","reduceOnly":true}"#
        )
        let longShort = OKXOrderOptions(marginMode: .isolated, positionMode: .longShort, tag: "desk1")
        #expect(
            try Self.body(swap, closeLong, options: longShort)
                == #"{"instId":"BTC-USDT-SWAP","tdMode":"isolated","clOrdId":"LEGATE0001","tag":"desk1","side":"sell","posSide":"long","ordType":"limit","sz":"1","px":"97000.1"}"#
        )
        let openShort = Self.order(swap, .sell, qty("0.01"), Self.limit("97000.1"))
        #expect(try Self.body(swap, openShort, options: longShort).contains(#""posSide":"short""#))
        // Options have no position sides.
        let option = try Self.option()
        #expect(
            !(try Self.body(option, Self.order(option, .buy, qty("0.01"), Self.limit("0.03")), options: longShort))
                .contains("posSide")
        )
    }

    @Test func spotTradesCashInBaseUnits() throws {
        let spot = try Self.spec(.instrumentsMargin, "BTC-USDT")
        #expect(
            try Self.body(spot, Self.order(spot, .buy, qty("0.00123"), Self.limit("97000.1")))
                == #"{"instId":"BTC-USDT","tdMode":"cash","clOrdId":"LEGATE0001","side":"buy","ordType":"limit","sz":"0.00123","px":"97000.1"}"#
        )
        #expect(throws: OKXRequestError.self) {
            try Self.body(
                spot,
                Self.order(spot, .sell, qty("0.001"), Self.limit("97000.1"), flags: ExecutionFlags(reduceOnly: true))
            )
        }
    }

    @Test func clientOrderIDsAndInstrumentsMustFit() throws {
        let spec = try Self.option()
        let request = Self.order(spec, .buy, qty("0.01"), Self.limit("0.03"))
        #expect(throws: OKXRequestError.invalidClientOrderID("client-order-1")) {
            try OKXRequests.place(orderID: OrderID(known: "client-order-1"), request: request, spec: spec)
        }
        let long = String(repeating: "a", count: 33)
        #expect(throws: OKXRequestError.invalidClientOrderID(long)) {
            try OKXRequests.place(orderID: OrderID(known: long), request: request, spec: spec)
        }
        let other = try Self.spec(.instrumentsOption, "BTC-USD-241217-94000-C")
        #expect(throws: OKXRequestError.self) { try OKXRequests.place(orderID: Self.id, request: request, spec: other) }
        let deribit = OrderRequest(
            clientOrderID: ClientOrderID(known: "c1"),
            account: Self.account,
            venue: .deribit,
            instrument: spec.instrument,
            side: .buy,
            quantity: qty("0.01"),
            kind: Self.limit("0.03")
        )
        #expect(throws: OKXRequestError.self) { try OKXRequests.place(orderID: Self.id, request: deribit, spec: spec) }
    }

    @Test func amendAndCancelNameTheOrder() throws {
        let spec = try Self.option()
        let venueID = VenueOrderID(known: "2497956918703120500")
        let amend = try OKXRequests.request(
            for: .amend(
                orderID: Self.id,
                venue: .okx,
                venueOrderID: venueID,
                quantity: qty("0.07"),
                kind: Self.limit("0.033")
            ),
            spec: spec
        )
        #expect(amend.path == "/api/v5/trade/amend-order")
        #expect(
            amend.body
                == #"{"instId":"BTC-USD-241217-92000-C","ordId":"2497956918703120500","newSz":"7","newPx":"0.033"}"#
        )
        #expect(amend.webSocketOp == "amend-order")
        let byVol = try OKXRequests.amend(
            orderID: Self.id,
            venueOrderID: nil,
            quantity: qty("0.07"),
            kind: Self.limit("0.6", .impliedVolatility),
            spec: spec
        )
        #expect(
            byVol.body == #"{"instId":"BTC-USD-241217-92000-C","clOrdId":"LEGATE0001","newSz":"7","newPxVol":"0.6"}"#
        )
        #expect(throws: OKXRequestError.self) {
            try OKXRequests.amend(
                orderID: Self.id,
                venueOrderID: nil,
                quantity: qty("0.07"),
                kind: .market(protection: price("0.05")),
                spec: spec
            )
        }
        let cancel = try OKXRequests.request(for: .cancel(orderID: Self.id, venue: .okx, venueOrderID: nil), spec: spec)
        #expect(cancel.path == "/api/v5/trade/cancel-order")
        #expect(cancel.body == #"{"instId":"BTC-USD-241217-92000-C","clOrdId":"LEGATE0001"}"#)
        #expect(throws: OKXRequestError.self) {
            try OKXRequests.request(for: .cancel(orderID: Self.id, venue: .bybit, venueOrderID: nil), spec: spec)
        }
    }

    @Test func spreadsGoToTheSprdEndpoints() throws {
        let wires = try OKXFixture.spreads.items(OKXSpreadWire.self)
        let spread = try OKXTranslator.spec(wires[1], observedAt: millis(1_700_000_000_000))
        let place = try OKXRequests.place(
            orderID: Self.id,
            request: Self.order(spread, .buy, qty("0.002"), Self.limit("12.5")),
            spec: spread
        )
        #expect(place.path == "/api/v5/sprd/order")
        #expect(
            place.body
                == #"{"sprdId":"BTC-USDT_BTC-USDT-SWAP","clOrdId":"LEGATE0001","side":"buy","ordType":"limit","sz":"0.002","px":"12.5"}"#
        )
        #expect(place.webSocketOp == "sprd-order")
        #expect(place.rateKey == "BTC-USDT_BTC-USDT-SWAP")
        #expect(throws: OKXRequestError.self) {
            try OKXRequests.place(
                orderID: Self.id,
                request: Self.order(spread, .buy, qty("0.002"), Self.limit("12.5"), .fillOrKill),
                spec: spread
            )
        }
        let amend = try OKXRequests.amend(
            orderID: Self.id,
            venueOrderID: VenueOrderID(known: "12345"),
            quantity: qty("0.003"),
            kind: Self.limit("12.6"),
            spec: spread
        )
        #expect(amend.path == "/api/v5/sprd/amend-order")
        #expect(amend.body == #"{"ordId":"12345","newSz":"0.003","newPx":"12.6"}"#)
        let cancel = try OKXRequests.cancel(orderID: Self.id, venueOrderID: nil, spec: spread)
        #expect(cancel.path == "/api/v5/sprd/cancel-order")
        #expect(cancel.body == #"{"clOrdId":"LEGATE0001"}"#)
    }

    @Test func theDeadManSwitchTakesTenToOneHundredTwentySeconds() throws {
        let arm = try OKXRequests.cancelAllAfter(seconds: 60)
        #expect(arm.path == "/api/v5/trade/cancel-all-after")
        #expect(arm.body == #"{"timeOut":"60"}"#)
        #expect(arm.webSocketOp == nil)
        #expect(try OKXRequests.cancelAllAfter(seconds: 0).body == #"{"timeOut":"0"}"#)
        #expect(
            try OKXRequests.cancelAllAfter(timeoutNanos: 30 * UnixNanos.nanosecondsPerSecond).body
                == #"{"timeOut":"30"}"#
        )
        for seconds in [5, 121, -1] {
            #expect(throws: OKXRequestError.self) { try OKXRequests.cancelAllAfter(seconds: seconds) }
        }
        #expect(throws: OKXRequestError.self) { try OKXRequests.cancelAllAfter(timeoutNanos: 30_500_000_000) }
        // The answer says when the switch fires.
        let answer = try OKXCodec.decode(
            OKXResponse<OKXCancelAllAfterWire>.self,
            from: Data(#"{"code":"0","msg":"","data":[{"triggerTime":"1587971460","tag":"","ts":"1587971400"}]}"#.utf8)
        )
        #expect(answer.data.first?.triggerTime == OKXInteger(1_587_971_460))
    }

    @Test func signedHeadersMatchAnIndependentVector() throws {
        // Expected signature computed with Python 3:
        //   base64.b64encode(hmac.new(b"OKXTestSecret2024",
        //       ("2024-12-14T08:30:00.123Z" + "POST" + "/api/v5/trade/order" + body).encode(), hashlib.sha256).digest())
        let spec = try Self.option()
        let request = try OKXRequests.place(
            orderID: Self.id,
            request: Self.order(spec, .buy, qty("0.05"), Self.limit("0.0325")),
            spec: spec
        )
        let credentials = VenueCredentials(apiKey: "key-1", secret: "OKXTestSecret2024", passphrase: "pass-1")
        let headers = try request.signedHeaders(credentials: credentials, at: UnixNanos(1_734_165_000_123_456_789))
        #expect(
            headers == [
                OKXHeader(name: "OK-ACCESS-KEY", value: "key-1"),
                OKXHeader(name: "OK-ACCESS-SIGN", value: "MmVky6oLGJYiIo24+PQOy6iTZJoBi3dfkddL0LCPr88="),
                OKXHeader(name: "OK-ACCESS-TIMESTAMP", value: "2024-12-14T08:30:00.123Z"),
                OKXHeader(name: "OK-ACCESS-PASSPHRASE", value: "pass-1"),
                OKXHeader(name: "Content-Type", value: "application/json"),
            ]
        )
        #expect(!headers.map(\.description).joined().contains("pass-1"))
        let demo = try request.signedHeaders(
            credentials: credentials,
            at: UnixNanos(1_734_165_000_123_456_789),
            simulated: true
        )
        #expect(demo.last == OKXHeader(name: "x-simulated-trading", value: "1"))
        #expect(throws: OKXRequestError.missingPassphrase) {
            try request.signedHeaders(credentials: VenueCredentials(apiKey: "k", secret: "s"), at: UnixNanos(0))
        }
    }

    @Test func theWebSocketLoginMatchesAnIndependentVector() throws {
        // base64(HMAC-SHA256(b"OKXTestSecret2024", b"1734165000GET/users/self/verify")), computed with Python 3.
        let credentials = VenueCredentials(apiKey: "key-1", secret: "OKXTestSecret2024", passphrase: "pass-1")
        #expect(
            try OKXWebSocketMessages.login(credentials: credentials, timestampSeconds: 1_734_165_000)
                == #"{"op":"login","args":[{"apiKey":"key-1","passphrase":"pass-1","timestamp":"1734165000","sign":"tnBoE7coDJjHdq4lUmxiVw4jkiEaOdLRi17hS5xyl0c="}]}"#
        )
        let answer = try OKXFrame.classify(Data(#"{"event":"login","code":"0","msg":"","connId":"a4d3ae55"}"#.utf8))
        guard case .event(let event) = answer else {
            Issue.record("a login answer is an event")
            return
        }
        #expect(OKXTranslator.venueError(event, at: millis(0)) == nil)
        #expect(event.connId == "a4d3ae55")
    }

    @Test func ordersGoOnThePrivateWebSocketWithAnID() throws {
        let spec = try Self.option()
        let request = try OKXRequests.place(
            orderID: Self.id,
            request: Self.order(spec, .buy, qty("0.05"), Self.limit("0.0325")),
            spec: spec
        )
        #expect(
            try OKXWebSocketMessages.operation(id: "1512", request) == #"{"id":"1512","op":"order","args":["#
                + request.body + "]}"
        )
        #expect(throws: OKXRequestError.self) { try OKXWebSocketMessages.operation(id: "15-12", request) }
        #expect(throws: OKXRequestError.self) {
            try OKXWebSocketMessages.operation(id: "1", OKXRequests.cancelAllAfter(seconds: 60))
        }
        #expect(
            try OKXFrame.classify(Data(#"{"id":"1512","op":"order","code":"0","msg":"","data":[]}"#.utf8))
                == .operation(id: "1512", op: "order", code: "0")
        )
        #expect(try OKXFrame.classify(Data("pong".utf8)) == .pong)
    }

    @Test func subscriptionsMapToOKXChannels() throws {
        let option = try Self.option().instrument
        let ticker = try OKXWebSocketMessages.channels(
            for: MarketDataSubscription(instrument: option, channel: .ticker),
            symbol: "BTC-USD-241217-92000-C"
        )
        #expect(
            OKXWebSocketMessages.subscribe(ticker)
                == #"{"op":"subscribe","args":[{"channel":"tickers","instId":"BTC-USD-241217-92000-C"},{"channel":"mark-price","instId":"BTC-USD-241217-92000-C"},{"channel":"opt-summary","instFamily":"BTC-USD"}]}"#
        )
        func channel(_ depth: Int?) throws -> String {
            try OKXWebSocketMessages.channels(
                for: MarketDataSubscription(instrument: option, channel: .book(depth: depth)),
                symbol: "X"
            )[0].channel
        }
        #expect(try channel(nil) == "books")
        #expect(try channel(5) == "books5")
        #expect(try channel(1) == "bbo-tbt")
        #expect(throws: OKXRequestError.self) {
            try OKXWebSocketMessages.channels(
                for: MarketDataSubscription(instrument: option, channel: .funding),
                symbol: "X"
            )
        }
        let spread = try OKXTranslator.combo(try OKXFixture.spreads.items(OKXSpreadWire.self)[1])
        let books = try OKXWebSocketMessages.channels(
            for: MarketDataSubscription(instrument: spread, channel: .book(depth: nil)),
            symbol: "BTC-USDT_BTC-USDT-SWAP"
        )
        #expect(books == [OKXChannelArg(channel: "sprd-books5", sprdId: "BTC-USDT_BTC-USDT-SWAP")])
        #expect(OKXWebSocketEndpoint.of(channel: "sprd-books5") == .business)
        #expect(OKXWebSocketEndpoint.of(channel: "orders") == .private)
        #expect(OKXWebSocketEndpoint.of(channel: "books") == .public)
        #expect(
            OKXWebSocketMessages.unsubscribe([
                OKXChannelArg(channel: "orders", instType: "OPTION", instFamily: "BTC-USD")
            ])
                == #"{"op":"unsubscribe","args":[{"channel":"orders","instType":"OPTION","instFamily":"BTC-USD"}]}"#
        )
    }

    @Test func optionOrdersShareTheirFamilysRateLimit() throws {
        var limiter = VenueRateLimiter.okx()
        let options = try OKXFixture.instrumentsOption.items(OKXInstrumentWire.self).map { try OKXTranslator.spec($0) }
        let now = millis(1_734_165_000_000)
        for sent in 0..<60 {
            let spec = options[sent % options.count]
            let request = try OKXRequests.place(
                orderID: Self.id,
                request: Self.order(spec, .buy, qty("0.01"), Self.limit("0.03")),
                spec: spec
            )
            #expect(limiter.acquire(request.requestClass, key: request.rateKey, at: now) == .granted)
        }
        // The 61st order within 2 s on any BTC-USD option is refused; a swap has its own count.
        let next = try OKXRequests.place(
            orderID: Self.id,
            request: Self.order(options[0], .buy, qty("0.01"), Self.limit("0.03")),
            spec: options[0]
        )
        #expect(!limiter.acquire(next.requestClass, key: next.rateKey, at: now).isGranted)
        let swap = try Self.spec(.instrumentsSwap, "BTC-USDT-SWAP")
        let other = try OKXRequests.place(
            orderID: Self.id,
            request: Self.order(swap, .buy, qty("0.01"), Self.limit("97000.1")),
            spec: swap
        )
        #expect(limiter.acquire(other.requestClass, key: other.rateKey, at: now) == .granted)
    }
}
