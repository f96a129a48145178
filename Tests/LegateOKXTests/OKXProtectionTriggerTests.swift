// Proves OKX market-maker protection triggers and state: an `orders` push in state `mmp_canceled` is a trigger on the
// option family (once per sweep), and `GET mmp-config` reads into the venue-neutral state with its freeze.
// Messages: `OKXTriggerFixtures` (hand-written in OKX's documented shapes; see Fixtures/SOURCES.md).
import Foundation
import LegateCore
import LegateModel
import LegateTransport
import LegateVenues
import Testing

@testable import LegateOKX

enum OKXTriggerFixtures {
    static let sweepMillis: Int64 = 1_746_947_318_500

    /// One quote of the sweep: the fields of ws_orders_option.json's push, cancelled by MMP before any fill.
    static func cancelledQuote(_ clOrdId: String, ordId: String, side: String, px: String, state: String) -> String {
        #"{"accFillSz":"0","avgPx":"","cTime":"1746947317401","cancelSource":"","cancelSourceReason":"","#
            + #""category":"normal","clOrdId":"\#(clOrdId)","execType":"","fee":"0","feeCcy":"BTC","fillPx":"","#
            + #""fillSz":"0","fillTime":"","instId":"BTC-USD-250328-50000-C","instType":"OPTION","#
            + #""ordId":"\#(ordId)","ordType":"mmp","px":"\#(px)","pxType":"px","reduceOnly":"false","#
            + #""side":"\#(side)","source":"","state":"\#(state)","sz":"1","tag":"","tdMode":"cross","tradeId":"","#
            + #""uTime":"\#(sweepMillis)"}"#
    }

    /// Two quotes pulled in one sweep (hand-written; see Fixtures/SOURCES.md).
    static func sweepPush(state: String = "mmp_canceled") -> String {
        let quotes = [
            cancelledQuote("legate1", ordId: "2497956918703120500", side: "buy", px: "0.0325", state: state),
            cancelledQuote("legate2", ordId: "2497956918703120501", side: "sell", px: "0.0335", state: state),
        ]
        return #"{"arg":{"channel":"orders","instType":"OPTION"},"data":["# + quotes.joined(separator: ",") + "]}"
    }

    /// `GET mmp-config` for BTC-USD, frozen by a trigger (hand-written; see Fixtures/SOURCES.md).
    static let configAnswer =
        #"{"code":"0","msg":"","data":[{"frozenInterval":"2000","instFamily":"BTC-USD","mmpFrozen":true,"#
        + #""mmpFrozenUntil":"1746947320500","qtyLimit":"100","timeInterval":"5000"}]}"#

    static func sweep(state: String = "mmp_canceled") throws -> [OKXOrderWire] {
        try OKXCodec.decode(OKXPush<OKXOrderWire>.self, from: Data(sweepPush(state: state).utf8)).data
    }

    static func config() throws -> [OKXProtectionConfigWire] {
        try OKXCodec.decode(OKXResponse<OKXProtectionConfigWire>.self, from: Data(configAnswer.utf8)).data
    }

    static let trigger = MarketMakerProtectionTrigger(
        venue: .okx,
        underlying: OKXProtection.btcUSD,
        triggeredAt: .milliseconds(sweepMillis),
        freeze: .unknown
    )
}

