import Foundation
public import LegateCore

/// A JSON number from Deribit read exactly into a `FixedDecimal`.
///
/// Deribit writes prices and amounts as JSON numbers (`0.0015`, `42500.0`, `6.55e-6`). Going through `Double` would
/// make `0.0015` a binary fraction; Foundation's `Decimal` keeps the digits as written, and the decimal text then
/// parses exactly (or fails, never rounds).
public struct DeribitNumber: Hashable, Sendable, Decodable, CustomStringConvertible {
    public let value: FixedDecimal

    public init(_ value: FixedDecimal) { self.value = value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text: String
        if let decimal = try? container.decode(Decimal.self) {
            text = decimal.description
        } else {
            text = try container.decode(String.self)
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

    /// A percentage (Deribit's IVs: `80.02`) as a fraction (`0.8002`), exactly.
    public var percentAsFraction: FixedDecimal {
        let normal = value.normalized
        return FixedDecimal(units: normal.units, scale: normal.scale + 2)
    }
}

/// An order price: a number, or the text `market_price` Deribit writes for market and stop-market orders.
public enum DeribitOrderPrice: Hashable, Sendable, Decodable {
    case limit(FixedDecimal)
    case market

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            guard text == "market_price" else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown order price \(text)")
            }
            self = .market
        } else {
            self = .limit(try container.decode(DeribitNumber.self).value)
        }
    }
}
