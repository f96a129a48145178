// Proves the benchmark's scenario runs end to end on the default configuration (the whole chain, futures and the
// perpetual, market makers, order flow, faults) and repeats itself from its seed. Setting LEGATE_SIMULATOR_DAY runs
// the full 24 hours of the `simulator_day` benchmark and prints its counts.
import Foundation
import LegateCore
import LegateModel
import LegateSimulator
import Testing

@Suite struct SimulationDayTests {
    static func run(hours: Int64) throws -> SimulationDaySummary {
        let (deribit, _, market) = try SimulatedVenueTests.defaults()
        return SimulationDay.run(venue: deribit, market: market, seed: 2026, start: Fixtures.start, hours: hours)
    }

    @Test func anHourOfTheDefaultVenueRunsAndRepeats() throws {
        var deribit = try SimulatedVenueTests.defaults().deribit
        deribit.faults.outagesPerDay = 0
        let (_, _, market) = try SimulatedVenueTests.defaults()
        let first = SimulationDay.run(venue: deribit, market: market, seed: 7, start: Fixtures.start, hours: 1)
        // 13 option expiries × 25–31 strikes × 2 rights, 6 futures and the perpetual.
        #expect(first.instruments > 600)
        #expect(first.fills > 100 && first.trades > 100 && first.requotes > 10_000)
        #expect(first.events > first.requotes)
        #expect(first == SimulationDay.run(venue: deribit, market: market, seed: 7, start: Fixtures.start, hours: 1))
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["LEGATE_SIMULATOR_DAY"] != nil))
    func fullDayCounts() throws {
        let summary = try Self.run(hours: 24)
        print("simulator_day counts: \(summary)")
        #expect(summary.instruments > 600)
    }
}
