import Foundation
import GRDB
import GRDBSQLite

/// A GRDB-prepared statement driven through the SQLite C API, for the journal's per-record loops.
///
/// GRDB's argument and row machinery (existential values, `DatabaseValue` boxes, retain traffic) costs more per row
/// than SQLite's own insert; the append and replay loops therefore bind and read columns with the C API on the
/// statement GRDB prepared and cached (`Statement.sqliteStatement` exists for this). Transactions, migrations and
/// connection handling stay with GRDB. Use it only inside the GRDB access closure that produced the statement.
struct RawStatement {
    /// SQLite copies text and blobs at bind time, so callers' buffers need not outlive the call.
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
    /// SQLITE_STATIC: SQLite reads the caller's buffer in place until the statement is reset or rebound.
    private static let unowned: sqlite3_destructor_type? = nil

    private let statement: Statement
    private let handle: SQLiteStatement

    /// Readies `statement` for a new execution: reset, and no bindings left over from the last one.
    init(_ statement: Statement) {
        self.statement = statement
        self.handle = statement.sqliteStatement
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Ends the execution, releasing SQLite's hold on the rows read so far (and the read snapshot with them).
    func finish() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    // MARK: Binding (1-based)

    func bind(_ value: Int64, at index: Int32) throws {
        try check(sqlite3_bind_int64(handle, index, value))
    }

    func bind(_ text: String?, at index: Int32) throws {
        guard let text else {
            try check(sqlite3_bind_null(handle, index))
            return
        }
        let count = Int32(text.utf8.count)
        try check(text.withCString { sqlite3_bind_text(handle, index, $0, count, Self.transient) })
    }

    func bind(bytes: some ContiguousBytes, at index: Int32) throws {
        try check(
            bytes.withUnsafeBytes { buffer in
                // A zero-length buffer may have no address, and binding a nil pointer would store NULL.
                guard let address = buffer.baseAddress, !buffer.isEmpty else {
                    return sqlite3_bind_zeroblob(handle, index, 0)
                }
                return sqlite3_bind_blob(handle, index, address, Int32(buffer.count), Self.transient)
            }
        )
    }

    /// Binds `bytes` without SQLite copying them: only for a buffer that outlives the statement's next `run()`,
    /// which must happen inside the closure that lent the buffer (`run()` resets the statement, after which SQLite
    /// no longer reads it). Saves a copy and an allocation per blob on the append path.
    func bindWhileRunning(_ bytes: UnsafeRawBufferPointer, at index: Int32) throws {
        guard let address = bytes.baseAddress, !bytes.isEmpty else {
            try check(sqlite3_bind_zeroblob(handle, index, 0))
            return
        }
        try check(sqlite3_bind_blob(handle, index, address, Int32(bytes.count), Self.unowned))
    }

    /// Binds the UTF-8 text at `range` of `buffer` (NULL for nil) under the same rule as `bindWhileRunning(_:at:)`.
    func bindWhileRunning(text buffer: UnsafeRawBufferPointer, _ range: Range<Int>?, at index: Int32) throws {
        guard let range else {
            try check(sqlite3_bind_null(handle, index))
            return
        }
        // Texts are never empty (validation), so the buffer has an address whenever a range is given.
        guard let base = buffer.baseAddress, !range.isEmpty else {
            try check(sqlite3_bind_text(handle, index, "", 0, Self.transient))
            return
        }
        let start = (base + range.lowerBound).assumingMemoryBound(to: CChar.self)
        try check(sqlite3_bind_text(handle, index, start, Int32(range.count), Self.unowned))
    }

    // MARK: Stepping

    /// Steps once: `true` when a row is ready to read, `false` when the statement is done.
    func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code: throw error(code)
        }
    }

    /// Runs a statement that returns no rows, then resets it so it can be bound again.
    func run() throws {
        if try step() {
            throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "unexpected row", sql: statement.sql)
        }
        sqlite3_reset(handle)
    }

    // MARK: Columns (0-based)

    /// SQLite's storage classes.
    enum Storage {
        case integer
        case real
        case text
        case blob
        case null
    }

    /// The storage class of a column in the current row.
    func storage(_ index: Int32) -> Storage {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_INTEGER: .integer
        case SQLITE_FLOAT: .real
        case SQLITE_TEXT: .text
        case SQLITE_BLOB: .blob
        default: .null
        }
    }

    func int64(_ index: Int32) -> Int64 {
        sqlite3_column_int64(handle, index)
    }

    func text(_ index: Int32) -> String {
        let count = Int(sqlite3_column_bytes(handle, index))
        guard let pointer = sqlite3_column_text(handle, index) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    func bytes(_ index: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(handle, index))
        guard let pointer = sqlite3_column_blob(handle, index), count > 0 else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    // MARK: Errors

    private func check(_ code: Int32) throws {
        guard code == SQLITE_OK else { throw error(code) }
    }

    /// The connection's error for `code`, with the statement's SQL and never its arguments.
    private func error(_ code: Int32) -> DatabaseError {
        let connection = sqlite3_db_handle(handle)
        let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        let extended = connection.map { sqlite3_extended_errcode($0) } ?? code
        return DatabaseError(resultCode: ResultCode(rawValue: extended), message: message, sql: statement.sql)
    }
}
