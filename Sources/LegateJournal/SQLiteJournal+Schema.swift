import Foundation
import GRDB

/// The journal's schema, as a registered list of migrations (GRDB's `DatabaseMigrator`).
///
/// A migration, once shipped, is never edited: a journal written by an older build is migrated forward by the ones
/// it lacks, and a journal written by a newer build is refused rather than misread.
extension SQLiteJournal {
    /// The append-only triggers v1 (and v4 for `actor_runs`) create; open refuses a journal where one is missing, since
    /// a missing guard means someone has been editing rows.
    static let appendOnlyTriggers: [String] = [
        "events", "event_orders", "snapshots", "actor_runs", "record_groups", "group_orders", "group_kinds",
        "snapshot_parts",
    ].flatMap { table in
        ["\(table)_no_update", "\(table)_no_delete"]
    }

    static func appendOnlyTriggerSQL(_ table: String) -> [String] {
        [("UPDATE", "no_update"), ("DELETE", "no_delete")].map { operation, name in
            """
            CREATE TRIGGER \(table)_\(name) BEFORE \(operation) ON \(table)
            BEGIN SELECT RAISE(ABORT, 'journal is append-only: \(operation) on \(table)'); END
            """
        }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            // STRICT tables: SQLite enforces the column types, so a stray write cannot store text as a payload.
            // `seq` is the rowid: appends go to the right edge of the tree, and replay reads it in order.
            // `order_ids` keeps the record whole in one row (replay reads one table); `event_orders` is its index.
            try db.execute(
                sql: """
                    CREATE TABLE events (
                        seq INTEGER PRIMARY KEY NOT NULL,
                        time INTEGER NOT NULL,
                        kind TEXT NOT NULL,
                        actor TEXT,
                        correlation_id TEXT,
                        order_ids TEXT,
                        payload BLOB NOT NULL,
                        checksum BLOB NOT NULL
                    ) STRICT;
                    CREATE INDEX events_by_kind ON events(kind);
                    CREATE INDEX events_by_actor ON events(actor);
                    CREATE TABLE event_orders (
                        order_id TEXT NOT NULL,
                        seq INTEGER NOT NULL REFERENCES events(seq),
                        PRIMARY KEY (order_id, seq)
                    ) STRICT, WITHOUT ROWID;
                    CREATE TABLE snapshots (
                        seq INTEGER PRIMARY KEY NOT NULL REFERENCES events(seq),
                        time INTEGER NOT NULL,
                        state BLOB NOT NULL,
                        state_hash BLOB NOT NULL,
                        checksum BLOB NOT NULL
                    ) STRICT;
                    """
            )
            for table in ["events", "event_orders", "snapshots"] {
                for trigger in appendOnlyTriggerSQL(table) { try db.execute(sql: trigger) }
            }
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
        }
        // Every order placement, venue report and mark paid an entry in the kind index, about 15% of an append, for
        // audit queries nobody runs by kind: the index now holds only the rare, audited kinds (limit changes,
        // approvals, packages…), and a query for a flow kind reads the journal in sequence instead.
        migrator.registerMigration("v2") { db in
            try db.execute(
                sql: """
                    DROP INDEX events_by_kind;
                    CREATE INDEX events_by_audited_kind ON events(kind) WHERE \(SQL.auditedKindPredicate);
                    """
            )
        }
        // Every order event paid a second statement per record (an `event_orders` row and its foreign-key check) and
        // every venue report and mark an actor index entry with a NULL actor, which no audit query can look up. A
        // record of one order is now found through an index on `events.order_ids` (an order id never contains the
        // separator, so it equals only the column of a one-order record), `event_orders` indexes only records of
        // several orders, and the actor index leaves NULL actors out. Rows written before keep their `event_orders`
        // entries: the order audit reads both.
        migrator.registerMigration("v3") { db in
            try db.execute(
                sql: """
                    DROP INDEX events_by_actor;
                    CREATE INDEX events_by_actor ON events(actor) WHERE actor IS NOT NULL;
                    CREATE INDEX events_by_single_order ON events(order_ids) WHERE order_ids IS NOT NULL;
                    """
            )
        }
        // The actor index cost every command's record an entry, about a fifth of an append, though a user's records
        // come in runs (one trader's or the hedger's orders, one after another). `actor_runs` holds one row per run of
        // consecutive records by one actor within a transaction: a batch of a thousand orders from one trader writes
        // one row instead of a thousand index entries. Existing records are grouped into their runs once here.
        migrator.registerMigration("v4") { db in
            try db.execute(
                sql: """
                    CREATE TABLE actor_runs (
                        actor TEXT NOT NULL,
                        first_seq INTEGER NOT NULL,
                        last_seq INTEGER NOT NULL,
                        PRIMARY KEY (actor, first_seq),
                        CHECK (last_seq >= first_seq)
                    ) STRICT, WITHOUT ROWID;
                    INSERT INTO actor_runs (actor, first_seq, last_seq)
                        SELECT actor, min(seq), max(seq) FROM (
                            SELECT actor, seq, seq - row_number() OVER (PARTITION BY actor ORDER BY seq) AS island
                            FROM events WHERE actor IS NOT NULL
                        ) GROUP BY actor, island;
                    DROP INDEX events_by_actor;
                    """
            )
            for trigger in appendOnlyTriggerSQL("actor_runs") { try db.execute(sql: trigger) }
        }
        // A row per record cost an append about 4 µs of SQLite work plus a SHA-256, most of the journal's time.
        // New records are stored in groups of consecutive records (`RecordGroup`), one row and one checksum each;
        // `group_orders` finds an order's groups, `group_kinds` the audited kinds' records, `actor_runs` a user's.
        // Rows written before stay in `events`, all of them before the first group, and are read as they were.
        migrator.registerMigration("v5") { db in
            try db.execute(
                sql: """
                    CREATE TABLE record_groups (
                        first_seq INTEGER PRIMARY KEY NOT NULL,
                        last_seq INTEGER NOT NULL,
                        records BLOB NOT NULL,
                        checksum BLOB NOT NULL,
                        CHECK (last_seq >= first_seq)
                    ) STRICT;
                    CREATE TABLE group_orders (
                        order_id TEXT NOT NULL,
                        first_seq INTEGER NOT NULL,
                        PRIMARY KEY (order_id, first_seq)
                    ) STRICT, WITHOUT ROWID;
                    CREATE TABLE group_kinds (
                        kind TEXT NOT NULL,
                        seq INTEGER NOT NULL,
                        PRIMARY KEY (kind, seq)
                    ) STRICT, WITHOUT ROWID;
                    """
            )
            // A snapshot is taken at a record inside a group too: its key no longer references `events`.
            try db.execute(
                sql: """
                    CREATE TABLE snapshots_v5 (
                        seq INTEGER PRIMARY KEY NOT NULL,
                        time INTEGER NOT NULL,
                        state BLOB NOT NULL,
                        state_hash BLOB NOT NULL,
                        checksum BLOB NOT NULL
                    ) STRICT;
                    INSERT INTO snapshots_v5 SELECT seq, time, state, state_hash, checksum FROM snapshots;
                    DROP TRIGGER snapshots_no_update;
                    DROP TRIGGER snapshots_no_delete;
                    DROP TABLE snapshots;
                    ALTER TABLE snapshots_v5 RENAME TO snapshots;
                    """
            )
            for table in ["record_groups", "group_orders", "group_kinds", "snapshots"] {
                for trigger in appendOnlyTriggerSQL(table) { try db.execute(sql: trigger) }
            }
        }
        // A snapshot of a large state was one blob written in one transaction: at 250,000 orders the writer lock was
        // held for about 140 ms, and every commit (and acknowledgement) waited. Large states are now stored in parts,
        // one short transaction each, so commits go on in between; the snapshot row, written last, names its parts.
        // A part count of 0 means the state is inline, as every snapshot before v6 is.
        migrator.registerMigration("v6") { db in
            try db.execute(
                sql: """
                    CREATE TABLE snapshot_parts (
                        id INTEGER PRIMARY KEY,
                        seq INTEGER NOT NULL,
                        bytes BLOB NOT NULL
                    ) STRICT;
                    ALTER TABLE snapshots ADD COLUMN first_part INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE snapshots ADD COLUMN part_count INTEGER NOT NULL DEFAULT 0;
                    """
            )
            for trigger in appendOnlyTriggerSQL("snapshot_parts") { try db.execute(sql: trigger) }
        }
        return migrator
    }

    /// Applies missing migrations, refusing a journal from a newer build, and checks the append-only guards.
    func migrate() throws(JournalError) {
        let migrator = Self.migrator
        let identity = try run("read identity") { try pool.read { db in try Identity(db) } }
        guard !identity.isForeign else { throw .notAJournal(location: location, reason: identity.foreignReason) }
        let unknown = try run("read migrations") {
            try pool.read { db in
                try migrator.hasBeenSuperseded(db)
                    ? try migrator.appliedIdentifiers(db).subtracting(migrator.migrations).sorted()
                    : []
            }
        }
        guard unknown.isEmpty else { throw .schemaTooNew(location: location, unknownMigrations: unknown) }
        try run("migrate") { try migrator.migrate(pool) }
        try checkAppendOnlyTriggers()
    }

    /// For a read-only open: the file is a journal in WAL mode with every migration this build knows, no more, and
    /// its append-only guards in place. Nothing is changed.
    func checkReadable() throws(JournalError) {
        let migrator = Self.migrator
        let identity = try run("read identity") { try pool.read { db in try Identity(db) } }
        guard !identity.isForeign else { throw .notAJournal(location: location, reason: identity.foreignReason) }
        let (applied, journalMode) = try run("read schema") {
            try pool.read { db in
                (
                    try migrator.appliedIdentifiers(db),
                    try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? ""
                )
            }
        }
        let unknown = applied.subtracting(migrator.migrations).sorted()
        guard unknown.isEmpty else { throw .schemaTooNew(location: location, unknownMigrations: unknown) }
        let missing = migrator.migrations.filter { !applied.contains($0) }
        guard missing.isEmpty else { throw .schemaTooOld(location: location, missingMigrations: missing) }
        guard journalMode == "wal" else {
            throw .pragmaMismatch(location: location, pragma: "journal_mode", expected: "wal", actual: journalMode)
        }
        try checkAppendOnlyTriggers()
    }

    func checkAppendOnlyTriggers() throws(JournalError) {
        let triggers = try run("read schema") {
            try pool.read { db in
                Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'"))
            }
        }
        for trigger in Self.appendOnlyTriggers where !triggers.contains(trigger) {
            throw .schemaInvalid(location: location, reason: "append-only trigger \(trigger) is missing")
        }
    }

    /// The migrations applied to this file, in order.
    public func appliedMigrations() throws(JournalError) -> [String] {
        try run("read migrations") { try pool.read { db in try Self.migrator.appliedMigrations(db) } }
    }
}

