/// A compact, deterministic binary encoding for `Codable` values: the journal's payload format.
///
/// Faster and smaller than JSON because it writes no field names for structs' known keys beyond a short key string,
/// no quotes and no number formatting: integers are little-endian varints, doubles their IEEE bits, strings
/// length-prefixed UTF-8. Keyed containers write `count, (key, value)*` in the order fields are encoded, which for
/// synthesized `Codable` is declaration order, so equal values give equal bytes.
public struct BinaryEncoder {
    public init() {}

    /// Encodes `value`, appending to a fresh buffer.
    public func encode(_ value: some Encodable) throws -> [UInt8] {
        let sink = BinarySink()
        try value.encode(to: BinaryEncodingNode(sink: sink))
        return sink.bytes
    }
}

/// The growing output of one encoding.
final class BinarySink {
    var bytes: [UInt8] = []

    init() {
        bytes.reserveCapacity(256)
    }

    func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    func signed(_ value: Int64) {
        // Zig-zag so small negative numbers stay short.
        varint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            varint(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    func double(_ value: Double) {
        let bits = value.bitPattern
        for shift in stride(from: 0, to: 64, by: 8) {
            bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift)))
        }
    }

    /// Reserves a 4-byte slot for a count filled in later (containers do not know their size up front).
    func reserveCount() -> Int {
        let position = bytes.count
        bytes.append(contentsOf: [0, 0, 0, 0])
        return position
    }

    func fill(count: Int, at position: Int) {
        precondition(count <= Int(UInt32.max), "binary container with \(count) elements")
        let value = UInt32(count)
        for index in 0..<4 {
            bytes[position + index] = UInt8(truncatingIfNeeded: value >> UInt32(index * 8))
        }
    }
}

/// Value markers: a decoder checks each against what it expects, so a damaged payload fails loudly.
enum BinaryTag: UInt8 {
    case null = 0
    case falseValue = 1
    case trueValue = 2
    case integer = 3
    case unsigned = 4
    case double = 5
    case string = 6
    case keyed = 7
    case unkeyed = 8
}

struct BinaryEncodingNode: Encoder {
    let sink: BinarySink
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        sink.bytes.append(BinaryTag.keyed.rawValue)
        return KeyedEncodingContainer(BinaryKeyedEncoder<Key>(sink: sink, countPosition: sink.reserveCount()))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        sink.bytes.append(BinaryTag.unkeyed.rawValue)
        return BinaryUnkeyedEncoder(sink: sink, countPosition: sink.reserveCount())
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        BinarySingleValueEncoder(sink: sink)
    }
}

struct BinarySingleValueEncoder: SingleValueEncodingContainer {
    let sink: BinarySink
    var codingPath: [any CodingKey] = []

    mutating func encodeNil() throws { sink.bytes.append(BinaryTag.null.rawValue) }
    mutating func encode(_ value: Bool) throws {
        sink.bytes.append(value ? BinaryTag.trueValue.rawValue : BinaryTag.falseValue.rawValue)
    }
    mutating func encode(_ value: String) throws {
        sink.bytes.append(BinaryTag.string.rawValue)
        sink.string(value)
    }
    mutating func encode(_ value: Double) throws {
        sink.bytes.append(BinaryTag.double.rawValue)
        sink.double(value)
    }
    mutating func encode(_ value: Float) throws { try encode(Double(value)) }
    mutating func encode(_ value: Int) throws { signed(Int64(value)) }
    mutating func encode(_ value: Int8) throws { signed(Int64(value)) }
    mutating func encode(_ value: Int16) throws { signed(Int64(value)) }
    mutating func encode(_ value: Int32) throws { signed(Int64(value)) }
    mutating func encode(_ value: Int64) throws { signed(value) }
    mutating func encode(_ value: UInt) throws { unsigned(UInt64(value)) }
    mutating func encode(_ value: UInt8) throws { unsigned(UInt64(value)) }
    mutating func encode(_ value: UInt16) throws { unsigned(UInt64(value)) }
    mutating func encode(_ value: UInt32) throws { unsigned(UInt64(value)) }
    mutating func encode(_ value: UInt64) throws { unsigned(value) }
    mutating func encode(_ value: some Encodable) throws {
        try value.encode(to: BinaryEncodingNode(sink: sink, codingPath: codingPath))
    }

