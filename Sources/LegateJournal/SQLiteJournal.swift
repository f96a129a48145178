import Crypto
import Foundation
import GRDB
import LegateCore
import Synchronization

/// The embedded journal: one SQLite file in WAL mode with `synchronous = FULL`, written through GRDB.
///
/// Why these settings: in WAL mode a commit is durable once the WAL is fsynced, and only `synchronous = FULL` fsyncs
/// the WAL at every commit (GRDB's WAL default, `NORMAL`, may lose the last transactions on power loss, which would
/// break the durability rule). Both are set, then read back and checked at open (STYLE habit 5), and the journal
/// refuses to open if either did not take. A `DatabasePool` lets audit queries and replays read while the engine
/// appends. Rows are append-only (triggers reject UPDATE and DELETE) and carry chained checksums verified on read.
///
/// Open a journal once per process: it is the single writer of its file.
public final class SQLiteJournal: EventJournal {
    /// How the journal opens its file.
    public struct Configuration: Sendable {
        /// How long a write waits for another connection's lock before failing.
        public var busyTimeout: Duration
        /// Runs `PRAGMA quick_check` at open, so a truncated or overwritten file is refused before it is used. Its
        /// cost grows with the file (about 0.2 s for 100,000 records, 25 MB, on a loaded 2-core machine); switch it
        /// off only where startup time matters more than catching damage early (replay still verifies every record
        /// it reads).
        public var checksStorageOnOpen: Bool
        /// Concurrent readers (replays, audit queries) besides the writer.
        public var readerCountMax: Int
        /// Records appended between two checkpoints of the WAL into the main file, which a background thread runs
        /// (about 6 MB of pages at the default; `node` checkpoints more often). Nil leaves checkpoints to SQLite,
        /// inside the commit that crosses 1,000 pages.
        public var recordsPerCheckpoint: Int?
        /// A snapshot state larger than this is stored in parts of this size, one transaction each, so that appends
        /// wait for one part at most instead of the whole state (about 140 ms at 250,000 orders in one blob).
        public var snapshotPartBytes: Int
        /// The pause between two parts of a snapshot. It bounds the rate a snapshot adds to the disk's queue (256 KB
        /// every 10 ms is about 25 MB/s), so that the commits' fsyncs are not queued behind tens of megabytes.
        public var snapshotPartPause: Duration
        /// Zeros written over the start of the emptied WAL at open (0: none). Until the WAL first wraps, every commit
        /// appends to new blocks of the file, and an fsync that allocates blocks costs about twice one that writes
        /// over blocks the file has. The WAL is made to start over once it holds three quarters of this (after every
        /// checkpoint without it), so it stays within the blocks written here. A running node uses `node` (128 MB,
        /// about six checkpoint cadences of WAL at full load); the default leaves it out, as tests open hundreds of
        /// short-lived journals.
        public var walPreallocationBytes: Int
        /// How far past its content the main file is kept written with zeros (0: SQLite grows it as it does), so
        /// that checkpoints copy pages into blocks the file has instead of allocating them (`MainFileReserve`). A
        /// node uses 64 MB; a journal closed cleanly is cut back to its content.
        public var mainFileHeadroomBytes: Int
        /// Opens an existing journal for reading only (replay, audit, verification, beside a running node or on a
        /// copy): nothing is created, migrated, checkpointed or written, and every write is refused.
        public var readOnly: Bool

        public init(
            busyTimeout: Duration = .seconds(5),
            checksStorageOnOpen: Bool = true,
            readerCountMax: Int = 4,
            recordsPerCheckpoint: Int? = 20_000,
            snapshotPartBytes: Int = 256 << 10,
            snapshotPartPause: Duration = .milliseconds(10),
            walPreallocationBytes: Int = 0,
            mainFileHeadroomBytes: Int = 0,
            readOnly: Bool = false
        ) {
            self.busyTimeout = busyTimeout
            self.checksStorageOnOpen = checksStorageOnOpen
            self.readerCountMax = readerCountMax
            self.recordsPerCheckpoint = recordsPerCheckpoint.map { max(1, $0) }
            self.snapshotPartBytes = max(1, snapshotPartBytes)
            self.snapshotPartPause = max(.zero, snapshotPartPause)
            self.walPreallocationBytes = max(0, walPreallocationBytes)
            self.mainFileHeadroomBytes = max(0, mainFileHeadroomBytes)
            self.readOnly = readOnly
        }

