// Proves OKX book integrity: CRC32 is the standard one, the checksum string interleaves bids and asks as OKX
// documents, every one of the 290 real recorded book messages yields the venue's own checksum after replay, a dropped
// message is caught by the checksum, and seqId/prevSeqId chaining applies, drops stale and asks for a resync on a gap.
import Foundation
import LegateCore
import LegateModel
import Testing

@testable import LegateVenues

@Suite struct OKXSequencingTests {
    @Test func crc32MatchesTheStandardCheckValue() {
        // The CRC-32/ISO-HDLC check value of "123456789" (zlib, PNG): 0xCBF43926.
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([UInt8]()) == 0)
    }

    @Test func checksumStringInterleavesAndContinuesWithTheLongerSide() throws {
        var book = OrderBook(grid: exactGrid)
        book.replace(
            bids: try [["3366.1", "7"], ["3366", "6"], ["3365.5", "0.2"]].tickLevels(on: exactGrid),
            asks: try [["3366.8", "9"]].tickLevels(on: exactGrid)
        )
        // OKX's documented rule: bid1:ask1:bid2:bid3 when asks run out.
        #expect(OKXBookChecksum.checksumString(book) == "3366.1:7:3366.8:9:3366:6:3365.5:0.2")
        let expected = Int32(bitPattern: CRC32.checksum(Array("3366.1:7:3366.8:9:3366:6:3365.5:0.2".utf8)))
        #expect(OKXBookChecksum.compute(book) == expected)
    }

    /// Replays the real recording; returns the checksum results per message (true when it matched).
    func replay(dropping dropped: Int? = nil) throws -> (matches: Int, resyncs: [BookResync]) {
        var books: [String: OrderBook] = [:]
        var sequencers: [String: OKXBookSequencer] = [:]
        var matches = 0
        var resyncs: [BookResync] = []
        var index = 0
        for data in try Fixtures.receivedMessages("OKX.ws.1.0") {
            guard let message = try? JSONDecoder().decode(OKXBookMessage.self, from: data) else { continue }
            defer { index += 1 }
            if index == dropped { continue }
            let instrument = message.arg.instId
            for payload in message.data {
                var sequencer = sequencers[instrument] ?? OKXBookSequencer()
                var book = books[instrument] ?? OrderBook(grid: exactGrid)
                let bids = try payload.bids.tickLevels(on: exactGrid)
                let asks = try payload.asks.tickLevels(on: exactGrid)
                let action =
                    message.action == "snapshot"
                    ? sequencer.snapshot(seqID: payload.seqId)
                    : sequencer.update(seqID: payload.seqId, previousSeqID: payload.prevSeqId)
                switch action {
                case .applySnapshot: book.replace(bids: bids, asks: asks)
                case .applyDelta: book.applyDelta(bids: bids, asks: asks)
                case .drop, .resync: break
                }
                if action.applies {
                    if let resync = sequencer.verify(
                        checksum: payload.checksum,
                        computed: OKXBookChecksum.compute(book)
                    ) {
                        resyncs.append(resync)
                    } else {
                        matches += 1
                    }
                }
                #expect(book.invariantViolation() == nil)
                books[instrument] = book
                sequencers[instrument] = sequencer
            }
        }
        return (matches, resyncs)
    }

    @Test func everyRecordedBookMessageMatchesTheVenueChecksum() throws {
        let result = try replay()
        #expect(result.matches == 290)
        #expect(result.resyncs.isEmpty)
    }

    @Test func aDroppedRecordedUpdateFailsTheChecksumAndAsksForAResync() throws {
        // Message 5 is an update of one of the three books; without it that book diverges from the venue's.
        let result = try replay(dropping: 5)
        let first = try #require(result.resyncs.first)
        #expect(first.reason == .checksumMismatch)
        #expect(first.venue == .okx)
        #expect(first.expected != first.received)
    }

    @Test func sequenceIdsChainFromTheSnapshot() throws {
        let snapshot = try Fixtures.decode(OKXBookMessage.self, "okx_ws_books_snapshot.json").data[0]
        let update = try Fixtures.decode(OKXBookMessage.self, "okx_ws_books_update.json").data[0]
        var sequencer = OKXBookSequencer()
        #expect(sequencer.update(seqID: update.seqId, previousSeqID: update.prevSeqId) == .drop(.awaitingSnapshot))
        #expect(snapshot.prevSeqId == -1)
        #expect(sequencer.snapshot(seqID: snapshot.seqId) == .applySnapshot)
        #expect(sequencer.update(seqID: update.seqId, previousSeqID: update.prevSeqId) == .applyDelta)
        // A heartbeat-like update (seqId == prevSeqId) keeps the chain.
        #expect(sequencer.update(seqID: 123_457, previousSeqID: 123_457) == .applyDelta)
        // A duplicate is stale.
        #expect(
            sequencer.update(seqID: 123_457, previousSeqID: 123_456)
                == .drop(.stale(received: 123_457, lastApplied: 123_457))
        )
        // A skipped message is a gap: expected the last seqId as prevSeqId.
        let gap = sequencer.update(seqID: 123_460, previousSeqID: 123_459)
        #expect(gap == .resync(BookResync(venue: .okx, reason: .gap, expected: 123_457, received: 123_459)))
        #expect(sequencer.update(seqID: 123_461, previousSeqID: 123_460) == .drop(.awaitingSnapshot))
    }

    @Test func aSequenceResetAfterMaintenanceContinuesTheChain() {
        var sequencer = OKXBookSequencer()
        _ = sequencer.snapshot(seqID: 5_000)
        #expect(sequencer.update(seqID: 12, previousSeqID: 5_000) == .applyDelta)
        #expect(sequencer.update(seqID: 13, previousSeqID: 12) == .applyDelta)
    }

    @Test func checksumMismatchNamesBothNumbers() {
        var sequencer = OKXBookSequencer()
        _ = sequencer.snapshot(seqID: 1)
        #expect(sequencer.verify(checksum: 7, computed: 7) == nil)
        let resync = sequencer.verify(checksum: -855_196_043, computed: 1)
        #expect(resync == BookResync(venue: .okx, reason: .checksumMismatch, expected: -855_196_043, received: 1))
        #expect(!sequencer.isSynchronized)
    }
}
