internal import Foundation
public import LegateCore
public import LegateEngine
public import LegateModel
internal import LegateRisk
public import LegateSimulator
internal import OrderedCollections
internal import Synchronization

/// The whole system in one process on simulated time: the real `EngineService` (risk gate, journal, group commit)
/// wired to simulated venues, driven by a scripted desk and an optional random crowd.
///
/// Time is a `VirtualClock` moved by the simulation from one instant to the next: the next venue output to
/// deliver, market step, desk action, crowd order or timer tick. At each instant the venue outputs due are turned
/// into engine inputs (reports about the engine's orders, marks from tickers), the desk's actions into commands;
/// the simulation submits them, waits until they are committed, and only then hands the venue commands the writer
/// released to the simulated venues, whose replies come back after their latency. The clock does not move while
/// an input is in flight, so every input is stamped with its instant: the same seed, configuration and script give
/// the same journal and the same state hash.
public final class SimulatedSession<Gate: RiskGate> {
    /// When the session runs and what runs besides the desk.
    public struct Settings: Sendable {
        public var start: UnixNanos
        public var end: UnixNanos
        /// How often the engine gets a timer tick (approval and good-till-date expiry).
        public var timerSeconds: Int64
        /// Random order flow sent straight to the venues (other market participants).
        public var crowd: [CrowdFlow]

        public init(start: UnixNanos, end: UnixNanos, timerSeconds: Int64 = 10, crowd: [CrowdFlow] = []) {
            precondition(end >= start && timerSeconds > 0, "a session needs end ≥ start and a positive timer")
            self.start = start
            self.end = end
            self.timerSeconds = timerSeconds
            self.crowd = crowd
        }
    }

    /// Seeded random clients on one venue; their accounts must be accounts of that simulated venue.
    public struct CrowdFlow: Sendable {
        public let venue: Venue
        public let ordersPerSecond: Double
        public let accounts: [AccountID]
        public let seed: UInt64

        public init(venue: Venue, ordersPerSecond: Double, accounts: [AccountID], seed: UInt64) {
            self.venue = venue
            self.ordersPerSecond = ordersPerSecond
            self.accounts = accounts
            self.seed = seed
        }
    }

    let settings: Settings
    let durable: DurableEngine<Gate>
    let service: EngineService<Gate>
    let clock: VirtualClock
    let outbox = Outbox()
    var venues: SimulatedVenueSet
    var pending = DeliveryQueue()
    var feed: MarkFeed
    var ledger: DeskLedger
    var health: [VenueHealth]
    var crowd: [(venue: Venue, flow: RandomOrderFlow)]
    var inputCount = 0

    /// - Parameters:
    ///   - durable: the engine and its journal (a new journal, or one recovered); the session owns it while it runs.
    ///   - venues: the simulated venues, opened at `settings.start`; the first is the primary source of marks.
    public init(durable: DurableEngine<Gate>, venues: SimulatedVenueSet, settings: Settings) {
        precondition(!venues.venues.isEmpty, "a session needs a simulated venue")
        self.settings = settings
        self.durable = durable
        self.venues = venues
        // Read before the service starts: from then on the engine's state is the writer thread's.
        ledger = DeskLedger(
            hedgePolicies: HedgePolicyBook(
                policies: durable.engine.state.hedgePolicies,
                desks: durable.engine.configuration.desks
            )
        )
        clock = VirtualClock(start: settings.start)
        let outbox = self.outbox
        service = EngineService(durable: durable, clock: clock.reading) { commands in outbox.append(commands) }
        feed = MarkFeed(primary: venues.venues[0].configuration.venue)
        health = venues.venues.map { VenueHealth(venue: $0.configuration.venue) }
        crowd = settings.crowd.map { flow in
            (
                flow.venue,
                RandomOrderFlow(
                    ordersPerSecond: flow.ordersPerSecond,
                    accounts: flow.accounts,
                    seed: flow.seed,
                    start: settings.start
                )
            )
        }
    }

    /// Runs the session to its end, telling `observer` everything in order, and returns the final state once the
    /// engine has stopped.
    public func run(
        script: [ScheduledAction],
        observer: (SessionRecord) -> Void
    ) throws(SimulationError) -> SessionResult {
        service.start()
        do {
            try loop(script, observer)
        } catch {
            service.stop()
            throw error
        }
        service.stop()
        return try result()
    }

