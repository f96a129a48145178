// Runs the engine crash writer as a child process and reads what it claimed; used by EngineCrashTests. Proves
// nothing by itself.
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SplitMix64, for the seeded kill schedule.
struct CrashSplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// When a round kills the child.
enum KillPlan: CustomStringConvertible {
    /// That long after the start: before the journal is open, or while it opens and recovers.
    case early(microseconds: UInt32)
    /// Just after recovery printed its line: while limits are set, orders reconciled and the workload starts.
    case afterRecovery(microseconds: UInt32)
    /// Once stdout grew to that many bytes (hundreds of answered orders), and then a little later: full load.
    case underLoad(outputBytes: Int, microseconds: UInt32)

    static func draw(round: Int, using generator: inout CrashSplitMix64) -> KillPlan {
        // The first rounds kill while the journal is being created on an empty path.
        if round < 2 { return .early(microseconds: UInt32.random(in: 0...120_000, using: &generator)) }
        switch Int.random(in: 0..<100, using: &generator) {
        case 0..<18: return .early(microseconds: UInt32.random(in: 0...120_000, using: &generator))
        case 18..<28: return .afterRecovery(microseconds: UInt32.random(in: 0...5_000, using: &generator))
        case 28..<34:
            // Longer runs: the service pauses for snapshots under load, good-till-date orders expire.
            return .underLoad(
                outputBytes: Int.random(in: 8_000...16_000, using: &generator),
                microseconds: UInt32.random(in: 0...30_000, using: &generator)
            )
        default:
            // The queue is full from the first milliseconds on; short runs keep the journal (and the test) small.
            return .underLoad(
                outputBytes: Int.random(in: 1_000...4_000, using: &generator),
                microseconds: UInt32.random(in: 0...20_000, using: &generator)
            )
        }
    }

    var description: String {
        switch self {
        case .early(let delay): "kill after \(delay) µs"
        case .afterRecovery(let delay): "kill \(delay) µs after recovery"
        case .underLoad(let bytes, let delay): "kill \(delay) µs after \(bytes) bytes of output"
        }
    }
}

/// What one run of the writer printed, whole lines only (a line without its newline was never claimed).
struct ChildRun: CustomStringConvertible {
    struct Stamp {
        var sequence: UInt64
        var stateHash: String
    }

    var recovered: Stamp?
    /// The journal's last sequence once the child journaled its restart, and how many orders that marked.
    var restarted: (sequence: UInt64, marked: Int)?
    var stopped: Stamp?
    var snapshots: [UInt64] = []
    /// (client order id, order id) of every answered order.
    var acks: [(String, String)] = []
    var venueOrders: [String] = []
    var killed: Bool
    var errors: String

    var description: String { summary }

    var summary: String {
        "\(acks.count) answered, \(venueOrders.count) venue commands, snapshots at \(snapshots)"
            + (recovered.map { ", recovered at \($0.sequence)" } ?? ", killed before recovery")
    }

    init(output: String, errors: String, killed: Bool) throws {
        self.killed = killed
        self.errors = errors
        var lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        lines.removeLast()
        for line in lines {
            let fields = line.split(separator: " ").map(String.init)
            switch (fields.first, fields.count) {
            case ("recovered", 3): recovered = Stamp(sequence: try Self.number(fields[1], line), stateHash: fields[2])
            case ("restarted", 3):
                restarted = (try Self.number(fields[1], line), Int(try Self.number(fields[2], line)))
            case ("stopped", 3): stopped = Stamp(sequence: try Self.number(fields[1], line), stateHash: fields[2])
            case ("snapshot", 2): snapshots.append(try Self.number(fields[1], line))
            case ("ack", 3): acks.append((fields[1], fields[2]))
            case ("venue", 2): venueOrders.append(fields[1])
            default: Issue.record("unexpected line from the writer: \"\(line)\"")
            }
        }
    }

    static func number(_ text: String, _ line: Substring) throws -> UInt64 {
        try #require(UInt64(text), "bad number in \"\(line)\"")
    }
}

/// One run of the writer, its stdout and stderr going to files (a pipe would fill and stall it).
struct ChildProcess {
    let writer: URL
    let directory: URL
    let round: Int

    var outputPath: String { directory.appendingPathComponent("round-\(round).out").path }
    var errorPath: String { directory.appendingPathComponent("round-\(round).err").path }

    func start(_ arguments: [String]) throws -> (Process, [FileHandle]) {
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        let errors = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        let process = Process()
        process.executableURL = writer
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        return (process, [output, errors])
    }

    /// Starts the writer, kills it with SIGKILL as `plan` says, and returns what it printed.
    func runAndKill(journal: String, seed: UInt64, plan: KillPlan) throws -> ChildRun {
        let (process, handles) = try start([journal, String(seed)])
        switch plan {
        case .early(let delay):
            usleep(delay)
        case .afterRecovery(let delay):
            waitUntil(process) { (try? String(contentsOfFile: outputPath, encoding: .utf8))?.contains("\n") ?? false }
            usleep(delay)
        case .underLoad(let bytes, let delay):
            waitUntil(process) { outputSize() >= bytes }
            usleep(delay)
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        for handle in handles { try handle.close() }
        let killed = process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL
        return try ChildRun(output: read(outputPath), errors: read(errorPath), killed: killed)
    }

    /// Runs the writer until it stopped by itself after `orders` answered orders.
    func runToEnd(journal: String, seed: UInt64, orders: Int) throws -> ChildRun {
        let (process, handles) = try start([journal, String(seed), String(orders)])
        waitUntil(process, seconds: 60) { false }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        for handle in handles { try handle.close() }
        let killed = process.terminationReason == .uncaughtSignal || process.terminationStatus != 0
        return try ChildRun(output: read(outputPath), errors: read(errorPath), killed: killed)
    }

    /// Polls `condition` every millisecond until it holds, the child ended, or `seconds` passed.
    func waitUntil(_ process: Process, seconds: Double = 20, _ condition: () -> Bool) {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline && !condition() { usleep(1_000) }
    }

    func outputSize() -> Int {
        let attributes = try? FileManager.default.attributesOfItem(atPath: outputPath)
        return (attributes?[.size] as? NSNumber)?.intValue ?? 0
    }

    func read(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }
}
