/// A hand-written binary encoding for the journal's hot path: the events the engine writes for every order.
///
/// `BinaryEncoder` goes through `Codable` and spends most of its time in containers, boxes and key strings (it was
/// ~60% of the engine's per-order cost). Compact coding writes each field in declaration order with no keys or tags:
/// integers as (zig-zag) varints, strings length-prefixed UTF-8, enums as a case byte. Decoding validates everything
/// it rebuilds (identifiers, assets, scales, case bytes) and names the type and byte offset when data is damaged, so
/// a bad payload fails loudly and never becomes a wrong value. Case numbers and field order are the format: append
/// new cases and fields at the end, and bump the payload version of whoever stores them.
public protocol CompactCodable {
    func write(to writer: inout CompactWriter)
    init(from reader: inout CompactReader) throws(CompactDecodingError)
}

/// Damaged or foreign compact data: what was being read, where, and why it cannot be used.
public struct CompactDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The type being decoded.
    public let type: String
    /// Byte offset in the payload where reading failed.
    public let offset: Int
    public let reason: String

    public init(type: String, offset: Int, reason: String) {
        self.type = type
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "\(type) at byte \(offset): \(reason)" }
}

/// The growing output of a compact encoding.
///
/// Inlinable: every event, request and decision in every module writes through it once per field, so callers must
/// be able to specialize the generic calls (an unspecialized `optional` or `write` instantiates generic metadata and
/// copies the value through witnesses on every call).
public struct CompactWriter {
    @usableFromInline var storage: [UInt8]

    /// What has been written so far.
    @inlinable public var bytes: [UInt8] { storage }

    @inlinable
    public init(reservingCapacity capacity: Int = 256) {
        storage = []
        storage.reserveCapacity(capacity)
    }

    /// Empties the writer but keeps its buffer, so one writer can encode many payloads with one allocation.
    @inlinable
    public mutating func removeAll() {
        storage.removeAll(keepingCapacity: true)
    }

    @inlinable
    public mutating func byte(_ value: UInt8) {
        storage.append(value)
    }

    @inlinable
    public mutating func bool(_ value: Bool) {
        storage.append(value ? 1 : 0)
    }

    @inlinable
    public mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            storage.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        storage.append(UInt8(value))
    }

    /// Zig-zag, so small negative numbers stay short.
    @inlinable
    public mutating func signed(_ value: Int64) {
        varint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    @inlinable
    public mutating func int(_ value: Int) {
        signed(Int64(value))
    }

    @inlinable
    public mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            varint(UInt64(utf8.count))
            storage.append(contentsOf: utf8)
        }
    }

    @inlinable
    public mutating func double(_ value: Double) {
        let bits = value.bitPattern
        for shift in stride(from: 0, to: 64, by: 8) {
            storage.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift)))
        }
    }

    @inlinable
    public mutating func write(_ value: some CompactCodable) {
        value.write(to: &self)
    }

    @inlinable
    public mutating func optional(_ value: (some CompactCodable)?) {
        if let value {
            storage.append(1)
            value.write(to: &self)
        } else {
            storage.append(0)
        }
    }

    @inlinable
    public mutating func array(_ values: [some CompactCodable]) {
        varint(UInt64(values.count))
        for value in values { value.write(to: &self) }
    }
}

/// Reads what `CompactWriter` wrote, checking bounds and values as it goes.
public struct CompactReader {
    public let bytes: [UInt8]
    public private(set) var position: Int

    public init(bytes: [UInt8]) {
        self.bytes = bytes
        self.position = 0
    }

    public var isAtEnd: Bool { position == bytes.count }

    public func failure(_ type: String, _ reason: String) -> CompactDecodingError {
        CompactDecodingError(type: type, offset: position, reason: reason)
    }

    public mutating func byte() throws(CompactDecodingError) -> UInt8 {
        guard position < bytes.count else { throw failure("byte", "unexpected end of data") }
        defer { position += 1 }
        return bytes[position]
    }

