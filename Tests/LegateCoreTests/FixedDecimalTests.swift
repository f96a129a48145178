// Proves that FixedDecimal is exact: parsing, printing, arithmetic and comparison never round silently, every lossy
// step names its rule, and bad text or overflow gives a typed error instead of a wrong number.
import Foundation
import LegateCore
import Testing

@Suite struct FixedDecimalParsingTests {
    @Test(arguments: [
        ("0.0005", Int64(5), Int8(4)),
        ("-12", -12, 0),
        ("+3.10", 310, 2),
        ("1e-05", 1, 5),
        ("2.5E3", 2500, 0),
        ("0.625", 625, 3),
        ("100000.0", 1_000_000, 1),
        ("5E-4", 5, 4),
    ])
    func parsesExactly(text: String, units: Int64, scale: Int8) throws {
        let value = try FixedDecimal(parsing: text)
        #expect(value.units == units)
        #expect(value.scale == scale)
    }

    @Test(arguments: [
        "", "-", ".", "1.2.3", "12a", "1e", "1e+", "--1", "1_000", " 1", "9223372036854775808", "1e-40",
        "0.1234567890123456789",
    ])
    func rejectsMalformedText(text: String) {
        #expect(throws: FixedDecimalError.self) { try FixedDecimal(parsing: text) }
    }

    @Test func errorNamesTheText() {
        do {
            _ = try FixedDecimal(parsing: "12x4")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("12x4"))
            #expect(error.description.contains("offset 2"))
        }
    }

    @Test func printsWithItsScale() throws {
        #expect(try FixedDecimal(parsing: "0.0500").description == "0.0500")
        #expect(FixedDecimal(units: -5, scale: 3).description == "-0.005")
        #expect(FixedDecimal(units: 123, scale: 0).description == "123")
        #expect(FixedDecimal(units: Int64.min, scale: 18).description == "-9.223372036854775808")
    }

    @Test func descriptionRoundTripsThroughParsing() throws {
        var generator = SplitMix(seed: 7)
        for _ in 0..<2000 {
            let scale = Int8(generator.next() % 19)
            let units = Int64(bitPattern: generator.next())
            let value = FixedDecimal(units: units, scale: scale)
            let parsed = try FixedDecimal(parsing: value.description)
            #expect(parsed.units == value.units && parsed.scale == value.scale)
        }
    }
}

@Suite struct FixedDecimalArithmeticTests {
    @Test func additionAlignsScalesExactly() throws {
        let sum = try FixedDecimal(parsing: "0.1") + FixedDecimal(parsing: "0.02")
        #expect(try sum == FixedDecimal(parsing: "0.12"))
        #expect(sum.scale == 2)
        #expect(try FixedDecimal(parsing: "1.5") - FixedDecimal(parsing: "2.25") == FixedDecimal(parsing: "-0.75"))
    }

    @Test func equalityAndHashIgnoreTrailingZeros() throws {
        let a = try FixedDecimal(parsing: "0.05")
        let b = try FixedDecimal(parsing: "0.0500")
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(Set([a, b]).count == 1)
        #expect(try FixedDecimal(parsing: "-0.1") < FixedDecimal(parsing: "0.05"))
    }

    @Test func multiplicationIsExactOrThrows() throws {
        let product = try FixedDecimal(parsing: "0.0005").multipliedExactly(by: FixedDecimal(parsing: "123.4"))
        #expect(product == (try FixedDecimal(parsing: "0.0617")))
        let huge = FixedDecimal(units: Int64.max / 3, scale: 0)
        #expect(throws: FixedDecimalError.self) { try huge.multipliedExactly(by: 7) }
    }

    @Test func multiplicationDropsOnlyZeroDigitsToFit() throws {
        let a = FixedDecimal(units: 1_000_000_000, scale: 10)  // 0.1
        let b = FixedDecimal(units: 3_000_000_000, scale: 10)  // 0.3
        #expect(try a.multipliedExactly(by: b) == FixedDecimal(parsing: "0.03"))
    }

