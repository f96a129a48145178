// Proves every Bybit market-data fixture decodes and translates with the file's values: REST and WebSocket books
// (with `u` and `seq`), linear and option tickers (marks, IVs as fractions, Greeks, funding), public and recent trades,
// funding history, and the two kline shapes (wire only: the model has no candles).
import Foundation
import LegateCore
import LegateModel
import LegateSymbology
import LegateVenues
import Testing

@testable import LegateBybit

enum BybitMarketFixture: String, CaseIterable, CustomTestStringConvertible {
    case restBook = "http_get_orderbook.json"
    case bookSnapshot = "ws_orderbook_snapshot.json"
    case bookDelta = "ws_orderbook_delta.json"
    case tickerLinear = "ws_ticker_linear.json"
    case tickerOption = "ws_ticker_option.json"
    case publicTrade = "ws_public_trade.json"
    case recentTrades = "http_get_trades_recent.json"
    case fundingHistory = "http_get_funding_history.json"
    case restKlines = "http_get_klines_linear.json"
    case kline = "ws_kline.json"

    var testDescription: String { rawValue }

    static let btcusdt = Instrument.perpetual(Underlying(base: .btc, quote: .usdt), settlement: .linear(.usdt))

    func verify() throws {
        switch self {
        case .restBook, .bookSnapshot, .bookDelta: try verifyBook()
        case .tickerLinear, .tickerOption: try verifyTicker()
        case .publicTrade, .recentTrades, .fundingHistory: try verifyTrades()
        case .restKlines:
            let klines = try Fixtures.result(BybitKlineListWire.self, rawValue)
            let row = try #require(klines.list.first)
            #expect(klines.symbol == "BTCUSDT" && row.start.value == 1_709_891_679_000)
            #expect(row.open.value == 27_450 && row.high.value == 27_460 && row.low.value == 27_440)
            #expect(row.close.value == 27_455 && row.volume.value == d("123.45") && row.turnover.value == 3_390_000)
        case .kline:
            let message = try Fixtures.topic([BybitKlineWire].self, rawValue)
            let candle = try #require(message.data.first)
            #expect(message.topic == "kline.5.BTCUSDT" && candle.interval == "5" && !candle.confirm)
            #expect(candle.open.value == d("16649.5") && candle.close.value == 16_677 && candle.low.value == 16_608)
            #expect(candle.volume.value == d("2.081") && candle.start == 1_672_324_800_000)
        }
    }

