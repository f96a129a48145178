// Proves the Bybit session's streams against the stand-in on 127.0.0.1, which replays the recorded fixtures: the
// private stream authenticates with a signature the stand-in checks (a wrong one is a typed error and never ready),
// public topics of two categories turn recorded books, tickers (mark, mark IV, index, funding) and trades into model
// values, a skipped book update resubscribes for a fresh snapshot (and `u == 1` replaces the book), a drop reconnects
// with the seeded backoff and restores auth and every topic, and an unanswered ping reconnects. No test touches the
// internet; waits are milliseconds.
import Foundation
import LegateBybit
import LegateCore
import LegateModel
import LegateSymbology
import LegateTransport
import LegateVenues
import Testing

@Suite struct BybitSessionTests {
    static let bookTopic = "orderbook.1.BTCUSDT"

    /// The recorded trade push, under the topic Bybit really uses (the fixture says `trade.linear.BTCUSDT`; see
    /// Fixtures/SOURCES.md).
    static func tradePush() throws -> String {
        try Fixtures.text("ws_public_trade.json").replacingOccurrences(
            of: "trade.linear.BTCUSDT",
            with: "publicTrade.BTCUSDT"
        )
    }

    /// The recorded delta with its update id (and cross sequence) replaced.
    static func delta(updateID: Int64) throws -> String {
        try Fixtures.text("ws_orderbook_delta.json")
            .replacingOccurrences(of: "123456790", with: String(updateID))
            .replacingOccurrences(of: "987654322", with: String(987_654_321 + updateID))
    }

    @Test func authenticatesSubscribesAndStreamsRecordedMarketDataAsModelValues() async throws {
        // Given a venue that answers each public subscription with the recorded pushes of its topics
        let snapshot = try Fixtures.text("ws_orderbook_snapshot.json")
        let delta = try Fixtures.text("ws_orderbook_delta.json")
        let linearTicker = try Fixtures.text("ws_ticker_linear.json")
        let optionTicker = try Fixtures.text("ws_ticker_option.json")
        let trade = try Self.tradePush()
        let standIn = BybitStandIn(frames: { frame, venue in
            guard frame.op == "subscribe", frame.stream.hasPrefix("/v5/public/") else { return nil }
            let ack = StandInAction.send(BybitStandIn.acknowledgement(frame))
            var pushes: [String] = []
            if frame.args.contains(Self.bookTopic) { pushes += [snapshot, delta] }
            if frame.args.contains("tickers.BTCUSDT") { pushes.append(linearTicker) }
            if frame.args.contains("publicTrade.BTCUSDT") { pushes.append(trade) }
            if frame.args.contains("tickers.BTC-6JAN23-17500-C") { pushes.append(optionTicker) }
            return [ack] + pushes.map(StandInAction.send)
        })
        try await BybitSessionHarness.run(standIn) { session, capture in
            try await waitUntil("the private stream to be ready") { capture.readyCount(.account) == 1 }
            // When Legate subscribes to the perpetual's book, ticker and trades, and an option's ticker
            let perpetual = try BybitSessionHarness.linear("BTCUSDT")
            let option = try BybitTranslator.instrument("BTC-6JAN23-17500-C", category: .option)
            try await session.subscribe(
                [.book(depth: 1), .ticker, .trades].map { MarketDataSubscription(instrument: perpetual, channel: $0) }
                    + [MarketDataSubscription(instrument: option, channel: .ticker)]
            )
            try await waitUntil("every recorded push as model values") { capture.marketData.count == 6 }

            // Then the private stream authenticated with a signature the venue accepted and took the account topics
            let privateFrames = standIn.frames.all.filter { $0.stream == BybitStandIn.privateStream }
            #expect(privateFrames.map(\.op) == ["auth", "subscribe"])
            #expect(standIn.isValidAuthentication(privateFrames[0]))
            #expect(privateFrames[1].args == ["order", "execution", "position", "wallet"])
            try await waitUntil("the authenticated event") {
                capture.events.all.contains(.authenticated(connection: 1))
            }
            // And each category's stream took its own topics
            let linear = standIn.frames.all.filter { $0.stream == "/v5/public/linear" && $0.op == "subscribe" }
            #expect(linear.flatMap(\.args) == [Self.bookTopic, "tickers.BTCUSDT", "publicTrade.BTCUSDT"])
            // And the book's grid came from the recorded listing of BTCUSDT, unsigned
            let listing = try #require(standIn.requests.all.first { $0.path == "/v5/market/instruments-info" })
            #expect(listing.query == "category=linear&symbol=BTCUSDT" && listing.isSignatureValid == nil)
            // And the pushes arrived as the recordings say: the book chained, bid 27450 down to 0.4
            #expect(capture.books.map(\.kind) == [.snapshot, .delta])
            #expect(capture.books.last?.bids == [BookLevel(price: 27_450, quantity: q("0.4"))])
            let tickers = capture.tickers
            let perpetualTicker = try #require(tickers.first { $0.instrument == perpetual })
            #expect(perpetualTicker.markPrice == p("17217.33") && perpetualTicker.indexPrice == p("17227.36"))
            #expect(capture.fundingRates.first?.rate == d("-0.000212"))
            // The option's mark IV as Bybit sends it: a fraction, 0.4896 = 48.96%.
            #expect(tickers.first { $0.instrument == option }?.markImpliedVolatility == d("0.4896"))
            #expect(capture.trades.map(\.price) == [p("27451.00")] && capture.trades.first?.aggressor == .buy)
            // And health saw the session connect and timed the requests it acknowledged
            #expect(capture.healthStates.first == .connected)
            let summary = await session.healthSummary()
            #expect(summary.samples >= 4 && summary.errors == 0 && summary.p50Nanos != nil)
        }
    }

