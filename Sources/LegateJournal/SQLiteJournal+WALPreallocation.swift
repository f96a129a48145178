import GRDB
import GRDBSQLite

/// Writing the WAL's first blocks at open (`Configuration.walPreallocationBytes`).
extension SQLiteJournal {
    /// Empties the WAL into the main file, then writes zeros over its first `bytes`, holding the write lock.
    ///
    /// Safe because SQLite reads a WAL frame only if its header carries the WAL's current salts and a checksum
    /// chained from the WAL header: zeros are no frame, so recovery after a crash stops at them, and the first
    /// commit writes a fresh header over them. Skipped, with nothing changed, if a reader in another process keeps
    /// the WAL from being emptied, or if the WAL is not empty by the time the lock is held.
    ///
    /// - Returns: whether the WAL was preallocated.
    @discardableResult
    func preallocateWAL(bytes: Int) throws(JournalError) -> Bool {
        try run("preallocate the WAL") {
            try pool.writeWithoutTransaction { db -> Bool in
                do {
                    try db.checkpoint(.truncate)
                } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
                    return false
                }
                var filled = false
                try db.inTransaction(.immediate) {
                    filled = try Self.zeroFillEmptyWAL(db, bytes: bytes)
                    return .commit
                }
                return filled
            }
        }
    }

    /// Writes `bytes` zeros at the start of the WAL through SQLite's own file handle, if the WAL is empty.
    private static func zeroFillEmptyWAL(_ db: Database, bytes: Int) throws -> Bool {
        var pointer: UnsafeMutablePointer<sqlite3_file>?
        guard sqlite3_file_control(db.sqliteConnection, "main", SQLITE_FCNTL_JOURNAL_POINTER, &pointer) == SQLITE_OK,
            let file = pointer, let methods = file.pointee.pMethods
        else { return false }
        var size: sqlite3_int64 = 0
        guard methods.pointee.xFileSize(file, &size) == SQLITE_OK, size == 0 else { return false }
        // SQLite's unix VFS writes at most 128 KB less a byte per call (it masks the count), so the zeros go in pages
        // of 64 KB.
        let chunk = [UInt8](repeating: 0, count: 64 << 10)
        var offset = 0
        while offset < bytes {
            let count = Int32(min(chunk.count, bytes - offset))
            let code = chunk.withUnsafeBytes {
                methods.pointee.xWrite(file, $0.baseAddress, count, sqlite3_int64(offset))
            }
            guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code)) }
            offset += Int(count)
        }
        let code = methods.pointee.xSync(file, SQLITE_SYNC_NORMAL)
        guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code)) }
        return true
    }
}
