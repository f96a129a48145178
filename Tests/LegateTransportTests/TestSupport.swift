// Helpers for the transport tests: a clock that records every wait, and a bounded wait for a condition.
import LegateCore
import LegateTransport
import Synchronization
import Testing

/// The system clock, recording each sleep it is asked for; sleeps longer than `cap` are cut to `cap` so that a
/// test never waits on a production-sized delay, while the recorded value stays what the code asked for.
final class RecordingClock: TransportClock {
    private let base = SystemTransportClock()
    private let recorded = Mutex<[Int64]>([])
    let cap: Int64

    init(cap: Int64 = .max) { self.cap = cap }

    func now() -> UnixNanos { base.now() }

    func sleep(nanos: Int64) async throws {
        recorded.withLock { $0.append(nanos) }
        try await base.sleep(nanos: min(nanos, cap))
    }

    var sleeps: [Int64] { recorded.withLock { $0 } }
}

/// Polls `condition` every millisecond until it holds, for at most `seconds`: generous, because the whole suite runs in
/// parallel on two cores and CPU-bound tests can hold the cooperative pool for a long time; a passing test waits only
/// as long as its condition takes.
func eventually(
    within seconds: Int = 120,
    _ what: String,
    _ condition: @Sendable () async -> Bool
) async throws {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: .seconds(seconds))
    while clock.now < deadline {
        if await condition() { return }
        try await Task.sleep(for: .milliseconds(1))
    }
    Issue.record("timed out waiting for \(what)")
}

/// Values gathered from concurrent tasks, for assertions.
final class Collected<Value: Sendable>: Sendable {
    private let values = Mutex<[Value]>([])

    func append(_ value: Value) { values.withLock { $0.append(value) } }
    var all: [Value] { values.withLock { $0 } }
    var count: Int { values.withLock { $0.count } }

    /// `append`, as the async callback a supervisor takes.
    var record: @Sendable (Value) async -> Void { { self.append($0) } }
}
