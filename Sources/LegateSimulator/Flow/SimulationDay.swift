public import LegateCore
import LegateModel

/// What a simulated trading day produced.
public struct SimulationDaySummary: Hashable, Sendable {
    /// Instruments listed over the day (options, futures, the perpetual).
    public var instruments: Int
    /// Instruments listed at the end of the day.
    public var listedAtEnd: Int
    /// Everything delivered to the client: market data, reports, listings, settlements, connection events.
    public var events: Int
    public var commands: Int
    /// Client fills (both sides of a client-to-client match count).
    public var fills: Int
    /// Public trades printed, including those between clients and market makers.
    public var trades: Int
    public var requotes: Int

    public init(instruments: Int, listedAtEnd: Int, events: Int, commands: Int, fills: Int, trades: Int, requotes: Int)
    {
        self.instruments = instruments
        self.listedAtEnd = listedAtEnd
        self.events = events
        self.commands = commands
        self.fills = fills
        self.trades = trades
        self.requotes = requotes
    }
}

/// A whole trading day of one venue: the full option chain, futures and perpetual quoted by market makers, with
/// seeded client flow, expiries and faults; the `simulator_day` benchmark and a smoke test run it.
public enum SimulationDay {
    /// Runs `hours` of simulated time from `start` and returns the counts.
    public static func run(
        venue configuration: VenueConfiguration,
        market: MarketConfiguration,
        seed: UInt64,
        start: UnixNanos,
        hours: Int64 = 24,
        ordersPerSecond: Double = 2
    ) -> SimulationDaySummary {
        let accounts = (1...4).map {
            SimulatedAccount(id: AccountID(known: "flow-\($0)"), collateral: 1_000_000, cancelOnDisconnect: $0 == 1)
        }
        var venue = SimulatedVenue(
            configuration: configuration,
            market: market,
            accounts: accounts,
            seed: seed,
            start: start
        )
        var flow = RandomOrderFlow(
            ordersPerSecond: ordersPerSecond,
            accounts: accounts.map(\.id),
            seed: seed,
            start: start
        )
        let end = start + hours * 3_600 * UnixNanos.nanosecondsPerSecond
        var events = venue.advance(to: start).count
        while flow.nextTime < end {
            let time = flow.nextTime
            if let command = flow.next(for: venue) {
                events += venue.handle(command, at: time).count
            }
        }
        events += venue.advance(to: end).count
        let counters = venue.counters
        return SimulationDaySummary(
            instruments: counters.listings,
            listedAtEnd: venue.listedInstruments.count,
            events: events,
            commands: counters.commands,
            fills: counters.fills,
            trades: counters.trades,
            requotes: counters.requotes
        )
    }
}
