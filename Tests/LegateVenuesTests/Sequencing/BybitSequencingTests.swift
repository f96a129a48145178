// Proves Bybit v5 book sequencing: snapshot then consecutive `u` deltas apply (on the venue's own example), `u == 1`
// replaces the book whatever its type, older `u` or `seq` is stale, and a skipped `u` asks for a resync naming the
// expected and received ids.
import Foundation
import LegateCore
import LegateModel
import Testing

@testable import LegateVenues

@Suite struct BybitSequencingTests {
    @Test func snapshotThenDeltaBuildTheBook() throws {
        let snapshot = try Fixtures.decode(BybitBookMessage.self, "bybit_ws_orderbook_snapshot.json")
        let delta = try Fixtures.decode(BybitBookMessage.self, "bybit_ws_orderbook_delta.json")
        var sequencer = BybitBookSequencer()
        var book = OrderBook(grid: exactGrid)
        let first = sequencer.check(
            isSnapshot: snapshot.type == "snapshot",
            updateID: snapshot.data.u,
            crossSequence: snapshot.data.seq
        )
        #expect(first == .applySnapshot)
        book.replace(
            bids: try snapshot.data.b.tickLevels(on: exactGrid),
            asks: try snapshot.data.a.tickLevels(on: exactGrid)
        )
        let second = sequencer.check(
            isSnapshot: delta.type == "snapshot",
            updateID: delta.data.u,
            crossSequence: delta.data.seq
        )
        #expect(second == .applyDelta)
        book.applyDelta(
            bids: try delta.data.b.tickLevels(on: exactGrid),
            asks: try delta.data.a.tickLevels(on: exactGrid)
        )
        #expect(book.bestBidLevel == level("27450.00", "0.400"))
        #expect(book.bestAskLevel == level("27451.50", "0.900"))
    }

    @Test func gapsStaleAndRestarts() {
        var sequencer = BybitBookSequencer()
        #expect(sequencer.check(isSnapshot: false, updateID: 10, crossSequence: 100) == .drop(.awaitingSnapshot))
        #expect(sequencer.check(isSnapshot: true, updateID: 10, crossSequence: 100) == .applySnapshot)
        #expect(sequencer.check(isSnapshot: false, updateID: 11, crossSequence: 101) == .applyDelta)
        #expect(
            sequencer.check(isSnapshot: false, updateID: 11, crossSequence: 101)
                == .drop(.stale(received: 11, lastApplied: 11))
        )
        #expect(
            sequencer.check(isSnapshot: false, updateID: 12, crossSequence: 99)
                == .drop(.stale(received: 99, lastApplied: 101))
        )
        #expect(
            sequencer.check(isSnapshot: false, updateID: 13, crossSequence: 103)
                == .resync(BookResync(venue: .bybit, reason: .gap, expected: 12, received: 13))
        )
        #expect(sequencer.check(isSnapshot: false, updateID: 14, crossSequence: 104) == .drop(.awaitingSnapshot))
        // A service restart sends u = 1: a full book, even when typed as a delta.
        #expect(sequencer.check(isSnapshot: false, updateID: 1, crossSequence: 5) == .applySnapshot)
        #expect(sequencer.check(isSnapshot: false, updateID: 2, crossSequence: 6) == .applyDelta)
        // Level 1 repeats its snapshot with the same u; it still replaces.
        #expect(sequencer.check(isSnapshot: true, updateID: 2, crossSequence: 6) == .applySnapshot)
    }
}
