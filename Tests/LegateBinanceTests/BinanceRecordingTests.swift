// Proves the Binance book path on real recorded traffic (cryptofeed, 2021): every `depthUpdate` of the USD-M session
// (4 symbols, 764 events chained by `pu`) and of the spot session (4 symbols, 177 events chained by `U == u + 1`)
// replays through `BinanceBookBuilder` on the grid of the symbol's listed spec into a book that never crosses and
// holds exactly the sizes each message set; dropping one event makes the next ask for a resync (the gap named by its
// ids) and empties the book; a stale snapshot is refused; a fresh snapshot bridges the buffered events and the book
// ends identical to the uninterrupted replay.
//
// The recordings hold no REST snapshot, so each replay starts from an empty snapshot at the first event's ids: the
// book then holds the levels the stream touched, a subset of the venue's book, which can never cross if the venue's
// does not.
import Foundation
import LegateCore
import LegateModel
import LegateSymbology
import LegateVenues
import Testing

@testable import LegateBinance

@Suite struct BinanceRecordingTests {
    struct Session {
        let market: Market
        let recording: String
        let listing: String
        var sequencerMarket: BinanceBookSequencer.Market { market == .spot ? .spot : .usdMFutures }
    }

    static let futures = Session(
        market: .linear,
        recording: "cryptofeed/BINANCE_FUTURES.ws.1.0",
        listing: "cryptofeed/BINANCE_FUTURES.0"
    )
    static let spot = Session(market: .spot, recording: "cryptofeed/BINANCE.ws.1.0", listing: "cryptofeed/BINANCE.0")

    /// The session's depth events per symbol, in arrival order.
    static func events(_ session: Session) throws -> [String: [BookUpdate]] {
        var events: [String: [BookUpdate]] = [:]
        for message in try Fixtures.receivedMessages(session.recording) {
            guard try BinanceCodec.event(BinanceEventHeader.self, from: message).eventType == "depthUpdate" else {
                continue
            }
            let wire = try BinanceCodec.event(BinanceDepthUpdateWire.self, from: message)
            events[wire.symbol, default: []].append(try BinanceTranslator.depthUpdate(wire, market: session.market))
        }
        return events
    }

