// Loads the fixture files (see Fixtures/SOURCES.md): JSON documents and cryptofeed recordings, one message a line.
import Foundation

enum Fixtures {
    static func url(_ name: String) throws -> URL {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures") else {
            throw FixtureError(name: name)
        }
        return url
    }

    static func data(_ name: String) throws -> Data { try Data(contentsOf: url(name)) }

    static func decode<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        try JSONDecoder().decode(type, from: data(name))
    }

    /// The JSON of every message received in a cryptofeed recording, in order (sent messages and connection lines
    /// are skipped).
    static func receivedMessages(_ name: String) throws -> [Data] {
        let text = try String(contentsOf: url(name), encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            guard let first = line.first, first.isNumber, let separator = line.range(of: ": ") else { return nil }
            return Data(line[separator.upperBound...].utf8)
        }
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let name: String
    var description: String { "fixture \(name) is missing from the test bundle" }
}
