/// Finds where a text stops being JSON (RFC 8259) and says so by line and column: Foundation's decoder only says
/// that the data is not valid, and a person fixing a file needs to know where.
///
/// Only run after the decoder has refused a file, so it checks the grammar and nothing else.
struct RiskJSONSyntax {
    /// The first place the text breaks the grammar: 1-based line and column (in characters), and what is wrong.
    struct Failure: Error, Equatable {
        let line: Int
        let column: Int
        let problem: String
    }

    /// Deeper nesting than any config file needs is refused rather than risking the stack.
    static let maximumDepth = 512

    private let bytes: [UInt8]
    private var offset = 0

    private init(_ bytes: [UInt8]) {
        self.bytes = bytes
        // A UTF-8 byte order mark is not part of the value.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { offset = 3 }
    }

    /// Nil when `bytes` is one well-formed JSON value.
    static func firstError(in bytes: [UInt8]) -> Failure? {
        var scanner = RiskJSONSyntax(bytes)
        do throws(Failure) {
            try scanner.value(depth: 0)
            scanner.skipSpace()
            if scanner.offset < bytes.count {
                throw scanner.failure("\(scanner.found) after the end of the JSON value")
            }
            return nil
        } catch {
            return error
        }
    }

    private var current: UInt8? { offset < bytes.count ? bytes[offset] : nil }

    /// The character at the current offset, quoted, or "the end of the file".
    private var found: String {
        guard offset < bytes.count else { return "the end of the file" }
        let character = String(decoding: bytes[offset..<min(offset + 4, bytes.count)], as: UTF8.self).first
        return character.map { "\"\($0)\"" } ?? "byte \(bytes[offset])"
    }

    private func failure(_ problem: String) -> Failure {
        let before = bytes[..<min(offset, bytes.count)]
        let lineStart = (before.lastIndex(of: UInt8(ascii: "\n")) ?? -1) + 1
        let line = before.count { $0 == UInt8(ascii: "\n") } + 1
        let column = bytes[lineStart..<before.endIndex].count { $0 & 0xC0 != 0x80 } + 1
        return Failure(line: line, column: column, problem: problem)
    }

    private mutating func skipSpace() {
        while let byte = current, [0x20, 0x09, 0x0A, 0x0D].contains(byte) { offset += 1 }
    }

    private mutating func value(depth: Int) throws(Failure) {
        skipSpace()
        guard depth < Self.maximumDepth else { throw failure("nested more than \(Self.maximumDepth) deep") }
        guard let byte = current else { throw failure("expected a value, found \(found)") }
        switch byte {
        case UInt8(ascii: "{"): try object(depth: depth)
        case UInt8(ascii: "["): try array(depth: depth)
        case UInt8(ascii: "\""): try string()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
        default: throw failure("expected a value, found \(found)")
        }
    }

    private mutating func object(depth: Int) throws(Failure) {
        offset += 1
        skipSpace()
        if current == UInt8(ascii: "}") {
            offset += 1
            return
        }
        while true {
            skipSpace()
            guard current == UInt8(ascii: "\"") else {
                throw failure("expected a key in double quotes, found \(found)")
            }
            try string()
            skipSpace()
            guard current == UInt8(ascii: ":") else { throw failure("expected \":\" after the key, found \(found)") }
            offset += 1
            try value(depth: depth + 1)
            skipSpace()
            switch current {
            case UInt8(ascii: ","): offset += 1
            case UInt8(ascii: "}"):
                offset += 1
                return
            default: throw failure("expected \",\" or \"}\", found \(found)")
            }
        }
    }

    private mutating func array(depth: Int) throws(Failure) {
        offset += 1
        skipSpace()
        if current == UInt8(ascii: "]") {
            offset += 1
            return
        }
        while true {
            try value(depth: depth + 1)
            skipSpace()
            switch current {
            case UInt8(ascii: ","): offset += 1
            case UInt8(ascii: "]"):
                offset += 1
                return
            default: throw failure("expected \",\" or \"]\", found \(found)")
            }
        }
    }

    private mutating func string() throws(Failure) {
        offset += 1
        while let byte = current {
            switch byte {
            case UInt8(ascii: "\""):
                offset += 1
                return
            case UInt8(ascii: "\\"):
                offset += 1
                try escape()
            case 0..<0x20:
                throw failure("a control character inside a string (write it as an escape such as \\n)")
            default:
                offset += 1
            }
        }
        throw failure("a string is not closed before the end of the file")
    }

    private mutating func escape() throws(Failure) {
        guard let byte = current, Array("\"\\/bfnrtu".utf8).contains(byte) else {
            throw failure("\(found) is not an escape (one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)")
        }
        offset += 1
        guard byte == UInt8(ascii: "u") else { return }
        for _ in 0..<4 {
            guard let digit = current, digit.isHexDigit else {
                throw failure("\\u needs four hex digits, found \(found)")
            }
            offset += 1
        }
    }

    private mutating func number() throws(Failure) {
        if current == UInt8(ascii: "-") { offset += 1 }
        if current == UInt8(ascii: "0") {
            offset += 1
        } else {
            try digits("a digit")
        }
        if current == UInt8(ascii: ".") {
            offset += 1
            try digits("a digit after the decimal point")
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            offset += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { offset += 1 }
            try digits("a digit in the exponent")
        }
    }

    private mutating func digits(_ what: String) throws(Failure) {
        guard let first = current, first.isDigit else { throw failure("expected \(what), found \(found)") }
        while let byte = current, byte.isDigit { offset += 1 }
    }

    private mutating func literal(_ word: String) throws(Failure) {
        for expected in word.utf8 {
            guard current == expected else { throw failure("expected \(word), found \(found)") }
            offset += 1
        }
    }
}

extension UInt8 {
    fileprivate var isDigit: Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) }
    fileprivate var isHexDigit: Bool {
        isDigit || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(self)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(self)
    }
}
