internal import ArgumentParser
internal import Foundation
internal import LegateCore
internal import LegateEngine
internal import LegateJournal
internal import LegateModel
internal import LegateRisk
internal import LegateRuntime
internal import LegateSimulator

/// What `legate run` was asked for beyond its configuration file.
struct RunOptions {
    var config = "Config/run.json"
    var journal: String?
    var seed: UInt64?
    var duration: String?
    var replace = false
}

/// A run that finished: the engine's final state and what the timeline kept.
struct RunOutcome {
    let config: RunConfig
    let journal: String
    let seed: UInt64
    let result: SessionResult
    let timeline: RunTimeline
    let wallSeconds: Double
}

/// A run that could not start or did not finish (not a problem of the configuration file).
struct RunFailure: Error, CustomStringConvertible {
    let description: String
}

/// Builds the session a configuration describes and runs it: simulated venues on one seed, the engine with the
/// portfolio gate on the venues' marks and a new SQLite journal, the limits set by the risk manager at the start,
/// then the desk's script and the crowd until the end.
enum RunSession {
    static func run(_ options: RunOptions, emit: (RunLine) -> Void) throws -> RunOutcome {
        let config = try RunConfig.load(options.config)
        let seed = options.seed ?? config.seed
        var duration = config.duration
        if let text = options.duration {
            guard let parsed = RunDuration.parse(text), parsed > 0 else {
                throw ValidationError("--duration \(text) is not a duration such as 2h, 90m, 45s or 1h30m")
            }
            duration = parsed
        }
        let journalPath = options.journal ?? config.journal
        let venues = makeVenues(config, seed: seed)
        let gate = try makeGate(config, venues: venues)
        let store = try openJournal(
            journalPath,
            replace: options.replace || (options.journal == nil && config.replaceJournal)
        )
        let engine = Engine(
            configuration: EngineConfiguration(users: config.users, desks: config.limits.desks),
            gate: gate
        )
        let settings = SimulatedSession<MarkedPortfolioGate>.Settings(
            start: config.start,
            end: config.start + duration,
            timerSeconds: config.timerSeconds,
            crowd: crowd(config, seed: seed)
        )
        let session = SimulatedSession(
            durable: DurableEngine(engine: engine, journal: store, lastSequence: 0),
            venues: SimulatedVenueSet(venues: venues),
            settings: settings
        )
        var timeline = RunTimeline(
            underlyings: [config.market.underlying],
            venues: config.venues.map(\.venue)
        )
        let venueNames = config.venues.map(\.venue.rawValue).joined(separator: ", ")
        let crowdText = config.crowd.map { " and a crowd of \($0.ordersPerSecond) orders/s per venue" } ?? ""
        emit(
            RunLine(
                time: RunTimeline.clock(config.start),
                kind: "session",
                text:
                    "\(options.config): seed \(seed), \(RunSummary.iso(config.start)) + \(RunDuration.format(duration)) "
                    + "simulated on \(venueNames)\(crowdText); \(config.script.count) desk actions; journal \(journalPath)"
            )
        )
        let began = Date()
        let result: SessionResult
        do {
            result = try session.run(script: script(config)) { record in
                for line in timeline.lines(for: record) { emit(line) }
            }
        } catch {
            throw RunFailure(description: "\(error)")
        }
        return RunOutcome(
            config: config,
            journal: journalPath,
            seed: seed,
            result: result,
            timeline: timeline,
            wallSeconds: Date().timeIntervalSince(began)
        )
    }

    /// The crowd's accounts: `crowd-1` … `crowd-N` on every venue it trades.
    static func crowdAccounts(_ crowd: RunCrowd) -> [AccountID] {
        (1...crowd.accounts).map { AccountID(known: "crowd-\($0)") }
    }

