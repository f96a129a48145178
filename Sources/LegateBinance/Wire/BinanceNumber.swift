import Foundation
public import LegateCore

/// A decimal from Binance read exactly into a `FixedDecimal`.
///
/// Binance writes prices, sizes, fees and rates as strings (`"7100.50"`) and counts and ids as JSON numbers; neither
/// goes through `Double`. An optional field that is `null` or `""` reads as absent (see the `decodeIfPresent` overload
/// below); in a required field it is an error.
public struct BinanceNumber: Hashable, Sendable, Decodable, CustomStringConvertible {
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

/// A Binance time in milliseconds: a number almost everywhere, a string in the long/short ratio endpoints.
public struct BinanceMillis: Hashable, Sendable, Decodable, CustomStringConvertible {
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

/// Optional values Binance sends as `null` or `""` read as nil. The synthesized decoders of this module pick these
/// overloads over the generic one for optional properties.
extension KeyedDecodingContainer {
    func decodeIfPresent(_ type: BinanceNumber.Type, forKey key: Key) throws -> BinanceNumber? {
        guard try isPresent(key) else { return nil }
        return try decode(BinanceNumber.self, forKey: key)
    }

    func decodeIfPresent(_ type: BinanceMillis.Type, forKey key: Key) throws -> BinanceMillis? {
        guard try isPresent(key) else { return nil }
        return try decode(BinanceMillis.self, forKey: key)
    }

    private func isPresent(_ key: Key) throws -> Bool {
        guard contains(key), try !decodeNil(forKey: key) else { return false }
        if let text = try? decode(String.self, forKey: key), text.isEmpty { return false }
        return true
    }
}
