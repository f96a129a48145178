internal import ArgumentParser
internal import Foundation
internal import LegateCore
internal import LegateEngine
internal import LegateJournal
internal import LegateModel
internal import LegateOrders
internal import LegateRuntime
internal import OrderedCollections

/// Opens an existing journal file; never creates one (a typo in a path must not look like an empty journal).
///
/// Read-only unless `upgrading`: replaying or auditing a journal, beside the node writing it or on a copy kept as
/// evidence, must not change the file. Only an upgrade (applying a newer build's migrations) writes.
func openExistingJournal(_ path: String, upgrading: Bool = false) throws -> SQLiteJournal {
    guard FileManager.default.fileExists(atPath: path) else {
        throw ValidationError("no journal at \(path)")
    }
    do {
        return try SQLiteJournal(path: path, configuration: upgrading ? .init() : .reading)
    } catch .schemaTooOld(_, let missing) {
        throw ValidationError(
            "journal \(path) was written by an older Legate (migrations to apply: "
                + "\(missing.joined(separator: ", "))); upgrade it once with `legate replay --journal \(path) --upgrade`"
        )
    } catch {
        throw ValidationError("cannot open journal \(path): \(error)")
    }
}

/// `legate replay`: rebuilds the engine state from a journal and prints a summary and the state hash.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Rebuild the engine state from a journal; print a summary and the state hash.",
        discussion: """
            Loads the latest snapshot, replays every record after it (verifying sequence continuity and checksums),
            and prints what the state holds. Two journals with the same state hash hold the same engine state.
            A damaged journal is reported with the sequence number where it breaks; nothing is skipped.
            """
    )

    @Option(help: "Path of the SQLite journal.")
    var journal: String

    @Flag(help: "Apply this build's journal migrations first (the only way replay writes to the file).")
    var upgrade = false

    func run() throws {
        let store = try openExistingJournal(journal, upgrading: upgrade)
        let (durable, report) = try Recovery.recover(
            journal: store,
            configuration: EngineConfiguration(users: []),
            gate: LimitGate()
        )
        let state = durable.engine.state
        print(ReplaySummary.render(state: state, report: report, path: journal, hash: try state.stateHash()))
    }
}

enum ReplaySummary {
    static func render(state: EngineState, report: Recovery.Report, path: String, hash: String) -> String {
        var counts: [OrderStatus: Int] = [:]
        for order in state.orders.values { counts[order.status, default: 0] += 1 }
        let byStatus = OrderStatus.allCases.compactMap { status in counts[status].map { "\(status.rawValue) \($0)" } }
        let open = state.positions.values.filter { !$0.netQuantity.isZero }.count
        let snapshot = report.snapshotSequence.map { "snapshot at \($0)" } ?? "no snapshot"
        return """
            journal:            \(path)
            records replayed:   \(report.recordsReplayed) (\(report.eventsReplayed) events), last sequence \(report.lastSequence), \(snapshot)
            orders:             \(state.orders.count)\(byStatus.isEmpty ? "" : " (" + byStatus.joined(separator: ", ") + ")")
            positions:          \(state.positions.count) (\(open) open)
            limits:             \(state.limits.count)
            quarantined:        \(state.quarantinedReports.count)
            to reconcile:       \(report.ordersToReconcile.count)\(report.ordersToReconcile.isEmpty ? "" : " (" + report.ordersToReconcile.prefix(10).map(\.rawValue).joined(separator: ", ") + (report.ordersToReconcile.count > 10 ? ", …" : "") + ")")
            state hash:         \(hash)
            """
    }
}

/// `legate audit`: an order's whole history, all actions of a user, or all limit changes.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Print an order's history, a user's actions, or every limit change from a journal.",
        discussion: """
            One line per journal record (sequence, time, kind, actor, correlation id), then one indented line per
            event it holds. Exactly one of --order, --user or --limits.
            """
    )

    @Option(help: "Path of the SQLite journal.")
    var journal: String

    @Option(help: "An order id (e.g. O0000000001): its whole history.")
    var order: String?

    @Option(help: "A user name: every action they took.")
    var user: String?

    @Flag(help: "Every limit change.")
    var limits = false

    func validate() throws {
        let chosen = [order != nil, user != nil, limits].filter { $0 }.count
        guard chosen == 1 else { throw ValidationError("give exactly one of --order, --user or --limits") }
    }

    func run() throws {
        let store = try openExistingJournal(journal)
        let filter: AuditFilter
        if let order {
            filter = .orderID(order)
        } else if let user {
            filter = .actor(user)
        } else {
            filter = .kind(JournalCodec.limitChangeKind)
        }
        var after: UInt64 = 0
        var found = 0
        while true {
            let page = try store.audit(filter, after: after, limit: 1_000)
            guard let last = page.last else { break }
            for record in page {
                print(AuditFormat.line(record))
                for event in try JournalCodec.events(in: record) {
                    print("    " + AuditFormat.describe(event))
                }
            }
            found += page.count
            after = last.sequence
        }
        if found == 0 {
            FileHandle.standardError.write(Data("no records for \(filter)\n".utf8))
            throw ExitCode(2)
        }
    }
}