    static func makeVenues(_ config: RunConfig, seed: UInt64) -> [SimulatedVenue] {
        config.venues.map { venue in
            var accounts = venue.collateral.map {
                SimulatedAccount(id: $0.account, collateral: $0.amount, cancelOnDisconnect: false)
            }
            if let crowd = config.crowd, crowd.venues.contains(venue.venue) {
                accounts += crowdAccounts(crowd).map {
                    SimulatedAccount(id: $0, collateral: crowd.collateral, cancelOnDisconnect: false)
                }
            }
            return SimulatedVenue(
                configuration: venue.configuration,
                market: config.market,
                accounts: accounts,
                seed: seed,
                start: config.start
            )
        }
    }

    static func crowd(_ config: RunConfig, seed: UInt64) -> [SimulatedSession<MarkedPortfolioGate>.CrowdFlow] {
        guard let crowd = config.crowd else { return [] }
        return crowd.venues.enumerated().map { index, venue in
            .init(
                venue: venue,
                ordersPerSecond: crowd.ordersPerSecond,
                accounts: crowdAccounts(crowd),
                seed: seed &+ UInt64(index + 1) &* 0x9E37_79B9_7F4A_7C15
            )
        }
    }

    /// The portfolio gate, starting on the primary venue's own market, with every limit checked to be enforceable.
    static func makeGate(_ config: RunConfig, venues: [SimulatedVenue]) throws(RiskInputError) -> MarkedPortfolioGate {
        let file = config.modelFile
        let template: PortfolioRiskModel
        do {
            template = try PortfolioRiskModel(
                market: MarkedMarket.simulated(venues[0]),
                marginParameters: file.portfolioParameters,
                coins: file.coins,
                tail: file.tail,
                buckets: file.buckets,
                bucketLabels: file.bucketLabels,
                margins: GateMarginParameters(
                    standard: file.standardParameters,
                    span: file.spanParameters,
                    house: file.houseParameters
                )
            )
        } catch {
            throw RiskInputError(file: "\(config.models)/risk/gate.json", path: "coins", problem: "\(error)")
        }
        let gate = MarkedPortfolioGate(
            template: template,
            equity: config.limits.equity,
            venues: config.venues.map(\.venue),
            marginModels: config.limits.marginModels
        )
        for (index, limit) in config.allLimits.enumerated() {
            guard let reason = gate.unsupportedReason(limit.key) else { continue }
            let fromFile = index < config.limits.limits.count
            throw RiskInputError(
                file: fromFile ? config.limits.file : config.file,
                path: fromFile ? "limits[\(index)]" : "extra_limits[\(index - config.limits.limits.count)]",
                problem: reason
            )
        }
        return gate
    }

    /// The risk manager sets every limit at the start, then the desk's script runs.
    static func script(_ config: RunConfig) -> [ScheduledAction] {
        let limits = config.allLimits.enumerated().map { index, limit in
            ScheduledAction(
                at: config.start,
                actor: config.limitsSetBy,
                label: "limit-\(index)",
                action: .command(.setLimit(limit.key, limit: limit))
            )
        }
        return limits + config.script.map { $0.scheduled(from: config.start) }
    }

    /// A new journal at `path`; an existing file is replaced only when asked (with its WAL and shared memory).
    static func openJournal(_ path: String, replace: Bool) throws -> SQLiteJournal {
        let manager = FileManager.default
        if manager.fileExists(atPath: path) {
            guard replace else {
                throw RunFailure(description: "\(path) exists; give a new --journal path, or --replace to overwrite it")
            }
            for suffix in ["", "-wal", "-shm"] where manager.fileExists(atPath: path + suffix) {
                do {
                    try manager.removeItem(atPath: path + suffix)
                } catch {
                    throw RunFailure(description: "cannot replace \(path + suffix): \(error.localizedDescription)")
                }
            }
        }
        do {
            return try SQLiteJournal(path: path, configuration: .node)
        } catch {
            throw RunFailure(description: "cannot create journal \(path): \(error)")
        }
    }
}
