// Proves every Binance REST market-data fixture decodes with the file's values: depth snapshots (with lastUpdateId)
// and book tickers, premium index and funding history into marks and funding, trades into prints, and the answers
// with no model counterpart (klines, 24-hour tickers, prices, open interest, long/short and taker ratios, index
// composition, collateral index, ping and server time) read as sent.
import Foundation
import LegateCore
import LegateModel
import LegateSymbology
import LegateVenues
import Testing

@testable import LegateBinance

enum BinanceMarketRESTFixture: String, CaseIterable, CustomTestStringConvertible {
    case spotDepth = "nautilus/spot/http_json/depth_response.json"
    case pySpotDepth = "nautilus/py_resources/http_responses/http_spot_market_depth.json"
    case pyFuturesDepth = "nautilus/py_resources/http_responses/http_futures_market_depth.json"
    case spotBookTicker = "nautilus/spot/http_json/book_ticker_response.json"
    case pySpotBookTicker = "nautilus/py_resources/http_responses/http_spot_market_book_ticker.json"
    case pyFuturesBookTicker = "nautilus/py_resources/http_responses/http_futures_market_book_ticker.json"
    case premiumIndex = "nautilus/py_resources/http_responses/http_futures_market_premium_index.json"
    case fundingRate = "nautilus/py_resources/http_responses/http_futures_market_funding_rate.json"
    case pySpotAggTrades = "nautilus/py_resources/http_responses/http_spot_market_agg_trades.json"
    case pyFuturesAggTrades = "nautilus/py_resources/http_responses/http_futures_market_agg_trades.json"
    case spotTrades = "nautilus/spot/http_json/trades_response.json"
    case pySpotTrades = "nautilus/py_resources/http_responses/http_spot_market_trades.json"
    case pySpotHistoricalTrades = "nautilus/py_resources/http_responses/http_spot_market_historical_trades.json"
    case pyFuturesTrades = "nautilus/py_resources/http_responses/http_futures_market_trades.json"
    case pyFuturesHistoricalTrades = "nautilus/py_resources/http_responses/http_futures_market_historical_trades.json"
    case spotKlines = "nautilus/spot/http_json/klines_response.json"
    case pySpotKlines = "nautilus/py_resources/http_responses/http_spot_market_klines.json"
    case pyFuturesKlines = "nautilus/py_resources/http_responses/http_futures_market_klines.json"
    case pyContinuousKlines = "nautilus/py_resources/http_responses/http_futures_market_continuous_klines.json"
    case pyMarkPriceKlines = "nautilus/py_resources/http_responses/http_futures_market_mark_price_klines.json"
    case pyIndexPriceKlines = "nautilus/py_resources/http_responses/http_futures_market_index_price_klines.json"
    case pyNAVKlines = "nautilus/py_resources/http_responses/http_futures_market_blvt_nav_kline.json"
    case spotTicker24h = "nautilus/spot/http_json/ticker_24hr_response.json"
    case pyFuturesTicker24h = "nautilus/py_resources/http_responses/http_futures_market_ticker_24hr.json"
    case spotTickerPrice = "nautilus/spot/http_json/ticker_price_response.json"
    case pySpotTickerPrice = "nautilus/py_resources/http_responses/http_spot_market_ticker_price.json"
    case pyFuturesTickerPrice = "nautilus/py_resources/http_responses/http_futures_market_ticker_price.json"
    case spotAveragePrice = "nautilus/spot/http_json/avg_price_response.json"
    case pySpotAveragePrice = "nautilus/py_resources/http_responses/http_spot_market_avg_price.json"
    case openInterest = "nautilus/py_resources/http_responses/http_futures_market_open_interest.json"
    case openInterestHistory = "nautilus/py_resources/http_responses/http_futures_market_open_interest_historical.json"
    case globalLongShort =
        "nautilus/py_resources/http_responses/http_futures_market_global_long_short_account_ratio.json"
    case topAccountLongShort =
        "nautilus/py_resources/http_responses/http_futures_market_top_long_short_account_ratio.json"
    case topPositionLongShort =
        "nautilus/py_resources/http_responses/http_futures_market_top_long_short_position_ratio.json"
    case takerLongShort = "nautilus/py_resources/http_responses/http_futures_market_taker_long_short_ratio.json"
    case indexInfo = "nautilus/py_resources/http_responses/http_futures_market_index_info.json"
    case assetIndex = "nautilus/py_resources/http_responses/http_futures_market_asset_index.json"
    case spotPing = "nautilus/spot/http_json/ping_response.json"
    case pySpotPing = "nautilus/py_resources/http_responses/http_spot_market_ping.json"
    case spotServerTime = "nautilus/spot/http_json/server_time_response.json"
    case pySpotServerTime = "nautilus/py_resources/http_responses/http_spot_market_time.json"

