// Proves every Binance market-stream fixture (USD-M and spot, bare and combined-stream wrapped) decodes and
// translates with the file's values: diff-depth events with U/u/pu, book tickers, mark price with funding, trades and
// aggregate trades (the taker's side from "buyer is maker"), and the streams with no model counterpart (klines,
// 24-hour tickers, liquidation orders) read as sent.
import Foundation
import LegateCore
import LegateModel
import LegateSymbology
import LegateVenues
import Testing

@testable import LegateBinance

enum BinanceStreamFixture: String, CaseIterable, CustomTestStringConvertible {
    case aggTrade = "nautilus/futures/market_data_json/agg_trade_stream.json"
    case bookTicker = "nautilus/futures/market_data_json/book_ticker_stream.json"
    case depthUpdate = "nautilus/futures/market_data_json/depth_update_stream.json"
    case klineClosed = "nautilus/futures/market_data_json/kline_stream_closed.json"
    case klineOpen = "nautilus/futures/market_data_json/kline_stream_open.json"
    case liquidation = "nautilus/futures/market_data_json/liquidation_stream.json"
    case markPrice = "nautilus/futures/market_data_json/mark_price_stream.json"
    case ticker = "nautilus/futures/market_data_json/ticker_stream.json"
    case trade = "nautilus/futures/market_data_json/trade_stream.json"
    case pyFuturesBookTicker = "nautilus/py_resources/ws_messages/ws_futures_book_ticker.json"
    case pyFuturesDepthDiff = "nautilus/py_resources/ws_messages/ws_futures_depth_diff_update.json"
    case pyFuturesDepth = "nautilus/py_resources/ws_messages/ws_futures_depth_update.json"
    case pyFuturesTicker = "nautilus/py_resources/ws_messages/ws_futures_ticker_24hr.json"
    case pySpotAggTrade = "nautilus/py_resources/ws_messages/ws_spot_agg_trade.json"
    case pySpotTicker = "nautilus/py_resources/ws_messages/ws_spot_ticker_24hr.json"
    case pySpotBookTicker = "nautilus/py_resources/ws_messages/ws_spot_ticker_book.json"
    case pySpotTrade = "nautilus/py_resources/ws_messages/ws_spot_trade.json"

    var testDescription: String { rawValue }

    static let btcusdt = Instrument.perpetual(Underlying(base: .btc, quote: .usdt), settlement: .linear(.usdt))
    static let ethusdtSpot = Instrument.spot(Underlying(base: .eth, quote: .usdt))

