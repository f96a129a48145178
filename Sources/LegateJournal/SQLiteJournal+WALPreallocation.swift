import GRDB

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
        guard let wal = SQLiteFile.wal(db), try wal.size() == 0 else { return false }
        try wal.writeZeros(from: 0, to: Int64(bytes))
        try wal.sync()
        return true
    }
}