/// The statements the journal runs, in one place so each is prepared once per connection and cached by its text.
enum SQL {
    /// Separates order ids in `events.order_ids`; validation keeps control characters out of ids.
    static let orderIDSeparator = "\u{1F}"
    static let orderIDSeparatorByte: UInt8 = 0x1F

    /// The last row written before v5 (records are in groups since).
    static let head = "SELECT seq, checksum FROM events ORDER BY seq DESC LIMIT 1"
    static let groupHead = "SELECT last_seq, checksum FROM record_groups ORDER BY first_seq DESC LIMIT 1"
    static let insertGroup = "INSERT INTO record_groups (first_seq, last_seq, records, checksum) VALUES (?, ?, ?, ?)"
    /// Rows one `insertGroupOrders` statement writes at most.
    static let groupOrderRowsMax = 64
    private static let insertGroupOrdersByCount: [String] = (0...groupOrderRowsMax).map { count in
        "INSERT INTO group_orders (order_id, first_seq) VALUES "
            + (0..<count).map { "(?\($0 + 2), ?1)" }.joined(separator: ", ")
    }
    /// `count` rows of one group: ?1 is the group's first sequence, ?2... the order ids.
    static func insertGroupOrders(_ count: Int) -> String { insertGroupOrdersByCount[count] }
    static let insertGroupKind = "INSERT INTO group_kinds (kind, seq) VALUES (?, ?)"
    static let insertActorRun = "INSERT INTO actor_runs (actor, first_seq, last_seq) VALUES (?, ?, ?)"
    /// One row per record, as builds before v5 wrote (`appendRows`).
    static let insertEvent = """
        INSERT INTO events (seq, time, kind, actor, correlation_id, order_ids, payload, checksum)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """
    static let insertEventOrder = "INSERT INTO event_orders (order_id, seq) VALUES (?, ?)"