    func verify() throws {
        switch self {
        case .aggTrade, .pySpotAggTrade, .trade, .pySpotTrade: try verifyTrade()
        case .bookTicker, .pyFuturesBookTicker, .pySpotBookTicker: try verifyBookTicker()
        case .depthUpdate, .pyFuturesDepthDiff, .pyFuturesDepth: try verifyDepth()
        case .markPrice:
            let data = try BinanceTranslator.marketData(Fixtures.event(BinanceMarkPriceWire.self, rawValue))
            guard case .ticker(let ticker) = data[0], case .funding(let funding) = data[1] else {
                Issue.record("expected a ticker and a funding rate, got \(data)")
                return
            }
            #expect(ticker.instrument == Self.btcusdt && ticker.markPrice == p("11794.15000000"))
            #expect(ticker.indexPrice == p("11784.62659091") && ticker.at == ms(1_562_305_380_000))
            #expect(funding.rate == d("0.00038167") && funding.nextFundingAt == ms(1_562_306_400_000))
        case .klineClosed, .klineOpen:
            let event = try Fixtures.event(BinanceKlineEventWire.self, rawValue)
            #expect(event.kline.isClosed == (self == .klineClosed) && event.kline.interval == "1m")
            #expect(event.kline.low.value == d(self == .klineClosed ? "0.0010" : "0.0015"))
            #expect(event.kline.high.value == d("0.0025") && event.kline.tradeCount == 100)
        case .liquidation:
            let event = try Fixtures.event(BinanceLiquidationWire.self, rawValue)
            #expect(event.order.side == "SELL" && event.order.quantity.value == d("0.014"))
            #expect(event.order.averagePrice.value == d("9910.12345678") && event.order.status == "FILLED")
        case .ticker, .pyFuturesTicker, .pySpotTicker:
            let event = try Fixtures.event(BinanceDailyTickerWire.self, rawValue)
            let expected: (String, String, Int64) =
                switch self {
                case .ticker: ("BTCUSDT", "16584.60000000", 142_853)
                case .pyFuturesTicker: ("BTCUSDT", "0.0025", 18_151)
                default: ("BNBBTC", "0.0025", 18_151)
                }
            #expect(
                event.symbol == expected.0 && event.lastPrice.value == d(expected.1) && event.tradeCount == expected.2
            )
            #expect((event.bidPrice?.value) == (self == .pySpotTicker ? d("0.0024") : nil))
        }
    }

    func verifyTrade() throws {
        let trade: Trade
        switch self {
        case .aggTrade:
            trade = try BinanceTranslator.trade(Fixtures.event(BinanceAggTradeWire.self, rawValue), market: .linear)
        case .pySpotAggTrade:
            trade = try BinanceTranslator.trade(Fixtures.event(BinanceAggTradeWire.self, rawValue), market: .spot)
        case .trade:
            trade = try BinanceTranslator.trade(Fixtures.event(BinanceTradeEventWire.self, rawValue), market: .linear)
        default:
            trade = try BinanceTranslator.trade(Fixtures.event(BinanceTradeEventWire.self, rawValue), market: .spot)
        }
        switch self {
        case .aggTrade, .trade:
            // The buyer made the market: the taker sold.
            let expected = Trade(
                venue: .binance,
                instrument: Self.btcusdt,
                tradeID: "5933014",
                price: p("0.001"),
                quantity: 100,
                aggressor: .sell,
                at: ms(123_456_785)
            )
            #expect(trade == expected)
        case .pySpotAggTrade:
            #expect(trade.instrument == Self.ethusdtSpot && trade.tradeID == "226532" && trade.aggressor == .buy)
            #expect(trade.price == p("1632.46") && trade.quantity == q("0.34305") && trade.at == ms(1_675_759_520_847))
        default:
            #expect(trade.instrument == Self.ethusdtSpot && trade.tradeID == "705291099" && trade.aggressor == .sell)
            #expect(trade.price == p("4149.74") && trade.quantity == q("0.4387") && trade.at == ms(1_639_351_062_243))
        }
    }

    func verifyBookTicker() throws {
        let wire = try Fixtures.event(BinanceBookTickerWire.self, rawValue)
        if self == .pySpotBookTicker {
            let top = try BinanceTranslator.topOfBook(wire, market: .spot)
            #expect(top.instrument == Self.ethusdtSpot && top.updateID == 12_711_621_188)
            #expect(top.bid == BookLevel(price: p("4507.24"), quantity: q("2.3595")))
            #expect(top.ask == BookLevel(price: p("4507.25"), quantity: q("2.8457")) && top.at == ms(1_646_199_228_121))
            return
        }
        let top = try BinanceTranslator.topOfBook(wire, market: .linear)
        let bnb = try Asset("BNB")
        #expect(top.instrument == .perpetual(Underlying(base: bnb, quote: .usdt), settlement: .linear(.usdt)))
        #expect(top.bid == BookLevel(price: p("25.3519"), quantity: q("31.21")) && top.updateID == 400_900_217)
        #expect(top.ask == BookLevel(price: p("25.3652"), quantity: q("40.66")) && top.at == ms(1_568_014_460_891))
    }

    func verifyDepth() throws {
        let update = try BinanceTranslator.depthUpdate(
            Fixtures.event(BinanceDepthUpdateWire.self, rawValue),
            market: .linear
        )
        #expect(update.kind == .delta && update.instrument == Self.btcusdt)
        if self == .pyFuturesDepth {
            #expect(update.sequence == BookSequence(first: 390_497_796, last: 390_497_878, previous: 390_497_794))
            #expect(update.bids.count == 5 && update.asks.count == 5 && update.at == ms(1_571_889_248_276))
            #expect(update.bids.first == BookLevel(price: p("7403.89"), quantity: q("0.002")))
            #expect(update.asks.last == BookLevel(price: p("7407.20"), quantity: q("0.175")))
            return
        }
        #expect(update.sequence == BookSequence(first: 157, last: 160, previous: 149))
        #expect(
            update.bids == [BookLevel(price: p("0.0024"), quantity: 10)]
                && update.asks == [BookLevel(price: p("0.0026"), quantity: 100)]
        )
        #expect(update.at == ms(123_456_788))
    }
}

@Suite struct BinanceStreamFixtureTests {
    @Test(arguments: BinanceStreamFixture.allCases)
    func streamFixture(_ fixture: BinanceStreamFixture) throws {
        try fixture.verify()
    }

    @Test func eventsAreRoutedByTheirTypeInAnyWrapping() throws {
        let bare = try Fixtures.decode(BinanceEventHeader.self, BinanceStreamFixture.markPrice.rawValue)
        #expect(bare.eventType == "markPriceUpdate" && bare.symbol == "BTCUSDT")
        let combined = try Fixtures.event(BinanceEventHeader.self, BinanceStreamFixture.pySpotTrade.rawValue)
        #expect(combined.eventType == "trade")
        let wrapped = try Fixtures.decode(
            BinanceEvent<BinanceEventHeader>.self,
            "nautilus/spot/user_data_json/balance_update_wrapped.json"
        )
        #expect(wrapped.subscriptionID == 0 && wrapped.payload.eventType == "balanceUpdate")
    }
}
