// Proves the OKX session's connection against the stand-in on 127.0.0.1: it logs in with a signature the venue checks
// (and surfaces 60009 as a typed error), subscribes and turns recorded pushes into model values (funding, tickers with
// marks and the option summary's mark IV), replays the real 2022 BTC-USDT books with every CRC32 checked and
// re-subscribes for a fresh snapshot after a seqId gap or a checksum mismatch, pings idle sockets and reconnects when a
// pong is missing, and after drops reconnects with the exact seeded backoff, logging in and subscribing again.
import Foundation
import LegateCore
import LegateModel
import LegateTransport
import LegateVenues
import Testing

@testable import LegateOKX

@Suite struct OKXSessionTests {
    static let swap = "BTC-USDT-SWAP"
    static let summaryOption = "BTC-USD-250328-92000-C"

    static func instrument(_ name: String) throws -> Instrument { try OKXTranslator.instrument(named: name) }

    @Test func logsInSubscribesAndTurnsRecordedPushesIntoModelValues() async throws {
        // Given a venue that answers the public subscription with the recorded funding push, the recorded swap mark
        // (REST shape, same fields as the channel), a hand-written option mark and the recorded option summary
        let mark = try OKXSessionFixtures.text("http_get_mark_price.json")
        let markData = try #require(mark.range(of: "\"data\": ").map { String(mark[$0.upperBound...].dropLast(2)) })
        let summary = try OKXSessionFixtures.text("ws_opt_summary.json")
        let pushes = [
            try OKXSessionFixtures.text("ws_funding_rate.json"),
            OKXStandIn.push(channel: "mark-price", key: "instId", value: Self.swap, data: markData),
            // Hand-written in the channel's documented shape.
            OKXStandIn.push(
                channel: "mark-price",
                key: "instId",
                value: Self.summaryOption,
                data:
                    #"[{"instType":"OPTION","instId":"\#(Self.summaryOption)","markPx":"0.0325","ts":"1711612800000"}]"#
            ),
            OKXStandIn.push(channel: "opt-summary", key: "instFamily", value: "BTC-USD", data: summary),
        ]
        let standIn = OKXStandIn(socketScript: { frame, _ in
            guard frame.socket == .public, frame.op == "subscribe" else { return nil }
            return OKXStandIn.confirm(frame).map(OKXStandInAction.send) + pushes.map(OKXStandInAction.send)
        })
        let spec = try TestContracts.optionSpec(instId: Self.summaryOption, strike: "92000", expiry: 1_743_148_800_000)
        let configure: @Sendable (LoopbackServer) -> OKXSessionConfiguration = {
            OKXSessionRig.configuration($0, specs: [spec])
        }
        try await OKXSessionRig.run(standIn, configure: configure) { session, record in
            try await waitUntil("the session to be ready") { record.readyCount == 1 }
            // When Legate subscribes to the swap's ticker and funding and the option's ticker
            let swap = try Self.instrument(Self.swap)
            let option = try Self.instrument(Self.summaryOption)
            try await session.subscribe([
                MarketDataSubscription(instrument: swap, channel: .ticker),
                MarketDataSubscription(instrument: swap, channel: .funding),
                MarketDataSubscription(instrument: option, channel: .ticker),
            ])
            try await waitUntil("funding and both tickers") { record.funding.count == 1 && record.tickers.count == 3 }

            // Then the login went out first on the private socket, with a signature the venue accepted
            #expect(standIn.frames(on: .private).first?.op == "login")
            #expect(record.events.all.contains(.loggedIn(connection: 1)))
            #expect(standIn.frames(on: .private, op: "subscribe").first?.channels == ["orders"])
            // And exactly the channels OKX splits a ticker across were asked for
            let channels = standIn.frames(on: .public, op: "subscribe").flatMap(\.channels)
            #expect(channels == ["tickers", "mark-price", "funding-rate", "tickers", "mark-price", "opt-summary"])
            // And the recorded funding: 0.0001 now, paid every 8 h (1744619149506 - 1744590349506 ms)
            let funding = try #require(record.funding.first)
            #expect(funding.rate == dec("0.0001"))
            let eightHours: Int64 = 8 * 3_600 * 1_000_000_000
            #expect(funding.intervalNanos == eightHours)
            // And the swap's ticker carries the recorded mark; the option's carries the summary's mark IV 0.53
            #expect(record.tickers.first { $0.instrument == swap }?.markPrice == price("84660.1"))
            let optionTicker = try #require(record.tickers.last { $0.instrument == option })
            #expect(optionTicker.markImpliedVolatility == dec("0.53"))
            #expect(optionTicker.underlyingPrice == price("92150.50"))
            #expect(record.healthStates.first == .connected)
        }
    }

