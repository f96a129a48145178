import Crypto
import GRDB

/// Reading: verified pages for replay, and audit pages that verify each stored row they read.
///
/// Records are stored in units: a row of `events` (one record, written before v5) or a row of `record_groups`
/// (consecutive records, since). Units partition the sequences with no gap, and each unit's checksum chains from the
/// one before it, so every read finds the unit holding a sequence, verifies it against its predecessor's checksum,
/// and takes the records it needs out of it.
extension SQLiteJournal {
    public func records(from sequence: UInt64, limit: Int) throws(JournalError) -> [JournalRecord] {
        guard sequence >= 1 else {
            throw .invalidArgument(name: "from", value: "0", reason: "sequences start at 1")
        }
        try JournalValidation.validatePage(from: sequence, limit: limit, argument: "from")
        return try run("read records") {
            try pool.read { db in
                var records: [JournalRecord] = []
                records.reserveCapacity(limit)
                try read(from: sequence, db) { record in
                    records.append(record)
                    return records.count < limit
                }
                return records
            }
        }
    }

    /// Passes every record from `sequence` on, in order and verified along the chain, to `body` until it returns
    /// false or the journal ends.
    ///
    /// - Throws: `JournalError.sequenceGap` when a sequence is missing before the end, `.checksumMismatch` or
    ///   `.undecodableColumn` for a damaged unit.
    func read(from sequence: UInt64, _ db: Database, _ body: (JournalRecord) throws -> Bool) throws {
        // No record lies past the largest sequence SQLite can hold (an audit after it asks for nothing).
        guard sequence <= UInt64(Int64.max) else { return }
        guard var unit = try unit(containing: sequence, db) else {
            try refuseGap(at: sequence, db)
            return
        }
        guard var previous = try predecessorChecksum(of: unit.first, db) else { throw try gap(before: unit.first, db) }
        while true {
            try unit.verify(previous: previous, location: location)
            for record in unit.records where record.sequence >= sequence {
                guard try body(record) else { return }
            }
            previous = unit.checksum
            guard unit.last < UInt64(Int64.max) else { return }
            let next = unit.last + 1
            guard let following = try self.unit(containing: next, db) else {
                try refuseGap(at: next, db)
                return
            }
            guard following.first == next else {
                throw JournalError.sequenceGap(location: location, expected: next, found: following.first)
            }
            unit = following
        }
    }

    /// Nothing holds `sequence`: fine at the end of the journal, a gap when a later record exists.
    private func refuseGap(at sequence: UInt64, _ db: Database) throws {
        let next = RawStatement(try db.cachedStatement(sql: SQL.firstAtOrAfter))
        defer { next.finish() }
        try next.bind(Int64(sequence), at: 1)
        guard try next.step(), next.storage(0) == .integer else { return }
        throw JournalError.sequenceGap(location: location, expected: sequence, found: UInt64(next.int64(0)))
    }

    /// The gap before the unit starting at `sequence`, which no unit ends just before: from the end of the last
    /// unit before it.
    private func gap(before sequence: UInt64, _ db: Database) throws -> JournalError {
        let last = RawStatement(try db.cachedStatement(sql: SQL.lastBefore))
        defer { last.finish() }
        try last.bind(Int64(sequence), at: 1)
        let previousEnd = try last.step() && last.storage(0) == .integer ? UInt64(max(0, last.int64(0))) : 0
        return .sequenceGap(location: location, expected: previousEnd + 1, found: sequence)
    }

    /// The checksum the unit starting at `sequence` chains from (the genesis checksum for 1); nil when no unit ends
    /// just before it.
    func predecessorChecksum(of sequence: UInt64, _ db: Database) throws -> [UInt8]? {
        guard sequence > 1 else { return JournalChecksum.genesis }
        return try checksum(endingAt: sequence - 1, db)
    }

    /// The checksum of the unit that ends at `sequence`, or nil if no unit ends there.
    func checksum(endingAt sequence: UInt64, _ db: Database) throws -> [UInt8]? {
        guard let (last, checksum) = try checksum(containing: sequence, db), last == sequence else { return nil }
        return checksum
    }

