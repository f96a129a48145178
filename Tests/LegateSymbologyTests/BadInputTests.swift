// Proves that every parser turns bad text (empty, lower-case, bad month, day 32, 30 February, non-numeric, zero or
// negative strikes, missing parts, trailing text, unknown suffixes and quote assets) into a SymbologyError that names
// the venue and the text and says what is wrong, and that no input, including seeded random mutations of every real
// name, crashes a parser or is accepted in a form that does not format back to itself.
import Foundation
import LegateCore
import LegateModel
import LegateSymbology
import Testing

@Suite struct BadInputTests {
    enum Kind: String, Sendable {
        case malformed, invalidExpiry, invalidStrike, unknownQuoteAsset, unsupportedCombo
    }

    /// (venue, market, text, the error kind, a fragment the reason must contain)
    static let cases: [(Venue, Market?, String, Kind, String)] = [
        // Deribit
        (.deribit, nil, "", .malformed, "empty"),
        (.deribit, nil, "btc-27DEC24-60000-C", .malformed, "upper-case"),
        (.deribit, nil, "BTC-27dec24-60000-C", .invalidExpiry, "month \"dec\""),
        (.deribit, nil, "BTC-27DXC24-1-C", .invalidExpiry, "month \"DXC\" is not valid"),
        (.deribit, nil, "BTC-32DEC24-1-C", .invalidExpiry, "day 32 is not valid"),
        (.deribit, nil, "BTC-30FEB24-1-C", .invalidExpiry, "day 30 is not valid in FEB 2024"),
        (.deribit, nil, "BTC-29FEB23-1-C", .invalidExpiry, "day 29 is not valid in FEB 2023"),
        (.deribit, nil, "BTC-0DEC24-1-C", .invalidExpiry, "leading zero"),
        (.deribit, nil, "BTC-06AUG21-40000-C", .invalidExpiry, "leading zero"),
        (.deribit, nil, "BTC-27DEC2024-1-C", .invalidExpiry, "more than two digits"),
        (.deribit, nil, "BTC-27DEC-1-C", .invalidExpiry, "two-digit year"),
        (.deribit, nil, "BTC-27DÉC24-1-C", .invalidExpiry, "is not valid"),
        (.deribit, nil, "BTC-27DEC24-abc-C", .invalidStrike, "is not a number"),
        (.deribit, nil, "BTC-27DEC24-6000O-C", .invalidStrike, "'O' at offset 16"),
        (.deribit, nil, "BTC-27DEC24-0-C", .invalidStrike, "must be positive"),
        (.deribit, nil, "BTC-27DEC24--1-C", .invalidStrike, "strike missing"),
        (.deribit, nil, "BTC-27DEC24-060000-C", .invalidStrike, "leading zero"),
        (.deribit, nil, "BTC-27DEC24-1234567890123456789-C", .invalidStrike, "too many digits"),
        (.deribit, nil, "XRP_USDC-27DEC24-0.625-C", .invalidStrike, "writes the decimal point as 'd'"),
        (.deribit, nil, "XRP_USDC-27DEC24-0d6250-C", .invalidStrike, "trailing zero"),
        (.deribit, nil, "XRP_USDC-27DEC24-d625-C", .invalidStrike, "no integer part"),
        (.deribit, nil, "XRP_USDC-27DEC24-0d-C", .invalidStrike, "no digits after"),
        (.deribit, nil, "XRP_USDC-27DEC24-0d6d2-C", .invalidStrike, "is not a number"),
        (.deribit, nil, "BTC-27DEC24-60000", .malformed, "after the strike"),
        (.deribit, nil, "BTC-27DEC24-60000-X", .malformed, "C or P"),
        (.deribit, nil, "BTC-27DEC24-60000-C-", .malformed, "unexpected \"-\""),
        (.deribit, nil, "BTC-27DEC24-60000-CALL", .malformed, "unexpected \"ALL\""),
        (.deribit, nil, "BTC-27DEC24-60000-C\n", .malformed, "after the option right"),
        (.deribit, nil, "BTC-PERPETUALS", .malformed, "\"PERPETUALS\""),
        (.deribit, nil, "BTC-PERPETUAL-", .malformed, "after PERPETUAL"),
        (.deribit, nil, "BTC", .malformed, "a currency alone"),
        (.deribit, nil, "BTC-", .malformed, "found end of text"),
        (.deribit, nil, "BTC_", .malformed, "quote currency code"),
        (.deribit, nil, " BTC-PERPETUAL", .malformed, "' ' at offset 0"),
        (.deribit, nil, "BTCTOOLONGCOINCODE-PERPETUAL", .malformed, "length is not 1...16"),
        (.deribit, nil, "BTC-COMBO-1", .malformed, "\"COMBO\""),
        (.deribit, nil, "BTC-CSR12-16JAN26-88000_92000", .unsupportedCombo, "CSR12"),
        (.deribit, nil, "BTC-CS-19MAY26-70000", .malformed, "first strike of CS"),
        (.deribit, nil, "BTC-CS-19MAY26-70000_70000", .invalidStrike, "both strikes"),
        (.deribit, nil, "BTC-STRG-19MAY26-79000_74000", .invalidStrike, "must be below"),
        (.deribit, nil, "BTC-FS-19MAY26_19MAY26", .malformed, "the same"),
        (.deribit, nil, "BTC-FS-19MAY26_PERPX", .malformed, "PERPX"),
        (.deribit, nil, "BTC-CCAL-26JUN26_19JUN26", .malformed, "after the calendar's expiries"),
        // OKX
        (.okx, nil, "", .malformed, "empty"),
        (.okx, nil, "btc-usdt", .malformed, "upper-case"),
        (.okx, nil, "BTC", .malformed, "after the base currency"),
        (.okx, nil, "BTC-", .malformed, "quote currency code"),
        (.okx, nil, "BTC-USD-SWAPX", .malformed, "unknown contract suffix \"SWAPX\""),
        (.okx, nil, "BTC-USD-PERP", .malformed, "unknown contract suffix \"PERP\""),
        (.okx, nil, "BTC-USD-241327", .invalidExpiry, "month 13"),
        (.okx, nil, "BTC-USD-241232", .invalidExpiry, "day 32"),
        (.okx, nil, "BTC-USD-240230", .invalidExpiry, "day 30 is not valid in FEB 2024"),
        (.okx, nil, "BTC-USD-24122", .invalidExpiry, "YYMMDD"),
        (.okx, nil, "BTC-USD-2412270", .invalidExpiry, "YYMMDD"),
        (.okx, nil, "BTC-USD-241227-abc-C", .invalidStrike, "is not a number"),
        (.okx, nil, "BTC-USD-241227-0-C", .invalidStrike, "must be positive"),
        (.okx, nil, "BTC-USD-241227--5-C", .invalidStrike, "strike missing"),
        (.okx, nil, "BTC-USD-241227-60000-X", .malformed, "C or P"),
        (.okx, nil, "BTC-USD-241227-60000", .malformed, "after the strike"),
        (.okx, nil, "BTC-USD-241227-60000-C-USDT", .malformed, "unexpected \"-USDT\""),
        (.okx, nil, "BTC-USDT_ETH-USDT-SWAP", .malformed, "different base"),
        (.okx, nil, "BTC-USDT_BTC-USDT", .malformed, "the same"),
        (.okx, nil, "BTC-USD_UM-SWAP", .malformed, "different base"),
        (.okx, nil, "BTC-USDT_", .malformed, "base currency code"),
        (.okx, nil, "_BTC-USDT", .malformed, "base currency code"),
        // Bybit
        (.bybit, .spot, "", .malformed, "empty"),
        (.bybit, .spot, "btcusdt", .malformed, "upper-case"),
        (.bybit, .spot, "BTCXYZ", .unknownQuoteAsset, "no known quote asset"),
        (.bybit, .spot, "USDT", .unknownQuoteAsset, "no known quote asset"),
        (.bybit, .spot, "BTC-USDT", .malformed, "unexpected \"-USDT\""),
        (.bybit, .linear, "BTCEUR", .unknownQuoteAsset, "\"BTCEUR\""),
        (.bybit, .linear, "BTCUSDT-27DXC24", .invalidExpiry, "DXC"),
        (.bybit, .linear, "BTCUSDT-32DEC24", .invalidExpiry, "day 32"),
        (.bybit, .linear, "BTCUSDT-27DEC24X", .malformed, "after the expiry"),
        (.bybit, .inverse, "BTCUSDT", .malformed, "BASEUSD"),
        (.bybit, .inverse, "BTCUSDA24", .malformed, "month code"),
        (.bybit, .inverse, "BTCUSDZ2", .malformed, "BASEUSD"),
        (.bybit, .inverse, "BTCUSDZ245", .malformed, "BASEUSD"),
        (.bybit, .option, "BTC-30JUN25-100000-C-USDC", .malformed, "unknown settle suffix \"USDC\""),
        (.bybit, .option, "BTC-30JUN25-100000", .malformed, "after the strike"),
        (.bybit, .option, "BTC-31JUN25-100000-C", .invalidExpiry, "day 31 is not valid in JUN 2025"),
        (.bybit, .option, "BTC-30JUN25-0-C", .invalidStrike, "must be positive"),
        (.bybit, .option, "BTC-30JUN25-1e5-C", .invalidStrike, "is not a number"),
        (.bybit, .option, "BTC-30JUN25-100d5-C", .invalidStrike, "writes the decimal point as '.'"),
        (.bybit, .option, "BTC-30JUN25--5-C", .invalidStrike, "strike missing"),
        (.bybit, .option, "BTC-30FEB25-1-C", .invalidExpiry, "day 30 is not valid in FEB 2025"),
        (.bybit, .option, "BTC-30JUX25-1-C", .invalidExpiry, "month \"JUX\""),
        (.bybit, .option, "btc-30JUN25-1-C", .malformed, "upper-case"),
        (.bybit, .option, "", .malformed, "empty"),
        (.bybit, .linear, "", .malformed, "empty"),
        (.bybit, .linear, "btcusdt", .malformed, "upper-case"),
        (.bybit, .inverse, "", .malformed, "empty"),
        (.bybit, .inverse, "btcusd", .malformed, "upper-case"),
        // Binance
        (.binance, .spot, "", .malformed, "empty"),
        (.binance, .spot, "BTCXYZ", .unknownQuoteAsset, "no known quote asset"),
        (.binance, .spot, "BTC-USDT", .malformed, "unexpected"),
        (.binance, .linear, "BTCUSDT_241327", .invalidExpiry, "month 13"),
        (.binance, .linear, "BTCUSDT_PERP", .invalidExpiry, "YYMMDD"),
        (.binance, .linear, "BTCUSDT_2409", .invalidExpiry, "YYMMDD"),
        (.binance, .linear, "BTCUSDT-241227", .malformed, "expected '_'"),
        (.binance, .linear, "BTCEUR", .unknownQuoteAsset, "no known quote asset"),
        (.binance, .inverse, "BTCUSDT_PERP", .malformed, "COIN-M"),
        (.binance, .inverse, "BTCUSD", .malformed, "expected '_'"),
        (.binance, .inverse, "BTCUSD_PERPX", .malformed, "unknown suffix \"PERPX\""),
        (.binance, .inverse, "BTCUSD_240230", .invalidExpiry, "day 30"),
        (.binance, .option, "BTC-241227-60000", .malformed, "after the strike"),
        (.binance, .option, "BTC-241227-60000-c", .malformed, "upper-case"),
        (.binance, .option, "BTC-27DEC24-60000-C", .invalidExpiry, "YYMMDD"),
        (.binance, .option, "BTC-241227-60000.0-C", .invalidStrike, "trailing zero"),
        (.binance, .option, "BTC-241227--5-C", .invalidStrike, "strike missing"),
        (.binance, .option, "BTC-241227-0-P", .invalidStrike, "must be positive"),
        (.binance, .option, "BTC-241227-abc-C", .invalidStrike, "is not a number"),
        (.binance, .option, "BTC-241232-1-C", .invalidExpiry, "day 32"),
        (.binance, .option, "BTC-240230-1-C", .invalidExpiry, "day 30 is not valid in FEB 2024"),
        (.binance, .option, "BTC-241327-1-C", .invalidExpiry, "month 13"),
        (.binance, .option, "BTC-241227-1-C-USDT", .malformed, "unexpected \"-USDT\""),
        (.binance, .option, "", .malformed, "empty"),
        (.binance, .spot, "btcusdt", .malformed, "upper-case"),
        (.binance, .linear, "", .malformed, "empty"),
        (.binance, .linear, "btcusdt", .malformed, "upper-case"),
        (.binance, .inverse, "", .malformed, "empty"),
        (.binance, .inverse, "btcusd_perp", .malformed, "upper-case"),
    ]

