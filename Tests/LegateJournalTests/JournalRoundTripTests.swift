// Proves the two journal implementations behave alike on the happy path and on bad input: sequences from 1 without
// gaps, replay returns exactly what was appended (in any chunk size), reads past the end are empty, and every
// rejected batch writes nothing. Each test runs against InMemoryJournal and SQLiteJournal (a temporary file).
import LegateCore
import LegateJournal
import Testing

@Suite("Journal round trip")
struct JournalRoundTripTests {
    @Test(arguments: JournalKind.allCases)
    func appendAssignsConsecutiveSequencesFromOne(kind: JournalKind) throws {
        try withJournal(kind) { journal throws in
            // Given an empty journal
            #expect(try journal.latestSequence() == 0)
            // When three batches are appended
            let first = try journal.append(sampleBatch(count: 3))
            let second = try journal.append(sampleBatch(count: 1, first: 3))
            let third = try journal.append(sampleBatch(count: 250, first: 4))
            // Then the ranges follow each other without a gap
            #expect(first == 1...3)
            #expect(second == 4...4)
            #expect(third == 5...254)
            #expect(try journal.latestSequence() == 254)
        }
    }

    @Test(arguments: JournalKind.allCases, [1, 7, 1_000])
    func replayReturnsExactlyWhatWasAppended(kind: JournalKind, chunkSize: Int) throws {
        try withJournal(kind) { journal throws in
            // Given batches of varied records
            var appended: [NewJournalRecord] = []
            for (first, count) in [(0, 1), (1, 40), (41, 3), (44, 17)] {
                let batch = sampleBatch(count: count, first: first)
                _ = try journal.append(batch)
                appended += batch
            }
            // When the journal is replayed
            let replayed = try replayAll(journal, chunkSize: chunkSize)
            // Then every record comes back, in order, field for field
            #expect(replayed.map(\.sequence) == Array(1...UInt64(appended.count)))
            #expect(replayed.map(\.unsequenced) == appended)
            #expect(try journal.verify() == UInt64(appended.count))
        }
    }

    @Test(arguments: JournalKind.allCases)
    func recordsFromAnyPointAndPastTheEnd(kind: JournalKind) throws {
        try withJournal(kind) { journal throws in
            _ = try journal.append(sampleBatch(count: 20))
            #expect(try journal.records(from: 5, limit: 3).map(\.sequence) == [5, 6, 7])
            #expect(try journal.records(from: 19, limit: 10).map(\.sequence) == [19, 20])
            #expect(try journal.records(from: 21, limit: 10).isEmpty)
            #expect(try journal.records(from: 1_000, limit: 10).isEmpty)
            var replay = try journal.makeReplay(from: 18)
            #expect(try replay.next()?.sequence == 18)
            #expect(try replay.next()?.sequence == 19)
            #expect(try replay.next()?.sequence == 20)
            #expect(try replay.next() == nil)
        }
    }

    @Test(arguments: JournalKind.allCases)
    func replayEndsWhereItWasMadeEvenWhileAppendsContinue(kind: JournalKind) throws {
        try withJournal(kind) { journal throws in
            _ = try journal.append(sampleBatch(count: 10))
            var replay = try journal.makeReplay(chunkSize: 4)
            _ = try journal.append(sampleBatch(count: 10, first: 10))
            var count = 0
            while try replay.next() != nil { count += 1 }
            #expect(count == 10)
            #expect(replay.through == 10)
        }
    }

    @Test
    func bothImplementationsGiveIdenticalResults() throws {
        try withJournal(.sqlite) { sqlite throws in
            let memory = InMemoryJournal()
            for (first, count) in [(0, 13), (13, 1), (14, 60)] {
                let batch = sampleBatch(count: count, first: first, seed: 99)
                #expect(try sqlite.append(batch) == memory.append(batch))
            }
            #expect(try replayAll(sqlite) == replayAll(memory))
            for filter: AuditFilter in [.orderID("O-3"), .actor("zoë"), .kind("limit.changed"), .kindPrefix("limit")] {
                #expect(try sqlite.audit(filter, after: 0, limit: 100) == memory.audit(filter, after: 0, limit: 100))
                #expect(try sqlite.audit(filter, after: 30, limit: 4) == memory.audit(filter, after: 30, limit: 4))
            }
        }
    }
}

@Suite("Journal input limits")
struct JournalInputTests {
    /// A valid record to break one field of.
    static let valid = NewJournalRecord(time: .seconds(1), kind: "order.accepted", actor: "alice", payload: [1, 2])

    static func record(_ change: (inout NewJournalRecord) -> Void) -> NewJournalRecord {
        var record = valid
        change(&record)
        return record
    }

