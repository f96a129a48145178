// Proves, on every instrument of the real Deribit, OKX, Binance and Bybit lists in Fixtures/, that parsing the venue's
// name gives an Instrument whose kind, base, quote, settlement, strike, right and expiry equal the list's own fields,
// and that formatting it gives back exactly the same name.
import Foundation
import LegateCore
import LegateModel
import LegateSymbology
import Testing

@Suite struct RealListRoundTripTests {
    @Test(arguments: ListFile.allCases)
    func everyListedInstrumentParsesToItsListedFieldsAndFormatsBack(file: ListFile) throws {
        // Given every instrument the venue listed
        let rows = try Fixtures.instruments(file)
        #expect(rows.count == file.expectedCount)
        for row in rows {
            // When its name is parsed through the top-level entry point
            let instrument = try Symbology.parse(row.symbol, venue: file.venue, market: row.parsedMarket)
            // Then the instrument says what the list says, and formats back to the same name
            try row.expectMatches(instrument)
            #expect(try Symbology.format(instrument, venue: file.venue) == row.symbol, "\(row.symbol)")
        }
    }

    @Test(arguments: ListFile.allCases)
    func everyListedInstrumentIsInTheMarketItsNameSays(file: ListFile) throws {
        // Given the market each instrument trades in, when the name is parsed with that market stated
        for row in try Fixtures.instruments(file) {
            let instrument = try Symbology.parse(row.symbol, venue: file.venue, market: row.parsedMarket)
            let market = Market.of(instrument)
            // Then the venue accepts it there, and formatting for that market gives the same name
            #expect(try Symbology.parse(row.symbol, venue: file.venue, market: market) == instrument)
            #expect(try Symbology.format(instrument, venue: file.venue, market: market) == row.symbol)
        }
    }

    @Test func perVenueEntryPointsAgreeWithTheTopLevelOne() throws {
        // Given the Deribit and OKX lists, when parsed with the cheap per-venue entry points the benchmark uses
        for row in try Fixtures.instruments(.deribit) {
            // Then they give the same instrument as `Symbology.parse`
            #expect(try DeribitSymbology.parse(row.symbol) == Symbology.parse(row.symbol, venue: .deribit))
        }
        for row in try Fixtures.instruments(.okx) {
            #expect(try OKXSymbology.parse(row.symbol) == Symbology.parse(row.symbol, venue: .okx))
        }
    }

    @Test func namesSeenInOrdersTradesAndTickersRoundTrip() throws {
        // Given every instrument name found in the other nautilus messages and the Deribit WS recording
        let seen: [SeenSymbol] = try Fixtures.decode("symbols_seen")
        #expect(seen.count == 82)
        for row in seen {
            let venue = try #require(Venue(rawValue: row.venue))
            let market = row.market.flatMap(Market.init(rawValue:))
            // When parsed, then formatting gives the same name back
            let instrument = try Symbology.parse(row.symbol, venue: venue, market: market)
            #expect(try Symbology.format(instrument, venue: venue) == row.symbol, "\(row.symbol) from \(row.source)")
        }
    }
}
