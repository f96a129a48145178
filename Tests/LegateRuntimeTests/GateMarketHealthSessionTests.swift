// Proves that a simulated session reports a failed rebuild of the gate's market in its result: on a venue listing
// one option expiry, the gate first values on the marks, then the expiry passes and the marks no longer hold a full
// market (no option expiry left until the next tickers mark the new one), so the next decision's rebuild fails and
// the gate keeps the stale market. The session's result counts the failure and names its typed reason; a session
// that ends before the expiry reports none.
import Foundation
import LegateCore
import LegateEngine
import LegateJournal
import LegateModel
import LegateRuntime
import LegateSimulator
import Testing

@Suite struct GateMarketHealthSessionTests {
    /// 20 minutes before the 08:00 expiry, off the minute, so the tickers (every 60 s from the start) come at :30.
    static let start = CivilDate(year: 2026, month: 1, day: 5)!.at(hourUTC: 7) + (40 * 60 + 30) * SessionFixture.second

    static func at(_ seconds: Int64) -> UnixNanos { start + seconds * SessionFixture.second }

    /// Deribit listing only the next daily option expiry, without random faults.
    static func venue() throws -> SimulatedVenue {
        var configuration = try SessionFixture.load(VenueConfiguration.self, "deribit.json")
        configuration.calendar.options = ExpiryCounts(dailies: 1, weeklies: 0, monthlies: 0, quarterlies: 0)
        configuration.faults.outagesPerDay = 0
        configuration.faults.disconnectsPerDay = 0
        return SimulatedVenue(
            configuration: configuration,
            market: try SessionFixture.load(MarketConfiguration.self, "market-btc.json"),
            accounts: [SimulatedAccount(id: RuntimeFixture.account, collateral: 100, cancelOnDisconnect: false)],
            seed: 9,
            start: start
        )
    }

    static func bid(_ label: String, at time: UnixNanos) -> ScheduledAction {
        ScheduledAction(
            at: time,
            actor: RuntimeFixture.alice,
            label: label,
            action: .order(
                DeskOrder(
                    account: RuntimeFixture.account,
                    venue: .deribit,
                    instrument: .perpetual,
                    side: .buy,
                    quantity: 10,
                    price: .join(ticks: 5)
                )
            )
        )
    }

    /// Runs the session to `end` with a bid at 07:45 (on the marks) and, when the session reaches it, one at 08:00:10
    /// (the daily expired at 08:00, the next daily's marks come with the tickers at 08:00:30).
    static func run(until end: UnixNanos) throws -> SessionResult {
        let venue = try venue()
        let gate = MarkedPortfolioGate(
            template: try SizingSessionFixture.gate(on: venue).model,
            equity: [RuntimeFixture.account: 10_000_000],
            venues: [.deribit]
        )
        let session = SimulatedSession(
            durable: DurableEngine(
                engine: Engine(configuration: RuntimeFixture.configuration, gate: gate),
                journal: InMemoryJournal(),
                lastSequence: 0
            ),
            venues: SimulatedVenueSet(venues: [venue]),
            settings: .init(start: start, end: end)
        )
        let script = [bid("on-marks", at: at(4 * 60 + 30)), bid("after-expiry", at: at(19 * 60 + 40))]
        return try session.run(script: script) { _ in }
    }

    @Test func aRebuildThatFailsAfterTheExpiryIsInTheSummary() throws {
        let result = try Self.run(until: Self.at(19 * 60 + 50))
        let health = try #require(result.gateMarket)
        #expect(health.failedRefreshes == 1)
        let failure = try #require(health.lastFailure)
        #expect(failure.reason == .marksIncomplete)
        #expect(failure.reason.code == "marks_incomplete")
        #expect(failure.at == Self.at(19 * 60 + 40))
        // It kept the market it built on the marks before the expiry.
        #expect(failure.kept.asOf < CivilDate(year: 2026, month: 1, day: 5)!.at(hourUTC: 8))
        #expect(health.lastRefresh == .failed(failure))
        #expect(health.description.hasPrefix("1 market rebuild failed (marks_incomplete)"), "\(health)")
        #expect(health.description.contains("the marks no longer hold a full market"), "\(health)")
    }

    @Test func aSessionWhoseRebuildsSucceedReportsNoFailure() throws {
        let result = try Self.run(until: Self.at(10 * 60))
        let health = try #require(result.gateMarket)
        #expect(health.failedRefreshes == 0 && health.lastFailure == nil)
        guard case .rebuilt? = health.lastRefresh else {
            Issue.record("the bid before the expiry must be judged on a market rebuilt from the marks: \(health)")
            return
        }
        #expect(health.description.hasPrefix("no market rebuild failed; last: rebuilt on market#"), "\(health)")
    }
}
