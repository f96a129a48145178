// Proves the Binance session's market side against the stand-in: the recorded 2021 USD-M SUSHIUSDT diff stream is
// buffered, bridged to a REST snapshot through BinanceBookBuilder and ends in the same book as a direct replay; a
// dropped event makes the session fetch a fresh snapshot and recover; the recorded mark price becomes a ticker and a
// funding rate; the server's ping is answered with a pong; a dropped stream reconnects on the seeded backoff schedule
// and subscribes again; options marks (IVs, Greeks) and whole-book depth become tickers and snapshots.
import Foundation
import LegateCore
import LegateModel
import LegateSymbology
import LegateTransport
import LegateVenues
import Testing

@testable import LegateBinance

@Suite(.timeLimit(.minutes(1))) struct BinanceMarketSessionTests {
    static let symbol = "SUSHIUSDT"
    static let eventCount = 60

    /// The first recorded SUSHIUSDT depth messages, as Binance sent them (combined-stream frames).
    static func recordedFrames() throws -> [String] {
        let frames = try Fixtures.receivedMessages("cryptofeed/BINANCE_FUTURES.ws.1.0")
            .map { String(decoding: $0, as: UTF8.self) }
            .filter { $0.contains(#""stream":"sushiusdt@depth@100ms""#) }
        return Array(frames.prefix(eventCount))
    }

    static func snapshotJSON(_ id: Int64, bids: [BookLevel] = [], asks: [BookLevel] = []) -> String {
        func side(_ levels: [BookLevel]) -> String {
            "[" + levels.map { #"["\#($0.price.decimal)","\#($0.quantity.decimal)"]"# }.joined(separator: ",") + "]"
        }
        return
            #"{"lastUpdateId":\#(id),"E":1626992741037,"T":1626992741024,"bids":\#(side(bids)),"asks":\#(side(asks))}"#
    }

    /// The book the published updates describe, on the symbol's grid.
    static func book(from updates: [BookUpdate], spec: InstrumentSpec) throws -> OrderBook {
        var book = OrderBook(grid: try BookGrid(tickSize: spec.tickSize, lotSize: spec.lotSize.decimal))
        for update in updates where update.instrument == spec.instrument { try book.apply(update) }
        return book
    }

    static func reference() throws -> (events: [BookUpdate], final: OrderBook) {
        let all = try #require(try BinanceRecordingTests.events(BinanceRecordingTests.futures)[symbol])
        let events = Array(all.prefix(eventCount))
        let states = try BinanceRecordingTests.replay(BinanceRecordingTests.futures, symbol: symbol, events: events)
        return (events, try #require(states.last).book)
    }

    @Test(arguments: [false, true])
    func theDiffBookBridgesToItsSnapshotAndAGapFetchesAFreshOne(dropsAnEvent: Bool) async throws {
        // Given the recorded stream (event 40 lost when asked), a first snapshot at the first event's `u`, and a fresh
        // one equal to the uninterrupted book after the last event
        let (events, final) = try Self.reference()
        var recorded = try Self.recordedFrames()
        if dropsAnEvent { recorded.remove(at: 40) }
        let frames = recorded
        let first = Self.snapshotJSON(events[0].sequence.last)
        let fresh = Self.snapshotJSON(
            events[Self.eventCount - 1].sequence.last,
            bids: final.levels(.bid),
            asks: final.levels(.ask)
        )
        let served = Gathered<Int>()
        let standInWithFresh = BinanceStandIn(
            rest: { request in
                guard request.path == "/fapi/v1/depth" else { return nil }
                served.append(1)
                return LoopbackHTTPResponse(text: served.count == 1 ? first : fresh)
            },
            market: { _, _ in frames.map(StreamAction.send) }
        )
        let spec = try #require(try BinanceHarness.usdmSpecs([Self.symbol]).first)
        try await BinanceHarness.run(
            standInWithFresh,
            market: .usdm,
            specs: [spec],
            credentials: nil
        ) { session, outputs in
            // When Legate subscribes to the book
            try await session.subscribe([
                MarketDataSubscription(instrument: spec.instrument, channel: .book(depth: nil))
            ])
            // Then the published updates rebuild the uninterrupted book
            try await waitUntil("the final book") {
                (try? Self.book(from: outputs.books, spec: spec)).map {
                    $0.levels(.bid) == final.levels(.bid) && $0.levels(.ask) == final.levels(.ask)
                } ?? false
            }
            #expect(standInWithFresh.subscriptions.all.first?.streams == ["sushiusdt@depth@100ms"])
            let resyncs = outputs.events.all.filter { if case .bookResync = $0 { true } else { false } }
            #expect(resyncs.isEmpty == !dropsAnEvent)
            #expect(served.count == (dropsAnEvent ? 2 : 1))
            #expect(outputs.books.first?.kind == .snapshot)
        }
    }

    @Test func theRecordedMarkPriceIsATickerAndFundingAndPingsAreAnswered() async throws {
        // Given a venue that pings, then sends the recorded BTCUSDT mark price event
        let mark = try String(
            contentsOf: Fixtures.url(Folder.futuresMarket + "mark_price_stream.json"),
            encoding: .utf8
        )
        let standIn = BinanceStandIn(market: { _, streams in
            streams.isEmpty
                ? [] : [.ping(Array("legate".utf8)), .send(#"{"stream":"btcusdt@markPrice","data":\#(mark)}"#)]
        })
        let spec = try #require(try BinanceHarness.usdmSpecs(["BTCUSDT"]).first)
        try await BinanceHarness.run(
            standIn,
            market: .usdm,
            specs: [spec],
            credentials: nil
        ) { session, outputs in
            try await session.subscribe([
                MarketDataSubscription(instrument: spec.instrument, channel: .ticker),
                MarketDataSubscription(instrument: spec.instrument, channel: .funding),
            ])
            try await waitUntil("the mark and the pong") { outputs.funding.count == 1 && standIn.pongs.count == 1 }
            // Then the mark is 11794.15 with index 11784.62659091, funding 0.00038167 next at 1562306400000
            let ticker = try #require(outputs.tickers.first)
            #expect(ticker.markPrice == p("11794.15000000") && ticker.indexPrice == p("11784.62659091"))
            let funding = try #require(outputs.funding.first)
            #expect(funding.rate == d("0.00038167") && funding.nextFundingAt == ms(1_562_306_400_000))
            // And the server's ping came back as a pong with its payload, and health saw the connection
            #expect(standIn.pongs.all == [Array("legate".utf8)])
            #expect(standIn.subscriptions.all.first?.streams == ["btcusdt@markPrice"])
            #expect(
                outputs.health.all.contains {
                    if case .stateChanged(_, _, .connected, _, _) = $0 { true } else { false }
                }
            )
        }
    }

    @Test func aDropIsFollowedBySeededBackoffAndTheSameSubscription() async throws {
        // Given a venue that drops the first connection after the subscription and refuses the next two at once
        let standIn = BinanceStandIn(
            dropsOnConnect: [2, 3],
            market: { connection, _ in connection == 1 ? [.drop] : [] }
        )
        let spec = try #require(try BinanceHarness.usdmSpecs(["BTCUSDT"]).first)
        let clock = BinanceTestClock()
        try await BinanceHarness.run(
            standIn,
            market: .usdm,
            specs: [spec],
            clock: clock,
            credentials: nil
        ) { session, outputs in
            try await session.subscribe([MarketDataSubscription(instrument: spec.instrument, channel: .ticker)])
            try await waitUntil("the fourth connection's subscription") {
                outputs.events.all.contains(.subscribed(connection: 4, streams: ["btcusdt@markPrice"]))
            }
            // Then the three waits are the seeded backoff's first three draws (2 ms doubling, full jitter)
            var backoff = BinanceHarness.backoff
            var generator = SplitMix64(seed: 42)
            let expected = (0..<3).map { _ in backoff.nextDelay(using: &generator) }
            let waits = outputs.states.all.compactMap { state -> Int64? in
                if state.stream == .market, case .waiting(_, let delay) = state.state { delay } else { nil }
            }
            #expect(waits == expected)
            #expect(expected.allSatisfy(clock.sleeps.contains))
            // And the fourth connection subscribed the same stream again
            #expect(standIn.subscriptions.all.last?.streams == ["btcusdt@markPrice"])
            #expect(outputs.events.all.contains(.subscribed(connection: 4, streams: ["btcusdt@markPrice"])))
        }
    }

    @Test func optionMarksAndBooksBecomeTickersWithIVsAndSnapshots() async throws {
        // Given the documented mark-price message (two strikes) and a top-20 book of BTC-241227-60000-C
        let marks = try String(
            contentsOf: Fixtures.url("binance-docs/options/mark_price_stream.json.txt"),
            encoding: .utf8
        )
        let depth = try String(contentsOf: Fixtures.url("binance-docs/options/depth_stream.json.txt"), encoding: .utf8)
        let standIn = BinanceStandIn(market: { _, streams in streams.count == 2 ? [.send(marks), .send(depth)] : [] })
        let spec = try BinanceHarness.optionSpec()
        try await BinanceHarness.run(
            standIn,
            market: .options,
            specs: [spec],
            credentials: nil
        ) { session, outputs in
            try await session.subscribe([
                MarketDataSubscription(instrument: spec.instrument, channel: .ticker),
                MarketDataSubscription(instrument: spec.instrument, channel: .book(depth: nil)),
            ])
            try await waitUntil("the ticker and the book") { outputs.tickers.count == 1 && outputs.books.count == 1 }
            #expect(
                Set(standIn.subscriptions.all[0].streams) == [
                    "btcusdt@optionMarkPrice", "BTC-241227-60000-C@depth20@100ms",
                ]
            )
            // Then only the subscribed strike's mark is published, with its IVs as fractions and a -1 bid IV absent
            let ticker = try #require(outputs.tickers.first)
            #expect(ticker.instrument == spec.instrument && ticker.markPrice == p("770.543"))
            #expect(ticker.markImpliedVolatility == d("0.9408058") && ticker.askImpliedVolatility == d("0.98161161"))
            #expect(ticker.bidImpliedVolatility == nil && ticker.greeks?.delta == d("0.11111964"))
            #expect(ticker.bestAsk == BookLevel(price: p("900.000"), quantity: q("0.2000")) && ticker.bestBid == nil)
            // And the depth message is a whole-book snapshot
            let book = try #require(outputs.books.first)
            #expect(book.kind == .snapshot && book.bids.count == 2 && book.asks.first?.price == p("1255"))
            #expect(book.sequence.last == 1205 && book.sequence.previous == 1204)
        }
    }
}
