// Loads the fixture files (see Fixtures/SOURCES.md): NautilusTrader's Binance JSON under nautilus/, cryptofeed's
// recordings under cryptofeed/.
import Foundation
import LegateCore
import Testing

@testable import LegateBinance

enum Fixtures {
    /// A file by its path under Fixtures/ (`nautilus/spot/http_json/depth_response.json`).
    static func url(_ path: String) throws -> URL {
        let parts = path.split(separator: "/")
        let directory = (["Fixtures"] + parts.dropLast().map(String.init)).joined(separator: "/")
        guard let name = parts.last,
            let url = Bundle.module.url(forResource: String(name), withExtension: nil, subdirectory: directory)
        else { throw FixtureError(name: path) }
        return url
    }

    static func data(_ path: String) throws -> Data { try Data(contentsOf: url(path)) }

    static func decode<T: Decodable>(_ type: T.Type, _ path: String) throws -> T {
        try BinanceCodec.decode(type, from: data(path))
    }

    /// A stream event, bare or wrapped.
    static func event<T: Decodable & Sendable>(_ type: T.Type, _ path: String) throws -> T {
        try BinanceCodec.event(type, from: data(path))
    }

    /// Every message received in a cryptofeed WebSocket recording, in order (`<ts>: <json>` lines).
    static func receivedMessages(_ path: String) throws -> [Data] {
        let text = try String(contentsOf: url(path), encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            guard let first = line.first, first.isNumber, let separator = line.range(of: ": ") else { return nil }
            return Data(line[separator.upperBound...].utf8)
        }
    }

    /// Every REST response in a cryptofeed `.0` recording (`<url> -> <ts>: <json>` lines).
    static func restResponses(_ path: String) throws -> [(url: String, body: Data)] {
        let text = try String(contentsOf: url(path), encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            guard let arrow = line.range(of: " -> "),
                let separator = line.range(of: ": ", range: arrow.upperBound..<line.endIndex)
            else { return nil }
            return (String(line[..<arrow.lowerBound]), Data(line[separator.upperBound...].utf8))
        }
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

/// Paths of the fixture folders.
enum Folder {
    static let futuresMarket = "nautilus/futures/market_data_json/"
    static let futuresUser = "nautilus/futures/user_data_json/"
    static let futuresHTTP = "nautilus/futures/http_json/"
    static let spotHTTP = "nautilus/spot/http_json/"
    static let spotUser = "nautilus/spot/user_data_json/"
    static let pyHTTP = "nautilus/py_resources/http_responses/"
    static let pyWS = "nautilus/py_resources/ws_messages/"
}
