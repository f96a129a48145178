import Crypto
import GRDB
import LegateCore

/// The layout builds before v5 wrote: one `events` row per record. Nothing in a running node writes it any more;
/// it is kept so the tests can build the journals older builds left behind and prove that they still read, audit
/// and migrate (those rows stay in `events`, before the first group).
extension SQLiteJournal {
    func appendRows(_ batch: [NewJournalRecord]) throws(JournalError) -> ClosedRange<UInt64> {
        try append(batch, insertRows)
    }

    private func insertRows(_ batch: [NewJournalRecord], _ db: Database) throws -> ClosedRange<UInt64> {
        var (sequence, previous) = try head(db)
        let first = sequence + 1
        let insertEvent = RawStatement(try db.cachedStatement(sql: SQL.insertEvent))
        let insertOrder = RawStatement(try db.cachedStatement(sql: SQL.insertEventOrder))
        var runs = ActorRuns(insert: RawStatement(try db.cachedStatement(sql: SQL.insertActorRun)))
        defer {
            insertEvent.finish()
            insertOrder.finish()
            runs.insert.finish()
        }
        var hasher = JournalChecksum()
        for record in batch {
            sequence += 1
            let checksum = Array(hasher.record(record, previous: previous, sequence: sequence))
            try insertEvent.bind(Int64(sequence), at: 1)
            try insertEvent.bind(record.time.rawValue, at: 2)
            try insertEvent.bind(record.kind, at: 3)
            try insertEvent.bind(record.actor, at: 4)
            try insertEvent.bind(record.correlationID, at: 5)
            try insertEvent.bind(
                record.orderIDs.isEmpty ? nil : record.orderIDs.joined(separator: SQL.orderIDSeparator),
                at: 6
            )
            try insertEvent.bind(bytes: record.payload, at: 7)
            try insertEvent.bind(bytes: checksum, at: 8)
            try insertEvent.run()
            // One order: the `order_ids` index finds the record (v3). Several: one `event_orders` row each.
            if record.orderIDs.count > 1 {
                for orderID in record.orderIDs {
                    try insertOrder.bind(orderID, at: 1)
                    try insertOrder.bind(Int64(sequence), at: 2)
                    try insertOrder.run()
                }
            }
            try runs.extend(with: record.actor, at: sequence)
            previous = checksum
        }
        try runs.finish()
        return first...sequence
    }
}