        /// A running node's journal: the WAL preallocated, the main file written ahead, and a checkpoint every 2,000
        /// records. With the main file written ahead, a checkpoint costs about its pages, so small frequent ones
        /// spread the work best: at 50,000 orders/s the acknowledgement p99 was 1.5–2.0 ms with one every 2,000
        /// records, 1.9–2.3 ms every 10,000 and 2.5–21 ms every 20,000 (3 to 6 rounds each). Without it, each
        /// checkpoint also pays for allocating its blocks, and fewer, larger ones did better.
        public static let node = Configuration(
            recordsPerCheckpoint: 2_000,
            walPreallocationBytes: 128 << 20,
            mainFileHeadroomBytes: 64 << 20
        )

        /// Reading only, for tools that must not change the file.
        public static let reading = Configuration(recordsPerCheckpoint: nil, readOnly: true)
    }

    /// What the writer connection reads back for the settings durability depends on.
    public struct DurabilitySettings: Hashable, Sendable {
        /// `PRAGMA journal_mode`: "wal".
        public var journalMode: String
        /// `PRAGMA synchronous`: 2 (FULL).
        public var synchronous: Int
        /// `PRAGMA foreign_keys`.
        public var foreignKeys: Bool
        /// `PRAGMA wal_autocheckpoint`: 0 when the background checkpointer copies the WAL instead.
        public var walAutocheckpoint: Int = 1_000
    }

    /// `PRAGMA application_id` of every Legate journal ("LGJN"), which tells a journal from any other SQLite file.
    public static let applicationID: Int32 = 0x4C47_4A4E
    /// `PRAGMA synchronous` value of FULL.
    static let synchronousFull = 2

    public let location: String
    /// Whether the journal was opened read-only (`Configuration.readOnly`).
    public let isReadOnly: Bool
    let pool: DatabasePool
    let checkpointer: BackgroundCheckpointer?
    private let recordsPerCheckpoint: Int
    let snapshotPartBytes: Int
    let snapshotPartPause: Duration
    /// Records appended since the last checkpoint request (appends come from one thread at a time).
    private let uncheckpointedRecords = Mutex(0)

    /// Opens the journal at `path`, creating it if needed, and checks it is a sound Legate journal.
    ///
    /// - Throws: `JournalError.notAJournal` for a file that is not SQLite or not a Legate journal (the file is left
    ///   untouched), `.malformed` for a damaged one, `.pragmaMismatch` if WAL or FULL sync did not take,
    ///   `.schemaTooNew` for a journal from a newer build, `.schemaInvalid` if an append-only trigger is missing.
    public init(path: String, configuration: Configuration = Configuration()) throws(JournalError) {
        self.location = path
        self.isReadOnly = configuration.readOnly
        try Self.checkIdentity(path: path)
        if configuration.readOnly && !FileManager.default.fileExists(atPath: path) {
            throw .invalidArgument(name: "path", value: path, reason: "no journal there to open read-only")
        }
        var grdb = GRDB.Configuration()
        grdb.readonly = configuration.readOnly
        grdb.label = "LegateJournal"
        grdb.busyMode = .timeout(Self.seconds(configuration.busyTimeout))
        grdb.maximumReaderCount = max(1, configuration.readerCountMax)
        grdb.foreignKeysEnabled = true
        recordsPerCheckpoint = configuration.recordsPerCheckpoint ?? .max
        snapshotPartBytes = configuration.snapshotPartBytes
        snapshotPartPause = configuration.snapshotPartPause
        do {
            pool = try DatabasePool(path: path, configuration: grdb)
            checkpointer =
                try (configuration.readOnly ? nil : configuration.recordsPerCheckpoint).map { _ in
                    try BackgroundCheckpointer(
                        path: path,
                        busyTimeout: Self.seconds(configuration.busyTimeout),
                        restartWALAfterBytes: configuration.walPreallocationBytes / 4 * 3,
                        reserve: configuration.mainFileHeadroomBytes > 0
                            ? MainFileReserve(
                                headroom: Int64(configuration.mainFileHeadroomBytes),
                                pause: .milliseconds(20)
                            )
                            : nil
                    )
                }
        } catch let error as DatabaseError {
            throw JournalError(error, location: path, operation: "open")
        } catch {
            throw .unexpected(location: path, operation: "open", description: "\(error)")
        }
        if configuration.readOnly {
            try checkReadable()
        } else {
            try configureDurability(automaticCheckpoint: checkpointer == nil)
            try migrate()
            if configuration.walPreallocationBytes > 0 {
                try preallocateWAL(bytes: configuration.walPreallocationBytes)
            }
            if let checkpointer, let reserve = checkpointer.reserve {
                _ = try run("write the main file's reserve") {
                    try pool.writeWithoutTransaction { db in
                        try reserve.fill(db, paced: false, lock: checkpointer.checkpointLock)
                    }
                }
            }
        }
        if configuration.checksStorageOnOpen {
            try checkStorage()
        }
        // Reading the newest record touches the right edge of the events tree, which a truncated file loses first.
        _ = try latestSequence()
    }

