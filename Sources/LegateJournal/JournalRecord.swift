public import LegateCore

/// One event as the journal stores it: opaque payload bytes plus the metadata that audit queries index.
///
/// The journal is generic over the engine's event type: the engine encodes its event into `payload` and names it in
/// `kind`, so this module never depends on engine types and old journals stay readable when event types evolve.
/// `sequence` is assigned by the journal, strictly increasing from 1 with no gaps; it is the total order replay
/// follows.
public struct JournalRecord: Hashable, Sendable {
    /// The journal-wide position, from 1, without gaps.
    public var sequence: UInt64
    /// The engine's time when it produced the event (an input to the engine, never a clock read by the journal).
    public var time: UnixNanos
    /// What happened, dotted and lower case by convention (`order.accepted`, `limit.changed`).
    public var kind: String
    /// The user whose command caused the event, when there is one.
    public var actor: String?
    /// Ties the event to the request or package that caused it.
    public var correlationID: String?
    /// Every order the event touches (a package event touches all its legs' orders).
    public var orderIDs: [String]
    /// The engine's encoding of the event.
    public var payload: [UInt8]

    public init(
        sequence: UInt64,
        time: UnixNanos,
        kind: String,
        actor: String? = nil,
        correlationID: String? = nil,
        orderIDs: [String] = [],
        payload: [UInt8]
    ) {
        self.sequence = sequence
        self.time = time
        self.kind = kind
        self.actor = actor
        self.correlationID = correlationID
        self.orderIDs = orderIDs
        self.payload = payload
    }

    /// The record as it was appended, without the sequence the journal assigned.
    public var unsequenced: NewJournalRecord {
        NewJournalRecord(
            time: time,
            kind: kind,
            actor: actor,
            correlationID: correlationID,
            orderIDs: orderIDs,
            payload: payload
        )
    }
}

/// A record to append: everything but the sequence, which only the journal assigns.
///
/// Keeping the sequence out of the caller's hands is what makes "no gaps, strictly increasing" a property of the
/// journal rather than a promise every caller has to keep.
public struct NewJournalRecord: Hashable, Sendable {
    public var time: UnixNanos
    public var kind: String
    public var actor: String?
    public var correlationID: String?
    public var orderIDs: [String]
    public var payload: [UInt8]

    public init(
        time: UnixNanos,
        kind: String,
        actor: String? = nil,
        correlationID: String? = nil,
        orderIDs: [String] = [],
        payload: [UInt8]
    ) {
        self.time = time
        self.kind = kind
        self.actor = actor
        self.correlationID = correlationID
        self.orderIDs = orderIDs
        self.payload = payload
    }

    /// This record at the position the journal gave it.
    public func sequenced(_ sequence: UInt64) -> JournalRecord {
        JournalRecord(
            sequence: sequence,
            time: time,
            kind: kind,
            actor: actor,
            correlationID: correlationID,
            orderIDs: orderIDs,
            payload: payload
        )
    }
}