    var testDescription: String { rawValue }

    static let received = UnixNanos.seconds(1_700_000_000)

    func verify() throws {
        switch self {
        case .spotDepth, .pySpotDepth, .pyFuturesDepth: try verifyDepth()
        case .spotBookTicker, .pySpotBookTicker, .pyFuturesBookTicker: try verifyBookTicker()
        case .premiumIndex, .fundingRate: try verifyFunding()
        case .pySpotAggTrades, .pyFuturesAggTrades, .spotTrades, .pySpotTrades, .pySpotHistoricalTrades,
            .pyFuturesTrades, .pyFuturesHistoricalTrades:
            try verifyTrades()
        case .spotKlines, .pySpotKlines, .pyFuturesKlines, .pyContinuousKlines, .pyMarkPriceKlines,
            .pyIndexPriceKlines, .pyNAVKlines:
            try verifyKlines()
        default: try verifyStatistics()
        }
    }

    func verifyDepth() throws {
        let wire = try Fixtures.decode(BinanceDepthSnapshotWire.self, rawValue)
        switch self {
        case .spotDepth:
            let book = try BinanceTranslator.depthSnapshot(
                wire,
                symbol: "LTCBTC",
                market: .spot,
                receivedAt: Self.received
            )
            #expect(
                book.kind == .snapshot
                    && book.sequence == BookSequence(first: 1_027_024, last: 1_027_024, previous: nil)
            )
            #expect(
                book.bids == [BookLevel(price: 4, quantity: 431)]
                    && book.asks == [BookLevel(price: p("4.000002"), quantity: 12)]
            )
            #expect(book.at == Self.received)
        case .pySpotDepth:
            let book = try BinanceTranslator.depthSnapshot(
                wire,
                symbol: "BTCUSDT",
                market: .spot,
                receivedAt: Self.received
            )
            #expect(book.sequence.last == 14_527_958_487 && book.bids.count == 10 && book.asks.count == 10)
            #expect(book.bids.first == BookLevel(price: 60_650, quantity: q("0.00213")))
            #expect(book.asks.first == BookLevel(price: p("60650.01"), quantity: q("0.61982")))
        default:
            let book = try BinanceTranslator.depthSnapshot(
                wire,
                symbol: "BTCUSDT",
                market: .linear,
                receivedAt: Self.received
            )
            #expect(book.sequence.last == 1_027_024 && book.at == ms(1_589_436_922_959))
            #expect(book.instrument == .perpetual(Underlying(base: .btc, quote: .usdt), settlement: .linear(.usdt)))
        }
    }

    func verifyBookTicker() throws {
        let wire = try Fixtures.decode(BinanceRESTBookTickerWire.self, rawValue)
        switch self {
        case .spotBookTicker:
            let top = try BinanceTranslator.topOfBook(wire, market: .spot)
            #expect(top.instrument == .spot(Underlying(base: try Asset("LTC"), quote: .btc)) && top.at == nil)
            #expect(
                top.bid == BookLevel(price: 4, quantity: 431) && top.ask == BookLevel(price: p("4.000002"), quantity: 9)
            )
        case .pySpotBookTicker:
            let top = try BinanceTranslator.topOfBook(wire, market: .spot)
            #expect(top.bid == BookLevel(price: p("60741.67"), quantity: q("0.3658")))
            #expect(top.ask == BookLevel(price: p("60741.68"), quantity: q("0.45178")))
        default:
            let top = try BinanceTranslator.topOfBook(wire, market: .linear)
            #expect(top.bid == BookLevel(price: 4, quantity: 431) && top.at == ms(1_589_437_530_011))
        }
    }

    func verifyFunding() throws {
        if self == .premiumIndex {
            let data = try BinanceTranslator.marketData(Fixtures.decode(BinancePremiumIndexWire.self, rawValue))
            guard case .ticker(let ticker) = data[0], case .funding(let funding) = data[1] else {
                Issue.record("expected a ticker and a funding rate, got \(data)")
                return
            }
            #expect(ticker.markPrice == p("11793.63104562") && ticker.indexPrice == p("11781.80495970"))
            #expect(funding.rate == d("0.00038246") && funding.nextFundingAt == ms(1_597_392_000_000))
            #expect(funding.at == ms(1_597_370_495_002))
            return
        }
        let rates = try BinanceTranslator.fundingRates(Fixtures.decode([BinanceFundingRateWire].self, rawValue))
        #expect(rates.map(\.rate) == [d("-0.0375"), d("0.0001")])
        #expect(rates.map(\.at) == [ms(1_570_608_000_000), ms(1_570_636_800_000)])
    }

    func verifyTrades() throws {
        let trades: [Trade]
        switch self {
        case .pySpotAggTrades, .pyFuturesAggTrades:
            let market: Market = self == .pySpotAggTrades ? .spot : .linear
            trades = try Fixtures.decode([BinanceAggTradeWire].self, rawValue).map {
                try BinanceTranslator.trade($0, symbol: "BTCUSDT", market: market)
            }
        default:
            let market: Market = [.pyFuturesTrades, .pyFuturesHistoricalTrades].contains(self) ? .linear : .spot
            let symbol = self == .spotTrades ? "LTCBTC" : "BTCUSDT"
            trades = try Fixtures.decode([BinanceRESTTradeWire].self, rawValue).map {
                try BinanceTranslator.trade($0, symbol: symbol, market: market)
            }
        }
        let first = try #require(trades.first)
        switch self {
        case .pySpotAggTrades:
            #expect(trades.count == 10 && first.tradeID == "966492862" && first.aggressor == .buy)
            #expect(first.price == p("60759.6") && first.quantity == q("0.00841") && first.at == ms(1_634_944_096_633))
        case .pyFuturesAggTrades:
            #expect(first.tradeID == "26129" && first.price == p("0.01633102") && first.aggressor == .sell)
        case .pySpotTrades:
            #expect(
                trades.count == 10 && first.tradeID == "1111468873" && first.price == 60_650 && first.aggressor == .sell
            )
            #expect(trades.last?.price == p("60654.99"))
        case .pySpotHistoricalTrades:
            #expect(trades.count == 10 && first.tradeID == "1111471896" && trades.last?.aggressor == .buy)
            #expect(first.quantity == q("0.00034") && first.at == ms(1_634_943_219_887))
        default:
            #expect(trades.count == 1 && first.tradeID == "28457" && first.price == p("4.000001"))
            #expect(first.quantity == 12 && first.aggressor == .sell && first.at == ms(1_499_865_549_590))
        }
    }

    func verifyKlines() throws {
        let rows = try Fixtures.decode([BinanceKlineRow].self, rawValue)
        let first = try #require(rows.first)
        let expected: (count: Int, open: Int64, close: String, trades: Int64) =
            switch self {
            case .spotKlines, .pyFuturesKlines: (1, 1_499_040_000_000, "0.01577100", 308)
            case .pySpotKlines: (10, 1_634_943_780_000, "60719.27", 617)
            case .pyContinuousKlines: (1, 1_607_444_700_000, "18896.13", 1_874)
            case .pyMarkPriceKlines: (1, 1_591_256_460_000, "9653.07367333", 60)
            case .pyIndexPriceKlines: (1, 1_591_256_400_000, "9651.55200000", 60)
            default: (1, 1_598_371_200_000, "5.99403551", 6_209)
            }
        #expect(rows.count == expected.count && first.openTime == expected.open)
        #expect(first.close.value == d(expected.close) && first.tradeCount == expected.trades)
    }

    func verifyStatistics() throws {
        switch self {
        case .spotTicker24h, .pyFuturesTicker24h:
            let ticker = try Fixtures.decode(BinanceRESTDailyTickerWire.self, rawValue)
            #expect(ticker.lastPrice.value == d("4.00000200") && ticker.count == 76)
            #expect((ticker.bidPrice?.value) == (self == .spotTicker24h ? 4 : nil))
        case .spotTickerPrice, .pySpotTickerPrice, .pyFuturesTickerPrice, .spotAveragePrice, .pySpotAveragePrice:
            let price = try Fixtures.decode(BinancePriceWire.self, rawValue)
            let expected: String =
                switch self {
                case .spotTickerPrice: "4.00000200"
                case .pySpotTickerPrice: "60740"
                case .pyFuturesTickerPrice: "6000.01"
                case .spotAveragePrice: "9.35751834"
                default: "60753.92405551"
                }
            #expect(price.price.value == d(expected))
            #expect(price.mins == ([.spotAveragePrice, .pySpotAveragePrice].contains(self) ? 5 : nil))
        case .openInterest:
            let interest = try Fixtures.decode(BinanceOpenInterestWire.self, rawValue)
            #expect(interest.openInterest.value == d("10659.509") && interest.time == 1_589_437_530_011)
        case .openInterestHistory:
            let rows = try Fixtures.decode([BinanceOpenInterestHistoryWire].self, rawValue)
            #expect(rows.map(\.sumOpenInterest.value) == [d("20403.637"), d("20401.367")])
            #expect(rows.first?.timestamp.value == 1_583_127_900_000)
        default:
            try verifyRatiosAndSession()
        }
    }

    func verifyRatiosAndSession() throws {
        switch self {
        case .globalLongShort, .topAccountLongShort, .topPositionLongShort:
            let rows = try Fixtures.decode([BinanceLongShortRatioWire].self, rawValue)
            let first: String =
                switch self {
                case .globalLongShort: "0.1960"
                case .topAccountLongShort: "1.8105"
                default: "1.4342"
                }
            #expect(
                rows.count == 2 && rows[0].longShortRatio.value == d(first)
                    && rows[0].timestamp.value == 1_583_139_600_000
            )
        case .takerLongShort:
            let rows = try Fixtures.decode([BinanceTakerRatioWire].self, rawValue)
            #expect(
                rows.map(\.buySellRatio.value) == [d("1.5586"), d("1.3104")] && rows[0].sellVol.value == d("248.503")
            )
        case .indexInfo:
            let index = try #require(try Fixtures.decode([BinanceIndexInfoWire].self, rawValue).first)
            #expect(index.symbol == "DEFIUSDT" && index.baseAssetList.map(\.baseAsset) == ["BAL", "BAND"])
            #expect(index.baseAssetList[1].weightInPercentage.value == d("0.039352"))
        case .assetIndex:
            let index = try Fixtures.decode(BinanceAssetIndexWire.self, rawValue)
            #expect(
                index.symbol == "ADAUSD" && index.index.value == d("1.9295737")
                    && index.askRate.value == d("2.12253107")
            )
        case .spotPing, .pySpotPing:
            #expect(try Fixtures.decode([String: String].self, rawValue).isEmpty)
        default:
            let time = try Fixtures.decode(BinanceServerTimeWire.self, rawValue)
            #expect(time.serverTime == (self == .spotServerTime ? 1_499_827_319_559 : 1_633_835_466_289))
        }
    }
}

@Suite struct BinanceMarketRESTFixtureTests {
    @Test(arguments: BinanceMarketRESTFixture.allCases)
    func marketRESTFixture(_ fixture: BinanceMarketRESTFixture) throws {
        try fixture.verify()
    }
}
