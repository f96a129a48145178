public import LegateCore

// Compact coding of orders, limits, decisions and venue messages (see `CompactCodable`).

extension OrderSide: CompactCodable {}
extension PriceUnit: CompactCodable {}
extension LimitMeasure: CompactCodable {}
extension LimitSeverity: CompactCodable {}
extension Liquidity: CompactCodable {}

extension TimeInForce: CompactCodable {
    public func write(to writer: inout CompactWriter) {
        switch self {
        case .goodTillCancelled: writer.byte(0)
        case .immediateOrCancel: writer.byte(1)
        case .fillOrKill: writer.byte(2)
        case .goodTillDate(let expiry):
            writer.byte(3)
            writer.write(expiry)
        }
    }

    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        switch try reader.byte() {
        case 0: self = .goodTillCancelled
        case 1: self = .immediateOrCancel
        case 2: self = .fillOrKill
        case 3: self = .goodTillDate(try reader.read())
        case let tag: throw reader.unknownCase("TimeInForce", tag)
        }
    }
}

extension LimitPrice: CompactCodable {
    public func write(to writer: inout CompactWriter) {
        writer.write(value)
        writer.write(unit)
    }

    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        let value = try reader.read(FixedDecimal.self)
        self.init(value, unit: try reader.read())
    }
}

extension OrderKind: CompactCodable {
    public func write(to writer: inout CompactWriter) {
        switch self {
        case .limit(let price):
            writer.byte(0)
            writer.write(price)
        case .market(let protection):
            writer.byte(1)
            writer.write(protection)
        }
    }

    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        switch try reader.byte() {
        case 0: self = .limit(try reader.read())
        case 1: self = .market(protection: try reader.read())
        case let tag: throw reader.unknownCase("OrderKind", tag)
        }
    }
}

extension ExecutionFlags: CompactCodable {
    public func write(to writer: inout CompactWriter) {
        writer.byte((postOnly ? 1 : 0) | (reduceOnly ? 2 : 0))
    }

    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        let bits = try reader.byte()
        guard bits <= 3 else { throw reader.unknownCase("ExecutionFlags", bits) }
        self.init(postOnly: bits & 1 != 0, reduceOnly: bits & 2 != 0)
    }
}

extension OrderRequest: CompactCodable {
    public func write(to writer: inout CompactWriter) {
        writer.write(clientOrderID)
        writer.write(account)
        writer.write(venue)
        writer.write(instrument)
        writer.write(side)
        writer.write(quantity)
        writer.write(kind)
        writer.write(timeInForce)
        writer.write(flags)
    }

    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        self.init(
            clientOrderID: try reader.read(),
            account: try reader.read(),
            venue: try reader.read(),
            instrument: try reader.read(),
            side: try reader.read(),
            quantity: try reader.read(),
            kind: try reader.read(),
            timeInForce: try reader.read(),
            flags: try reader.read()
        )
    }
}

extension Role: CompactCodable {}

extension LimitScope: CompactCodable {
    public func write(to writer: inout CompactWriter) {
        writer.write(desk)
        writer.write(account)
        writer.write(underlying)
        writer.write(expiryBucket)
        writer.write(role)
    }

    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        self.init(
            desk: try reader.read(),
            account: try reader.read(),
            underlying: try reader.read(),
            expiryBucket: try reader.read(),
            role: try reader.read()
        )
    }
}

extension LimitKey: CompactCodable {
    public func write(to writer: inout CompactWriter) {
        writer.write(measure)
        writer.write(scope)
        writer.write(severity)
    }

    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        let measure = try reader.read(LimitMeasure.self)
        let scope = try reader.read(LimitScope.self)
        self.init(measure: measure, scope: scope, severity: try reader.read())
    }
}

extension Limit: CompactCodable {
    public func write(to writer: inout CompactWriter) {
        writer.write(measure)
        writer.write(scope)
        writer.write(threshold)
        writer.write(severity)
    }

    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        let measure = try reader.read(LimitMeasure.self)
        let scope = try reader.read(LimitScope.self)
        let threshold = try reader.read(FixedDecimal.self)
        self.init(measure: measure, scope: scope, threshold: threshold, severity: try reader.read())
    }
}

extension RiskBreach: CompactCodable {
    public func write(to writer: inout CompactWriter) {
        writer.write(measure)
        writer.write(scope)
        writer.write(severity)
        writer.write(current)
        writer.write(after)
        writer.write(threshold)
        writer.optional(market)
    }

    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        self.init(
            measure: try reader.read(),
            scope: try reader.read(),
            severity: try reader.read(),
            current: try reader.read(),
            after: try reader.read(),
            threshold: try reader.read(),
            market: try reader.optional()
        )
    }
}

extension MarketStamp: CompactCodable {
    public func write(to writer: inout CompactWriter) {
        writer.varint(sequence)
        writer.write(asOf)
    }

    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        let sequence = try reader.varint()
        self.init(sequence: sequence, asOf: try reader.read())
    }
}

extension RiskBasis: CompactCodable {
    public func write(to writer: inout CompactWriter) {
        writer.optional(market)
        writer.optional(nearest)
    }

    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        let market = try reader.optional(MarketStamp.self)
        self.init(market: market, nearest: try reader.optional())
    }
}

extension RiskDecision: CompactCodable {
    public func write(to writer: inout CompactWriter) {
        switch self {
        case .accept(let basis):
            writer.byte(0)
            writer.write(basis)
        case .reject(let breach):
            writer.byte(1)
            writer.write(breach)
        case .needsApproval(let breach):
            writer.byte(2)
            writer.write(breach)
        case .unassessable(let reason):
            writer.byte(3)
            writer.string(reason)
        }
    }

    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        switch try reader.byte() {
        case 0: self = .accept(try reader.read())
        case 1: self = .reject(try reader.read())
        case 2: self = .needsApproval(try reader.read())
        case 3: self = .unassessable(reason: try reader.string())
        case let tag: throw reader.unknownCase("RiskDecision", tag)
        }
    }
}

extension HedgePolicy: CompactCodable {
    public func write(to writer: inout CompactWriter) {
        writer.write(scope)
        writer.write(targetDelta)
        writer.write(band)
        writer.write(instrument)
        writer.write(venue)
        writer.write(account)
        writer.write(maxOrderQuantity)
        writer.bool(enabled)
    }

    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        self.init(
            scope: try reader.read(),
            targetDelta: try reader.read(),
            band: try reader.read(),
            instrument: try reader.read(),
            venue: try reader.read(),
            account: try reader.read(),
            maxOrderQuantity: try reader.read(),
            enabled: try reader.bool()
        )
    }
}
