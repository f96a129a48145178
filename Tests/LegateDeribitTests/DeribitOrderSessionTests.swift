// Proves the order path of the Deribit session against the stand-in venue and the recorded order answers
// (ws_order_buy/edit/cancel_response.json, a real ETH_USDC-PERPETUAL order): place, amend and cancel go out with the
// parameters Deribit documents, amend and cancel find the venue's id from the acknowledgement, each answer becomes
// one report, the user.orders and user.trades notifications that repeat an answer are not reported twice, a fill
// carries its fee and liquidity, and a business refusal becomes a report rather than an error.
import Foundation
import LegateCore
import LegateModel
import LegateTransport
import LegateVenues
import Testing

@testable import LegateDeribit

/// The recorded order: our label, Deribit's id, and the request that produces it.
enum Orders {
    static let id = OrderID(known: "O-19700101-000000-001-001-1")
    static let venueOrderID = VenueOrderID(known: "USDC-104819327443")

    static func request() throws -> OrderRequest {
        OrderRequest(
            clientOrderID: ClientOrderID(known: "client-1"),
            account: AccountID(known: "deribit-main"),
            venue: .deribit,
            instrument: try DeribitTranslator.instrument(named: "ETH_USDC-PERPETUAL"),
            side: .buy,
            quantity: Quantity(FixedDecimal(units: 1, scale: 3)),
            kind: .limit(LimitPrice(FixedDecimal(units: 297_355, scale: 2))),
            timeInForce: .goodTillCancelled,
            flags: ExecutionFlags(postOnly: true)
        )
    }

    /// A `user.trades` fill of the recorded order. Hand-written in the documented shape (docs.deribit.com,
    /// user.trades.{kind}.{currency}.{interval}); the ids and values are the recorded order's.
    static let userTrade = DeribitStandIn.notification(
        channel: "user.trades.any.any.raw",
        data: #"[{"trade_id":"ETH_USDC-9001","trade_seq":1,"instrument_name":"ETH_USDC-PERPETUAL","#
            + #""timestamp":1767978363493,"price":2973.55,"amount":0.001,"direction":"buy","#
            + #""order_id":"USDC-104819327443","label":"O-19700101-000000-001-001-1","fee":0.00059,"#
            + #""fee_currency":"USDC","liquidity":"M","index_price":2973.1,"mark_price":2973.4,"tick_direction":1}]"#
    )
}

