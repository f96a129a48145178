public import LegateCore

/// A JSON value for JSON-RPC params, written by hand so that prices and amounts go out exactly as the model holds them
/// (`FixedDecimal` text, never through `Double`) and keys keep the order they were given in.
public indirect enum DeribitRPCValue: Hashable, Sendable {
    case string(String)
    case integer(Int64)
    case decimal(FixedDecimal)
    case bool(Bool)
    case array([DeribitRPCValue])
    case object([Field])
    case null

    public struct Field: Hashable, Sendable {
        public let key: String
        public let value: DeribitRPCValue

        public init(_ key: String, _ value: DeribitRPCValue) {
            self.key = key
            self.value = value
        }
    }

    /// An object from key-value pairs, in the order written.
    public static func object(_ pairs: KeyValuePairs<String, DeribitRPCValue>) -> DeribitRPCValue {
        .object(pairs.map { Field($0.key, $0.value) })
    }

    public static func strings(_ values: [String]) -> DeribitRPCValue { .array(values.map(DeribitRPCValue.string)) }

    /// This object with one more field (a non-object is returned unchanged).
    func adding(_ key: String, _ value: DeribitRPCValue) -> DeribitRPCValue {
        guard case .object(let fields) = self else { return self }
        return .object(fields + [Field(key, value)])
    }

    /// Compact JSON text.
    public var json: String {
        var text = ""
        write(into: &text)
        return text
    }

    func write(into text: inout String) {
        switch self {
        case .string(let value): Self.writeString(value, into: &text)
        case .integer(let value): text += String(value)
        case .decimal(let value): text += value.description
        case .bool(let value): text += value ? "true" : "false"
        case .null: text += "null"
        case .array(let values):
            text += "["
            for (index, value) in values.enumerated() {
                if index > 0 { text += "," }
                value.write(into: &text)
            }
            text += "]"
        case .object(let fields):
            text += "{"
            for (index, field) in fields.enumerated() {
                if index > 0 { text += "," }
                Self.writeString(field.key, into: &text)
                text += ":"
                field.value.write(into: &text)
            }
            text += "}"
        }
    }

    /// A JSON string literal (RFC 8259 §7): quote, backslash and control characters escaped.
    static func writeString(_ value: String, into text: inout String) {
        text += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }
}
