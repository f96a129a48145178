/// The input rules both journal implementations apply before writing anything.
///
/// One function used by `SQLiteJournal` and `InMemoryJournal` alike is what keeps the twin honest: a batch the
/// in-memory journal accepts in a test is a batch the SQLite journal accepts in production.
enum JournalValidation {
    /// Checks a whole batch; throws for the first broken rule, naming the record's position.
    static func validate(_ batch: [NewJournalRecord]) throws(JournalError) {
        guard !batch.isEmpty else { throw .emptyBatch }
        guard batch.count <= JournalLimits.recordsPerBatchMax else {
            throw .batchTooLarge(records: batch.count, limit: JournalLimits.recordsPerBatchMax)
        }
        var payloadBytes = 0
        // Through the buffer: reading a record out of the array (even by index) copies it, retaining every text and
        // array it holds.
        try batch.withUnsafeBufferPointer { records throws(JournalError) in
            for index in records.indices {
                try validate(records[index], index: index)
                payloadBytes += records[index].payload.count
            }
        }
        guard payloadBytes <= JournalLimits.batchPayloadBytesMax else {
            throw .batchPayloadTooLarge(bytes: payloadBytes, limit: JournalLimits.batchPayloadBytesMax)
        }
    }

    static func validate(_ record: borrowing NewJournalRecord, index: Int) throws(JournalError) {
        guard record.payload.count <= JournalLimits.payloadBytesMax else {
            throw .payloadTooLarge(index: index, bytes: record.payload.count, limit: JournalLimits.payloadBytesMax)
        }
        if let reason = kindProblem(record.kind) {
            throw .invalidRecord(index: index, field: "kind", reason: reason)
        }
        if let actor = record.actor, let reason = textProblem(actor) {
            throw .invalidRecord(index: index, field: "actor", reason: reason)
        }
        if let correlationID = record.correlationID, let reason = textProblem(correlationID) {
            throw .invalidRecord(index: index, field: "correlationID", reason: reason)
        }
        guard record.orderIDs.count <= JournalLimits.orderIDsPerRecordMax else {
            throw .invalidRecord(
                index: index,
                field: "orderIDs",
                reason: "\(record.orderIDs.count) order ids, limit \(JournalLimits.orderIDsPerRecordMax)"
            )
        }
        for orderID in record.orderIDs {
            if let reason = textProblem(orderID) {
                throw .invalidRecord(index: index, field: "orderIDs", reason: "\"\(orderID)\": \(reason)")
            }
        }
        if record.orderIDs.count > 1, Set(record.orderIDs).count != record.orderIDs.count {
            throw .invalidRecord(index: index, field: "orderIDs", reason: "an order id is listed twice")
        }
    }

    /// Kinds are printable ASCII without spaces, which is what lets `records(kindPrefix:)` be an index range scan.
    static func kindProblem(_ kind: String) -> String? {
        let count = kind.utf8.count
        guard count > 0, count <= JournalLimits.textBytesMax else {
            return "length is not 1...\(JournalLimits.textBytesMax) bytes"
        }
        guard allBytes(of: kind, satisfy: { $0 > 0x20 && $0 < 0x7F }) else {
            return "only printable ASCII without spaces"
        }
        return nil
    }

    /// Checks the UTF-8 bytes in place (a tight loop over the string's storage, not the generic `UTF8View` walk):
    /// every text of every record passes here on the append path.
    static func allBytes(of text: String, satisfy predicate: (UInt8) -> Bool) -> Bool {
        var text = text
        return text.withUTF8 { $0.allSatisfy(predicate) }
    }

    /// Actors, correlation ids and order ids: non-empty, bounded, no control characters (U+001F separates order ids
    /// in storage, and control characters have no business in an audit trail).
    static func textProblem(_ text: String) -> String? {
        let count = text.utf8.count
        guard count > 0, count <= JournalLimits.textBytesMax else {
            return "length is not 1...\(JournalLimits.textBytesMax) bytes"
        }
        guard allBytes(of: text, satisfy: { $0 >= 0x20 && $0 != 0x7F }) else {
            return "control characters are not allowed"
        }
        return nil
    }

    static func validate(_ snapshot: JournalSnapshot, latest: UInt64) throws(JournalError) {
        guard snapshot.sequence >= 1, snapshot.sequence <= latest else {
            throw .invalidArgument(
                name: "snapshot.sequence",
                value: String(snapshot.sequence),
                reason: "must name a journaled record, 1...\(latest)"
            )
        }
        guard snapshot.state.count <= JournalLimits.snapshotStateBytesMax else {
            throw .invalidArgument(
                name: "snapshot.state",
                value: "\(snapshot.state.count) bytes",
                reason: "limit \(JournalLimits.snapshotStateBytesMax) bytes"
            )
        }
        guard (1...JournalLimits.stateHashBytesMax).contains(snapshot.stateHash.count) else {
            throw .invalidArgument(
                name: "snapshot.stateHash",
                value: "\(snapshot.stateHash.count) bytes",
                reason: "must be 1...\(JournalLimits.stateHashBytesMax) bytes"
            )
        }
    }

    static func validatePage(from sequence: UInt64, limit: Int, argument: String) throws(JournalError) {
        guard (1...JournalLimits.pageSizeMax).contains(limit) else {
            throw .invalidArgument(
                name: "limit",
                value: String(limit),
                reason: "must be 1...\(JournalLimits.pageSizeMax)"
            )
        }
        guard sequence <= UInt64(Int64.max) else {
            throw .invalidArgument(name: argument, value: String(sequence), reason: "beyond the journal's range")
        }
    }

    static func validate(_ filter: AuditFilter) throws(JournalError) {
        switch filter {
        case .orderID(let text), .actor(let text):
            if let reason = textProblem(text) {
                throw .invalidArgument(name: "filter", value: "\(filter)", reason: reason)
            }
        case .kind(let kind):
            if let reason = kindProblem(kind) {
                throw .invalidArgument(name: "filter", value: "\(filter)", reason: reason)
            }
        case .kindPrefix(let prefix):
            if let reason = kindProblem(prefix) {
                throw .invalidArgument(name: "filter", value: "\(filter)", reason: reason)
            }
        }
    }
}
