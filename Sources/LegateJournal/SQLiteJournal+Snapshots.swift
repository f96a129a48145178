import Foundation
import GRDB
import LegateCore

/// Snapshots: the engine's state at a sequence, checksummed and anchored to that event's checksum.
extension SQLiteJournal {
    public func saveSnapshot(_ snapshot: JournalSnapshot) throws(JournalError) {
        // The size rules first, outside the write lock; the sequence rule needs the head, inside it.
        try JournalValidation.validate(snapshot, latest: UInt64(Int64.max))
        try run("save snapshot at \(snapshot.sequence)") {
            try pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    let latest = try Row.fetchOne(db.cachedStatement(sql: SQL.head)).map {
                        try RowDecoder.sequence($0, 0, location: location)
                    }
                    try JournalValidation.validate(snapshot, latest: latest ?? 0)
                    let sequence = Int64(snapshot.sequence)
                    guard try Row.fetchOne(db.cachedStatement(sql: SQL.snapshotExists), arguments: [sequence]) == nil
                    else { throw JournalError.snapshotExists(location: location, sequence: snapshot.sequence) }
                    let eventChecksum = try self.eventChecksum(at: snapshot.sequence, db)
                    var hasher = JournalChecksum()
                    let checksum = hasher.snapshot(snapshot, eventChecksum: eventChecksum).bytes
                    try db.cachedStatement(sql: SQL.insertSnapshot).execute(arguments: [
                        sequence, snapshot.time.rawValue, Data(snapshot.state), Data(snapshot.stateHash),
                        Data(checksum),
                    ])
                    return .commit
                }
            }
        }
    }

    public func latestSnapshot(atOrBefore sequence: UInt64) throws(JournalError) -> JournalSnapshot? {
        let bound = Int64(clamping: sequence)
        return try run("load snapshot at or before \(sequence)") {
            try pool.read { db -> JournalSnapshot? in
                guard let row = try Row.fetchOne(db.cachedStatement(sql: SQL.latestSnapshot), arguments: [bound])
                else { return nil }
                let sequence = try RowDecoder.sequence(row, 0, location: location)
                let snapshot = JournalSnapshot(
                    sequence: sequence,
                    time: UnixNanos(
                        try RowDecoder.integer(row, 1, column: "time", sequence: sequence, location: location)
                    ),
                    state: try RowDecoder.blob(row, 2, column: "state", sequence: sequence, location: location),
                    stateHash: try RowDecoder.blob(
                        row,
                        3,
                        column: "state_hash",
                        sequence: sequence,
                        location: location
                    )
                )
                let stored = try RowDecoder.checksum(row, 4, sequence: sequence, location: location)
                guard !(try RowDecoder.isNull(row, 5)) else {
                    throw JournalError.sequenceGap(location: location, expected: sequence, found: nil)
                }
                let eventChecksum = try RowDecoder.checksum(row, 5, sequence: sequence, location: location)
                var hasher = JournalChecksum()
                guard hasher.snapshot(snapshot, eventChecksum: eventChecksum).matches(stored) else {
                    throw JournalError.snapshotChecksumMismatch(location: location, sequence: sequence)
                }
                return snapshot
            }
        }
    }

    private func eventChecksum(at sequence: UInt64, _ db: Database) throws -> [UInt8] {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: SQL.checksumAt), arguments: [Int64(sequence)]) else {
            throw JournalError.sequenceGap(location: location, expected: sequence, found: nil)
        }
        return try RowDecoder.checksum(row, 0, sequence: sequence, location: location)
    }
}
