internal import Foundation
internal import LegateCore
internal import LegateJournal

/// The journal alone: what one record costs SQLite (`synchronous=FULL`, WAL, one transaction per 1,000 records) with
/// the journal's indexes, order index and checksum chain: the journal thread's share of an order.
enum JournalBenchmarks {
    static let all: [Benchmark] = [append]

    static let recordsPerCall = 20_000
    static let batchSize = 1_000

    /// A record as an order placement makes one: 4 events of about 230 bytes in all, one order id, actor and
    /// correlation id.
    static func record(_ number: Int) -> NewJournalRecord {
        var payload = [UInt8](repeating: 0, count: 230)
        var state = UInt64(truncatingIfNeeded: number) &* 0x9E37_79B9_7F4A_7C15
        for index in payload.indices {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            payload[index] = UInt8(truncatingIfNeeded: state)
        }
        return NewJournalRecord(
            time: UnixNanos(Int64(number) * 1_000),
            kind: "order.place",
            actor: "bench-trader",
            correlationID: "b\(number)",
            orderIDs: ["O\(String(repeating: "0", count: 10 - String(number).count))\(number)"],
            payload: payload
        )
    }

    // Safe because: a benchmark body runs on one thread at a time; the box never escapes the runner.
    final class JournalBox: @unchecked Sendable {
        let journal: SQLiteJournal
        var next = 0
        init(_ journal: SQLiteJournal) { self.journal = journal }
    }

    static let append = Benchmark(area: "engine", name: "journal_append", items: recordsPerCall) {
        let directory = try BenchmarkScratch.makeDirectory("journal")
        let box = JournalBox(try SQLiteJournal(path: directory.appendingPathComponent("journal.sqlite").path))
        return {
            var written = 0.0
            for _ in 0..<(recordsPerCall / batchSize) {
                var batch: [NewJournalRecord] = []
                batch.reserveCapacity(batchSize)
                for _ in 0..<batchSize {
                    box.next += 1
                    batch.append(record(box.next))
                }
                guard let range = try? box.journal.append(batch) else { return -1 }
                written += Double(range.count)
            }
            return written
        }
    }
}
