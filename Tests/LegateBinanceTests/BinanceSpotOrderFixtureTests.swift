// Proves every Binance spot execution-report fixture (bare, combined-stream and WebSocket-API wrapped) translates with
// the file's values: new, cancelled, expired, rejected and self-trade-prevented orders into reports, trades into fills
// with fees and liquidity, margin liquidations (`CALCULATED`) and empty client ids into fills of no order of ours, a
// `TRADE` event with nothing executed read by its status, and a fill without a price refused.
import Foundation
import LegateCore
import LegateModel
import LegateSymbology
import LegateVenues
import Testing

@testable import LegateBinance

enum BinanceSpotOrderFixture: String, CaseIterable, CustomTestStringConvertible {
    case canceled = "nautilus/spot/user_data_json/execution_report_canceled.json"
    case expired = "nautilus/spot/user_data_json/execution_report_expired.json"
    case new = "nautilus/spot/user_data_json/execution_report_new.json"
    case stopLoss = "nautilus/spot/user_data_json/execution_report_stop_loss.json"
    case trade = "nautilus/spot/user_data_json/execution_report_trade.json"
    case wrapped = "nautilus/spot/user_data_json/execution_report_wrapped.json"
    case pyBinanceUS = "nautilus/py_resources/ws_messages/ws_spot_execution_report_binance_us.json"
    case pyCalculated = "nautilus/py_resources/ws_messages/ws_spot_execution_report_calculated.json"
    case pyCanceled = "nautilus/py_resources/ws_messages/ws_spot_execution_report_canceled.json"
    case pyCustomClientID = "nautilus/py_resources/ws_messages/ws_spot_execution_report_custom_client_id.json"
    case pyEmptyClientID = "nautilus/py_resources/ws_messages/ws_spot_execution_report_empty_client_id.json"
    case pyExpired = "nautilus/py_resources/ws_messages/ws_spot_execution_report_expired.json"
    case pyNew = "nautilus/py_resources/ws_messages/ws_spot_execution_report_new.json"
    case pyNewLimitIfTouched =
        "nautilus/py_resources/ws_messages/ws_spot_execution_report_new_limit_if_touched_price_match.json"
    case pyNewPriceMatch = "nautilus/py_resources/ws_messages/ws_spot_execution_report_new_price_match.json"
    case pyNewStopLimit = "nautilus/py_resources/ws_messages/ws_spot_execution_report_new_stop_limit_price_match.json"
    case pyPendingCancel = "nautilus/py_resources/ws_messages/ws_spot_execution_report_pending_cancel.json"
    case pyRejected = "nautilus/py_resources/ws_messages/ws_spot_execution_report_rejected.json"
    case pyTrade = "nautilus/py_resources/ws_messages/ws_spot_execution_report_trade.json"
    case pyTradeLastPriceZero = "nautilus/py_resources/ws_messages/ws_spot_execution_report_trade_l_zero.json"
    case pyTradeNothingCanceled =
        "nautilus/py_resources/ws_messages/ws_spot_execution_report_trade_l_zero_canceled.json"
    case pyTradeNothingExpired = "nautilus/py_resources/ws_messages/ws_spot_execution_report_trade_l_zero_expired.json"
    case pyTradeNothingNew = "nautilus/py_resources/ws_messages/ws_spot_execution_report_trade_l_zero_new.json"
    case pyTradeNothingPartial = "nautilus/py_resources/ws_messages/ws_spot_execution_report_trade_l_zero_partial.json"
    case pySelfTradePrevention = "nautilus/py_resources/ws_messages/ws_spot_execution_report_trade_prevention.json"

    var testDescription: String { rawValue }

    func update() throws -> BinanceOrderUpdate {
        // Binance.US quotes in USD, which the global spot table does not split.
        let quotes = self == .pyBinanceUS ? QuoteAssetTable.binanceSpot.adding(quotes: [.usd]) : nil
        return try BinanceTranslator.orderUpdate(
            Fixtures.event(BinanceExecutionReportWire.self, rawValue),
            quotes: quotes
        )
    }

