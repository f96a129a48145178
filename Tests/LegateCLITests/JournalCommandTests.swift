// Proves `legate replay` and `legate audit` on a real journal written by the durable engine: the replayed state hash
// equals the live engine's, an order's history and a user's actions come back in sequence, limit changes are
// listed, and a missing or damaged journal gives a clear error and a non-zero exit instead of a summary.
import Foundation
import GRDB
import LegateCore
import LegateEngine
import LegateModel
import LegateOrders
import LegateRuntime
import Testing

@testable import LegateJournal

@Suite struct JournalCommandTests {
    static let alice = try! UserID("alice")
    static let rita = try! UserID("rita")
    static let account = try! AccountID("A")

    /// Writes a small session: a limit, two orders (one rejected by it), an ack and a fill.
    static func writeJournal() throws -> (path: String, engine: Engine<LimitGate>) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("legate-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("journal.sqlite").path
        let configuration = EngineConfiguration(users: [
            UserProfile(id: alice, roles: [.trader], accounts: [account]),
            UserProfile(id: rita, roles: [.riskManager], accounts: [account]),
        ])
        let durable = DurableEngine(
            engine: Engine(configuration: configuration, gate: LimitGate()),
            journal: try SQLiteJournal(path: path),
            lastSequence: 0
        )
        let perpetual = Instrument.perpetual(Underlying(base: .btc, quote: .usd), settlement: .inverse(.btc))
        func place(_ client: String, _ quantity: Quantity) -> Input {
            let request = OrderRequest(
                clientOrderID: try! ClientOrderID(client),
                account: account,
                venue: .deribit,
                instrument: perpetual,
                side: .buy,
                quantity: quantity,
                kind: .limit(LimitPrice(try! FixedDecimal(parsing: "97000.5")))
            )
            return .command(
                CommandEnvelope(correlationID: client, actor: alice, command: .placeOrder(request, stage: false))
            )
        }
        let cap = Limit(measure: .orderQuantity, scope: .account(account), threshold: 100, severity: .hard)
        let first = try OrderID("O0000000001")
        _ = try durable.process([
            (
                .command(CommandEnvelope(correlationID: "L1", actor: rita, command: .setLimit(cap.key, limit: cap))),
                UnixNanos(1)
            ),
            (place("a1", 10), UnixNanos(2)),
            (place("a2", 500), UnixNanos(3)),
            (.venueReport(.acknowledged(orderID: first, venueOrderID: try VenueOrderID("D-1"))), UnixNanos(4)),
            (
                .venueReport(
                    .fill(
                        VenueFill(
                            venue: .deribit,
                            tradeID: "T-1",
                            orderID: first,
                            quantity: 4,
                            price: try Price(parsing: "97000.5")
                        )
                    )
                ), UnixNanos(5)
            ),
        ])
        return (path, durable.engine)
    }