    static func builder(_ session: Session, symbol: String) throws -> BinanceBookBuilder {
        let response = try #require(try Fixtures.restResponses(session.listing).first)
        let info = try BinanceCodec.decode(BinanceExchangeInfoWire.self, from: response.body)
        let spec = try #require(
            BinanceTranslator.specs(info, market: session.market).specs.first { $0.symbol == symbol }
        )
        let grid = try BookGrid(tickSize: spec.tickSize, lotSize: spec.lotSize.decimal)
        return BinanceBookBuilder(market: session.sequencerMarket, grid: grid)
    }

    /// A snapshot of `levels` at `lastUpdateID`, as a REST depth answer would give it.
    static func snapshot(
        of first: BookUpdate,
        lastUpdateID: Int64,
        bids: [BookLevel] = [],
        asks: [BookLevel] = []
    ) -> BookUpdate {
        BookUpdate(
            venue: .binance,
            instrument: first.instrument,
            kind: .snapshot,
            bids: bids,
            asks: asks,
            sequence: BookSequence(first: lastUpdateID, last: lastUpdateID, previous: nil),
            at: first.at
        )
    }

    /// The snapshot id the first event bridges from: futures need `U <= id <= u`, spot `U <= id + 1 <= u`.
    static func bridgingID(_ session: Session, _ first: BookUpdate) -> Int64 {
        session.market == .spot ? first.sequence.first - 1 : first.sequence.last
    }

    /// Replays one symbol from an empty snapshot; returns the builder after each event.
    static func replay(_ session: Session, symbol: String, events: [BookUpdate]) throws -> [BinanceBookBuilder] {
        var builder = try builder(session, symbol: symbol)
        let first = try #require(events.first)
        #expect(try builder.receive(first) == .buffered(count: 1))
        #expect(
            try builder.receiveSnapshot(snapshot(of: first, lastUpdateID: bridgingID(session, first)))
                == .appliedSnapshot(deltas: 1)
        )
        var states = [builder]
        for event in events.dropFirst() {
            #expect(try builder.receive(event) == .applied)
            states.append(builder)
        }
        return states
    }

    /// The book holds exactly the sizes the event set (a zero size: no level).
    static func expectSizes(of event: BookUpdate, in book: OrderBook) throws {
        for (side, levels) in [(BookSide.bid, event.bids), (.ask, event.asks)] {
            for level in levels {
                let ticks = try book.grid.ticks(level.price)
                #expect(
                    book.lots(side, atTicks: ticks) == (try book.grid.lots(level.quantity)),
                    "\(side) \(level.price)"
                )
            }
        }
    }

    @Test(arguments: ["futures", "spot"])
    func everyRecordedEventReplaysIntoAConsistentBook(sessionName: String) throws {
        let session = sessionName == "spot" ? Self.spot : Self.futures
        let events = try Self.events(session)
        let expectedCounts =
            session.market == .spot
            ? ["NKNUSDT": 150, "BLZETH": 10, "LRCBTC": 15, "RUNEEUR": 2]
            : ["SUSHIUSDT": 255, "AKROUSDT": 189, "KEEPUSDT": 135, "CTKUSDT": 185]
        #expect(events.mapValues(\.count) == expectedCounts)
        for (symbol, updates) in events {
            let states = try Self.replay(session, symbol: symbol, events: updates)
            for (state, event) in zip(states, updates) {
                #expect(
                    !state.book.isCrossed && state.book.invariantViolation() == nil,
                    "\(symbol) at u \(event.sequence.last)"
                )
                try Self.expectSizes(of: event, in: state.book)
            }
        }
    }

    @Test(arguments: ["futures", "spot"])
    func aDroppedEventAsksForAResyncAndAFreshSnapshotRecovers(sessionName: String) throws {
        let session = sessionName == "spot" ? Self.spot : Self.futures
        let symbol = session.market == .spot ? "NKNUSDT" : "SUSHIUSDT"
        let events = try #require(try Self.events(session)[symbol])
        let reference = try Self.replay(session, symbol: symbol, events: events)
        let dropped = 40
        var builder = try #require(reference.first)
        for event in events[1..<dropped] { _ = try builder.receive(event) }
        // Event 40 is lost; 41 does not chain onto 39.
        let gap = try builder.receive(events[dropped + 1])
        let expected =
            session.market == .spot
            ? BookResync(
                venue: .binance,
                reason: .gap,
                expected: events[dropped - 1].sequence.last + 1,
                received: events[dropped + 1].sequence.first
            )
            : BookResync(
                venue: .binance,
                reason: .gap,
                expected: events[dropped - 1].sequence.last,
                received: events[dropped + 1].sequence.previous
            )
        #expect(gap == .resync(expected))
        #expect(builder.book.depth(.bid) == 0 && builder.book.depth(.ask) == 0)
        for (offset, event) in events[(dropped + 2)...(dropped + 10)].enumerated() {
            #expect(try builder.receive(event) == .buffered(count: offset + 2))
        }
        // A snapshot from before the gap cannot bridge to the buffered stream.
        var stale = builder
        let staleSnapshot = Self.snapshot(of: events[0], lastUpdateID: events[dropped - 1].sequence.last)
        let target = events[dropped - 1].sequence.last + (session.market == .spot ? 1 : 0)
        let refused = BookResync(
            venue: .binance,
            reason: .snapshotOutOfRange,
            expected: target,
            received: events[dropped + 1].sequence.first
        )
        #expect(try stale.receiveSnapshot(staleSnapshot) == .resync(refused))
        // A fresh snapshot: the venue's book as of event 45 (the uninterrupted replay's).
        let at = dropped + 5
        let fresh = Self.snapshot(
            of: events[0],
            lastUpdateID: events[at].sequence.last,
            bids: reference[at].book.levels(.bid),
            asks: reference[at].book.levels(.ask)
        )
        guard case .appliedSnapshot(let bridged) = try builder.receiveSnapshot(fresh) else {
            Issue.record("the fresh snapshot applies")
            return
        }
        // Futures re-apply the event straddling the snapshot id (45); spot starts after it (46).
        #expect(bridged == (session.market == .spot ? 5 : 6))
        for event in events[(dropped + 11)...] { #expect(try builder.receive(event) == .applied) }
        let final = try #require(reference.last)
        #expect(builder.book.levels(.bid) == final.book.levels(.bid))
        #expect(builder.book.levels(.ask) == final.book.levels(.ask))
    }
}
