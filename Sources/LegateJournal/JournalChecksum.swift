import Crypto
import Foundation
import LegateCore

/// The chained SHA-256 that makes every stored row verifiable on replay.
///
/// A row's checksum covers the previous row's checksum and every field of the row in an unambiguous encoding
/// (fixed-width integers, length-prefixed text and bytes, a tag for absent optionals). Chaining means a changed,
/// removed or reordered row breaks every checksum after it, and the last checksum vouches for the whole history. It
/// guards against corruption and casual tampering, not against someone who rewrites the chain: that needs the head
/// checksum kept elsewhere.
struct JournalChecksum {
    /// SHA-256, kept whole: 32 bytes a row is small next to its payload, and the head can then be published as is.
    static let byteCount = 32
    /// The predecessor of record 1.
    static let genesis = [UInt8](repeating: 0, count: byteCount)

    /// Reused across rows so hashing a batch allocates once.
    private var buffer: [UInt8] = []

    init() {
        buffer.reserveCapacity(512)
    }

    /// The checksum of a record at `sequence` following a row whose checksum is `previous`.
    mutating func record(
        previous: some ContiguousBytes,
        sequence: UInt64,
        time: UnixNanos,
        kind: String,
        actor: String?,
        correlationID: String?,
        orderIDs: [String],
        payload: [UInt8]
    ) -> SHA256.Digest {
        buffer.removeAll(keepingCapacity: true)
        buffer.append(0x45)  // "E": a record, never confused with a snapshot's encoding
        previous.withUnsafeBytes { buffer.append(contentsOf: $0) }
        appendInteger(sequence)
        appendInteger(UInt64(bitPattern: time.rawValue))
        appendText(kind)
        appendOptionalText(actor)
        appendOptionalText(correlationID)
        appendInteger(UInt32(orderIDs.count))
        for orderID in orderIDs { appendText(orderID) }
        appendBytes(payload)
        return SHA256.hash(data: buffer)
    }

    /// The checksum of `record` appended at `sequence` after a row whose checksum is `previous`.
    mutating func record(
        _ record: borrowing NewJournalRecord,
        previous: some ContiguousBytes,
        sequence: UInt64
    ) -> SHA256.Digest {
        self.record(
            previous: previous,
            sequence: sequence,
            time: record.time,
            kind: record.kind,
            actor: record.actor,
            correlationID: record.correlationID,
            orderIDs: record.orderIDs,
            payload: record.payload
        )
    }

    /// The checksum of a snapshot, anchored to the checksum of the event it was taken at, so a snapshot cannot be
    /// paired with a rewritten history.
    mutating func snapshot(_ snapshot: JournalSnapshot, eventChecksum: [UInt8]) -> SHA256.Digest {
        buffer.removeAll(keepingCapacity: true)
        buffer.append(0x53)  // "S"
        buffer.append(contentsOf: eventChecksum)
        appendInteger(snapshot.sequence)
        appendInteger(UInt64(bitPattern: snapshot.time.rawValue))
        appendBytes(snapshot.stateHash)
        var hasher = SHA256()
        hasher.update(data: buffer)
        // The state may be hundreds of megabytes: hash it in place rather than copy it into the buffer.
        var length = UInt64(snapshot.state.count).bigEndian
        withUnsafeBytes(of: &length) { hasher.update(bufferPointer: $0) }
        snapshot.state.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return hasher.finalize()
    }

    private mutating func appendInteger(_ value: some FixedWidthInteger) {
        var bigEndian = value.bigEndian
        withUnsafeBytes(of: &bigEndian) { buffer.append(contentsOf: $0) }
    }

    private mutating func appendText(_ text: String) {
        appendInteger(UInt32(text.utf8.count))
        buffer.append(contentsOf: text.utf8)
    }

    private mutating func appendOptionalText(_ text: String?) {
        if let text {
            buffer.append(1)
            appendText(text)
        } else {
            buffer.append(0)
        }
    }

    private mutating func appendBytes(_ bytes: [UInt8]) {
        appendInteger(UInt64(bytes.count))
        buffer.append(contentsOf: bytes)
    }
}

extension SHA256.Digest {
    /// Compares with stored bytes without allocating.
    func matches(_ stored: [UInt8]) -> Bool {
        stored.count == SHA256.Digest.byteCount && elementsEqual(stored)
    }
}
