public import LegateCore
public import LegateEngine
public import LegateJournal
internal import LegateModel
internal import LegateOrders

/// Turns the events one input caused into one journal record (several when it touches more orders than a record
/// may index), and back.
///
/// One record per input (not per event) keeps the journal's row rate at the input rate while every event stays
/// individually addressable inside the payload; the record carries the actor, correlation id and every order the
/// events touch, so audit queries need not decode payloads.
public enum JournalCodec {
    /// Appends the records for the events among `outputs`, which `input` caused at `time`: none when the input
    /// changed nothing, one as a rule.
    ///
    /// An input touching more orders than one record may index (a cancel-all over a large book, a timer tick that
    /// ends hundreds of good-till-date orders) gets several consecutive records, each within the journal's limits,
    /// and the correlation id column is cut to what the journal accepts (the payload keeps it whole): one input
    /// must never make the journal refuse its whole batch, which would stop the engine for every client.
    /// Reads the events straight out of the outputs: this runs once per input on the writer's hot path.
    public static func appendRecords(
        for outputs: [Output],
        input: Input,
        at time: UnixNanos,
        to records: inout [NewJournalRecord]
    ) {
        // Through the buffer: an event read out of the array (even by index) is a copy, retaining all it holds.
        outputs.withUnsafeBufferPointer { outputs in
            appendRecords(for: outputs, input: input, at: time, to: &records)
        }
    }

    static func appendRecords(
        for outputs: UnsafeBufferPointer<Output>,
        input: Input,
        at time: UnixNanos,
        to records: inout [NewJournalRecord]
    ) {
        var eventCount = 0
        for index in outputs.indices {
            if case .event = outputs[index] { eventCount += 1 }
        }
        guard eventCount > 0 else { return }
        var header = RecordHeader(time: time, kind: kind(of: input))
        if case .command(let envelope) = input {
            header.actor = envelope.actor.rawValue
            header.correlationID = journalText(envelope.correlationID)
        }
        // One pass over the events. Few orders per record: a linear scan beats hashing them into a set.
        var orderIDs: [String] = []
        var writer = CompactWriter(reservingCapacity: 96 * eventCount)
        writer.byte(payloadVersion)
        writer.varint(UInt64(eventCount))
        for index in outputs.indices {
            guard case .event(let event) = outputs[index] else { continue }
            event.forEachOrderID { id in
                if !orderIDs.contains(id.rawValue) { orderIDs.append(id.rawValue) }
            }
            event.write(to: &writer)
        }
        guard orderIDs.count > JournalLimits.orderIDsPerRecordMax else {
            records.append(header.record(orderIDs: orderIDs, payload: writer.bytes))
            return
        }
        appendSplit(Array(outputs), header, to: &records)
    }

    /// The fields every record of one input shares.
    struct RecordHeader {
        let time: UnixNanos
        let kind: String
        var actor: String?
        var correlationID: String?

        func record(orderIDs: [String], payload: [UInt8]) -> NewJournalRecord {
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

    /// Splits the events of one input across consecutive records of at most `orderIDsPerRecordMax` orders each,
    /// keeping their order (replay applies the records in sequence, so it sees the same events in the same order).
    static func appendSplit(_ outputs: [Output], _ header: RecordHeader, to records: inout [NewJournalRecord]) {
        var events: [Event] = []
        var orderIDs: [String] = []
        func flush() {
            var writer = CompactWriter(reservingCapacity: 96 * events.count)
            writer.byte(payloadVersion)
            writer.varint(UInt64(events.count))
            for event in events { event.write(to: &writer) }
            records.append(header.record(orderIDs: orderIDs, payload: writer.bytes))
            events.removeAll(keepingCapacity: true)
            orderIDs.removeAll(keepingCapacity: true)
        }
        for case .event(let event) in outputs {
            var touched = orderIDs
            event.forEachOrderID { id in
                if !touched.contains(id.rawValue) { touched.append(id.rawValue) }
            }
            if touched.count > JournalLimits.orderIDsPerRecordMax && !events.isEmpty {
                flush()
                event.forEachOrderID { id in
                    if !orderIDs.contains(id.rawValue) { orderIDs.append(id.rawValue) }
                }
            } else {
                orderIDs = touched
            }
            events.append(event)
        }
        if !events.isEmpty { flush() }
    }

    /// `text` as the journal's text columns take it: 1...128 bytes without control characters (nil when empty).
    static func journalText(_ text: String) -> String? {
        let limit = JournalLimits.textBytesMax
        var bytes = text
        // In place over the string's storage: every order's correlation id passes here.
        if !text.isEmpty && text.utf8.count <= limit
            && bytes.withUTF8({ $0.allSatisfy { $0 >= 0x20 && $0 != 0x7F } })
        {
            return text
        }
        var result = ""
        for character in text {
            let safe = character.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F } ? character : "?"
            guard result.utf8.count + String(safe).utf8.count <= limit else { break }
            result.append(safe)
        }
        return result.isEmpty ? nil : result
    }

    /// The format of record payloads: a version byte, then the events in compact coding (`CompactCodable`).
    /// Bump it when a case or field of an event changes; readers refuse versions they do not know.
    public static let payloadVersion: UInt8 = 2

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
            case .setHedgePolicy: "hedge.set"
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
        case .settlement: "position.settle"
        case .restarted: "node.restarted"
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