    @Test func replayPrintsTheSummaryAndTheLiveStateHash() throws {
        let (path, engine) = try Self.writeJournal()
        let result = try PriceExecutableTests.run(["replay", "--journal", path], stdin: "")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("state hash:         \(try engine.state.stateHash())"))
        #expect(result.stdout.contains("orders:             2 (partiallyFilled 1, rejected 1)"))
        #expect(result.stdout.contains("records replayed:   5"))
        #expect(result.stdout.contains("to reconcile:       1 (O0000000001)"))
    }

    @Test func auditShowsAnOrdersHistoryAUsersActionsAndLimitChanges() throws {
        let (path, _) = try Self.writeJournal()
        let order = try PriceExecutableTests.run(["audit", "--journal", path, "--order", "O0000000001"], stdin: "")
        #expect(order.status == 0)
        let headers = order.stdout.split(separator: "\n").filter { $0.hasPrefix("#") }
        #expect(headers.map { String($0.split(separator: " ")[0]) } == ["#2", "#4", "#5"])
        #expect(order.stdout.contains("fill buy 4 at 97000.5 (trade T-1)"))

        let user = try PriceExecutableTests.run(["audit", "--journal", path, "--user", "alice"], stdin: "")
        #expect(
            user.stdout.contains(
                "risk rejected, hard limit order_quantity for account A: 0 now, 500 after, threshold 100"
            )
        )
        let limits = try PriceExecutableTests.run(["audit", "--journal", path, "--limits"], stdin: "")
        #expect(limits.stdout.contains("limit order_quantity (hard) for account A set to 100 by rita"))
        #expect(try PriceExecutableTests.run(["audit", "--journal", path, "--user", "nobody"], stdin: "").status == 2)
        #expect(try PriceExecutableTests.run(["audit", "--journal", path], stdin: "").status != 0)
    }

    @Test func missingOrDamagedJournalsAreRefusedClearly() throws {
        let missing = try PriceExecutableTests.run(["replay", "--journal", "/nonexistent/j.sqlite"], stdin: "")
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("no journal at /nonexistent/j.sqlite"))

        let (path, _) = try Self.writeJournal()
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 1500)
        try handle.close()
        try? FileManager.default.removeItem(atPath: path + "-wal")
        let damaged = try PriceExecutableTests.run(["replay", "--journal", path], stdin: "")
        #expect(damaged.status != 0)
        #expect(!damaged.stdout.contains("state hash"))
        #expect(damaged.stderr.contains(path), "\(damaged.stderr)")
    }

    /// Replay and audit read the journal without writing to it; a journal from an older build is refused with the
    /// command that upgrades it, and `--upgrade` does.
    @Test func replayAndAuditReadOnlyAndAnOlderJournalAsksForAnUpgrade() throws {
        let (path, engine) = try Self.writeJournal()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(try PriceExecutableTests.run(["replay", "--journal", path], stdin: "").status == 0)
        #expect(try PriceExecutableTests.run(["audit", "--journal", path, "--user", "alice"], stdin: "").status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)

        // The same records as a build before v5 wrote them (a row each), then back to v3: no actor runs.
        let written = try SQLiteJournal(path: path, configuration: .reading)
        let records = try written.records(from: 1, limit: JournalLimits.pageSizeMax).map(\.unsequenced)
        try written.close()
        let older = path + ".v3"
        let rows = try SQLiteJournal(path: older)
        _ = try rows.appendRows(records)
        try rows.close()
        let queue = try GRDB.DatabaseQueue(path: older)
        try queue.writeWithoutTransaction { db in
            try db.execute(
                sql: """
                    DROP TRIGGER actor_runs_no_update;
                    DROP TRIGGER actor_runs_no_delete;
                    DROP TABLE actor_runs;
                    CREATE INDEX events_by_actor ON events(actor) WHERE actor IS NOT NULL;
                    DELETE FROM grdb_migrations WHERE identifier IN ('v4', 'v5', 'v6');
                    """
            )
            for table in ["group_kinds", "group_orders", "record_groups", "snapshot_parts"] {
                try db.execute(sql: "DROP TRIGGER \(table)_no_update; DROP TRIGGER \(table)_no_delete")
                try db.execute(sql: "DROP TABLE \(table)")
            }
        }
        try queue.close()
        let refused = try PriceExecutableTests.run(["audit", "--journal", older, "--user", "alice"], stdin: "")
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("legate replay --journal \(older) --upgrade"), "\(refused.stderr)")
        let upgraded = try PriceExecutableTests.run(["replay", "--journal", older, "--upgrade"], stdin: "")
        #expect(upgraded.status == 0, "\(upgraded.stderr)")
        #expect(upgraded.stdout.contains("state hash:         \(try engine.state.stateHash())"))
        let audited = try PriceExecutableTests.run(["audit", "--journal", older, "--user", "alice"], stdin: "")
        #expect(audited.status == 0 && audited.stdout.contains("a1"), "\(audited.stdout)")
    }
}

@Suite struct SimulateSessionCommandTests {
    /// A seeded session written by one process is replayed by another to the hash the first printed, and the same
    /// seed gives the same hash again.
    @Test func replayReproducesTheSessionsStateHash() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("legate-sim-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        func hash(_ text: String) -> String? {
            text.split(separator: "\n").first { $0.contains("state hash:") }?.split(separator: " ").last.map(
                String.init
            )
        }
        let first = directory.appendingPathComponent("a.sqlite").path
        let written = try PriceExecutableTests.run(
            ["simulate-session", "--journal", first, "--orders", "120", "--seed", "7"],
            stdin: ""
        )
        #expect(written.status == 0, "\(written.stderr)")
        let replayed = try PriceExecutableTests.run(["replay", "--journal", first], stdin: "")
        #expect(replayed.stdout.contains("quarantined:        0"))
        #expect(hash(written.stdout) != nil && hash(written.stdout) == hash(replayed.stdout))
        let second = directory.appendingPathComponent("b.sqlite").path
        let again = try PriceExecutableTests.run(
            ["simulate-session", "--journal", second, "--orders", "120", "--seed", "7"],
            stdin: ""
        )
        #expect(hash(again.stdout) == hash(written.stdout))
        let refused = try PriceExecutableTests.run(["simulate-session", "--journal", first], stdin: "")
        #expect(refused.status != 0 && refused.stderr.contains("exists"))
    }
}
