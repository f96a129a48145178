public import LegateCore
public import LegateEngine
public import LegateModel
public import LegateRisk
public import LegateSimulator
public import OrderedCollections

/// Something that happened in a simulated session, in the order it happened: what a timeline prints.
public enum SessionRecord: Sendable {
    /// An input the engine handled at `at` (committed to the journal), with what it decided.
    case handled(at: UnixNanos, input: Input, outputs: [Output], origin: InputOrigin)
    /// A desk action that could not run on the market as it stood.
    case skipped(at: UnixNanos, action: ScheduledAction, reason: String)
    /// A committed venue command handed to its simulated venue.
    case sent(at: UnixNanos, command: VenueCommand)
    /// A venue's session or availability changed.
    case connection(at: UnixNanos, event: ConnectionEvent)
    /// A desk position was settled at expiry by its venue.
    case settled(at: UnixNanos, report: SettlementReport)
}

/// Where an engine input came from.
public enum InputOrigin: Sendable {
    case desk(ScheduledAction)
    /// A report of a venue about one of the engine's orders.
    case venue(Venue)
    /// A mark a venue published.
    case market(Venue)
    case timer
}

/// How one simulated venue behaved over the session.
public struct VenueHealth: Sendable, Hashable {
    public let venue: Venue
    public internal(set) var outages = 0
    public internal(set) var outageNanos: Int64 = 0
    public internal(set) var disconnects = 0
    public internal(set) var disconnectedNanos: Int64 = 0
    /// Orders, cancels and amends the random crowd sent.
    public internal(set) var crowdCommands = 0
    /// Commands of the engine this venue received.
    public internal(set) var engineCommands = 0
    public internal(set) var listedAtEnd = 0
    var outageSince: UnixNanos?
    var disconnectedSince: UnixNanos?

    init(venue: Venue) {
        self.venue = venue
    }
}

/// What a simulated session ends with.
public struct SessionResult: Sendable {
    public let start: UnixNanos
    public let end: UnixNanos
    /// The engine state after the last commit: replaying the journal rebuilds it.
    public let state: EngineState
    public let stateHash: String
    public let lastSequence: UInt64
    /// Engine inputs handled (commands, reports, marks, timer ticks).
    public let inputs: Int
    public let venues: [VenueHealth]
    /// Fees the venues charged the engine's orders, per currency (negative: rebates).
    public let fees: OrderedDictionary<Asset, FixedDecimal>
    /// The market the marks describe at the end (or the simulator's own, when they do not make one).
    public let market: LegateRisk.MarketState
    /// The last mark the engine was given per instrument.
    public let marks: [Instrument: Price]
    /// How the gate's market rebuilds from the marks went (failed ones left it on a stale market); nil when the gate
    /// does not rebuild its market from marks.
    public let gateMarket: GateMarketHealth?
}

/// Why a simulated session stopped.
public enum SimulationError: Error, CustomStringConvertible {
    case engine(EngineServiceError)
    case state(RuntimeError)

    public var description: String {
        switch self {
        case .engine(let error): "the engine stopped: \(error)"
        case .state(let error): "the final state: \(error)"
        }
    }
}
