// Proves the Bybit book path end to end on the fixtures: the snapshot and delta replay into the book the messages
// describe (on the BTCUSDT grid from the instrument fixture), a skipped `u` asks for a resync and empties the book, a
// fresh snapshot (the REST book) recovers it and later deltas chain on, `u == 1` replaces the book, a duplicate is
// dropped, and a delta that crosses the book is treated as a lost update.
import Foundation
import LegateCore
import LegateModel
import LegateSymbology
import LegateVenues
import Testing

@testable import LegateBybit

@Suite struct BybitBookReplayTests {
    static func builder() throws -> BybitBookBuilder {
        let spec = try #require(try BybitInstrumentFixture.linear.specs().first { $0.symbol == "BTCUSDT" })
        return BybitBookBuilder(grid: try BookGrid(tickSize: spec.tickSize, lotSize: spec.lotSize.decimal))
    }

    static func message(_ name: String) throws -> BybitBookMessage {
        try BybitTranslator.bookMessage(Fixtures.topic(BybitBookWire.self, name), category: .linear)
    }

    /// The delta fixture with its update id (and cross sequence) replaced, and optionally its bid.
    static func delta(updateID: Int64, bid: String = "27450.00") throws -> BybitBookMessage {
        let text = String(decoding: try Fixtures.data("ws_orderbook_delta.json"), as: UTF8.self)
            .replacingOccurrences(of: "123456790", with: String(updateID))
            .replacingOccurrences(of: "987654322", with: String(987_654_321 + updateID))
            .replacingOccurrences(of: "\"27450.00\"", with: "\"\(bid)\"")
        let message = try BybitCodec.decode(BybitTopicMessage<BybitBookWire>.self, from: Data(text.utf8))
        return try BybitTranslator.bookMessage(message, category: .linear)
    }

    @Test func snapshotThenDeltaBuildTheBookTheMessagesDescribe() throws {
        var builder = try Self.builder()
        #expect(try builder.apply(Self.message("ws_orderbook_snapshot.json")) == .applySnapshot)
        #expect(
            builder.book.levels(.bid) == [
                BookLevel(price: 27_450, quantity: q("0.5")), BookLevel(price: p("27449.5"), quantity: 1),
            ]
        )
        #expect(builder.book.levels(.ask).map(\.quantity) == [q("0.75"), q("0.9")])
        #expect(try builder.apply(Self.message("ws_orderbook_delta.json")) == .applyDelta)
        // Bid 27450 → 0.4; ask 27451 deleted.
        #expect(builder.book.bestBidLevel == BookLevel(price: 27_450, quantity: q("0.4")))
        #expect(builder.book.levels(.ask) == [BookLevel(price: p("27451.5"), quantity: q("0.9"))])
        #expect(!builder.book.isCrossed && builder.book.invariantViolation() == nil)
    }

    @Test func aSkippedUpdateAsksForAResyncAndAFreshSnapshotRecovers() throws {
        var builder = try Self.builder()
        _ = try builder.apply(Self.message("ws_orderbook_snapshot.json"))
        // 123456790 is lost: 123456791 arrives next.
        let gap = try builder.apply(Self.delta(updateID: 123_456_791))
        #expect(gap == .resync(BookResync(venue: .bybit, reason: .gap, expected: 123_456_790, received: 123_456_791)))
        #expect(builder.book.depth(.bid) == 0 && builder.book.depth(.ask) == 0)
        #expect(try builder.apply(Self.delta(updateID: 123_456_792)) == .drop(.awaitingSnapshot))
        // The REST book is a fresh snapshot with its own (lower) update id; deltas chain on from it.
        let rest = try BybitTranslator.bookSnapshot(
            Fixtures.result(BybitBookWire.self, "http_get_orderbook.json"),
            category: .linear
        )
        #expect(try builder.apply(rest) == .applySnapshot)
        #expect(builder.book.bestBidLevel == BookLevel(price: p("27450.5"), quantity: q("1.5")))
        #expect(builder.book.bestAskLevel == BookLevel(price: 27_451, quantity: q("1.2")))
        #expect(try builder.apply(Self.delta(updateID: 1_234_568)) == .applyDelta)
        #expect(builder.book.bestAskLevel == BookLevel(price: p("27451.5"), quantity: 3))
        #expect(builder.book.levels(.bid).map(\.quantity) == [q("1.5"), q("0.4"), q("0.75")])
    }

    @Test func restartDuplicateAndCrossedBook() throws {
        var builder = try Self.builder()
        _ = try builder.apply(Self.message("ws_orderbook_snapshot.json"))
        #expect(try builder.apply(Self.message("ws_orderbook_snapshot.json")) == .applySnapshot)
        _ = try builder.apply(Self.message("ws_orderbook_delta.json"))
        #expect(
            try builder.apply(Self.message("ws_orderbook_delta.json"))
                == .drop(.stale(received: 123_456_790, lastApplied: 123_456_790))
        )
        // u == 1 after a service restart: the delta replaces the book.
        #expect(try builder.apply(Self.delta(updateID: 1)) == .applySnapshot)
        #expect(builder.book.depth(.bid) == 1 && builder.book.depth(.ask) == 0)
        _ = try builder.apply(Self.message("ws_orderbook_snapshot.json"))
        // A bid above the best ask chains by number but crosses the book: an update was lost.
        let crossed = try builder.apply(Self.delta(updateID: 123_456_790, bid: "27452.00"))
        #expect(
            crossed == .resync(BookResync(venue: .bybit, reason: .crossedBook, expected: nil, received: 123_456_790))
        )
        #expect(builder.book.depth(.bid) == 0 && builder.sequencer.lastUpdateID == nil)
    }
}
