import Foundation
import LegateCore
import LegateEngine
import LegateJournal
import LegateModel
import LegateRuntime
import Synchronization

/// Recovers, configures the desk's limits, runs the workload threads, and pauses the service for a snapshot now and
/// then, until killed (or, with an order count, until that many orders were answered).
enum CrashWriter {
    static let producerCount = 3
    /// Records after the last snapshot that make a restart snapshot first.
    static let snapshotTail: UInt64 = 400
    static let usage = "usage: LegateEngineCrashWriter <journal path> <seed> [order count]"

    static func run(arguments: [String]) -> Int32 {
        guard arguments.count == 3 || arguments.count == 4, let seed = UInt64(arguments[2]) else {
            Lines.fail(usage)
        }
        var orderCount: Int?
        if arguments.count == 4 {
            guard let count = Int(arguments[3]), count >= 0 else { Lines.fail(usage) }
            orderCount = count
        }
        let journal: SQLiteJournal
        let durable: DurableEngine<LimitGate>
        let report: Recovery.Report
        do {
            journal = try SQLiteJournal(path: arguments[1], configuration: journalConfiguration)
            (durable, report) = try Recovery.recover(
                journal: journal,
                configuration: Desk.configuration,
                gate: LimitGate()
            )
            Lines.out("recovered \(durable.lastSequence) \(try durable.engine.state.stateHash())")
        } catch {
            Lines.fail("recovery failed: \(error)")
        }
        // As a node restarts: before any new input, every order a venue may hold is marked for reconciliation.
        do {
            let marked = try durable.markRestart(at: WallClock.now())
            Lines.out("restarted \(durable.lastSequence) \(marked.count)")
        } catch {
            Lines.fail("marking the restart failed: \(error)")
        }
        var snapshotSequence = report.snapshotSequence ?? 0
        // A long tail since the last snapshot: snapshot before trading resumes, as a node would.
        if durable.lastSequence - snapshotSequence >= snapshotTail { saveSnapshot(durable, after: &snapshotSequence) }
        // Read before the service starts: from then on only its writer thread touches the engine.
        let generation = durable.lastSequence
        let missingLimits = Desk.missingLimits(in: durable.engine.state)
        let harness = Harness()
        harness.service.withLock { $0 = harness.makeService(durable) }
        harness.service.withLock { $0 }?.start()
        configureLimits(missingLimits, harness)
        let threads = startWorkload(harness, generation: generation, seed: seed, reconciling: report.ordersToReconcile)
        var generator = SplitMix64(state: seed ^ 0x5A5A)
        // The first pause comes early, so short runs (most kills) often snapshot under load too.
        var pause = UInt32.random(in: 20_000...150_000, using: &generator)
        while orderCount.map({ harness.answered.load(ordering: .relaxed) < $0 }) ?? true {
            usleep(pause)
            pause = UInt32.random(in: 60_000...200_000, using: &generator)
            guard orderCount.map({ harness.answered.load(ordering: .relaxed) < $0 }) ?? true else { break }
            pauseForSnapshot(harness, durable, after: &snapshotSequence)
        }
        harness.stopping.store(true, ordering: .relaxed)
        threads.wait()
        harness.service.withLock { $0 }?.stop()
        do {
            Lines.out("stopped \(durable.lastSequence) \(try durable.engine.state.stateHash())")
            try journal.close()
        } catch {
            Lines.fail("clean stop failed: \(error)")
        }
        return 0
    }

    /// Sets the desk's limits the journal does not hold yet, through the service, and waits until they are durable.
    static func configureLimits(_ limits: [Input], _ harness: Harness) {
        let done = DispatchGroup()
        for input in limits {
            done.enter()
            harness.submit(input) { result in
                if case .failure(let error) = result { Lines.fail("limit not committed: \(error)") }
                done.leave()
            }
        }
        done.wait()
    }

    /// Starts the producers, the venue thread and the timer; the group is done once all of them stopped.
    static func startWorkload(
        _ harness: Harness,
        generation: UInt64,
        seed: UInt64,
        reconciling orders: [OrderID]
    ) -> DispatchGroup {
        let group = DispatchGroup()
        func start(_ name: String, _ body: @escaping @Sendable () -> Void) {
            group.enter()
            let thread = Thread {
                body()
                group.leave()
            }
            thread.name = name
            thread.start()
        }
        for index in 0..<producerCount {
            start("producer-\(index)") {
                var producer = Producer(
                    harness: harness,
                    generation: generation,
                    producer: index,
                    seed: seed &+ UInt64(index) &* 0x9E37
                )
                producer.run()
            }
        }
        start("venue") {
            var venue = VenueDesk(harness: harness, generation: generation, seed: seed ^ 0xFEED)
            venue.run(reconciling: orders)
        }
        start("timer") { Ticker(harness: harness).run() }
        return group
    }

    /// Stops the service (its queue drains), snapshots the engine, and starts a new service on the same engine.
    static func pauseForSnapshot(_ harness: Harness, _ durable: DurableEngine<LimitGate>, after last: inout UInt64) {
        let paused = harness.service.withLock { service in
            defer { service = nil }
            return service
        }
        paused?.stop()
        saveSnapshot(durable, after: &last)
        let next = harness.makeService(durable)
        next.start()
        harness.service.withLock { $0 = next }
    }

    /// Saves a snapshot when the engine moved past the last one, and says so once it is committed.
    /// A node's journal (`SQLiteJournal.Configuration.node`) scaled down: the WAL preallocated, the main file written
    /// ahead, checkpoints and the writer's catch-up every few hundred records. Kills then land in all of them, and the
    /// copies the test makes after each kill stay small.
    static let journalConfiguration = SQLiteJournal.Configuration(
        recordsPerCheckpoint: 500,
        walPreallocationBytes: 4 << 20,
        mainFileHeadroomBytes: 2 << 20
    )

    static func saveSnapshot(_ durable: DurableEngine<LimitGate>, after last: inout UInt64) {
        guard durable.lastSequence > last else { return }
        do {
            try durable.saveSnapshot(at: WallClock.now())
        } catch {
            Lines.fail("snapshot at \(durable.lastSequence) failed: \(error)")
        }
        last = durable.lastSequence
        Lines.out("snapshot \(last)")
    }
}