    /// The first `count` recorded BTC-USDT books, each given a `seqId` chain (`prevSeqId` -1 on the snapshot), since
    /// the 2022 recording predates OKX's sequence ids.
    static func chainedBooks(_ count: Int) throws -> [String] {
        let messages = try OKXRecordingTests.bookMessages().map { String(decoding: $0, as: UTF8.self) }
            .filter { $0.contains(#""instId":"BTC-USDT"}"#) }
        return messages.prefix(count).enumerated().map { index, text in
            let previous = index == 0 ? -1 : 100 + index - 1
            return text.replacingOccurrences(
                of: #""data":[{"#,
                with: #""data":[{"prevSeqId":\#(previous),"seqId":\#(100 + index),"#
            )
        }
    }

    enum Break: String, CaseIterable {
        case seqIdGap
        case checksumMismatch
    }

    @Test(arguments: Break.allCases)
    func aBrokenBookIsResubscribedAndRecoversFromAFreshSnapshot(_ fault: Break) async throws {
        // Given a venue whose first BTC-USDT book stream is broken (update 3 missing, or update 2's checksum altered)
        // and whose second is whole: the recorded snapshot and six updates
        let books = try Self.chainedBooks(7)
        var broken = books
        switch fault {
        case .seqIdGap: broken.remove(at: 3)
        case .checksumMismatch:
            broken[2] = broken[2].replacingOccurrences(
                of: #""checksum":-?[0-9]+"#,
                with: #""checksum":12345"#,
                options: .regularExpression
            )
        }
        let first = broken
        let standIn = OKXStandIn(socketScript: { frame, venue in
            guard frame.socket == .public, frame.op == "subscribe" else { return nil }
            let isFirst = venue.frames(on: .public, op: "subscribe").count == 1
            return OKXStandIn.confirm(frame).map(OKXStandInAction.send)
                + (isFirst ? first : books).map(OKXStandInAction.send)
        })
        let specs = try OKXRecordingTests.contracts().spec(for: "BTC-USDT").map { [$0] } ?? []
        let configure: @Sendable (LoopbackServer) -> OKXSessionConfiguration = {
            OKXSessionRig.configuration($0, specs: specs)
        }
        try await OKXSessionRig.run(standIn, configure: configure) { session, record in
            // When Legate subscribes to the book
            let spot = try Self.instrument("BTC-USDT")
            try await session.subscribe([MarketDataSubscription(instrument: spot, channel: .book(depth: nil))])
            let expected = fault == .seqIdGap ? 3 + 7 : 2 + 7
            try await waitUntil("the books after the resync") { record.books.count == expected }
            // Then nothing after the break reached Legate; the session re-subscribed and the fresh chain applied with
            // every recorded checksum verified
            #expect(record.books.filter { $0.kind == .snapshot }.count == 2)
            #expect(record.books.last?.sequence.last == 106)
            let resync = try #require(
                record.events.all.compactMap { event -> BookResync? in
                    if case .bookResync("BTC-USDT", let resync) = event { resync } else { nil }
                }.first
            )
            switch fault {
            case .seqIdGap: #expect(resync == BookResync(venue: .okx, reason: .gap, expected: 102, received: 103))
            case .checksumMismatch: #expect(resync.reason == .checksumMismatch)
            }
            let ops = standIn.frames(on: .public).filter { $0.channels == ["books"] }.map(\.op)
            #expect(ops == ["subscribe", "unsubscribe", "subscribe"])
        }
    }

    @Test func aRefusedLoginIsATypedErrorAndTheSessionNeverBecomesReady() async throws {
        // Given a session that signs its login with the wrong secret and gives up after two attempts
        let standIn = OKXStandIn()
        let configure: @Sendable (LoopbackServer) -> OKXSessionConfiguration = {
            OKXSessionRig.configuration($0, secret: "not-the-secret", maximumConsecutiveFailures: 2)
        }
        try await OKXSessionRig.run(standIn, configure: configure) { session, record in
            // When Legate subscribes
            let swap = try Self.instrument(Self.swap)
            // Then the call fails with OKX's 60009 as an authentication failure
            await #expect(throws: VenueError.authenticationFailed(venue: .okx, reason: "60009 Login failed.")) {
                try await session.subscribe([MarketDataSubscription(instrument: swap, channel: .ticker)])
            }
            #expect(record.events.all.contains(.loginRefused(connection: 1, code: "60009", message: "Login failed.")))
            #expect(standIn.frames(on: .private).map(\.op) == ["login", "login"])
            #expect(record.readyCount == 0)
        }
    }