enum AuditFormat {
    static func line(_ record: JournalRecord) -> String {
        var text = "#\(record.sequence) \(record.time) \(record.kind)"
        if let actor = record.actor { text += " by \(actor)" }
        if let correlation = record.correlationID { text += " [\(correlation)]" }
        return text
    }

    static func describe(_ event: Event) -> String {
        switch event {
        case .packageCreated(let created):
            let package = created.request.package
            return
                "package \(created.packageID) created by \(created.owner): \(package.side.rawValue) \(package.quantity) "
                + "\(package.shape) at net \(package.limitPrice), legs \(created.legOrderIDs.map(\.rawValue).joined(separator: ", "))"
        case .orderCreated(let created):
            let request = created.request
            return "order \(created.orderID) created by \(created.owner): \(request.side.rawValue) \(request.quantity) "
                + "\(request.instrument) on \(request.venue) for \(request.account) (client id \(request.clientOrderID))"
                + (created.staged ? ", staged" : "")
        case .orderTransitioned(let orderID, let transition):
            return "order \(orderID): \(transition)"
        case .riskDecided(let orderID, let decision):
            switch decision {
            case .accept(let basis): return "order \(orderID): risk accepted, \(basis)"
            case .reject(let breach): return "order \(orderID): risk rejected, \(breach)"
            case .needsApproval(let breach): return "order \(orderID): needs approval, \(breach)"
            case .unassessable(let reason): return "order \(orderID): rejected, risk cannot be assessed: \(reason)"
            }
        case .orderAccepted(let orderID, let decision, let staged):
            guard case .accept(let basis) = decision else { return "order \(orderID): accepted, \(decision)" }
            return "order \(orderID): risk accepted, \(basis); " + (staged ? "staged" : "sent")
        case .approvalRequested(let orderID, let expiresAt):
            return "order \(orderID): approval requested, lapses at \(expiresAt)"
        case .approvalGranted(let orderID, let approver, let expiresAt):
            return "order \(orderID): approved by \(approver), valid until \(expiresAt)"
        case .commandRejected(let rejected):
            return rejected.description
        case .fillBooked(let fill):
            return
                "order \(fill.orderID): fill \(fill.side.rawValue) \(fill.quantity) at \(fill.price) (trade \(fill.tradeID))"
        case .reportQuarantined(let report, let reason):
            return "quarantined \(report): \(reason)"
        case .limitChanged(let key, let limit, let actor):
            if let limit {
                return
                    "limit \(key.measure.rawValue) (\(key.severity.rawValue)) for \(key.scope) set to \(limit.threshold) by \(actor)"
            }
            return "limit \(key.measure.rawValue) (\(key.severity.rawValue)) for \(key.scope) removed by \(actor)"
        case .markUpdated(let instrument, let price):
            return "mark \(instrument) = \(price)"
        case .fillsAllocated(let orderID, let slices, let actor):
            let parts = slices.map { "\($0.quantity) of \($0.tradeID) at \($0.price) to \($0.target)" }
            return "order \(orderID): allocated by \(actor): " + parts.joined(separator: "; ")
        case .instrumentSettled(let settled):
            return "\(settled.settlement): positions closed at \(settled.value)"
        case .settlementRejected(let settlement, let error):
            return "\(settlement) refused: \(error)"
        case .hedgePolicyChanged(let scope, let policy, let actor):
            guard let policy else { return "hedge policy for \(scope) removed by \(actor)" }
            return "hedge policy for \(scope) set by \(actor): delta \(policy.targetDelta) ± \(policy.band) with "
                + "\(policy.instrument) on \(policy.venue.rawValue) \(policy.account), orders up to "
                + "\(policy.maxOrderQuantity)\(policy.enabled ? "" : " (paused)")"
        case .reconciliation(let orderID, let required):
            return required
                ? "order \(orderID): to reconcile with the venue after the restart"
                : "order \(orderID): reconciled (the venue reported on it)"
        }
    }
}
