internal import Foundation
internal import LegateCore
internal import LegateEngine
internal import LegateJournal
internal import LegateModel
internal import LegateOrders
internal import LegateRuntime
internal import Synchronization

/// The `engine` area: the deterministic engine with the limit gate and the durable SQLite journal
/// (`synchronous=FULL`, one transaction per batch), as the runtime drives it.
enum EngineBenchmarks {
    static let all: [Benchmark] = [durableThroughput, durableThroughputOneThread, ackLatency, ackLatencyBursts]

    static let trader = UserID(known: "bench-trader")
    static let riskManager = UserID(known: "bench-risk")
    static let account = AccountID(known: "bench-account")
    static let instrument = Instrument.option(
        Underlying(base: .btc, quote: .usd),
        expiry: CivilDate(year: 2040, month: 12, day: 28).map { $0.at(hourUTC: 8) } ?? UnixNanos(0),
        strike: 100_000,
        right: .call,
        settlement: .inverse(.btc)
    )

    /// Orders a benchmark engine is sized for: more than any one run places.
    static let expectedOrders = 1 << 18

    /// The benchmark desk: one trader and one risk manager on one account.
    static let configuration = EngineConfiguration(users: [
        UserProfile(id: trader, roles: [.trader], accounts: [account]),
        UserProfile(id: riskManager, roles: [.riskManager], accounts: [account]),
    ])

    /// A fresh engine on a fresh journal in a temporary directory, with every limit kind set.
    static func makeDurableEngine() throws -> DurableEngine<LimitGate> {
        let directory = try BenchmarkScratch.makeDirectory("engine")
        // As a running node opens its journal (`legate run`): the WAL's first blocks written up front.
        let journal = try SQLiteJournal(
            path: directory.appendingPathComponent("journal.sqlite").path,
            configuration: .node
        )
        var engine = Engine(configuration: configuration, gate: LimitGate())
        // Sized for a session's orders, as a node is at start of day: growing the client-order index mid-run is a
        // rehash of every id, a stall of milliseconds that would land in the latency tail.
        engine.reserveCapacity(orders: expectedOrders)
        let durable = DurableEngine(
            engine: engine,
            journal: journal,
            lastSequence: 0
        )
        let limits = [
            Limit(measure: .orderQuantity, scope: .account(account), threshold: 1_000, severity: .hard),
            Limit(measure: .orderNotional, scope: .firm, threshold: 10_000, severity: .hard),
            Limit(measure: .openOrders, scope: .account(account), threshold: 100_000_000, severity: .hard),
            Limit(measure: .positionPerInstrument, scope: .firm, threshold: 1_000_000, severity: .soft),
        ]
        let inputs = limits.enumerated().map { index, limit in
            (
                input: Input.command(
                    CommandEnvelope(
                        correlationID: "limit-\(index)",
                        actor: riskManager,
                        command: .setLimit(limit.key, limit: limit)
                    )
                ),
                at: UnixNanos(Int64(index))
            )
        }
        _ = try durable.process(inputs)
        return durable
    }

    /// The n-th benchmark order: a limit buy of 1–8 contracts.
    static func placeOrder(_ number: Int) -> Input {
        let clientID = ClientOrderID(known: "b\(number)")
        let request = OrderRequest(
            clientOrderID: clientID,
            account: account,
            venue: .deribit,
            instrument: instrument,
            side: number & 1 == 0 ? .buy : .sell,
            quantity: Quantity(FixedDecimal(Int64(1 + number % 8))),
            kind: .limit(LimitPrice(FixedDecimal(units: Int64(100 + number % 50), scale: 4)))
        )
        return .command(
            CommandEnvelope(correlationID: "b\(number)", actor: trader, command: .placeOrder(request, stage: false))
        )
    }

    /// Owns the engine and the order counter across benchmark calls.
    // Safe because: a benchmark body runs on one thread at a time; the box never escapes the runner.
    final class EngineBox: @unchecked Sendable {
        let durable: DurableEngine<LimitGate>
        var next = 0
        init(_ durable: DurableEngine<LimitGate>) { self.durable = durable }
    }

    static let batchSize = 1_000
    static let ordersPerCall = 20_000

    /// Orders per second through the running `EngineService`, as a node runs: the benchmark thread submits 20,000
    /// orders as fast as the queue takes them; the engine thread decides them in batches while the journal thread
    /// commits the previous batch (`synchronous=FULL`, one transaction per batch); a call ends when every order is
    /// acknowledged, i.e. committed. The service's two threads may use every CPU. The CPU column is the busier of the
    /// engine and journal threads: the throughput the pipeline sustains with a core for each.
    static let durableThroughput = Benchmark(area: "engine", name: "engine_durable_throughput", items: ordersPerCall) {
        let service = EngineService(durable: try makeDurableEngine(), venueSink: { _ in })
        CPUAffinity.withAllCPUs { service.start() }
        let box = ServiceBox(service)
        return { CPUAffinity.withAllCPUs { box.submitAndWait(ordersPerCall) } }
    }

    /// Submits orders to a running service and waits for their acknowledgements.
    final class ServiceBox: Sendable {
        let service: EngineService<LimitGate>
        let acknowledged = Atomic<Int>(0)
        let failed = Atomic<Int>(0)
        let target = Atomic<Int>(0)
        let allAcknowledged = DispatchSemaphore(value: 0)
        // Safe because: only the benchmark thread reads and writes it, one call at a time.
        nonisolated(unsafe) var next = 0

        init(_ service: EngineService<LimitGate>) { self.service = service }

