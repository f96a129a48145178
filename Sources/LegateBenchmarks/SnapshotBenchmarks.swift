internal import Foundation
internal import LegateCore
internal import LegateEngine
internal import LegateJournal
internal import LegateRuntime

/// Snapshot encoding of a large engine state, per order held: the compact format a running node stores, and the
/// `Codable` format it replaced, measured in the same run as its peer.
///
/// A node stores a snapshot every 250,000 records on a thread of its own; its cost per order held is what that
/// thread spends, and, amortized over the records between two snapshots, what it takes from the two cores the engine
/// and journal threads share.
enum SnapshotBenchmarks {
    static let all: [Benchmark] = [compact, codablePeer, replay]

    /// Orders in the state: working limit orders, as the throughput benchmark leaves them.
    static let orders = 100_000

    static let compact = Benchmark(area: "engine", name: "engine_snapshot_encode_100k", items: orders) {
        let state = try largeState()
        return { Double(state.snapshotBytes().count) }
    }

    static let codablePeer = Benchmark(area: "engine", name: "engine_snapshot_encode_100k_codable_peer", items: orders)
    {
        let state = try largeState()
        return { Double((try? BinaryEncoder().encode(state).count) ?? -1) }
    }

    /// A restart without a snapshot: `Recovery.recover` reads, verifies, decodes and applies every record of a
    /// journal of `orders` orders (one record each), per record. With a snapshot, a restart replays only the records
    /// after it.
    static let replay = Benchmark(area: "engine", name: "engine_replay_100k", items: orders) {
        let journal = try largeDurableEngine().journal
        return {
            let recovered = try? Recovery.recover(
                journal: journal,
                configuration: EngineBenchmarks.configuration,
                gate: LimitGate()
            )
            return Double(recovered?.1.recordsReplayed ?? -1)
        }
    }

    /// An engine state holding `orders` orders, decided through the benchmark engine in batches of 1,000.
    static func largeState() throws -> EngineState {
        try largeDurableEngine().engine.state
    }

    static func largeDurableEngine() throws -> DurableEngine<LimitGate> {
        let durable = try EngineBenchmarks.makeDurableEngine()
        var next = 0
        while next < orders {
            let batch = (0..<1_000).map { _ in
                next += 1
                return (input: EngineBenchmarks.placeOrder(next), at: UnixNanos(Int64(next) * 1_000))
            }
            _ = try durable.process(batch)
        }
        return durable
    }
}
