// The journal's compact coding: exact round trips of the primitives, and every kind of damage refused with the type
// and byte offset.
import LegateCore
import Testing

@Suite struct CompactCodingTests {
    func roundTrip<T: CompactCodable & Equatable>(_ value: T) throws -> Int {
        var writer = CompactWriter()
        writer.write(value)
        var reader = CompactReader(bytes: writer.bytes)
        let decoded = try reader.read(T.self)
        #expect(decoded == value)
        #expect(reader.isAtEnd)
        return writer.bytes.count
    }

    @Test func primitivesRoundTripExactly() throws {
        for value in [Int64.min, -1, 0, 1, 63, 64, 127, 128, Int64.max] {
            _ = try roundTrip(FixedDecimal(units: value, scale: 18))
            _ = try roundTrip(UnixNanos(value))
        }
        _ = try roundTrip(Price(FixedDecimal(units: -5, scale: 4)))
        _ = try roundTrip(Quantity(FixedDecimal(units: 123_456_789, scale: 8)))
        _ = try roundTrip(Money(FixedDecimal(units: 25, scale: 1), try Asset("USDC")))
        _ = try roundTrip(try OrderID("O-1/2"))
        _ = try roundTrip("héllo, 世界")
        _ = try roundTrip([true, false])
        _ = try roundTrip([Int.min, 0, Int.max])
        _ = try roundTrip(Optional<Price>.none)
        _ = try roundTrip(Optional(Price(FixedDecimal(7))))
    }

    @Test func scaleIsPartOfTheValueCoded() throws {
        // 1.0 and 1.00 are equal values but the journal keeps the scale the code wrote.
        var writer = CompactWriter()
        writer.write(FixedDecimal(units: 100, scale: 2))
        var reader = CompactReader(bytes: writer.bytes)
        #expect(try reader.read(FixedDecimal.self).scale == 2)
    }

    @Test func smallNumbersAreShort() throws {
        #expect(try roundTrip(FixedDecimal(units: -3, scale: 0)) == 2)
        #expect(try roundTrip(UnixNanos(1_700_000_000_000_000_000)) == 9)
    }

    @Test func truncatedDataIsRefusedWithItsOffset() throws {
        var writer = CompactWriter()
        writer.write(Price(FixedDecimal(units: 1_000_000, scale: 2)))
        var reader = CompactReader(bytes: Array(writer.bytes.dropLast()))
        #expect(throws: CompactDecodingError(type: "byte", offset: 3, reason: "unexpected end of data")) {
            try reader.read(Price.self)
        }
    }

    @Test func badScaleIsRefused() {
        var reader = CompactReader(bytes: [2, 19])
        #expect(throws: CompactDecodingError.self) { try reader.read(FixedDecimal.self) }
    }

    @Test func invalidIdentifiersAndAssetsAreRefused() {
        var writer = CompactWriter()
        writer.string("has space")
        var reader = CompactReader(bytes: writer.bytes)
        do {
            _ = try reader.read(OrderID.self)
            Issue.record("an invalid id decoded")
        } catch {
            #expect(error.type == "order id" && error.offset == 0)
        }
        var assetWriter = CompactWriter()
        assetWriter.string("usd")
        var assetReader = CompactReader(bytes: assetWriter.bytes)
        #expect(throws: CompactDecodingError.self) { try assetReader.read(Asset.self) }
    }

    @Test func aDamagedCountCannotAllocateWithoutBound() {
        var writer = CompactWriter()
        writer.varint(UInt64(Int32.max))
        var reader = CompactReader(bytes: writer.bytes + [1, 2, 3])
        do {
            _ = try reader.array(Int.self)
            Issue.record("a huge count decoded")
        } catch {
            #expect(error.reason.contains("exceeds the 3 bytes left"))
        }
    }

    @Test func overlongVarintsAndBadFlagsAreRefused() {
        var varint = CompactReader(bytes: Array(repeating: 0xFF, count: 11))
        #expect(throws: CompactDecodingError.self) { try varint.varint() }
        var flag = CompactReader(bytes: [7])
        #expect(throws: CompactDecodingError(type: "Bool", offset: 0, reason: "byte 7 is neither 0 nor 1")) {
            try flag.bool()
        }
        var presence = CompactReader(bytes: [2])
        #expect(throws: CompactDecodingError.self) { try presence.optional(Int.self) }
        var text = CompactReader(bytes: [2, 0xC3, 0x28])
        #expect(throws: CompactDecodingError.self) { try text.string() }
    }
}

/// `String(validUTF8:)` must accept exactly what the standard library's validator accepts, and give the same text.
@Suite struct ValidUTF8Tests {
    static func viaFastPath(_ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBufferPointer { String(validUTF8: $0) }
    }

    @Test(
        arguments: [
            [], Array("O0000000001".utf8), Array("BTC-28DEC40-100000-C".utf8), Array("Zürich €5 🚀".utf8),
            [0x80], [0xC0, 0x80], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xFF], [0xF4, 0x90, 0x80, 0x80],
            [0x41, 0xE2, 0x28, 0xA1],
        ] as [[UInt8]]
    )
    func agreesWithTheStandardValidator(bytes: [UInt8]) {
        #expect(Self.viaFastPath(bytes) == String(validating: bytes, as: UTF8.self), "\(bytes)")
    }

    /// Random short byte strings, biased to the lead and continuation bytes where UTF-8 goes wrong.
    @Test func agreesOnRandomBytes() {
        var state: UInt64 = 0x1234_5678
        let interesting: [UInt8] = [
            0x00, 0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF,
        ]
        var valid = 0
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            for shift in stride(from: 0, to: Int(state >> 61) * 8 + 8, by: 8) {
                let pick = UInt8(truncatingIfNeeded: (state >> UInt64(shift % 56)) ^ UInt64(bytes.count))
                bytes.append(pick & 1 == 0 ? interesting[Int(pick >> 1) % interesting.count] : pick)
            }
            let expected = String(validating: bytes, as: UTF8.self)
            if expected != nil { valid += 1 }
            #expect(Self.viaFastPath(bytes) == expected, "\(bytes)")
        }
        #expect(valid > 500, "too few valid samples (\(valid)) to test acceptance")
    }

    @Test func theCompactReaderRefusesInvalidText() {
        var reader = CompactReader(bytes: [2, 0xC0, 0x80])
        #expect {
            _ = try reader.string()
        } throws: { error in
            "\(error)".contains("invalid UTF-8")
        }
    }
}
