// Proves every Binance futures user-data fixture translates with the file's values: ORDER_TRADE_UPDATE into state
// reports and fills with fees, liquidity and realized profit, with the venue's own orders (liquidation `CALCULATED`,
// ADL, insurance fund, settlement and delivery autoclose) reported as fills of no order of ours but with their
// instrument and side; TRADE_LITE fills; ALGO_UPDATE conditional orders.
import Foundation
import LegateCore
import LegateModel
import LegateSymbology
import LegateVenues
import Testing

@testable import LegateBinance

enum BinanceFuturesOrderFixture: String, CaseIterable, CustomTestStringConvertible {
    case adl = "nautilus/futures/user_data_json/order_update_adl.json"
    case calculated = "nautilus/futures/user_data_json/order_update_calculated.json"
    case calculatedPending = "nautilus/futures/user_data_json/order_update_calculated_pending.json"
    case delivery = "nautilus/futures/user_data_json/order_update_delivery.json"
    case insurance = "nautilus/futures/user_data_json/order_update_insurance.json"
    case new = "nautilus/futures/user_data_json/order_update_new.json"
    case settlement = "nautilus/futures/user_data_json/order_update_settlement.json"
    case trade = "nautilus/futures/user_data_json/order_update_trade.json"
    case tradePartial = "nautilus/futures/user_data_json/order_update_trade_partial.json"
    case pyADL = "nautilus/py_resources/ws_messages/ws_futures_order_update_adl.json"
    case pyADLFilled = "nautilus/py_resources/ws_messages/ws_futures_order_update_adl_filled.json"
    case pyLiquidation = "nautilus/py_resources/ws_messages/ws_futures_order_update_liquidation.json"
    case pyLiquidationZeroQuantity =
        "nautilus/py_resources/ws_messages/ws_futures_order_update_liquidation_zero_qty.json"
    case pyNewLimitIfTouched =
        "nautilus/py_resources/ws_messages/ws_futures_order_update_new_limit_if_touched_price_match.json"
    case pyNewPriceMatch = "nautilus/py_resources/ws_messages/ws_futures_order_update_new_price_match.json"
    case pyNewReduceOnly = "nautilus/py_resources/ws_messages/ws_futures_order_update_new_reduce_only_qty.json"
    case pyNewStopLimit = "nautilus/py_resources/ws_messages/ws_futures_order_update_new_stop_limit_price_match.json"
    case pySettlement = "nautilus/py_resources/ws_messages/ws_futures_order_update_settlement.json"
    case pyTradeReduceOnly = "nautilus/py_resources/ws_messages/ws_futures_order_update_trade_reduce_only_qty.json"

    var testDescription: String { rawValue }

    func update() throws -> BinanceOrderUpdate {
        // The delivery fixture is a COIN-M symbol (BTCUSD_240329): its events come from the COIN-M stream.
        try BinanceTranslator.orderUpdate(
            Fixtures.event(BinanceOrderTradeUpdateWire.self, rawValue),
            market: self == .delivery ? .inverse : .linear
        )
    }

    /// Venue-made fills: (origin, trade id, side, quantity, price, fee in USDT, realized profit in USDT).
    var venueFill: (BinanceExecution.Origin, String, OrderSide, String, String, String, String)? {
        switch self {
        case .adl: (.adl, "12346001", .buy, "0.005", "42000.00", "0.105", "-2.50")
        case .calculated: (.liquidation, "12345999", .sell, "0.014", "9910.12", "0.06937084", "-5.67")
        case .insurance: (.insurance, "12346003", .sell, "0.020", "45000.00", "0.45", "-8.00")
        case .settlement: (.settlement, "12346002", .sell, "0.010", "50000.00", "0.25", "-10.00")
        case .pyADL, .pyADLFilled: (.adl, "2233445566", .buy, "1.000", "2500.00", "2.5", "50.00")
        case .pyLiquidation: (.liquidation, "1122334455", .sell, "0.100", "50000.00", "5", "-100.00")
        case .pySettlement: (.settlement, "4455667788", .buy, "0.050", "51000.00", "2.55", "25.00")
        default: nil
        }
    }

    /// New orders of ours: (client order id, order id).
    var acknowledgement: (String, Int64)? {
        switch self {
        case .new: ("TEST", 8_886_774)
        case .pyNewLimitIfTouched: ("O-12345-test-limit-if-touched-price-match", 8_765_432_102)
        case .pyNewPriceMatch: ("O-12345-test-price-match", 8_765_432_100)
        case .pyNewReduceOnly: ("O-12345-test-reduce-only", 8_765_432_200)
        case .pyNewStopLimit: ("O-12345-test-stop-limit-price-match", 8_765_432_101)
        default: nil
        }
    }

