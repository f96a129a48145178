// The main file is kept written with zeros past its content: the planned ends and chunk sizes make SQLite neither cut
// nor extend the file, the zeros never touch the database (every record verifies and replays, the file passes
// SQLite's own check) while appends and checkpoints run side by side, and a clean close cuts the file back.
import Foundation
import GRDB
import Testing

@testable import LegateJournal

@Suite struct MainFileReserveTests {
    static let gigabyte: Int64 = 1 << 30
    static let targets: [Int64] = [
        1, 4_096, 1 << 20, (1 << 20) + 1, 700 << 20, 2 * gigabyte - 1, 2 * gigabyte, 2 * gigabyte + 12_345,
        5 * gigabyte, 37 * gigabyte + 999, 100 * gigabyte,
    ]

    @Test(arguments: targets)
    func planRoundsEverySizeWithinAChunkToTheEnd(target: Int64) {
        let (end, chunk) = MainFileReserve.plan(target: target)
        let step = MainFileReserve.step
        #expect(end >= target && end % step == 0 && end - target < 64 * step)
        #expect(chunk > 0 && Int64(chunk) <= Int64(Int32.max) && end % Int64(chunk) == 0)
        // What SQLite does with a chunk size: round a truncation or an extension up to a multiple of it.
        func rounded(_ size: Int64) -> Int64 { (size + Int64(chunk) - 1) / Int64(chunk) * Int64(chunk) }
        for size in [end, end - 1, end - step, end - Int64(chunk) + 1] where size > 0 {
            #expect(rounded(size) == end, "size \(size) rounds to \(rounded(size)), not \(end)")
        }
        #expect(MainFileReserve.plan(target: end).end == end)
        #expect(MainFileReserve.isPlannedEnd(end))
    }

    static func fileSize(_ path: String) -> Int64 {
        Int64(((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? -1)
    }

    static func contentBytes(_ path: String) throws -> Int64 {
        try withRawDatabase(path) { db throws in try MainFileReserve.contentBytes(db) }
    }

    /// Records of about 600 bytes, so that a few thousand grow the main file by megabytes.
    static func bulkyBatch(first: Int, count: Int) -> [NewJournalRecord] {
        sampleBatch(count: count, first: first).map { record in
            var record = record
            record.payload += [UInt8](repeating: UInt8(truncatingIfNeeded: first), count: 500)
            return record
        }
    }

    @Test func appendsAndCheckpointsRunBesideTheReserveAndACleanCloseCutsItBack() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("j.sqlite").path
            let configuration = SQLiteJournal.Configuration(recordsPerCheckpoint: 200, mainFileHeadroomBytes: 1 << 20)
            let journal = try SQLiteJournal(path: path, configuration: configuration)
            // Written at open: the content and a step past it, to a planned end.
            let opened = Self.fileSize(path)
            #expect(MainFileReserve.isPlannedEnd(opened) && opened >= 1 << 20)
            for batch in 0..<60 { _ = try journal.append(Self.bulkyBatch(first: batch * 100, count: 100)) }
            waitForCheckpoints(journal, atLeast: 5)
            #expect(try journal.verify() == 6_000)
            #expect(try replayAll(journal).map(\.sequence) == Array(1...6_000))
            let size = Self.fileSize(path)
            #expect(MainFileReserve.isPlannedEnd(size), "\(size) bytes is not a planned end")
            try journal.close()
            // Cut back to the content once the WAL is in the main file.
            #expect(Self.fileSize(path) == (try Self.contentBytes(path)))
            #expect(
                try withRawDatabase(path) { db throws in try String.fetchOne(db, sql: "PRAGMA integrity_check") }
                    == "ok"
            )
            let reopened = try SQLiteJournal(path: path, configuration: configuration)
            #expect(Self.fileSize(path) > (try Self.contentBytes(path)))
            #expect(try reopened.verify() == 6_000)
            try reopened.close()
        }
    }

    /// An explicit checkpoint keeps the reserve: the file stays at its planned end, past the content.
    @Test func anExplicitCheckpointKeepsTheReserve() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("j.sqlite").path
            let journal = try SQLiteJournal(
                path: path,
                configuration: .init(recordsPerCheckpoint: 1_000_000, mainFileHeadroomBytes: 2 << 20)
            )
            _ = try journal.append(Self.bulkyBatch(first: 0, count: 500))
            let before = Self.fileSize(path)
            try journal.checkpoint()
            #expect(Self.fileSize(path) == before)
            #expect(before > (try Self.contentBytes(path)))
            #expect(try journal.verify() == 500)
            try journal.close()
        }
    }
}