    private func loop(_ script: [ScheduledAction], _ observer: (SessionRecord) -> Void) throws(SimulationError) {
        let actions = script.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }
            .map(\.element)
        var nextAction = 0
        var nextTimer = settings.start + settings.timerSeconds * UnixNanos.nanosecondsPerSecond
        enqueue(venues.advance(to: settings.start))
        while true {
            var now = min(nextTimer, nextStepTime, pending.nextTime ?? nextTimer)
            if nextAction < actions.count { now = min(now, actions[nextAction].at) }
            for entry in crowd { now = min(now, entry.flow.nextTime) }
            guard now <= settings.end else { break }
            enqueue(venues.advance(to: now))
            var inputs = deliver(due: now, observer)
            while nextAction < actions.count, actions[nextAction].at <= now {
                if let input = resolve(actions[nextAction], at: now, observer) {
                    inputs.append((input, .desk(actions[nextAction])))
                }
                nextAction += 1
            }
            if nextTimer <= now {
                inputs.append((.timer, .timer))
                nextTimer = nextTimer + settings.timerSeconds * UnixNanos.nanosecondsPerSecond
            }
            runCrowd(at: now)
            if !inputs.isEmpty { try commit(inputs, at: now, observer) }
            route(outbox.take(), at: now, observer)
        }
        enqueue(venues.advance(to: settings.end))
    }

    private var nextStepTime: UnixNanos {
        venues.venues.map(\.market.nextStepTime).min() ?? settings.end
    }

    /// Submits one instant's inputs, waits until all are committed, and keeps what they decided.
    private func commit(
        _ inputs: [(input: Input, origin: InputOrigin)],
        at time: UnixNanos,
        _ observer: (SessionRecord) -> Void
    ) throws(SimulationError) {
        clock.set(time)
        let answers = Answers(count: inputs.count)
        var submitted = 0
        var refusal: EngineServiceError?
        for (index, entry) in inputs.enumerated() {
            do throws(EngineServiceError) {
                try service.submit(entry.input) { result in answers.store(result, at: index) }
                submitted += 1
            } catch {
                refusal = error
                break
            }
        }
        let results = answers.wait(for: submitted)
        if let refusal { throw .engine(refusal) }
        for (entry, result) in zip(inputs, results) {
            let outputs: [Output]
            switch result {
            case .success(let found): outputs = found
            case .failure(let error): throw .engine(error)
            }
            inputCount += 1
            ledger.record(outputs)
            for case .event(.orderCreated(let created)) in outputs { feed.watch(created.request.instrument) }
            observer(.handled(at: time, input: entry.input, outputs: outputs, origin: entry.origin))
        }
    }

    /// Hands committed venue commands to their simulated venues.
    private func route(_ commands: [VenueCommand], at time: UnixNanos, _ observer: (SessionRecord) -> Void) {
        for command in commands {
            ledger.sent(command)
            observer(.sent(at: time, command: command))
            if let index = health.firstIndex(where: { $0.venue == SimulatedSession.venue(of: command) }) {
                health[index].engineCommands += 1
            }
            enqueue(venues.handle(command, at: time))
        }
    }

    private func runCrowd(at time: UnixNanos) {
        for index in crowd.indices {
            let venue = crowd[index].venue
            guard let slot = health.firstIndex(where: { $0.venue == venue }) else { continue }
            while crowd[index].flow.nextTime <= time {
                guard let command = nextCrowdCommand(index) else { continue }
                health[slot].crowdCommands += 1
                enqueue(venues.handle(command, at: time))
            }
        }
    }

    /// The crowd's next command; the venue copy it reads is released before the venue is changed again (so the
    /// change does not copy the venue's storage).
    private func nextCrowdCommand(_ index: Int) -> VenueCommand? {
        guard let venue = venues.venue(crowd[index].venue) else { return nil }
        return crowd[index].flow.next(for: venue)
    }

    static func venue(of command: VenueCommand) -> Venue {
        switch command {
        case .place(_, let request): request.venue
        case .cancel(_, let venue, _), .amend(_, let venue, _, _, _): venue
        }
    }
}

/// Venue commands the writer released, waiting to be routed by the simulation.
final class Outbox: Sendable {
    private let commands = Mutex<[VenueCommand]>([])

    func append(_ more: [VenueCommand]) {
        commands.withLock { $0 += more }
    }

    func take() -> [VenueCommand] {
        commands.withLock { commands in
            defer { commands.removeAll() }
            return commands
        }
    }
}

/// The answers to one instant's inputs, filled in by the writer thread.
final class Answers: Sendable {
    private let results: Mutex<[Result<[Output], EngineServiceError>?]>
    private let arrived = DispatchSemaphore(value: 0)

    init(count: Int) {
        results = Mutex(Array(repeating: nil, count: count))
    }

    func store(_ result: Result<[Output], EngineServiceError>, at index: Int) {
        results.withLock { $0[index] = result }
        arrived.signal()
    }

    /// Waits for `count` answers and returns them in input order.
    func wait(for count: Int) -> [Result<[Output], EngineServiceError>] {
        for _ in 0..<count { arrived.wait() }
        return results.withLock { $0.prefix(count).map { $0 ?? .failure(.stopped(reason: "no answer")) } }
    }
}
