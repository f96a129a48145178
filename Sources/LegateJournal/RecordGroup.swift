import Crypto
import LegateCore

/// Consecutive records stored as one row of `record_groups` (journal v5).
///
/// A row per record cost an append about 4 µs of SQLite work and a SHA-256 per record, most of the journal's time.
/// A group holds up to `recordsMax` consecutive records of one transaction in one encoded blob, with one chained
/// checksum over all of them, so a batch of a thousand orders writes sixteen rows. Records keep their own sequences
/// inside the group: replay, audit and snapshots still address single records.
enum RecordGroup {
    /// Records one group holds at most: small enough that an audit reading one record decodes and hashes little,
    /// large enough that the row's cost is shared by many records.
    static let recordsMax = 64
    /// The encoding's version, its first byte.
    static let version: UInt8 = 1

    /// Encodes `records` (all of one group, in sequence order) into `bytes`, replacing what it held.
    static func encode(_ records: UnsafeBufferPointer<NewJournalRecord>, into bytes: inout [UInt8]) {
        bytes.removeAll(keepingCapacity: true)
        var writer = GroupWriter(bytes: consume bytes)
        writer.byte(version)
        writer.varint(UInt64(records.count))
        for index in records.indices {
            writer.varint(UInt64(bitPattern: records[index].time.rawValue))
            writer.text(records[index].kind)
            writer.optionalText(records[index].actor)
            writer.optionalText(records[index].correlationID)
            writer.varint(UInt64(records[index].orderIDs.count))
            for orderID in records[index].orderIDs { writer.text(orderID) }
            writer.blob(records[index].payload)
        }
        bytes = writer.bytes
    }

    /// Decodes a group's blob into its records, numbered from `first`; the count must be `last - first + 1`.
    static func decode(
        _ bytes: [UInt8],
        first: UInt64,
        last: UInt64,
        location: String
    ) throws(JournalError) -> [JournalRecord] {
        var reader = GroupReader(bytes: bytes)
        func undecodable(_ reason: String, _ sequence: UInt64 = first) -> JournalError {
            .undecodableColumn(location: location, sequence: sequence, column: "records", reason: reason)
        }
        guard let version = reader.byte(), version == Self.version else {
            throw undecodable("unknown group encoding (first byte is not \(Self.version))")
        }
        guard let count = reader.varint(), last >= first, count == last - first + 1 else {
            throw undecodable("the record count does not match sequences \(first)...\(last)")
        }
        // Every record takes several bytes: a count beyond the blob is damage, refused before anything is reserved.
        guard count <= UInt64(bytes.count) else {
            throw undecodable("\(count) records cannot fit in \(bytes.count) bytes")
        }
        var records: [JournalRecord] = []
        records.reserveCapacity(Int(count))
        for sequence in first...last {
            guard let record = reader.record(sequence) else {
                throw undecodable("record \(sequence) is truncated or not valid UTF-8", sequence)
            }
            records.append(record)
        }
        guard reader.isAtEnd else { throw undecodable("bytes left after the last record", last) }
        return records
    }
}

/// Appends the group encoding: LEB128 varints, length-prefixed UTF-8 and bytes, a 0/1 tag before optionals.
struct GroupWriter {
    private(set) var bytes: [UInt8]

    init(bytes: consuming [UInt8]) { self.bytes = bytes }

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    mutating func varint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func text(_ value: String) {
        varint(UInt64(value.utf8.count))
        bytes.append(contentsOf: value.utf8)
    }

    mutating func optionalText(_ value: String?) {
        guard let value else {
            bytes.append(0)
            return
        }
        bytes.append(1)
        text(value)
    }

    mutating func blob(_ value: [UInt8]) {
        varint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }
}

/// Reads the group encoding without trusting it: every length is checked against what is left, nil on any fault.
struct GroupReader {
    let bytes: [UInt8]
    private var position = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { position == bytes.count }

    mutating func byte() -> UInt8? {
        guard position < bytes.count else { return nil }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func varint() -> UInt64? {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while let next = byte() {
            guard shift < 64, shift < 63 || next <= 1 else { return nil }
            result |= UInt64(next & 0x7F) << shift
            if next < 0x80 { return result }
            shift += 7
        }
        return nil
    }

    /// A length that fits in the bytes left.
    mutating func length() -> Int? {
        guard let raw = varint(), raw <= UInt64(bytes.count - position) else { return nil }
        return Int(raw)
    }

    mutating func text() -> String? {
        guard let length = length() else { return nil }
        defer { position += length }
        let range = position..<(position + length)
        return bytes.withUnsafeBufferPointer { String(validUTF8: UnsafeBufferPointer(rebasing: $0[range])) }
    }

    mutating func optionalText() -> String?? {
        switch byte() {
        case 0: return .some(nil)
        case 1: return text().map { .some($0) }
        default: return nil
        }
    }

    mutating func blob() -> [UInt8]? {
        guard let length = length() else { return nil }
        defer { position += length }
        return Array(bytes[position..<(position + length)])
    }

    mutating func record(_ sequence: UInt64) -> JournalRecord? {
        guard let time = varint(), let kind = text(), let actor = optionalText(),
            let correlationID = optionalText(), let orderCount = length()
        else { return nil }
        var orderIDs: [String] = []
        orderIDs.reserveCapacity(orderCount)
        for _ in 0..<orderCount {
            guard let orderID = text(), !orderID.isEmpty else { return nil }
            orderIDs.append(orderID)
        }
        guard let payload = blob() else { return nil }
        return JournalRecord(
            sequence: sequence,
            time: UnixNanos(Int64(bitPattern: time)),
            kind: kind,
            actor: actor,
            correlationID: correlationID,
            orderIDs: orderIDs,
            payload: payload
        )
    }
}

extension JournalChecksum {
    /// The checksum of a group holding records `first...last` encoded as `bytes`, following a row whose checksum is
    /// `previous`. "G" keeps it apart from a single record's and a snapshot's encoding.
    static func group(previous: [UInt8], first: UInt64, last: UInt64, bytes: [UInt8]) -> SHA256.Digest {
        var hasher = SHA256()
        var header: [UInt8] = [0x47]
        header.append(contentsOf: previous)
        for value in [first, last, UInt64(bytes.count)] {
            withUnsafeBytes(of: value.bigEndian) { header.append(contentsOf: $0) }
        }
        hasher.update(data: header)
        bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return hasher.finalize()
    }
}
