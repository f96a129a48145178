public import LegateCore

/// The engine's state encoded at one sequence, so recovery replays only the events after it.
///
/// Replay is `latestSnapshot(atOrBefore:)` + every record after `sequence`. `stateHash` is the engine's own hash of the
/// state, kept so a replay can prove it rebuilt the same state the live engine had (replay == live).
public struct JournalSnapshot: Hashable, Sendable {
    /// The last event folded into `state`; it must already be in the journal.
    public var sequence: UInt64
    /// The engine time of the snapshot.
    public var time: UnixNanos
    /// The engine's encoding of its state.
    public var state: [UInt8]
    /// The engine's hash of its state (1–64 bytes).
    public var stateHash: [UInt8]

    public init(sequence: UInt64, time: UnixNanos, state: [UInt8], stateHash: [UInt8]) {
        self.sequence = sequence
        self.time = time
        self.state = state
        self.stateHash = stateHash
    }
}
