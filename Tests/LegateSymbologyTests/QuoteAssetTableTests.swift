// Proves that concatenated pairs are cut by the longest known quote suffix, that this reproduces every one of the
// 1,695 Binance spot pairs of 2021, and that a caller can add quote assets or pin a pair explicitly when a venue lists
// one the rule would cut wrongly.
import Foundation
import LegateCore
import LegateModel
import LegateSymbology
import Testing

private typealias V = TestValues

@Suite struct QuoteAssetTableTests {
    @Test func longestSuffixSplitsEveryBinanceSpotPairAsListed() throws {
        let spot = try Fixtures.instruments(.binance).filter { $0.market == "spot" }
        #expect(spot.count == 1_695)  // the nautilus examples (BTCUSDT, ETHUSDT, ETHBTC) are all in the 2021 list
        for row in spot {
            #expect(QuoteAssetTable.binanceSpot.split(row.symbol) == V.pair(row.base, row.quote), "\(row.symbol)")
        }
    }

    @Test func longerQuoteWinsOverItsOwnSuffix() {
        let table = QuoteAssetTable(quotes: [.usd, V.asset("BUSD"), .usdt])
        #expect(table.quotes.map(\.code) == ["BUSD", "USDT", "USD"])
        #expect(table.split("BTCBUSD") == V.pair("BTC", "BUSD"))
        #expect(table.split("BTCUSD") == V.pair("BTC", "USD"))
        #expect(table.split("USDTUSD") == V.pair("USDT", "USD"))
    }

    @Test func explicitPairsOverrideTheSuffixRule() {
        let pinned = QuoteAssetTable.binanceSpot.adding(quotes: [.usd], pairs: ["BTCBUSD": V.pair("BTCB", "USD")])
        #expect(pinned.split("BTCBUSD") == V.pair("BTCB", "USD"))
        #expect(pinned.split("ETHBUSD") == V.pair("ETH", "BUSD"))
        #expect(pinned.split("ETHUSD") == V.pair("ETH", "USD"))
    }

    @Test func textWithNoKnownQuoteOrNoBaseDoesNotSplit() {
        #expect(QuoteAssetTable.binanceSpot.split("BTCXYZ") == nil)
        #expect(QuoteAssetTable.binanceSpot.split("USDT") == nil)
        #expect(QuoteAssetTable.binanceSpot.split("btcusdt") == nil)
        #expect(QuoteAssetTable.binanceSpot.split("BTC-USDT") == nil)
        #expect(QuoteAssetTable.binanceSpot.split("") == nil)
    }

    @Test func venueParsersTakeACustomTable() throws {
        // Given a quote Bybit's default spot table does not know
        #expect(throws: SymbologyError.self) { try BybitSymbology.parse("ETHMNT", category: .spot) }
        let table = QuoteAssetTable.bybitSpot.adding(quotes: [V.asset("MNT")])
        // When the caller adds it, then the pair parses and formats back through the same table
        let pair = try BybitSymbology.parse("ETHMNT", category: .spot, quotes: table)
        #expect(pair == .spot(V.pair("ETH", "MNT")))
        #expect(try BybitSymbology.format(pair, quotes: table) == "ETHMNT")
        // And a USD-M quote table can add FDUSD-margined perpetuals
        let usdm = QuoteAssetTable.binanceUSDMargined.adding(quotes: [V.asset("FDUSD")])
        let perp = try BinanceSymbology.parse("BTCFDUSD", market: .linear, quotes: usdm)
        #expect(perp == .perpetual(V.pair("BTC", "FDUSD"), settlement: .linear(V.asset("FDUSD"))))
    }
}
