import Foundation
import GRDB
import LegateCore

/// Snapshots: the engine's state at a sequence, checksummed and anchored to that event's checksum.
extension SQLiteJournal {
    /// Stores `snapshot`. A state larger than `Configuration.snapshotPartBytes` is written in parts, one short
    /// transaction each, so appends go on between them; the snapshot row, written last, makes it visible at once.
    /// A crash in between leaves parts no snapshot names: space, never a wrong snapshot.
    public func saveSnapshot(_ snapshot: JournalSnapshot) throws(JournalError) {
        try refuseIfReadOnly("save a snapshot")
        // The size rules first, outside the write lock; the sequence rule needs the head, inside it.
        try JournalValidation.validate(snapshot, latest: UInt64(Int64.max))
        let parts = snapshot.state.count > snapshotPartBytes ? try saveParts(of: snapshot) : nil
        try run("save snapshot at \(snapshot.sequence)") {
            try pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    try insert(snapshot, parts: parts, db)
                    return .commit
                }
            }
        }
    }

    /// About the bytes a record adds to the WAL, to count snapshot parts towards the checkpoint cadence.
    static let recordBytesEstimate = 300

    /// Writes the state in parts and returns the first part's id and the count; the ids are consecutive.
    private func saveParts(of snapshot: JournalSnapshot) throws(JournalError) -> (first: Int64, count: Int) {
        let sequence = snapshot.sequence
        // Refused up front rather than after writing every part.
        let exists = try run("look up snapshot at \(sequence)") {
            try pool.read { db in try Bool.fetchOne(db, sql: SQL.snapshotExists, arguments: [Int64(sequence)]) ?? false
            }
        }
        if exists { throw .snapshotExists(location: location, sequence: sequence) }
        var first: Int64?
        var count = 0
        var offset = 0
        while offset < snapshot.state.count {
            let end = min(offset + snapshotPartBytes, snapshot.state.count)
            let bytes = Array(snapshot.state[offset..<end])
            let id = try run("save snapshot part \(count + 1) at \(sequence)") {
                try pool.writeWithoutTransaction { db -> Int64 in
                    var id: Int64 = 0
                    try db.inTransaction(.immediate) {
                        let insert = RawStatement(try db.cachedStatement(sql: SQL.insertSnapshotPart))
                        defer { insert.finish() }
                        try insert.bind(Int64(sequence), at: 1)
                        try insert.bind(bytes: bytes, at: 2)
                        try insert.run()
                        id = db.lastInsertedRowID
                        return .commit
                    }
                    return id
                }
            }
            if let first, id != first + Int64(count) {
                throw .unexpected(
                    location: location,
                    operation: "save snapshot at \(sequence)",
                    description:
                        "part \(count + 1) got id \(id), not \(first + Int64(count)): another writer interleaved"
                )
            }
            first = first ?? id
            count += 1
            offset = end
            // The parts fill the WAL like records do: counted as records of the usual size, they get it checkpointed
            // on the usual cadence, so the WAL is reused instead of growing into new blocks of the file.
            requestCheckpointIfDue(after: max(1, bytes.count / Self.recordBytesEstimate))
            if offset < snapshot.state.count && snapshotPartPause > .zero {
                Thread.sleep(forTimeInterval: Self.seconds(snapshotPartPause))
            }
        }
        return (first ?? 0, count)
    }

    private func insert(_ snapshot: JournalSnapshot, parts: (first: Int64, count: Int)?, _ db: Database) throws {
        let latestSequence = try head(db).0
        try JournalValidation.validate(snapshot, latest: latestSequence)
        let existing = RawStatement(try db.cachedStatement(sql: SQL.snapshotExists))
        defer { existing.finish() }
        try existing.bind(Int64(snapshot.sequence), at: 1)
        guard try !existing.step() else {
            throw JournalError.snapshotExists(location: location, sequence: snapshot.sequence)
        }
        guard let (_, eventChecksum) = try checksum(containing: snapshot.sequence, db) else {
            throw JournalError.sequenceGap(location: location, expected: snapshot.sequence, found: nil)
        }
        var hasher = JournalChecksum()
        let checksum = hasher.snapshot(snapshot, eventChecksum: eventChecksum)
        let insert = RawStatement(try db.cachedStatement(sql: SQL.insertSnapshot))
        defer { insert.finish() }
        try insert.bind(Int64(snapshot.sequence), at: 1)
        try insert.bind(snapshot.time.rawValue, at: 2)
        // The checksum covers the whole state wherever its bytes are kept.
        try insert.bind(bytes: parts == nil ? snapshot.state : [], at: 3)
        try insert.bind(bytes: snapshot.stateHash, at: 4)
        try insert.bind(bytes: checksum, at: 5)
        try insert.bind(parts?.first ?? 0, at: 6)
        try insert.bind(Int64(parts?.count ?? 0), at: 7)
        try insert.run()
    }

    public func latestSnapshot(atOrBefore sequence: UInt64) throws(JournalError) -> JournalSnapshot? {
        try run("load snapshot at or before \(sequence)") {
            try pool.read { db -> JournalSnapshot? in
                let row = RawStatement(try db.cachedStatement(sql: SQL.latestSnapshot))
                defer { row.finish() }
                try row.bind(Int64(clamping: sequence), at: 1)
                guard try row.step() else { return nil }
                return try decodeSnapshot(row, db)
            }
        }
    }

    /// Decodes and verifies the row of `SQL.latestSnapshot`.
    private func decodeSnapshot(_ row: RawStatement, _ db: Database) throws -> JournalSnapshot {
        let sequence = try RowDecoder.sequence(row, 0, location: location)
        let firstPart = try RowDecoder.integer(row, 5, column: "first_part", sequence: sequence, location: location)
        let partCount = try RowDecoder.integer(row, 6, column: "part_count", sequence: sequence, location: location)
        var state = try RowDecoder.blob(row, 2, column: "state", sequence: sequence, location: location)
        if partCount != 0 {
            guard state.isEmpty, partCount > 0 else {
                throw JournalError.undecodableColumn(
                    location: location,
                    sequence: sequence,
                    column: "part_count",
                    reason: "\(partCount) parts beside \(state.count) inline bytes"
                )
            }
            state = try snapshotParts(first: firstPart, count: partCount, sequence: sequence, db)
        }
        let snapshot = JournalSnapshot(
            sequence: sequence,
            time: UnixNanos(try RowDecoder.integer(row, 1, column: "time", sequence: sequence, location: location)),
            state: state,
            stateHash: try RowDecoder.blob(row, 3, column: "state_hash", sequence: sequence, location: location)
        )
        let stored = try RowDecoder.checksum(row, 4, sequence: sequence, location: location)
        guard let (_, eventChecksum) = try checksum(containing: sequence, db) else {
            throw JournalError.sequenceGap(location: location, expected: sequence, found: nil)
        }
        var hasher = JournalChecksum()
        guard hasher.snapshot(snapshot, eventChecksum: eventChecksum).matches(stored) else {
            throw JournalError.snapshotChecksumMismatch(location: location, sequence: sequence)
        }
        return snapshot
    }

    /// The state bytes of a snapshot kept in parts: exactly `count` rows from `first` on, each of this snapshot.
    private func snapshotParts(first: Int64, count: Int64, sequence: UInt64, _ db: Database) throws -> [UInt8] {
        let parts = RawStatement(try db.cachedStatement(sql: SQL.snapshotParts))
        defer { parts.finish() }
        try parts.bind(first, at: 1)
        try parts.bind(first + count, at: 2)
        var state: [UInt8] = []
        var expected = first
        while try parts.step() {
            let id = parts.int64(0)
            guard id == expected, parts.int64(1) == Int64(sequence) else {
                throw JournalError.undecodableColumn(
                    location: location,
                    sequence: sequence,
                    column: "snapshot_parts",
                    reason: "part id \(id) (of snapshot \(parts.int64(1))) where part \(expected) was expected"
                )
            }
            state += try RowDecoder.blob(
                parts,
                2,
                column: "snapshot_parts.bytes",
                sequence: sequence,
                location: location
            )
            expected += 1
        }
        guard expected == first + count else {
            throw JournalError.undecodableColumn(
                location: location,
                sequence: sequence,
                column: "snapshot_parts",
                reason: "\(expected - first) of \(count) parts present"
            )
        }
        return state
    }
}
