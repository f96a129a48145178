public import LegateCore
internal import LegateModel

// Compact coding of settlements for the journal's payload (see `CompactCodable`): case bytes are the format.

extension ExpirySettlement: CompactCodable {
    public func write(to writer: inout CompactWriter) {
        writer.write(instrument)
        writer.write(venue)
        writer.write(deliveryPrice)
    }

    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        self.init(instrument: try reader.read(), venue: try reader.read(), deliveryPrice: try reader.read())
    }
}

extension InstrumentSettled: CompactCodable {
    public func write(to writer: inout CompactWriter) {
        writer.write(settlement)
        writer.write(value)
    }

    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        self.init(settlement: try reader.read(), value: try reader.read())
    }
}

extension SettlementError: CompactCodable {
    public func write(to writer: inout CompactWriter) {
        switch self {
        case .nonPositivePrice(let price):
            writer.byte(0)
            writer.write(price)
        case .notDated(let instrument):
            writer.byte(1)
            writer.write(instrument)
        case .beforeExpiry(let instrument, let expiry, let time):
            writer.byte(2)
            writer.write(instrument)
            writer.write(expiry)
            writer.write(time)
        case .unknownInstrument(let instrument, let venue):
            writer.byte(3)
            writer.write(instrument)
            writer.write(venue)
        case .nothingToSettle(let instrument, let venue):
            writer.byte(4)
            writer.write(instrument)
            writer.write(venue)
        case .unrepresentableValue(let instrument, let reason):
            writer.byte(5)
            writer.write(instrument)
            writer.string(reason)
        }
    }

    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        switch try reader.byte() {
        case 0: self = .nonPositivePrice(try reader.read())
        case 1: self = .notDated(try reader.read())
        case 2: self = .beforeExpiry(try reader.read(), expiry: try reader.read(), at: try reader.read())
        case 3: self = .unknownInstrument(try reader.read(), venue: try reader.read())
        case 4: self = .nothingToSettle(try reader.read(), venue: try reader.read())
        case 5: self = .unrepresentableValue(try reader.read(), reason: try reader.string())
        case let tag: throw reader.unknownCase("SettlementError", tag)
        }
    }
}
