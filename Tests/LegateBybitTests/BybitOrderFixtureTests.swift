// Proves every Bybit order and execution fixture translates with the file's values: order states into reports (a
// rejection after a partial fill is a cancel of the rest), open orders for reconciliation (conditional market orders
// have no price), executions into fills with fees, liquidity and kind (ADL fills have no order of ours), the fast
// execution topic, and the trade stream's order acknowledgement.
import Foundation
import LegateCore
import LegateModel
import LegateSymbology
import LegateVenues
import Testing

@testable import LegateBybit

enum BybitOrderFixture: String, CaseIterable, CustomTestStringConvertible {
    case partiallyFilledRejected = "http_get_order_partially_filled_rejected.json"
    case history = "http_get_orders_history.json"
    case historyWithDuplicate = "http_get_orders_history_with_duplicate.json"
    case realtime = "http_get_orders_realtime.json"
    case realtimeTakeProfitStopLoss = "http_get_orders_realtime_tp_sl.json"
    case pushCancelled = "ws_account_order.json"
    case pushBuyStopMarket = "ws_account_order_buy_stop_market.json"
    case pushFilled = "ws_account_order_filled.json"
    case pushLimitIfTouched = "ws_account_order_limit_if_touched.json"
    case pushMarketIfTouched = "ws_account_order_market_if_touched.json"
    case pushPartiallyFilledRejected = "ws_account_order_partially_filled_rejected.json"
    case pushSellMarketIfTouched = "ws_account_order_sell_market_if_touched.json"
    case pushStopLimit = "ws_account_order_stop_limit.json"
    case pushStopLoss = "ws_account_order_stop_loss.json"
    case pushStopMarket = "ws_account_order_stop_market.json"
    case pushTakeProfit = "ws_account_order_take_profit.json"

    var testDescription: String { rawValue }

    var isPush: Bool { rawValue.hasPrefix("ws_") }

    func orders() throws -> [BybitOrderWire] {
        isPush
            ? try Fixtures.topic([BybitOrderWire].self, rawValue).data
            : try Fixtures.list(BybitOrderWire.self, rawValue).list
    }

    func reports() throws -> [VenueReport] { try orders().flatMap { try BybitTranslator.reports(order: $0) } }

    /// The conditional pushes: (order link id, order id, side, trigger price, limit price or nil for market).
    var conditional: (link: String, id: String, side: OrderSide, trigger: String, price: String?)? {
        switch self {
        case .pushBuyStopMarket:
            ("test-client-buy-stop-market-001", "test-buy-stop-market-001", .buy, "55000.00", nil)
        case .pushLimitIfTouched: ("test-client-lit-001", "test-lit-001", .buy, "55000.00", "55500.00")
        case .pushMarketIfTouched: ("test-client-mit-001", "test-mit-001", .buy, "55000.00", nil)
        case .pushSellMarketIfTouched: ("test-client-sell-mit-001", "test-sell-mit-001", .sell, "55000.00", nil)
        case .pushStopLimit: ("test-client-stop-limit-001", "test-stop-limit-001", .sell, "45000.00", "44500.00")
        case .pushStopLoss: ("test-client-sl-001", "test-stop-loss-001", .sell, "48000.00", nil)
        case .pushStopMarket: ("test-client-stop-market-001", "test-stop-market-001", .sell, "45000.00", nil)
        case .pushTakeProfit: ("test-client-tp-001", "test-take-profit-001", .sell, "55000.00", nil)
        default: nil
        }
    }