    /// Batches each break one rule, with the error they must produce.
    static let badBatches: [(String, [NewJournalRecord], @Sendable (JournalError) -> Bool)] = [
        ("empty batch", [], { if case .emptyBatch = $0 { true } else { false } }),
        (
            "too many records",
            Array(repeating: valid, count: JournalLimits.recordsPerBatchMax + 1),
            { if case .batchTooLarge(JournalLimits.recordsPerBatchMax + 1, _) = $0 { true } else { false } }
        ),
        (
            "payload one byte over the limit, second in batch",
            [valid, record { $0.payload = Array(repeating: 7, count: JournalLimits.payloadBytesMax + 1) }],
            { if case .payloadTooLarge(1, JournalLimits.payloadBytesMax + 1, _) = $0 { true } else { false } }
        ),
        (
            "batch payload over the limit",
            Array(
                repeating: record { $0.payload = Array(repeating: 7, count: JournalLimits.payloadBytesMax) },
                count: 65
            ),
            { if case .batchPayloadTooLarge = $0 { true } else { false } }
        ),
        ("empty kind", [record { $0.kind = "" }], { isInvalid($0, field: "kind") }),
        ("kind with a space", [record { $0.kind = "order accepted" }], { isInvalid($0, field: "kind") }),
        ("non-ASCII kind", [record { $0.kind = "ordre.accepté" }], { isInvalid($0, field: "kind") }),
        (
            "kind one byte too long",
            [record { $0.kind = String(repeating: "k", count: JournalLimits.textBytesMax + 1) }],
            { isInvalid($0, field: "kind") }
        ),
        ("empty actor", [record { $0.actor = "" }], { isInvalid($0, field: "actor") }),
        ("actor with a newline", [record { $0.actor = "al\nice" }], { isInvalid($0, field: "actor") }),
        (
            "correlation id with a tab", [record { $0.correlationID = "a\tb" }],
            { isInvalid($0, field: "correlationID") }
        ),
        ("order id with the separator", [record { $0.orderIDs = ["A\u{1F}B"] }], { isInvalid($0, field: "orderIDs") }),
        ("empty order id", [record { $0.orderIDs = [""] }], { isInvalid($0, field: "orderIDs") }),
        ("duplicate order id", [record { $0.orderIDs = ["A", "B", "A"] }], { isInvalid($0, field: "orderIDs") }),
        (
            "too many order ids",
            [record { $0.orderIDs = (0...JournalLimits.orderIDsPerRecordMax).map { "O\($0)" } }],
            { isInvalid($0, field: "orderIDs") }
        ),
    ]

    static func isInvalid(_ error: JournalError, field expected: String) -> Bool {
        if case .invalidRecord(_, let field, _) = error { return field == expected }
        return false
    }

    @Test(arguments: JournalKind.allCases, badBatches.indices)
    func rejectedBatchWritesNothing(kind: JournalKind, index: Int) throws {
        let (name, batch, isExpected) = Self.badBatches[index]
        try withJournal(kind) { journal throws in
            // Given a journal holding one record
            _ = try journal.append([Self.valid])
            // When a batch breaking one rule is appended
            let error = #expect(throws: JournalError.self, "\(name)") { try journal.append(batch) }
            // Then the error names the rule, and nothing of the batch was written
            #expect(error.map(isExpected) == true, "\(name): \(String(describing: error))")
            #expect(try journal.latestSequence() == 1)
            #expect(try journal.append([Self.valid]) == 2...2)
        }
    }

    @Test(arguments: JournalKind.allCases)
    func boundaryValuesAreAccepted(kind: JournalKind) throws {
        try withJournal(kind) { journal throws in
            let atLimits = Self.record {
                $0.payload = Array(repeating: 0xAB, count: JournalLimits.payloadBytesMax)
                $0.kind = String(repeating: "k", count: JournalLimits.textBytesMax)
                $0.actor = String(repeating: "a", count: JournalLimits.textBytesMax)
                $0.orderIDs = (0..<JournalLimits.orderIDsPerRecordMax).map { "O\($0)" }
            }
            let empty = Self.record {
                $0.payload = []
                $0.actor = nil
            }
            #expect(try journal.append([atLimits, empty]) == 1...2)
            #expect(try replayAll(journal).map(\.unsequenced) == [atLimits, empty])
            let full = Array(repeating: Self.valid, count: JournalLimits.recordsPerBatchMax)
            #expect(try journal.append(full) == 3...UInt64(2 + JournalLimits.recordsPerBatchMax))
        }
    }

    @Test(arguments: JournalKind.allCases)
    func badReadArgumentsAreRejected(kind: JournalKind) throws {
        try withJournal(kind) { journal throws in
            _ = try journal.append([Self.valid])
            #expect(throws: JournalError.self) { try journal.records(from: 0, limit: 10) }
            #expect(throws: JournalError.self) { try journal.records(from: 1, limit: 0) }
            #expect(throws: JournalError.self) { try journal.records(from: 1, limit: JournalLimits.pageSizeMax + 1) }
            #expect(throws: JournalError.self) { try journal.makeReplay(from: 0) }
            #expect(throws: JournalError.self) { try journal.history(orderID: "") }
            #expect(throws: JournalError.self) { try journal.records(kindPrefix: "limit changed") }
            #expect(throws: JournalError.self) { try journal.actions(actor: "alice", limit: -1) }
        }
    }

    @Test
    func limitsAreConsistent() {
        #expect(JournalLimits.batchPayloadBytesMax >= JournalLimits.payloadBytesMax)
        #expect(JournalLimits.replayChunkDefault <= JournalLimits.pageSizeMax)
        #expect(JournalLimits.recordsPerBatchMax <= JournalLimits.pageSizeMax)
        #expect(JournalLimits.snapshotStateBytesMax < 1_000_000_000)  // SQLite's default SQLITE_MAX_LENGTH
        #expect(JournalLimits.payloadBytesMax < 1_000_000_000)
    }
}
