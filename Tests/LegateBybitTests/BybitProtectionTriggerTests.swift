// Proves Bybit market-maker protection triggers and state: option `order` pushes cancelled `CancelByMmpTriggered`
// (Bybit v5 enums, `cancelType`) are one trigger on the base coin per sweep, and `GET /v5/account/mmp-state` (the
// response example of bybit-exchange.github.io/docs/v5/account/get-mmp-state) reads into the venue-neutral state.
// The sweep is ws_account_order.json's push made an option quote cancelled by MMP (hand-written; see
// Fixtures/SOURCES.md).
import Foundation
import LegateBybit
import LegateCore
import LegateModel
import LegateSymbology
import LegateTransport
import LegateVenues
import Testing

enum BybitTriggerFixtures {
    static let sweepMillis: Int64 = 1_700_000_006_000

    /// One quote of the sweep: ws_account_order.json's fields, an ETH option quote that MMP cancelled.
    static func cancelledQuote(_ linkID: String, orderID: String, side: String, cancelType: String) -> String {
        #"{"category":"option","symbol":"ETH-26JUN26-16000-P","orderId":"\#(orderID)","side":"\#(side)","#
            + #""orderType":"Limit","cancelType":"\#(cancelType)","price":"100.5","qty":"1","orderIv":"0.55","#
            + #""timeInForce":"GTC","orderStatus":"Cancelled","orderLinkId":"\#(linkID)","reduceOnly":false,"#
            + #""leavesQty":"1","cumExecQty":"0","cumExecValue":"0","avgPrice":"0","cumExecFee":"0","#
            + #""createdTime":"1700000000000","updatedTime":"\#(sweepMillis)","rejectReason":"EC_NoError","#
            + #""closeOnTrigger":false,"feeCurrency":"USDC","stopOrderType":"","triggerPrice":"0"}"#
    }

    static func sweepPush(cancelType: String = "CancelByMmpTriggered") -> String {
        let quotes = [
            cancelledQuote("O-MMP-1", orderID: "abcdef123456", side: "Sell", cancelType: cancelType),
            cancelledQuote("O-MMP-2", orderID: "abcdef123457", side: "Buy", cancelType: cancelType),
        ]
        return #"{"topic":"order","id":"9b8d7cf0-mmp","creationTime":1700000006010,"data":["#
            + quotes.joined(separator: ",") + "]}"
    }

    /// Bybit's documented `mmp-state` response example.
    static let stateAnswer =
        #"{"retCode":0,"retMsg":"OK","result":{"result":[{"baseCoin":"BTC","mmpEnabled":true,"window":"5000","#
        + #""frozenPeriod":"100000","qtyLimit":"0.01","deltaLimit":"0.01","mmpFrozenUntil":"1675760625519","#
        + #""mmpFrozen":false}]},"retExtInfo":{},"time":1675843188984}"#

    static let btcUSDC = Underlying(base: .btc, quote: .usdc)

    static func sweep(cancelType: String = "CancelByMmpTriggered") throws -> [BybitOrderWire] {
        let push = sweepPush(cancelType: cancelType)
        return try BybitCodec.decode(BybitTopicMessage<[BybitOrderWire]>.self, from: Data(push.utf8)).data
    }

    static let trigger = MarketMakerProtectionTrigger(
        venue: .bybit,
        underlying: BybitProtection.ethUSDC,
        triggeredAt: .milliseconds(sweepMillis),
        freeze: .unknown
    )
}

@Suite struct BybitProtectionTriggerTests {
    @Test func anOrderCancelledByMMPIsATriggerOnItsCoin() throws {
        let triggers = try BybitTriggerFixtures.sweep().map(BybitTranslator.marketMakerProtectionTrigger)
        #expect(triggers == [BybitTriggerFixtures.trigger, BybitTriggerFixtures.trigger])
        let byUser = try BybitTriggerFixtures.sweep(cancelType: "CancelByUser")
        #expect(try byUser.compactMap(BybitTranslator.marketMakerProtectionTrigger).isEmpty)
    }

