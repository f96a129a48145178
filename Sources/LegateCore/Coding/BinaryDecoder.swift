/// Decodes what `BinaryEncoder` wrote.
///
/// Keyed containers are read in the order they were written, which is what synthesized `Codable` does on both
/// sides; a key asked out of order is reported as missing. Every value carries a tag, so damaged bytes give a
/// `DecodingError` naming the coding path and offset, never a wrong value.
public struct BinaryDecoder {
    public init() {}

    public func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        let reader = BinaryReader(bytes: bytes)
        let value = try T(from: BinaryDecodingNode(reader: reader, codingPath: []))
        guard reader.position == bytes.count else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: [],
                    debugDescription: "\(bytes.count - reader.position) trailing bytes after the value"
                )
            )
        }
        return value
    }
}

final class BinaryReader {
    let bytes: [UInt8]
    var position = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    func corrupt(_ path: [any CodingKey], _ what: String) -> DecodingError {
        .dataCorrupted(.init(codingPath: path, debugDescription: "\(what) at byte \(position)"))
    }

    func byte(_ path: [any CodingKey]) throws -> UInt8 {
        guard position < bytes.count else { throw corrupt(path, "unexpected end of data") }
        defer { position += 1 }
        return bytes[position]
    }

    func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    func expect(_ tag: BinaryTag, _ path: [any CodingKey]) throws {
        let found = try byte(path)
        guard found == tag.rawValue else {
            position -= 1
            throw corrupt(path, "expected \(tag), found tag \(found)")
        }
    }

    func varint(_ path: [any CodingKey]) throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte(path)
            guard shift < 64 else { throw corrupt(path, "varint too long") }
            result |= UInt64(next & 0x7F) << shift
            if next & 0x80 == 0 { return result }
            shift += 7
        }
    }

    func signed(_ path: [any CodingKey]) throws -> Int64 {
        let raw = try varint(path)
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    func string(_ path: [any CodingKey]) throws -> String {
        let length = Int(try varint(path))
        guard length <= bytes.count - position else { throw corrupt(path, "string of \(length) bytes overruns") }
        defer { position += length }
        return String(decoding: bytes[position..<(position + length)], as: UTF8.self)
    }

    func double(_ path: [any CodingKey]) throws -> Double {
        guard bytes.count - position >= 8 else { throw corrupt(path, "unexpected end of data") }
        var bits: UInt64 = 0
        for index in 0..<8 { bits |= UInt64(bytes[position + index]) << UInt64(index * 8) }
        position += 8
        return Double(bitPattern: bits)
    }

    func count(_ path: [any CodingKey]) throws -> Int {
        guard bytes.count - position >= 4 else { throw corrupt(path, "unexpected end of data") }
        var value: UInt32 = 0
        for index in 0..<4 { value |= UInt32(bytes[position + index]) << UInt32(index * 8) }
        position += 4
        return Int(value)
    }
}

struct BinaryDecodingNode: Decoder {
    let reader: BinaryReader
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        try reader.expect(.keyed, codingPath)
        let count = try reader.count(codingPath)
        return KeyedDecodingContainer(BinaryKeyedDecoder<Key>(reader: reader, codingPath: codingPath, remaining: count))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try reader.expect(.unkeyed, codingPath)
        let count = try reader.count(codingPath)
        return BinaryUnkeyedDecoder(reader: reader, codingPath: codingPath, count: count)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        BinarySingleValueDecoder(reader: reader, codingPath: codingPath)
    }
}

struct BinarySingleValueDecoder: SingleValueDecodingContainer {
    let reader: BinaryReader
    var codingPath: [any CodingKey]

    func decodeNil() -> Bool {
        guard reader.peek() == BinaryTag.null.rawValue else { return false }
        reader.position += 1
        return true
    }

    func decode(_ type: Bool.Type) throws -> Bool {
        let tag = try reader.byte(codingPath)
        switch tag {
        case BinaryTag.trueValue.rawValue: return true
        case BinaryTag.falseValue.rawValue: return false
        default:
            reader.position -= 1
            throw reader.corrupt(codingPath, "expected a Bool, found tag \(tag)")
        }
    }

    func decode(_ type: String.Type) throws -> String {
        try reader.expect(.string, codingPath)
        return try reader.string(codingPath)
    }

    func decode(_ type: Double.Type) throws -> Double {
        try reader.expect(.double, codingPath)
        return try reader.double(codingPath)
    }

