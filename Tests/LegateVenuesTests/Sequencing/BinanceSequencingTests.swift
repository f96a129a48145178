// Proves Binance's snapshot-then-buffered-deltas procedure on the real recordings: events before the snapshot are
// dropped, the first applied one straddles the snapshot id, the rest chain by `pu` (USD-M) or `U == u + 1` (spot),
// an injected gap (one event dropped) asks for a resync with expected and received ids, and a snapshot older than
// the buffer is refused.
import Foundation
import LegateCore
import LegateModel
import Testing

@testable import LegateVenues

@Suite struct BinanceSequencingTests {
    /// The depth events of one symbol in a recording, in order.
    func events(_ file: String, symbol: String) throws -> [BinanceDepthUpdate] {
        try Fixtures.receivedMessages(file).compactMap { data in
            guard let envelope = try? JSONDecoder().decode(BinanceStreamEnvelope.self, from: data),
                envelope.data.e == "depthUpdate", envelope.data.s == symbol
            else { return nil }
            return envelope.data
        }
    }

    /// Runs the procedure: buffer `bufferedCount` events, snapshot inside event `bridge`, then stream the rest.
    func run(
        _ events: [BinanceDepthUpdate],
        market: BinanceBookSequencer.Market,
        bufferedCount: Int,
        bridge: Int,
        skip: Int? = nil
    ) -> (applied: [Int64], resyncs: [BookResync]) {
        var sync = BinanceDepthSync<Int64>(market: market)
        var applied: [Int64] = []
        var resyncs: [BookResync] = []
        for event in events.prefix(bufferedCount) {
            _ = sync.receive(event.u, firstID: event.U, finalID: event.u, previousFinalID: event.pu)
        }
        // A snapshot id inside the bridging event, as the REST depth call would return while the stream runs.
        let snapshotID = market == .spot ? events[bridge].U - 1 : events[bridge].U
        let outcome = sync.receiveSnapshot(lastUpdateID: snapshotID)
        #expect(outcome.appliesSnapshot)
        applied += outcome.deltas
        for (index, event) in events.enumerated().dropFirst(bufferedCount) where index != skip {
            switch sync.receive(event.u, firstID: event.U, finalID: event.u, previousFinalID: event.pu) {
            case .apply(let id): applied.append(id)
            case .resync(let resync): resyncs.append(resync)
            case .buffered, .dropped: break
            }
        }
        return (applied, resyncs)
    }

    @Test(arguments: ["SUSHIUSDT", "AKROUSDT", "CTKUSDT", "KEEPUSDT"])
    func futuresStreamSynchronisesAndChains(symbol: String) throws {
        let events = try events("BINANCE_FUTURES.ws.1.0", symbol: symbol)
        #expect(events.count > 100)
        let result = run(events, market: .usdMFutures, bufferedCount: 20, bridge: 7)
        #expect(result.resyncs.isEmpty)
        #expect(result.applied == events.dropFirst(7).map(\.u))
    }

    @Test func spotStreamSynchronisesAndChains() throws {
        let events = try events("BINANCE.ws.1.0", symbol: "NKNUSDT")
        #expect(events.count == 150)
        let result = run(events, market: .spot, bufferedCount: 10, bridge: 3)
        #expect(result.resyncs.isEmpty)
        #expect(result.applied == events.dropFirst(3).map(\.u))
    }

    @Test func aDroppedFuturesEventAsksForAResync() throws {
        let events = try events("BINANCE_FUTURES.ws.1.0", symbol: "SUSHIUSDT")
        let result = run(events, market: .usdMFutures, bufferedCount: 20, bridge: 7, skip: 50)
        let resync = try #require(result.resyncs.first)
        // The event after the dropped one says its predecessor was event 50; we last applied event 49.
        #expect(resync == BookResync(venue: .binance, reason: .gap, expected: events[49].u, received: events[51].pu))
        #expect(result.applied.last == events[49].u)
    }

    @Test func aDroppedSpotEventAsksForAResync() throws {
        let events = try events("BINANCE.ws.1.0", symbol: "NKNUSDT")
        let result = run(events, market: .spot, bufferedCount: 10, bridge: 3, skip: 40)
        let resync = try #require(result.resyncs.first)
        #expect(resync == BookResync(venue: .binance, reason: .gap, expected: events[39].u + 1, received: events[41].U))
    }

    @Test func aSnapshotOlderThanTheBufferIsRefusedAndTheBufferKept() throws {
        let events = try events("BINANCE_FUTURES.ws.1.0", symbol: "SUSHIUSDT")
        var sync = BinanceDepthSync<Int64>(market: .usdMFutures)
        for (index, event) in events.prefix(5).enumerated() {
            let step = sync.receive(event.u, firstID: event.U, finalID: event.u, previousFinalID: event.pu)
            #expect(step == .buffered(count: index + 1))
        }
        let outcome = sync.receiveSnapshot(lastUpdateID: events[0].U - 10)
        #expect(!outcome.appliesSnapshot)
        #expect(outcome.resync?.reason == .snapshotOutOfRange)
        #expect(sync.bufferedCount == 5)
        // A fresh snapshot inside event 2 bridges the kept buffer.
        let retry = sync.receiveSnapshot(lastUpdateID: events[2].U)
        #expect(retry.appliesSnapshot)
        #expect(retry.deltas == events[2..<5].map(\.u))
    }

    @Test func theDocumentedExampleEventBridgesItsSnapshot() throws {
        let event = try Fixtures.decode(BinanceDepthUpdate.self, "binance_futures_depth_update_stream.json")
        var sequencer = BinanceBookSequencer(market: .usdMFutures)
        #expect(sequencer.snapshot(lastUpdateID: 158) == .applySnapshot)
        #expect(sequencer.event(firstID: event.U, finalID: event.u, previousFinalID: event.pu) == .applyDelta)
        #expect(sequencer.event(firstID: 161, finalID: 165, previousFinalID: 160) == .applyDelta)
        #expect(
            sequencer.event(firstID: 161, finalID: 165, previousFinalID: 160)
                == .drop(.stale(received: 165, lastApplied: 165))
        )
    }

    @Test func aFullBufferAsksForAResync() {
        var sync = BinanceDepthSync<Int>(market: .spot, bufferLimit: 2)
        _ = sync.receive(1, firstID: 1, finalID: 1, previousFinalID: nil)
        _ = sync.receive(2, firstID: 2, finalID: 2, previousFinalID: nil)
        guard case .resync(let resync) = sync.receive(3, firstID: 3, finalID: 3, previousFinalID: nil) else {
            Issue.record("expected a resync")
            return
        }
        #expect(resync.reason == .bufferFull)
        #expect(sync.bufferedCount == 0)
    }
}