    @Test func divisionNamesItsRounding() throws {
        let one: FixedDecimal = 1
        let three: FixedDecimal = 3
        #expect(try one.divided(by: three, scale: 4, rounding: .toNearestOrEven) == FixedDecimal(parsing: "0.3333"))
        #expect(try one.divided(by: three, scale: 4, rounding: .up) == FixedDecimal(parsing: "0.3334"))
        #expect(throws: FixedDecimalError.self) { try one.dividedExactly(by: three) }
        #expect(try one.dividedExactly(by: FixedDecimal(parsing: "0.8")) == FixedDecimal(parsing: "1.25"))
        #expect(throws: FixedDecimalError.divisionByZero(dividend: "1")) {
            try one.divided(by: .zero, scale: 2, rounding: .down)
        }
    }

    @Test(arguments: [
        (RoundingRule.towardZero, "2.5", "2", "-2"),
        (.awayFromZero, "2.5", "3", "-3"),
        (.down, "2.5", "2", "-3"),
        (.up, "2.5", "3", "-2"),
        (.toNearestOrEven, "2.5", "2", "-2"),
        (.toNearestOrAwayFromZero, "2.5", "3", "-3"),
        (.toNearestOrEven, "3.5", "4", "-4"),
        (.toNearestOrEven, "2.51", "3", "-3"),
    ])
    func roundingRules(rule: RoundingRule, text: String, positive: String, negative: String) throws {
        let value = try FixedDecimal(parsing: text)
        #expect(try value.rounded(toScale: 0, rule) == FixedDecimal(parsing: positive))
        #expect(try (-value).rounded(toScale: 0, rule) == FixedDecimal(parsing: negative))
    }

    @Test func rescalingRefusesToDropDigits() throws {
        let value = try FixedDecimal(parsing: "1.2500")
        #expect(try value.rescaled(to: 2).description == "1.25")
        #expect(throws: FixedDecimalError.inexact(value: "1.2500", scale: 1)) { try value.rescaled(to: 1) }
        #expect(try value.rescaled(to: 6).description == "1.250000")
    }

    @Test func roundsToTicksAndLots() throws {
        let tick = try FixedDecimal(parsing: "0.0005")
        let price = try FixedDecimal(parsing: "0.01234")
        #expect(try price.rounded(toMultipleOf: tick, .down) == FixedDecimal(parsing: "0.012"))
        #expect(try price.rounded(toMultipleOf: tick, .up) == FixedDecimal(parsing: "0.0125"))
        #expect(try FixedDecimal(parsing: "0.0125").isMultiple(of: tick))
        #expect(!price.isMultiple(of: tick))
        #expect(throws: FixedDecimalError.self) { try price.rounded(toMultipleOf: .zero, .down) }
    }

    @Test func doubleConversionNamesRounding() throws {
        #expect(try FixedDecimal(0.1 + 0.2, scale: 2, rounding: .toNearestOrEven) == FixedDecimal(parsing: "0.3"))
        #expect(try FixedDecimal(-1.005, scale: 2, rounding: .towardZero) == FixedDecimal(parsing: "-1"))
        #expect(throws: FixedDecimalError.notFinite(.infinity)) {
            try FixedDecimal(.infinity, scale: 2, rounding: .down)
        }
        #expect(throws: FixedDecimalError.self) { try FixedDecimal(1e30, scale: 2, rounding: .down) }
        #expect(FixedDecimal(units: 625, scale: 3).doubleValue == 0.625)
    }

    @Test func codableUsesStringsAndRejectsBadText() throws {
        let value = try FixedDecimal(parsing: "2500000.50")
        let json = try JSONEncoder().encode([value])
        #expect(String(decoding: json, as: UTF8.self) == #"["2500000.50"]"#)
        #expect(try JSONDecoder().decode([FixedDecimal].self, from: json) == [value])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([FixedDecimal].self, from: Data(#"["1.2.3"]"#.utf8))
        }
    }
}

/// A tiny seeded generator for deterministic property tests.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