    func verify() throws {
        if let expected = conditional {
            let order = try #require(try orders().first)
            #expect(
                try reports() == [
                    .acknowledged(orderID: OrderID(expected.link), venueOrderID: VenueOrderID(expected.id))
                ]
            )
            let open = try BybitTranslator.openOrder(order)
            #expect(open.side == expected.side && open.price == expected.price.map(p))
            #expect(order.orderStatus == "Untriggered" && order.triggerPrice?.value == d(expected.trigger))
            return
        }
        switch self {
        case .partiallyFilledRejected, .pushPartiallyFilledRejected:
            let reason = self == .partiallyFilledRejected ? "INSUFFICIENT_MARGIN" : "UNKNOWN"
            let orderID = try OrderID("O-20251001-164609-APEX-000-49")
            #expect(try reports() == [.cancelled(orderID: orderID, reason: "rejected after a partial fill: \(reason)")])
            if isPush {
                let open = try BybitTranslator.openOrder(try #require(try orders().first))
                #expect(open.instrument == .spot(Underlying(base: try Asset("APEX"), quote: .usdt)))
                #expect(open.filledQuantity == q("50.0") && open.quantity == q("100.0") && open.price == p("1.500"))
            }
        case .history, .pushCancelled:
            #expect(try reports() == [.cancelled(orderID: OrderID("client-1"), reason: "CancelByUser")])
            #expect(try orders().first?.createdTime.value == 1_700_000_000_000)
        case .historyWithDuplicate:
            #expect(
                try reports() == [
                    .acknowledged(orderID: OrderID("client-open-1"), venueOrderID: VenueOrderID("open-order-1")),
                    .cancelled(orderID: OrderID("client-closed-1"), reason: "CancelByUser"),
                ]
            )
        case .realtime:
            let open = try orders().map { try BybitTranslator.openOrder($0, category: .linear) }
            #expect(open.map(\.price) == [p("3930.41"), p("3940.42")] && open.map(\.side) == [.buy, .sell])
            #expect(open.allSatisfy { $0.quantity == q("0.010") && $0.filledQuantity == .zero })
            #expect(
                open.first?.instrument == .perpetual(Underlying(base: .eth, quote: .usdt), settlement: .linear(.usdt))
            )
        case .realtimeTakeProfitStopLoss:
            let open = try orders().map { try BybitTranslator.openOrder($0, category: .linear) }
            // The take-profit is a market order (price "0"), the stop-loss a limit at 47500.
            #expect(
                open.map(\.price) == [nil, p("47500.00")]
                    && open.map(\.orderID?.rawValue) == ["client-tp-001", "client-sl-001"]
            )
            #expect(try orders().map { $0.triggerPrice?.value } == [d("55000.00"), d("48000.00")])
        case .pushFilled:
            let order = try #require(try orders().first)
            #expect(
                try reports() == [
                    .acknowledged(
                        orderID: OrderID("test-client-order-001"),
                        venueOrderID: VenueOrderID("5cf98598-39a7-459e-97bf-76ca765ee020")
                    )
                ]
            )
            #expect(order.avgPrice?.value == d("30000.50") && order.cumExecFee?.value == d("1.650028"))
            #expect(order.cumExecQty?.value == d("0.100") && order.leavesQty?.value == 0)
        default:
            Issue.record("\(rawValue) has no expectations")
        }
    }
}

enum BybitExecutionFixture: String, CaseIterable, CustomTestStringConvertible {
    case rest = "http_get_executions.json"
    case push = "ws_account_execution.json"
    case pushADL = "ws_account_execution_adl.json"
    case fast = "ws_account_execution_fast.json"
    case fastEnvelopeID = "ws_account_execution_fast_envelope_id.json"
    case orderResponse = "ws_order_response.json"

    var testDescription: String { rawValue }

    func executions() throws -> [BybitExecution] {
        if self == .rest {
            let list = try Fixtures.list(BybitExecutionWire.self, rawValue)
            return try list.list.map { try BybitTranslator.execution($0, category: .linear) }
        }
        return try Fixtures.topic([BybitExecutionWire].self, rawValue).data.map { try BybitTranslator.execution($0) }
    }

