public import LegateCore

// Compact coding of instruments (see `CompactCodable`): case bytes and field order are the journal format.

extension Venue: CompactCodable {}
extension OptionRight: CompactCodable {}
extension InstrumentKind: CompactCodable {}

extension Underlying: CompactCodable {
    public func write(to writer: inout CompactWriter) {
        writer.write(base)
        writer.write(quote)
    }

    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        let base = try reader.read(Asset.self)
        self.init(base: base, quote: try reader.read())
    }
}

extension Settlement: CompactCodable {
    public func write(to writer: inout CompactWriter) {
        switch self {
        case .inverse(let asset):
            writer.byte(0)
            writer.write(asset)
        case .linear(let asset):
            writer.byte(1)
            writer.write(asset)
        }
    }

    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        switch try reader.byte() {
        case 0: self = .inverse(try reader.read())
        case 1: self = .linear(try reader.read())
        case let tag: throw reader.unknownCase("Settlement", tag)
        }
    }
}

extension OptionTerms: CompactCodable {
    public func write(to writer: inout CompactWriter) {
        writer.write(expiry)
        writer.write(strike)
        writer.write(right)
    }

    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        let expiry = try reader.read(UnixNanos.self)
        let strike = try reader.read(Price.self)
        self.init(expiry: expiry, strike: strike, right: try reader.read())
    }
}

extension ComboLeg: CompactCodable {
    public func write(to writer: inout CompactWriter) {
        writer.write(instrument)
        writer.int(ratio)
    }

    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        let instrument = try reader.read(Instrument.self)
        self.init(instrument: instrument, ratio: try reader.int())
    }
}

extension Combo: CompactCodable {
    public func write(to writer: inout CompactWriter) { writer.array(legs) }
    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        self.init(legs: try reader.array())
    }
}

extension Instrument.Terms: CompactCodable {
    public func write(to writer: inout CompactWriter) {
        switch self {
        case .spot: writer.byte(0)
        case .perpetual: writer.byte(1)
        case .future(let expiry):
            writer.byte(2)
            writer.write(expiry)
        case .option(let terms):
            writer.byte(3)
            writer.write(terms)
        case .combo(let combo):
            writer.byte(4)
            writer.write(combo)
        }
    }

    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        switch try reader.byte() {
        case 0: self = .spot
        case 1: self = .perpetual
        case 2: self = .future(expiry: try reader.read())
        case 3: self = .option(try reader.read())
        case 4: self = .combo(try reader.read())
        case let tag: throw reader.unknownCase("Instrument.Terms", tag)
        }
    }
}

extension Instrument: CompactCodable {
    public func write(to writer: inout CompactWriter) {
        writer.write(underlying)
        writer.write(settlement)
        writer.write(terms)
    }

    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        let underlying = try reader.read(Underlying.self)
        let settlement = try reader.read(Settlement.self)
        self.init(underlying: underlying, settlement: settlement, terms: try reader.read())
    }
}
