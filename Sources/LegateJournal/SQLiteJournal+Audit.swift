import GRDB

/// Audit pages: an index names the units (or, for kinds, the records) a filter selects; each unit read is verified
/// against its predecessor's checksum, and every record returned must match the filter, or the index is reported
/// as disagreeing with the rows.
extension SQLiteJournal {
    public func audit(_ filter: AuditFilter, after sequence: UInt64, limit: Int) throws(JournalError) -> [JournalRecord]
    {
        try JournalValidation.validate(filter)
        try JournalValidation.validatePage(from: sequence, limit: limit, argument: "after")
        return try run("audit \(filter)") {
            try pool.read { db in
                switch filter {
                case .orderID(let orderID):
                    try auditByOrder(orderID, filter, after: sequence, limit: limit, db)
                case .actor(let actor):
                    try auditByActor(actor, filter, after: sequence, limit: limit, db)
                case .kind(let kind):
                    try auditByKind([kind], filter, prefix: kind, after: sequence, limit: limit, db)
                case .kindPrefix(let prefix):
                    try auditByKind(
                        [prefix, prefix + "\u{7F}"],
                        filter,
                        prefix: prefix,
                        after: sequence,
                        limit: limit,
                        db
                    )
                }
            }
        }
    }

    /// The units that index an order, each read whole: a row holds one record of the order, a group at least one.
    private func auditByOrder(
        _ orderID: String,
        _ filter: AuditFilter,
        after sequence: UInt64,
        limit: Int,
        _ db: Database
    ) throws -> [JournalRecord] {
        // One unit more than the page: the group holding `sequence` may have none of the order's records after it.
        let starts = try sequences(SQL.auditByOrder, keys: [orderID], after: sequence, limit: limit + 1, db)
        var records: [JournalRecord] = []
        for start in starts {
            let unit = try verifiedUnit(containing: start, db)
            let matching = unit.records.filter { filter.matches($0) }
            guard !matching.isEmpty else {
                throw JournalError.indexMismatch(
                    location: location,
                    sequence: start,
                    reason: "selected by \(filter) but no record there matches it"
                )
            }
            // A group that began before `sequence` may hold records of the order on both sides of it.
            records.append(contentsOf: matching.lazy.filter { $0.sequence > sequence }.prefix(limit - records.count))
            if records.count == limit { break }
        }
        return records
    }

    /// The actor's runs in order, each read along the chain; every record of a run must be the actor's.
    private func auditByActor(
        _ actor: String,
        _ filter: AuditFilter,
        after sequence: UInt64,
        limit: Int,
        _ db: Database
    ) throws -> [JournalRecord] {
        var runs: [(first: UInt64, last: UInt64)] = []
        let rows = RawStatement(try db.cachedStatement(sql: SQL.auditByActor))
        try rows.bind(actor, at: 1)
        try rows.bind(Int64(sequence), at: 2)
        // Runs are read up front, only as many as the page can need: each holds at least one record.
        while runs.count < limit, try rows.step() {
            let first = try RowDecoder.sequence(rows, 0, location: location)
            let last = try RowDecoder.sequence(rows, 1, location: location)
            runs.append((first, last))
        }
        rows.finish()
        var records: [JournalRecord] = []
        for run in runs where records.count < limit {
            try read(from: max(run.first, sequence + 1), db) { record in
                guard record.sequence <= run.last else { return false }
                guard filter.matches(record) else {
                    throw JournalError.indexMismatch(
                        location: location,
                        sequence: record.sequence,
                        reason: "selected by \(filter) but the record does not match it"
                    )
                }
                records.append(record)
                return records.count < limit
            }
        }
        return records
    }

    /// Audited kinds through the kind indexes, record by record; flow kinds (which no index holds) by reading the
    /// journal in sequence from `sequence`.
    private func auditByKind(
        _ keys: [String],
        _ filter: AuditFilter,
        prefix: String,
        after sequence: UInt64,
        limit: Int,
        _ db: Database
    ) throws -> [JournalRecord] {
        var records: [JournalRecord] = []
        guard !SQL.mayBeFlowKind(prefix: prefix) else {
            try read(from: sequence + 1, db) { record in
                if filter.matches(record) { records.append(record) }
                return records.count < limit
            }
            return records
        }
        let selected = try sequences(
            SQL.auditByKind(exact: keys.count == 1),
            keys: keys,
            after: sequence,
            limit: limit,
            db
        )
        var unit: StoredUnit?
        for selectedSequence in selected {
            // Records of one group are read and verified once.
            if unit.map({ $0.first <= selectedSequence && selectedSequence <= $0.last }) != true {
                unit = try verifiedUnit(containing: selectedSequence, db)
            }
            guard let unit, let record = unit.records.first(where: { $0.sequence == selectedSequence }),
                filter.matches(record)
            else {
                throw JournalError.indexMismatch(
                    location: location,
                    sequence: selectedSequence,
                    reason: "selected by \(filter) but the record does not match it"
                )
            }
            records.append(record)
        }
        return records
    }

    /// The sequences an index query selects: its keys, then the sequence to read after, then the page size.
    private func sequences(
        _ sql: String,
        keys: [String],
        after sequence: UInt64,
        limit: Int,
        _ db: Database
    ) throws -> [UInt64] {
        let rows = RawStatement(try db.cachedStatement(sql: sql))
        defer { rows.finish() }
        for (offset, key) in keys.enumerated() { try rows.bind(key, at: Int32(offset + 1)) }
        try rows.bind(Int64(sequence), at: Int32(keys.count + 1))
        try rows.bind(Int64(limit), at: Int32(keys.count + 2))
        var selected: [UInt64] = []
        while try rows.step() { selected.append(try RowDecoder.sequence(rows, 0, location: location)) }
        return selected
    }
}
