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
    /// The record for the events among `outputs`, which `input` caused at `time`; nil when the input changed nothing.
    ///
    /// Reads the events straight out of the outputs: this runs once per input on the writer's hot path.
    public static func record(
        for outputs: [Output],
        input: Input,
        at time: UnixNanos
    ) -> NewJournalRecord? {
        var eventCount = 0
        for case .event in outputs { eventCount += 1 }
        guard eventCount > 0 else { return nil }
        var writer = CompactWriter(reservingCapacity: 96 * eventCount)
        writer.byte(payloadVersion)
        writer.varint(UInt64(eventCount))
        // Few orders per record: a linear scan beats hashing them into a set.
        var orderIDs: [String] = []
        for case .event(let event) in outputs {
            event.write(to: &writer)
            event.forEachOrderID { id in
                if !orderIDs.contains(id.rawValue) { orderIDs.append(id.rawValue) }
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
            payload: writer.bytes
        )
    }

    /// The format of record payloads: a version byte, then the events in compact coding (`CompactCodable`).
    /// Bump it when a case or field of an event changes; readers refuse versions they do not know.
    public static let payloadVersion: UInt8 = 1

    /// The events stored in a record.
    public static func events(in record: JournalRecord) throws(RuntimeError) -> [Event] {
        var reader = CompactReader(bytes: record.payload)
        do throws(CompactDecodingError) {
            let version = try reader.byte()
            guard version == payloadVersion else {
                throw reader.failure("payload", "format version \(version); this build reads \(payloadVersion)")
            }
            let events = try reader.array(Event.self)
            guard reader.isAtEnd else {
                throw reader.failure("payload", "\(record.payload.count - reader.position) trailing bytes")
            }
            return events
        } catch {
            throw .decoding(sequence: record.sequence, reason: error.description)
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
