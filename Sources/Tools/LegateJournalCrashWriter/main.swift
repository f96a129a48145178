// Appends journal records under load until killed, acknowledging each committed batch on stdout.
//
// The journal crash test starts this process, kills it with SIGKILL at a random moment and then checks the file:
// every acknowledged sequence must be there and verifiable, and nothing but whole batches may be there. A line on
// stdout is written only after `append` returned, exactly as the runtime acknowledges clients only after the commit.
//
// Usage: LegateJournalCrashWriter <journal path> <seed> <tag> [batch count]
//   Batches hold 1...500 records drawn from the seed. Each record's correlation id is "<tag>-<batch>" and its payload
//   starts with "<tag>:<batch>:<index>:<size>;" so a reader can check batch boundaries. Without a batch count it runs
//   until killed.
import Foundation
import LegateCore
import LegateJournal

/// SplitMix64: a tiny seeded generator, so a failing round can be rerun from its seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("LegateJournalCrashWriter: \(message)\n".utf8))
    exit(2)
}

let arguments = CommandLine.arguments
let usage = "usage: LegateJournalCrashWriter <journal path> <seed> <tag> [batch count]"
guard arguments.count == 4 || arguments.count == 5, let seed = UInt64(arguments[2]) else { fail(usage) }
let path = arguments[1]
let tag = arguments[3]
var batchCount: Int?
if arguments.count == 5 {
    guard let count = Int(arguments[4]), count >= 0 else { fail(usage) }
    batchCount = count
}

let journal: SQLiteJournal
do {
    journal = try SQLiteJournal(path: path)
} catch {
    fail("open failed: \(error)")
}

var generator = SplitMix64(state: seed)
let kinds = ["order.accepted", "order.filled", "limit.changed", "package.legged", "hedge.sent"]
// Random bytes drawn once and sliced per record: payloads vary without costing a draw per byte.
let filler = (0..<256).map { _ in UInt8.random(in: 0...255, using: &generator) }
var batchNumber = 0
var time = UnixNanos.seconds(1_735_000_000) + Int64(seed % 1_000_000)
while batchCount.map({ batchNumber < $0 }) ?? true {
    let size = Int.random(in: 1...500, using: &generator)
    var batch: [NewJournalRecord] = []
    batch.reserveCapacity(size)
    for index in 0..<size {
        time = time + Int64.random(in: 1...1_000_000, using: &generator)
        var payload = Array("\(tag):\(batchNumber):\(index):\(size);".utf8)
        let start = Int.random(in: 0..<128, using: &generator)
        payload.append(contentsOf: filler[start..<start + Int.random(in: 0...120, using: &generator)])
        batch.append(
            NewJournalRecord(
                time: time,
                kind: kinds[Int.random(in: 0..<kinds.count, using: &generator)],
                actor: "user-\(Int.random(in: 1...5, using: &generator))",
                correlationID: "\(tag)-\(batchNumber)",
                orderIDs: ["\(tag)-o\(batchNumber)-\(index)"],
                payload: payload
            )
        )
    }
    let range: ClosedRange<UInt64>
    do {
        range = try journal.append(batch)
    } catch {
        fail("append failed: \(error)")
    }
    // The acknowledgement: one line per committed batch, written straight to the pipe (FileHandle does not buffer).
    FileHandle.standardOutput.write(Data("\(range.upperBound)\n".utf8))
    batchNumber += 1
}
