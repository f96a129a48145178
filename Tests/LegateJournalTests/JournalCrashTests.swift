// Proves the durability rule under SIGKILL: a child process (LegateJournalCrashWriter) appends seeded batches of
// 1...500 records to an SQLite journal and prints each committed batch's last sequence (its acknowledgement); the
// test kills it at a seeded random moment, reopens the journal and checks that every acknowledged sequence is there
// and verifies, that the chain replays, and that the only unacknowledged records are whole batches (at most the one
// committed between its commit and its acknowledgement), never a partial batch. Rounds reuse one file, so recovery
// after a crash and continuation after it are exercised too.
import Foundation
import LegateCore
import LegateJournal
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("Journal crash")
struct JournalCrashTests {
    /// The seed of the kill schedule and the writers' batches; set LEGATE_JOURNAL_CRASH_SEED to replay a failure.
    static let seed =
        ProcessInfo.processInfo.environment["LEGATE_JOURNAL_CRASH_SEED"].flatMap { UInt64($0) }
        ?? 0x1E6A_7E00
    static let rounds = 30

    static var writerURL: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("LegateJournalCrashWriter")
    }

    /// A batch marker parsed from a payload: "<tag>:<batch>:<index>:<size>;".
    struct Marker: Equatable {
        var tag: String
        var batch: Int
        var index: Int
        var size: Int

        init?(_ payload: [UInt8]) {
            guard let end = payload.firstIndex(of: UInt8(ascii: ";")) else { return nil }
            let fields = String(decoding: payload[..<end], as: UTF8.self).split(separator: ":")
            guard fields.count == 4, let batch = Int(fields[1]), let index = Int(fields[2]), let size = Int(fields[3])
            else { return nil }
            self.tag = String(fields[0])
            self.batch = batch
            self.index = index
            self.size = size
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func acknowledgedBatchesSurviveSIGKILLAndNoBatchIsPartial() throws {
        try #require(
            FileManager.default.isExecutableFile(atPath: Self.writerURL.path),
            "crash writer not built at \(Self.writerURL.path)"
        )
        try withTemporaryDirectory { directory throws in
            let path = directory.appendingPathComponent("crash.sqlite").path
            var generator = SplitMix64(seed: Self.seed)
            var verifiedThrough: UInt64 = 0
            var kills = 0
            var acknowledged = 0
            for round in 0..<Self.rounds {
                let tag = "r\(round)"
                let delay = UInt32.random(in: 5_000...400_000, using: &generator)  // microseconds
                let acks = try runAndKill(path: path, seed: Self.seed &+ UInt64(round), tag: tag, delay: delay)
                kills += 1
                acknowledged += acks.count
                let context = "seed \(Self.seed), round \(round), delay \(delay) µs, acks \(acks.count)"
                let (latest, unacknowledged) = try checkRound(
                    path: path,
                    tag: tag,
                    acks: acks,
                    previous: verifiedThrough,
                    context: context
                )
                verifiedThrough = latest
                if ProcessInfo.processInfo.environment["LEGATE_JOURNAL_CRASH_TRACE"] != nil {
                    print("crash \(context): \(unacknowledged) committed but unacknowledged, journal ends at \(latest)")
                }
            }
            // Finally the whole file replays and verifies from record 1.
            let journal = try SQLiteJournal(path: path)
            #expect(try journal.verify() == verifiedThrough)
            #expect(kills >= 20)
            #expect(acknowledged > 0, "no batch was acknowledged in any round: the writer never got going")
        }
    }

    /// Starts the writer, kills it with SIGKILL after `delay` µs, and returns its acknowledgements (whole lines only).
    func runAndKill(path: String, seed: UInt64, tag: String, delay: UInt32) throws -> [UInt64] {
        let process = Process()
        process.executableURL = Self.writerURL
        process.arguments = [path, String(seed), tag]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        usleep(delay)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let diagnostics = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationReason == .uncaughtSignal, "writer exited by itself: \(diagnostics)")
        #expect(diagnostics.isEmpty, "writer wrote to stderr: \(diagnostics)")
        // A line without its newline was being written when the kill came: it was never acknowledged.
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        lines.removeLast()
        return try lines.map { line in try #require(UInt64(line), "bad acknowledgement line \"\(line)\"") }
    }

    /// Checks the records the round added; returns the journal's last sequence and the count of committed but
    /// unacknowledged batches (0 or 1).
    func checkRound(
        path: String,
        tag: String,
        acks: [UInt64],
        previous: UInt64,
        context: String
    ) throws -> (latest: UInt64, unacknowledged: Int) {
        let journal = try SQLiteJournal(path: path)
        defer { try? journal.close() }
        let latest = try journal.latestSequence()
        let lastAck = acks.last ?? previous
        #expect(zip(acks, acks.dropFirst()).allSatisfy { $0 < $1 }, "\(context)")
        #expect(acks.first.map { $0 > previous } ?? true, "\(context)")
        #expect(latest >= lastAck, "acknowledged records lost: latest \(latest) < ack \(lastAck); \(context)")
        // Replay what the round added (chained from the verified record before it) and find the batch ends.
        var batchEnds: [UInt64] = []
        var batch = 0
        var index = 0
        var size = 0
        var replay = try journal.makeReplay(from: previous + 1)
        while let record = try replay.next() {
            let marker = try #require(Marker(record.payload), "undecodable payload at \(record.sequence); \(context)")
            if index == 0 { size = marker.size }
            let due = "\(tag):\(batch):\(index):\(size)"
            let found = "\(marker.tag):\(marker.batch):\(marker.index):\(marker.size)"
            try #require(found == due, "at \(record.sequence) expected \(due), found \(found); \(context)")
            #expect(record.correlationID == "\(tag)-\(batch)", "\(context)")
            index += 1
            if index == size {
                batchEnds.append(record.sequence)
                batch += 1
                index = 0
            }
        }
        // Never a partial batch: the journal ends on a batch end (or holds nothing new).
        #expect(batchEnds.last ?? previous == latest, "partial batch at the end: \(latest); \(context)")
        // Every acknowledgement is a batch end, in order; at most one committed batch is unacknowledged.
        #expect(Array(batchEnds.prefix(acks.count)) == acks, "\(context)")
        #expect(batchEnds.count - acks.count <= 1, "\(batchEnds.count - acks.count) unacknowledged batches; \(context)")
        return (latest, batchEnds.count - acks.count)
    }
}
