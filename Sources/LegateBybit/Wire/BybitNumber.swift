import Foundation
public import LegateCore

/// A decimal from Bybit read exactly into a `FixedDecimal`.
///
/// Bybit v5 writes prices, sizes, fees and rates as strings (`"27450.50"`) and a few values as JSON numbers; neither
/// goes through `Double`. An optional field Bybit leaves as `""` (`tradeIv`, `avgPrice` of an unfilled order) reads as
/// absent (see the `decodeIfPresent` overload below); in a required field it is an error.
public struct BybitNumber: Hashable, Sendable, Decodable, CustomStringConvertible {
    public let value: FixedDecimal

    public init(_ value: FixedDecimal) { self.value = value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text: String
        if let string = try? container.decode(String.self) {
            text = string
        } else {
            text = try container.decode(Decimal.self).description
        }
        do {
            value = try FixedDecimal(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public var description: String { value.description }
    public var price: Price { Price(value) }
    public var quantity: Quantity { Quantity(value) }
}

/// A Bybit time in milliseconds, written as a string (`"1672282722429"`) or a number (`1709891679000`).
public struct BybitMillis: Hashable, Sendable, Decodable, CustomStringConvertible {
    public let value: Int64

    public init(_ value: Int64) { self.value = value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int64.self) {
            value = number
            return
        }
        let text = try container.decode(String.self)
        guard let number = Int64(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\"\(text)\" is not milliseconds")
        }
        value = number
    }

    public var description: String { String(value) }
}

/// Bybit leaves optional values empty (`"tradeIv": ""`) rather than null or absent: both read as nil here. The
/// synthesized decoders of this module pick these overloads over the generic one for optional properties.
extension KeyedDecodingContainer {
    func decodeIfPresent(_ type: BybitNumber.Type, forKey key: Key) throws -> BybitNumber? {
        guard try isPresent(key) else { return nil }
        return try decode(BybitNumber.self, forKey: key)
    }

    func decodeIfPresent(_ type: BybitMillis.Type, forKey key: Key) throws -> BybitMillis? {
        guard try isPresent(key) else { return nil }
        return try decode(BybitMillis.self, forKey: key)
    }

    private func isPresent(_ key: Key) throws -> Bool {
        guard contains(key), try !decodeNil(forKey: key) else { return false }
        if let text = try? decode(String.self, forKey: key), text.isEmpty { return false }
        return true
    }
}