@Suite struct DeribitOrderSessionTests {
    @Test func placeAmendAndCancelBecomeOneReportEach() async throws {
        // Given a venue that answers with the recorded order answers, repeats each state on user.orders, and
        // reports the fill on user.trades (twice, as a reconnect replay would)
        let buy = try Fixtures.text("ws_order_buy_response.json")
        let edit = try Fixtures.text("ws_order_edit_response.json")
        let cancel = try Fixtures.text("ws_order_cancel_response.json")
        let openOrder = try #require(Fixtures.member("order", of: buy))
        let cancelledOrder = try #require(Fixtures.member("result", of: cancel))
        let standIn = DeribitStandIn { request, _ in
            switch request.method {
            case "private/buy":
                return [
                    .send(Fixtures.answering(buy, id: request.id)),
                    .send(DeribitStandIn.notification(channel: "user.orders.any.any.raw", data: openOrder)),
                    .send(Orders.userTrade), .send(Orders.userTrade),
                ]
            case "private/edit": return [.send(Fixtures.answering(edit, id: request.id))]
            case "private/cancel":
                return [
                    .send(Fixtures.answering(cancel, id: request.id)),
                    .send(DeribitStandIn.notification(channel: "user.orders.any.any.raw", data: cancelledOrder)),
                ]
            default: return nil
            }
        }
        try await SessionHarness.run(standIn) { session, outputs in
            // When Legate places, amends and cancels by its own id only
            try await session.place(orderID: Orders.id, request: try Orders.request())
            try await eventually("the fill") { outputs.reports.count == 2 }
            let newPrice = LimitPrice(FixedDecimal(units: 30_672, scale: 1))
            try await session.amend(
                orderID: Orders.id,
                venueOrderID: nil,
                quantity: Quantity(FixedDecimal(units: 1, scale: 3)),
                kind: .limit(newPrice)
            )
            try await session.cancel(orderID: Orders.id, venueOrderID: nil)
            try await eventually("the cancel") { outputs.reports.count == 4 }

            // Then the requests carry the documented parameters and the venue's id learnt from the acknowledgement
            let requests = standIn.requests.all.filter { $0.method.hasPrefix("private/") }
            #expect(requests.map(\.method) == ["private/buy", "private/edit", "private/cancel"])
            let placed = requests[0]
            #expect(placed.string("instrument_name") == "ETH_USDC-PERPETUAL")
            #expect(placed.string("label") == Orders.id.rawValue)
            #expect(placed.string("type") == "limit")
            #expect(placed.string("time_in_force") == "good_til_cancelled")
            #expect(placed.params["post_only"] as? Bool == true)
            #expect(placed.string("access_token") == "token-1")
            #expect(requests[1].string("order_id") == Orders.venueOrderID.rawValue)
            #expect(requests[1].text.contains(#""price":3067.2"#))
            #expect(requests[2].string("order_id") == Orders.venueOrderID.rawValue)
            // And each fact is reported once, the fill with its fee and liquidity
            let fill = VenueFill(
                venue: .deribit,
                tradeID: "ETH_USDC-9001",
                orderID: Orders.id,
                quantity: Quantity(FixedDecimal(units: 1, scale: 3)),
                price: Price(FixedDecimal(units: 297_355, scale: 2)),
                fee: Money(FixedDecimal(units: 59, scale: 5), .usdc),
                liquidity: .maker
            )
            #expect(
                outputs.reports.all == [
                    .acknowledged(orderID: Orders.id, venueOrderID: Orders.venueOrderID),
                    .fill(fill),
                    .amended(orderID: Orders.id),
                    .cancelled(orderID: Orders.id, reason: "user_request"),
                ]
            )
        }
    }

    @Test func aBusinessRefusalIsAReportNotAnError() async throws {
        // Given a venue without funds for the order (10009 not_enough_funds, Deribit's documented code)
        let standIn = DeribitStandIn { request, _ in
            guard request.method == "private/buy" else { return nil }
            return [.send(DeribitStandIn.error(request.id, code: 10_009, message: "not_enough_funds"))]
        }
        try await SessionHarness.run(standIn) { session, outputs in
            try await session.place(orderID: Orders.id, request: try Orders.request())
            try await eventually("the rejection") { outputs.reports.count == 1 }
            #expect(outputs.reports.all == [.rejected(orderID: Orders.id, reason: "deribit 10009 not_enough_funds")])
        }
    }

    @Test func anOperatingErrorThrowsWithTheVenuesCode() async throws {
        let standIn = DeribitStandIn { request, _ in
            guard request.method == "private/cancel_all" else { return nil }
            return [.send(DeribitStandIn.error(request.id, code: 11_051, message: "system_maintenance"))]
        }
        try await SessionHarness.run(standIn) { session, _ in
            let error = await #expect(throws: VenueError.self) { try await session.cancelAll(.all) }
            #expect(error == .venueError(venue: .deribit, code: 11_051, message: "system_maintenance"))
        }
    }

    @Test func balancesAndPositionsComeFromTheAccount() async throws {
        // Given the recorded account summaries and a position in the documented shape (hand-written: no recording)
        let summaries = try Fixtures.text("http_get_account_summaries.json")
        let position =
            #"[{"instrument_name":"BTC-PERPETUAL","size":-1000.0,"average_price":92294.5,"direction":"sell","#
            + #""kind":"future"},{"instrument_name":"ETH-PERPETUAL","size":0.0,"average_price":0.0,"#
            + #""direction":"zero","kind":"future"}]"#
        let standIn = DeribitStandIn { request, _ in
            switch request.method {
            case "private/get_account_summaries": [.send(Fixtures.answering(summaries, id: request.id))]
            case "private/get_positions": [.send(DeribitStandIn.result(request.id, position))]
            default: nil
            }
        }
        try await SessionHarness.run(standIn) { session, _ in
            let balances = try await session.balances()
            let expected = try DeribitCodec.decodeResponse(DeribitAccountSummariesWire.self, from: Data(summaries.utf8))
            let translated = try (try #require(expected.result)).summaries.map(DeribitTranslator.balance)
            #expect(balances == translated)
            #expect(!balances.isEmpty)
            let positions = try await session.positions()
            #expect(
                positions == [
                    VenuePosition(
                        venue: .deribit,
                        instrument: try DeribitTranslator.instrument(named: "BTC-PERPETUAL"),
                        quantity: Quantity(FixedDecimal(-1_000)),
                        averagePrice: Price(FixedDecimal(units: 922_945, scale: 1))
                    )
                ]
            )
        }
    }

    @Test func privateCallsWithoutCredentialsAreRefusedBeforeSending() async throws {
        let standIn = DeribitStandIn()
        let configure: @Sendable (LoopbackServer) -> DeribitSessionConfiguration = { server in
            var configuration = SessionHarness.configuration(server)
            configuration.credentials = nil
            return configuration
        }
        try await SessionHarness.run(
            standIn,
            configure: configure
        ) { session, outputs in
            try await eventually("the session to be ready") { outputs.readyCount == 1 }
            let error = await #expect(throws: VenueError.self) {
                try await session.place(orderID: Orders.id, request: try Orders.request())
            }
            guard case .authenticationFailed = error else {
                Issue.record("expected authenticationFailed, got \(String(describing: error))")
                return
            }
            #expect(!standIn.requests.all.contains { $0.method.hasPrefix("private/") || $0.method == "public/auth" })
        }
    }
}
