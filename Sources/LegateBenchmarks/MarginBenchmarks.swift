/// Benchmarks of the Margin part, in the area the catalog names (filled in by the issue that builds the part).
enum MarginBenchmarks {
    static let all: [Benchmark] = []
}
