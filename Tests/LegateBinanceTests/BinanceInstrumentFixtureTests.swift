// Proves the Binance exchange-info fixtures become specs with the file's filters (PRICE_FILTER tick, LOT_SIZE step and
// minimum, MIN_NOTIONAL in the quote) and listing states, checked against base/quote/margin assets and, for dated
// futures, the delivery date; a symbol without filters is refused naming the missing one; `rateLimits` become the
// rate limiter (weight, orders, raw requests). The two real 2021 lists (cryptofeed) read in full.
import Foundation
import LegateCore
import LegateModel
import LegateSymbology
import LegateVenues
import Testing

@testable import LegateBinance

enum BinanceInstrumentFixture: String, CaseIterable, CustomTestStringConvertible {
    case spotDocs = "nautilus/spot/http_json/exchange_info_response.json"
    case spot = "nautilus/py_resources/http_responses/http_spot_market_exchange_info.json"
    case futures = "nautilus/py_resources/http_responses/http_futures_market_exchange_info.json"

    var testDescription: String { rawValue }

    var market: Market { self == .futures ? .linear : .spot }

    func info() throws -> BinanceExchangeInfoWire { try Fixtures.decode(BinanceExchangeInfoWire.self, rawValue) }

    func verify() throws {
        let info = try info()
        let (specs, refused) = BinanceTranslator.specs(info, market: market)
        switch self {
        case .spotDocs:
            // The docs example lists ETHBTC with no filters at all: no tick, no lot, no spec.
            #expect(specs.isEmpty && refused == [.missingField(field: "PRICE_FILTER.tickSize", in: "symbol ETHBTC")])
            #expect(
                try BinanceTranslator.rateLimiter(info.rateLimits).rules.isEmpty && info.serverTime == 1_565_246_363_776
            )
        case .spot:
            #expect(refused.isEmpty && specs.map(\.symbol) == ["BTCUSDT", "ETHUSDT"])
            let btc = specs[0]
            #expect(btc.instrument == .spot(Underlying(base: .btc, quote: .usdt)) && btc.listingState == .listed)
            #expect(btc.tickSize.base == d("0.01") && btc.lotSize == q("0.00001") && btc.minimumSize == q("0.00001"))
            #expect(btc.minimumNotional == Money(10, .usdt) && btc.effectiveFrom == ms(1_634_942_465_856))
            #expect(specs[1].lotSize == q("0.0001"))
            let rules = try BinanceTranslator.rateLimiter(info.rateLimits).rules
            #expect(
                rules.map(\.limit) == [
                    .window(limit: 1_200, windowNanos: 60_000_000_000), .window(limit: 50, windowNanos: 10_000_000_000),
                    .window(limit: 160_000, windowNanos: 86_400_000_000_000),
                    .window(limit: 6_100, windowNanos: 300_000_000_000),
                ]
            )
        case .futures:
            #expect(refused.isEmpty && specs.map(\.symbol) == ["BTCUSDT", "ETHUSDT", "BTCUSDT_220325"])
            let underlying = Underlying(base: .btc, quote: .usdt)
            #expect(specs[0].instrument == .perpetual(underlying, settlement: .linear(.usdt)))
            #expect(
                specs[0].tickSize.base == d("0.10") && specs[0].lotSize == q("0.001")
                    && specs[0].minimumNotional == Money(10, .usdt)
            )
            // 25 Mar 2022 08:00 UTC, as the name and deliveryDate both say.
            #expect(
                specs[2].instrument == .future(underlying, expiry: ms(1_648_195_200_000), settlement: .linear(.usdt))
            )
            #expect(specs[2].tickSize.base == d("0.1"))
            let rules = try BinanceTranslator.rateLimiter(info.rateLimits).rules
            #expect(
                rules.map(\.name) == [
                    "binance request_weight 6000 / 1 minute", "binance orders 1200 / 1 minute",
                    "binance orders 300 / 10 second",
                ]
            )
        }
    }
}

