public import LegateCore

// Compact coding of venue reports and strategy packages (see `CompactCodable`).

extension VenueLegFill: CompactCodable {
    public func write(to writer: inout CompactWriter) {
        writer.write(instrument)
        writer.write(side)
        writer.write(quantity)
        writer.write(price)
        writer.write(fee)
    }

    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        self.init(
            instrument: try reader.read(),
            side: try reader.read(),
            quantity: try reader.read(),
            price: try reader.read(),
            fee: try reader.read()
        )
    }
}

extension VenueFill: CompactCodable {
    public func write(to writer: inout CompactWriter) {
        writer.write(venue)
        writer.write(tradeID)
        writer.write(orderID)
        writer.write(quantity)
        writer.write(price)
        writer.write(fee)
        writer.write(liquidity)
        writer.write(legs)
    }

    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        self.init(
            venue: try reader.read(),
            tradeID: try reader.read(),
            orderID: try reader.read(),
            quantity: try reader.read(),
            price: try reader.read(),
            fee: try reader.read(),
            liquidity: try reader.read(),
            legs: try reader.read()
        )
    }
}

extension VenueReport: CompactCodable {
    public func write(to writer: inout CompactWriter) {
        switch self {
        case .acknowledged(let orderID, let venueOrderID):
            writer.byte(0)
            writer.write(orderID)
            writer.write(venueOrderID)
        case .rejected(let orderID, let reason): Self.write(1, orderID, reason, to: &writer)
        case .fill(let fill):
            writer.byte(2)
            writer.write(fill)
        case .cancelled(let orderID, let reason): Self.write(3, orderID, reason, to: &writer)
        case .cancelRejected(let orderID, let reason): Self.write(4, orderID, reason, to: &writer)
        case .amended(let orderID):
            writer.byte(5)
            writer.write(orderID)
        case .amendRejected(let orderID, let reason): Self.write(6, orderID, reason, to: &writer)
        case .expired(let orderID):
            writer.byte(7)
            writer.write(orderID)
        }
    }

    private static func write(_ tag: UInt8, _ orderID: OrderID, _ reason: String, to writer: inout CompactWriter) {
        writer.byte(tag)
        writer.write(orderID)
        writer.string(reason)
    }

    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        switch try reader.byte() {
        case 0: self = .acknowledged(orderID: try reader.read(), venueOrderID: try reader.read())
        case 1: self = .rejected(orderID: try reader.read(), reason: try reader.string())
        case 2: self = .fill(try reader.read())
        case 3: self = .cancelled(orderID: try reader.read(), reason: try reader.string())
        case 4: self = .cancelRejected(orderID: try reader.read(), reason: try reader.string())
        case 5: self = .amended(orderID: try reader.read())
        case 6: self = .amendRejected(orderID: try reader.read(), reason: try reader.string())
        case 7: self = .expired(orderID: try reader.read())
        case let tag: throw reader.unknownCase("VenueReport", tag)
        }
    }
}

extension StrategyShape: CompactCodable {}
extension WingPolicy: CompactCodable {}

extension PackageLeg: CompactCodable {
    public func write(to writer: inout CompactWriter) {
        writer.write(instrument)
        writer.write(side)
        writer.int(ratio)
    }

    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        let instrument = try reader.read(Instrument.self)
        let side = try reader.read(OrderSide.self)
        self.init(instrument: instrument, side: side, ratio: try reader.int())
    }
}

extension StrategyPackage: CompactCodable {
    public func write(to writer: inout CompactWriter) {
        writer.write(shape)
        writer.write(side)
        writer.write(legs)
        writer.write(quantity)
        writer.write(limitPrice)
        writer.write(wings)
    }

    /// Decoding validates the package as its initializer does, so a journal can never hold a malformed package.
    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        let start = reader.position
        let shape = try reader.read(StrategyShape.self)
        let side = try reader.read(OrderSide.self)
        let legs = try reader.read([PackageLeg].self)
        let quantity = try reader.read(Quantity.self)
        let limitPrice = try reader.read(Price.self)
        let wings = try reader.read(WingPolicy.self)
        do {
            try self.init(
                shape: shape,
                side: side,
                legs: legs,
                quantity: quantity,
                limitPrice: limitPrice,
                wings: wings
            )
        } catch {
            throw CompactDecodingError(type: "StrategyPackage", offset: start, reason: error.description)
        }
    }
}