    /// Checkpoints the WAL into the main file and closes it; later calls fail with `JournalError.database`.
    ///
    /// The checkpoint leaves a self-contained file after a clean shutdown (one file to copy or back up). Without
    /// `close()`, nothing is lost either: the next open recovers the WAL.
    deinit { checkpointer?.stop() }

    public func close() throws(JournalError) {
        checkpointer?.stop()
        if !isReadOnly { try checkpoint(keepingReserve: false) }
        try run("close") { try pool.close() }
    }

    /// Copies every committed page from the WAL into the main file and truncates the WAL.
    ///
    /// SQLite checkpoints on its own as the WAL grows; call this before copying the file or in a quiet moment to keep
    /// the WAL short. It waits for readers to finish, so do not call it from the engine's hot path.
    public func checkpoint() throws(JournalError) {
        try checkpoint(keepingReserve: true)
    }

    /// A TRUNCATE checkpoint; without `keepingReserve`, the main file is then cut back to its content.
    private func checkpoint(keepingReserve: Bool) throws(JournalError) {
        try refuseIfReadOnly("checkpoint")
        let reserve = checkpointer?.reserve
        try run("checkpoint") {
            try pool.writeWithoutTransaction { db in
                let checkpoint = {
                    if keepingReserve {
                        try reserve?.prepareCheckpoint(db)
                    } else {
                        SQLiteFile.setMainChunkSize(0, of: db)
                    }
                    try db.checkpoint(.truncate)
                    // Every page is in the main file now: past them is only the reserve's zeros.
                    if !keepingReserve && reserve != nil {
                        let file = try SQLiteFile.main(db)
                        try file.truncate(to: try MainFileReserve.contentBytes(db))
                        try file.sync()
                    }
                }
                if let checkpointer {
                    _ = try checkpointer.whileCheckpointing(waiting: true, checkpoint)
                } else {
                    try checkpoint()
                }
            }
        }
    }

    // MARK: - Opening