@Suite struct BinanceInstrumentFixtureTests {
    @Test(arguments: BinanceInstrumentFixture.allCases)
    func instrumentFixture(_ fixture: BinanceInstrumentFixture) throws {
        try fixture.verify()
    }

    static func recordedInfo(_ path: String) throws -> BinanceExchangeInfoWire {
        let response = try #require(try Fixtures.restResponses(path).first)
        return try BinanceCodec.decode(BinanceExchangeInfoWire.self, from: response.body)
    }

    @Test func theRecordedUSDMListReadsInFull() throws {
        let info = try Self.recordedInfo("cryptofeed/BINANCE_FUTURES.0")
        let (specs, refused) = BinanceTranslator.specs(info, market: .linear)
        #expect(specs.count == 122 && refused.isEmpty)
        let bySymbol = Dictionary(uniqueKeysWithValues: specs.map { ($0.symbol, $0) })
        let sushi = try #require(bySymbol["SUSHIUSDT"])
        #expect(sushi.tickSize.base == d("0.001") && sushi.lotSize == 1 && sushi.minimumNotional == Money(5, .usdt))
        let quarterly = try #require(bySymbol["BTCUSDT_210924"])
        #expect(quarterly.instrument.expiry == ms(1_632_470_400_000))
        #expect(
            bySymbol["BTCSTUSDT"]?.listingState == .preListing && bySymbol["BTCSTUSDT"]?.instrument.kind == .perpetual
        )
        // Orders: 300 per 10 s (and 1,200 per minute); request weight 2,400 per minute.
        var limiter = try BinanceTranslator.rateLimiter(info.rateLimits)
        for _ in 0..<300 { #expect(limiter.acquire(.trading, at: UnixNanos(0)) == .granted) }
        guard case .denied(_, let rule) = limiter.acquire(.trading, at: UnixNanos(0)) else {
            Issue.record("the 301st order in 10 s is denied")
            return
        }
        #expect(rule == "binance orders 300 / 10 second")
        #expect(
            limiter.acquire(.marketData, weight: 2_101, at: UnixNanos(0))
                == .denied(retryAt: UnixNanos.seconds(60), rule: "binance request_weight 2400 / 1 minute")
        )
    }

    @Test func theRecordedSpotListReadsInFull() throws {
        let info = try Self.recordedInfo("cryptofeed/BINANCE.0")
        let (specs, refused) = BinanceTranslator.specs(info, market: .spot)
        #expect(specs.count == 1_695 && refused.isEmpty)
        #expect(specs.filter { $0.listingState == .listed }.count == 1_262)
        #expect(specs.filter { $0.listingState == .suspended }.count == 433)
        let nkn = try #require(specs.first { $0.symbol == "NKNUSDT" })
        #expect(nkn.tickSize.base == d("0.0001") && nkn.lotSize == 1 && nkn.minimumNotional == Money(10, .usdt))
        let blz = try #require(specs.first { $0.symbol == "BLZETH" })
        #expect(
            blz.instrument == .spot(Underlying(base: try Asset("BLZ"), quote: .eth))
                && blz.minimumNotional == Money(d("0.005"), .eth)
        )
    }

    @Test func aFutureWhoseDeliveryContradictsItsNameIsRefused() throws {
        let text = String(decoding: try Fixtures.data(BinanceInstrumentFixture.futures.rawValue), as: UTF8.self)
            .replacingOccurrences(of: "1648195200000", with: "1648195200001")
        let info = try BinanceCodec.decode(BinanceExchangeInfoWire.self, from: Data(text.utf8))
        let (specs, refused) = BinanceTranslator.specs(info, market: .linear)
        #expect(specs.count == 2 && refused.count == 1)
        guard case .inconsistent(let what, _) = refused.first else {
            Issue.record("expected an inconsistency, got \(refused)")
            return
        }
        #expect(what == "BTCUSDT_220325")
    }
}
