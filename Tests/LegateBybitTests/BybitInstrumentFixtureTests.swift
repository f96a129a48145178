// Proves every Bybit instrument fixture (option, linear, inverse, spot, and the stock/commodity/xstock listings)
// becomes specs with the fixture's tick, lot, minimums and listing state, checked against its coins, contract type,
// expiry and right; the two option fixtures carry made-up delivery times and are refused, naming both dates.
import Foundation
import LegateCore
import LegateModel
import LegateSymbology
import LegateVenues
import Testing

@testable import LegateBybit

enum BybitInstrumentFixture: String, CaseIterable, CustomTestStringConvertible {
    case inverse = "http_get_instruments_inverse.json"
    case inverseSymbolType = "http_get_instruments_inverse_symbol_type.json"
    case linear = "http_get_instruments_linear.json"
    case linearSymbolType = "http_get_instruments_linear_symbol_type.json"
    case option = "http_get_instruments_option.json"
    case optionSymbolID = "http_get_instruments_option_symbol_id.json"
    case spot = "http_get_instruments_spot.json"
    case spotXStocks = "http_get_instruments_spot_xstocks.json"

    var testDescription: String { rawValue }

    var category: Market {
        switch self {
        case .inverse, .inverseSymbolType: .inverse
        case .linear, .linearSymbolType: .linear
        case .option, .optionSymbolID: .option
        case .spot, .spotXStocks: .spot
        }
    }

    func wires() throws -> [BybitInstrumentWire] { try Fixtures.list(BybitInstrumentWire.self, rawValue).list }

    func specs() throws -> [InstrumentSpec] {
        try wires().map { try BybitTranslator.spec($0, category: category) }
    }

    func verify() throws {
        switch self {
        case .inverse:
            let spec = try #require(try specs().first)
            #expect(spec.instrument == .perpetual(Underlying(base: .btc, quote: .usd), settlement: .inverse(.btc)))
            #expect(spec.contractUnit == .usd && spec.quoteCurrency == .usd)
            #expect(spec.tickSize.base == d("0.5") && spec.lotSize == 1 && spec.minimumSize == 1)
            #expect(spec.minimumNotional == nil && spec.listingState == .listed)
            #expect(spec.effectiveFrom == ms(1_699_980_000_000))
        case .inverseSymbolType:
            let spec = try #require(try specs().first)
            let brent = try Asset("BRENT")
            #expect(spec.instrument == .perpetual(Underlying(base: brent, quote: .usd), settlement: .inverse(brent)))
            #expect(spec.tickSize.base == d("0.01") && spec.lotSize == q("0.001"))
            #expect(spec.minimumNotional == Money(1, .usd))
            // launchTime "0": no listing date.
            #expect(spec.effectiveFrom == UnixNanos(0))
        case .linear:
            let specs = try specs()
            #expect(specs.map(\.symbol) == ["BTCUSDT", "ETHUSDT"])
            #expect(specs[0].instrument == .perpetual(Underlying(base: .btc, quote: .usdt), settlement: .linear(.usdt)))
            #expect(specs[0].tickSize.base == d("0.5") && specs[0].lotSize == q("0.001"))
            #expect(specs[0].minimumNotional == Money(5, .usdt) && specs[0].contractUnit == .btc)
            #expect(specs[1].tickSize.base == d("0.05") && specs[1].lotSize == q("0.01"))
            #expect(specs[1].minimumSize == q("0.01"))
        case .linearSymbolType:
            let spec = try #require(try specs().first)
            let tesla = try Asset("TSLA")
            #expect(spec.instrument == .perpetual(Underlying(base: tesla, quote: .usdt), settlement: .linear(.usdt)))
            #expect(spec.minimumNotional == Money(1, .usdt) && spec.tickSize.base == d("0.01"))
        case .option:
            let wire = try #require(try wires().first)
            #expect(wire.optionsType == "Put" && wire.priceFilter.tickSize.value == d("0.1"))
            try expectRefusedExpiry(wire, named: "2026-06-26T08:00:00Z")
        case .optionSymbolID:
            let wire = try #require(try wires().first)
            #expect(wire.symbolId == 99 && wire.quoteCoin == "USD" && wire.settleCoin == "USDC")
            try expectRefusedExpiry(wire, named: "2025-06-30T08:00:00Z")
        case .spot:
            let specs = try specs()
            #expect(specs[0].instrument == .spot(Underlying(base: .btc, quote: .usdt)))
            #expect(specs[0].tickSize.base == d("0.1") && specs[0].lotSize == q("0.0001"))
            #expect(specs[0].minimumSize == q("0.001") && specs[0].minimumNotional == Money(10, .usdt))
            #expect(specs[1].tickSize.base == d("0.01") && specs[1].lotSize == q("0.00001"))
        case .spotXStocks:
            let spec = try #require(try specs().first)
            #expect(spec.instrument == .spot(Underlying(base: try Asset("AAPL"), quote: .usdt)))
            // `xstockMultiplier` is not a contract multiplier of the order size: the spec keeps 1.
            #expect(spec.contractMultiplier == 1 && spec.lotSize == q("0.0001"))
            #expect(try wires().first?.xstockMultiplier?.value == d("0.1"))
        }
    }

