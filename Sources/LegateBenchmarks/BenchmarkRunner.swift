internal import MallocInterposerSwift
internal import Synchronization

#if canImport(Glibc)
internal import Glibc
#endif

/// Times benchmarks: warm up, then repeat the body until a time budget and a minimum sample count are both met.
///
/// Each sample is one call of the body divided by its item count; the median and the 99th percentile are taken over
/// samples. Allocations are counted over one extra call with the malloc interposer hooked, when the process was
/// started with it preloaded (the `legate bench` command arranges that).
public struct BenchmarkRunner: Sendable {
    public var minimumSamples: Int
    public var maximumSamples: Int
    /// Wall-clock budget per benchmark, in nanoseconds.
    public var budgetNanoseconds: Int64

    public init(minimumSamples: Int = 7, maximumSamples: Int = 100_000, budgetNanoseconds: Int64 = 2_000_000_000) {
        precondition(minimumSamples >= 1 && maximumSamples >= minimumSamples, "bad benchmark sample bounds")
        self.minimumSamples = minimumSamples
        self.maximumSamples = maximumSamples
        self.budgetNanoseconds = budgetNanoseconds
    }

    /// Runs one benchmark and returns its figures.
    public func run(_ benchmark: Benchmark) throws -> BenchmarkResult {
        let prepare: @Sendable () throws -> @Sendable () -> Double
        switch benchmark.measurement {
        case .timedBody(let timed): prepare = timed
        case .latencies(let measure): return try runLatencies(benchmark, measure)
        }
        let body: @Sendable () -> Double
        do {
            body = try prepare()
        } catch {
            throw BenchmarkError.preparationFailed(benchmark: benchmark.name, reason: "\(error)")
        }
        var sink = 0.0
        // Warm-up: caches, branch predictors, lazy globals, first-touch page faults.
        sink += body()
        sink += body()

        let allocations = Self.isAllocationCountingAvailable ? Self.countAllocations { sink += body() } : nil

        let clock = ContinuousClock()
        var samples: [Double] = []
        samples.reserveCapacity(min(maximumSamples, 4096))
        var cpuSamples: [Double] = []
        cpuSamples.reserveCapacity(min(maximumSamples, 4096))
        let start = clock.now
        let budget = Duration.nanoseconds(budgetNanoseconds)
        while samples.count < maximumSamples && (samples.count < minimumSamples || clock.now - start < budget) {
            let cpuBefore = Self.threadCPUNanoseconds()
            let before = clock.now
            sink += body()
            let elapsed = clock.now - before
            let measured = Self.threadCPUNanoseconds() - cpuBefore
            // A benchmark of work on other threads names the CPU time of its busiest thread instead.
            let reported = BusiestThreadCPU.nanoseconds.exchange(-1, ordering: .relaxed)
            let cpu = reported >= 0 ? reported : measured
            samples.append(Self.nanoseconds(elapsed) / Double(benchmark.items))
            cpuSamples.append(Double(cpu) / Double(benchmark.items))
        }
        blackHole(sink)
        samples.sort()
        cpuSamples.sort()
        return BenchmarkResult(
            name: benchmark.name,
            items: benchmark.items,
            medianNanoseconds: Self.quantile(samples, 0.5),
            p99Nanoseconds: Self.quantile(samples, 0.99),
            allocationsPerItem: allocations.map { Double($0) / Double(benchmark.items) },
            samples: samples.count,
            cpuMedianNanoseconds: Self.quantile(cpuSamples, 0.5)
        )
    }

    /// A self-measuring benchmark: its run reports one latency per item.
    func runLatencies(_ benchmark: Benchmark, _ measure: @Sendable () throws -> [Double]) throws -> BenchmarkResult {
        var samples: [Double]
        do {
            samples = try measure()
        } catch {
            throw BenchmarkError.preparationFailed(benchmark: benchmark.name, reason: "\(error)")
        }
        guard !samples.isEmpty else {
            throw BenchmarkError.preparationFailed(benchmark: benchmark.name, reason: "no latency samples")
        }
        samples.sort()
        return BenchmarkResult(
            name: benchmark.name,
            items: samples.count,
            medianNanoseconds: Self.quantile(samples, 0.5),
            p99Nanoseconds: Self.quantile(samples, 0.99),
            allocationsPerItem: nil,
            samples: samples.count
        )
    }

    /// The nearest-rank quantile of sorted samples.
    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        precondition(!sorted.isEmpty, "quantile of no samples")
        let rank = Int((q * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }

    /// CPU time the calling thread has used, in nanoseconds.
    static func threadCPUNanoseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
    }

    static func nanoseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1e9 + Double(attoseconds) / 1e9
    }

    /// Whether mallocs are being counted: the interposer must have been preloaded into this process.
    public static let isAllocationCountingAvailable: Bool = {
        let probe = countAllocations {
            var array: [Int] = []
            array.reserveCapacity(Int(probeSize))
            blackHole(Double(array.capacity))
        }
        return probe > 0
    }()

    /// A size the optimizer cannot see through, so the probe allocation really happens.
    // Safe because: written never, read only by the probe; `nonisolated(unsafe)` only hides the value from the optimizer.
    nonisolated(unsafe) static var probeSize: Int32 = 64

    /// Mallocs performed by `work`; always zero when the interposer is not preloaded.
    static func countAllocations(_ work: () -> Void) -> Int {
        MallocInterposerSwift.initialize()
        MallocInterposerSwift.hook()
        work()
        MallocInterposerSwift.unhook()
        return MallocInterposerSwift.getStatistics().mallocCount
    }
}

/// Consumes a value so the optimizer must compute it.
@inline(never)
public func blackHole(_ value: Double) {
    if value.isNaN && value.sign == .minus && value.significandBitPattern == 0x7_5E61_7E00_0000 {
        preconditionFailure("blackHole sentinel reached: \(value)")
    }
}