    /// The last sequence and the checksum of the unit holding `sequence`, or nil if none holds it. A snapshot is
    /// anchored to it: the checksum vouches for every record up to the unit's end.
    func checksum(containing sequence: UInt64, _ db: Database) throws -> (UInt64, [UInt8])? {
        let row = RawStatement(try db.cachedStatement(sql: SQL.rowChecksumAt))
        defer { row.finish() }
        try row.bind(Int64(sequence), at: 1)
        if try row.step() {
            return (sequence, try RowDecoder.checksum(row, 0, sequence: sequence, location: location))
        }
        let group = RawStatement(try db.cachedStatement(sql: SQL.groupChecksumAtOrBefore))
        defer { group.finish() }
        try group.bind(Int64(sequence), at: 1)
        guard try group.step() else { return nil }
        let last = try RowDecoder.sequence(group, 0, location: location)
        guard last >= sequence else { return nil }
        return (last, try RowDecoder.checksum(group, 1, sequence: last, location: location))
    }

    /// The unit holding `sequence`, decoded but not yet verified; nil if none holds it.
    func unit(containing sequence: UInt64, _ db: Database) throws -> StoredUnit? {
        let row = RawStatement(try db.cachedStatement(sql: SQL.rowAt))
        defer { row.finish() }
        try row.bind(Int64(sequence), at: 1)
        if try row.step() {
            let stored = try RowDecoder.record(row, location: location)
            return StoredUnit(row: stored)
        }
        let group = RawStatement(try db.cachedStatement(sql: SQL.groupAtOrBefore))
        defer { group.finish() }
        try group.bind(Int64(sequence), at: 1)
        guard try group.step() else { return nil }
        let first = try RowDecoder.sequence(group, 0, location: location)
        guard group.storage(1) == .integer, group.int64(1) >= Int64(first) else {
            throw JournalError.undecodableColumn(
                location: location,
                sequence: first,
                column: "last_seq",
                reason: "not an integer at or after first_seq"
            )
        }
        let last = UInt64(group.int64(1))
        guard last >= sequence else { return nil }
        let bytes = try RowDecoder.blob(group, 2, column: "records", sequence: first, location: location)
        return StoredUnit(
            first: first,
            last: last,
            records: try RecordGroup.decode(bytes, first: first, last: last, location: location),
            checksum: try RowDecoder.checksum(group, 3, sequence: first, location: location),
            groupBytes: bytes
        )
    }

    /// The unit holding `sequence` verified against its predecessor, for reads that do not walk the chain.
    func verifiedUnit(containing sequence: UInt64, _ db: Database) throws -> StoredUnit {
        guard let unit = try unit(containing: sequence, db) else {
            throw JournalError.indexMismatch(
                location: location,
                sequence: sequence,
                reason: "an index names a record no row holds"
            )
        }
        guard let previous = try predecessorChecksum(of: unit.first, db) else { throw try gap(before: unit.first, db) }
        try unit.verify(previous: previous, location: location)
        return unit
    }
}

/// One stored unit: a row of `events` (one record) or a group of consecutive records.
struct StoredUnit {
    let first: UInt64
    let last: UInt64
    let records: [JournalRecord]
    let checksum: [UInt8]
    /// A group's encoded records, which its checksum covers; nil for a row.
    let groupBytes: [UInt8]?

    init(first: UInt64, last: UInt64, records: [JournalRecord], checksum: [UInt8], groupBytes: [UInt8]?) {
        self.first = first
        self.last = last
        self.records = records
        self.checksum = checksum
        self.groupBytes = groupBytes
    }

    init(row stored: RowDecoder.Stored) {
        self.init(
            first: stored.record.sequence,
            last: stored.record.sequence,
            records: [stored.record],
            checksum: stored.checksum,
            groupBytes: nil
        )
    }

    /// Checks the unit against the checksum chained from `previous`.
    func verify(previous: [UInt8], location: String) throws(JournalError) {
        let digest: SHA256.Digest
        if let groupBytes {
            digest = JournalChecksum.group(previous: previous, first: first, last: last, bytes: groupBytes)
        } else if let record = records.first {
            var hasher = JournalChecksum()
            digest = hasher.record(record.unsequenced, previous: previous, sequence: record.sequence)
        } else {
            throw .checksumMismatch(location: location, sequence: first)
        }
        guard digest.matches(checksum) else { throw .checksumMismatch(location: location, sequence: first) }
    }
}
