internal import Foundation
internal import LegateCore
internal import LegateModel
internal import LegateSimulator

/// The simulator in the `venues` area: a full day of one underlying on the default simulated Deribit.
enum SimulatorBenchmarks {
    static let all: [Benchmark] = [simulatorDay]

    /// `Config/simulator/`, found from this source file's place in the repository.
    static let configDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Config/simulator")

    static func load<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(contentsOf: configDirectory.appendingPathComponent(name)))
    }

    /// 24 simulated hours from 2026-11-21 08:00 UTC of the default Deribit configuration (the whole BTC option
    /// chain, futures and the perpetual, market makers requoting every book on its cycle, tickers, funding, the
    /// day's expiry and relisting, random faults) with 2 client orders a second. One run is one item: the figure
    /// is the wall time of the day.
    static let simulatorDay = Benchmark(area: "venues", name: "simulator_day", items: 1) {
        let venue = try load(VenueConfiguration.self, "deribit.json")
        let market = try load(MarketConfiguration.self, "market-btc.json")
        let start = CivilDate(year: 2026, month: 11, day: 21).map { $0.at(hourUTC: 8) } ?? UnixNanos(0)
        let clock = ContinuousClock()
        let began = clock.now
        let summary = SimulationDay.run(venue: venue, market: market, seed: 2026, start: start)
        let elapsed = clock.now - began
        blackHole(Double(summary.events))
        let (seconds, attoseconds) = elapsed.components
        return [Double(seconds) * 1e9 + Double(attoseconds) / 1e9]
    }
}
