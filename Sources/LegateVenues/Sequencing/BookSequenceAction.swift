public import LegateModel

/// What to do with a book message, as a venue's sequencer judges it (a state machine that returns actions).
public enum BookSequenceAction: Hashable, Sendable {
    /// Replace the book with this message's levels.
    case applySnapshot
    /// Apply this message's levels to the book.
    case applyDelta
    /// Ignore this message; the book stays as it is.
    case drop(BookDrop)
    /// The book can no longer be trusted: clear it and ask the venue for a fresh snapshot.
    case resync(BookResync)

    /// True for the two apply actions.
    public var applies: Bool {
        switch self {
        case .applySnapshot, .applyDelta: true
        case .drop, .resync: false
        }
    }
}

/// Why a message was ignored.
public enum BookDrop: Hashable, Sendable {
    /// Already applied, or older than what was applied (a duplicate or a late message).
    case stale(received: Int64, lastApplied: Int64)
    /// A delta while the book waits for a snapshot after a resync.
    case awaitingSnapshot
}

/// A request to resynchronise one book, with what was expected and what arrived.
public struct BookResync: Hashable, Sendable, CustomStringConvertible {
    public enum Reason: String, Hashable, Sendable {
        /// A sequence number was skipped.
        case gap
        /// The venue's checksum disagrees with the local book.
        case checksumMismatch
        /// The first delta after the snapshot does not cover the snapshot's sequence number.
        case snapshotOutOfRange
        /// More deltas arrived while waiting for a snapshot than the buffer holds.
        case bufferFull
        /// The book crossed after an apply: an update was lost even though the numbers chained.
        case crossedBook
    }

    public let venue: Venue
    public let reason: Reason
    /// The number the sequencer expected (a previous id, or the next update id), when there is one.
    public let expected: Int64?
    /// The number that arrived instead.
    public let received: Int64?

    public init(venue: Venue, reason: Reason, expected: Int64?, received: Int64?) {
        self.venue = venue
        self.reason = reason
        self.expected = expected
        self.received = received
    }

    public var description: String {
        var text = "\(venue) book resync: \(reason.rawValue)"
        if let expected { text += ", expected \(expected)" }
        if let received { text += ", received \(received)" }
        return text
    }
}