    @Test func theDocumentedStateIsTheProtectionNotFrozen() throws {
        let wire = try BybitCodec.decode(
            BybitResponse<BybitProtectionStateWire>.self,
            from: Data(BybitTriggerFixtures.stateAnswer.utf8)
        )
        let result = try #require(wire.result)
        let state = BybitTranslator.marketMakerProtectionState(result, underlying: BybitTriggerFixtures.btcUSDC)
        let millisecond: Int64 = 1_000_000
        #expect(
            state.protection
                == MarketMakerProtection(
                    underlying: BybitTriggerFixtures.btcUSDC,
                    intervalNanos: 5_000 * millisecond,
                    frozenNanos: 100_000 * millisecond,
                    quantityLimit: d("0.01"),
                    deltaLimit: d("0.01")
                )
        )
        // mmpFrozen false: Bybit says to ignore mmpFrozenUntil
        #expect(state.freeze == nil)
        // Frozen, the same answer is a freeze until mmpFrozenUntil
        let frozen = BybitTriggerFixtures.stateAnswer.replacingOccurrences(
            of: #""mmpFrozen":false"#,
            with: #""mmpFrozen":true"#
        )
        let frozenWire = try BybitCodec.decode(BybitResponse<BybitProtectionStateWire>.self, from: Data(frozen.utf8))
        let frozenState = BybitTranslator.marketMakerProtectionState(
            try #require(frozenWire.result),
            underlying: BybitTriggerFixtures.btcUSDC
        )
        #expect(frozenState.freeze == .until(.milliseconds(1_675_760_625_519)))
    }

    @Test func theStateQueryIsAGETOfTheBaseCoin() {
        let request = BybitRequests.marketMakerProtectionState(BybitTriggerFixtures.btcUSDC)
        #expect(request.method == "GET" && request.path == "/v5/account/mmp-state" && request.payload == "baseCoin=BTC")
    }
}

@Suite struct BybitProtectionTriggerSessionTests {
    @Test func aSweepIsOneTriggerAndTheStateQueryGoesSigned() async throws {
        // Given a venue that pulls both quotes by MMP right after an order, and answers mmp-state with its example
        let listing = try BybitProtection.optionListing()
        let sweep = BybitTriggerFixtures.sweepPush()
        let standIn = BybitStandIn(rest: { request, venue in
            switch request.path {
            case "/v5/market/instruments-info" where request.query.contains("category=option"):
                return LoopbackHTTPResponse(headers: [(name: "Content-Type", value: "application/json")], text: listing)
            case "/v5/order/create":
                await venue.push(sweep)
                return nil
            case "/v5/account/mmp-state":
                return LoopbackHTTPResponse(text: BybitTriggerFixtures.stateAnswer)
            default:
                return nil
            }
        })
        let (events, state) = try await BybitSessionHarness.run(standIn) { session, capture in
            try await session.place(
                orderID: OrderID(known: "O-MMP-1"),
                request: try BybitProtection.order(.goodTillCancelled)
            )
            try await waitUntil("the trigger") {
                capture.events.all.contains(.marketMakerProtectionTriggered(BybitTriggerFixtures.trigger))
            }
            let state = try await session.marketMakerProtectionState(underlying: BybitTriggerFixtures.btcUSDC)
            return (capture.events.all, state)
        }
        // Then the two cancelled quotes made one trigger
        #expect(events.count { if case .marketMakerProtectionTriggered = $0 { true } else { false } } == 1)
        // And the query went out signed with the base coin, and read the venue's state
        let query = try #require(standIn.requests.all.first { $0.path == "/v5/account/mmp-state" })
        #expect(query.method == "GET" && query.query == "baseCoin=BTC" && query.isSignatureValid == true)
        #expect(state.protection?.quantityLimit == d("0.01") && !state.isFrozen)
    }
}
