// Proves a running node stores snapshots without pausing: while a snapshot is being stored the engine goes on
// deciding and the journal goes on committing, the snapshot lands at the exact record its state reflects, and
// recovery from it equals the live engine. Also: a snapshot written by builds before compact snapshots still loads.
import Crypto
import Foundation
import LegateCore
import LegateEngine
import LegateJournal
import LegateModel
import LegateRuntime
import Synchronization
import Testing

/// A journal whose snapshot stores wait until the test lets them through.
final class SnapshotGatedJournal: EventJournal, Sendable {
    let location = "snapshot-gated"
    let inner = InMemoryJournal()
    let snapshotStarted = DispatchSemaphore(value: 0)
    let mayStoreSnapshot = DispatchSemaphore(value: 0)

    func append(_ batch: [NewJournalRecord]) throws(JournalError) -> ClosedRange<UInt64> { try inner.append(batch) }
    func latestSequence() throws(JournalError) -> UInt64 { try inner.latestSequence() }
    func records(from sequence: UInt64, limit: Int) throws(JournalError) -> [JournalRecord] {
        try inner.records(from: sequence, limit: limit)
    }
    func saveSnapshot(_ snapshot: JournalSnapshot) throws(JournalError) {
        snapshotStarted.signal()
        mayStoreSnapshot.wait()
        try inner.saveSnapshot(snapshot)
    }
    func latestSnapshot(atOrBefore sequence: UInt64) throws(JournalError) -> JournalSnapshot? {
        try inner.latestSnapshot(atOrBefore: sequence)
    }
    func audit(_ filter: AuditFilter, after sequence: UInt64, limit: Int) throws(JournalError) -> [JournalRecord] {
        try inner.audit(filter, after: sequence, limit: limit)
    }
}

@Suite struct EngineServiceSnapshotWorkerTests {
    @Test func theEngineAndJournalGoOnWhileASnapshotIsStored() async throws {
        let journal = SnapshotGatedJournal()
        let service = EngineServiceSnapshotTests.tickingService(journal, snapshotEveryRecords: 5)
        let inputs = (0..<25).map { RuntimeFixture.place("w\($0)") }
        for input in inputs.prefix(5) { _ = try await service.submit(input) }
        #expect(journal.snapshotStarted.wait(timeout: .now() + 10) == .success, "no snapshot after 5 records")
        // The snapshot is held: 20 more orders are decided and committed meanwhile (the engine does not wait for
        // it), and the snapshots due at 10, 15 and 20 records wait for this one instead of piling up.
        for input in inputs.dropFirst(5) { _ = try await service.submit(input) }
        #expect(try journal.latestSequence() == 25)
        #expect(service.snapshotStatus.taken == 0)
        journal.mayStoreSnapshot.signal()
        service.stop()
        let status = service.snapshotStatus
        #expect(status.taken == 1 && status.lastError == nil && status.lastSequence == 5)
        let snapshot = try #require(try journal.latestSnapshot(atOrBefore: .max))
        #expect(snapshot.sequence == 5 && snapshot.time == UnixNanos(5_000))
        let (recovered, report) = try Recovery.recover(
            journal: journal.inner,
            configuration: RuntimeFixture.configuration,
            gate: LimitGate()
        )
        #expect(report.snapshotSequence == 5 && report.recordsReplayed == 20)
        #expect(recovered.engine == (try EngineServiceSnapshotTests.liveEngine(inputs)))
    }

    @Test func aSnapshotFromBeforeCompactSnapshotsStillLoads() throws {
        let journal = InMemoryJournal()
        let durable = RuntimeFixture.durable(journal)
        let inputs = (0..<8).map { RuntimeFixture.place("l\($0)") }
        for (index, input) in inputs.enumerated() {
            _ = try durable.process([(input, UnixNanos(Int64(index + 1) * 1_000))])
            if index == 4 {
                // What builds before compact snapshots stored: the canonical form through `BinaryEncoder`.
                let legacy = try BinaryEncoder().encode(durable.engine.state)
                #expect(!EngineState.isCompactSnapshot(legacy))
                try journal.saveSnapshot(
                    JournalSnapshot(
                        sequence: durable.lastSequence,
                        time: UnixNanos(5_000),
                        state: legacy,
                        stateHash: Array(SHA256.hash(data: legacy))
                    )
                )
            }
        }
        let (recovered, report) = try Recovery.recover(
            journal: journal,
            configuration: RuntimeFixture.configuration,
            gate: LimitGate()
        )
        #expect(report.snapshotSequence == 5 && report.recordsReplayed == 3)
        #expect(recovered.engine == durable.engine)
    }

    @Test func aDamagedCompactSnapshotIsRefusedWithItsSequence() throws {
        let journal = InMemoryJournal()
        let durable = RuntimeFixture.durable(journal)
        _ = try durable.process([(RuntimeFixture.place("d0"), UnixNanos(1_000))])
        var bytes = durable.engine.state.snapshotBytes()
        bytes.removeLast(3)
        // A consistent hash over damaged bytes: the damage is found by decoding, not by the hash.
        try journal.saveSnapshot(
            JournalSnapshot(
                sequence: 1,
                time: UnixNanos(1_000),
                state: bytes,
                stateHash: Array(SHA256.hash(data: bytes))
            )
        )
        #expect {
            _ = try Recovery.recover(journal: journal, configuration: RuntimeFixture.configuration, gate: LimitGate())
        } throws: { error in
            guard case RuntimeError.decoding(let sequence, let reason) = error else { return false }
            return sequence == 1 && reason.contains("snapshot") && reason.contains("byte")
        }
    }
}
