import Foundation
public import LegateCore

/// A decimal from a venue's JSON read exactly into a `FixedDecimal`.
///
/// Binance and Bybit write prices, sizes, fees and rates as strings (`"7100.50"`) and some values as JSON numbers;
/// neither goes through `Double`. An optional field that is `null` or `""` reads as absent (see the `decodeIfPresent`
/// overload below); in a required field it is an error.
public struct WireDecimal: Hashable, Sendable, Decodable, CustomStringConvertible {
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

/// A venue time in milliseconds, written as a number or as a string (`"1672282722429"`).
public struct WireMillis: Hashable, Sendable, Decodable, CustomStringConvertible {
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

    /// The instant these milliseconds name; nil beyond the year 2262, where nanoseconds overflow (a malformed
    /// message, not a reason to trap).
    public var instant: UnixNanos? { Self.instant(millis: value) }

    public static func instant(millis: Int64) -> UnixNanos? {
        let (nanos, overflow) = millis.multipliedReportingOverflow(by: 1_000_000)
        return overflow ? nil : UnixNanos(nanos)
    }
}

/// Optional values a venue sends as `null` or `""` read as nil. Synthesized decoders in modules that import this one
/// pick these overloads over the generic one for optional properties.
extension KeyedDecodingContainer {
    public func decodeIfPresent(_ type: WireDecimal.Type, forKey key: Key) throws -> WireDecimal? {
        guard try isPresent(key) else { return nil }
        return try decode(WireDecimal.self, forKey: key)
    }

    public func decodeIfPresent(_ type: WireMillis.Type, forKey key: Key) throws -> WireMillis? {
        guard try isPresent(key) else { return nil }
        return try decode(WireMillis.self, forKey: key)
    }

    private func isPresent(_ key: Key) throws -> Bool {
        guard contains(key), try !decodeNil(forKey: key) else { return false }
        if let text = try? decode(String.self, forKey: key), text.isEmpty { return false }
        return true
    }
}

/// A venue parse error that can say a message contradicts itself; lets shared wire readers throw each venue's own
/// error type.
public protocol WireInconsistency: Error {
    static func inconsistent(what: String, reason: String) -> Self
}

extension WireMillis {
    /// The instant `millis` names, or `failure`'s inconsistency naming `what` when it is beyond the year 2262.
    public static func instant<Failure: WireInconsistency>(
        millis: Int64,
        of what: () -> String,
        failure: Failure.Type
    ) throws(Failure) -> UnixNanos {
        guard let instant = instant(millis: millis) else {
            throw .inconsistent(what: what(), reason: "timestamp \(millis) ms is beyond the year 2262")
        }
        return instant
    }
}
