// Proves every Deribit fixture file decodes into its wire type and translates into the model (one parametrized case
// per file), then checks the values that matter in each: specs, combo legs, books, tickers with IVs and Greeks,
// trades with combo legs, order responses as reports, 10028 as a rate limit, balances and the account's limits.
import Foundation
import LegateCore
import LegateModel
import LegateVenues
import Testing

@testable import LegateDeribit

/// How each fixture file is read: its wire type, and the model values it yields (counted).
enum DeribitFixture: String, CaseIterable, CustomTestStringConvertible {
    case accountSummaries = "http_get_account_summaries.json"
    case accountSummariesCrossMargin = "http_get_account_summaries_cross_margin.json"
    case combos = "http_get_combos.json"
    case expirationsAny = "http_get_expirations_any.json"
    case expirationsBTCOption = "http_get_expirations_btc_option.json"
    case instrument = "http_get_instrument.json"
    case instrumentOption = "http_get_instrument_option.json"
    case instruments = "http_get_instruments.json"
    case instrumentsFutureCombo = "http_get_instruments_future_combo.json"
    case instrumentsOptionCombo = "http_get_instruments_option_combo.json"
    case lastTrades = "http_get_last_trades.json"
    case lastTradesFutureCombo = "http_get_last_trades_future_combo.json"
    case lastTradesHistoricalCombo = "http_get_last_trades_historical_combo.json"
    case lastTradesOptionCombo = "http_get_last_trades_option_combo.json"
    case lastTradesPerpetualWithComboTags = "http_get_last_trades_perpetual_with_combo_tags.json"
    case orderBook = "http_get_order_book.json"
    case time = "http_get_time.json"
    case tradingViewChart = "http_get_tradingview_chart_data.json"
    case test = "http_test.json"
    case bookDelta = "ws_book_delta.json"
    case bookGroupedSnapshot = "ws_book_grouped_snapshot.json"
    case bookSnapshot = "ws_book_snapshot.json"
    case chart = "ws_chart.json"
    case error = "ws_error.json"
    case orderBuy = "ws_order_buy_response.json"
    case orderCancel = "ws_order_cancel_response.json"
    case orderEdit = "ws_order_edit_response.json"
    case orderSell = "ws_order_sell_response.json"
    case orderStopMarketNoFilledAmount = "ws_order_stop_market_no_filled_amount.json"
    case orderStopMarket = "ws_order_stop_market_response.json"
    case portfolio = "ws_portfolio.json"
    case quote = "ws_quote.json"
    case subscribe = "ws_subscribe_response.json"
    case testRequest = "ws_test_request.json"
    case ticker = "ws_ticker.json"
    case trades = "ws_trades.json"
    case tradesOptionCombo = "ws_trades_option_combo.json"
    case volatilityIndex = "ws_volatility_index.json"

    var testDescription: String { rawValue }

    func data() throws -> Data { try Fixtures.data(rawValue) }

    func response<T: Decodable & Sendable>(_ type: T.Type) throws -> T {
        let response = try DeribitCodec.decodeResponse(type, from: data())
        return try #require(response.result)
    }

    func notification<T: Decodable & Sendable>(_ type: T.Type) throws -> T {
        try DeribitCodec.decoder().decode(DeribitNotification<T>.self, from: data()).params.data
    }