    /// The record columns a row written before v5 decodes from, in `RowDecoder.record` order.
    static let recordColumns = "seq, time, kind, actor, correlation_id, order_ids, payload, checksum"
    static let rowAt = "SELECT \(recordColumns) FROM events WHERE seq = ?"
    static let rowChecksumAt = "SELECT checksum FROM events WHERE seq = ?"
    /// The group holding a sequence, if any, is the last one starting at or before it.
    static let groupAtOrBefore = """
        SELECT first_seq, last_seq, records, checksum FROM record_groups WHERE first_seq <= ?
        ORDER BY first_seq DESC LIMIT 1
        """
    static let groupChecksumAtOrBefore = """
        SELECT last_seq, checksum FROM record_groups WHERE first_seq <= ? ORDER BY first_seq DESC LIMIT 1
        """
    static let firstAtOrAfter = """
        SELECT min(seq) FROM (
            SELECT min(seq) AS seq FROM events WHERE seq >= ?1
            UNION ALL SELECT min(first_seq) FROM record_groups WHERE first_seq >= ?1
        )
        """

    static let lastBefore = """
        SELECT max(seq) FROM (
            SELECT max(seq) AS seq FROM events WHERE seq < ?1
            UNION ALL SELECT max(last_seq) FROM record_groups WHERE first_seq < ?1
        )
        """

