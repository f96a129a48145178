import GRDB
import LegateCore

/// Snapshots: the engine's state at a sequence, checksummed and anchored to that event's checksum.
extension SQLiteJournal {
    public func saveSnapshot(_ snapshot: JournalSnapshot) throws(JournalError) {
        try refuseIfReadOnly("save a snapshot")
        // The size rules first, outside the write lock; the sequence rule needs the head, inside it.
        try JournalValidation.validate(snapshot, latest: UInt64(Int64.max))
        try run("save snapshot at \(snapshot.sequence)") {
            try pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    try insert(snapshot, db)
                    return .commit
                }
            }
        }
    }

    private func insert(_ snapshot: JournalSnapshot, _ db: Database) throws {
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
        try insert.bind(bytes: snapshot.state, at: 3)
        try insert.bind(bytes: snapshot.stateHash, at: 4)
        try insert.bind(bytes: checksum, at: 5)
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
        let snapshot = JournalSnapshot(
            sequence: sequence,
            time: UnixNanos(try RowDecoder.integer(row, 1, column: "time", sequence: sequence, location: location)),
            state: try RowDecoder.blob(row, 2, column: "state", sequence: sequence, location: location),
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
}
