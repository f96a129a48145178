// Proves Deribit's change_id chain: a snapshot starts it, a change applies only when its prev_change_id is the last
// change_id, a replayed change is stale, and a skipped change asks for a resync naming expected and received ids.
import LegateModel
import Testing

@testable import LegateVenues

@Suite struct DeribitSequencingTests {
    @Test func changesChainFromTheSnapshot() {
        var sequencer = DeribitBookSequencer()
        // Ids from the real recording (ETH-30JUL21-2800-C, 2021-07-22).
        #expect(
            sequencer.change(changeID: 13_169_025_700, previousChangeID: 13_169_025_645) == .drop(.awaitingSnapshot)
        )
        #expect(sequencer.snapshot(changeID: 13_169_025_645) == .applySnapshot)
        #expect(sequencer.change(changeID: 13_169_025_700, previousChangeID: 13_169_025_645) == .applyDelta)
        #expect(
            sequencer.change(changeID: 13_169_025_700, previousChangeID: 13_169_025_645)
                == .drop(.stale(received: 13_169_025_700, lastApplied: 13_169_025_700))
        )
        #expect(
            sequencer.change(changeID: 13_169_025_900, previousChangeID: 13_169_025_800)
                == .resync(
                    BookResync(venue: .deribit, reason: .gap, expected: 13_169_025_700, received: 13_169_025_800)
                )
        )
        #expect(sequencer.lastChangeID == nil)
        #expect(
            sequencer.change(changeID: 13_169_026_000, previousChangeID: 13_169_025_900) == .drop(.awaitingSnapshot)
        )
    }

    @Test func aChangeWithoutAPreviousIdIsAGap() {
        var sequencer = DeribitBookSequencer()
        _ = sequencer.snapshot(changeID: 5)
        #expect(
            sequencer.change(changeID: 6, previousChangeID: nil)
                == .resync(BookResync(venue: .deribit, reason: .gap, expected: 5, received: nil))
        )
    }
}
