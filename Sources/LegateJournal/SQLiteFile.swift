import GRDB
import GRDBSQLite

/// One of a connection's files (the main database file or its WAL), through SQLite's VFS: SQLite's own file
/// descriptor and locks are used, where a descriptor of our own, once closed, would drop the process's locks on the
/// file.
struct SQLiteFile {
    private let file: UnsafeMutablePointer<sqlite3_file>
    private let methods: UnsafePointer<sqlite3_io_methods>

    /// The file SQLite returns for `operation` (`SQLITE_FCNTL_FILE_POINTER` or `SQLITE_FCNTL_JOURNAL_POINTER`), or
    /// nil if it has none open.
    private init?(_ db: Database, _ operation: Int32) {
        var pointer: UnsafeMutablePointer<sqlite3_file>?
        guard sqlite3_file_control(db.sqliteConnection, "main", operation, &pointer) == SQLITE_OK,
            let file = pointer, let methods = file.pointee.pMethods
        else { return nil }
        self.file = file
        self.methods = methods
    }

    /// The connection's main database file.
    static func main(_ db: Database) throws -> SQLiteFile {
        guard let file = SQLiteFile(db, SQLITE_FCNTL_FILE_POINTER) else {
            throw DatabaseError(resultCode: .SQLITE_NOTFOUND)
        }
        return file
    }

    /// The connection's WAL, if SQLite has it open.
    static func wal(_ db: Database) -> SQLiteFile? {
        SQLiteFile(db, SQLITE_FCNTL_JOURNAL_POINTER)
    }

    /// Sets the chunk size SQLite rounds the main file's truncations and extensions to (0: none).
    static func setMainChunkSize(_ chunk: Int32, of db: Database) {
        var chunk = chunk
        sqlite3_file_control(db.sqliteConnection, "main", SQLITE_FCNTL_CHUNK_SIZE, &chunk)
    }

    func size() throws -> Int64 {
        var size: sqlite3_int64 = 0
        try check(methods.pointee.xFileSize(file, &size))
        return size
    }

    /// Writes zeros over [`start`, `end`).
    func writeZeros(from start: Int64, to end: Int64) throws {
        // SQLite's unix VFS writes at most 128 KB less a byte per call (it masks the count): 64 KB at a time.
        let zeros = [UInt8](repeating: 0, count: 64 << 10)
        var offset = start
        while offset < end {
            let count = Int32(min(Int64(zeros.count), end - offset))
            try check(zeros.withUnsafeBytes { methods.pointee.xWrite(file, $0.baseAddress, count, offset) })
            offset += Int64(count)
        }
    }

    /// Cuts (or extends) the file to `size` bytes, rounded by the connection's chunk size.
    func truncate(to size: Int64) throws {
        try check(methods.pointee.xTruncate(file, size))
    }

    /// fdatasync.
    func sync() throws {
        try check(methods.pointee.xSync(file, SQLITE_SYNC_NORMAL))
    }

    private func check(_ code: Int32) throws {
        guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code)) }
    }
}
