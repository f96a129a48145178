import Foundation
import GRDB

/// The journal's schema, as a registered list of migrations (GRDB's `DatabaseMigrator`).
///
/// A migration, once shipped, is never edited: a journal written by an older build is migrated forward by the ones
/// it lacks, and a journal written by a newer build is refused rather than misread.
extension SQLiteJournal {
    /// The append-only triggers v1 (and v4 for `actor_runs`) create; open refuses a journal where one is missing, since
    /// a missing guard means someone has been editing rows.
    static let appendOnlyTriggers: [String] = ["events", "event_orders", "snapshots", "actor_runs"].flatMap { table in
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

    static let head = "SELECT seq, checksum FROM events ORDER BY seq DESC LIMIT 1"
    static let insertEvent = """
        INSERT INTO events (seq, time, kind, actor, correlation_id, order_ids, payload, checksum)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """
    static let insertEventOrder = "INSERT INTO event_orders (order_id, seq) VALUES (?, ?)"
    static let checksumAt = "SELECT checksum FROM events WHERE seq = ?"
    static let firstAtOrAfter = "SELECT min(seq) FROM events WHERE seq >= ?"

    /// The record columns every read decodes, in `RowDecoder.record` order.
    static let recordColumns = "e.seq, e.time, e.kind, e.actor, e.correlation_id, e.order_ids, e.payload, e.checksum"
    static let recordsFrom = "SELECT \(recordColumns) FROM events e WHERE e.seq >= ? ORDER BY e.seq LIMIT ?"

    /// Audit pages also read the predecessor's checksum, so each row returned is verified on its own.
    private static let auditSelect = """
        SELECT \(recordColumns), p.checksum FROM events e LEFT JOIN events p ON p.seq = e.seq - 1
        """
    /// Records of one order through the `order_ids` index, and records of several orders (and every record written
    /// before v3) through `event_orders`; UNION drops a record both find.
    static let auditByOrder = """
        \(auditSelect) WHERE e.order_ids = ?1 AND e.seq > ?2
        UNION
        SELECT \(recordColumns), p.checksum
        FROM event_orders o JOIN events e ON e.seq = o.seq LEFT JOIN events p ON p.seq = e.seq - 1
        WHERE o.order_id = ?1 AND o.seq > ?2
        ORDER BY 1 LIMIT ?3
        """
    static let insertActorRun = "INSERT INTO actor_runs (actor, first_seq, last_seq) VALUES (?, ?, ?)"
    /// An actor's runs in sequence order through the `actor_runs` key, each run's records by the rowid: runs never
    /// overlap, so (run, record) order is sequence order and SQLite needs no sort to page.
    static let auditByActor = """
        SELECT \(recordColumns), p.checksum
        FROM actor_runs r JOIN events e ON e.seq BETWEEN r.first_seq AND r.last_seq
        LEFT JOIN events p ON p.seq = e.seq - 1
        WHERE r.actor = ?1 AND r.last_seq > ?2 AND e.seq > ?2
        ORDER BY r.first_seq, e.seq LIMIT ?3
        """
    /// The kinds recorded at the rate of orders, reports and market data, which the kind index leaves out.
    static let flowKindPrefixes = ["order.", "venue.", "market.", "timer"]
    /// What the partial kind index holds; a query must repeat it word for word for SQLite to use the index.
    static let auditedKindPredicate = flowKindPrefixes.map { "kind NOT GLOB '\($0)*'" }.joined(separator: " AND ")

    /// Whether records of kinds starting with `prefix` (a whole kind or a prefix) may be flow kinds, which the kind
    /// index does not hold.
    static func mayBeFlowKind(prefix: String) -> Bool {
        flowKindPrefixes.contains { $0.hasPrefix(prefix) || prefix.hasPrefix($0) }
    }

    /// Kinds are printable ASCII, so every kind starting with P sorts in [P, P + U+007F).
    static func auditByKind(exact: Bool, indexed: Bool) -> String {
        let match = exact ? "e.kind = ?" : "e.kind >= ? AND e.kind < ?"
        let useIndex =
            indexed ? " AND " + auditedKindPredicate.replacingOccurrences(of: "kind NOT", with: "e.kind NOT") : ""
        return "\(auditSelect) WHERE \(match)\(useIndex) AND e.seq > ? ORDER BY e.seq LIMIT ?"
    }

    static let snapshotExists = "SELECT 1 FROM snapshots WHERE seq = ?"
    static let insertSnapshot = "INSERT INTO snapshots (seq, time, state, state_hash, checksum) VALUES (?, ?, ?, ?, ?)"
    static let latestSnapshot = """
        SELECT s.seq, s.time, s.state, s.state_hash, s.checksum, e.checksum
        FROM snapshots s LEFT JOIN events e ON e.seq = s.seq
        WHERE s.seq <= ? ORDER BY s.seq DESC LIMIT 1
        """
}
