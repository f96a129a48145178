// Proves every OKX fixture file decodes into its wire type and translates into the model with the values the file
// holds (one parametrized case per file; the switch in `check()` is exhaustive, so a file without a check does not
// compile), and that every JSON file in Fixtures/ has a case.
import Foundation
import LegateCore
import LegateModel
import Testing

@testable import LegateOKX

/// Every JSON fixture, by file name.
enum OKXFixture: String, CaseIterable, CustomTestStringConvertible {
    case optionalStringToInteger = "common_optional_string_to_u64.json"
    case balanceDetailNewFields = "http_balance_detail_new_fields.json"
    case balanceDetailOldFields = "http_balance_detail_old_fields.json"
    case cancelAlgoOrder = "http_cancel_algo_order_response.json"
    case accountBalance = "http_get_account_balance.json"
    case positionsHistory = "http_get_account_positions-history.json"
    case candlesticks = "http_get_candlesticks.json"
    case candlesticksFull = "http_get_candlesticks_full.json"
    case fundingRateHistory = "http_get_funding_rate_history.json"
    case indexPrice = "http_get_index_price.json"
    case instrumentsFutures = "http_get_instruments_futures.json"
    case instrumentsMargin = "http_get_instruments_margin.json"
    case instrumentsOption = "http_get_instruments_option.json"
    case instrumentsSpot = "http_get_instruments_spot.json"
    case instrumentsSwap = "http_get_instruments_swap.json"
    case markPrice = "http_get_mark_price.json"
    case optionSummary = "http_get_option_summary.json"
    case orderBook = "http_get_order_book.json"
    case algoHistory = "http_get_orders_algo_history.json"
    case algoPending = "http_get_orders_algo_pending.json"
    case algoPendingAttachedOCO = "http_get_orders_algo_pending_attached_oco.json"
    case algoPendingCloseFraction = "http_get_orders_algo_pending_close_fraction.json"
    case ordersHistory = "http_get_orders_history.json"
    case ordersPending = "http_get_orders_pending.json"
    case ordersPendingWithTPSL = "http_get_orders_pending_with_attached_tp_sl.json"
    case positionTiers = "http_get_position_tiers.json"
    case positions = "http_get_positions.json"
    case spreadOrders = "http_get_spread_orders.json"
    case spreadTrades = "http_get_spread_trades.json"
    case spreads = "http_get_spreads.json"
    case tradeFee = "http_get_trade_fee_response.json"
    case trades = "http_get_trades.json"
    case placeAlgoOrderRejected = "http_place_algo_order_rejected.json"
    case placeAlgoOrder = "http_place_algo_order_response.json"
    case placeOrder = "http_place_order_response.json"
    case setPositionMode = "http_set_position_mode_response.json"
    case transactionDetail = "http_transaction_detail.json"
    case transactionDetailEmptyFee = "http_transaction_detail_empty_fee.json"
    case account = "ws_account.json"
    case accountEmpty = "ws_account_empty.json"
    case bboTbt = "ws_bbo_tbt.json"
    case booksSnapshot = "ws_books_snapshot.json"
    case booksUpdate = "ws_books_update.json"
    case candle = "ws_candle.json"
    case fundingRate = "ws_funding_rate.json"
    case instruments = "ws_instruments.json"
    case wsOptionSummary = "ws_opt_summary.json"
    case orders = "ws_orders.json"
    case ordersADL = "ws_orders_adl.json"
    case ordersAlgo = "ws_orders_algo.json"
    case ordersFOK = "ws_orders_fok.json"
    case ordersIOC = "ws_orders_ioc.json"
    case ordersLiquidation = "ws_orders_liquidation.json"
    case ordersOptimalLimitIOC = "ws_orders_optimal_limit_ioc.json"
    case ordersOption = "ws_orders_option.json"
    case ordersTrigger = "ws_orders_trigger.json"
    case spreadOrdersPush = "ws_sprd_orders.json"
    case tickers = "ws_tickers.json"
    case wsTrades = "ws_trades.json"

    var testDescription: String { rawValue }

    func data() throws -> Data { try Fixtures.data(rawValue) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try OKXCodec.decode(type, from: data()) }

    /// The items of a REST envelope, which must say success.
    func items<T: Decodable & Sendable>(_ type: T.Type) throws -> [T] {
        let response = try decode(OKXResponse<T>.self)
        #expect(response.isSuccess)
        return response.data
    }

    func push<T: Decodable & Sendable>(_ type: T.Type) throws -> OKXPush<T> { try decode(OKXPush<T>.self) }

