// Loads the fixture files (see Fixtures/SOURCES.md): OKX JSON documents and cryptofeed recordings.
import Foundation
import LegateCore

enum Fixtures {
    static func url(_ name: String) throws -> URL {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures") else {
            throw FixtureError(name: name)
        }
        return url
    }

    static func data(_ name: String) throws -> Data { try Data(contentsOf: url(name)) }

    static func lines(_ name: String) throws -> [Substring] {
        try String(contentsOf: url(name), encoding: .utf8).split(separator: "\n")
    }

    /// Every message received in a cryptofeed WebSocket recording, in order (`<ts>: <json>` lines).
    static func receivedMessages(_ name: String) throws -> [Data] {
        try lines(name).compactMap { line in
            guard let first = line.first, first.isNumber, let separator = line.range(of: ": ") else { return nil }
            return Data(line[separator.upperBound...].utf8)
        }
    }

    /// Every message we sent in a cryptofeed WebSocket recording (`<url> <- <ts>: <json>` lines), as text.
    static func sentMessages(_ name: String) throws -> [String] {
        try lines(name).compactMap { line in
            guard let arrow = line.range(of: " <- "),
                let separator = line.range(of: ": ", range: arrow.upperBound..<line.endIndex)
            else { return nil }
            return String(line[separator.upperBound...])
        }
    }

    /// Every REST response in a cryptofeed `.0` recording: URL, receive time and body.
    static func restResponses(_ name: String) throws -> [(url: String, at: UnixNanos, body: Data)] {
        try lines(name).compactMap { line in
            guard let arrow = line.range(of: " -> "),
                let separator = line.range(of: ": ", range: arrow.upperBound..<line.endIndex),
                let seconds = Double(line[arrow.upperBound..<separator.lowerBound])
            else { return nil }
            let at = UnixNanos(Int64((seconds * 1_000).rounded()) * 1_000_000)
            return (String(line[..<arrow.lowerBound]), at, Data(line[separator.upperBound...].utf8))
        }
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let name: String
    var description: String { "fixture \(name) is missing from the test bundle" }
}
