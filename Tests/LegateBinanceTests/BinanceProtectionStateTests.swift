// Proves Binance options market-maker protection state: `GET /eapi/v1/mmp` goes out signed with the underlying, and
// its answer (the example of Binance's "Get Market Maker Protection Config": underlyingId, underlying,
// windowTimeInMilliseconds, frozenTimeInMilliseconds, qtyLimit, deltaLimit, lastTriggerTime) reads into the
// venue-neutral state. Binance's options user stream has no MMP event, so a `lastTriggerTime` the session has not seen
// is its trigger event, emitted once.
import Foundation
import LegateCore
import LegateModel
import LegateTransport
import LegateVenues
import Testing

@testable import LegateBinance

enum BinanceStateFixtures {
    /// Binance's documented example, with `lastTriggerTime` as given (0: never fired) or replaced.
    static func answer(lastTriggerTime: Int64 = 0, frozenMillis: Int64 = 300_000) -> String {
        #"{"underlyingId":2,"underlying":"BTCUSDT","windowTimeInMilliseconds":3000,"#
            + #""frozenTimeInMilliseconds":\#(frozenMillis),"qtyLimit":"2","deltaLimit":"2.3","#
            + #""lastTriggerTime":\#(lastTriggerTime)}"#
    }

    static func wire(_ text: String) throws -> BinanceProtectionConfigWire {
        try BinanceCodec.decode(BinanceProtectionConfigWire.self, from: Data(text.utf8))
    }

    static let triggerMillis: Int64 = 1_700_000_000_000
}

@Suite struct BinanceProtectionStateTests {
    @Test func theDocumentedAnswerIsTheProtectionNeverFired() throws {
        let state = try BinanceTranslator.marketMakerProtectionState(
            BinanceStateFixtures.wire(BinanceStateFixtures.answer()),
            underlying: BinanceProtection.btcUSDT,
            now: .milliseconds(BinanceStateFixtures.triggerMillis)
        )
        let millisecond: Int64 = 1_000_000
        #expect(
            state.protection
                == MarketMakerProtection(
                    underlying: BinanceProtection.btcUSDT,
                    intervalNanos: 3_000 * millisecond,
                    frozenNanos: 300_000 * millisecond,
                    quantityLimit: d("2"),
                    deltaLimit: d("2.3")
                )
        )
        #expect(state.freeze == nil && state.lastTriggeredAt == nil)
        #expect(BinanceTranslator.marketMakerProtectionTrigger(state) == nil)
    }

    @Test func aTriggerWithinTheFrozenTimeIsAFreezeUntilItsEnd() throws {
        let fired = BinanceStateFixtures.triggerMillis
        let wire = try BinanceStateFixtures.wire(BinanceStateFixtures.answer(lastTriggerTime: fired))
        func state(atMillis now: Int64) throws -> MarketMakerProtectionState {
            try BinanceTranslator.marketMakerProtectionState(
                wire,
                underlying: BinanceProtection.btcUSDT,
                now: .milliseconds(now)
            )
        }
        // A minute after the trigger the 300 s freeze runs; at its end it is over
        #expect(try state(atMillis: fired + 60_000).freeze == .until(.milliseconds(fired + 300_000)))
        #expect(try state(atMillis: fired + 300_000).freeze == nil)
        let trigger = BinanceTranslator.marketMakerProtectionTrigger(try state(atMillis: fired + 60_000))
        #expect(trigger?.triggeredAt == .milliseconds(fired))
        #expect(trigger?.freeze == .until(.milliseconds(fired + 300_000)))
    }

    @Test func theStateQueryIsASignedGETOfTheUnderlying() {
        let request = BinanceRequests.marketMakerProtectionState(
            BinanceProtection.btcUSDT,
            credentials: BinanceProtection.credentials,
            timestampMillis: 1_700_000_000_000
        )
        #expect(request.method == "GET" && request.path == "/eapi/v1/mmp")
        #expect(request.query.hasPrefix("underlying=BTCUSDT&") && request.query.contains("&signature="))
    }
}

@Suite(.timeLimit(.minutes(1))) struct BinanceProtectionStateSessionTests {
    @Test func aNewLastTriggerTimeIsOneTriggerEvent() async throws {
        // Given a venue whose MMP fired (frozen until reset) before the session asked, twice
        let answer = BinanceStateFixtures.answer(lastTriggerTime: BinanceStateFixtures.triggerMillis, frozenMillis: 0)
        let standIn = BinanceStandIn(rest: { request in
            (request.method, request.path) == ("GET", "/eapi/v1/mmp") ? LoopbackHTTPResponse(text: answer) : nil
        })
        let specs = [try BinanceHarness.optionSpec()]
        let (states, events) = try await BinanceHarness.run(standIn, market: .options, specs: specs) {
            session,
            outputs in
            let first = try await session.marketMakerProtectionState(underlying: BinanceProtection.btcUSDT)
            let second = try await session.marketMakerProtectionState(underlying: BinanceProtection.btcUSDT)
            return ([first, second], outputs.events.all)
        }
        // Then both queries went out signed, the state says a freeze of unknown end (no reset is visible), and the
        // trigger was emitted once, until reset
        let queries = standIn.requests.all.filter { $0.path == "/eapi/v1/mmp" }
        #expect(queries.count == 2 && queries.allSatisfy { $0.isSigned && $0.parameters["underlying"] == "BTCUSDT" })
        #expect(states.allSatisfy { $0.freeze == .unknown })
        let trigger = MarketMakerProtectionTrigger(
            venue: .binance,
            underlying: BinanceProtection.btcUSDT,
            triggeredAt: .milliseconds(BinanceStateFixtures.triggerMillis),
            freeze: .untilReset
        )
        #expect(events.filter { $0 == .marketMakerProtectionTriggered(trigger) }.count == 1)
    }
}
