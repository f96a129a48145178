internal import ArgumentParser
internal import Foundation
internal import LegateBenchmarks

#if canImport(Glibc)
internal import Glibc
#endif

/// `legate bench`: runs Legate's benchmarks and prints one row (or JSON object) per benchmark.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run Legate's hot-path benchmarks (build with -c release).",
        discussion: """
            Runs the benchmarks of the named areas (all areas when none is named) on one core and prints, per
            benchmark, the median and 99th-percentile time per item and the mallocs per item. Figures are only
            meaningful from a release build:

              swift run -c release legate bench pricing
              swift run -c release legate bench --json

            Allocation counts come from the malloc interposer, which the command preloads by re-executing itself
            with LD_PRELOAD set; when that is impossible the allocation column is empty (null in JSON).

            Areas: \(BenchmarkCatalog.areaNames.joined(separator: ", ")).
            """
    )

    @Argument(help: "Areas to run (default: all).")
    var areas: [String] = []

    @Flag(help: "Print one JSON object per line: {name, items, median_ns, p99_ns, allocations_per_item}.")
    var json = false

    @Option(help: "Time budget per benchmark in seconds.")
    var seconds: Double = 2

    @Option(help: "Only run benchmarks whose name contains this text.")
    var filter: String?

    func validate() throws {
        for area in areas where !BenchmarkCatalog.areaNames.contains(area) {
            throw ValidationError(
                "unknown area \"\(area)\"; known areas: \(BenchmarkCatalog.areaNames.joined(separator: ", "))"
            )
        }
        guard seconds > 0 && seconds <= 600 else { throw ValidationError("--seconds must be in (0, 600]") }
    }

    func run() throws {
        Self.reexecWithAllocationCounting()
        #if DEBUG
        FileHandle.standardError.write(
            Data("warning: this is a debug build; use `swift run -c release legate bench` for real figures\n".utf8)
        )
        #endif
        Self.pinToOneCore()
        if !BenchmarkRunner.isAllocationCountingAvailable {
            FileHandle.standardError.write(Data("note: malloc interposer not loaded; allocations not counted\n".utf8))
        }
        let runner = BenchmarkRunner(budgetNanoseconds: Int64(seconds * 1e9))
        let selected = try BenchmarkCatalog.benchmarks(areas: areas).filter { benchmark in
            filter.map { benchmark.name.contains($0) } ?? true
        }
        if !json {
            print(BenchmarkReport.header)
        }
        // Journals the engine benchmarks wrote are removed after each one, and on the way out whatever happens.
        defer { BenchmarkScratch.removeAll() }
        for benchmark in selected {
            let result = try runner.run(benchmark)
            BenchmarkScratch.removeAll()
            print(json ? BenchmarkReport.json(result) : BenchmarkReport.row(result))
            fflush(nil)
        }
    }

    /// Re-executes this process with the malloc interposer preloaded, once, so allocations can be counted.
    static func reexecWithAllocationCounting() {
        #if os(Linux)
        let environment = ProcessInfo.processInfo.environment
        guard environment["LEGATE_BENCH_CHILD"] == nil, !BenchmarkRunner.isAllocationCountingAvailable else { return }
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let library = executable.deletingLastPathComponent().appendingPathComponent("libMallocInterposerSwift.so")
        guard FileManager.default.fileExists(atPath: library.path) else { return }
        let preload = [library.path, environment["LD_PRELOAD"]].compactMap { $0 }.joined(separator: ":")
        setenv("LD_PRELOAD", preload, 1)
        setenv("LEGATE_BENCH_CHILD", "1", 1)
        let arguments = CommandLine.arguments
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
        argv.append(nil)
        execv(executable.path, &argv)
        // execv only returns on failure; carry on without allocation counts.
        unsetenv("LD_PRELOAD")
        #endif
    }

    /// `int sched_{get,set}affinity(pid_t, size_t, cpu_set_t *)`, looked up at run time: glibc declares them only
    /// under `_GNU_SOURCE`, which the Swift Glibc module does not set.
    typealias AffinityFunction = @convention(c) (Int32, Int, UnsafeMutableRawPointer?) -> Int32

    static func affinityFunction(_ name: String) -> AffinityFunction? {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(symbol, to: AffinityFunction.self)
    }

    /// Pins the process to the first CPU it may run on, so "per core" figures mean one core.
    static func pinToOneCore() {
        #if os(Linux)
        guard let getAffinity = affinityFunction("sched_getaffinity"),
            let setAffinity = affinityFunction("sched_setaffinity")
        else { return }
        var set = cpu_set_t()
        guard getAffinity(0, MemoryLayout<cpu_set_t>.size, &set) == 0 else { return }
        var first: Int?
        withUnsafeBytes(of: &set) { bytes in
            for index in 0..<(bytes.count * 8) where bytes[index / 8] & (1 << (index % 8)) != 0 {
                first = index
                break
            }
        }
        guard let first else { return }
        var single = cpu_set_t()
        withUnsafeMutableBytes(of: &single) { bytes in
            bytes[first / 8] = 1 << (first % 8)
        }
        _ = setAffinity(0, MemoryLayout<cpu_set_t>.size, &single)
        #endif
    }
}

/// Text and JSON renderings of benchmark results.
enum BenchmarkReport {
    static let header =
        pad("benchmark", 30) + pad("items", 10, right: true) + pad("median ns", 14, right: true)
        + pad("p99 ns", 14, right: true) + pad("items/s", 16, right: true) + pad("allocs/item", 14, right: true)
        + pad("cpu ns", 14, right: true)

    static func row(_ result: BenchmarkResult) -> String {
        pad(result.name, 30) + pad("\(result.items)", 10, right: true)
            + pad(format(result.medianNanoseconds), 14, right: true)
            + pad(format(result.p99Nanoseconds), 14, right: true)
            + pad(format(result.itemsPerSecond, digits: 0), 16, right: true)
            + pad(result.allocationsPerItem.map { format($0, digits: 3) } ?? "n/a", 14, right: true)
            + pad(result.cpuMedianNanoseconds.map { format($0) } ?? "n/a", 14, right: true)
    }

    static func json(_ result: BenchmarkResult) -> String {
        let allocations = result.allocationsPerItem.map { "\($0)" } ?? "null"
        let cpu = result.cpuMedianNanoseconds.map { "\($0)" } ?? "null"
        return "{\"name\":\"\(result.name)\",\"items\":\(result.items),\"median_ns\":\(result.medianNanoseconds),"
            + "\"p99_ns\":\(result.p99Nanoseconds),\"allocations_per_item\":\(allocations),\"cpu_ns\":\(cpu)}"
    }

    static func format(_ value: Double, digits: Int = 2) -> String {
        String(format: "%.\(digits)f", value)
    }

    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return right ? padding + text : text + padding
    }
}