    func verifyBook() throws {
        switch self {
        case .restBook:
            let message = try BybitTranslator.bookSnapshot(
                Fixtures.result(BybitBookWire.self, rawValue),
                category: .linear
            )
            #expect(message.update.kind == .snapshot && message.update.instrument == Self.btcusdt)
            #expect(message.update.bids.map(\.price) == [p("27450.50"), p("27450.00"), p("27449.50")])
            #expect(message.update.asks.map(\.quantity) == [q("1.200"), q("3.000"), q("0.500")])
            #expect(message.updateID == 1_234_567 && message.crossSequence == 9_876_543)
            #expect(message.update.at == ms(1_709_891_679_000))
        case .bookSnapshot:
            let message = try BybitTranslator.bookMessage(
                Fixtures.topic(BybitBookWire.self, rawValue),
                category: .linear
            )
            #expect(message.isSnapshot && message.updateID == 123_456_789 && message.crossSequence == 987_654_321)
            #expect(
                message.update.bids == [
                    BookLevel(price: p("27450.00"), quantity: q("0.500")), BookLevel(price: p("27449.50"), quantity: 1),
                ]
            )
            #expect(message.update.sequence == BookSequence(first: 123_456_789, last: 123_456_789, previous: nil))
        default:
            let message = try BybitTranslator.bookMessage(
                Fixtures.topic(BybitBookWire.self, rawValue),
                category: .linear
            )
            #expect(!message.isSnapshot && message.updateID == 123_456_790 && message.crossSequence == 987_654_322)
            #expect(message.update.bids == [BookLevel(price: p("27450.00"), quantity: q("0.400"))])
            // Size "0" deletes the ask level.
            #expect(message.update.asks == [BookLevel(price: 27_451, quantity: .zero)])
            #expect(message.update.at == ms(1_709_891_679_500))
        }
    }

    func verifyTicker() throws {
        if self == .tickerLinear {
            let data = try BybitTranslator.marketData(Fixtures.topic(BybitTickerWire.self, rawValue), category: .linear)
            guard case .ticker(let ticker) = data[0], case .funding(let funding) = data[1] else {
                Issue.record("expected a ticker and a funding rate, got \(data)")
                return
            }
            #expect(ticker.markPrice == p("17217.33") && ticker.indexPrice == p("17227.36"))
            #expect(ticker.bestBid == BookLevel(price: p("17215.50"), quantity: q("84.489")))
            #expect(ticker.bestAsk == BookLevel(price: 17_216, quantity: q("83.020")))
            #expect(ticker.openInterest == q("68744.761") && ticker.at == ms(1_673_272_861_686))
            #expect(funding.rate == d("-0.000212") && funding.intervalNanos == 8 * 3_600 * 1_000_000_000)
            #expect(funding.nextFundingAt == ms(1_673_280_000_000))
            return
        }
        let data = try BybitTranslator.marketData(Fixtures.topic(BybitTickerWire.self, rawValue), category: .option)
        guard data.count == 1, case .ticker(let ticker) = data[0] else {
            Issue.record("an option ticker is one ticker, got \(data)")
            return
        }
        let expiry = ms(1_672_992_000_000)
        let underlying = Underlying(base: .btc, quote: .usdc)
        #expect(
            ticker.instrument
                == .option(underlying, expiry: expiry, strike: 17_500, right: .call, settlement: .linear(.usdc))
        )
        #expect(ticker.markPrice == p("7.86976724") && ticker.underlyingPrice == p("16815.1"))
        #expect(ticker.indexPrice == p("16823.73") && ticker.markImpliedVolatility == d("0.4896"))
        // Nobody bids (price and size 0): no bid level and no bid IV; the ask IV is already a fraction.
        #expect(ticker.bestBid == nil && ticker.bidImpliedVolatility == nil)
        #expect(ticker.bestAsk == BookLevel(price: 10, quantity: q("5.1")) && ticker.askImpliedVolatility == d("0.514"))
        #expect(
            ticker.greeks
                == VenueGreeks(
                    delta: d("0.047831"),
                    gamma: d("0.00021453"),
                    vega: d("0.81351067"),
                    theta: d("-19.9115368"),
                    rho: nil
                )
        )
        #expect(ticker.openInterest == q("49.85") && ticker.at == ms(1_672_917_511_074))
    }

    func verifyTrades() throws {
        switch self {
        case .publicTrade:
            let trades = try BybitTranslator.trades(
                Fixtures.topic([BybitPublicTradeWire].self, rawValue),
                category: .linear
            )
            #expect(
                trades == [
                    Trade(
                        venue: .bybit,
                        instrument: Self.btcusdt,
                        tradeID: "9dc75fca-4bdd-4773-9f78-6f5d7ab2a110",
                        price: 27_451,
                        quantity: q("0.010"),
                        aggressor: .buy,
                        at: ms(1_709_891_679_000)
                    )
                ]
            )
        case .recentTrades:
            let wires = try Fixtures.list(BybitRecentTradeWire.self, rawValue)
            let trade = try BybitTranslator.trade(try #require(wires.list.first), category: .linear)
            #expect(trade.tradeID == "a905d5c3-1ed0-4f37-83e4-9c73a2fe2f01" && trade.price == p("27450.50"))
            #expect(trade.quantity == q("0.005") && trade.aggressor == .buy && trade.at == ms(1_709_891_679_000))
        default:
            let list = try Fixtures.list(BybitFundingHistoryWire.self, rawValue)
            let rates = try BybitTranslator.fundingRates(list.list, category: .linear)
            #expect(rates.map(\.rate) == [d("0.0001"), d("0.00015")])
            #expect(rates.map(\.at) == [ms(1_709_884_800_000), ms(1_709_856_000_000)])
            #expect(rates.allSatisfy { $0.instrument == Self.btcusdt && $0.intervalNanos == nil })
        }
    }
}

@Suite struct BybitMarketFixtureTests {
    @Test(arguments: BybitMarketFixture.allCases)
    func marketFixture(_ fixture: BybitMarketFixture) throws {
        try fixture.verify()
    }

    @Test func aTickerDeltaLaidOverItsSnapshotTranslates() throws {
        let snapshot = try Fixtures.topic(BybitTickerWire.self, BybitMarketFixture.tickerLinear.rawValue)
        let text =
            #"{"topic":"tickers.BTCUSDT","type":"delta","ts":1673272861700,"#
            + #""data":{"symbol":"BTCUSDT","markPrice":"17218.00","bid1Price":"17216.00","bid1Size":"1.000"}}"#
        let delta = try BybitCodec.decode(BybitTopicMessage<BybitTickerWire>.self, from: Data(text.utf8))
        let merged = BybitTopicMessage(
            topic: delta.topic,
            type: delta.type,
            ts: delta.ts,
            id: nil,
            creationTime: nil,
            cs: nil,
            data: delta.data.laid(over: snapshot.data)
        )
        let data = try BybitTranslator.marketData(merged, category: .linear)
        guard case .ticker(let ticker) = data[0], case .funding(let funding) = data[1] else {
            Issue.record("expected a ticker and a funding rate, got \(data)")
            return
        }
        #expect(ticker.markPrice == p("17218.00") && ticker.bestBid == BookLevel(price: 17_216, quantity: 1))
        #expect(ticker.indexPrice == p("17227.36") && ticker.bestAsk == BookLevel(price: 17_216, quantity: q("83.020")))
        #expect(funding.rate == d("-0.000212") && ticker.at == ms(1_673_272_861_700))
    }

    @Test func aTickerDeltaWithoutMarkIsRefused() throws {
        let delta = Data(
            #"{"topic":"tickers.BTCUSDT","type":"delta","ts":1,"data":{"symbol":"BTCUSDT","bid1Price":"1"}}"#.utf8
        )
        let message = try BybitCodec.decode(BybitTopicMessage<BybitTickerWire>.self, from: delta)
        #expect(throws: BybitParseError.missingField(field: "markPrice", in: "tickers.BTCUSDT")) {
            try BybitTranslator.marketData(message, category: .linear)
        }
    }
}
