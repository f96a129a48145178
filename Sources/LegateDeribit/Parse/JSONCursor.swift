/// A strict forward reader over JSON bytes for the fast book path: no allocation, no escapes in strings, numbers
/// read exactly as decimal units and scale.
///
/// It reads only what the book scanner needs and fails on anything else; the Codable path reads everything.
struct JSONCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    func malformed(_ reason: @autoclosure () -> String) -> DeribitParseError {
        .malformed(offset: index, reason: reason())
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            index &+= 1
        }
    }

    @inline(__always)
    mutating func expect(_ byte: UInt8) throws(DeribitParseError) {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == byte else {
            throw malformed("expected \"\(Character(Unicode.Scalar(byte)))\"")
        }
        index &+= 1
    }

    /// The next key of an object (after `{` was read), or nil at its `}`.
    @inline(__always)
    mutating func nextKey(first: inout Bool) throws(DeribitParseError) -> Range<Int>? {
        skipWhitespace()
        guard index < bytes.count else { throw malformed("unterminated object") }
        if bytes[index] == UInt8(ascii: "}") {
            index &+= 1
            return nil
        }
        if !first { try expect(UInt8(ascii: ",")) }
        first = false
        let key = try string()
        try expect(UInt8(ascii: ":"))
        return key
    }

    /// Moves to the next element of an array (after `[` was read); false at its `]`.
    @inline(__always)
    mutating func nextElement(first: inout Bool) throws(DeribitParseError) -> Bool {
        skipWhitespace()
        guard index < bytes.count else { throw malformed("unterminated array") }
        if bytes[index] == UInt8(ascii: "]") {
            index &+= 1
            return false
        }
        if !first { try expect(UInt8(ascii: ",")) }
        first = false
        return true
    }

    /// A string's bytes (without quotes); escapes are refused, no book field has them.
    @inline(__always)
    mutating func string() throws(DeribitParseError) -> Range<Int> {
        try expect(UInt8(ascii: "\""))
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index &+= 1
                return start..<(index &- 1)
            }
            if byte == UInt8(ascii: "\\") { throw malformed("escape in a string") }
            index &+= 1
        }
        throw malformed("unterminated string")
    }

    /// True when the bytes in `range` are exactly `literal`.
    @inline(__always)
    func equals(_ range: Range<Int>, _ literal: StaticString) -> Bool {
        guard range.count == literal.utf8CodeUnitCount else { return false }
        let pointer = literal.utf8Start
        var offset = 0
        while offset < range.count {
            if bytes[range.lowerBound &+ offset] != pointer[offset] { return false }
            offset &+= 1
        }
        return true
    }

    /// A JSON number as exact decimal `units × 10^-scale`.
    @inline(__always)
    mutating func number() throws(DeribitParseError) -> (units: Int64, scale: Int8) {
        skipWhitespace()
        var negative = false
        if index < bytes.count && bytes[index] == UInt8(ascii: "-") {
            negative = true
            index &+= 1
        }
        var mantissa: Int64 = 0
        var digits = 0
        var fractionDigits = 0
        var seenPoint = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte &- UInt8(ascii: "0") < 10 {
                let (times10, o1) = mantissa.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(Int64(byte &- UInt8(ascii: "0")))
                guard !o1 && !o2 else { throw malformed("number too long") }
                mantissa = sum
                digits &+= 1
                if seenPoint { fractionDigits &+= 1 }
            } else if byte == UInt8(ascii: ".") && !seenPoint {
                seenPoint = true
            } else {
                break
            }
            index &+= 1
        }
        guard digits > 0 else { throw malformed("expected a number") }
        var exponent = 0
        if index < bytes.count && (bytes[index] | 0x20) == UInt8(ascii: "e") {
            exponent = try self.exponent()
        }
        return try Self.scaled(negative ? -mantissa : mantissa, scale: fractionDigits &- exponent, at: index)
    }

    private mutating func exponent() throws(DeribitParseError) -> Int {
        index &+= 1
        var negative = false
        if index < bytes.count && (bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")) {
            negative = bytes[index] == UInt8(ascii: "-")
            index &+= 1
        }
        var value = 0
        var digits = 0
        while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 {
            value = value &* 10 &+ Int(bytes[index] &- UInt8(ascii: "0"))
            guard value < 100 else { throw malformed("exponent out of range") }
            digits &+= 1
            index &+= 1
        }
        guard digits > 0 else { throw malformed("exponent without digits") }
        return negative ? -value : value
    }

    private static func scaled(_ units: Int64, scale: Int, at offset: Int) throws(DeribitParseError) -> (Int64, Int8) {
        var units = units
        var scale = scale
        while scale < 0 {
            let (times10, overflow) = units.multipliedReportingOverflow(by: 10)
            guard !overflow else { throw .malformed(offset: offset, reason: "number too large") }
            units = times10
            scale &+= 1
        }
        while scale > 18 {
            guard units % 10 == 0 else { throw .malformed(offset: offset, reason: "more than 18 decimal places") }
            units /= 10
            scale &-= 1
        }
        return (units, Int8(scale))
    }

    /// A whole number (a JSON number without fraction, or with a zero fraction).
    @inline(__always)
    mutating func integer() throws(DeribitParseError) -> Int64 {
        var (units, scale) = try number()
        while scale > 0 {
            guard units % 10 == 0 else { throw malformed("expected a whole number") }
            units /= 10
            scale -= 1
        }
        return units
    }

    /// `null`, or a whole number.
    mutating func nullOrInteger() throws(DeribitParseError) -> Int64? {
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "n") {
            try literal("null")
            return nil
        }
        return try integer()
    }

    mutating func literal(_ word: StaticString) throws(DeribitParseError) {
        let end = index + word.utf8CodeUnitCount
        guard end <= bytes.count, equals(index..<end, word) else { throw malformed("expected \(word)") }
        index = end
    }

    /// Skips any value (for keys the book path does not read).
    mutating func skipValue() throws(DeribitParseError) {
        skipWhitespace()
        guard index < bytes.count else { throw malformed("expected a value") }
        switch bytes[index] {
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "{"), UInt8(ascii: "["): try skipContainer()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: _ = try number()
        }
    }

    private mutating func skipContainer() throws(DeribitParseError) {
        var depth = 0
        repeat {
            guard index < bytes.count else { throw malformed("unterminated container") }
            switch bytes[index] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                index &+= 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                index &+= 1
            case UInt8(ascii: "\""):
                _ = try string()
            default:
                index &+= 1
            }
        } while depth > 0
    }
}
