import Foundation
import GRDB
import LegateCore

/// Decodes stored rows without trusting them: every column's storage class and shape is checked, and a bad one is a
/// `JournalError.undecodableColumn` naming the sequence, never a crash (GRDB's non-throwing subscripts trap on a
/// failed conversion, so they are not used here).
enum RowDecoder {
    /// A record as stored, with its checksum.
    struct Stored {
        var record: JournalRecord
        var checksum: [UInt8]
    }

    static func sequence(_ row: Row, _ index: Int, location: String) throws -> UInt64 {
        guard case .int64(let value) = try row.decode(DatabaseValue.self, atIndex: index).storage, value >= 1 else {
            throw JournalError.undecodableColumn(
                location: location,
                sequence: 0,
                column: "seq",
                reason: "not a positive integer"
            )
        }
        return UInt64(value)
    }

    static func checksum(_ row: Row, _ index: Int, sequence: UInt64, location: String) throws -> [UInt8] {
        let bytes = try blob(row, index, column: "checksum", sequence: sequence, location: location)
        guard bytes.count == JournalChecksum.byteCount else {
            throw JournalError.undecodableColumn(
                location: location,
                sequence: sequence,
                column: "checksum",
                reason: "\(bytes.count) bytes, expected \(JournalChecksum.byteCount)"
            )
        }
        return bytes
    }

    /// Decodes `SQL.recordColumns` starting at column 0.
    static func record(_ row: Row, location: String) throws -> Stored {
        let sequence = try sequence(row, 0, location: location)
        let time = try integer(row, 1, column: "time", sequence: sequence, location: location)
        let kind = try text(row, 2, column: "kind", sequence: sequence, location: location)
        let actor = try optionalText(row, 3, column: "actor", sequence: sequence, location: location)
        let correlationID = try optionalText(row, 4, column: "correlation_id", sequence: sequence, location: location)
        let orderIDs = try optionalText(row, 5, column: "order_ids", sequence: sequence, location: location)
        let payload = try blob(row, 6, column: "payload", sequence: sequence, location: location)
        let checksum = try checksum(row, 7, sequence: sequence, location: location)
        let record = JournalRecord(
            sequence: sequence,
            time: UnixNanos(time),
            kind: kind,
            actor: actor,
            correlationID: correlationID,
            orderIDs: try splitOrderIDs(orderIDs, sequence: sequence, location: location),
            payload: payload
        )
        return Stored(record: record, checksum: checksum)
    }

    private static func splitOrderIDs(_ text: String?, sequence: UInt64, location: String) throws -> [String] {
        guard let text else { return [] }
        // Splitting the UTF-8 view on the one-byte separator; String's own `split(separator:)` costs several times
        // more, and one record in replay has no time to spare.
        let separator = SQL.orderIDSeparator.utf8.first ?? 0x1F
        let orderIDs =
            text.utf8.contains(separator)
            ? text.utf8.split(separator: separator, omittingEmptySubsequences: false).map {
                String(decoding: $0, as: UTF8.self)
            }
            : [text]
        guard orderIDs.allSatisfy({ !$0.isEmpty }) else {
            throw JournalError.undecodableColumn(
                location: location,
                sequence: sequence,
                column: "order_ids",
                reason: "an order id is empty"
            )
        }
        return orderIDs
    }

    static func integer(_ row: Row, _ index: Int, column: String, sequence: UInt64, location: String) throws -> Int64 {
        guard case .int64(let value) = try row.decode(DatabaseValue.self, atIndex: index).storage else {
            throw undecodable(column, "not an integer", sequence, location)
        }
        return value
    }

    static func text(_ row: Row, _ index: Int, column: String, sequence: UInt64, location: String) throws -> String {
        guard case .string(let value) = try row.decode(DatabaseValue.self, atIndex: index).storage else {
            throw undecodable(column, "not text", sequence, location)
        }
        return value
    }

    static func optionalText(
        _ row: Row,
        _ index: Int,
        column: String,
        sequence: UInt64,
        location: String
    ) throws -> String? {
        switch try row.decode(DatabaseValue.self, atIndex: index).storage {
        case .null: return nil
        case .string(let value): return value
        default: throw undecodable(column, "not text or NULL", sequence, location)
        }
    }

    /// Copies a BLOB straight out of SQLite's buffer (one copy, not two through `DatabaseValue`). The STRICT schema
    /// types the column at write time; NULL is the one shape left to refuse.
    static func blob(_ row: Row, _ index: Int, column: String, sequence: UInt64, location: String) throws -> [UInt8] {
        try row.withUnsafeData(atIndex: index) { data in
            guard let data else { throw undecodable(column, "NULL where a BLOB is required", sequence, location) }
            return [UInt8](data)
        }
    }

    /// Whether the column is NULL (a LEFT JOIN that found nothing).
    static func isNull(_ row: Row, _ index: Int) throws -> Bool {
        if case .null = try row.decode(DatabaseValue.self, atIndex: index).storage { return true }
        return false
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