    @Test(arguments: cases)
    func badTextIsATypedErrorNamingVenueAndText(
        venue: Venue,
        market: Market?,
        text: String,
        kind: Kind,
        fragment: String
    ) {
        do {
            let instrument = try Symbology.parse(text, venue: venue, market: market)
            Issue.record("\(venue) accepted \"\(text)\" as \(instrument)")
        } catch {
            #expect(error.venue == venue)
            #expect(error.text == text)
            #expect(Self.kind(of: error) == kind, "\(error)")
            #expect(error.reason.contains(fragment), "\(error)")
            #expect(error.description.hasPrefix("\(Self.displayName(venue)) symbol \"\(text)\": "), "\(error)")
        }
    }

    @Test func errorMessageReadsAsTheBriefAsks() {
        #expect(
            throws: SymbologyError.invalidExpiry(
                venue: .deribit,
                symbol: "BTC-32DEC24-1-C",
                reason: "day 32 is not valid"
            )
        ) {
            try DeribitSymbology.parse("BTC-32DEC24-1-C")
        }
        let error = SymbologyError.invalidExpiry(
            venue: .deribit,
            symbol: "BTC-32DEC24-1-C",
            reason: "day 32 is not valid"
        )
        #expect(error.description == #"Deribit symbol "BTC-32DEC24-1-C": day 32 is not valid"#)
    }

    @Test func venuesThatReuseNamesNeedAMarket() {
        #expect(throws: SymbologyError.marketRequired(venue: .bybit, symbol: "BTCUSDT")) {
            try Symbology.parse("BTCUSDT", venue: .bybit)
        }
        #expect(throws: SymbologyError.marketRequired(venue: .binance, symbol: "BTCUSDT")) {
            try Symbology.parse("BTCUSDT", venue: .binance)
        }
    }

    @Test func aSelfDescribingNameInTheWrongMarketIsRefused() {
        #expect {
            try Symbology.parse("BTC-PERPETUAL", venue: .deribit, market: .spot)
        } throws: { error in
            guard case .wrongMarket(.deribit, "BTC-PERPETUAL", .spot, let reason) = error as? SymbologyError else {
                return false
            }
            return reason.contains("inverse")
        }
        #expect(throws: SymbologyError.unsupportedVenue(venue: .simulated, symbol: "BTC-PERPETUAL")) {
            try Symbology.parse("BTC-PERPETUAL", venue: .simulated)
        }
    }

    /// Every (venue, market) pair a name can be read in.
    static let readers: [(Venue, Market?)] = [
        (.deribit, nil), (.okx, nil), (.bybit, .spot), (.bybit, .linear), (.bybit, .inverse), (.bybit, .option),
        (.binance, .spot), (.binance, .linear), (.binance, .inverse), (.binance, .option),
    ]

    @Test func mutatedRealNamesNeverCrashAndAcceptedOnesFormatBack() throws {
        // Given every real name and a seeded generator of one- and two-byte edits
        var names = try ListFile.allCases.flatMap { try Fixtures.instruments($0).map(\.symbol) }
        names += ["BTC-CS-19MAY26-70000_75000", "BTC-BOX-25DEC26-58000_60000", "BTC-FS-19MAY26_PERP"]
        names += ["XRP_USDC-27DEC24-0d625-C", "BTCUSDZ24", "BTCUSD_PERP", "ETH-25JUN27-7000-P-USDT"]
        var random = SplitMix64(seed: 0x5EED_5EED)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.d CPcp\u{00E9}".utf8)
        var accepted = 0
        for _ in 0..<25_000 {
            var bytes = Array(names[Int(random.next() % UInt64(names.count))].utf8)
            for _ in 0...(random.next() % 2) {
                let position = Int(random.next() % UInt64(bytes.count + 1))
                let byte = alphabet[Int(random.next() % UInt64(alphabet.count))]
                switch random.next() % 3 {
                case 0 where position < bytes.count: bytes.remove(at: position)
                case 1 where position < bytes.count: bytes[position] = byte
                default: bytes.insert(byte, at: position)
                }
            }
            let text = String(decoding: bytes, as: UTF8.self)
            // When read by every parser, then it either fails with a typed error or formats back to itself
            for (venue, market) in Self.readers {
                guard let instrument = try? Symbology.parse(text, venue: venue, market: market) else { continue }
                accepted += 1
                let name = try? Symbology.format(instrument, venue: venue)
                #expect(
                    name == text,
                    "\(venue) \(market.map(\.rawValue) ?? "") accepted \"\(text)\" but names it \(name ?? "nothing")"
                )
            }
        }
        #expect(accepted > 1_000)
    }

    static func kind(of error: SymbologyError) -> Kind? {
        switch error {
        case .malformed: .malformed
        case .invalidExpiry: .invalidExpiry
        case .invalidStrike: .invalidStrike
        case .unknownQuoteAsset: .unknownQuoteAsset
        case .unsupportedCombo: .unsupportedCombo
        default: nil
        }
    }

    static func displayName(_ venue: Venue) -> String {
        ["deribit": "Deribit", "okx": "OKX", "bybit": "Bybit", "binance": "Binance"][venue.rawValue] ?? venue.rawValue
    }
}

/// A small seeded generator (SplitMix64) so the mutation test is the same on every run.
struct SplitMix64 {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
