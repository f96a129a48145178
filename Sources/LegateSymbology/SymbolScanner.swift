import LegateCore
import LegateModel

/// A cursor over the UTF-8 bytes of one symbol, with the readers every venue's grammar is built from.
///
/// Parsing walks the bytes once, left to right, without splitting into arrays or building substrings; the only
/// strings made are the asset codes the `Instrument` keeps (inline small strings, no allocation) and, on failure, the
/// whole text for the error. `end` may stop short of the buffer so one leg of a spread can be read on its own while
/// errors still quote the full symbol.
struct SymbolScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let venue: Venue
    var index: Int
    var end: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, venue: Venue) {
        self.bytes = bytes
        self.venue = venue
        self.index = 0
        self.end = bytes.count
    }

    var isAtEnd: Bool { index >= end }

    /// The byte under the cursor, or nil at the end.
    var current: UInt8? { index < end ? bytes[index] : nil }

    /// The whole symbol, for error messages.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    // MARK: - Errors

    func malformed(_ reason: String) -> SymbologyError {
        .malformed(venue: venue, symbol: text, reason: reason)
    }

    func invalidExpiry(_ reason: String) -> SymbologyError {
        .invalidExpiry(venue: venue, symbol: text, reason: reason)
    }

    func invalidStrike(_ reason: String) -> SymbologyError {
        .invalidStrike(venue: venue, symbol: text, reason: reason)
    }

    /// Says what sits at `offset`: `'x' at offset 4`, `end of text`, with a hint for lower-case letters.
    func found(at offset: Int) -> String {
        guard offset < end else { return "end of text" }
        let byte = bytes[offset]
        let shown = byte >= 0x20 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "byte \(byte)"
        let hint = ASCII.isLower(byte) ? " (names are upper-case)" : ""
        return "\(shown) at offset \(offset)\(hint)"
    }

    /// The text of `range`, for messages.
    func slice(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    // MARK: - Structure

    /// Consumes `byte` if it is next.
    mutating func consume(_ byte: UInt8) -> Bool {
        guard current == byte else { return false }
        index += 1
        return true
    }

    /// Consumes `byte` or throws, naming what it should follow.
    @inline(__always)
    mutating func expect(_ byte: UInt8, after what: @autoclosure () -> String) throws(SymbologyError) {
        guard index < end, bytes[index] == byte else { throw missing(byte, after: what()) }
        index += 1
    }

    @inline(never)
    private func missing(_ byte: UInt8, after what: String) -> SymbologyError {
        malformed("expected '\(Character(Unicode.Scalar(byte)))' after \(what), found \(found(at: index))")
    }

    /// Throws unless the cursor is at the end.
    @inline(__always)
    func expectEnd(after what: @autoclosure () -> String) throws(SymbologyError) {
        guard isAtEnd else { throw trailing(after: what()) }
    }

    @inline(never)
    private func trailing(after what: String) -> SymbologyError {
        malformed("unexpected \"\(slice(index..<end))\" after \(what) at offset \(index)")
    }

    /// Reads `[A-Z0-9]*` and returns its range (possibly empty).
    mutating func scanAlphanumerics() -> Range<Int> {
        let start = index
        while index < end, ASCII.isUpperOrDigit(bytes[index]) { index += 1 }
        return start..<index
    }

    /// Reads an asset code or a run of code characters: at least one of `[A-Z0-9]`.
    @inline(__always)
    mutating func scanCode(_ what: @autoclosure () -> String) throws(SymbologyError) -> Range<Int> {
        let range = scanAlphanumerics()
        guard !range.isEmpty, !(current.map(ASCII.isLower) ?? false) else { throw badCode(range, what()) }
        return range
    }

    @inline(never)
    private func badCode(_ range: Range<Int>, _ what: String) -> SymbologyError {
        guard !range.isEmpty else { return malformed("expected \(what) at offset \(index), found \(found(at: index))") }
        return malformed("lower-case \(found(at: index)) in \(what)")
    }

    /// True when the bytes of `range` spell `literal`.
    func bytes(_ range: Range<Int>, equal literal: StaticString) -> Bool {
        guard range.count == literal.utf8CodeUnitCount else { return false }
        let pointer = literal.utf8Start
        for offset in 0..<range.count where bytes[range.lowerBound + offset] != pointer[offset] {
            return false
        }
        return true
    }

    /// True when the bytes of `range` end with `literal` and have at least one byte before it.
    func bytes(_ range: Range<Int>, endWith literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard range.count > count else { return false }
        return bytes(range.upperBound - count..<range.upperBound, equal: literal)
    }

    /// The offset of the first `byte` at or after the cursor, or nil.
    func firstIndex(of byte: UInt8) -> Int? {
        var offset = index
        while offset < end {
            if bytes[offset] == byte { return offset }
            offset += 1
        }
        return nil
    }

    // MARK: - Values

    /// The asset whose code is the bytes of `range` (already known to be `[A-Z0-9]`).
    @inline(__always)
    func asset(_ range: Range<Int>) throws(SymbologyError) -> Asset {
        if let known = KnownAssets.lookup(bytes, range) { return known }
        return try newAsset(range)
    }

    @inline(never)
    private func newAsset(_ range: Range<Int>) throws(SymbologyError) -> Asset {
        do {
            return try Asset(String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self))
        } catch {
            throw malformed("asset code \"\(slice(range))\" at offset \(range.lowerBound): \(error.reason)")
        }
    }

    /// Reads `C` or `P`.
    @inline(__always)
    mutating func scanRight() throws(SymbologyError) -> OptionRight {
        switch current {
        case UInt8(ascii: "C"):
            index += 1
            return .call
        case UInt8(ascii: "P"):
            index += 1
            return .put
        default:
            throw malformed("expected the option right C or P, found \(found(at: index))")
        }
    }

    /// Reads a strike: digits, optionally `mark` and more digits, up to the next `-`, `_` or the end.
    ///
    /// Only the venue's canonical spelling is accepted (no leading zeros, no trailing fractional zeros, no sign), so
    /// that formatting what was parsed gives back the same text.
    mutating func scanStrike(decimalMark mark: UInt8) throws(SymbologyError) -> Price {
        let start = index
        var units: Int64 = 0
        var markAt = -1
        while index < end {
            let byte = bytes[index]
            let digit = byte &- UInt8(ascii: "0")
            if digit < 10 {
                // Wrapping is harmless: more than 18 digits is rejected below before `units` is used.
                units = units &* 10 &+ Int64(digit)
            } else if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") {
                break
            } else if byte != mark || markAt >= 0 {
                throw notANumber(from: start, mark: mark)
            } else {
                markAt = index
            }
            index += 1
        }
        let fractionDigits = markAt >= 0 ? index - markAt - 1 : 0
        let integerDigits = (markAt >= 0 ? markAt : index) - start
        guard integerDigits > 0, fractionDigits > 0 || markAt < 0, integerDigits + fractionDigits <= 18,
            !(integerDigits > 1 && bytes[start] == UInt8(ascii: "0")),
            fractionDigits == 0 || bytes[index - 1] != UInt8(ascii: "0"), units > 0
        else { throw badStrike(start..<index, markAt: markAt) }
        return Price(FixedDecimal(units: units, scale: Int8(fractionDigits)))
    }

    /// Why the strike token in `token` (digits and at most one mark) is not a canonical positive strike.
    @inline(never)
    private func badStrike(_ token: Range<Int>, markAt: Int) -> SymbologyError {
        let text = slice(token)
        if token.isEmpty { return invalidStrike("strike missing at offset \(token.lowerBound)") }
        let integerDigits = (markAt >= 0 ? markAt : token.upperBound) - token.lowerBound
        let fractionDigits = markAt >= 0 ? token.upperBound - markAt - 1 : 0
        if integerDigits == 0 { return invalidStrike("strike \"\(text)\" has no integer part") }
        if markAt >= 0 && fractionDigits == 0 {
            return invalidStrike("strike \"\(text)\" has no digits after the decimal mark")
        }
        if integerDigits + fractionDigits > 18 { return invalidStrike("strike \"\(text)\" has too many digits") }
        if integerDigits > 1 && bytes[token.lowerBound] == UInt8(ascii: "0") {
            return invalidStrike("strike \"\(text)\" has a leading zero")
        }
        if fractionDigits > 0 && bytes[token.upperBound - 1] == UInt8(ascii: "0") {
            return invalidStrike("strike \"\(text)\" has a trailing zero after the decimal mark at offset \(markAt)")
        }
        return invalidStrike("strike \"\(text)\" must be positive")
    }

    /// The strike has a byte that is neither a digit nor the (single) decimal mark.
    @inline(never)
    private func notANumber(from start: Int, mark: UInt8) -> SymbologyError {
        let hint = strikeHint(bytes[index], mark: mark)
        return invalidStrike(
            "strike \"\(slice(start..<tokenEnd(from: start)))\" is not a number: \(found(at: index))\(hint)"
        )
    }

    private func tokenEnd(from start: Int) -> Int {
        var offset = start
        while offset < end, bytes[offset] != UInt8(ascii: "-"), bytes[offset] != UInt8(ascii: "_") { offset += 1 }
        return offset
    }

    private func strikeHint(_ byte: UInt8, mark: UInt8) -> String {
        if byte == UInt8(ascii: ".") && mark == UInt8(ascii: "d") {
            return " (Deribit writes the decimal point as 'd': 0d625)"
        }
        if byte == UInt8(ascii: "d") && mark == UInt8(ascii: ".") {
            return " (\(venue.displayName) writes the decimal point as '.')"
        }
        return ""
    }
}

/// ASCII classification without `Character`.
enum ASCII {
    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }
    @inline(__always) static func isUpper(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "A") < 26 }
    @inline(__always) static func isLower(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "a") < 26 }
    @inline(__always) static func isUpperOrDigit(_ byte: UInt8) -> Bool { isUpper(byte) || isDigit(byte) }
}
