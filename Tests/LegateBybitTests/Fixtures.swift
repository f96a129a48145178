// Loads the fixture files (see Fixtures/SOURCES.md) and decodes them into Bybit wire types.
import Foundation
import LegateCore
import Testing

@testable import LegateBybit

enum Fixtures {
    static func url(_ name: String) throws -> URL {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures") else {
            throw FixtureError(name: name)
        }
        return url
    }

    static func data(_ name: String) throws -> Data { try Data(contentsOf: url(name)) }

    static func decode<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        try BybitCodec.decode(type, from: data(name))
    }

    /// The `result` of a successful REST answer.
    static func result<T: Decodable & Sendable>(_ type: T.Type, _ name: String) throws -> T {
        let response = try decode(BybitResponse<T>.self, name)
        #expect(response.retCode == 0)
        return try #require(response.result)
    }

    /// The `list` of a successful REST answer.
    static func list<T: Decodable & Sendable>(_ type: T.Type, _ name: String) throws -> BybitList<T> {
        try result(BybitList<T>.self, name)
    }

    static func topic<T: Decodable & Sendable>(_ type: T.Type, _ name: String) throws -> BybitTopicMessage<T> {
        try decode(BybitTopicMessage<T>.self, name)
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let name: String
    var description: String { "fixture \(name) is missing from the test bundle" }
}

/// An exact decimal written as in the fixture.
func d(_ text: String) -> FixedDecimal {
    guard let value = FixedDecimal(text) else {
        Issue.record("\(text) is not a decimal")
        return .zero
    }
    return value
}

func p(_ text: String) -> Price { Price(d(text)) }
func q(_ text: String) -> Quantity { Quantity(d(text)) }

/// An instant from milliseconds since the epoch.
func ms(_ millis: Int64) -> UnixNanos { UnixNanos.milliseconds(millis) }
