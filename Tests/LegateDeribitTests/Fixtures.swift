// Loads the fixture files (see Fixtures/SOURCES.md): Deribit JSON documents and cryptofeed recordings.
import Foundation

enum Fixtures {
    static func url(_ name: String) throws -> URL {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures") else {
            throw FixtureError(name: name)
        }
        return url
    }

    static func data(_ name: String) throws -> Data { try Data(contentsOf: url(name)) }

    /// Every message received in a cryptofeed WebSocket recording, in order (`<ts>: <json>` lines).
    static func receivedMessages(_ name: String) throws -> [Data] {
        let text = try String(contentsOf: url(name), encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            guard let first = line.first, first.isNumber, let separator = line.range(of: ": ") else { return nil }
            return Data(line[separator.upperBound...].utf8)
        }
    }

    /// Every REST response in a cryptofeed `.0` recording (`<url> -> <ts>: <json>` lines).
    static func restResponses(_ name: String) throws -> [(url: String, body: Data)] {
        let text = try String(contentsOf: url(name), encoding: .utf8)
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
