// Proves every Binance REST order, trade and account fixture, and the account stream events, translate with the
// file's values: order answers into reports (a cancel names the order in origClientOrderId, a spot FULL answer adds
// its fills), open orders for reconciliation, our trades into fills, balances (spot free/locked, futures wallet and
// margin), positions with their hedge-mode side, and the answers with no model counterpart read as sent.
import Foundation
import LegateCore
import LegateModel
import LegateSymbology
import LegateVenues
import Testing

@testable import LegateBinance

enum BinanceOrderRESTFixture: String, CaseIterable, CustomTestStringConvertible {
    case futuresOrder = "nautilus/futures/http_json/order_response.json"
    case futuresOpenAlgoOrders = "nautilus/futures/http_json/open_algo_orders.json"
    case pyFuturesOpenOrders = "nautilus/py_resources/http_responses/http_futures_account_orders.json"
    case pyFuturesTrades = "nautilus/py_resources/http_responses/http_futures_account_trades.json"
    case spotOrder = "nautilus/spot/http_json/order_response.json"
    case spotAllOrders = "nautilus/spot/http_json/all_orders_response.json"
    case spotOpenOrders = "nautilus/spot/http_json/open_orders_response.json"
    case spotCancel = "nautilus/spot/http_json/cancel_order_response.json"
    case spotCancelAll = "nautilus/spot/http_json/cancel_open_orders_response.json"
    case spotNewOrderFull = "nautilus/spot/http_json/new_order_full_response.json"
    case spotTrades = "nautilus/spot/http_json/account_trades_response.json"
    case listStatus = "nautilus/spot/user_data_json/list_status_wrapped.json"

    var testDescription: String { rawValue }

