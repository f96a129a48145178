// Proves the binary journal encoding: values round-trip exactly (integers at their extremes, doubles bit for bit,
// optionals, nested enums with payloads, collections), equal values give equal bytes, and damaged or truncated bytes
// fail with a DecodingError instead of producing a wrong value.
import LegateCore
import Testing

struct Sample: Codable, Equatable {
    enum Shape: Codable, Equatable {
        case point
        case circle(radius: Double)
        case labelled(String, Int64)
    }
    var id: UInt64
    var name: String
    var note: String?
    var amount: FixedDecimal
    var shapes: [Shape]
    var flags: [Bool]
    var small: Int8
    var big: Int64
}

@Suite struct BinaryCodingTests {
    let sample = Sample(
        id: UInt64.max,
        name: "BTC-27DEC24-60000-C ✓",
        note: nil,
        amount: FixedDecimal(units: -12_345, scale: 4),
        shapes: [.point, .circle(radius: -0.0), .labelled("x", Int64.min)],
        flags: [true, false],
        small: -128,
        big: Int64.max
    )

    @Test func roundTripsExactly() throws {
        let bytes = try BinaryEncoder().encode(sample)
        let decoded = try BinaryDecoder().decode(Sample.self, from: bytes)
        #expect(decoded == sample)
        if case .circle(let radius) = decoded.shapes[1] { #expect(radius.sign == .minus) }
        var withNote = sample
        withNote.note = "present"
        #expect(try BinaryDecoder().decode(Sample.self, from: BinaryEncoder().encode(withNote)) == withNote)
    }

    @Test func equalValuesGiveEqualBytes() throws {
        #expect(try BinaryEncoder().encode(sample) == BinaryEncoder().encode(sample))
    }

    @Test func truncatedOrDamagedBytesFail() throws {
        let bytes = try BinaryEncoder().encode(sample)
        for cut in stride(from: 0, to: bytes.count - 1, by: 3) {
            #expect(throws: DecodingError.self) { try BinaryDecoder().decode(Sample.self, from: Array(bytes[0..<cut])) }
        }
        #expect(throws: DecodingError.self) { try BinaryDecoder().decode(Sample.self, from: bytes + [0]) }
        var damaged = bytes
        damaged[0] = 42
        #expect(throws: DecodingError.self) { try BinaryDecoder().decode(Sample.self, from: damaged) }
    }

    @Test func integersOutOfRangeAreRefused() throws {
        let bytes = try BinaryEncoder().encode([Int64(300)])
        #expect(throws: DecodingError.self) { try BinaryDecoder().decode([Int8].self, from: bytes) }
    }
}
