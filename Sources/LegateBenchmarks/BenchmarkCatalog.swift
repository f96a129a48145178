/// Every benchmark area `legate bench` knows, in the order they run.
public enum BenchmarkCatalog {
    /// Area name → its benchmarks. Later areas (risk, engine, venues) are added by the issues that build them.
    static let areas: [(name: String, benchmarks: [Benchmark])] = [
        ("pricing", PricingBenchmarks.all + PricingPeers.all),
        ("risk", GateBenchmarks.all + MarginBenchmarks.all + VaRBenchmarks.all + MarkedMarketBenchmarks.all),
        ("engine", EngineBenchmarks.all + JournalBenchmarks.all + SnapshotBenchmarks.all),
        ("venues", VenueBenchmarks.all + SimulatorBenchmarks.all),
    ]

    public static var areaNames: [String] { areas.map(\.name) }

    /// The benchmarks of the named areas, or of all areas when `names` is empty.
    public static func benchmarks(areas names: [String]) throws(BenchmarkError) -> [Benchmark] {
        if names.isEmpty { return areas.flatMap(\.benchmarks) }
        var selected: [Benchmark] = []
        for name in names {
            guard let area = areas.first(where: { $0.name == name }) else {
                throw .unknownArea(name, known: areaNames)
            }
            selected += area.benchmarks
        }
        return selected
    }
}
