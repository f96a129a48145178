public import LegateCore
public import LegateModel
import LegatePricing

/// A simulated venue: the embedded default in place of Deribit, OKX and the others.
///
/// A value that is handed time and commands and returns what the client would receive, each with its delivery
/// instant after latency: `handle(_:at:)` for a command, `advance(to:)` for the passing of time (market moves,
/// market-maker requotes, tickers, funding, listings, expiries and settlement, outages and disconnects). It reads no
/// clock and draws every random number from streams of one seed, so the same seed, configuration and calls give the
/// same outputs, bit for bit.
///
/// ```swift
/// var venue = SimulatedVenue(configuration: deribit, market: btc, accounts: [desk], seed: 7, start: start)
/// let opening = venue.advance(to: start + 60 * second)       // listings, book snapshots, tickers…
/// let replies = venue.handle(.place(orderID: id, request: order), at: start + 61 * second)
/// ```
public struct SimulatedVenue: Sendable {
    public let configuration: VenueConfiguration
    /// The instant the venue opened; publishing cycles count from it.
    public let start: UnixNanos
    public private(set) var market: MarketSimulator
    let surface: SurfaceModel
    var listings: [Listing] = []
    /// Instrument → listing index (looked up, never iterated: iteration order must not reach an output).
    var listingIndex: [Instrument: Int] = [:]
    var orders: [ClientOrder] = []
    var orderIndex: [OrderID: Int] = [:]
    var accounts: [AccountState] = []
    var accountIndex: [AccountID: Int] = [:]
    /// Order slots with a good-till-date, checked every step.
    var datedOrders: [Int] = []
    /// Market-maker sizes and latencies.
    var generator: SeededGenerator
    var outages: FaultTimeline
    var disconnects: FaultTimeline
    public internal(set) var isInOutage = false
    public internal(set) var isDisconnected = false
    var delayed: [DelayedCommand] = []
    public internal(set) var currentTime: UnixNanos
    var stepIndex: Int64 = 0
    var pending: [TimedOutput] = []
    var lastPrivateDelivery: UnixNanos
    var lastPublicDelivery: UnixNanos
    /// The market-data latency of the current step (one network path per step).
    var publicLatency: Int64 = 0
    /// The request-to-client latency of the command (or step) being processed; its private outputs share it.
    var privateLatency: Int64 = 0
    /// When the current disconnect ends; private outputs wait for it.
    var reconnectAt: UnixNanos?
    var nextTradeNumber: Int64 = 1
    var nextVenueOrderNumber: Int64 = 1
    var nextExpiry: UnixNanos?
    /// SSVI slices of the current step by expiry, rebuilt once per step when needed.
    var slices: [UnixNanos: SliceEntry] = [:]
    var lastSlice: (expiry: UnixNanos, entry: SliceEntry)?
    var makerFills: [MakerFill] = []
    /// Scratch ladders reused by every requote.
    var ladderBids: [Int64] = []
    var ladderAsks: [Int64] = []
    public internal(set) var counters = SimulatorCounters()
    /// Market-maker protection per account and underlying (looked up, never iterated).
    var protections: [ProtectionKey: ProtectionCounter] = [:]
    /// Protections that tripped during matching, swept (in the order they tripped) before outputs are handed out.
    var trips: [ProtectionTrip] = []

    struct SliceEntry: Hashable, Sendable {
        let time: UnixNanos
        let slice: SVISlice
        let forward: Double
    }

