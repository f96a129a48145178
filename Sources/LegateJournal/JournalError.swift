public import GRDB

/// Everything that can go wrong in the journal, with what and where.
///
/// One enum for the module (STYLE §3.6): rejected inputs (nothing was written), a file that is not a healthy journal,
/// an integrity failure found on read (naming the sequence, never skipping it), and storage errors wrapping GRDB's
/// `DatabaseError`. Descriptions name the journal's location and, for SQL, the statement without its arguments
/// (GRDB hides them unless asked, and we never ask), so an error can be logged without leaking payloads.
public enum JournalError: Error, Sendable, CustomStringConvertible {
    /// `append` was given no records; an empty transaction would hide a bug in the caller's batching.
    case emptyBatch
    /// More records than `JournalLimits.recordsPerBatchMax`.
    case batchTooLarge(records: Int, limit: Int)
    /// More payload bytes in one batch than `JournalLimits.batchPayloadBytesMax`.
    case batchPayloadTooLarge(bytes: Int, limit: Int)
    /// One record's payload exceeds `JournalLimits.payloadBytesMax`; `index` is its position in the batch.
    case payloadTooLarge(index: Int, bytes: Int, limit: Int)
    /// A record field breaks a rule (empty kind, control characters, too many order ids …); `index` is its position
    /// in the batch.
    case invalidRecord(index: Int, field: String, reason: String)
    /// An argument of a read or snapshot call is out of range.
    case invalidArgument(name: String, value: String, reason: String)
    /// A snapshot already exists at this sequence; snapshots, like events, are never replaced.
    case snapshotExists(location: String, sequence: UInt64)
    /// The file is not a Legate journal (not SQLite at all, or another application's database).
    case notAJournal(location: String, reason: String)
    /// SQLite reports the file damaged (truncated, overwritten) during `operation`.
    case malformed(location: String, operation: String, detail: String)
    /// A durability pragma did not read back as set; the journal refuses to run with weaker guarantees.
    case pragmaMismatch(location: String, pragma: String, expected: String, actual: String)
    /// The file was migrated by a newer Legate that this build does not know.
    case schemaTooNew(location: String, unknownMigrations: [String])
    /// Opened read-only, the file lacks migrations this build needs, which only a writer may apply.
    case schemaTooOld(location: String, missingMigrations: [String])
    /// The journal was opened read-only and `operation` would write.
    case readOnly(location: String, operation: String)
    /// The schema lacks something the journal relies on (an append-only trigger was dropped …).
    case schemaInvalid(location: String, reason: String)
    /// Records are missing: `expected` was due next, `found` is the sequence actually there (`nil`: nothing).
    case sequenceGap(location: String, expected: UInt64, found: UInt64?)
    /// The record at `sequence` does not match its chained checksum: it, or the one before it, was altered.
    case checksumMismatch(location: String, sequence: UInt64)
    /// A stored column of the record at `sequence` has the wrong type or content to decode.
    case undecodableColumn(location: String, sequence: UInt64, column: String, reason: String)
    /// An audit index disagrees with the record it points at.
    case indexMismatch(location: String, sequence: UInt64, reason: String)
    /// The snapshot at `sequence` does not match its checksum (or the event it is anchored to changed).
    case snapshotChecksumMismatch(location: String, sequence: UInt64)
    /// SQLite failed during `operation`.
    case database(location: String, operation: String, error: DatabaseError)
    /// Something other than SQLite failed during `operation` (kept so nothing is swallowed).
    case unexpected(location: String, operation: String, description: String)

    public var description: String {
        switch self {
        case .emptyBatch:
            "journal append rejected: the batch is empty"
        case .batchTooLarge(let records, let limit):
            "journal append rejected: \(records) records in one batch, limit \(limit)"
        case .batchPayloadTooLarge(let bytes, let limit):
            "journal append rejected: \(bytes) payload bytes in one batch, limit \(limit)"
        case .payloadTooLarge(let index, let bytes, let limit):
            "journal append rejected: record \(index) of the batch has a \(bytes)-byte payload, limit \(limit)"
        case .invalidRecord(let index, let field, let reason):
            "journal append rejected: record \(index) of the batch, field \(field): \(reason)"
        case .invalidArgument(let name, let value, let reason):
            "journal call rejected: \(name) = \(value): \(reason)"
        case .snapshotExists(let location, let sequence):
            "journal \(location): a snapshot at sequence \(sequence) already exists"
        case .notAJournal(let location, let reason):
            "not a journal: \(location): \(reason)"
        case .malformed(let location, let operation, let detail):
            "journal \(location): database disk image is malformed (during \(operation)): \(detail)"
        case .pragmaMismatch(let location, let pragma, let expected, let actual):
            "journal \(location): PRAGMA \(pragma) reads back \(actual), expected \(expected)"
        case .schemaTooNew(let location, let unknownMigrations):
            "journal \(location): written by a newer version (unknown migrations: "
                + unknownMigrations.joined(separator: ", ") + ")"
        case .schemaTooOld(let location, let missingMigrations):
            "journal \(location): written by an older version and opened read-only (migrations to apply: "
                + missingMigrations.joined(separator: ", ") + "); open it once with write access to upgrade it"
        case .readOnly(let location, let operation):
            "journal \(location): opened read-only, cannot \(operation)"
        case .schemaInvalid(let location, let reason):
            "journal \(location): schema is not as expected: \(reason)"
        case .sequenceGap(let location, let expected, let found):
            if let found {
                "journal \(location): sequence gap: expected \(expected), found \(found) "
                    + "(records \(expected)...\(found - 1) are missing)"
            } else {
                "journal \(location): sequence gap: expected \(expected), found no record"
            }
        case .checksumMismatch(let location, let sequence):
            "journal \(location): checksum mismatch at sequence \(sequence): the record or its predecessor was altered"
        case .undecodableColumn(let location, let sequence, let column, let reason):
            "journal \(location): cannot decode column \(column) at sequence \(sequence): \(reason)"
        case .indexMismatch(let location, let sequence, let reason):
            "journal \(location): audit index disagrees with the record at sequence \(sequence): \(reason)"
        case .snapshotChecksumMismatch(let location, let sequence):
            "journal \(location): snapshot checksum mismatch at sequence \(sequence)"
        case .database(let location, let operation, let error):
            "journal \(location): \(operation) failed: \(error.description)"
        case .unexpected(let location, let operation, let description):
            "journal \(location): \(operation) failed: \(description)"
        }
    }

    /// Maps a GRDB error to the journal's vocabulary: a damaged file becomes `.malformed` or `.notAJournal` (so the
    /// operator reads "malformed", not "SQLite error 11"), anything else is wrapped with its SQL.
    init(_ error: DatabaseError, location: String, operation: String) {
        switch error.resultCode {
        case .SQLITE_NOTADB:
            self = .notAJournal(location: location, reason: error.message ?? "file is not a database")
        case .SQLITE_CORRUPT:
            self = .malformed(location: location, operation: operation, detail: error.description)
        default:
            self = .database(location: location, operation: operation, error: error)
        }
    }
}