    /// Decodes and translates; returns how many model values (or wire items, where there is no model type) came out.
    func translate() throws -> Int {
        switch self {
        case .accountSummaries, .accountSummariesCrossMargin:
            return try response(DeribitAccountSummariesWire.self).summaries.map(DeribitTranslator.balance).count
        case .combos:
            return try response([DeribitComboWire].self).map(DeribitTranslator.combo).count
        case .expirationsAny:
            let result = try response(DeribitExpirationsWire.self)
            return (result.option?.count ?? 0) + (result.future?.count ?? 0)
        case .expirationsBTCOption:
            return try response([String: DeribitExpirationsWire].self)["btc"]?.option?.count ?? 0
        case .instrument:
            return [try DeribitTranslator.spec(response(DeribitInstrumentWire.self))].count
        case .instrumentOption:
            // Made up with a 12:00 UTC expiry that contradicts its name (Deribit expires at 08:00): refused.
            let wire = try response(DeribitInstrumentWire.self)
            return DeribitTranslator.specs([wire]).refused.count
        case .instruments:
            // One real-shaped perpetual; the rest are made up and refused (see madeUpListingsAreRefused).
            return DeribitTranslator.specs(try response([DeribitInstrumentWire].self)).specs.count
        case .instrumentsFutureCombo, .instrumentsOptionCombo:
            return try response([DeribitInstrumentWire].self).map { try DeribitTranslator.spec($0) }.count
        case .lastTrades, .lastTradesFutureCombo, .lastTradesHistoricalCombo, .lastTradesOptionCombo,
            .lastTradesPerpetualWithComboTags:
            return try DeribitTranslator.trades(response(DeribitLastTradesWire.self).trades).count
        case .orderBook:
            return [try DeribitTranslator.bookSnapshot(response(DeribitOrderBookWire.self))].count
        case .time:
            return try response(Int64.self) > 0 ? 1 : 0
        case .tradingViewChart:
            return try response(DeribitTradingViewWire.self).ticks.count
        case .test:
            return try response(DeribitTestWire.self).version.isEmpty ? 0 : 1
        case .bookDelta, .bookSnapshot, .bookGroupedSnapshot:
            return [try DeribitTranslator.bookUpdate(notification(DeribitBookWire.self))].count
        case .chart:
            return [try notification(DeribitChartWire.self)].count
        case .error:
            let response = try DeribitCodec.decodeResponse(String.self, from: data())
            return response.error == nil ? 0 : 1
        case .orderBuy, .orderSell, .orderStopMarket, .orderStopMarketNoFilledAmount:
            return try DeribitTranslator.reports(response(DeribitOrderResponseWire.self)).count
        case .orderEdit:
            return try DeribitTranslator.reports(response(DeribitOrderResponseWire.self), isEdit: true).count
        case .orderCancel:
            return try DeribitTranslator.reports(order: response(DeribitOrderWire.self)).count
        case .portfolio:
            return [try DeribitTranslator.balance(notification(DeribitAccountSummaryWire.self))].count
        case .quote:
            return [try notification(DeribitQuoteWire.self)].count
        case .subscribe:
            return try response([String].self).count
        case .testRequest:
            return try DeribitCodec.decoder().decode(DeribitHeartbeat.self, from: data()).isTestRequest ? 1 : 0
        case .ticker:
            return try DeribitTranslator.marketData(notification(DeribitTickerWire.self)).count
        case .trades, .tradesOptionCombo:
            return try DeribitTranslator.trades(notification([DeribitTradeWire].self)).count
        case .volatilityIndex:
            return [try notification(DeribitVolatilityIndexWire.self)].count
        }
    }
}

@Suite struct DeribitFixtureTests {
    @Test(arguments: DeribitFixture.allCases)
    func everyFixtureDecodesAndTranslates(fixture: DeribitFixture) throws {
        #expect(try fixture.translate() > 0)
    }

