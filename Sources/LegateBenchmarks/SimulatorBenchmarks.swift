/// Benchmarks of the Simulator part, in the area the catalog names (filled in by the issue that builds the part).
enum SimulatorBenchmarks {
    static let all: [Benchmark] = []
}