    func verify() throws {
        switch self {
        case .futuresOrder:
            let wire = try Fixtures.decode(BinanceOrderWire.self, rawValue)
            let acknowledged = VenueReport.acknowledged(
                orderID: try OrderID("testOrder123"),
                venueOrderID: try VenueOrderID("12345678")
            )
            #expect(try BinanceTranslator.reports(order: wire, market: .linear) == [acknowledged])
            let open = try BinanceTranslator.openOrder(wire, market: .linear)
            #expect(open.price == 50_000 && open.quantity == q("0.001") && open.side == .buy)
        case .futuresOpenAlgoOrders:
            let open = try BinanceTranslator.openOrder(
                try #require(try Fixtures.decode([BinanceAlgoOrderWire].self, rawValue).first)
            )
            #expect(open.orderID?.rawValue == "test-algo-order-1" && open.venueOrderID.rawValue == "123456789")
            #expect(open.price == nil && open.quantity == q("0.001"))
        case .pyFuturesOpenOrders:
            let wire = try #require(try Fixtures.decode([BinanceOrderWire].self, rawValue).first)
            let open = try BinanceTranslator.openOrder(wire, market: .linear)
            // A trailing stop has no price.
            #expect(open.orderID?.rawValue == "abc" && open.venueOrderID.rawValue == "1917641" && open.price == nil)
            #expect(open.quantity == q("0.40") && wire.type == "TRAILING_STOP_MARKET")
        case .pyFuturesTrades:
            let wires = try Fixtures.decode([BinanceAccountTradeWire].self, rawValue)
            let executions = try wires.compactMap { try BinanceTranslator.execution(trade: $0, market: .linear) }
            #expect(
                executions.map(\.side) == [.sell, .buy] && executions.map(\.fill.tradeID) == ["82357626", "82357629"]
            )
            #expect(executions[0].fill.fee == Money(d("0.0055567"), .usdt) && executions[0].fill.liquidity == .taker)
            #expect(executions[1].realizedProfit == Money(d("-0.00325"), .usdt) && executions[1].fill.price == 2_779)
            #expect(executions[0].venueOrderID.rawValue == "831238666" && executions[0].fill.orderID == nil)
        default:
            try verifySpot()
        }
    }

    func verifySpot() throws {
        let ltcbtc = Instrument.spot(Underlying(base: try Asset("LTC"), quote: .btc))
        switch self {
        case .spotOrder, .spotAllOrders, .spotOpenOrders:
            let wire =
                self == .spotOrder
                ? try Fixtures.decode(BinanceOrderWire.self, rawValue)
                : try #require(try Fixtures.decode([BinanceOrderWire].self, rawValue).first)
            let acknowledged = VenueReport.acknowledged(
                orderID: try OrderID("myOrder1"),
                venueOrderID: try VenueOrderID("1")
            )
            #expect(try BinanceTranslator.reports(order: wire, market: .spot) == [acknowledged])
            let open = try BinanceTranslator.openOrder(wire, market: .spot)
            #expect(
                open.instrument == ltcbtc && open.price == p("0.1") && open.quantity == 1
                    && open.filledQuantity == .zero
            )
        case .spotCancel:
            let wire = try Fixtures.decode(BinanceOrderWire.self, rawValue)
            // clientOrderId is the cancel's own id; the order cancelled is origClientOrderId.
            #expect(
                try BinanceTranslator.reports(order: wire, market: .spot) == [
                    .cancelled(orderID: try OrderID("myOrder1"), reason: "canceled")
                ]
            )
        case .spotCancelAll:
            let items = try Fixtures.decode([BinanceCancelledItemWire].self, rawValue)
            let reports = try BinanceTranslator.reports(cancelled: items, market: .spot)
            #expect(
                reports.map(\.orderID?.rawValue) == [
                    "E6APeyTJvkMvLMYMqu1KQ4", "A3EF2HCwxgZPFMrfwbgrhv", "CwOOIPHSmYywx6jZX77TdL",
                    "461cPg51vQjV3zIMOXNz39",
                ]
            )
            guard case .orderList(let list) = items[2] else {
                Issue.record("the third item is the OCO list")
                return
            }
            #expect(list.orderListId == 1_929 && list.contingencyType == "OCO")
        case .spotNewOrderFull:
            let wire = try Fixtures.decode(BinanceOrderWire.self, rawValue)
            let reports = try BinanceTranslator.reports(order: wire, market: .spot)
            let executions = try BinanceTranslator.executions(placed: wire, market: .spot)
            #expect(
                reports.first
                    == .acknowledged(
                        orderID: try OrderID("6gCrw2kRUAF9CvJDGP16IP"),
                        venueOrderID: try VenueOrderID("28")
                    )
            )
            #expect(reports.dropFirst() == ArraySlice(executions.map(\.report)))
            #expect(executions.map(\.fill.tradeID) == ["56", "57", "58", "59", "60"])
            #expect(executions.map(\.fill.price) == [4_000, 3_999, 3_998, 3_997, 3_995])
            #expect(executions.map(\.fill.quantity) == [1, 5, 2, 1, 1] && executions.allSatisfy { $0.side == .sell })
            #expect(executions[1].fill.fee == Money(d("19.995"), .usdt) && executions[0].at == ms(1_507_725_176_595))
        case .spotTrades:
            let wire = try #require(try Fixtures.decode([BinanceAccountTradeWire].self, rawValue).first)
            let execution = try #require(try BinanceTranslator.execution(trade: wire, market: .spot))
            #expect(
                execution.instrument == .spot(Underlying(base: try Asset("BNB"), quote: .btc)) && execution.side == .buy
            )
            #expect(execution.fill.fee == Money(d("10.1"), try Asset("BNB")) && execution.fill.liquidity == .taker)
            #expect(
                execution.fill.price == p("4.000001") && execution.fill.quantity == 12
                    && execution.fill.tradeID == "28457"
            )
        default:
            let list = try Fixtures.event(BinanceListStatusWire.self, rawValue)
            #expect(list.contingencyType == "OCO" && list.listStatusType == "EXEC_STARTED" && list.orderListID == 2)
            #expect(list.orders.map(\.orderID) == [17, 18] && list.listClientOrderID == "F4QN4G8DlFATFlIUQ0cjdD")
        }
    }
}

enum BinanceAccountFixture: String, CaseIterable, CustomTestStringConvertible {
    case accountUpdate = "nautilus/futures/user_data_json/account_update.json"
    case accountUpdateCredits = "nautilus/futures/user_data_json/account_update_bnfcr.json"
    case accountPosition = "nautilus/spot/user_data_json/account_position.json"
    case accountPositionWrapped = "nautilus/spot/user_data_json/account_position_wrapped.json"
    case balanceUpdate = "nautilus/spot/user_data_json/balance_update.json"
    case balanceUpdateWrapped = "nautilus/spot/user_data_json/balance_update_wrapped.json"
    case futuresAccount = "nautilus/futures/http_json/account_info_v2.json"
    case futuresBalance = "nautilus/futures/http_json/balance.json"
    case positionRisk = "nautilus/futures/http_json/position_risk.json"
    case pyPositionsHedge = "nautilus/py_resources/http_responses/http_futures_account_positions_hedge.json"
    case pyPositionsOneWay = "nautilus/py_resources/http_responses/http_futures_account_positions_one_way.json"
    case pySymbolConfig = "nautilus/py_resources/http_responses/http_futures_account_symbol_config.json"
    case pyPositionMode = "nautilus/py_resources/http_responses/http_futures_account_position_side_dual.json"
    case spotAccount = "nautilus/spot/http_json/account_response.json"
    case pySpotAccount = "nautilus/py_resources/http_responses/http_spot_wallet_account.json"
    case pyCommissionBTC = "nautilus/py_resources/http_responses/http_futures_wallet_commission_rate_btcusdt.json"
    case pyCommissionBTCQuarterly =
        "nautilus/py_resources/http_responses/http_futures_wallet_commission_rate_btcusdt_quarterly.json"
    case pyCommissionETH = "nautilus/py_resources/http_responses/http_futures_wallet_commission_rate_ethusdt.json"
    case pyTradingFee = "nautilus/py_resources/http_responses/http_wallet_trading_fee.json"
    case pyTradingFees = "nautilus/py_resources/http_responses/http_wallet_trading_fees.json"