@Suite struct OKXProtectionTriggerTests {
    @Test func anMMPCancelledOrderIsATriggerOnItsFamily() throws {
        let orders = try OKXTriggerFixtures.sweep()
        #expect(
            try orders.map(OKXTranslator.marketMakerProtectionTrigger) == [
                OKXTriggerFixtures.trigger, OKXTriggerFixtures.trigger,
            ]
        )
        // And the order itself is reported cancelled by MMP
        let reports = try OKXTranslator.reports(orders[0], contracts: OKXContracts([OKXSessionFixtures.optionSpec()]))
        #expect(
            reports.contains(
                .cancelled(orderID: OrderID(known: "legate1"), reason: "cancelled by market maker protection")
            )
        )
    }

    @Test func anOrdinaryCancelIsNoTrigger() throws {
        let orders = try OKXTriggerFixtures.sweep(state: "canceled")
        #expect(try orders.compactMap(OKXTranslator.marketMakerProtectionTrigger).isEmpty)
    }

    @Test func theConfigAnswerIsTheStateWithItsFreeze() throws {
        let state = try OKXTranslator.marketMakerProtectionState(
            OKXTriggerFixtures.config(),
            underlying: OKXProtection.btcUSD
        )
        #expect(state.protection == OKXProtection.quoting)
        #expect(state.freeze == .until(.milliseconds(1_746_947_320_500)))
        // A family OKX holds nothing for has no protection and no freeze
        let eth = Underlying(base: .eth, quote: .usd)
        let none = try OKXTranslator.marketMakerProtectionState(OKXTriggerFixtures.config(), underlying: eth)
        #expect(none.protection == nil && none.freeze == nil)
    }

    @Test func aFreezeWithoutAnEndIsUntilResetWhenTheFreezeIntervalIsZero() throws {
        let text =
            #"{"code":"0","msg":"","data":[{"frozenInterval":"0","instFamily":"BTC-USD","mmpFrozen":true,"#
            + #""mmpFrozenUntil":"","qtyLimit":"100","timeInterval":"5000"}]}"#
        let items = try OKXCodec.decode(OKXResponse<OKXProtectionConfigWire>.self, from: Data(text.utf8)).data
        let state = try OKXTranslator.marketMakerProtectionState(items, underlying: OKXProtection.btcUSD)
        #expect(state.freeze == .untilReset)
    }

    @Test func theStateQueryIsASignedGETOfTheFamily() {
        let request = OKXRequests.marketMakerProtectionState(OKXProtection.btcUSD)
        #expect(request.method == "GET" && request.path == "/api/v5/account/mmp-config?instFamily=BTC-USD")
        #expect(request.body.isEmpty)
    }
}

@Suite struct OKXProtectionTriggerSessionTests {
    @Test func aSweepOfMMPCancelsIsOneTriggerEvent() async throws {
        // Given a venue that pushes the sweep on the private socket once the session subscribes there
        let push = OKXTriggerFixtures.sweepPush()
        let pushed = Gathered<String>()
        let standIn = OKXStandIn(socketScript: { frame, venue in
            guard frame.socket == .private, frame.op == "subscribe", pushed.count == 0 else { return nil }
            pushed.append(push)
            return venue.answer(frame) + [.send(push)]
        })
        let specs = try [OKXSessionFixtures.optionSpec()]
        let configure: @Sendable (LoopbackServer) -> OKXSessionConfiguration = {
            OKXSessionRig.configuration($0, specs: specs)
        }
        let events = try await OKXSessionRig.run(standIn, configure: configure) { _, record in
            try await waitUntil("the trigger") {
                record.events.all.contains(.marketMakerProtectionTriggered(OKXTriggerFixtures.trigger))
            }
            return record.events.all
        }
        // Then two cancelled quotes made one trigger, on BTC/USD, at the sweep's uTime
        #expect(events.count { if case .marketMakerProtectionTriggered = $0 { true } else { false } } == 1)
    }

    @Test func theStateQueryGoesSignedAndReadsTheAnswer() async throws {
        let answer = OKXTriggerFixtures.configAnswer
        let standIn = OKXStandIn(restScript: { call, _ in
            call.path == "/api/v5/account/mmp-config" ? LoopbackHTTPResponse(text: answer) : nil
        })
        let state = try await OKXSessionRig.run(standIn) { session, _ in
            // Through the venue interface, as the runtime calls it
            let client: any VenueClient = session
            return try await client.marketMakerProtectionState(underlying: OKXProtection.btcUSD)
        }
        let call = try #require(standIn.calls(to: "/api/v5/account/mmp-config").first)
        #expect(call.method == "GET" && call.target == "/api/v5/account/mmp-config?instFamily=BTC-USD")
        #expect(call.isSignatureValid)
        #expect(state.protection == OKXProtection.quoting && state.isFrozen)
    }
}