    @Test func aSkippedBookUpdateResubscribesForAFreshSnapshotAndUpdateOneReplacesTheBook() async throws {
        // Given a venue whose first book stream skips update 123456790, and whose second is whole and then restarts
        // (u == 1)
        let snapshot = try Fixtures.text("ws_orderbook_snapshot.json")
        let gap = try Self.delta(updateID: 123_456_791)
        let whole = try Fixtures.text("ws_orderbook_delta.json")
        let restart = try Self.delta(updateID: 1)
        let standIn = BybitStandIn(frames: { frame, venue in
            guard frame.op == "subscribe", frame.args.contains(Self.bookTopic) else { return nil }
            let rounds = venue.frames.all.filter { $0.op == "subscribe" && $0.args.contains(Self.bookTopic) }.count
            let pushes = rounds == 1 ? [snapshot, gap] : [snapshot, whole, restart]
            return [.send(BybitStandIn.acknowledgement(frame))] + pushes.map(StandInAction.send)
        })
        try await BybitSessionHarness.run(standIn) { session, capture in
            let perpetual = try BybitSessionHarness.linear("BTCUSDT")
            try await session.subscribe([MarketDataSubscription(instrument: perpetual, channel: .book(depth: 1))])
            try await waitUntil("the book after the resync") { capture.books.count == 4 }
            // Then the gapped delta never reached Legate; the session re-subscribed and passed on the new snapshot,
            // the whole delta, and the restart as a snapshot
            #expect(capture.books.map(\.kind) == [.snapshot, .snapshot, .delta, .snapshot])
            #expect(capture.books.map(\.sequence.last) == [123_456_789, 123_456_789, 123_456_790, 1])
            let resync = BookResync(venue: .bybit, reason: .gap, expected: 123_456_790, received: 123_456_791)
            try await waitUntil("the resync event") {
                capture.events.all.contains(.bookResync(topic: Self.bookTopic, resync))
            }
            let bookFrames = standIn.frames.all.filter { $0.args == [Self.bookTopic] }
            #expect(bookFrames.map(\.op) == ["subscribe", "unsubscribe", "subscribe"])
        }
    }

