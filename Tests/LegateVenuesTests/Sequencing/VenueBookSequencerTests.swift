// Proves the venue-independent entry point reads each venue's numbers from the model's BookSequence as documented:
// a chain applies, a skipped number asks for a resync, for Deribit, OKX, Bybit and Binance alike.
import LegateCore
import LegateModel
import Testing

@testable import LegateVenues

@Suite struct VenueBookSequencerTests {
    func update(_ kind: BookUpdate.Kind, first: Int64, last: Int64, previous: Int64?, venue: Venue) -> BookUpdate {
        BookUpdate(
            venue: venue,
            instrument: btcOption,
            kind: kind,
            bids: [],
            asks: [],
            sequence: BookSequence(first: first, last: last, previous: previous),
            at: UnixNanos(0)
        )
    }

    @Test(arguments: [Venue.deribit, .okx])
    func previousIdChains(venue: Venue) throws {
        var sequencer = try #require(VenueBookSequencer(venue: venue))
        #expect(
            sequencer.sequence(update(.snapshot, first: 10, last: 10, previous: nil, venue: venue)) == .applySnapshot
        )
        #expect(sequencer.sequence(update(.delta, first: 12, last: 12, previous: 10, venue: venue)) == .applyDelta)
        let gap = sequencer.sequence(update(.delta, first: 15, last: 15, previous: 14, venue: venue))
        #expect(gap == .resync(BookResync(venue: venue, reason: .gap, expected: 12, received: 14)))
    }

    @Test func bybitCountsUpdateIDs() throws {
        var sequencer = try #require(VenueBookSequencer(venue: .bybit))
        #expect(
            sequencer.sequence(update(.snapshot, first: 5, last: 5, previous: nil, venue: .bybit)) == .applySnapshot
        )
        #expect(sequencer.sequence(update(.delta, first: 6, last: 6, previous: nil, venue: .bybit)) == .applyDelta)
        let gap = sequencer.sequence(update(.delta, first: 8, last: 8, previous: nil, venue: .bybit))
        #expect(gap == .resync(BookResync(venue: .bybit, reason: .gap, expected: 7, received: 8)))
    }

    @Test func binanceBridgesTheSnapshotThenChainsByPreviousFinalID() throws {
        var sequencer = try #require(VenueBookSequencer(venue: .binance))
        #expect(
            sequencer.sequence(update(.snapshot, first: 100, last: 100, previous: nil, venue: .binance))
                == .applySnapshot
        )
        #expect(sequencer.sequence(update(.delta, first: 98, last: 103, previous: 97, venue: .binance)) == .applyDelta)
        #expect(
            sequencer.sequence(update(.delta, first: 104, last: 110, previous: 103, venue: .binance)) == .applyDelta
        )
        let gap = sequencer.sequence(update(.delta, first: 120, last: 125, previous: 119, venue: .binance))
        #expect(gap == .resync(BookResync(venue: .binance, reason: .gap, expected: 110, received: 119)))
        #expect(VenueBookSequencer(venue: .simulated) == nil)
    }
}
