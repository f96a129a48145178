/// Benchmarks of the VaR part, in the area the catalog names (filled in by the issue that builds the part).
enum VaRBenchmarks {
    static let all: [Benchmark] = []
}
