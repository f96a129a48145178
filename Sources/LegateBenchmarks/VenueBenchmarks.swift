/// Benchmarks of the Venue part, in the area the catalog names (filled in by the issue that builds the part).
enum VenueBenchmarks {
    static let all: [Benchmark] = []
}