    public mutating func bool() throws(CompactDecodingError) -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        case let other:
            position -= 1
            throw failure("Bool", "byte \(other) is neither 0 nor 1")
        }
    }

    public mutating func varint() throws(CompactDecodingError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            guard shift < 64, shift < 63 || next <= 1 else { throw failure("varint", "more than 64 bits") }
            result |= UInt64(next & 0x7F) << shift
            if next < 0x80 { return result }
            shift += 7
        }
    }

    public mutating func signed() throws(CompactDecodingError) -> Int64 {
        let raw = try varint()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    public mutating func int() throws(CompactDecodingError) -> Int {
        let value = try signed()
        guard let narrowed = Int(exactly: value) else { throw failure("Int", "\(value) does not fit") }
        return narrowed
    }

    /// A length or count that must fit in the remaining bytes (each element takes at least one byte), so a damaged
    /// count can never make the reader allocate without bound.
    public mutating func count(_ type: String) throws(CompactDecodingError) -> Int {
        let start = position
        let raw = try varint()
        let left = bytes.count - position
        guard raw <= UInt64(left) else {
            position = start
            throw failure(type, "count \(raw) exceeds the \(left) bytes left")
        }
        return Int(raw)
    }

    public mutating func string() throws(CompactDecodingError) -> String {
        let length = try count("String")
        let range = position..<(position + length)
        let text = bytes.withUnsafeBufferPointer { String(validUTF8: UnsafeBufferPointer(rebasing: $0[range])) }
        guard let text else { throw failure("String", "invalid UTF-8") }
        position += length
        return text
    }

    public mutating func double() throws(CompactDecodingError) -> Double {
        guard bytes.count - position >= 8 else { throw failure("Double", "unexpected end of data") }
        var bits: UInt64 = 0
        for index in 0..<8 {
            bits |= UInt64(bytes[position + index]) << UInt64(index * 8)
        }
        position += 8
        return Double(bitPattern: bits)
    }

    public mutating func read<T: CompactCodable>(_ type: T.Type = T.self) throws(CompactDecodingError) -> T {
        try T(from: &self)
    }

    public mutating func optional<T: CompactCodable>(_ type: T.Type = T.self) throws(CompactDecodingError) -> T? {
        switch try byte() {
        case 0: return nil
        case 1: return try T(from: &self)
        case let other:
            position -= 1
            throw failure("Optional<\(T.self)>", "presence byte \(other) is neither 0 nor 1")
        }
    }

    public mutating func array<T: CompactCodable>(_ type: T.Type = T.self) throws(CompactDecodingError) -> [T] {
        let count = try count("Array<\(T.self)>")
        var values: [T] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try T(from: &self)) }
        return values
    }

    /// A case byte that names none of the type's cases.
    public mutating func unknownCase(_ type: String, _ tag: UInt8) -> CompactDecodingError {
        position -= 1
        return failure(type, "unknown case \(tag)")
    }
}

/// Enums with string raw values code as their raw value, so the journal reads the same words the code uses.
extension CompactCodable where Self: RawRepresentable, RawValue == String {
    public func write(to writer: inout CompactWriter) {
        writer.string(rawValue)
    }

    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        let start = reader.position
        let raw = try reader.string()
        guard let value = Self(rawValue: raw) else {
            throw CompactDecodingError(type: "\(Self.self)", offset: start, reason: "unknown value \"\(raw)\"")
        }
        self = value
    }
}

extension String {
    /// The text `bytes` hold when they are valid UTF-8; nil when they are not.
    ///
    /// Not `String(validating:as:)`: its validator is generic and not specialized for byte buffers, so every call
    /// looked up generic metadata at run time (15% of a journal replay went there). Decoding with repair is
    /// specialized, and the bytes are valid exactly when the decoded text's UTF-8 is those same bytes (a repair
    /// always changes them).
    @inlinable
    public init?(validUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        var text = String(decoding: bytes, as: UTF8.self)
        guard text.withUTF8({ $0.elementsEqual(bytes) }) else { return nil }
        self = text
    }
}
