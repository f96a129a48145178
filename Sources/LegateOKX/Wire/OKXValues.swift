public import LegateCore

/// A number OKX writes as a JSON string (`"0.0325"`, `"-1"`, `"100000000.0000000000000000"`), read exactly.
///
/// OKX sends every price, size and rate as text, and an empty string where a value does not apply. A required field
/// that arrives empty is a decoding error; an optional one (`OKXDecimal?`) reads `""`, `null` and a missing key as nil
/// (see the `KeyedDecodingContainer` overloads below). The text parses straight into a `FixedDecimal`, never through
/// `Double`.
public struct OKXDecimal: Hashable, Sendable, Decodable, CustomStringConvertible {
    public let value: FixedDecimal

    public init(_ value: FixedDecimal) { self.value = value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            value = try FixedDecimal(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public var description: String { value.normalized.description }
    public var price: Price { Price(value) }
    public var quantity: Quantity { Quantity(value) }
}

/// An integer OKX writes as a JSON string: millisecond timestamps (`"1597026383085"`), counts, tiers.
public struct OKXInteger: Hashable, Sendable, Decodable, CustomStringConvertible {
    public let value: Int64

    public init(_ value: Int64) { self.value = value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Int64(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\"\(text)\" is not an integer")
        }
        self.value = value
    }

    public var description: String { String(value) }
}

/// A Boolean OKX writes as the text `"true"` or `"false"` (`reduceOnly`, `isTpLimit`).
public struct OKXFlag: Hashable, Sendable, Decodable {
    public let value: Bool

    public init(_ value: Bool) { self.value = value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        switch try container.decode(String.self) {
        case "true": value = true
        case "false": value = false
        case let text:
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\"\(text)\" is not a flag")
        }
    }
}

/// OKX's empty string means "no value": optional string-encoded fields read `""` as nil.
///
/// Synthesized `Decodable` conformances call `decodeIfPresent` for optional properties; these overloads are more
/// specific than the generic one, so every wire type gets the rule without a hand-written initializer.
extension KeyedDecodingContainer {
    public func decodeIfPresent(_ type: OKXDecimal.Type, forKey key: Key) throws -> OKXDecimal? {
        guard try hasText(forKey: key) else { return nil }
        return try decode(OKXDecimal.self, forKey: key)
    }

    public func decodeIfPresent(_ type: OKXInteger.Type, forKey key: Key) throws -> OKXInteger? {
        guard try hasText(forKey: key) else { return nil }
        return try decode(OKXInteger.self, forKey: key)
    }

    public func decodeIfPresent(_ type: OKXFlag.Type, forKey key: Key) throws -> OKXFlag? {
        guard try hasText(forKey: key) else { return nil }
        return try decode(OKXFlag.self, forKey: key)
    }

    /// True when the key holds a non-empty string; false when it is missing, null or `""`.
    private func hasText(forKey key: Key) throws -> Bool {
        guard contains(key), try !decodeNil(forKey: key) else { return false }
        return try !decode(String.self, forKey: key).isEmpty
    }
}