    @Test func aRefusedSignatureIsATypedErrorAndTheSessionNeverGetsReady() async throws {
        // Given a session that signs with the wrong secret and gives up after two attempts
        let standIn = BybitStandIn()
        let configure: @Sendable (LoopbackServer) -> BybitSessionConfiguration = {
            BybitSessionHarness.configuration($0, secret: "wrong-secret", maximumConsecutiveFailures: 2)
        }
        try await BybitSessionHarness.run(standIn, configure: configure) { session, capture in
            try await waitUntil("the private link to stop") {
                capture.links.all.contains(
                    BybitLinkState(link: .account, state: .stopped(reason: "gave up after 2 failed attempts"))
                )
            }
            // Then the venue refused both signatures with its recorded answer, nothing else was sent on the stream
            #expect(standIn.frames.all.map(\.op) == ["auth", "auth"])
            #expect(standIn.frames.all.allSatisfy { !standIn.isValidAuthentication($0) })
            try await waitUntil("the refusal event") {
                capture.events.all.contains(
                    .authenticationRefused(connection: 1, code: 10_003, message: "Invalid apikey")
                )
            }
            #expect(capture.readyCount(.account) == 0)
            // And an order now fails with the typed authentication error, before anything is sent
            let order = try BybitOrderSessionTests.request(quantity: q("0.015"))
            await #expect(throws: VenueError.authenticationFailed(venue: .bybit, reason: "10003 Invalid apikey")) {
                try await session.place(orderID: BybitOrderSessionTests.orderID, request: order)
            }
            #expect(!standIn.requests.all.contains { $0.path == "/v5/order/create" })
        }
    }

    @Test func aDropReconnectsWithTheSeededBackoffAndRestoresAuthenticationAndEveryTopic() async throws {
        // Given a venue that drops the first private connection once disconnect protection is subscribed, refuses the
        // next two at once, and serves the fourth
        let standIn = BybitStandIn(
            dropsOnConnect: [BybitStandIn.privateStream: [2, 3]],
            frames: { frame, _ in
                guard frame.connection == 1, frame.op == "subscribe", frame.args == ["dcp"] else { return nil }
                return [.send(BybitStandIn.acknowledgement(frame)), .drop]
            }
        )
        let clock = SleepLoggingClock()
        let configure: @Sendable (LoopbackServer) -> BybitSessionConfiguration = {
            BybitSessionHarness.configuration($0, clock: clock)
        }
        try await BybitSessionHarness.run(standIn, configure: configure) { session, capture in
            try await waitUntil("the private stream to be ready") { capture.readyCount(.account) == 1 }
            // When Legate arms disconnect protection (the drop follows)
            try await session.armCancelOnDisconnect(timeoutNanos: 10_000_000_000)
            try await waitUntil("the fourth connection to be ready") { capture.readyCount(.account) == 2 }

            // Then the three waits are the private link's seeded backoff: 2 ms doubling, full jitter, seed 7 + 0
            var backoff = BybitSessionHarness.backoff
            var generator = SplitMix64(seed: 7)
            let expected = (0..<3).map { _ in backoff.nextDelay(using: &generator) }
            #expect(capture.waits(.account) == expected)
            #expect(Self.appearInOrder(expected, in: clock.requestedSleeps))
            // And the fourth connection authenticated afresh and re-subscribed the account topics and `dcp`
            let fourth = standIn.frames.all.filter { $0.stream == BybitStandIn.privateStream && $0.connection == 4 }
            #expect(fourth.map(\.op) == ["auth", "subscribe"])
            #expect(standIn.isValidAuthentication(fourth[0]))
            #expect(fourth[1].args == ["order", "execution", "position", "wallet", "dcp"])
            try await waitUntil("the fourth authentication") {
                capture.events.all.contains(.authenticated(connection: 4))
            }
            // And health saw the drop and the recovery
            try await waitUntil("health to recover") { capture.healthStates.last == .connected }
            #expect(capture.healthStates.first == .connected && capture.healthStates.last == .connected)
            #expect(capture.healthStates.contains(.disconnected))
        }
    }

    static func appearInOrder(_ values: [Int64], in sequence: [Int64]) -> Bool {
        var next = 0
        for value in sequence where next < values.count && value == values[next] { next += 1 }
        return next == values.count
    }

    @Test func pingsKeepTheStreamAliveAndAMissingPongReconnects() async throws {
        // Given a venue that never answers pings on the first private connection, and answers them afterwards
        let standIn = BybitStandIn(frames: { frame, _ in
            frame.op == "ping" && frame.connection == 1 ? [] : nil
        })
        let configure: @Sendable (LoopbackServer) -> BybitSessionConfiguration = {
            BybitSessionHarness.configuration($0, heartbeatIntervalNanos: 20_000_000, pongTimeoutNanos: 300_000_000)
        }
        try await BybitSessionHarness.run(standIn, configure: configure) { _, capture in
            // Then the unanswered ping ends the first connection, and the second is pinged and answers
            try await waitUntil("the missed pong") {
                capture.events.all.contains(.heartbeatMissed(link: .account, connection: 1))
            }
            try await waitUntil("answered pings on the second connection") {
                standIn.frames.all.filter { $0.op == "ping" && $0.connection == 2 }.count >= 2
                    && capture.readyCount(.account) == 2
            }
            let pings = standIn.frames.all.filter { $0.op == "ping" }
            #expect(pings.allSatisfy { $0.text.contains(#""op":"ping""#) && $0.requestID != nil })
            #expect(!capture.events.all.contains(.heartbeatMissed(link: .account, connection: 2)))
        }
    }
}
