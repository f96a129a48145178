// Loads the JSON Lines fixtures extracted from real venue instrument lists (see Fixtures/SOURCES.md) and states, once,
// what a parsed instrument must agree with in each list row.
import Foundation
import LegateCore
import LegateModel
import LegateSymbology
import Testing

/// One instrument as its venue's own list describes it, normalised by `Fixtures/tools/extract_fixtures.py`.
struct ListedInstrument: Decodable, Sendable, CustomTestStringConvertible {
    let symbol: String
    let market: String?
    let kind: String
    let base: String
    let quote: String
    let settle: String
    let inverse: Bool
    /// The strike exactly as the list writes it (`"40000.0"`), or nil where the list has no strike field.
    let strike: String?
    let right: String?
    /// `expiration_timestamp` / `expTime` / `deliveryDate`; nil for spot, perpetuals and lists whose times are fake.
    let expiryMs: Int64?
    let source: String

    enum CodingKeys: String, CodingKey {
        case symbol, market, kind, base, quote, settle, inverse, strike, right, source
        case expiryMs = "expiry_ms"
    }

    var testDescription: String { "\(symbol) (\(source))" }
}

/// A combo or spread with the legs its venue lists for it.
struct ListedCombo: Decodable, Sendable, CustomTestStringConvertible {
    struct Leg: Decodable, Sendable {
        let symbol: String
        let ratio: Int
    }

    let symbol: String
    let legs: [Leg]
    let source: String

    var testDescription: String { symbol }
}

/// A name seen in an order, trade or ticker message; only its round trip is checked.
struct SeenSymbol: Decodable, Sendable, CustomTestStringConvertible {
    let venue: String
    let market: String?
    let symbol: String
    let source: String

    var testDescription: String { "\(venue) \(symbol)" }
}

/// The fixture files of real instrument lists, one per venue.
enum ListFile: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case deribit = "deribit_instruments"
    case okx = "okx_instruments"
    case binance = "binance_instruments"
    case bybit = "bybit_instruments"

    var venue: Venue {
        switch self {
        case .deribit: .deribit
        case .okx: .okx
        case .binance: .binance
        case .bybit: .bybit
        }
    }

    /// How many instruments the extraction wrote; a changed count means the fixture changed.
    var expectedCount: Int {
        switch self {
        case .deribit: 1031
        case .okx: 1494
        case .binance: 1818
        case .bybit: 10
        }
    }

    var testDescription: String { rawValue }
}

enum Fixtures {
    static func lines(_ name: String) throws -> [Data] {
        let url = try #require(
            Bundle.module.url(forResource: name, withExtension: "jsonl", subdirectory: "Fixtures"),
            "missing fixture \(name).jsonl"
        )
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").map { Data($0.utf8) }
    }

    static func decode<Row: Decodable>(_ name: String, as type: Row.Type = Row.self) throws -> [Row] {
        let decoder = JSONDecoder()
        return try lines(name).map { try decoder.decode(Row.self, from: $0) }
    }

    static func instruments(_ file: ListFile) throws -> [ListedInstrument] {
        try decode(file.rawValue)
    }
}

extension ListedInstrument {
    /// The market to hand the parser: the row's own for Bybit and Binance, none for self-describing venues.
    var parsedMarket: Market? { market.flatMap(Market.init(rawValue:)) }

    /// Checks every field the list states against the parsed instrument.
    func expectMatches(_ instrument: Instrument, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let comment = Comment(rawValue: "\(symbol) from \(source)")
        #expect(instrument.kind.rawValue == kind, comment, sourceLocation: sourceLocation)
        let underlying = Underlying(base: try Asset(base), quote: try Asset(quote))
        #expect(instrument.underlying == underlying, comment, sourceLocation: sourceLocation)
        let currency = try Asset(settle)
        let settlement: Settlement = inverse ? .inverse(currency) : .linear(currency)
        #expect(instrument.settlement == settlement, comment, sourceLocation: sourceLocation)
        if let strike {
            #expect(instrument.strike == (try Price(parsing: strike)), comment, sourceLocation: sourceLocation)
        }
        if let right {
            #expect(instrument.right?.rawValue == right, comment, sourceLocation: sourceLocation)
        }
        if let expiryMs {
            #expect(instrument.expiry == .milliseconds(expiryMs), comment, sourceLocation: sourceLocation)
        } else if kind == "spot" || kind == "perpetual" {
            #expect(instrument.expiry == nil, comment, sourceLocation: sourceLocation)
        }
    }
}
