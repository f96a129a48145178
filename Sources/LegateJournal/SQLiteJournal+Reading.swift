import GRDB

/// Reading: verified pages for replay, and audit pages that verify each row they return.
extension SQLiteJournal {
    public func records(from sequence: UInt64, limit: Int) throws(JournalError) -> [JournalRecord] {
        guard sequence >= 1 else {
            throw .invalidArgument(name: "from", value: "0", reason: "sequences start at 1")
        }
        try JournalValidation.validatePage(from: sequence, limit: limit, argument: "from")
        return try run("read records from \(sequence)") {
            try pool.read { db in
                guard var previous = try predecessorChecksum(of: sequence, db) else { return [] }
                var expected = sequence
                var hasher = JournalChecksum()
                var records: [JournalRecord] = []
                records.reserveCapacity(limit)
                let statement = try db.cachedStatement(sql: SQL.recordsFrom)
                let rows = try Row.fetchCursor(statement, arguments: [Int64(sequence), limit])
                while let row = try rows.next() {
                    let stored = try RowDecoder.record(row, location: location)
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
        if let row = try Row.fetchOne(db.cachedStatement(sql: SQL.checksumAt), arguments: [Int64(previous)]) {
            return try RowDecoder.checksum(row, 0, sequence: previous, location: location)
        }
        let next = try Int64.fetchOne(db.cachedStatement(sql: SQL.firstAtOrAfter), arguments: [Int64(previous)])
        guard let next else { return nil }
        throw JournalError.sequenceGap(location: location, expected: previous, found: UInt64(next))
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
        let after = Int64(sequence)
        let (sql, arguments): (String, StatementArguments) =
            switch filter {
            case .orderID(let orderID): (SQL.auditByOrder, [orderID, after, limit])
            case .actor(let actor): (SQL.auditByActor, [actor, after, limit])
            case .kind(let kind): (SQL.auditByKind, [kind, after, limit])
            case .kindPrefix(let prefix): (SQL.auditByKindPrefix, [prefix, prefix + "\u{7F}", after, limit])
            }
        return try run("audit \(filter)") {
            try pool.read { db in
                var hasher = JournalChecksum()
                var records: [JournalRecord] = []
                let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
                while let row = try rows.next() {
                    let stored = try RowDecoder.record(row, location: location)
                    let sequence = stored.record.sequence
                    let previous: [UInt8]
                    if try RowDecoder.isNull(row, 8) {
                        guard sequence == 1 else {
                            throw JournalError.sequenceGap(location: location, expected: sequence - 1, found: sequence)
                        }
                        previous = JournalChecksum.genesis
                    } else {
                        previous = try RowDecoder.checksum(row, 8, sequence: sequence - 1, location: location)
                    }
                    try verify(stored, previous: previous, hasher: &hasher)
                    guard filter.matches(stored.record) else {
                        throw JournalError.indexMismatch(
                            location: location,
                            sequence: sequence,
                            reason: "selected by \(filter) but the record does not match it"
                        )
                    }
                    records.append(stored.record)
                }
                return records
            }
        }
    }
}
