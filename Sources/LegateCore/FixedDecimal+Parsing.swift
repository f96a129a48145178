/// Exact parsing from decimal text, including the exponent notation venues use for small ticks (`5e-05`).
extension FixedDecimal {
    /// Parses `text` exactly: optional sign, digits, optional fraction, optional exponent.
    ///
    /// `"0.0005"`, `"-12"`, `"+3.10"`, `"1e-05"`, `"2.5E3"` are accepted; a value needing more than 18 places or more
    /// than `Int64` units is an error, never a rounded result.
    ///
    /// - Throws: `FixedDecimalError.malformed` naming the text and what was wrong.
    public init(parsing text: some StringProtocol) throws(FixedDecimalError) {
        var utf8 = Array(text.utf8)
        self = try utf8.withUnsafeMutableBufferPointer { buffer throws(FixedDecimalError) in
            try Self.parse(UnsafeBufferPointer(buffer), text: String(text))
        }
    }

    /// Parses ASCII bytes exactly; `text` is only used for error messages and is built lazily by the caller.
    public static func parse(
        _ bytes: UnsafeBufferPointer<UInt8>,
        text: @autoclosure () -> String
    ) throws(FixedDecimalError) -> FixedDecimal {
        var index = 0
        let count = bytes.count
        guard count > 0 else { throw .malformed(text: text(), reason: "empty") }
        var negative = false
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            negative = bytes[0] == UInt8(ascii: "-")
            index = 1
        }
        var mantissa: Int64 = 0
        var digits = 0
        var fractionDigits = 0
        var seenPoint = false
        while index < count {
            let byte = bytes[index]
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                let (times10, o1) = mantissa.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(Int64(byte &- UInt8(ascii: "0")))
                guard !o1 && !o2 else { throw .malformed(text: text(), reason: "too many digits for 64-bit units") }
                mantissa = sum
                digits += 1
                if seenPoint { fractionDigits += 1 }
            } else if byte == UInt8(ascii: ".") {
                guard !seenPoint else { throw .malformed(text: text(), reason: "more than one decimal point") }
                seenPoint = true
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                break
            } else {
                throw .malformed(text: text(), reason: "unexpected character at offset \(index)")
            }
            index += 1
        }
        guard digits > 0 else { throw .malformed(text: text(), reason: "no digits") }
        var exponent = 0
        if index < count {
            index += 1  // the 'e'
            var exponentNegative = false
            if index < count && (bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")) {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            var exponentDigits = 0
            while index < count {
                let byte = bytes[index]
                guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else {
                    throw .malformed(text: text(), reason: "bad exponent at offset \(index)")
                }
                exponent = exponent * 10 + Int(byte &- UInt8(ascii: "0"))
                guard exponent < 100 else { throw .malformed(text: text(), reason: "exponent out of range") }
                exponentDigits += 1
                index += 1
            }
            guard exponentDigits > 0 else { throw .malformed(text: text(), reason: "exponent has no digits") }
            if exponentNegative { exponent = -exponent }
        }
        var scale = fractionDigits - exponent
        while scale < 0 {
            let (times10, overflow) = mantissa.multipliedReportingOverflow(by: 10)
            guard !overflow else { throw .malformed(text: text(), reason: "value too large for 64-bit units") }
            mantissa = times10
            scale += 1
        }
        while scale > Int(maximumScale) {
            guard mantissa % 10 == 0 else {
                throw .malformed(text: text(), reason: "more than \(maximumScale) decimal places")
            }
            mantissa /= 10
            scale -= 1
        }
        return FixedDecimal(units: negative ? -mantissa : mantissa, scale: Int8(scale))
    }

    /// Converts a `Double` to the nearest value at `scale` by `rule`; for model outputs crossing back into money.
    ///
    /// - Throws: `.notFinite` for NaN or infinity, `.notRepresentable` beyond `Int64` units.
    public init(_ value: Double, scale: Int8, rounding rule: RoundingRule) throws(FixedDecimalError) {
        guard value.isFinite else { throw .notFinite(value) }
        guard scale >= 0 && scale <= Self.maximumScale else { throw .scaleOutOfRange(Int(scale)) }
        let scaled = value * PowersOfTen.double[Int(scale)]
        let rounded: Double
        switch rule {
        case .towardZero: rounded = scaled.rounded(.towardZero)
        case .awayFromZero: rounded = scaled.rounded(.awayFromZero)
        case .down: rounded = scaled.rounded(.down)
        case .up: rounded = scaled.rounded(.up)
        case .toNearestOrEven: rounded = scaled.rounded(.toNearestOrEven)
        case .toNearestOrAwayFromZero: rounded = scaled.rounded(.toNearestOrAwayFromZero)
        }
        guard let units = Int64(exactly: rounded) else {
            throw .notRepresentable(operation: "\(value) at scale \(scale)")
        }
        self.init(units: units, scale: scale)
    }
}

extension FixedDecimal: CustomStringConvertible, LosslessStringConvertible {
    /// The value with exactly `scale` decimal places (`"0.0500"`), the form it is written and journaled in.
    public var description: String {
        let negative = units < 0
        var digits = String(units.magnitude)
        let scale = Int(self.scale)
        if scale > 0 {
            if digits.count <= scale {
                digits = String(repeating: "0", count: scale - digits.count + 1) + digits
            }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        }
        return negative ? "-" + digits : digits
    }

    public init?(_ description: String) {
        guard let value = try? FixedDecimal(parsing: description) else { return nil }
        self = value
    }
}

extension FixedDecimal: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int64) {
        self.init(units: value, scale: 0)
    }
}

extension FixedDecimal: Equatable, Hashable, Comparable {
    public static func == (lhs: FixedDecimal, rhs: FixedDecimal) -> Bool {
        compare(lhs, rhs) == 0
    }

    public static func < (lhs: FixedDecimal, rhs: FixedDecimal) -> Bool {
        compare(lhs, rhs) < 0
    }

    public func hash(into hasher: inout Hasher) {
        let normal = normalized
        hasher.combine(normal.units)
        hasher.combine(normal.scale)
    }

    static func compare(_ lhs: FixedDecimal, _ rhs: FixedDecimal) -> Int {
        if lhs.scale == rhs.scale { return lhs.units == rhs.units ? 0 : (lhs.units < rhs.units ? -1 : 1) }
        let scale = Int(max(lhs.scale, rhs.scale))
        let left = Int128(lhs.units) * PowersOfTen.int128(scale - Int(lhs.scale))
        let right = Int128(rhs.units) * PowersOfTen.int128(scale - Int(rhs.scale))
        return left == right ? 0 : (left < right ? -1 : 1)
    }
}

extension FixedDecimal: Codable {
    /// Decimals are written as JSON strings so no reader ever parses them through a binary float.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try FixedDecimal(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
