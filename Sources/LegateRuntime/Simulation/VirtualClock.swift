public import LegateCore
internal import Synchronization

/// Simulated time for a running `EngineService`: the simulation sets it, the writer thread reads it.
///
/// The simulation sets the time of an instant, submits that instant's inputs and waits for all of them to be
/// committed before it moves the clock on, so every input is stamped with its instant whatever way the writer
/// batches them: the same seed and configuration give the same journal, byte for byte.
public final class VirtualClock: Sendable {
    private let nanos: Atomic<Int64>

    public init(start: UnixNanos) {
        nanos = Atomic(start.rawValue)
    }

    /// The current simulated time.
    public var now: UnixNanos { UnixNanos(nanos.load(ordering: .acquiring)) }

    /// The clock as `EngineService` takes it.
    public var reading: @Sendable () -> UnixNanos {
        { [self] in now }
    }

    /// Moves the clock to `time`; it never goes backwards.
    public func set(_ time: UnixNanos) {
        precondition(time >= now, "virtual time moved backwards: \(time) before \(now)")
        nanos.store(time.rawValue, ordering: .releasing)
    }
}
