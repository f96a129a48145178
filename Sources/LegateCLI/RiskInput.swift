internal import Foundation
internal import LegateCore

/// A bad input file for `legate risk`: which file, where in it (a key path such as `limits[3].threshold`, or a
/// line and column for text that is not JSON), and what is wrong.
struct RiskInputError: Error, CustomStringConvertible, Equatable {
    let file: String
    let path: String
    let problem: String

    var description: String { path.isEmpty ? "\(file): \(problem)" : "\(file): \(path): \(problem)" }
}

/// A JSON value with the file and key path it was read from, so every complaint names where it is.
struct RiskJSON {
    let value: JSONValue
    let file: String
    let path: String

    /// Reads and parses `file`; a missing file or bad JSON is a `RiskInputError` naming the file.
    static func load(_ file: String) throws(RiskInputError) -> RiskJSON {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw RiskInputError(file: file, path: "", problem: "cannot be read (\(Self.reason(error)))")
        }
        do {
            return RiskJSON(value: try JSONDecoder().decode(JSONValue.self, from: data), file: file, path: "")
        } catch {
            guard let syntax = RiskJSONSyntax.firstError(in: [UInt8](data)) else {
                throw RiskInputError(file: file, path: "", problem: "is not valid JSON (\(Self.reason(error)))")
            }
            throw RiskInputError(
                file: file,
                path: "line \(syntax.line), column \(syntax.column)",
                problem: "is not valid JSON: \(syntax.problem)"
            )
        }
    }

    private static func reason(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            let underlying = context.underlyingError.map { String(describing: $0) } ?? ""
            return underlying.isEmpty ? context.debugDescription : underlying
        }
        let nsError = error as NSError
        return nsError.localizedDescription
    }

    func fail(_ problem: String) -> RiskInputError { RiskInputError(file: file, path: path, problem: problem) }

    private func child(_ key: String, _ value: JSONValue) -> RiskJSON {
        RiskJSON(value: value, file: file, path: path.isEmpty ? key : "\(path).\(key)")
    }

    func object() throws(RiskInputError) -> [String: JSONValue] {
        guard case .object(let object) = value else { throw fail("expected an object, found \(Self.kind(value))") }
        return object
    }

    /// The members of an object, sorted by key so output and errors come in a stable order.
    func members() throws(RiskInputError) -> [(key: String, value: RiskJSON)] {
        try object().sorted { $0.key < $1.key }.map { (key: $0.key, value: child($0.key, $0.value)) }
    }

    func array() throws(RiskInputError) -> [RiskJSON] {
        guard case .array(let items) = value else { throw fail("expected a list, found \(Self.kind(value))") }
        return items.enumerated().map { RiskJSON(value: $0.element, file: file, path: "\(path)[\($0.offset)]") }
    }

    func optional(_ key: String) throws(RiskInputError) -> RiskJSON? {
        guard let found = try object()[key], found != .null else { return nil }
        return child(key, found)
    }

    func required(_ key: String) throws(RiskInputError) -> RiskJSON {
        guard let found = try optional(key) else { throw fail("missing key \"\(key)\"") }
        return found
    }

    /// Refuses keys outside `known`, so a typo is never silently ignored.
    func onlyKeys(_ known: Set<String>) throws(RiskInputError) {
        for key in try object().keys.sorted() where !known.contains(key) {
            throw child(key, .null).fail("unknown key (expected one of \(known.sorted().joined(separator: ", ")))")
        }
    }

    func string() throws(RiskInputError) -> String {
        guard case .string(let text) = value else { throw fail("expected a string, found \(Self.kind(value))") }
        return text
    }

    /// A decimal given as a string, parsed exactly.
    func decimal() throws(RiskInputError) -> FixedDecimal {
        let text = try string()
        do {
            return try FixedDecimal(parsing: text)
        } catch {
            throw fail("\"\(text)\" is not a decimal number")
        }
    }

    /// A number (a JSON number or a decimal string).
    func number() throws(RiskInputError) -> Double {
        switch value {
        case .integer(let integer): return Double(integer)
        case .number(let number): return number
        case .string: return try decimal().doubleValue
        default: throw fail("expected a number, found \(Self.kind(value))")
        }
    }

    func integer() throws(RiskInputError) -> Int {
        guard case .integer(let integer) = value, let result = Int(exactly: integer) else {
            throw fail("expected an integer, found \(Self.kind(value))")
        }
        return result
    }

    /// A string that must be one of a type's raw values.
    func choice<T: RawRepresentable>(_ cases: [T], what: String) throws(RiskInputError) -> T
    where T.RawValue == String {
        let text = try string()
        guard let found = T(rawValue: text) else {
            let names = cases.map(\.rawValue).joined(separator: ", ")
            throw fail("\"\(text)\" is not \(what) (one of \(names))")
        }
        return found
    }

    /// An ISO-8601 time such as `2026-11-20T08:00:00Z`.
    func time() throws(RiskInputError) -> UnixNanos {
        let text = try string()
        guard let date = try? Date(text, strategy: .iso8601) else {
            throw fail("\"\(text)\" is not an ISO-8601 time such as 2026-11-20T08:00:00Z")
        }
        return UnixNanos(Int64((date.timeIntervalSince1970 * 1_000).rounded()) * 1_000_000)
    }

    static func kind(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .integer, .number: "a number"
        case .string(let text): "the string \"\(text)\""
        case .array: "a list"
        case .object: "an object"
        }
    }
}