    /// Order-state events: the one report expected.
    func stateReport() throws -> VenueReport? {
        func id(_ text: String) throws -> OrderID { try OrderID(text) }
        func venue(_ number: Int64) -> VenueOrderID { VenueOrderID(known: String(number)) }
        return switch self {
        case .canceled: .cancelled(orderID: try id("x-TD67BGP9-T0000000000000"), reason: "canceled")
        case .expired: .expired(orderID: try id("x-TD67BGP9-T0000000000000"))
        case .new: .acknowledged(orderID: try id("x-TD67BGP9-T0000000000000"), venueOrderID: venue(12_345_678))
        case .stopLoss: .acknowledged(orderID: try id("x-TD67BGP9-T0000000000001"), venueOrderID: venue(12_345_679))
        case .wrapped: .acknowledged(orderID: try id("mUvoqJxFIILMdfAW5iGSOW"), venueOrderID: venue(4_293_153))
        case .pyCanceled: .cancelled(orderID: try id("O-12345-test-cancel"), reason: "canceled")
        case .pyExpired: .expired(orderID: try id("O-12345-test-expired"))
        case .pyNew: .acknowledged(orderID: try id("O-12345-test-new"), venueOrderID: venue(1_234_567_890))
        case .pyNewLimitIfTouched:
            .acknowledged(
                orderID: try id("O-12345-test-limit-if-touched-price-match"),
                venueOrderID: venue(1_234_567_892)
            )
        case .pyNewPriceMatch:
            .acknowledged(orderID: try id("O-12345-test-price-match"), venueOrderID: venue(1_234_567_890))
        case .pyNewStopLimit:
            .acknowledged(orderID: try id("O-12345-test-stop-limit-price-match"), venueOrderID: venue(1_234_567_891))
        case .pyRejected: .rejected(orderID: try id("O-12345-test-reject"), reason: "GTX_ORDER_REJECT")
        case .pyTradeNothingCanceled: .cancelled(orderID: try id("O-12345-test-l-zero-canceled"), reason: "canceled")
        case .pyTradeNothingExpired: .expired(orderID: try id("O-12345-test-l-zero-expired"))
        case .pyTradeNothingNew:
            .acknowledged(orderID: try id("O-12345-test-l-zero-new"), venueOrderID: venue(1_234_567_890))
        case .pySelfTradePrevention: .expired(orderID: try id("O-12345-test-stp"))
        default: nil
        }
    }

    /// Fill events: (client id or nil, trade id, quantity, price, fee, fee asset, maker).
    var fill: (String?, String, String, String, String, String, Bool)? {
        switch self {
        case .trade: ("x-TD67BGP9-T0000000000000", "98765432", "1", "2500", "0.001", "ETH", true)
        case .pyBinanceUS: ("T0ESHzso0banw0QiPFZYgj", "88685053", "0.00042", "117290.77", "0.00492621", "USD", false)
        case .pyCalculated: (nil, "98765432", "0.01", "49500", "2.475", "USDT", false)
        case .pyCustomClientID: ("INIT-BTC-1234567890", "98765432", "0.5", "2499.5", "0.0005", "ETH", true)
        case .pyEmptyClientID: (nil, "98765432", "0.5", "2499.5", "0.0005", "ETH", true)
        case .pyTrade: ("O-12345-test-trade", "98765432", "0.5", "2499.5", "0.0005", "ETH", true)
        default: nil
        }
    }

    func verify() throws {
        if let expected = try stateReport() {
            let update = try update()
            #expect(update.reports == [expected] && update.execution == nil)
            return
        }
        if let expected = fill {
            let update = try update()
            let execution = try #require(update.execution)
            #expect(execution.fill.orderID?.rawValue == expected.0 && execution.fill.tradeID == expected.1)
            #expect(execution.fill.quantity == q(expected.2) && execution.fill.price == p(expected.3))
            #expect(execution.fill.fee == Money(d(expected.4), try Asset(expected.5)))
            #expect(
                execution.fill.liquidity == (expected.6 ? .maker : .taker) && update.reports == [.fill(execution.fill)]
            )
            #expect(execution.origin == (self == .pyCalculated ? .liquidation : .order))
            if self == .pyBinanceUS { #expect(execution.instrument == .spot(Underlying(base: .btc, quote: .usd))) }
            return
        }
        switch self {
        case .pyPendingCancel, .pyTradeNothingPartial:
            // Not final (pending cancel), or a trade event that executed nothing on a partly filled order.
            let update = try update()
            #expect(update.reports.isEmpty && update.execution == nil)
        case .pyTradeLastPriceZero:
            #expect {
                try update()
            } throws: { error in
                guard case .inconsistent(let what, let reason) = error as? BinanceParseError else { return false }
                return what.contains("O-12345-test-trade-l-zero") && reason.contains("price 0")
            }
        default:
            Issue.record("\(rawValue) has no expectations")
        }
    }
}

@Suite struct BinanceSpotOrderFixtureTests {
    @Test(arguments: BinanceSpotOrderFixture.allCases)
    func spotOrderFixture(_ fixture: BinanceSpotOrderFixture) throws {
        try fixture.verify()
    }

    @Test func expiryReasonAndStopPriceAreKeptOnTheWire() throws {
        let expired = try Fixtures.event(BinanceExecutionReportWire.self, BinanceSpotOrderFixture.expired.rawValue)
        #expect(expired.expiryReason == "INSUFFICIENT_LIQUIDITY" && expired.timeInForce == "IOC")
        let stop = try Fixtures.event(BinanceExecutionReportWire.self, BinanceSpotOrderFixture.stopLoss.rawValue)
        #expect(stop.stopPrice?.value == 2_450 && stop.orderType == "STOP_LOSS_LIMIT")
    }
}
