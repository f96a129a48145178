// Proves orders on Deribit option combos: before the first order the session asks `private/create_combo` for the
// combo book with one trade per leg (direction by the leg's sign, the ratio as amount, as docs.deribit.com documents
// create_combo), then orders it by the id Deribit answered; later orders skip the creation; an answer naming another
// combo rejects the order unsent; future spreads, which Deribit lists itself and sizes in USD, are not created.
import LegateCore
import LegateModel
import LegateVenues
import Testing

@testable import LegateDeribit

enum Combos {
    /// A real combo of the recorded `public/get_combos` answer (http_get_combos.json).
    static let callSpread = "BTC-CS-19MAY26-70000_75000"

    /// The recorded combo as `create_combo` answers it (its result is the combo object, the shape get_combos lists).
    static func created(_ id: String = callSpread) -> String {
        #"{"id":"\#(id)","state":"active","legs":[{"amount":1,"instrument_name":"BTC-19MAY26-70000-C"},"#
            + #"{"amount":-1,"instrument_name":"BTC-19MAY26-75000-C"}],"creation_timestamp":1779115098000,"#
            + #""instrument_id":584635,"state_timestamp":1779115098303}"#
    }

    static func order(_ name: String = callSpread) throws -> OrderRequest {
        OrderRequest(
            clientOrderID: ClientOrderID(known: "c-1"),
            account: AccountID(known: "deribit-main"),
            venue: .deribit,
            instrument: try DeribitTranslator.instrument(named: name),
            side: .buy,
            quantity: Quantity(FixedDecimal(units: 1, scale: 1)),
            kind: .limit(LimitPrice(FixedDecimal(units: 125, scale: 4)))
        )
    }
}

@Suite struct DeribitComboRequestsTests {
    @Test func createComboNamesEachLegWithItsDirectionAndRatio() throws {
        let call = try DeribitRequests.createCombo(try DeribitTranslator.instrument(named: Combos.callSpread))
        #expect(call.method == "private/create_combo")
        #expect(
            call.params.json
                == #"{"trades":[{"instrument_name":"BTC-19MAY26-70000-C","direction":"buy","amount":1},"#
                + #"{"instrument_name":"BTC-19MAY26-75000-C","direction":"sell","amount":1}]}"#
        )
        let futureSpread = try DeribitTranslator.instrument(named: "BTC-FS-19MAY26_PERP")
        #expect(!DeribitRequests.needsCreatedCombo(futureSpread))
        #expect(throws: VenueError.self) { try DeribitRequests.createCombo(futureSpread) }
    }
}

@Suite struct DeribitComboSessionTests {
    @Test func theComboIsCreatedOnceThenOrderedByItsId() async throws {
        let buy = try Fixtures.text("ws_order_buy_response.json")
        let standIn = DeribitStandIn { request, _ in
            switch request.method {
            case "private/create_combo": [.send(DeribitStandIn.result(request.id, Combos.created()))]
            case "private/buy": [.send(Fixtures.answering(buy, id: request.id))]
            default: nil
            }
        }
        try await SessionHarness.run(standIn) { session, _ in
            try await session.place(orderID: Orders.id, request: try Combos.order())
            try await session.place(orderID: Orders.id, request: try Combos.order())
        }
        let methods = standIn.requests.all.map(\.method).filter { $0.hasPrefix("private/") }
        #expect(methods == ["private/create_combo", "private/buy", "private/buy"])
        let orders = standIn.requests.all.filter { $0.method == "private/buy" }
        #expect(orders.allSatisfy { $0.string("instrument_name") == Combos.callSpread })
    }

    @Test func anAnswerNamingAnotherComboRejectsTheOrderUnsent() async throws {
        let standIn = DeribitStandIn { request, _ in
            guard request.method == "private/create_combo" else { return nil }
            return [.send(DeribitStandIn.result(request.id, Combos.created("BTC-CS-19MAY26-70000_80000")))]
        }
        let reports = try await SessionHarness.run(standIn) { session, outputs in
            try await session.place(orderID: Orders.id, request: try Combos.order())
            try await eventually("the rejection") { outputs.reports.count == 1 }
            return outputs.reports.all
        }
        #expect(
            reports == [
                .rejected(
                    orderID: Orders.id,
                    reason: "deribit created combo BTC-CS-19MAY26-70000_80000, not \(Combos.callSpread)"
                )
            ]
        )
        #expect(!standIn.requests.all.contains { $0.method == "private/buy" })
    }
}