    /// Where an order's records start: rows of one order through the `order_ids` index, rows of several orders
    /// through `event_orders` (both before v5), and groups through `group_orders`. UNION drops duplicates.
    static let auditByOrder = """
        SELECT seq FROM events WHERE order_ids = ?1 AND seq > ?2
        UNION SELECT seq FROM event_orders WHERE order_id = ?1 AND seq > ?2
        UNION SELECT o.first_seq FROM group_orders o JOIN record_groups g ON g.first_seq = o.first_seq
            WHERE o.order_id = ?1 AND g.last_seq > ?2
        ORDER BY 1 LIMIT ?3
        """
    /// An actor's runs in sequence order through the `actor_runs` key.
    static let auditByActor = """
        SELECT first_seq, last_seq FROM actor_runs WHERE actor = ?1 AND last_seq > ?2 ORDER BY first_seq
        """
    /// The kinds recorded at the rate of orders, reports and market data, which the kind indexes leave out.
    static let flowKindPrefixes = ["order.", "venue.", "market.", "timer"]
    /// What the partial kind index holds; a query must repeat it word for word for SQLite to use the index.
    static let auditedKindPredicate = flowKindPrefixes.map { "kind NOT GLOB '\($0)*'" }.joined(separator: " AND ")

    /// Whether records of kinds starting with `prefix` (a whole kind or a prefix) may be flow kinds, which the kind
    /// indexes do not hold.
    static func mayBeFlowKind(prefix: String) -> Bool {
        flowKindPrefixes.contains { $0.hasPrefix(prefix) || prefix.hasPrefix($0) }
    }

    /// Whether a record of `kind` is left out of the kind indexes.
    static func isFlowKind(_ kind: String) -> Bool {
        flowKindPrefixes.contains { kind.utf8.starts(with: $0.utf8) }
    }

    /// Sequences of the records of an audited kind (or kind prefix: kinds are printable ASCII, so every kind
    /// starting with P sorts in [P, P + U+007F)), through the partial index before v5 and `group_kinds` since.
    static func auditByKind(exact: Bool) -> String {
        let match = exact ? "kind = ?1" : "kind >= ?1 AND kind < ?2"
        let after = exact ? "?2" : "?3"
        let limit = exact ? "?3" : "?4"
        return """
            SELECT seq FROM events WHERE \(match) AND \(auditedKindPredicate) AND seq > \(after)
            UNION SELECT seq FROM group_kinds WHERE \(match) AND seq > \(after)
            ORDER BY 1 LIMIT \(limit)
            """
    }

    static let snapshotExists = "SELECT 1 FROM snapshots WHERE seq = ?"
    static let insertSnapshot = """
        INSERT INTO snapshots (seq, time, state, state_hash, checksum, first_part, part_count)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """
    static let latestSnapshot = """
        SELECT seq, time, state, state_hash, checksum, first_part, part_count FROM snapshots
        WHERE seq <= ? ORDER BY seq DESC LIMIT 1
        """
    static let insertSnapshotPart = "INSERT INTO snapshot_parts (seq, bytes) VALUES (?, ?)"
    static let snapshotParts = "SELECT id, seq, bytes FROM snapshot_parts WHERE id >= ? AND id < ? ORDER BY id"
}