    @Test func anIdleSocketPingsAndAMissingPongReconnects() async throws {
        // Given a venue that leaves the first public connection's ping unanswered
        let standIn = OKXStandIn(silentPublicConnections: [1])
        let configure: @Sendable (LoopbackServer) -> OKXSessionConfiguration = {
            OKXSessionRig.configuration($0, pingIntervalNanos: 20_000_000, pongTimeoutNanos: 300_000_000)
        }
        try await OKXSessionRig.run(standIn, configure: configure) { _, record in
            // When the sockets stay idle
            // (the second connection's public pong can come before its private login makes the session ready)
            try await waitUntil("a pong on the second connection, and the session ready again") {
                record.events.all.contains(.pongReceived(connection: 2, socket: .public)) && record.readyCount >= 2
            }
            // Then the first connection's public socket pinged, heard nothing, and the session reconnected
            #expect(record.events.all.contains(.pingSent(connection: 1, socket: .public)))
            #expect(record.events.all.contains(.heartbeatMissed(connection: 1, socket: .public)))
            #expect(record.readyCount >= 2)
            #expect(standIn.frames(on: .public).contains { $0.text == "ping" && $0.connection == 2 })
            #expect(record.healthStates.prefix(3) == [.connected, .disconnected, .connected])
        }
    }

    @Test func dropsReconnectWithTheSeededBackoffAndRestoreLoginSubscriptionsAndDeadMan() async throws {
        // Given a venue that drops the first public connection after the subscription and the next two at once
        let funding = try OKXSessionFixtures.text("ws_funding_rate.json")
        let standIn = OKXStandIn(
            dropsPublicOnConnect: [2, 3],
            socketScript: { frame, _ in
                guard frame.socket == .public, frame.op == "subscribe" else { return nil }
                let confirmed = OKXStandIn.confirm(frame).map(OKXStandInAction.send) + [.send(funding)]
                return frame.connection == 1 ? confirmed + [.drop] : confirmed
            }
        )
        try await OKXSessionRig.run(standIn) { session, record in
            try await waitUntil("the session to be ready") { record.readyCount == 1 }
            // When Legate arms the dead-man switch and subscribes to funding
            try await session.armCancelOnDisconnect(timeoutNanos: 30_000_000_000)
            let swap = try Self.instrument(Self.swap)
            try await session.subscribe([MarketDataSubscription(instrument: swap, channel: .funding)])
            try await waitUntil("funding again after the reconnect") { record.funding.count == 2 }

            // Then the three waits are the seeded backoff's first three draws (1 ms doubling, full jitter)
            var backoff = OKXSessionRig.backoff
            var generator = SplitMix64(seed: OKXSessionRig.seed)
            #expect(record.waits == (0..<3).map { _ in backoff.nextDelay(using: &generator) })
            // And the fourth public connection subscribed the same channel, after a fresh login
            let fourth = standIn.frames(on: .public).filter { $0.connection == 4 }
            #expect(fourth.first?.channels == ["funding-rate"])
            #expect(record.events.all.filter { $0 == .loggedIn(connection: 4) }.count == 1)
            // And the switch was armed again for the new connection
            try await waitUntil("the dead-man switch re-armed") {
                standIn.calls(to: "/api/v5/trade/cancel-all-after").count >= 2
            }
            #expect(standIn.calls(to: "/api/v5/trade/cancel-all-after").allSatisfy { $0.body == #"{"timeOut":"30"}"# })
            #expect(record.healthStates.first == .connected && record.healthStates.contains(.disconnected))
        }
    }
}
