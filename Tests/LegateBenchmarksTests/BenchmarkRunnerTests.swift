// Proves the benchmark harness: quantiles are nearest-rank, every area in the catalog resolves and an unknown area is
// a typed error naming the known ones, and a run reports per-item figures for a body that does known work.
import Foundation
import Testing

@testable import LegateBenchmarks

@Suite struct BenchmarkRunnerTests {
    @Test func nearestRankQuantiles() {
        let samples = (1...100).map(Double.init)
        #expect(BenchmarkRunner.quantile(samples, 0.5) == 50)
        #expect(BenchmarkRunner.quantile(samples, 0.99) == 99)
        #expect(BenchmarkRunner.quantile([7], 0.99) == 7)
    }

    @Test func catalogKnowsItsAreas() throws {
        #expect(BenchmarkCatalog.areaNames.contains("pricing"))
        let names = try BenchmarkCatalog.benchmarks(areas: ["pricing"]).map(\.name)
        #expect(
            names == [
                "price_greeks_batch", "implied_vol", "symbol_parse", "peer_plain_scalar_greeks", "peer_plain_halley_iv",
            ]
        )
        #expect(
            try BenchmarkCatalog.benchmarks(areas: ["engine"]).map(\.name) == [
                "engine_durable_throughput", "engine_durable_throughput_one_thread", "engine_ack_latency",
                "engine_ack_latency_1ms_bursts",
                "journal_append", "engine_snapshot_encode_100k", "engine_snapshot_encode_100k_codable_peer",
                "engine_replay_100k",
            ]
        )
        #expect(throws: BenchmarkError.self) { try BenchmarkCatalog.benchmarks(areas: ["nonsense"]) }
    }

    /// The journals benchmarks write live under one directory per process, which `removeAll` takes away whole.
    @Test func benchmarkJournalsAreRemoved() throws {
        guard case .timedBody(let prepare) = JournalBenchmarks.append.measurement else {
            Issue.record("journal_append is not a timed body")
            return
        }
        let body = try prepare()
        #expect(body() > 0)
        let written = try FileManager.default.contentsOfDirectory(atPath: BenchmarkScratch.root.path)
        #expect(written.contains { $0.hasPrefix("journal-") }, "\(written)")
        BenchmarkScratch.removeAll()
        #expect(!FileManager.default.fileExists(atPath: BenchmarkScratch.root.path))
        BenchmarkScratch.removeAll()
    }

    @Test func runReportsPerItemFigures() throws {
        let benchmark = Benchmark(area: "test", name: "sum", items: 1000) {
            let values = (0..<1000).map(Double.init)
            return { values.reduce(0, +) }
        }
        let runner = BenchmarkRunner(minimumSamples: 5, maximumSamples: 50, budgetNanoseconds: 10_000_000)
        let result = try runner.run(benchmark)
        #expect(result.items == 1000)
        #expect(result.samples >= 5 && result.samples <= 50)
        #expect(result.medianNanoseconds > 0 && result.p99Nanoseconds >= result.medianNanoseconds)
    }

    @Test func preparationFailureNamesTheBenchmark() {
        struct Broken: Error {}
        let benchmark = Benchmark(area: "test", name: "broken", items: 1, prepare: { throw Broken() })
        #expect(throws: BenchmarkError.self) { try BenchmarkRunner().run(benchmark) }
    }

    /// The peers must compute what the benchmarks they stand beside compute, or the comparison means nothing.
    @Test func peersAgreeWithLegatesPricing() throws {
        let plain = PricingPeers.plainGreeks(
            isCall: false,
            spot: 100,
            strike: 95,
            expiry: 0.5,
            rate: 0.1,
            dividend: 0.05,
            vol: 0.2
        )
        #expect(abs(plain.0 - 2.4648) < 1e-4)  // Haug 1998 via QuantLib europeanoption.cpp: 100/95 put, q = 5%
        let vol = PricingPeers.halleyImpliedVol(
            price: 5.5811067246 / exp(-0.01),
            forward: 100,
            strike: 100,
            expiry: 0.5,
            isCall: true
        )
        #expect(abs(vol - 0.2) < 1e-9)  // py_vollib Black: F = K = 100, σ = 0.2, r = 2%, t = 0.5 → 5.5811067246
    }

    @Test func selfMeasuredLatenciesAreSummarised() throws {
        let benchmark = Benchmark(area: "test", name: "latency", items: 1, latencies: { (1...200).map(Double.init) })
        let result = try BenchmarkRunner().run(benchmark)
        #expect(result.items == 200 && result.medianNanoseconds == 100 && result.p99Nanoseconds == 198)
        #expect(result.allocationsPerItem == nil)
    }

    @Test(arguments: [nil, Duration.milliseconds(1)])
    func engineAckLatencyRunsAgainstARealJournal(burst: Duration?) throws {
        let latencies = try EngineBenchmarks.measureAckLatency(ordersPerSecond: 2_000, seconds: 0.1, burst: burst)
        #expect(latencies.count == 200)
        #expect(latencies.allSatisfy { $0 > 0 })
    }
}
