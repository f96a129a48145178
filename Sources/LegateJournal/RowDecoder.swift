import LegateCore

/// Decodes stored rows without trusting them: every column's storage class and shape is checked, and a bad one is a
/// `JournalError.undecodableColumn` naming the sequence, never a crash or a silently coerced value.
enum RowDecoder {
    /// A record as stored, with its checksum.
    struct Stored {
        var record: JournalRecord
        var checksum: [UInt8]
    }

    /// The columns `SQL.recordColumns` selects, in order; an audit query adds the predecessor's checksum after them.
    enum Column {
        static let sequence: Int32 = 0
        static let time: Int32 = 1
        static let kind: Int32 = 2
        static let actor: Int32 = 3
        static let correlationID: Int32 = 4
        static let orderIDs: Int32 = 5
        static let payload: Int32 = 6
        static let checksum: Int32 = 7
        static let previousChecksum: Int32 = 8
    }

    static func sequence(_ row: RawStatement, _ index: Int32, location: String) throws -> UInt64 {
        let value = row.int64(index)
        guard row.storage(index) == .integer, value >= 1 else {
            throw undecodable("seq", "not a positive integer", 0, location)
        }
        return UInt64(value)
    }

    static func checksum(_ row: RawStatement, _ index: Int32, sequence: UInt64, location: String) throws -> [UInt8] {
        let bytes = try blob(row, index, column: "checksum", sequence: sequence, location: location)
        guard bytes.count == JournalChecksum.byteCount else {
            throw undecodable(
                "checksum",
                "\(bytes.count) bytes, expected \(JournalChecksum.byteCount)",
                sequence,
                location
            )
        }
        return bytes
    }

    /// Decodes the record columns of the current row.
    static func record(_ row: RawStatement, location: String) throws -> Stored {
        let sequence = try sequence(row, Column.sequence, location: location)
        let time = try integer(row, Column.time, column: "time", sequence: sequence, location: location)
        let kind = try text(row, Column.kind, column: "kind", sequence: sequence, location: location)
        let actor = try optionalText(row, Column.actor, column: "actor", sequence: sequence, location: location)
        let correlationID = try optionalText(
            row,
            Column.correlationID,
            column: "correlation_id",
            sequence: sequence,
            location: location
        )
        let orderIDs = try optionalText(
            row,
            Column.orderIDs,
            column: "order_ids",
            sequence: sequence,
            location: location
        )
        let record = JournalRecord(
            sequence: sequence,
            time: UnixNanos(time),
            kind: kind,
            actor: actor,
            correlationID: correlationID,
            orderIDs: try splitOrderIDs(orderIDs, sequence: sequence, location: location),
            payload: try blob(row, Column.payload, column: "payload", sequence: sequence, location: location)
        )
        let checksum = try checksum(row, Column.checksum, sequence: sequence, location: location)
        return Stored(record: record, checksum: checksum)
    }

    private static func splitOrderIDs(_ text: String?, sequence: UInt64, location: String) throws -> [String] {
        guard let text else { return [] }
        // Splitting the UTF-8 view on the one-byte separator; String's own `split(separator:)` costs several times
        // more, and replay has no time to spare per record.
        let separator = SQL.orderIDSeparator.utf8.first ?? 0x1F
        let orderIDs =
            text.utf8.contains(separator)
            ? text.utf8.split(separator: separator, omittingEmptySubsequences: false).map {
                String(decoding: $0, as: UTF8.self)
            }
            : [text]
        guard orderIDs.allSatisfy({ !$0.isEmpty }) else {
            throw undecodable("order_ids", "an order id is empty", sequence, location)
        }
        return orderIDs
    }

    static func integer(
        _ row: RawStatement,
        _ index: Int32,
        column: String,
        sequence: UInt64,
        location: String
    ) throws -> Int64 {
        guard row.storage(index) == .integer else { throw undecodable(column, "not an integer", sequence, location) }
        return row.int64(index)
    }

    static func text(
        _ row: RawStatement,
        _ index: Int32,
        column: String,
        sequence: UInt64,
        location: String
    ) throws
        -> String
    {
        guard row.storage(index) == .text else { throw undecodable(column, "not text", sequence, location) }
        return row.text(index)
    }

    static func optionalText(
        _ row: RawStatement,
        _ index: Int32,
        column: String,
        sequence: UInt64,
        location: String
    ) throws -> String? {
        switch row.storage(index) {
        case .null: return nil
        case .text: return row.text(index)
        default: throw undecodable(column, "not text or NULL", sequence, location)
        }
    }

    static func blob(
        _ row: RawStatement,
        _ index: Int32,
        column: String,
        sequence: UInt64,
        location: String
    ) throws
        -> [UInt8]
    {
        guard row.storage(index) == .blob else { throw undecodable(column, "not a BLOB", sequence, location) }
        return row.bytes(index)
    }

    private static func undecodable(
        _ column: String,
        _ reason: String,
        _ sequence: UInt64,
        _ location: String
    )
        -> JournalError
    {
        .undecodableColumn(location: location, sequence: sequence, column: column, reason: reason)
    }
}