    private func signed(_ value: Int64) {
        sink.bytes.append(BinaryTag.integer.rawValue)
        sink.signed(value)
    }

    private func unsigned(_ value: UInt64) {
        sink.bytes.append(BinaryTag.unsigned.rawValue)
        sink.varint(value)
    }
}

struct BinaryKeyedEncoder<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let sink: BinarySink
    let countPosition: Int
    var codingPath: [any CodingKey] = []
    private var count = 0

    init(sink: BinarySink, countPosition: Int) {
        self.sink = sink
        self.countPosition = countPosition
    }

    private mutating func key(_ key: Key) -> BinarySingleValueEncoder {
        sink.string(key.stringValue)
        count += 1
        sink.fill(count: count, at: countPosition)
        return BinarySingleValueEncoder(sink: sink)
    }

    mutating func encodeNil(forKey key: Key) throws {
        var value = self.key(key)
        try value.encodeNil()
    }
    mutating func encode(_ value: Bool, forKey key: Key) throws {
        var container = self.key(key)
        try container.encode(value)
    }
    mutating func encode(_ value: String, forKey key: Key) throws {
        var container = self.key(key)
        try container.encode(value)
    }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        var container = self.key(key)
        try container.encode(value)
    }
    mutating func encode(_ value: Int, forKey key: Key) throws {
        var container = self.key(key)
        try container.encode(value)
    }
    mutating func encode(_ value: Int64, forKey key: Key) throws {
        var container = self.key(key)
        try container.encode(value)
    }
    mutating func encode(_ value: UInt64, forKey key: Key) throws {
        var container = self.key(key)
        try container.encode(value)
    }
    mutating func encode(_ value: some Encodable, forKey key: Key) throws {
        var container = self.key(key)
        try container.encode(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type,
        forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        _ = self.key(key)
        return BinaryEncodingNode(sink: sink).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        _ = self.key(key)
        return BinaryEncodingNode(sink: sink).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        sink.string("super")
        count += 1
        sink.fill(count: count, at: countPosition)
        return BinaryEncodingNode(sink: sink)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        _ = self.key(key)
        return BinaryEncodingNode(sink: sink)
    }
}

struct BinaryUnkeyedEncoder: UnkeyedEncodingContainer {
    let sink: BinarySink
    let countPosition: Int
    var codingPath: [any CodingKey] = []
    private(set) var count = 0

    init(sink: BinarySink, countPosition: Int) {
        self.sink = sink
        self.countPosition = countPosition
    }

    private mutating func next() -> BinarySingleValueEncoder {
        count += 1
        sink.fill(count: count, at: countPosition)
        return BinarySingleValueEncoder(sink: sink)
    }

    mutating func encodeNil() throws {
        var value = next()
        try value.encodeNil()
    }
    mutating func encode(_ value: Bool) throws {
        var container = next()
        try container.encode(value)
    }
    mutating func encode(_ value: String) throws {
        var container = next()
        try container.encode(value)
    }
    mutating func encode(_ value: Double) throws {
        var container = next()
        try container.encode(value)
    }
    mutating func encode(_ value: Int) throws {
        var container = next()
        try container.encode(value)
    }
    mutating func encode(_ value: Int64) throws {
        var container = next()
        try container.encode(value)
    }
    mutating func encode(_ value: some Encodable) throws {
        var container = next()
        try container.encode(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    ) -> KeyedEncodingContainer<NestedKey> {
        _ = next()
        return BinaryEncodingNode(sink: sink).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        _ = next()
        return BinaryEncodingNode(sink: sink).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        _ = next()
        return BinaryEncodingNode(sink: sink)
    }
}