    /// Decodes, translates and checks the file's values.
    func check() throws {
        switch self {
        case .optionalStringToInteger: try WireChecks.optionalStringToInteger(self)
        case .balanceDetailNewFields: try AccountChecks.balanceDetailNewFields(self)
        case .balanceDetailOldFields: try AccountChecks.balanceDetailOldFields(self)
        case .cancelAlgoOrder: try OrderChecks.cancelAlgoOrder(self)
        case .accountBalance: try AccountChecks.accountBalance(self)
        case .positionsHistory: try AccountChecks.positionsHistory(self)
        case .candlesticks: try MarketChecks.candlesticks(self)
        case .candlesticksFull: try MarketChecks.candlesticksFull(self)
        case .fundingRateHistory: try MarketChecks.fundingRateHistory(self)
        case .indexPrice: try MarketChecks.indexPrice(self)
        case .instrumentsFutures: try InstrumentChecks.futures(self)
        case .instrumentsMargin: try InstrumentChecks.margin(self)
        case .instrumentsOption: try InstrumentChecks.options(self)
        case .instrumentsSpot: try InstrumentChecks.spot(self)
        case .instrumentsSwap: try InstrumentChecks.swaps(self)
        case .markPrice: try MarketChecks.markPrice(self)
        case .optionSummary: try MarketChecks.optionSummary(self)
        case .orderBook: try MarketChecks.orderBook(self)
        case .algoHistory: try OrderChecks.algoHistory(self)
        case .algoPending: try OrderChecks.algoPending(self)
        case .algoPendingAttachedOCO: try OrderChecks.algoPendingAttachedOCO(self)
        case .algoPendingCloseFraction: try OrderChecks.algoPendingCloseFraction(self)
        case .ordersHistory: try OrderChecks.ordersHistory(self)
        case .ordersPending: try OrderChecks.ordersPending(self)
        case .ordersPendingWithTPSL: try OrderChecks.ordersPendingWithTPSL(self)
        case .positionTiers: try AccountChecks.positionTiers(self)
        case .positions: try AccountChecks.positions(self)
        case .spreadOrders: try OrderChecks.spreadOrders(self)
        case .spreadTrades: try OrderChecks.spreadTrades(self)
        case .spreads: try InstrumentChecks.spreads(self)
        case .tradeFee: try AccountChecks.tradeFee(self)
        case .trades: try MarketChecks.trades(self)
        case .placeAlgoOrderRejected: try OrderChecks.placeAlgoOrderRejected(self)
        case .placeAlgoOrder: try OrderChecks.placeAlgoOrder(self)
        case .placeOrder: try OrderChecks.placeOrder(self)
        case .setPositionMode: try AccountChecks.setPositionMode(self)
        case .transactionDetail: try OrderChecks.transactionDetail(self)
        case .transactionDetailEmptyFee: try OrderChecks.transactionDetailEmptyFee(self)
        case .account: try AccountChecks.account(self)
        case .accountEmpty: try AccountChecks.accountEmpty(self)
        case .bboTbt: try MarketChecks.bboTbt(self)
        case .booksSnapshot: try MarketChecks.booksSnapshot(self)
        case .booksUpdate: try MarketChecks.booksUpdate(self)
        case .candle: try MarketChecks.candle(self)
        case .fundingRate: try MarketChecks.fundingRate(self)
        case .instruments: try InstrumentChecks.instrumentsPush(self)
        case .wsOptionSummary: try MarketChecks.wsOptionSummary(self)
        case .orders: try OrderChecks.orders(self)
        case .ordersADL: try OrderChecks.ordersADL(self)
        case .ordersAlgo: try OrderChecks.ordersAlgo(self)
        case .ordersFOK: try OrderChecks.ordersFOK(self)
        case .ordersIOC: try OrderChecks.ordersIOC(self)
        case .ordersLiquidation: try OrderChecks.ordersLiquidation(self)
        case .ordersOptimalLimitIOC: try OrderChecks.ordersOptimalLimitIOC(self)
        case .ordersOption: try OrderChecks.ordersOption(self)
        case .ordersTrigger: try OrderChecks.ordersTrigger(self)
        case .spreadOrdersPush: try OrderChecks.spreadOrdersPush(self)
        case .tickers: try MarketChecks.tickers(self)
        case .wsTrades: try MarketChecks.wsTrades(self)
        }
    }
}

@Suite struct OKXFixtureTests {
    @Test(arguments: OKXFixture.allCases)
    func everyFixtureTranslatesWithItsValues(fixture: OKXFixture) throws {
        try fixture.check()
    }

    @Test func everyFixtureFileHasACase() throws {
        let directory = try Fixtures.url("ws_orders.json").deletingLastPathComponent()
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }
        #expect(files.count == 59)
        #expect(Set(files) == Set(OKXFixture.allCases.map(\.rawValue)))
    }
}

/// Test values written as in the fixtures.
func dec(_ text: String) -> FixedDecimal { FixedDecimal(text)! }
func price(_ text: String) -> Price { Price(dec(text)) }
func qty(_ text: String) -> Quantity { Quantity(dec(text)) }
func millis(_ value: Int64) -> UnixNanos { .milliseconds(value) }

/// The contract sizes of every instrument the order fixtures trade, from the instrument fixtures.
enum TestContracts {
    static func all() throws -> OKXContracts {
        var specs: [InstrumentSpec] = []
        for fixture in [OKXFixture.instrumentsSwap, .instrumentsSpot, .instrumentsMargin, .instrumentsFutures] {
            specs += try fixture.items(OKXInstrumentWire.self).map { try OKXTranslator.spec($0) }
        }
        specs.append(try optionSpec(instId: "BTC-USD-250328-50000-C", strike: "50000", expiry: 1_743_148_800_000))
        return OKXContracts(specs)
    }

    /// The listing of `BTC-USD-241217-92000-C` (http_get_instruments_option.json: ctMult 0.01) renamed to another
    /// BTC option, for fixtures that trade options the instrument fixtures do not list.
    static func optionSpec(instId: String, strike: String, expiry: Int64) throws -> InstrumentSpec {
        let text = try String(decoding: OKXFixture.instrumentsOption.data(), as: UTF8.self)
            .replacingOccurrences(of: "BTC-USD-241217-92000-C", with: instId)
            .replacingOccurrences(of: "\"stk\": \"92000\"", with: "\"stk\": \"\(strike)\"")
            .replacingOccurrences(of: "1734422400000", with: String(expiry))
        let wires = try OKXCodec.decode(OKXResponse<OKXInstrumentWire>.self, from: Data(text.utf8)).data
        return try OKXTranslator.spec(try #require(wires.first { $0.instId == instId }))
    }
}