    @Test func everyFixtureFileHasACase() throws {
        let directory = try Fixtures.url("ws_ticker.json").deletingLastPathComponent()
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }
        #expect(Set(files) == Set(DeribitFixture.allCases.map(\.rawValue)))
    }

    @Test func madeUpListingsAreRefused() throws {
        let wires = try DeribitFixture.instruments.response([DeribitInstrumentWire].self)
        let (specs, refused) = DeribitTranslator.specs(wires)
        #expect(specs.map(\.symbol) == ["BTC-PERPETUAL"])
        // BTC-27DEC24 and BTC-27DEC24-100000-C expire at 12:00 UTC by their timestamps, not at 08:00 as their names
        // say; BTC-COMBO-1 is not a Deribit name.
        #expect(refused.count == 3)
        #expect(
            refused.contains { if case .unknownInstrument(let name, _) = $0 { name == "BTC-COMBO-1" } else { false } }
        )
        #expect(refused.filter { if case .inconsistent = $0 { true } else { false } }.count == 2)
    }

    @Test func inversePerpetualIsSizedInUSD() throws {
        let spec = try DeribitTranslator.spec(DeribitFixture.instrument.response(DeribitInstrumentWire.self))
        #expect(spec.instrument == .perpetual(Underlying(base: .btc, quote: .usd), settlement: .inverse(.btc)))
        #expect(spec.contractMultiplier == 10)
        #expect(spec.contractUnit == .usd)
        #expect(spec.tickSize.base == FixedDecimal(units: 5, scale: 1))
    }

    @Test func comboInstrumentsHaveTheirListedLegs() throws {
        let combos = try DeribitFixture.combos.response([DeribitComboWire].self)
        let box = try DeribitTranslator.combo(try #require(combos.first { $0.id == "BTC-BOX-25DEC26-58000_60000" }))
        guard case .combo(let combo) = box.terms else {
            Issue.record("a box is a combo")
            return
        }
        #expect(combo.legs.count == 4)
        #expect(combo.legs.map(\.ratio).sorted() == [-1, -1, 1, 1])
        let comboSpecs = try DeribitFixture.instrumentsOptionCombo.response([DeribitInstrumentWire].self)
            .map { try DeribitTranslator.spec($0) }
        #expect(
            comboSpecs.allSatisfy {
                $0.instrument.kind == .combo && $0.tickSize.base == FixedDecimal(units: 1, scale: 4)
            }
        )
    }

    @Test func aComboWhoseLegsContradictItsNameIsRefused() throws {
        let wire = DeribitComboWire(
            id: "BTC-CS-19MAY26-70000_75000",
            state: "active",
            legs: [
                DeribitComboWire.Leg(amount: -1, instrumentName: "BTC-19MAY26-70000-C"),
                DeribitComboWire.Leg(amount: 1, instrumentName: "BTC-19MAY26-75000-C"),
            ],
            instrumentId: nil,
            creationTimestamp: nil,
            stateTimestamp: nil
        )
        #expect(throws: DeribitParseError.self) { try DeribitTranslator.combo(wire) }
    }

    @Test func restOrderBookIsASnapshot() throws {
        let update = try DeribitTranslator.bookSnapshot(DeribitFixture.orderBook.response(DeribitOrderBookWire.self))
        #expect(update.kind == .snapshot)
        #expect(update.bids.count == 20 && update.asks.count == 20)
        #expect(update.bids.first == BookLevel(price: Price(FixedDecimal(units: 870_025, scale: 1)), quantity: 199_190))
        #expect(update.sequence == BookSequence(first: 133_112_427_566, last: 133_112_427_566, previous: nil))
    }

    @Test func snapshotThenDeltaBuildTheExampleBook() throws {
        let snapshot = try DeribitTranslator.bookUpdate(DeribitFixture.bookSnapshot.notification(DeribitBookWire.self))
        let delta = try DeribitTranslator.bookUpdate(DeribitFixture.bookDelta.notification(DeribitBookWire.self))
        var sequencer = DeribitBookSequencer()
        var book = OrderBook(
            grid: try BookGrid(priceIncrement: FixedDecimal(units: 5, scale: 1), quantityIncrement: 10)
        )
        #expect(sequencer.snapshot(changeID: snapshot.sequence.last) == .applySnapshot)
        try book.apply(snapshot)
        #expect(
            sequencer.change(changeID: delta.sequence.last, previousChangeID: delta.sequence.previous) == .applyDelta
        )
        try book.apply(delta)
        // Delta: bid 42500 → 950, new bid 42498.5 → 300, ask 42501 deleted, ask 42501.5 → 700.
        #expect(book.bestBidLevel == BookLevel(price: 42_500, quantity: 950))
        #expect(book.bestAskLevel == BookLevel(price: Price(FixedDecimal(units: 425_015, scale: 1)), quantity: 700))
        #expect(book.levels(.bid, maxLevels: 5).map(\.quantity) == [950, 500, 750, 300, 800])
    }

    @Test func groupedBooksAreSnapshotsWithoutActions() throws {
        let wire = try DeribitFixture.bookGroupedSnapshot.notification(DeribitBookWire.self)
        #expect(wire.type == nil)
        #expect(wire.bids.allSatisfy { $0.action == nil })
        #expect(try DeribitTranslator.bookUpdate(wire).kind == .snapshot)
        // The fast path is for raw books only.
        let bytes = Array(try DeribitFixture.bookGroupedSnapshot.data())
        #expect(throws: DeribitParseError.self) { try DeribitBookScanner.bookUpdate(bytes) }
    }

    @Test func perpetualTickerCarriesFunding() throws {
        let data = try DeribitTranslator.marketData(DeribitFixture.ticker.notification(DeribitTickerWire.self))
        guard case .ticker(let ticker) = data[0], case .funding(let funding) = data[1] else {
            Issue.record("expected a ticker and a funding rate, got \(data)")
            return
        }
        #expect(ticker.markPrice == Price(FixedDecimal(units: 9_228_178, scale: 2)))
        #expect(ticker.bestBid == BookLevel(price: Price(FixedDecimal(units: 922_835, scale: 1)), quantity: 117_660))
        #expect(ticker.markImpliedVolatility == nil)
        #expect(funding.rate == FixedDecimal(units: 1_742, scale: 8))
        #expect(funding.intervalNanos == Int64(28_800) * 1_000_000_000)
    }

    @Test func comboTradeYieldsTheComboPrintAndItsLegs() throws {
        let trades = try DeribitTranslator.trades(
            DeribitFixture.tradesOptionCombo.notification([DeribitTradeWire].self)
        )
        #expect(trades.map(\.tradeID) == ["244365193", "244365195", "244365194"])
        #expect(trades[0].instrument.kind == .combo)
        #expect(trades[0].aggressor == .sell)
        #expect(trades[1].impliedVolatility == FixedDecimal(units: 4_101, scale: 4))
        #expect(trades[2].price == Price(FixedDecimal(units: 813, scale: 4)))
    }

    @Test func orderResponsesBecomeReports() throws {
        let buy = try DeribitTranslator.reports(DeribitFixture.orderBuy.response(DeribitOrderResponseWire.self))
        let orderID = try OrderID("O-19700101-000000-001-001-1")
        #expect(buy == [.acknowledged(orderID: orderID, venueOrderID: try VenueOrderID("USDC-104819327443"))])
        let edit = try DeribitTranslator.reports(
            DeribitFixture.orderEdit.response(DeribitOrderResponseWire.self),
            isEdit: true
        )
        #expect(edit == [.amended(orderID: orderID)])
        let cancel = try DeribitTranslator.reports(order: DeribitFixture.orderCancel.response(DeribitOrderWire.self))
        #expect(cancel == [.cancelled(orderID: orderID, reason: "user_request")])
        let stop = try DeribitFixture.orderStopMarket.response(DeribitOrderResponseWire.self)
        #expect(stop.order.price == .market)
        #expect(stop.order.triggerPrice?.value == 2_228)
    }

    @Test func immediateTradesBecomeFills() throws {
        let order = try DeribitFixture.orderBuy.response(DeribitOrderResponseWire.self).order
        let trades = try DeribitFixture.trades.notification([DeribitTradeWire].self)
        let reports = try DeribitTranslator.reports(DeribitOrderResponseWire(order: order, trades: [trades[1]]))
        #expect(reports.count == 2)
        #expect(
            reports[1]
                == .fill(
                    VenueFill(
                        venue: .deribit,
                        tradeID: "403691825",
                        orderID: try OrderID("O-19700101-000000-001-001-1"),
                        quantity: 750,
                        price: Price(FixedDecimal(units: 922_885, scale: 1))
                    )
                )
        )
    }

    @Test func tooManyRequestsIsARateLimit() throws {
        let error = try #require(try DeribitCodec.decodeResponse(String.self, from: DeribitFixture.error.data()).error)
        #expect(DeribitErrorCode(rawValue: error.code) == .tooManyRequests)
        #expect(DeribitErrorCode.tooManyRequests.isBusinessOutcome == false)
        let venueError = DeribitTranslator.venueError(error, at: UnixNanos(0))
        #expect(
            venueError == .rateLimited(venue: .deribit, retryAt: UnixNanos(1_000_000_000), message: "too_many_requests")
        )
        #expect(DeribitErrorCode.notEnoughFunds.isBusinessOutcome)
    }

    @Test func accountSummariesGiveBalancesAndRateLimits() throws {
        let summaries = try DeribitFixture.accountSummaries.response(DeribitAccountSummariesWire.self).summaries
        let btc = try DeribitTranslator.balance(summaries[0])
        #expect(btc.currency == .btc)
        #expect(btc.equity == Money(FixedDecimal(units: 30_261_869_214, scale: 8), .btc))
        #expect(btc.available == Money(FixedDecimal(units: 30_138_059_622, scale: 8), .btc))
        let limits = try #require(summaries[0].limits)
        var limiter = DeribitTranslator.rateLimiter(limits)
        // Matching engine: burst 250, then 200/s.
        for _ in 0..<250 { #expect(limiter.acquire(.trading, at: UnixNanos(0)) == .granted) }
        #expect(
            limiter.acquire(.trading, at: UnixNanos(0))
                == .denied(retryAt: UnixNanos(5_000_000), rule: "deribit matching engine")
        )
        let cross = try DeribitFixture.accountSummariesCrossMargin.response(DeribitAccountSummariesWire.self)
        #expect(
            try DeribitTranslator.balance(cross.summaries[0]).initialMargin
                == Money(FixedDecimal(units: 992, scale: 8), .btc)
        )
    }
}

extension DeribitFixtureTests {
    @Test func framesAreClassifiedBeforeDecoding() throws {
        #expect(
            try DeribitFrame.classify(DeribitFixture.ticker.data())
                == .subscription(channel: "ticker.BTC-PERPETUAL.100ms")
        )
        #expect(try DeribitFrame.classify(DeribitFixture.testRequest.data()) == .heartbeat(isTestRequest: true))
        #expect(
            try DeribitFrame.classify(DeribitFixture.orderBuy.data())
                == .response(id: 3, usIn: 1_767_978_363_485_278, usOut: 1_767_978_363_495_053)
        )
        guard case .error(let id, let error) = try DeribitFrame.classify(DeribitFixture.error.data()) else {
            Issue.record("ws_error.json is an error frame")
            return
        }
        #expect(id == 1 && error.code == 10_028)
        #expect(throws: DeribitParseError.self) { try DeribitFrame.classify(Data("[]".utf8)) }
    }
}
