/// A JSON object written key by key, in the order given: the exact bytes a request is signed over.
///
/// `JSONEncoder` chooses its own key order and number formats; OKX signs the body byte for byte, and tests compare
/// bodies with the documented shape, so requests are written here. Values are OKX's: strings (numbers included, as
/// OKX wants them), Booleans, and nested arrays of objects.
struct OKXJSONObject: Sendable {
    private var text = "{"

    init() {}

    mutating func add(_ key: String, _ value: String) {
        append(key, Self.quoted(value))
    }

    mutating func add(_ key: String, _ value: String?) {
        if let value { add(key, value) }
    }

    mutating func add(_ key: String, _ value: Bool) {
        append(key, value ? "true" : "false")
    }

    mutating func add(_ key: String, objects: [OKXJSONObject]) {
        append(key, "[" + objects.map(\.json).joined(separator: ",") + "]")
    }

    var json: String { text + "}" }

    private mutating func append(_ key: String, _ rawValue: String) {
        if text.count > 1 { text += "," }
        text += Self.quoted(key) + ":" + rawValue
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped, everything else as is.
    static func quoted(_ value: String) -> String {
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