    var testDescription: String { rawValue }

    /// (asset, equity, available) per balance.
    static func expect(_ balances: [VenueBalance], _ expected: [(String, String, String)]) throws {
        #expect(balances.count == expected.count)
        for (balance, row) in zip(balances, expected) {
            let asset = try Asset(row.0)
            #expect(
                balance.currency == asset && balance.equity == Money(d(row.1), asset)
                    && balance.available == Money(d(row.2), asset)
            )
        }
    }

    /// (side, quantity, average price or nil) per position.
    static func expect(_ positions: [BinancePosition], _ expected: [(BinancePosition.Side, String, String?)]) {
        #expect(positions.map(\.side) == expected.map(\.0))
        #expect(positions.map(\.position.quantity) == expected.map { q($0.1) })
        #expect(positions.map(\.position.averagePrice) == expected.map { $0.2.map(p) })
    }

    func verify() throws {
        switch self {
        case .accountUpdate:
            let wire = try Fixtures.event(BinanceAccountUpdateWire.self, rawValue)
            try Self.expect(BinanceTranslator.balances(wire), [("USDT", "122624.12345678", "100.12345678")])
            Self.expect(
                try BinanceTranslator.positions(wire, market: .linear),
                [(.both, "0", nil), (.long, "20", "6563.6"), (.short, "-10", "6563.8")]
            )
            #expect(wire.update.reason == "ORDER")
        case .accountUpdateCredits:
            let wire = try Fixtures.event(BinanceAccountUpdateWire.self, rawValue)
            try Self.expect(BinanceTranslator.balances(wire), [("BNFCR", "5001.28983031", "5001.28983031")])
            #expect(wire.update.positions.isEmpty)
        case .accountPosition:
            try Self.expect(
                BinanceTranslator.balances(Fixtures.event(BinanceAccountPositionWire.self, rawValue)),
                [("USDT", "12500", "10000"), ("ETH", "5", "5")]
            )
        case .accountPositionWrapped:
            try Self.expect(
                BinanceTranslator.balances(Fixtures.event(BinanceAccountPositionWire.self, rawValue)),
                [("ETH", "10000", "10000")]
            )
        case .balanceUpdate, .balanceUpdateWrapped:
            let wire = try Fixtures.event(BinanceBalanceUpdateWire.self, rawValue)
            #expect(wire.asset == "BTC" && wire.delta.value == d(self == .balanceUpdate ? "0.001" : "100"))
        case .futuresAccount:
            let wire = try Fixtures.decode(BinanceFuturesAccountWire.self, rawValue)
            let balances = try BinanceTranslator.balances(wire)
            try Self.expect(balances, [("USDT", "23.72469206", "23.72469206")])
            #expect(balances[0].initialMargin == Money(0, .usdt) && balances[0].maintenanceMargin == Money(0, .usdt))
            Self.expect(try BinanceTranslator.positions(wire.positions, market: .linear), [(.both, "0", nil)])
        case .futuresBalance:
            try Self.expect(
                BinanceTranslator.balances(Fixtures.decode([BinanceFuturesBalanceWire].self, rawValue)),
                [("USDT", "122.12345678", "122.12345678")]
            )
        default:
            try verifyPositionsAndFees()
        }
    }

    func verifyPositionsAndFees() throws {
        switch self {
        case .positionRisk:
            let positions = try BinanceTranslator.positions(
                Fixtures.decode([BinancePositionRiskWire].self, rawValue),
                market: .linear
            )
            Self.expect(positions, [(.both, "0.001", "50000.0")])
        case .pyPositionsHedge:
            let positions = try BinanceTranslator.positions(
                Fixtures.decode([BinancePositionRiskWire].self, rawValue),
                market: .linear
            )
            Self.expect(positions, [(.long, "20.000", "6563.665"), (.short, "-10.000", nil)])
        case .pyPositionsOneWay:
            let positions = try BinanceTranslator.positions(
                Fixtures.decode([BinancePositionRiskWire].self, rawValue),
                market: .linear
            )
            Self.expect(positions, [(.both, "0", nil)])
        case .pySymbolConfig:
            let configs = try Fixtures.decode([BinanceSymbolConfigWire].self, rawValue)
            #expect(configs.map(\.leverage) == [20, 25] && configs.map(\.marginType) == ["CROSSED", "ISOLATED"])
        case .pyPositionMode:
            #expect(try Fixtures.decode(BinancePositionModeWire.self, rawValue).dualSidePosition)
        case .spotAccount, .pySpotAccount:
            let wire = try Fixtures.decode(BinanceSpotAccountWire.self, rawValue)
            try Self.expect(
                BinanceTranslator.balances(wire),
                [("BTC", "4723846.89208129", "4723846.89208129"), ("LTC", "4763368.68006011", "4763368.68006011")]
            )
            #expect(wire.makerCommission == 15 && wire.accountType == "SPOT")
        case .pyCommissionBTC, .pyCommissionBTCQuarterly, .pyCommissionETH:
            let rate = try Fixtures.decode(BinanceCommissionRateWire.self, rawValue)
            let symbol =
                switch self {
                case .pyCommissionBTC: "BTCUSDT"
                case .pyCommissionBTCQuarterly: "BTCUSDT_220325"
                default: "ETHUSDT"
                }
            #expect(rate.symbol == symbol && rate.maker?.value == d("0.0002") && rate.taker?.value == d("0.0005"))
        case .pyTradingFee:
            let fee = try Fixtures.decode(BinanceCommissionRateWire.self, rawValue)
            #expect(fee.symbol == "BTCUSDT" && fee.maker?.value == d("0.001") && fee.taker?.value == d("0.001"))
        default:
            let fees = try Fixtures.decode([BinanceCommissionRateWire].self, rawValue)
            #expect(fees.map(\.symbol) == ["BTCUSDT", "ETHUSDT"] && fees.allSatisfy { $0.maker?.value == d("0.001") })
        }
    }
}

