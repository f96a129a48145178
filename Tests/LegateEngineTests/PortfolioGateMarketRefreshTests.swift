// Revaluing a gate on a new market (what MarkedPortfolioGate does on marks) reports what became of it: rebuilt on
// the new market, still waiting for a full market at start-up, or failed — keeping a stale market, with the reason
// typed — so a failed rebuild is never silent.
import LegateCore
import LegateEngine
import LegateModel
import LegateRisk
import Testing

@Suite struct PortfolioGateMarketRefreshTests {
    @Test func aNewMarketRebuildsTheGateWithItsEquityAndMarginModels() throws {
        let gate = try MarginModelFixture.gate()
        var market = try GateFixture.market()
        try market.setIndex(Price(FixedDecimal(120_000)), for: GateFixture.btc)
        let (rebuilt, outcome) = gate.remarked(on: market, at: GateFixture.days(1), hasRebuilt: true)
        let found = try #require(rebuilt)
        #expect(outcome == .rebuilt(found.market))
        #expect(found.market != gate.market)
        #expect(found.equity == gate.equity && found.marginModels == gate.marginModels)
        #expect(found.model.margins != nil && found.model.indexPrices[0] == 120_000)
    }

    @Test func noFullMarketBeforeAnyRebuildIsTheStartUpState() throws {
        let gate = try GateFixture.gate()
        let (rebuilt, outcome) = gate.remarked(on: nil, at: GateFixture.days(1), hasRebuilt: false)
        #expect(rebuilt == nil)
        #expect(outcome == .awaitingMarks(kept: gate.market))
    }

    @Test func aMarketLostAfterARebuildIsAFailureNamingTheMarketKept() throws {
        let gate = try GateFixture.gate()
        let (rebuilt, outcome) = gate.remarked(on: nil, at: GateFixture.days(2), hasRebuilt: true)
        #expect(rebuilt == nil)
        let failure = MarketRefreshFailure(at: GateFixture.days(2), kept: gate.market, reason: .marksIncomplete)
        #expect(outcome == .failed(failure))
        #expect(failure.description.contains("still values on \(gate.market)"))
    }

    @Test func aMarketTheModelRefusesIsATypedFailure() throws {
        let gate = try GateFixture.gate()
        var market = LegateRisk.MarketState(asOf: GateFixture.asOf)
        try market.setIndex(Price(FixedDecimal(100_000)), for: GateFixture.btc)
        let (rebuilt, outcome) = gate.remarked(on: market, at: GateFixture.days(1), hasRebuilt: true)
        #expect(rebuilt == nil)
        guard case .failed(let failure) = outcome, case .modelRefused(let error) = failure.reason else {
            Issue.record("expected a refused model, got \(outcome)")
            return
        }
        #expect(error == .model("the market has no index for ETH"))
        #expect(failure.kept == gate.market)
    }
}