    /// Refuses, before anything writes to it, a file that is not SQLite or belongs to another application: opening
    /// the pool would switch it to WAL mode and add tables to someone else's database.
    ///
    /// The header is read as plain bytes first (no SQLite involved, so garbage is refused without a lock or a write).
    /// An `application_id` of 0 is ambiguous — a new file, another application's database, or a journal whose first
    /// page still sits in the WAL — so a read-only connection then looks inside. If that connection cannot open
    /// (a crash left a hot journal only a writer may roll back), `migrate()` checks again after the writer opened.
    private static func checkIdentity(path: String) throws(JournalError) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return }
        let header = (try? handle.read(upToCount: SQLiteHeader.byteCount)) ?? Data()
        try? handle.close()
        guard !header.isEmpty else { return }
        guard header.count == SQLiteHeader.byteCount, header.starts(with: SQLiteHeader.magic) else {
            throw .notAJournal(location: path, reason: "not an SQLite database (no SQLite header)")
        }
        let applicationID = header.dropFirst(SQLiteHeader.applicationIDOffset).prefix(4)
            .reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        if applicationID == UInt32(bitPattern: Self.applicationID) { return }
        guard applicationID == 0 else {
            throw .notAJournal(location: path, reason: "SQLite database of another application (id \(applicationID))")
        }
        var readOnly = GRDB.Configuration()
        readOnly.readonly = true
        readOnly.label = "LegateJournal.identity"
        do {
            let queue = try DatabaseQueue(path: path, configuration: readOnly)
            defer { try? queue.close() }
            let identity = try queue.read { db in try Identity(db) }
            if identity.isForeign {
                throw JournalError.notAJournal(location: path, reason: identity.foreignReason)
            }
        } catch let error as JournalError {
            throw error
        } catch let error as DatabaseError where [.SQLITE_NOTADB, .SQLITE_CORRUPT].contains(error.resultCode) {
            throw JournalError(error, location: path, operation: "open")
        } catch {
            // Locked, or needs recovery by a writer: the writer opens it and `migrate()` checks the identity again.
        }
    }

    /// Sets WAL and FULL sync on the writer connection and reads them back.
    ///
    /// Done after the pool is open because GRDB's own WAL setup sets `synchronous = NORMAL` after any
    /// `prepareDatabase` hook has run.
    private func configureDurability(automaticCheckpoint: Bool) throws(JournalError) {
        try run("configure durability") {
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "PRAGMA synchronous = FULL")
                try db.execute(sql: "PRAGMA foreign_keys = ON")
                // 0: the writer never checkpoints inside a commit; the background checkpointer does.
                try db.execute(sql: "PRAGMA wal_autocheckpoint = \(automaticCheckpoint ? 1_000 : 0)")
            }
        }
        let settings = try durabilitySettings()
        guard settings.journalMode == "wal" else {
            throw .pragmaMismatch(
                location: location,
                pragma: "journal_mode",
                expected: "wal",
                actual: settings.journalMode
            )
        }
        guard settings.synchronous == Self.synchronousFull else {
            throw .pragmaMismatch(
                location: location,
                pragma: "synchronous",
                expected: "\(Self.synchronousFull) (FULL)",
                actual: "\(settings.synchronous)"
            )
        }
        guard settings.foreignKeys else {
            throw .pragmaMismatch(location: location, pragma: "foreign_keys", expected: "1", actual: "0")
        }
    }

    /// The durability settings as the writer connection reports them now.
    public func durabilitySettings() throws(JournalError) -> DurabilitySettings {
        try run("read durability settings") {
            try pool.writeWithoutTransaction { db in
                DurabilitySettings(
                    journalMode: try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "",
                    synchronous: try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1,
                    foreignKeys: try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") ?? false,
                    walAutocheckpoint: try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") ?? -1
                )
            }
        }
    }

    /// Runs SQLite's structural check and refuses a damaged file.
    private func checkStorage() throws(JournalError) {
        let problems = try run("check storage") {
            try pool.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check(5)") }
        }
        guard problems == ["ok"] else {
            throw .malformed(location: location, operation: "open", detail: problems.joined(separator: "; "))
        }
    }

    // MARK: - Appending

    public func append(_ batch: [NewJournalRecord]) throws(JournalError) -> ClosedRange<UInt64> {
        try append(batch, insert)
    }

    /// Validates `batch` and writes it with `insert` in one transaction after the current head.
    func append(
        _ batch: [NewJournalRecord],
        _ insert: (_ batch: [NewJournalRecord], _ db: Database) throws -> ClosedRange<UInt64>
    ) throws(JournalError) -> ClosedRange<UInt64> {
        try refuseIfReadOnly("append")
        try JournalValidation.validate(batch)
        return try run("append") {
            try pool.writeWithoutTransaction { db in
                checkpointer?.catchUp(db)
                var range: ClosedRange<UInt64>?
                // IMMEDIATE takes the write lock up front: a second process cannot slip a batch in between.
                try db.inTransaction(.immediate) {
                    range = try insert(batch, db)
                    return .commit
                }
                guard let range else {
                    throw JournalError.unexpected(location: location, operation: "append", description: "no range")
                }
                requestCheckpointIfDue(after: batch.count)
                return range
            }
        }
    }

    func refuseIfReadOnly(_ operation: String) throws(JournalError) {
        if isReadOnly { throw .readOnly(location: location, operation: operation) }
    }

    /// Asks the background checkpointer to run once `recordsPerCheckpoint` records were appended since last time.
    func requestCheckpointIfDue(after appended: Int) {
        guard let checkpointer else { return }
        let due = uncheckpointedRecords.withLock { count -> Bool in
            count += appended
            guard count >= recordsPerCheckpoint else { return false }
            count = 0
            return true
        }
        if due { checkpointer.request() }
    }

    /// Background checkpoints finished since the journal opened, and the last failure (nil once one succeeded).
    public var checkpointStatus: (completed: Int, lastError: String?) {
        checkpointer?.status ?? (0, nil)
    }

    /// Inserts the batch after the current head as groups of consecutive records (`RecordGroup`), chaining
    /// checksums; runs inside the append transaction.
    private func insert(_ batch: [NewJournalRecord], _ db: Database) throws -> ClosedRange<UInt64> {
        var (sequence, previous) = try head(db)
        let first = sequence + 1
        guard first + UInt64(batch.count) < UInt64(Int64.max) else {
            throw JournalError.invalidArgument(
                name: "batch",
                value: "\(batch.count) records",
                reason: "sequence overflow"
            )
        }
        var writer = GroupRows(
            insertGroup: RawStatement(try db.cachedStatement(sql: SQL.insertGroup)),
            db: db,
            insertKind: RawStatement(try db.cachedStatement(sql: SQL.insertGroupKind)),
            runs: ActorRuns(insert: RawStatement(try db.cachedStatement(sql: SQL.insertActorRun)))
        )
        defer { writer.finish() }
        // Through the buffer, each record passed on borrowed: reading a record out of the array (even by index)
        // copies it, retaining each of its texts and arrays.
        try batch.withUnsafeBufferPointer { records in
            var start = 0
            while start < records.count {
                let end = min(start + RecordGroup.recordsMax, records.count)
                let group = UnsafeBufferPointer(rebasing: records[start..<end])
                try writer.insert(group, after: sequence, previous: &previous)
                sequence += UInt64(group.count)
                start = end
            }
        }
        try writer.runs.finish()
        return first...sequence
    }

    /// The statements and buffers of one append, reused for each of its groups.
    private struct GroupRows {
        let insertGroup: RawStatement
        let db: Database
        let insertKind: RawStatement
        var runs: ActorRuns
        var bytes: [UInt8] = []
        var orders: Set<String> = []
        var orderList: [String] = []

        /// Inserts one group after `sequence`, its order and audited-kind index rows, and extends the actor runs;
        /// `previous` moves on to the group's checksum.
        mutating func insert(
            _ records: UnsafeBufferPointer<NewJournalRecord>,
            after sequence: UInt64,
            previous: inout [UInt8]
        ) throws {
            let first = sequence + 1
            let last = sequence + UInt64(records.count)
            RecordGroup.encode(records, into: &bytes)
            let checksum = JournalChecksum.group(previous: previous, first: first, last: last, bytes: bytes)
            try insertGroup.bind(Int64(first), at: 1)
            try insertGroup.bind(Int64(last), at: 2)
            try bytes.withUnsafeBytes { bytes in
                try checksum.withUnsafeBytes { checksum in
                    try insertGroup.bindWhileRunning(bytes, at: 3)
                    try insertGroup.bindWhileRunning(checksum, at: 4)
                    try insertGroup.run()
                }
            }
            orders.removeAll(keepingCapacity: true)
            orderList.removeAll(keepingCapacity: true)
            for index in records.indices {
                let recordSequence = first + UInt64(index)
                for orderID in records[index].orderIDs where orders.insert(orderID).inserted {
                    orderList.append(orderID)
                }
                if !SQL.isFlowKind(records[index].kind) {
                    try insertKind.bind(records[index].kind, at: 1)
                    try insertKind.bind(Int64(recordSequence), at: 2)
                    try insertKind.run()
                }
                try runs.extend(with: records[index].actor, at: recordSequence)
            }
            try insertOrders(first: first)
            // Chain in place: the next group hashes this one's checksum, without a new array per group.
            checksum.withUnsafeBytes { source in
                previous.withUnsafeMutableBytes { $0.copyMemory(from: source) }
            }
        }

        /// The group's `group_orders` rows, up to `SQL.groupOrderRowsMax` in one statement: a statement per row
        /// cost an append more than the row itself.
        func insertOrders(first: UInt64) throws {
            var start = 0
            while start < orderList.count {
                let count = min(SQL.groupOrderRowsMax, orderList.count - start)
                let insert = RawStatement(try db.cachedStatement(sql: SQL.insertGroupOrders(count)))
                defer { insert.finish() }
                try insert.bind(Int64(first), at: 1)
                for offset in 0..<count { try insert.bind(orderList[start + offset], at: Int32(offset + 2)) }
                try insert.run()
                start += count
            }
        }

        func finish() {
            insertGroup.finish()
            insertKind.finish()
            runs.insert.finish()
        }
    }

    /// Groups a transaction's records into runs of consecutive records by one actor, one `actor_runs` row each.
    struct ActorRuns {
        let insert: RawStatement
        var actor: String?
        var first: UInt64 = 0
        var last: UInt64 = 0

        mutating func extend(with recordActor: String?, at sequence: UInt64) throws {
            if let actor, actor == recordActor, sequence == last + 1 {
                last = sequence
                return
            }
            try finish()
            actor = recordActor
            first = sequence
            last = sequence
        }

        /// Writes the open run, if any.
        mutating func finish() throws {
            guard let actor else { return }
            try insert.bind(actor, at: 1)
            try insert.bind(Int64(first), at: 2)
            try insert.bind(Int64(last), at: 3)
            try insert.run()
            self.actor = nil
        }
    }

    /// The newest record's sequence and checksum (0 and the genesis checksum when empty), read inside the
    /// transaction rather than cached, so a rolled-back batch can never leave a stale head behind.
    func head(_ db: Database) throws -> (UInt64, [UInt8]) {
        let group = RawStatement(try db.cachedStatement(sql: SQL.groupHead))
        defer { group.finish() }
        if try group.step() {
            let last = try RowDecoder.sequence(group, 0, location: location)
            return (last, try RowDecoder.checksum(group, 1, sequence: last, location: location))
        }
        // No group yet: the head is the last row a build before v5 wrote, if any.
        let row = RawStatement(try db.cachedStatement(sql: SQL.head))
        defer { row.finish() }
        guard try row.step() else { return (0, JournalChecksum.genesis) }
        let sequence = try RowDecoder.sequence(row, 0, location: location)
        return (sequence, try RowDecoder.checksum(row, 1, sequence: sequence, location: location))
    }

    // MARK: - Reading

    public func latestSequence() throws(JournalError) -> UInt64 {
        try run("read latest sequence") {
            try pool.read { db in try head(db).0 }
        }
    }

    /// Runs `body` and maps whatever it throws into a `JournalError` naming `operation`.
    func run<T>(_ operation: String, _ body: () throws -> T) throws(JournalError) -> T {
        do {
            return try body()
        } catch let error as JournalError {
            throw error
        } catch let error as DatabaseError {
            throw JournalError(error, location: location, operation: operation)
        } catch {
            throw .unexpected(location: location, operation: operation, description: "\(error)")
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

/// The fixed part of an SQLite file header (https://www.sqlite.org/fileformat.html#the_database_header).
enum SQLiteHeader {
    static let byteCount = 100
    static let magic = Data("SQLite format 3\u{0}".utf8)
    static let applicationIDOffset = 68
}

/// What a connection sees of a file's identity: a journal, an empty file, or another application's database.
struct Identity {
    var applicationID: Int32
    var objectCount: Int

    init(_ db: Database) throws {
        applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        // GRDB creates `grdb_migrations` outside the first migration's transaction, so a crash on first open can
        // leave it alone in a file that is still ours.
        objectCount =
            try Int.fetchOne(
                db,
                sql: "SELECT count(*) FROM sqlite_master WHERE name <> 'grdb_migrations' AND name NOT LIKE 'sqlite%'"
            ) ?? 0
    }

    /// Holds objects but is not marked as a journal.
    var isForeign: Bool { objectCount > 0 && applicationID != SQLiteJournal.applicationID }

    var foreignReason: String {
        "SQLite database of another application (application_id \(applicationID), \(objectCount) schema objects)"
    }
}