    func verify() throws {
        let btcusdt = Instrument.perpetual(Underlying(base: .btc, quote: .usdt), settlement: .linear(.usdt))
        switch self {
        case .rest:
            let executions = try executions()
            #expect(executions.map(\.fill.fee) == [Money(d("0.0150"), .usdt), Money(d("0.9000"), .usdt)])
            #expect(executions.map(\.fill.liquidity) == [.maker, .taker] && executions.map(\.side) == [.buy, .sell])
            let first = try #require(executions.first)
            let orderID = try OrderID("test-order-001")
            #expect(first.fill.tradeID == "e0cbe81d-0f18-5866-9415-cf319b5dab3b" && first.fill.orderID == orderID)
            #expect(first.fill.price == 50_000 && first.fill.quantity == q("0.100") && first.instrument == btcusdt)
            #expect(executions[1].fill.quantity == q("0.500") && executions[1].at == ms(1_672_282_822_529))
        case .push:
            let execution = try #require(try executions().first)
            #expect(execution.kind == .trade && execution.side == .sell && execution.instrument == btcusdt)
            // The push names no fee currency: a linear USDT contract pays in USDT.
            #expect(execution.fill.fee == Money(d("26.3725275"), .usdt) && execution.fill.liquidity == .taker)
            #expect(execution.fill.price == p("95900.1") && execution.fill.quantity == q("0.5"))
            #expect(execution.report == .fill(execution.fill) && execution.at == ms(1_746_270_400_353))
        case .pushADL:
            let execution = try #require(try executions().first)
            #expect(execution.kind == .adl && execution.fill.orderID == nil && execution.fill.fee == Money(0, .usdt))
            #expect(
                execution.fill.price == p("95850.0")
                    && execution.venueOrderID.rawValue == "9aac161b-8ed6-450d-9cab-c5cc67c21785"
            )
        case .fast:
            let execution = try #require(try executions().first)
            #expect(
                execution.instrument
                    == .perpetual(Underlying(base: try Asset("ICP"), quote: .usdt), settlement: .linear(.usdt))
            )
            #expect(
                execution.fill.price == p("12.015") && execution.fill.quantity == 3_000 && execution.fill.fee == nil
            )
            let orderID = try OrderID("test-order-link-001")
            #expect(execution.kind == .trade && execution.fill.orderID == orderID)
        case .fastEnvelopeID:
            let message = try Fixtures.topic([BybitExecutionWire].self, rawValue)
            #expect(message.id == "fast-1" && message.creationTime == 1_716_800_399_338 && message.data.isEmpty)
        case .orderResponse:
            let answer = try Fixtures.decode(BybitOpResponse.self, rawValue)
            let orderID = try OrderID("client-order-1")
            let reports = try BybitTranslator.reports(for: .place, orderID: orderID, answer: answer, at: UnixNanos(0))
            #expect(reports == [.acknowledged(orderID: orderID, venueOrderID: try VenueOrderID("1726025498520715008"))])
            #expect(answer.requestID == "order-req-001" && answer.connID == "cejreaspqfm9se7usbrg-4cd")
        }
    }
}

@Suite struct BybitOrderFixtureTests {
    @Test(arguments: BybitOrderFixture.allCases)
    func orderFixture(_ fixture: BybitOrderFixture) throws {
        try fixture.verify()
    }

    @Test(arguments: BybitExecutionFixture.allCases)
    func executionFixture(_ fixture: BybitExecutionFixture) throws {
        try fixture.verify()
    }

    @Test func refusalsAreReportsAndSessionFailuresAreErrors() throws {
        let orderID = try OrderID("O-1")
        let refused = try BybitCodec.decode(
            BybitResponse<BybitOrderAckWire>.self,
            from: Data(
                #"{"retCode":110007,"retMsg":"ab not enough for new order","result":{},"retExtInfo":{},"time":1}"#.utf8
            )
        )
        #expect(refused.result == nil)
        #expect(
            try BybitTranslator.reports(for: .place, orderID: orderID, response: refused, at: UnixNanos(0))
                == [.rejected(orderID: orderID, reason: "110007 ab not enough for new order")]
        )
        #expect(
            try BybitTranslator.reports(for: .amend, orderID: orderID, response: refused, at: UnixNanos(0))
                == [.amendRejected(orderID: orderID, reason: "110007 ab not enough for new order")]
        )
        let limited = try BybitCodec.decode(
            BybitResponse<BybitOrderAckWire>.self,
            from: Data(#"{"retCode":10006,"retMsg":"Too many visits!","result":{},"time":1}"#.utf8)
        )
        #expect(
            throws: VenueError.rateLimited(
                venue: .bybit,
                retryAt: UnixNanos(1_000_000_000),
                message: "Too many visits!"
            )
        ) {
            try BybitTranslator.reports(for: .cancel, orderID: orderID, response: limited, at: UnixNanos(0))
        }
    }
}
