// Proves the Deribit session against a stand-in venue on 127.0.0.1 that answers with the recorded messages of
// Fixtures/: it authenticates with a signature the venue checks, subscribes and turns the recorded 2021 session
// (46 books, 89 tickers) and recorded trades into model values, answers the heartbeat's test_request, retries a
// request refused with 10028 after the limiter's penalty, reconnects after a drop with the seeded backoff and restores
// authentication, cancel-on-disconnect and subscriptions, resynchronises a book after an injected gap, refreshes its
// token, and turns order answers and notifications into reports once each. No test touches the internet.
import Foundation
import LegateCore
import LegateModel
import LegateTransport
import LegateVenues
import Testing

@testable import LegateDeribit

@Suite struct DeribitSessionTests {
    static func instrument(_ name: String) throws -> Instrument { try DeribitTranslator.instrument(named: name) }

    @Test func authenticatesSubscribesAndStreamsTheRecordedSessionAsModelValues() async throws {
        // Given a venue that answers the subscription with the recorded ack, then replays the recorded notifications
        // and the recorded BTC-PERPETUAL trades
        let received = try Fixtures.receivedMessages("DERIBIT.ws.1.0").map { String(decoding: $0, as: UTF8.self) }
        let ack = received[0]
        let notifications = received.dropFirst().map(VenueAction.send)
        let trades = try Fixtures.text("ws_trades.json")
        let standIn = DeribitStandIn { request, _ in
            guard request.method == "public/subscribe" else { return nil }
            return [.send(Fixtures.answering(ack, id: request.id))] + notifications + [.send(trades)]
        }
        let recordedRequest = try #require(
            DeribitStandIn.parse(Fixtures.sentMessages("DERIBIT.ws.1.0")[0], connection: 0)
        )
        try await SessionHarness.run(standIn) { session, outputs in
            try await eventually("the session to be ready") { outputs.readyCount == 1 }
            // When Legate subscribes to books, trades and tickers of the ten recorded options, and BTC-PERPETUAL trades
            var subscriptions: [MarketDataSubscription] = []
            for symbol in DeribitRecordingTests.recordedSymbols {
                let option = try Self.instrument(symbol)
                subscriptions += [.book(depth: nil), .trades, .ticker].map {
                    MarketDataSubscription(instrument: option, channel: $0)
                }
            }
            subscriptions.append(
                MarketDataSubscription(instrument: try Self.instrument("BTC-PERPETUAL"), channel: .trades)
            )
            try await session.subscribe(subscriptions)
            try await eventually("every recorded notification as model values") { outputs.marketData.count == 137 }

            // Then it authenticated with a signature the venue accepted, set the heartbeat, and asked for exactly the
            // recorded session's channels
            let requests = standIn.requests.all
            #expect(requests.map(\.method) == ["public/auth", "public/set_heartbeat", "public/subscribe"])
            #expect(requests[0].string("grant_type") == "client_signature")
            #expect(requests[1].integer("interval") == 10)
            #expect(Set(requests[2].channels) == Set(recordedRequest.channels + ["trades.BTC-PERPETUAL.raw"]))
            #expect(outputs.events.all.contains(.authenticated(connection: 1, scope: "connection mainaccount")))
            // And every book chained (46 applied), every ticker and trade translated
            #expect(outputs.books.count == 46)
            #expect(outputs.tickers.count == 89)
            #expect(outputs.trades.map(\.tradeID) == ["403691824", "403691825"])
            #expect(outputs.trades.first?.price == Price(FixedDecimal(units: 922_945, scale: 1)))
            let ticker = try #require(
                outputs.tickers.first { $0.instrument == (try? Self.instrument("BTC-31DEC21-34000-P")) }
            )
            // The first BTC-31DEC21-34000-P ticker of the session (venues.md §1.2): mark IV 80.02%.
            #expect(ticker.markImpliedVolatility == FixedDecimal(units: 8_002, scale: 4))
            #expect(outputs.health.all.first.map(Self.isConnected) == true)
            #expect(await session.healthSummary().samples == 3)
        }
    }

    static func isConnected(_ event: VenueHealthEvent) -> Bool {
        if case .stateChanged(_, _, .connected, _, _) = event { true } else { false }
    }

    @Test func aDropIsFollowedByBackoffReconnectAndRestoredAuthenticationSwitchAndSubscriptions() async throws {
        // Given a venue that drops the first connection right after the subscription, refuses the next two at once,
        // and serves the fourth
        let ticker = try Fixtures.text("ws_ticker.json")
        let standIn = DeribitStandIn(dropsOnConnect: [2, 3]) { request, _ in
            guard request.method == "public/subscribe" else { return nil }
            let ack = VenueAction.send(DeribitStandIn.result(request.id, DeribitStandIn.json(request.channels)))
            return request.connection == 1 ? [ack, .send(ticker), .drop] : [ack, .send(ticker)]
        }
        let clock = RecordingClock()
        let configure: @Sendable (LoopbackServer) -> DeribitSessionConfiguration = {
            SessionHarness.configuration($0, clock: clock)
        }
        try await SessionHarness.run(standIn, configure: configure) {
            session,
            outputs in
            try await eventually("the session to be ready") { outputs.readyCount == 1 }
            // When Legate arms cancel-on-disconnect and subscribes to the perpetual's ticker
            try await session.armCancelOnDisconnect(timeoutNanos: nil)
            let perpetual = try Self.instrument("BTC-PERPETUAL")
            try await session.subscribe([MarketDataSubscription(instrument: perpetual, channel: .ticker)])
            try await eventually("the fourth connection to be ready") { outputs.readyCount == 2 }
            try await eventually("the ticker again") { outputs.tickers.count == 2 }

            // Then the three waits are the seeded backoff's first three draws (2 ms doubling, full jitter)
            var backoff = SessionHarness.backoff
            var generator = SplitMix64(seed: 42)
            let expected = (0..<3).map { _ in backoff.nextDelay(using: &generator) }
            let waits = outputs.states.all.compactMap { state -> Int64? in
                if case .waiting(_, let delay) = state { delay } else { nil }
            }
            #expect(waits == expected)
            #expect(Self.isSubsequence(expected, of: clock.sleeps))
            // And the fourth connection re-authenticated, re-armed the switch and re-subscribed the same channel
            let fourth = standIn.requests.all.filter { $0.connection == 4 }
            #expect(
                fourth.map(\.method) == [
                    "public/auth", "public/set_heartbeat", "private/enable_cancel_on_disconnect", "public/subscribe",
                ]
            )
            #expect(fourth[3].channels == ["ticker.BTC-PERPETUAL.raw"])
            #expect(fourth[2].string("access_token") == "token-2")
            #expect(outputs.events.all.contains(.cancelOnDisconnectArmed(connection: 4)))
            #expect(outputs.events.all.contains(.subscribed(connection: 4, channels: ["ticker.BTC-PERPETUAL.raw"])))
            // And health saw the drop and the recovery
            let states = outputs.health.all.compactMap { event -> VenueConnectionState? in
                if case .stateChanged(_, _, let to, _, _) = event { to } else { nil }
            }
            #expect(states.first == .connected && states.last == .connected && states.contains(.disconnected))
        }
    }

    static func isSubsequence(_ values: [Int64], of sequence: [Int64]) -> Bool {
        var remaining = values[...]
        for value in sequence where value == remaining.first { remaining = remaining.dropFirst() }
        return remaining.isEmpty
    }

    @Test func theHeartbeatTestRequestIsAnsweredWithPublicTest() async throws {
        // Given a venue that sends its recorded test_request as soon as the heartbeat is set
        let testRequest = try Fixtures.text("ws_test_request.json")
        let standIn = DeribitStandIn { request, _ in
            guard request.method == "public/set_heartbeat" else { return nil }
            return [.send(DeribitStandIn.result(request.id, #""ok""#)), .send(testRequest)]
        }
        try await SessionHarness.run(standIn) { _, outputs in
            // Then the session answers with public/test on the same connection
            try await eventually("public/test") { standIn.requests.all.contains { $0.method == "public/test" } }
            #expect(standIn.requests.all.first { $0.method == "public/test" }?.connection == 1)
            try await eventually("the event") { outputs.events.all.contains(.heartbeatAnswered(connection: 1)) }
        }
    }

    @Test func tooManyRequestsIsRetriedAfterThePenaltyAndSucceeds() async throws {
        // Given a venue that refuses the first private/buy with its recorded 10028 and accepts the second
        let refusal = try Fixtures.text("ws_error.json")
        let accepted = try Fixtures.text("ws_order_buy_response.json")
        let standIn = DeribitStandIn { request, venue in
            guard request.method == "private/buy" else { return nil }
            let buys = venue.requests.all.filter { $0.method == "private/buy" }.count
            return [.send(Fixtures.answering(buys == 1 ? refusal : accepted, id: request.id))]
        }
        try await SessionHarness.run(standIn) { session, outputs in
            // When Legate places the recorded order
            try await session.place(orderID: Orders.id, request: try Orders.request())
            try await eventually("the acknowledgement") { outputs.reports.count == 1 }
            // Then the request went twice, the limiter held it in between, and the order is acknowledged once
            let buys = standIn.requests.all.filter { $0.method == "private/buy" }
            #expect(buys.count == 2)
            // The same request again, under a new id.
            #expect(Fixtures.answering(buys[0].text, id: 0) == Fixtures.answering(buys[1].text, id: 0))
            #expect(buys[0].id != buys[1].id)
            // Prices and amounts go out exactly as the model holds them.
            #expect(buys[0].text.contains(#""amount":0.001"#) && buys[0].text.contains(#""price":2973.55"#))
            #expect(outputs.events.all.contains { if case .rateLimited("private/buy", _) = $0 { true } else { false } })
            #expect(outputs.reports.all == [.acknowledged(orderID: Orders.id, venueOrderID: Orders.venueOrderID)])
        }
    }

    @Test func tooManyRequestsThatEndsTheSessionIsRetriedOnTheNextConnection() async throws {
        // Given a venue that, as Deribit documents for 10028, refuses and then terminates the session
        let refusal = try Fixtures.text("ws_error.json")
        let accepted = try Fixtures.text("ws_order_buy_response.json")
        let standIn = DeribitStandIn { request, _ in
            guard request.method == "private/buy" else { return nil }
            if request.connection == 1 { return [.send(Fixtures.answering(refusal, id: request.id)), .drop] }
            return [.send(Fixtures.answering(accepted, id: request.id))]
        }
        try await SessionHarness.run(standIn) { session, outputs in
            // When Legate places the recorded order
            try await session.place(orderID: Orders.id, request: try Orders.request())
            // Then the retry waited for the next connection, authenticated afresh, and was acknowledged there
            let buys = standIn.requests.all.filter { $0.method == "private/buy" }
            #expect(buys.map(\.connection) == [1, 2])
            #expect(buys.map { $0.string("access_token") } == ["token-1", "token-2"])
            try await eventually("the acknowledgement") { outputs.reports.count == 1 }
            #expect(outputs.reports.all == [.acknowledged(orderID: Orders.id, venueOrderID: Orders.venueOrderID)])
        }
    }

    @Test func anInjectedBookGapResubscribesForAFreshSnapshot() async throws {
        // Given a venue whose first book stream skips a change (prev_change_id 123456700, not 123456789), and whose
        // second is whole
        let snapshot = try Fixtures.text("ws_book_snapshot.json")
        let delta = try Fixtures.text("ws_book_delta.json")
        let gap = delta.replacingOccurrences(of: #""prev_change_id": 123456789"#, with: #""prev_change_id": 123456700"#)
        #expect(gap != delta)
        let standIn = DeribitStandIn { request, venue in
            guard request.method == "public/subscribe" else { return nil }
            let ack = VenueAction.send(DeribitStandIn.result(request.id, DeribitStandIn.json(request.channels)))
            let subscriptions = venue.requests.all.filter { $0.method == "public/subscribe" }.count
            return [ack, .send(snapshot), .send(subscriptions == 1 ? gap : delta)]
        }
        let channel = "book.BTC-PERPETUAL.100ms"
        let configure: @Sendable (LoopbackServer) -> DeribitSessionConfiguration = {
            SessionHarness.configuration($0, interval: "100ms")
        }
        try await SessionHarness.run(standIn, configure: configure) {
            session,
            outputs in
            let perpetual = try Self.instrument("BTC-PERPETUAL")
            try await session.subscribe([MarketDataSubscription(instrument: perpetual, channel: .book(depth: nil))])
            try await eventually("the book after the resync") { outputs.books.count == 3 }
            // Then the gapped change never reached Legate; the session re-subscribed and passed the new snapshot and
            // the whole change on
            #expect(outputs.books.map(\.kind) == [.snapshot, .snapshot, .delta])
            #expect(
                outputs.books.last?.sequence
                    == BookSequence(first: 123_456_790, last: 123_456_790, previous: 123_456_789)
            )
            let resync = BookResync(venue: .deribit, reason: .gap, expected: 123_456_789, received: 123_456_700)
            #expect(outputs.events.all.contains(.bookResync(channel: channel, resync)))
            let bookRequests = standIn.requests.all.filter { $0.channels == [channel] }
            #expect(bookRequests.map(\.method) == ["public/subscribe", "public/unsubscribe", "public/subscribe"])
        }
    }

    @Test func theTokenIsRefreshedBeforeItExpiresAndTheNewOneIsUsed() async throws {
        // Given a venue that issues one-second tokens, and answers open orders only for a refreshed token
        let order = try #require(Fixtures.member("order", of: try Fixtures.text("ws_order_buy_response.json")))
        let standIn = DeribitStandIn(tokenLifetimeSeconds: 1) { request, venue in
            guard request.method == "private/get_open_orders" else { return nil }
            // Any refreshed token: one issued after the first (a refresh may cross this request on the wire).
            guard let token = request.string("access_token"), venue.tokens.all.dropFirst().contains(token) else {
                return [.send(DeribitStandIn.error(request.id, code: 13_009, message: "unauthorized"))]
            }
            return [.send(DeribitStandIn.result(request.id, "[\(order)]"))]
        }
        try await SessionHarness.run(standIn) { session, outputs in
            // When half the token's life has passed
            try await eventually("a refresh") { outputs.events.all.contains(.tokenRefreshed(connection: 1)) }
            // Then the refresh used the refresh token the venue issued, and later private calls carry the new token
            let refresh = try #require(standIn.requests.all.first { $0.string("grant_type") == "refresh_token" })
            #expect(refresh.string("refresh_token") == "refresh-1")
            let open = try await session.openOrders()
            #expect(
                open == [
                    VenueOpenOrder(
                        venue: .deribit,
                        orderID: Orders.id,
                        venueOrderID: Orders.venueOrderID,
                        instrument: try Self.instrument("ETH_USDC-PERPETUAL"),
                        side: .buy,
                        quantity: Quantity(FixedDecimal(units: 1, scale: 3)),
                        filledQuantity: Quantity(FixedDecimal(units: 0, scale: 1)),
                        price: Price(FixedDecimal(units: 297_355, scale: 2))
                    )
                ]
            )
        }
    }

    @Test func aRefusedSignatureNeverMakesTheSessionReady() async throws {
        // Given a session that signs with the wrong secret and gives up after two attempts
        let standIn = DeribitStandIn()
        let configure: @Sendable (LoopbackServer) -> DeribitSessionConfiguration = {
            SessionHarness.configuration($0, secret: "wrong", maximumConsecutiveFailures: 2)
        }
        try await SessionHarness.run(
            standIn,
            configure: configure
        ) { session, outputs in
            try await eventually("the session to stop") {
                outputs.states.all.contains(.stopped(reason: "gave up after 2 failed attempts"))
            }
            // Then the venue refused both signatures, nothing else was sent, and calls now fail at once
            #expect(standIn.requests.all.map(\.method) == ["public/auth", "public/auth"])
            #expect(
                outputs.events.all.contains(
                    .authenticationRefused(connection: 1, code: 13_004, message: "invalid_credentials")
                )
            )
            #expect(outputs.readyCount == 0)
            await #expect(throws: VenueError.self) { try await session.balances() }
        }
    }
}