    func expectRefusedExpiry(_ wire: BybitInstrumentWire, named expiry: String) throws {
        #expect {
            try BybitTranslator.spec(wire, category: .option)
        } throws: { error in
            guard case .inconsistent(let what, let reason) = error as? BybitParseError else { return false }
            return what == wire.symbol && reason.contains("symbol says expiry \(expiry)")
        }
    }
}

@Suite struct BybitInstrumentFixtureTests {
    @Test(arguments: BybitInstrumentFixture.allCases)
    func instrumentFixture(_ fixture: BybitInstrumentFixture) throws {
        try fixture.verify()
    }

    /// With its delivery time set to its name's expiry (26 Jun 2026 08:00 UTC), the option fixture is a full spec.
    @Test func optionWhoseDeliveryTimeAgreesIsASpec() throws {
        let text = try String(decoding: Fixtures.data(BybitInstrumentFixture.option.rawValue), as: UTF8.self)
        let corrected = Data(text.replacingOccurrences(of: "1780005000000", with: "1782460800000").utf8)
        let wire = try #require(
            try BybitCodec.decode(BybitResponse<BybitList<BybitInstrumentWire>>.self, from: corrected).result?.list
                .first
        )
        let spec = try BybitTranslator.spec(wire, category: .option)
        let expiry = ms(1_782_460_800_000)
        let underlying = Underlying(base: .eth, quote: .usdc)
        #expect(
            spec.instrument
                == .option(underlying, expiry: expiry, strike: 16_000, right: .put, settlement: .linear(.usdc))
        )
        #expect(spec.quoteCurrency == .usdc && spec.contractUnit == .eth)
        #expect(spec.tickSize.base == d("0.1") && spec.lotSize == 1 && spec.minimumSize == 1)
        // A call that the venue lists as a put is refused.
        let put = Data(
            String(decoding: corrected, as: UTF8.self).replacingOccurrences(of: "\"Put\"", with: "\"Call\"").utf8
        )
        let wrongRight = try #require(
            try BybitCodec.decode(BybitResponse<BybitList<BybitInstrumentWire>>.self, from: put).result?.list.first
        )
        #expect(throws: BybitParseError.self) { try BybitTranslator.spec(wrongRight, category: .option) }
    }

    @Test func aListingInTheWrongCategoryIsRefused() throws {
        let wires = try BybitInstrumentFixture.linear.wires()
        // BTCUSDT read as inverse: the symbology refuses it (inverse symbols end in USD).
        let (specs, refused) = BybitTranslator.specs(wires, category: .inverse)
        #expect(specs.isEmpty && refused.count == 2)
    }
}