    func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }

    func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        let tag = try reader.byte(codingPath)
        let value: T?
        switch tag {
        case BinaryTag.integer.rawValue: value = T(exactly: try reader.signed(codingPath))
        case BinaryTag.unsigned.rawValue: value = T(exactly: try reader.varint(codingPath))
        default:
            reader.position -= 1
            throw reader.corrupt(codingPath, "expected an integer, found tag \(tag)")
        }
        guard let value else { throw reader.corrupt(codingPath, "integer out of range for \(T.self)") }
        return value
    }

    func decode(_ type: Int.Type) throws -> Int { try integer(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try T(from: BinaryDecodingNode(reader: reader, codingPath: codingPath))
    }
}

final class BinaryKeyedDecoder<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let reader: BinaryReader
    let codingPath: [any CodingKey]
    var remaining: Int

    init(reader: BinaryReader, codingPath: [any CodingKey], remaining: Int) {
        self.reader = reader
        self.codingPath = codingPath
        self.remaining = remaining
    }

    /// The next key without consuming it.
    private func peekKey() -> String? {
        guard remaining > 0 else { return nil }
        let saved = reader.position
        defer { reader.position = saved }
        return try? reader.string(codingPath)
    }

    var allKeys: [Key] { peekKey().flatMap(Key.init(stringValue:)).map { [$0] } ?? [] }

    func contains(_ key: Key) -> Bool { peekKey() == key.stringValue }

    private func take(_ key: Key) throws -> BinarySingleValueDecoder {
        guard peekKey() == key.stringValue else {
            throw DecodingError.keyNotFound(
                key,
                .init(
                    codingPath: codingPath,
                    debugDescription: "key \(key.stringValue) not next at byte \(reader.position)"
                )
            )
        }
        _ = try reader.string(codingPath)
        remaining -= 1
        return BinarySingleValueDecoder(reader: reader, codingPath: codingPath + [key])
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        guard contains(key) else { return true }
        let saved = (reader.position, remaining)
        let value = try take(key)
        if value.decodeNil() { return true }
        (reader.position, remaining) = saved
        return false
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try take(key).decode(type)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard contains(key) else { return nil }
        let value = try take(key)
        if value.decodeNil() { return nil }
        return try value.decode(type)
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try take(key).decode(type) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try take(key).decode(type) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try take(key).decode(type) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try take(key).decode(type) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try take(key).decode(type) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try take(key).decode(type) }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type,
        forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        let value = try take(key)
        return try BinaryDecodingNode(reader: reader, codingPath: value.codingPath).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        let value = try take(key)
        return try BinaryDecodingNode(reader: reader, codingPath: value.codingPath).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        _ = try reader.string(codingPath)
        remaining -= 1
        return BinaryDecodingNode(reader: reader, codingPath: codingPath)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        let value = try take(key)
        return BinaryDecodingNode(reader: reader, codingPath: value.codingPath)
    }
}

struct BinaryUnkeyedDecoder: UnkeyedDecodingContainer {
    let reader: BinaryReader
    var codingPath: [any CodingKey]
    let count: Int?
    var currentIndex = 0

    init(reader: BinaryReader, codingPath: [any CodingKey], count: Int) {
        self.reader = reader
        self.codingPath = codingPath
        self.count = count
    }

    var isAtEnd: Bool { currentIndex >= (count ?? 0) }

    private mutating func next() throws -> BinarySingleValueDecoder {
        guard !isAtEnd else { throw reader.corrupt(codingPath, "read past the end of a \(count ?? 0)-element list") }
        currentIndex += 1
        return BinarySingleValueDecoder(reader: reader, codingPath: codingPath)
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, reader.peek() == BinaryTag.null.rawValue else { return false }
        reader.position += 1
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next().decode(type) }
    mutating func decode(_ type: Bool.Type) throws -> Bool { try next().decode(type) }
    mutating func decode(_ type: String.Type) throws -> String { try next().decode(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try next().decode(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try next().decode(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try next().decode(type) }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        _ = try next()
        return try BinaryDecodingNode(reader: reader, codingPath: codingPath).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        _ = try next()
        return try BinaryDecodingNode(reader: reader, codingPath: codingPath).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        _ = try next()
        return BinaryDecodingNode(reader: reader, codingPath: codingPath)
    }
}