    func verify() throws {
        let update = try update()
        if let expected = venueFill {
            let execution = try #require(update.execution)
            #expect(execution.origin == expected.0 && execution.fill.orderID == nil && execution.side == expected.2)
            #expect(execution.fill.tradeID == expected.1 && execution.fill.quantity == q(expected.3))
            #expect(execution.fill.price == p(expected.4) && execution.fill.fee == Money(d(expected.5), .usdt))
            #expect(execution.realizedProfit == Money(d(expected.6), .usdt) && execution.fill.liquidity == .taker)
            #expect(update.reports == [.fill(execution.fill)])
            return
        }
        if let (client, id) = acknowledgement {
            let acknowledged = VenueReport.acknowledged(
                orderID: try OrderID(client),
                venueOrderID: try VenueOrderID(String(id))
            )
            #expect(update.reports == [acknowledged])
            #expect(update.execution == nil)
            return
        }
        switch self {
        case .calculatedPending, .pyLiquidationZeroQuantity:
            // A liquidation order with nothing filled yet (or filled for zero): nothing to book.
            #expect(update.reports.isEmpty && update.execution == nil)
        case .delivery:
            let execution = try #require(update.execution)
            let expiry = ms(1_711_699_200_000)
            let instrument = Instrument.future(
                Underlying(base: .btc, quote: .usd),
                expiry: expiry,
                settlement: .inverse(.btc)
            )
            #expect(execution.origin == .delivery && execution.instrument == instrument && execution.fill.fee == nil)
            #expect(
                execution.fill.quantity == 1 && execution.fill.price == 70_000
                    && execution.realizedProfit == Money(0, .btc)
            )
        case .trade, .tradePartial, .pyTradeReduceOnly:
            let execution = try #require(update.execution)
            let isReduceOnly = self == .pyTradeReduceOnly
            let orderID = try OrderID(isReduceOnly ? "O-12345-test-reduce-only-trade" : "TEST")
            #expect(
                update.reports == [.fill(execution.fill)] && execution.fill.orderID == orderID
                    && execution.origin == .order
            )
            #expect(execution.fill.tradeID == (isReduceOnly ? "9988776655" : "12345678"))
            #expect(execution.fill.price == p(isReduceOnly ? "2500.00" : "7100.50"))
            #expect(execution.fill.fee == Money(d(isReduceOnly ? "0.5" : "0.01"), .usdt))
            #expect(execution.fill.liquidity == (isReduceOnly ? .taker : .maker))
        default:
            Issue.record("\(rawValue) has no expectations")
        }
    }
}

enum BinanceFuturesEventFixture: String, CaseIterable, CustomTestStringConvertible {
    case tradeLite = "nautilus/futures/user_data_json/trade_lite.json"
    case pyTradeLite = "nautilus/py_resources/ws_messages/ws_futures_trade_lite.json"
    case algoCanceled = "nautilus/futures/user_data_json/algo_update_canceled.json"
    case algoNew = "nautilus/futures/user_data_json/algo_update_new.json"
    case pyAlgoFinished = "nautilus/py_resources/ws_messages/ws_futures_algo_update_finished.json"
    case pyAlgoFinishedCanceled = "nautilus/py_resources/ws_messages/ws_futures_algo_update_finished_canceled.json"
    case pyAlgoTriggered = "nautilus/py_resources/ws_messages/ws_futures_algo_update_triggered.json"
    case pyAlgoTriggering = "nautilus/py_resources/ws_messages/ws_futures_algo_update_triggering.json"

    var testDescription: String { rawValue }

    func verify() throws {
        switch self {
        case .tradeLite, .pyTradeLite:
            let execution = try #require(
                try BinanceTranslator.execution(Fixtures.event(BinanceTradeLiteWire.self, rawValue), market: .linear)
            )
            if self == .tradeLite {
                let orderID = try OrderID("TEST")
                #expect(execution.fill.orderID == orderID && execution.fill.tradeID == "12345678")
                #expect(
                    execution.fill.price == p("7100.50") && execution.fill.liquidity == .maker
                        && execution.fill.fee == nil
                )
            } else {
                let orderID = try OrderID("O-20240930-081155-001-000-29")
                #expect(execution.fill.orderID == orderID)
                #expect(execution.fill.quantity == q("0.037") && execution.fill.price == p("2631.90"))
                #expect(
                    execution.venueOrderID.rawValue == "8389765739703625592" && execution.at == ms(1_727_683_915_920)
                )
            }
        case .algoCanceled, .algoNew:
            let reports = try BinanceTranslator.reports(algo: Fixtures.event(BinanceAlgoUpdateWire.self, rawValue))
            let orderID = try OrderID("Q5xaq5EGKgXXa0fD7fs0Ip")
            let expected: VenueReport =
                self == .algoNew
                ? .acknowledged(orderID: orderID, venueOrderID: try VenueOrderID("2148719"))
                : .cancelled(orderID: orderID, reason: "canceled")
            #expect(reports == [expected])
        default:
            let wire = try Fixtures.event(BinanceAlgoUpdateWire.self, rawValue)
            // Triggering, triggered and finished: the order it placed reports itself.
            #expect(try BinanceTranslator.reports(algo: wire).isEmpty)
            let expected: (String, String?, String?) =
                switch self {
                case .pyAlgoFinished: ("FINISHED", "88937381063", "0.13856")
                case .pyAlgoFinishedCanceled: ("FINISHED", "88937381064", "0")
                case .pyAlgoTriggered: ("TRIGGERED", "88937381063", "0")
                default: ("TRIGGERING", nil, nil)
                }
            #expect(
                wire.order.status == expected.0
                    && wire.order.triggeredOrderID.flatMap { $0.isEmpty ? nil : $0 } == expected.1
            )
            #expect(
                wire.order.averagePrice?.value == expected.2.map(d) && wire.order.triggerPrice?.value == d("0.13855")
            )
        }
    }
}

@Suite struct BinanceFuturesOrderFixtureTests {
    @Test(arguments: BinanceFuturesOrderFixture.allCases)
    func futuresOrderFixture(_ fixture: BinanceFuturesOrderFixture) throws {
        try fixture.verify()
    }

    @Test(arguments: BinanceFuturesEventFixture.allCases)
    func futuresEventFixture(_ fixture: BinanceFuturesEventFixture) throws {
        try fixture.verify()
    }
}
