import GRDB

/// Reading: verified pages for replay, and audit pages that verify each row they return.
extension SQLiteJournal {
    public func records(from sequence: UInt64, limit: Int) throws(JournalError) -> [JournalRecord] {
        guard sequence >= 1 else {
            throw .invalidArgument(name: "from", value: "0", reason: "sequences start at 1")
        }
        try JournalValidation.validatePage(from: sequence, limit: limit, argument: "from")
        return try run("read records") {
            try pool.read { db in
                guard var previous = try predecessorChecksum(of: sequence, db) else { return [] }
                let rows = RawStatement(try db.cachedStatement(sql: SQL.recordsFrom))
                defer { rows.finish() }
                try rows.bind(Int64(sequence), at: 1)
                try rows.bind(Int64(limit), at: 2)
                var expected = sequence
                var hasher = JournalChecksum()
                var records: [JournalRecord] = []
                records.reserveCapacity(limit)
                while try rows.step() {
                    let stored = try RowDecoder.record(rows, location: location)
                    guard stored.record.sequence == expected else {
                        throw JournalError.sequenceGap(
                            location: location,
                            expected: expected,
                            found: stored.record.sequence
                        )
                    }
                    try verify(stored, previous: previous, hasher: &hasher)
                    previous = stored.checksum
                    records.append(stored.record)
                    expected += 1
                }
                return records
            }
        }
    }

    /// The checksum the record at `sequence` chains from; `nil` when `sequence` is past the end of the journal.
    ///
    /// - Throws: `JournalError.sequenceGap` when the predecessor is missing but later records exist.
    private func predecessorChecksum(of sequence: UInt64, _ db: Database) throws -> [UInt8]? {
        guard sequence > 1 else { return JournalChecksum.genesis }
        let previous = sequence - 1
        if let checksum = try checksum(at: previous, db) { return checksum }
        let next = RawStatement(try db.cachedStatement(sql: SQL.firstAtOrAfter))
        defer { next.finish() }
        try next.bind(Int64(previous), at: 1)
        guard try next.step(), next.storage(0) == .integer else { return nil }
        throw JournalError.sequenceGap(location: location, expected: previous, found: UInt64(next.int64(0)))
    }

    /// The stored checksum of the record at `sequence`, or `nil` if there is no such record.
    func checksum(at sequence: UInt64, _ db: Database) throws -> [UInt8]? {
        let row = RawStatement(try db.cachedStatement(sql: SQL.checksumAt))
        defer { row.finish() }
        try row.bind(Int64(sequence), at: 1)
        guard try row.step() else { return nil }
        return try RowDecoder.checksum(row, 0, sequence: sequence, location: location)
    }

    /// Checks a stored record against the checksum chained from `previous`.
    private func verify(_ stored: RowDecoder.Stored, previous: [UInt8], hasher: inout JournalChecksum) throws {
        let record = stored.record
        let digest = hasher.record(
            previous: previous,
            sequence: record.sequence,
            time: record.time,
            kind: record.kind,
            actor: record.actor,
            correlationID: record.correlationID,
            orderIDs: record.orderIDs,
            payload: record.payload
        )
        guard digest.matches(stored.checksum) else {
            throw JournalError.checksumMismatch(location: location, sequence: record.sequence)
        }
    }

    public func audit(_ filter: AuditFilter, after sequence: UInt64, limit: Int) throws(JournalError) -> [JournalRecord]
    {
        try JournalValidation.validate(filter)
        try JournalValidation.validatePage(from: sequence, limit: limit, argument: "after")
        let (sql, keys): (String, [String]) =
            switch filter {
            case .orderID(let orderID): (SQL.auditByOrder, [orderID])
            case .actor(let actor): (SQL.auditByActor, [actor])
            case .kind(let kind):
                (SQL.auditByKind(exact: true, indexed: !SQL.mayBeFlowKind(prefix: kind)), [kind])
            case .kindPrefix(let prefix):
                (
                    SQL.auditByKind(exact: false, indexed: !SQL.mayBeFlowKind(prefix: prefix)),
                    [prefix, prefix + "\u{7F}"]
                )
            }
        return try run("audit \(filter)") {
            try pool.read { db in
                let rows = RawStatement(try db.cachedStatement(sql: sql))
                defer { rows.finish() }
                for (offset, key) in keys.enumerated() { try rows.bind(key, at: Int32(offset + 1)) }
                try rows.bind(Int64(sequence), at: Int32(keys.count + 1))
                try rows.bind(Int64(limit), at: Int32(keys.count + 2))
                var hasher = JournalChecksum()
                var records: [JournalRecord] = []
                while try rows.step() {
                    let stored = try RowDecoder.record(rows, location: location)
                    try verifyAlone(stored, rows, hasher: &hasher)
                    guard filter.matches(stored.record) else {
                        throw JournalError.indexMismatch(
                            location: location,
                            sequence: stored.record.sequence,
                            reason: "selected by \(filter) but the record does not match it"
                        )
                    }
                    records.append(stored.record)
                }
                return records
            }
        }
    }

    /// Verifies one audit row against its predecessor's checksum, which the audit query selects alongside it.
    private func verifyAlone(_ stored: RowDecoder.Stored, _ row: RawStatement, hasher: inout JournalChecksum) throws {
        let sequence = stored.record.sequence
        let previous: [UInt8]
        if row.storage(RowDecoder.Column.previousChecksum) == .null {
            guard sequence == 1 else {
                throw JournalError.sequenceGap(location: location, expected: sequence - 1, found: sequence)
            }
            previous = JournalChecksum.genesis
        } else {
            previous = try RowDecoder.checksum(
                row,
                RowDecoder.Column.previousChecksum,
                sequence: sequence - 1,
                location: location
            )
        }
        try verify(stored, previous: previous, hasher: &hasher)
    }
}