    /// Builds the venue, lists its instruments at `start` and quotes them; the first call returns that opening.
    ///
    /// - Parameters:
    ///   - configuration: The venue's rules.
    ///   - market: The underlying's market model.
    ///   - accounts: Client accounts and their collateral.
    ///   - seed: The run's seed. The market path depends on it alone, so venues built with one seed see one market.
    ///   - start: The simulated instant the venue opens; align it to a whole market step.
    public init(
        configuration: VenueConfiguration,
        market: MarketConfiguration,
        accounts: [SimulatedAccount],
        seed: UInt64,
        start: UnixNanos
    ) {
        let root = SeededGenerator(seed: seed)
        let venueStream = UInt64(Venue.allCases.firstIndex(of: configuration.venue) ?? 0) + 16
        let venueRoot = root.derived(stream: venueStream)
        self.configuration = configuration
        self.start = start
        self.market = MarketSimulator(configuration: market, start: start, generator: root.derived(stream: 1))
        self.surface = SurfaceModel(dynamics: market.surface)
        self.generator = venueRoot.derived(stream: 1)
        let faults = configuration.faults
        self.outages = FaultTimeline(
            scheduled: faults.scheduledOutages,
            perDay: faults.outagesPerDay,
            meanSeconds: faults.meanOutageSeconds,
            start: start,
            generator: venueRoot.derived(stream: 2)
        )
        self.disconnects = FaultTimeline(
            scheduled: faults.scheduledDisconnects,
            perDay: faults.disconnectsPerDay,
            meanSeconds: faults.meanDisconnectSeconds,
            start: start,
            generator: venueRoot.derived(stream: 3)
        )
        self.currentTime = start
        self.lastPrivateDelivery = start
        self.lastPublicDelivery = start
        for account in accounts {
            precondition(accountIndex[account.id] == nil, "account \(account.id) configured twice")
            accountIndex[account.id] = self.accounts.count
            self.accounts.append(
                AccountState(configuration: account, burst: configuration.rateLimit.burst, start: start)
            )
        }
        publicLatency = sampleLatency(public: true)
        checkListings(at: start)
    }

    /// Moves simulated time forward to `time` and returns everything the client receives because of it.
    ///
    /// - Precondition: `time` is not before the venue's current time.
    public mutating func advance(to time: UnixNanos) -> [TimedOutput] {
        precondition(time >= currentTime, "time moved backwards: \(time) before \(currentTime)")
        while market.nextStepTime <= time {
            market.step()
            processStep(at: market.state.time)
        }
        currentTime = time
        return drainOutputs()
    }

    /// Handles one command arriving at `time` (after first advancing to it) and returns the outputs so far.
    public mutating func handle(_ command: VenueCommand, at time: UnixNanos) -> [TimedOutput] {
        var outputs = advance(to: time)
        receive(command, at: time)
        outputs += drainOutputs()
        return outputs
    }

    /// Arms or disarms cancel-on-disconnect for an account (Deribit `private/enable_cancel_on_disconnect`).
    public mutating func setCancelOnDisconnect(_ enabled: Bool, account: AccountID) {
        guard let index = accountIndex[account] else { return }
        accounts[index].cancelOnDisconnect = enabled
    }

    mutating func drainOutputs() -> [TimedOutput] {
        sweepTrippedProtections()
        let outputs = pending
        pending.removeAll(keepingCapacity: true)
        counters.outputs += outputs.count
        return outputs
    }

    /// One market step: faults, expiries, dated orders, then (when up) requotes and publishing.
    mutating func processStep(at time: UnixNanos) {
        stepIndex += 1
        publicLatency = sampleLatency(public: true)
        privateLatency = sampleLatency(public: false)
        updateFaults(at: time)
        if let expiry = nextExpiry, expiry <= time {
            settleExpiries(at: time)
            checkListings(at: time)
        }
        expireDatedOrders(at: time)
        guard !isInOutage else { return }
        releaseDelayed(at: time)
        refreshDueQuotes(at: time)
        let seconds = (time - start) / UnixNanos.nanosecondsPerSecond
        let publishing = configuration.publishing
        if seconds % max(publishing.tickerSeconds, 1) == 0 { publishTickers(at: time) }
        if configuration.listsPerpetual && seconds % max(publishing.fundingSeconds, 1) == 0 {
            publishFunding(at: time)
        }
        if seconds % max(publishing.listingCheckSeconds, 1) == 0 { checkListings(at: time) }
    }
}

/// What a run of the simulator did, for benchmarks and checks.
public struct SimulatorCounters: Hashable, Sendable {
    public var outputs = 0
    public var listings = 0
    public var commands = 0
    public var fills = 0
    public var trades = 0
    public var requotes = 0

    public init() {}
}
