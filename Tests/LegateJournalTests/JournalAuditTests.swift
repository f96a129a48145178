// Proves the audit queries on both implementations: an order's whole history (package events included), a user's
// actions, records by kind and by kind prefix, each in sequence order and pageable without loss or repetition.
import LegateCore
import LegateJournal
import Testing

@Suite("Journal audit")
struct JournalAuditTests {
    static let records: [NewJournalRecord] = [
        NewJournalRecord(time: .seconds(1), kind: "order.accepted", actor: "alice", orderIDs: ["A"], payload: [1]),
        NewJournalRecord(time: .seconds(2), kind: "limit.changed", actor: "risk-bob", payload: [2]),
        NewJournalRecord(
            time: .seconds(3),
            kind: "package.accepted",
            actor: "alice",
            correlationID: "pkg-1",
            orderIDs: ["B", "C", "A"],
            payload: [3]
        ),
        NewJournalRecord(time: .seconds(4), kind: "order.filled", orderIDs: ["B"], payload: [4]),
        NewJournalRecord(time: .seconds(5), kind: "limit.approved", actor: "risk-bob", payload: [5]),
        NewJournalRecord(time: .seconds(6), kind: "limits", actor: "carol", payload: [6]),
        NewJournalRecord(time: .seconds(7), kind: "order.cancelled", actor: "alice", orderIDs: ["A"], payload: [7]),
        NewJournalRecord(time: .seconds(8), kind: "limit.changed", actor: "carol", payload: [8]),
    ]

    func withAuditJournal(_ kind: JournalKind, _ body: (any EventJournal) throws -> Void) throws {
        try withJournal(kind) { journal throws in
            _ = try journal.append(Array(Self.records[0..<3]))
            _ = try journal.append(Array(Self.records[3...]))
            try body(journal)
        }
    }

    @Test(arguments: JournalKind.allCases)
    func historyHasEveryRecordTouchingTheOrder(kind: JournalKind) throws {
        try withAuditJournal(kind) { journal throws in
            #expect(try journal.history(orderID: "A").map(\.sequence) == [1, 3, 7])
            #expect(try journal.history(orderID: "B").map(\.sequence) == [3, 4])
            #expect(try journal.history(orderID: "C").map(\.kind) == ["package.accepted"])
            #expect(try journal.history(orderID: "Z").isEmpty)
            #expect(try journal.history(orderID: "A").last == Self.records[6].sequenced(7))
        }
    }

    @Test(arguments: JournalKind.allCases)
    func actionsOfAnActor(kind: JournalKind) throws {
        try withAuditJournal(kind) { journal throws in
            #expect(try journal.actions(actor: "alice").map(\.sequence) == [1, 3, 7])
            #expect(try journal.actions(actor: "risk-bob").map(\.kind) == ["limit.changed", "limit.approved"])
            #expect(try journal.actions(actor: "nobody").isEmpty)
        }
    }

    @Test(arguments: JournalKind.allCases)
    func recordsByKindAndKindPrefix(kind: JournalKind) throws {
        try withAuditJournal(kind) { journal throws in
            #expect(try journal.records(kind: "limit.changed").map(\.sequence) == [2, 8])
            // "limit." selects every limit change but not the unrelated kind "limits"
            #expect(try journal.records(kindPrefix: "limit.").map(\.sequence) == [2, 5, 8])
            #expect(try journal.records(kindPrefix: "limit").map(\.sequence) == [2, 5, 6, 8])
            #expect(try journal.records(kindPrefix: "order.").map(\.sequence) == [1, 4, 7])
            #expect(try journal.records(kindPrefix: "p").map(\.sequence) == [3])
            #expect(try journal.records(kindPrefix: "z").isEmpty)
        }
    }

    @Test(arguments: JournalKind.allCases, [1, 2, 3])
    func pagesJoinToTheWholeResult(kind: JournalKind, pageSize: Int) throws {
        try withJournal(kind) { journal throws in
            _ = try journal.append(sampleBatch(count: 200))
            for filter: AuditFilter in [.orderID("O-3"), .actor("bob"), .kind("limit.changed"), .kindPrefix("order.")] {
                let whole = try journal.audit(filter, after: 0, limit: JournalLimits.pageSizeMax)
                var paged: [JournalRecord] = []
                var after: UInt64 = 0
                while true {
                    let page = try journal.audit(filter, after: after, limit: pageSize)
                    #expect(page.count <= pageSize)
                    guard let last = page.last else { break }
                    paged += page
                    after = last.sequence
                }
                #expect(!whole.isEmpty)
                #expect(paged == whole, "\(filter)")
                #expect(whole.allSatisfy { record in filterMatches(filter, record) })
            }
        }
    }

    func filterMatches(_ filter: AuditFilter, _ record: JournalRecord) -> Bool {
        switch filter {
        case .orderID(let orderID): record.orderIDs.contains(orderID)
        case .actor(let actor): record.actor == actor
        case .kind(let kind): record.kind == kind
        case .kindPrefix(let prefix): record.kind.hasPrefix(prefix)
        }
    }
}
