internal import Synchronization

/// One named benchmark of a hot path: a setup that builds its inputs once, and a body timed many times.
///
/// A run of the body processes `items` items (options priced, symbols parsed, orders judged); figures are reported
/// per item. The body returns a checksum that the harness consumes so the optimizer cannot drop the work.
public struct Benchmark: Sendable {
    public let area: String
    public let name: String
    /// Items processed by one call of the body.
    public let items: Int
    public let measurement: Measurement

    /// How a benchmark is measured.
    public enum Measurement: Sendable {
        /// The harness times calls of the body (built once by the closure); figures are per item of each call.
        case timedBody(@Sendable () throws -> @Sendable () -> Double)
        /// The benchmark measures itself: one run returns a latency in nanoseconds per item (for latencies under
        /// load, where the harness cannot see when each item finished).
        case latencies(@Sendable () throws -> [Double])
    }

    /// A benchmark whose body the harness times; `prepare` builds the inputs once and returns the body.
    public init(
        area: String,
        name: String,
        items: Int,
        prepare: @escaping @Sendable () throws -> @Sendable () -> Double
    ) {
        precondition(items > 0, "benchmark \(name) must process at least one item")
        self.area = area
        self.name = name
        self.items = items
        self.measurement = .timedBody(prepare)
    }

    /// A benchmark that reports one latency per item itself.
    public init(area: String, name: String, items: Int, latencies: @escaping @Sendable () throws -> [Double]) {
        precondition(items > 0, "benchmark \(name) must process at least one item")
        self.area = area
        self.name = name
        self.items = items
        self.measurement = .latencies(latencies)
    }
}

/// For a benchmark whose work runs on threads of its own (a pipeline): the body stores here, per call, the CPU time of
/// the busiest of those threads during the call, and the CPU column reports it instead of the measuring thread's. On
/// a machine with a core per thread the busiest thread's CPU time is what bounds the pipeline's throughput.
enum BusiestThreadCPU {
    static let nanoseconds = Atomic<Int64>(-1)
}

/// What one benchmark measured, per item.
public struct BenchmarkResult: Sendable, Equatable {
    public let name: String
    public let items: Int
    public let medianNanoseconds: Double
    public let p99Nanoseconds: Double
    /// Mallocs per item during one measured call, or nil when allocation counting is not available.
    public let allocationsPerItem: Double?
    public let samples: Int
    /// Median CPU time of the measuring thread per item, or nil for self-measured benchmarks. Wall time includes
    /// waits (fsync, other processes on a busy machine); CPU time shows what the code itself costs.
    public let cpuMedianNanoseconds: Double?

    public init(
        name: String,
        items: Int,
        medianNanoseconds: Double,
        p99Nanoseconds: Double,
        allocationsPerItem: Double?,
        samples: Int,
        cpuMedianNanoseconds: Double? = nil
    ) {
        self.name = name
        self.items = items
        self.medianNanoseconds = medianNanoseconds
        self.p99Nanoseconds = p99Nanoseconds
        self.allocationsPerItem = allocationsPerItem
        self.samples = samples
        self.cpuMedianNanoseconds = cpuMedianNanoseconds
    }

    /// Items per second at the median.
    public var itemsPerSecond: Double { 1e9 / medianNanoseconds }
}

/// Errors while preparing or running benchmarks.
public enum BenchmarkError: Error, Sendable, CustomStringConvertible {
    case unknownArea(String, known: [String])
    case preparationFailed(benchmark: String, reason: String)

    public var description: String {
        switch self {
        case .unknownArea(let area, let known):
            "unknown benchmark area \"\(area)\"; known areas: \(known.joined(separator: ", "))"
        case .preparationFailed(let benchmark, let reason):
            "benchmark \(benchmark) could not be prepared: \(reason)"
        }
    }
}