        func submitAndWait(_ count: Int) -> Double {
            let goal = next + count
            let before = service.threadCPUNanoseconds
            target.store(goal, ordering: .releasing)
            while next < goal {
                next += 1
                do {
                    try service.submit(placeOrder(next)) { [self] result in
                        if case .failure = result { failed.add(1, ordering: .relaxed) }
                        let done = acknowledged.add(1, ordering: .acquiringAndReleasing).newValue
                        if done == target.load(ordering: .acquiring) { allAcknowledged.signal() }
                    }
                } catch {
                    // The queue is full: the engine is behind; let it catch up and try the same order again.
                    next -= 1
                    sched_yield()
                }
            }
            allAcknowledged.wait()
            let after = service.threadCPUNanoseconds
            BusiestThreadCPU.nanoseconds.store(
                max(after.engine - before.engine, after.journal - before.journal),
                ordering: .relaxed
            )
            return failed.load(ordering: .relaxed) == 0 ? Double(count) : -1
        }
    }

    /// The same work on one thread (`DurableEngine.process`: decide, then commit, 20 batches of 1,000 orders): the
    /// CPU cost of an order with nothing overlapped, for comparison with the pipelined service above.
    static let durableThroughputOneThread = Benchmark(
        area: "engine",
        name: "engine_durable_throughput_one_thread",
        items: ordersPerCall
    ) {
        let box = EngineBox(try makeDurableEngine())
        return {
            var sent = 0.0
            for _ in 0..<(ordersPerCall / batchSize) {
                var batch: [(input: Input, at: UnixNanos)] = []
                batch.reserveCapacity(batchSize)
                for _ in 0..<batchSize {
                    box.next += 1
                    batch.append((placeOrder(box.next), UnixNanos(Int64(box.next) * 1_000)))
                }
                guard let outputs = try? box.durable.process(batch) else { return -1 }
                sent += Double(outputs.count)
            }
            return sent
        }
    }

    /// Submit-to-acknowledgement latency at 50,000 orders/s (half the throughput floor) through the running
    /// `EngineService`: a producer thread submits each order when its time comes (every 20 µs on average; it wakes
    /// about every 100 µs and submits what fell due); the engine thread decides what is queued, the journal thread
    /// commits it in one transaction and only then answers each order. Every thread may use every CPU. Each run
    /// measures 6 s (300,000 orders) after a warm-up of 0.25 s: long enough to hold what a node does at this load
    /// every few seconds, a snapshot of its state (every 250,000 records) and WAL checkpoints with their catch-up,
    /// in their true proportion. A 2-second run held no snapshot, and its p99 said nothing of them.
    static let ackLatency = Benchmark(area: "engine", name: "engine_ack_latency", items: 1) {
        try CPUAffinity.withAllCPUs { try measureAckLatency(ordersPerSecond: 50_000, seconds: 6, burst: nil) }
    }

    /// The same load arriving in bursts: the 50 orders of each millisecond submitted together at its start. Each
    /// order then also waits for the engine to decide those ahead of it in its burst; the gap to `engine_ack_latency`
    /// is what burstiness costs.
    static let ackLatencyBursts = Benchmark(area: "engine", name: "engine_ack_latency_1ms_bursts", items: 1) {
        try CPUAffinity.withAllCPUs {
            try measureAckLatency(ordersPerSecond: 50_000, seconds: 6, burst: .milliseconds(1))
        }
    }

    /// Orders submitted at the same rate before the measured ones, and not counted: the first milliseconds of a
    /// fresh process run on cold caches and untouched memory (a few milliseconds per order at first), which says
    /// nothing of a node that has been taking orders.
    static let ackLatencyWarmUpSeconds = 0.25

    /// - Parameter burst: nil submits each order at its own time; a duration submits each such period's orders
    ///   together at its start.
    static func measureAckLatency(ordersPerSecond: Int, seconds: Double, burst: Duration?) throws -> [Double] {
        let warmUp = Int(Double(ordersPerSecond) * ackLatencyWarmUpSeconds)
        let total = warmUp + Int(Double(ordersPerSecond) * seconds)
        let service = EngineService(
            durable: try makeDurableEngine(),
            configuration: .init(queueCapacity: total),
            venueSink: { _ in }
        )
        service.start()
        let clock = ContinuousClock()
        let latencies = Mutex<[Double]>([])
        latencies.withLock { $0.reserveCapacity(total) }
        let failures = Atomic<Int>(0)
        // Orders due by a time since the start: all of the current burst, or every order whose time has come.
        let perBurst = burst.map { max(1, Int(Double(ordersPerSecond) * Self.milliseconds($0) / 1_000)) }
        let burstMilliseconds = burst.map { Self.milliseconds($0) } ?? 1
        func due(after elapsed: Duration) -> Int {
            let milliseconds = Self.milliseconds(elapsed)
            guard let perBurst else { return min(total, Int(milliseconds * Double(ordersPerSecond) / 1_000) + 1) }
            return min(total, (Int(milliseconds / burstMilliseconds) + 1) * perBurst)
        }
        var number = 0
        let start = clock.now
        while number < total {
            let due = due(after: clock.now - start)
            while number < due {
                number += 1
                let submitted = clock.now
                let counted = number > warmUp
                do {
                    try service.submit(placeOrder(number)) { result in
                        guard case .success = result else {
                            failures.add(1, ordering: .relaxed)
                            return
                        }
                        guard counted else { return }
                        let latency = Self.milliseconds(clock.now - submitted) * 1_000_000
                        latencies.withLock { $0.append(latency) }
                    }
                } catch {
                    failures.add(1, ordering: .relaxed)
                }
            }
            usleep(burst == nil ? 100 : 200)
        }
        service.stop()
        let failed = failures.load(ordering: .relaxed)
        guard failed == 0 else { throw EngineServiceError.stopped(reason: "\(failed) orders were not acknowledged") }
        return latencies.withLock { $0 }
    }

    static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1e3 + Double(attoseconds) / 1e15
    }
}
