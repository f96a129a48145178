// Proves amend on each Binance API against the stand-in, which checks every signature: USD-M modifies in place with
// a signed `PUT /fapi/v1/order` carrying exactly symbol, order reference, side, quantity and price (Binance Modify
// Order docs), and reports `amended`; spot cancel-replaces (`POST /api/v3/order/cancelReplace`,
// STOP_ON_FAILURE, our id kept as newClientOrderId), the old order's CANCELED event does not end ours, and a later
// cancel names the replacement; a 409 partial failure reports the order cancelled; a size off the lot and any amend
// on options are answered `amendRejected`, unsent; a refusal is `amendRejected` with Binance's message. Answers
// written by hand follow the Binance docs' examples; order answers are the recorded nautilus fixtures.
import Foundation
import LegateCore
import LegateModel
import LegateSymbology
import LegateTransport
import LegateVenues
import Testing

@testable import LegateBinance

@Suite(.timeLimit(.minutes(1))) struct BinanceAmendSessionTests {
    static let orderID = OrderID(known: "O-AMEND-1")

    static func answer(_ path: String, clientID: String) -> LoopbackHTTPResponse {
        let text = (try? String(contentsOf: Fixtures.url(path), encoding: .utf8)) ?? "missing \(path)"
        let replaced = text.replacingOccurrences(of: "testOrder123", with: clientID)
            .replacingOccurrences(of: "myOrder1", with: clientID)
        return LoopbackHTTPResponse(text: replaced)
    }

    static func requests(_ standIn: BinanceStandIn, _ method: String, _ path: String) -> [StandInRequest] {
        standIn.requests.all.filter { $0.method == method && $0.path == path }
    }

    static func spotSpecs() throws -> [InstrumentSpec] {
        let info = try BinanceInstrumentFixtureTests.recordedInfo("cryptofeed/BINANCE.0")
        return BinanceTranslator.specs(info, market: .spot).specs.filter { $0.symbol == "BTCUSDT" }
    }

    static func futuresStandIn() -> BinanceStandIn {
        BinanceStandIn(rest: { request in
            switch (request.method, request.path) {
            case ("POST", "/fapi/v1/order"):
                Self.answer(Folder.futuresHTTP + "order_response.json", clientID: Self.orderID.rawValue)
            case ("PUT", "/fapi/v1/order") where request.parameters["quantity"] == "0.005":
                BinanceStandIn.error(400, code: -2010, "Order would immediately trigger.")
            case ("PUT", "/fapi/v1/order"):
                Self.answer(Folder.futuresHTTP + "order_response.json", clientID: Self.orderID.rawValue)
            default: nil
            }
        })
    }

    @Test func usdmAmendIsASignedPutWithExactlyBinancesParameters() async throws {
        let standIn = Self.futuresStandIn()
        let specs = try BinanceHarness.usdmSpecs(["BTCUSDT"])
        try await BinanceHarness.run(standIn, market: .usdm, specs: specs) { session, outputs in
            #expect(session.capabilities.supportsAmend)
            let request = try BinanceHarness.order(specs[0], quantity: q("0.001"), price: 50000)
            try await session.place(orderID: Self.orderID, request: request)
            // When Legate amends to 0.002 BTC at 49999.5 by our id, then by Binance's id
            let kind = OrderKind.limit(LimitPrice(d("49999.50")))
            try await session.amend(orderID: Self.orderID, venueOrderID: nil, quantity: q("0.002"), kind: kind)
            let venueID = try VenueOrderID("12345678")
            try await session.amend(orderID: Self.orderID, venueOrderID: venueID, quantity: q("0.003"), kind: kind)
            try await waitUntil("both amends") {
                outputs.reports.all.filter { $0 == .amended(orderID: Self.orderID) }.count == 2
            }
            // Then each PUT was signed and carried the order's side and the new size and price, exactly
            let puts = Self.requests(standIn, "PUT", "/fapi/v1/order")
            #expect(puts.count == 2 && puts.allSatisfy { $0.isSigned && $0.apiKey == BinanceStandIn.apiKey })
            let first = [
                "symbol": "BTCUSDT", "origClientOrderId": "O-AMEND-1", "side": "BUY", "quantity": "0.002",
                "price": "49999.5",
            ]
            #expect(first.allSatisfy { puts[0].parameters[$0.key] == $0.value })
            #expect(puts[1].parameters["orderId"] == "12345678" && puts[1].parameters["origClientOrderId"] == nil)
            #expect(puts[1].parameters["quantity"] == "0.003")
            #expect(puts[0].query.hasPrefix("symbol=BTCUSDT&origClientOrderId=O-AMEND-1&side=BUY&quantity=0.002"))
        }
    }

    @Test func usdmAmendOffTheLotIsRejectedUnsentAndARefusalCarriesBinancesMessage() async throws {
        let standIn = Self.futuresStandIn()
        let specs = try BinanceHarness.usdmSpecs(["BTCUSDT"])
        try await BinanceHarness.run(standIn, market: .usdm, specs: specs) { session, outputs in
            let request = try BinanceHarness.order(specs[0], quantity: q("0.001"), price: 50000)
            try await session.place(orderID: Self.orderID, request: request)
            let kind = OrderKind.limit(LimitPrice(d("50000")))
            // When the new size is off the 0.001 lot, and Binance refuses a second amend with -2010
            try await session.amend(orderID: Self.orderID, venueOrderID: nil, quantity: q("0.0015"), kind: kind)
            try await session.amend(orderID: Self.orderID, venueOrderID: nil, quantity: q("0.005"), kind: kind)
            try await waitUntil("both refusals") {
                outputs.reports.all.filter { if case .amendRejected = $0 { true } else { false } }.count == 2
            }
            // Then only the second was sent, and both refusals say why
            #expect(Self.requests(standIn, "PUT", "/fapi/v1/order").map { $0.parameters["quantity"] } == ["0.005"])
            let reasons = outputs.reports.all.compactMap {
                if case .amendRejected(_, let why) = $0 { why } else { nil }
            }
            #expect(reasons[0].contains("0.0015") && reasons[1] == "-2010 Order would immediately trigger.")
        }
    }

    /// A spot stand-in; `sent` gets a value once the old order's CANCELED event went out on the user stream.
    static func spotStandIn(partialFailure: Bool = false, sent: Gathered<Bool> = Gathered()) -> BinanceStandIn {
        let replacing = Gathered<Bool>()
        let replaced =
            #"{"cancelResult":"SUCCESS","newOrderResult":"SUCCESS","cancelResponse":{"symbol":"BTCUSDT","#
            + #""origClientOrderId":"O-AMEND-1","orderId":1,"clientOrderId":"c-cancel","status":"CANCELED"},"#
            + #""newOrderResponse":{"symbol":"BTCUSDT","orderId":2,"clientOrderId":"O-AMEND-1","transactTime":1}}"#
        // The old order's CANCELED event (the recorded spot executionReport, naming the replaced order).
        let cancelledEvent =
            ((try? String(contentsOf: Fixtures.url(Folder.spotUser + "execution_report_canceled.json"), encoding: .utf8))
            ?? "")
            .replacingOccurrences(of: "\"i\": 12345678", with: "\"i\": 1")
            .replacingOccurrences(of: "\"C\": \"\"", with: "\"C\": \"O-AMEND-1\"")
            .replacingOccurrences(of: "ETHUSDT", with: "BTCUSDT")
        return BinanceStandIn(
            rest: { request in
                switch (request.method, request.path) {
                case ("POST", "/api/v3/order"):
                    Self.answer(Folder.spotHTTP + "order_response.json", clientID: Self.orderID.rawValue)
                case ("POST", "/api/v3/order/cancelReplace") where partialFailure:
                    BinanceStandIn.error(409, code: -2021, "Order cancel-replace partially failed.")
                case ("POST", "/api/v3/order/cancelReplace"):
                    {
                        replacing.append(true)
                        return LoopbackHTTPResponse(text: replaced)
                    }()
                case ("DELETE", "/api/v3/order"):
                    Self.answer(Folder.spotHTTP + "cancel_order_response.json", clientID: Self.orderID.rawValue)
                default: nil
                }
            },
            user: { _, _ in
                [
                    .waitFor { !replacing.all.isEmpty }, .pause(5), .send(cancelledEvent),
                    .waitFor {
                        sent.append(true)
                        return true
                    },
                ]
            }
        )
    }

    @Test func spotCancelReplacesKeepsOurIdAndTheReplacementIsWhatACancelNames() async throws {
        let specs = try Self.spotSpecs()
        let sent = Gathered<Bool>()
        let standIn = Self.spotStandIn(sent: sent)
        try await BinanceHarness.run(standIn, market: .spot, specs: specs) { session, outputs in
            try await waitUntil("the user stream") { outputs.readyCount(.user) == 1 }
            let request = try BinanceHarness.order(specs[0], quantity: q("0.001"), price: 50000)
            try await session.place(orderID: Self.orderID, request: request)
            // When Legate amends to 0.002 BTC at 49000 (cancel-replace), the old order's CANCELED event arrives
            let kind = OrderKind.limit(LimitPrice(d("49000")))
            let old = try VenueOrderID("1")
            try await session.amend(orderID: Self.orderID, venueOrderID: old, quantity: q("0.002"), kind: kind)
            try await waitUntil("the old order's cancel event") { !sent.all.isEmpty }
            try await Task.sleep(for: .milliseconds(50))
            let beforeCancel = outputs.reports.all.filter { if case .acknowledged = $0 { false } else { true } }
            #expect(beforeCancel == [.amended(orderID: Self.orderID)])
            try await session.cancel(orderID: Self.orderID, venueOrderID: old)
            try await waitUntil("the cancel") {
                outputs.reports.all.contains { if case .cancelled = $0 { true } else { false } }
            }
            // Then the stand-in saw exactly Binance's cancel-replace parameters, signed
            let replace = try #require(Self.requests(standIn, "POST", "/api/v3/order/cancelReplace").first)
            let expected = [
                "symbol": "BTCUSDT", "side": "BUY", "type": "LIMIT", "timeInForce": "GTC",
                "cancelReplaceMode": "STOP_ON_FAILURE", "cancelOrderId": "1", "quantity": "0.002", "price": "49000",
                "newClientOrderId": "O-AMEND-1",
            ]
            #expect(replace.isSigned && expected.allSatisfy { replace.parameters[$0.key] == $0.value })
            // And the replaced order's CANCELED event did not end ours: amended, then cancelled once, by our cancel
            let mine = outputs.reports.all.filter { if case .acknowledged = $0 { false } else { true } }
            #expect(mine == [.amended(orderID: Self.orderID), .cancelled(orderID: Self.orderID, reason: "canceled")])
            // And the cancel named the replacement, not the order the caller knew
            #expect(Self.requests(standIn, "DELETE", "/api/v3/order").first?.parameters["orderId"] == "2")
        }
    }

    @Test func aSpotCancelReplaceWhoseReplacementFailedReportsTheOrderCancelled() async throws {
        let specs = try Self.spotSpecs()
        let standIn = Self.spotStandIn(partialFailure: true)
        try await BinanceHarness.run(standIn, market: .spot, specs: specs) { session, outputs in
            let request = try BinanceHarness.order(specs[0], quantity: q("0.001"), price: 50000)
            try await session.place(orderID: Self.orderID, request: request)
            let kind = OrderKind.limit(LimitPrice(d("49000")))
            try await session.amend(orderID: Self.orderID, venueOrderID: nil, quantity: q("0.002"), kind: kind)
            try await waitUntil("the refusal") { outputs.reports.count >= 3 }
            let reports = outputs.reports.all.filter { if case .acknowledged = $0 { false } else { true } }
            #expect(
                reports.first
                    == .amendRejected(orderID: Self.orderID, reason: "-2021 Order cancel-replace partially failed.")
            )
            #expect(reports.dropFirst().first.map { if case .cancelled = $0 { true } else { false } } == true)
        }
    }

    @Test func optionsHaveNoAmendSoItIsRejectedUnsent() async throws {
        let standIn = BinanceStandIn()
        try await BinanceHarness.run(standIn, market: .options, specs: [try BinanceHarness.optionSpec()]) {
            session,
            outputs in
            #expect(!session.capabilities.supportsAmend)
            let kind = OrderKind.limit(LimitPrice(d("1250")))
            try await session.amend(orderID: Self.orderID, venueOrderID: nil, quantity: q("0.5"), kind: kind)
            try await waitUntil("the refusal") { outputs.reports.count == 1 }
            guard case .amendRejected(let id, let reason) = outputs.reports.all.first else {
                Issue.record("expected amendRejected, got \(outputs.reports.all)")
                return
            }
            #expect(id == Self.orderID && reason.contains("no amend"))
            #expect(!standIn.requests.all.contains { $0.path.hasPrefix("/eapi/v1/order") })
        }
    }
}
