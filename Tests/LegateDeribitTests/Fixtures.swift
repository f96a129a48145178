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

extension Fixtures {
    static func text(_ name: String) throws -> String { try String(contentsOf: url(name), encoding: .utf8) }

    /// A recorded JSON-RPC frame answering request `id` instead of the one it was recorded for: only the top-level
    /// `"id"` member changes (keys like `order_id` and `user_id` do not match `"id"`).
    static func answering(_ frame: String, id: Int64) -> String {
        guard let range = frame.range(of: #""id"\s*:\s*\d+"#, options: .regularExpression) else { return frame }
        return frame.replacingCharacters(in: range, with: #""id":\#(id)"#)
    }

    /// Every line of a cryptofeed recording that the client sent, as its JSON text.
    static func sentMessages(_ name: String) throws -> [String] {
        try text(name).split(separator: "\n").compactMap { line in
            guard line.contains(" <- "), let separator = line.range(of: ": ") else { return nil }
            return String(line[separator.upperBound...])
        }
    }
}

extension Fixtures {
    /// The JSON object under `"key":` in a fixture's text, as written (numbers keep their digits).
    static func member(_ key: String, of text: String) -> String? {
        guard let keyRange = text.range(of: "\"\(key)\""),
            let open = text[keyRange.upperBound...].firstIndex(of: "{")
        else { return nil }
        var depth = 0
        for index in text[open...].indices {
            if text[index] == "{" { depth += 1 }
            if text[index] == "}" { depth -= 1 }
            if depth == 0 { return String(text[open...index]) }
        }
        return nil
    }
}
