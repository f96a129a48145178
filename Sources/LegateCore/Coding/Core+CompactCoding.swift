// Compact coding of the primitives: every value is validated as it is rebuilt, as its throwing initializer would.

extension String: CompactCodable {
    public func write(to writer: inout CompactWriter) { writer.string(self) }
    public init(from reader: inout CompactReader) throws(CompactDecodingError) { self = try reader.string() }
}

extension Bool: CompactCodable {
    public func write(to writer: inout CompactWriter) { writer.bool(self) }
    public init(from reader: inout CompactReader) throws(CompactDecodingError) { self = try reader.bool() }
}

extension Int: CompactCodable {
    public func write(to writer: inout CompactWriter) { writer.int(self) }
    public init(from reader: inout CompactReader) throws(CompactDecodingError) { self = try reader.int() }
}

extension FixedDecimal: CompactCodable {
    public func write(to writer: inout CompactWriter) {
        writer.signed(units)
        writer.byte(UInt8(scale))
    }

    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        let units = try reader.signed()
        let scale = try reader.byte()
        guard scale <= UInt8(Self.maximumScale) else {
            throw reader.failure("FixedDecimal", "scale \(scale) is outside 0...\(Self.maximumScale)")
        }
        self.init(units: units, scale: Int8(scale))
    }
}

extension Price: CompactCodable {
    public func write(to writer: inout CompactWriter) { decimal.write(to: &writer) }
    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        self.init(try FixedDecimal(from: &reader))
    }
}

extension Quantity: CompactCodable {
    public func write(to writer: inout CompactWriter) { decimal.write(to: &writer) }
    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        self.init(try FixedDecimal(from: &reader))
    }
}

extension UnixNanos: CompactCodable {
    public func write(to writer: inout CompactWriter) { writer.signed(rawValue) }
    public init(from reader: inout CompactReader) throws(CompactDecodingError) { self.init(try reader.signed()) }
}

extension Asset: CompactCodable {
    public func write(to writer: inout CompactWriter) { writer.string(code) }
    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        let start = reader.position
        let code = try reader.string()
        do {
            try self.init(code)
        } catch {
            throw CompactDecodingError(type: "Asset", offset: start, reason: error.description)
        }
    }
}

extension Money: CompactCodable {
    public func write(to writer: inout CompactWriter) {
        amount.write(to: &writer)
        currency.write(to: &writer)
    }

    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        let amount = try FixedDecimal(from: &reader)
        self.init(amount, try Asset(from: &reader))
    }
}

extension Identifier: CompactCodable {
    public func write(to writer: inout CompactWriter) { writer.string(rawValue) }
    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        let start = reader.position
        let text = try reader.string()
        do {
            try self.init(text)
        } catch {
            throw CompactDecodingError(type: "\(Tag.name) id", offset: start, reason: error.description)
        }
    }
}

extension Optional: CompactCodable where Wrapped: CompactCodable {
    public func write(to writer: inout CompactWriter) { writer.optional(self) }
    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        self = try reader.optional(Wrapped.self)
    }
}

extension Array: CompactCodable where Element: CompactCodable {
    public func write(to writer: inout CompactWriter) { writer.array(self) }
    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        self = try reader.array(Element.self)
    }
}
