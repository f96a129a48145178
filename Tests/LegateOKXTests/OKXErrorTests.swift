// Proves OKX's error answers map to the right outcome: a refused request (non-zero `code`, no items) becomes a typed
// VenueError (rate limit with a retry time, authentication, other codes), item errors (`sCode`/`sMsg`) become
// rejects of the named order, a partial batch gives both, and WebSocket error events become VenueErrors. The JSON
// bodies are written in the shape of OKX's v5 documentation (no fixture file has a top-level error).
import Foundation
import LegateCore
import LegateModel
import LegateVenues
import Testing

@testable import LegateOKX

@Suite struct OKXErrorTests {
    static let now = millis(1_750_000_000_000)

    static func answer(_ json: String, _ operation: OKXOperation, orderID: OrderID? = nil) throws -> OKXAnswer {
        try OKXTranslator.answer(
            OKXCodec.decode(OKXResponse<OKXOrderAckWire>.self, from: Data(json.utf8)),
            for: operation,
            orderID: orderID,
            at: now
        )
    }

    @Test func aRateLimitedRequestIsRetriedAfterTheWindow() throws {
        let answer = try Self.answer(#"{"code":"50011","msg":"Too Many Requests","data":[]}"#, .place)
        #expect(
            answer
                == .failed(
                    .rateLimited(
                        venue: .okx,
                        retryAt: Self.now + 2 * UnixNanos.nanosecondsPerSecond,
                        message: "50011 Too Many Requests"
                    )
                )
        )
        // Error bodies may leave `data` out entirely.
        #expect(
            try Self.answer(#"{"code":"50113","msg":"Invalid Sign"}"#, .cancel)
                == .failed(.authenticationFailed(venue: .okx, reason: "50113 Invalid Sign"))
        )
        #expect(
            try Self.answer(#"{"code":"50001","msg":"Service temporarily unavailable"}"#, .amend)
                == .failed(.venueError(venue: .okx, code: 50_001, message: "Service temporarily unavailable"))
        )
    }

    @Test func itemErrorsRejectTheNamedOrder() throws {
        let json =
            #"{"code":"1","msg":"All operations failed","data":[{"clOrdId":"LEGATE0001","ordId":"","tag":"","ts":"1750000000000","sCode":"51008","sMsg":"Order failed. Insufficient BTC balance in account."}],"inTime":"1750000000000100","outTime":"1750000000000300"}"#
        let id = OrderID(known: "LEGATE0001")
        #expect(
            try Self.answer(json, .place)
                == .reports([
                    .rejected(orderID: id, reason: "okx 51008: Order failed. Insufficient BTC balance in account.")
                ])
        )
        #expect(
            try Self.answer(json, .cancel).reportsFirst
                == .cancelRejected(orderID: id, reason: "okx 51008: Order failed. Insufficient BTC balance in account.")
        )
        #expect(
            try Self.answer(json, .amend).reportsFirst
                == .amendRejected(orderID: id, reason: "okx 51008: Order failed. Insufficient BTC balance in account.")
        )
        let response = try OKXCodec.decode(OKXResponse<OKXOrderAckWire>.self, from: Data(json.utf8))
        #expect(response.inTime == OKXInteger(1_750_000_000_000_100))
        // An answer for another order than the one asked about is inconsistent.
        #expect(throws: OKXParseError.self) { try Self.answer(json, .place, orderID: OrderID(known: "OTHER1")) }
    }

    @Test func aPartialBatchAcknowledgesSomeAndRejectsOthers() throws {
        let json =
            #"{"code":"2","msg":"","data":[{"clOrdId":"A1","ordId":"111","tag":"","sCode":"0","sMsg":""},{"clOrdId":"A2","ordId":"","tag":"","sCode":"51121","sMsg":"Order quantity must be a multiple of the lot size."}]}"#
        #expect(
            try Self.answer(json, .place)
                == .reports([
                    .acknowledged(orderID: OrderID(known: "A1"), venueOrderID: VenueOrderID(known: "111")),
                    .rejected(
                        orderID: OrderID(known: "A2"),
                        reason: "okx 51121: Order quantity must be a multiple of the lot size."
                    ),
                ])
        )
        #expect(OKXErrorCode(rawValue: "51121") == .sizeNotLotMultiple)
    }

    @Test func webSocketErrorEventsAreVenueErrors() throws {
        let frame = try OKXFrame.classify(
            Data(
                #"{"event":"error","code":"60012","msg":"Invalid request: {\"op\": \"subscribe\"}","connId":"a4d3ae55"}"#
                    .utf8
            )
        )
        guard case .event(let event) = frame else {
            Issue.record("an error is an event")
            return
        }
        #expect(
            OKXTranslator.venueError(event, at: Self.now)
                == .venueError(venue: .okx, code: 60_012, message: #"Invalid request: {"op": "subscribe"}"#)
        )
        let login = OKXEvent(event: "login", arg: nil, code: "60009", msg: "Login failed.", connId: nil)
        #expect(
            OKXTranslator.venueError(login, at: Self.now)
                == .authenticationFailed(venue: .okx, reason: "60009 Login failed.")
        )
    }

    @Test func emptyOrMalformedRequiredNumbersAreDecodingErrors() throws {
        for markPx in ["", "84,660.1", "1e"] {
            let json = #"{"instType":"SWAP","instId":"BTC-USDT-SWAP","markPx":"\#(markPx)","ts":"1744590349506"}"#
            #expect(throws: OKXParseError.self) { try OKXCodec.decode(OKXMarkPriceWire.self, from: Data(json.utf8)) }
        }
        // Optional numbers read "" as absent, but not garbage.
        let ticker = #"{"instId":"BTC-USDT","askPx":"","askSz":"","bidPx":"x","ts":"1"}"#
        #expect(throws: OKXParseError.self) { try OKXCodec.decode(OKXTickerWire.self, from: Data(ticker.utf8)) }
    }

    @Test func ordersPushedWithAFailedAmendReportIt() throws {
        var text = String(decoding: try OKXFixture.ordersPending.data(), as: UTF8.self)
        text = text.replacingOccurrences(
            of: #""category": "normal","#,
            with: #""category": "normal", "amendResult": "-1", "code": "51503", "msg": "Order does not exist","#
        )
        let wire = try #require(try OKXCodec.decode(OKXResponse<OKXOrderWire>.self, from: Data(text.utf8)).data.first)
        let reports = try OKXTranslator.reports(wire, contracts: TestContracts.all())
        #expect(
            reports.last
                == .amendRejected(
                    orderID: OrderID(known: "client-order-1"),
                    reason: "amend failed: 51503 Order does not exist"
                )
        )
        // A cancelled order reports its cancel source.
        let cancelled = text.replacingOccurrences(of: #""state": "live""#, with: #""state": "canceled""#)
            .replacingOccurrences(
                of: #""cancelSourceReason": """#,
                with: #""cancelSourceReason": "Order canceled by user""#
            )
        let cancelledWire = try #require(
            try OKXCodec.decode(OKXResponse<OKXOrderWire>.self, from: Data(cancelled.utf8)).data.first
        )
        #expect(
            try OKXTranslator.reports(cancelledWire, contracts: TestContracts.all()).last
                == .cancelled(orderID: OrderID(known: "client-order-1"), reason: "Order canceled by user")
        )
    }
}

extension OKXAnswer {
    var reportsFirst: VenueReport? {
        if case .reports(let reports) = self { return reports.first }
        return nil
    }
}