@Suite struct BinanceAccountFixtureTests {
    @Test(arguments: BinanceOrderRESTFixture.allCases)
    func orderRESTFixture(_ fixture: BinanceOrderRESTFixture) throws {
        try fixture.verify()
    }

    @Test(arguments: BinanceAccountFixture.allCases)
    func accountFixture(_ fixture: BinanceAccountFixture) throws {
        try fixture.verify()
    }

    @Test func errorAnswersAreReportsOrTypedErrors() throws {
        // The error body Binance documents; codes from shared/reference/venues.md §4.
        let timestamp = try BinanceCodec.decode(
            BinanceErrorResponse.self,
            from: Data(#"{"code":-1021,"msg":"Timestamp for this request is outside of the recvWindow."}"#.utf8)
        )
        let orderID = try OrderID("O-1")
        #expect(throws: VenueError.venueError(venue: .binance, code: -1_021, message: timestamp.msg)) {
            try BinanceTranslator.reports(for: .place, orderID: orderID, error: timestamp, at: UnixNanos(0))
        }
        let tooMany = BinanceErrorResponse(code: -1_003, msg: "Too many requests.")
        #expect(
            BinanceTranslator.venueError(tooMany, at: UnixNanos(0))
                == .rateLimited(venue: .binance, retryAt: UnixNanos.seconds(60), message: "Too many requests.")
        )
        let wouldTake = BinanceErrorResponse(code: -5_022, msg: "Due to the order could not be executed as maker")
        #expect(
            try BinanceTranslator.reports(for: .place, orderID: orderID, error: wouldTake, at: UnixNanos(0))
                == [.rejected(orderID: orderID, reason: "-5022 Due to the order could not be executed as maker")]
        )
        let unknown = BinanceErrorResponse(code: -2_011, msg: "Unknown order sent.")
        #expect(
            try BinanceTranslator.reports(for: .cancel, orderID: orderID, error: unknown, at: UnixNanos(0))
                == [.cancelRejected(orderID: orderID, reason: "-2011 Unknown order sent.")]
        )
    }
}
