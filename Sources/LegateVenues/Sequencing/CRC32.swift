/// CRC-32 as in IEEE 802.3, zlib and PNG (reflected polynomial 0xEDB88320, initial and final XOR 0xFFFFFFFF), the
/// checksum OKX puts on its books.
public struct CRC32: Hashable, Sendable {
    /// The running register, before the final XOR.
    @usableFromInline var register: UInt32 = 0xFFFF_FFFF

    public init() {}

    static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 {
            value = value & 1 == 1 ? (value >> 1) ^ 0xEDB8_8320 : value >> 1
        }
        return value
    }

    @inlinable
    public mutating func update(_ byte: UInt8) {
        let index = Int((register ^ UInt32(byte)) & 0xFF)
        register = (register >> 8) ^ CRC32.lookup(index)
    }

    public mutating func update(_ bytes: some Sequence<UInt8>) {
        for byte in bytes { update(byte) }
    }

    @usableFromInline
    static func lookup(_ index: Int) -> UInt32 { table[index] }

    /// The checksum of everything fed so far.
    public var value: UInt32 { register ^ 0xFFFF_FFFF }

    /// The checksum as the signed 32-bit integer OKX sends.
    public var signedValue: Int32 { Int32(bitPattern: value) }

    /// The checksum of a byte sequence.
    public static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var crc = CRC32()
        crc.update(bytes)
        return crc.value
    }
}
