// Proves the book feed on OKX's seqId protocol (the documentation's books snapshot and update): the documented
// checksum does not match the documented levels and the feed says so; with the checksum corrected the chain applies,
// a skipped seqId asks for a resync, later updates wait, and a fresh snapshot recovers. Also: duplicates are stale,
// an off-grid level clears the book, bbo-tbt (no checksum) resyncs on a crossed book.
import Foundation
import LegateCore
import LegateModel
import LegateVenues
import Testing

@testable import LegateOKX

@Suite struct OKXBookFeedTests {
    /// The CRC32 of the documented levels, computed independently with Python's `zlib.crc32` over
    /// `8476.97:256:8476.98:415:8475.55:101:8477:7:…` (the 8 bids and asks interleaved), as a signed 32-bit integer.
    static let correctChecksum: Int32 = -2_102_840_145

    static func feed() throws -> (OKXBookFeed, Int) {
        var feed = OKXBookFeed()
        let grid = try BookGrid(priceIncrement: dec("0.01"), quantityIncrement: dec("0.00000001"))
        let index = feed.register(instId: "BTC-USDT", instrument: MarketChecks.btcUSDT, grid: grid)
        return (feed, index)
    }

    /// A fixture push with some of its fields rewritten.
    static func push(_ fixture: OKXFixture, _ replacements: [(String, String)] = []) throws -> Data {
        var text = String(decoding: try fixture.data(), as: UTF8.self)
        for (old, new) in replacements {
            #expect(text.contains(old))
            text = text.replacingOccurrences(of: old, with: new)
        }
        return Data(text.utf8)
    }

    static let fixChecksum = ("\"checksum\": -855196043", "\"checksum\": \(correctChecksum)")

    @Test func theDocumentedChecksumDoesNotMatchItsLevels() throws {
        var (feed, index) = try Self.feed()
        let outcomes = try feed.handle(Self.push(.booksSnapshot))
        #expect(
            outcomes == [
                .resync(
                    index: index,
                    BookResync(
                        venue: .okx,
                        reason: .checksumMismatch,
                        expected: -855_196_043,
                        received: Int64(Self.correctChecksum)
                    )
                )
            ]
        )
        #expect(feed.book(at: index).depth(.bid) == 0)
    }

    @Test func theSeqIdChainAppliesAndAGapResyncsUntilAFreshSnapshot() throws {
        var (feed, index) = try Self.feed()
        let snapshot = try Self.push(.booksSnapshot, [Self.fixChecksum])
        #expect(try feed.handle(snapshot) == [.applied(index: index, snapshot: true)])
        #expect(feed.entries[index].sequencer.lastSeqID == 123_456)
        #expect(
            try feed.handle(Self.push(.booksUpdate, [Self.fixChecksum])) == [.applied(index: index, snapshot: false)]
        )
        #expect(
            feed.book(at: index).bestBid.map(feed.book(at: index).bookLevel)
                == BookLevel(price: price("8476.97"), quantity: 256)
        )
        // A duplicate of the update is stale and changes nothing.
        #expect(
            try feed.handle(Self.push(.booksUpdate, [Self.fixChecksum]))
                == [.dropped(index: index, .stale(received: 123_457, lastApplied: 123_457))]
        )
        // An update that says it follows 123458: the one in between was lost.
        let gap = try Self.push(
            .booksUpdate,
            [
                Self.fixChecksum, ("\"prevSeqId\": 123456", "\"prevSeqId\": 123458"),
                ("\"seqId\": 123457", "\"seqId\": 123459"),
            ]
        )
        #expect(
            try feed.handle(gap)
                == [.resync(index: index, BookResync(venue: .okx, reason: .gap, expected: 123_457, received: 123_458))]
        )
        #expect(feed.book(at: index).depth(.ask) == 0)
        let next = try Self.push(
            .booksUpdate,
            [
                Self.fixChecksum, ("\"prevSeqId\": 123456", "\"prevSeqId\": 123459"),
                ("\"seqId\": 123457", "\"seqId\": 123460"),
            ]
        )
        #expect(try feed.handle(next) == [.dropped(index: index, .awaitingSnapshot)])
        // Resubscribing brings a new snapshot; the chain continues from it.
        let fresh = try Self.push(.booksSnapshot, [Self.fixChecksum, ("\"seqId\": 123456", "\"seqId\": 200000")])
        #expect(try feed.handle(fresh) == [.applied(index: index, snapshot: true)])
        let after = try Self.push(
            .booksUpdate,
            [
                Self.fixChecksum, ("\"prevSeqId\": 123456", "\"prevSeqId\": 200000"),
                ("\"seqId\": 123457", "\"seqId\": 200001"),
            ]
        )
        #expect(try feed.handle(after) == [.applied(index: index, snapshot: false)])
        #expect(
            try feed.levels(at: index, .ask, maxLevels: 2) == [
                BookLevel(price: price("8476.98"), quantity: 415), BookLevel(price: 8_477, quantity: 7),
            ]
        )
    }

    @Test func anOffGridLevelClearsTheBookAndThrows() throws {
        var (feed, index) = try Self.feed()
        _ = try feed.handle(Self.push(.booksSnapshot, [Self.fixChecksum]))
        let offGrid = try Self.push(.booksUpdate, [("\"8477.34\"", "\"8477.345\"")])
        #expect(throws: OKXParseError.self) { try feed.handle(offGrid) }
        #expect(feed.book(at: index).depth(.bid) == 0)
        #expect(!feed.entries[index].sequencer.isSynchronized)
    }

    @Test func anUnregisteredInstrumentIsSaidSo() throws {
        var feed = OKXBookFeed()
        #expect(try feed.handle(Self.push(.booksSnapshot)) == [.notRegistered(instId: "BTC-USDT")])
    }

    @Test func bboTbtHasNoChecksumAndResyncsOnACrossedBook() throws {
        var (feed, index) = try Self.feed()
        #expect(try feed.handle(Self.push(.bboTbt)) == [.applied(index: index, snapshot: true)])
        let crossed = try Self.push(.bboTbt, [("\"8476.97\"", "\"8477.97\"")])
        #expect(
            try feed.handle(crossed)
                == [
                    .resync(
                        index: index,
                        BookResync(venue: .okx, reason: .crossedBook, expected: nil, received: 123_456)
                    )
                ]
        )
    }

    @Test func theFeedRegistersFromASpecOnTheContractGrid() throws {
        let spec = try TestContracts.all().spec(for: "ETH-USDT-SWAP")
        var feed = OKXBookFeed()
        let index = try feed.register(try #require(spec))
        // lotSz 0.01 contracts, tick 0.01: the book counts contracts, levels(at:) gives ETH.
        #expect(feed.book(at: index).grid.quantityIncrement == dec("0.01"))
        #expect(feed.entries[index].contractMultiplier == dec("0.1"))
    }
}
