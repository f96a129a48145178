public import LegateCore
public import LegateEngine
public import LegateJournal
internal import LegateModel
internal import LegateOrders

/// Turns the events one input caused into one journal record, and back.
///
/// One record per input (not per event) keeps the journal's row rate at the input rate while every event stays
/// individually addressable inside the payload; the record carries the actor, correlation id and every order the
/// events touch, so audit queries need not decode payloads.
public enum JournalCodec {
    /// The record for `events`, which `input` caused at `time`; nil when the input changed nothing.
    public static func record(
        for events: [Event],
        input: Input,
        at time: UnixNanos
    ) throws(RuntimeError)
        -> NewJournalRecord?
    {
        guard !events.isEmpty else { return nil }
        let payload: [UInt8]
        do {
            payload = try BinaryEncoder().encode(events)
        } catch {
            throw .encoding("events of \(kind(of: input)): \(error)")
        }
        var orderIDs: [String] = []
        var seen: Set<String> = []
        for event in events {
            for id in event.orderIDs where seen.insert(id.rawValue).inserted {
                orderIDs.append(id.rawValue)
            }
        }
        var actor: String?
        var correlationID: String?
        if case .command(let envelope) = input {
            actor = envelope.actor.rawValue
            correlationID = envelope.correlationID
        }
        return NewJournalRecord(
            time: time,
            kind: kind(of: input),
            actor: actor,
            correlationID: correlationID,
            orderIDs: orderIDs,
            payload: payload
        )
    }

    /// The events stored in a record.
    public static func events(in record: JournalRecord) throws(RuntimeError) -> [Event] {
        do {
            return try BinaryDecoder().decode([Event].self, from: record.payload)
        } catch {
            throw .decoding(sequence: record.sequence, reason: "\(error)")
        }
    }

    /// The kind of every record of a limit change (accepted or refused), for the audit of limit changes.
    public static let limitChangeKind = "limit.set"

    /// The record kind for an input: what audit queries select on (`limit.set` gives every limit change).
    public static func kind(of input: Input) -> String {
        switch input {
        case .command(let envelope):
            switch envelope.command {
            case .placeOrder(_, let stage): stage ? "order.stage" : "order.place"
            case .placePackage(_, let stage): stage ? "package.stage" : "package.place"
            case .cancelPackage: "package.cancel"
            case .amend: "order.amend"
            case .cancel: "order.cancel"
            case .cancelAll: "order.cancel_all"
            case .release: "order.release"
            case .approve: "approval.approve"
            case .deny: "approval.deny"
            case .setLimit: limitChangeKind
            case .allocate: "order.allocate"
            }
        case .venueReport(let report):
            switch report {
            case .acknowledged: "venue.ack"
            case .rejected: "venue.reject"
            case .fill: "venue.fill"
            case .cancelled: "venue.cancelled"
            case .cancelRejected: "venue.cancel_rejected"
            case .amended: "venue.amended"
            case .amendRejected: "venue.amend_rejected"
            case .expired: "venue.expired"
            }
        case .mark: "market.mark"
        case .timer: "timer"
        }
    }
}

/// Why the runtime could not process or recover.
public enum RuntimeError: Error, Sendable, CustomStringConvertible {
    case encoding(String)
    case decoding(sequence: UInt64, reason: String)
    case journal(JournalError)
    case replay(sequence: UInt64, ReplayError)
    /// A journal write failed earlier; the in-memory state may be ahead of the journal, so the engine stops and
    /// must be recovered from the journal.
    case stopped(reason: String)

    public var description: String {
        switch self {
        case .encoding(let reason): "cannot encode for the journal: \(reason)"
        case .decoding(let sequence, let reason): "journal record \(sequence) cannot be decoded: \(reason)"
        case .journal(let error): "journal: \(error)"
        case .replay(let sequence, let error): "journal record \(sequence): \(error)"
        case .stopped(let reason): "engine stopped after a journal failure (\(reason)); restart to recover"
        }
    }
}
