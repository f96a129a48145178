public import Foundation

/// Where benchmarks keep their journals: one directory per process under the system's temporary directory, removed
/// by `removeAll` (the bench command calls it after every benchmark and when it ends).
///
/// A durable-throughput run writes hundreds of megabytes of journal; left behind, a few runs of `legate bench` filled
/// gigabytes of the temporary directory. A journal still open when its directory is removed keeps its space until the
/// process exits (its files are unlinked, not truncated), so nothing a benchmark still runs on breaks.
public enum BenchmarkScratch {
    /// This process's directory.
    public static let root = FileManager.default.temporaryDirectory.appendingPathComponent(
        "legate-bench-\(ProcessInfo.processInfo.processIdentifier)-\(UInt64.random(in: 0...UInt64.max))"
    )

    /// A new empty directory under `root`.
    static func makeDirectory(_ purpose: String) throws -> URL {
        let directory = root.appendingPathComponent("\(purpose)-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Removes `root` and everything benchmarks wrote under it; nothing happens when there is none.
    public static func removeAll() {
        try? FileManager.default.removeItem(at: root)
    }
}
