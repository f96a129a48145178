public import LegateCore
internal import LegateModel
internal import LegateOrders

// Compact coding of engine events, the journal's payload (see `CompactCodable`): case bytes are the format.

extension PackageRequest: CompactCodable {
    public func write(to writer: inout CompactWriter) {
        writer.write(clientPackageID)
        writer.write(account)
        writer.write(venue)
        writer.write(package)
        writer.write(legPrices)
        writer.write(timeInForce)
    }

    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        self.init(
            clientPackageID: try reader.read(),
            account: try reader.read(),
            venue: try reader.read(),
            package: try reader.read(),
            legPrices: try reader.read(),
            timeInForce: try reader.read()
        )
    }
}

extension AllocatedSlice: CompactCodable {
    public func write(to writer: inout CompactWriter) {
        writer.string(tradeID)
        writer.write(target)
        writer.write(quantity)
        writer.write(price)
    }

    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        self.init(
            tradeID: try reader.string(),
            target: try reader.read(),
            quantity: try reader.read(),
            price: try reader.read()
        )
    }
}

extension OrderCreated: CompactCodable {
    public func write(to writer: inout CompactWriter) {
        writer.write(orderID)
        writer.write(request)
        writer.write(owner)
        writer.string(correlationID)
        writer.bool(staged)
        writer.write(packageID)
    }

    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        self.init(
            orderID: try reader.read(),
            request: try reader.read(),
            owner: try reader.read(),
            correlationID: try reader.string(),
            staged: try reader.bool(),
            packageID: try reader.read()
        )
    }
}

extension PackageCreated: CompactCodable {
    public func write(to writer: inout CompactWriter) {
        writer.write(packageID)
        writer.write(request)
        writer.write(owner)
        writer.string(correlationID)
        writer.write(legOrderIDs)
    }

    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        self.init(
            packageID: try reader.read(),
            request: try reader.read(),
            owner: try reader.read(),
            correlationID: try reader.string(),
            legOrderIDs: try reader.read()
        )
    }
}

extension CommandRejected: CompactCodable {
    public func write(to writer: inout CompactWriter) {
        writer.string(correlationID)
        writer.write(actor)
        writer.write(orderID)
        writer.string(reason)
    }

    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        self.init(
            correlationID: try reader.string(),
            actor: try reader.read(),
            orderID: try reader.read(),
            reason: try reader.string()
        )
    }
}

extension BookedFill: CompactCodable {
    public func write(to writer: inout CompactWriter) {
        writer.write(orderID)
        writer.write(account)
        writer.write(venue)
        writer.write(instrument)
        writer.write(side)
        writer.string(tradeID)
        writer.write(quantity)
        writer.write(price)
    }

    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        self.init(
            orderID: try reader.read(),
            account: try reader.read(),
            venue: try reader.read(),
            instrument: try reader.read(),
            side: try reader.read(),
            tradeID: try reader.string(),
            quantity: try reader.read(),
            price: try reader.read()
        )
    }
}

extension Event: CompactCodable {
    public func write(to writer: inout CompactWriter) {
        switch self {
        case .packageCreated(let created):
            writer.byte(0)
            writer.write(created)
        case .orderCreated(let created):
            writer.byte(1)
            writer.write(created)
        case .orderTransitioned(let orderID, let transition):
            writer.byte(2)
            writer.write(orderID)
            writer.write(transition)
        case .riskDecided(let orderID, let decision):
            writer.byte(3)
            writer.write(orderID)
            writer.write(decision)
        case .approvalRequested(let orderID, let expiresAt):
            writer.byte(4)
            writer.write(orderID)
            writer.write(expiresAt)
        case .approvalGranted(let orderID, let approver, let expiresAt):
            writer.byte(5)
            writer.write(orderID)
            writer.write(approver)
            writer.write(expiresAt)
        case .commandRejected(let rejected):
            writer.byte(6)
            writer.write(rejected)
        case .fillBooked(let fill):
            writer.byte(7)
            writer.write(fill)
        case .reportQuarantined(let report, let reason):
            writer.byte(8)
            writer.write(report)
            writer.string(reason)
        case .limitChanged(let key, let limit, let actor):
            writer.byte(9)
            writer.write(key)
            writer.write(limit)
            writer.write(actor)
        case .fillsAllocated(let orderID, let slices, let actor):
            writer.byte(10)
            writer.write(orderID)
            writer.write(slices)
            writer.write(actor)
        case .markUpdated(let instrument, let price):
            writer.byte(11)
            writer.write(instrument)
            writer.write(price)
        case .instrumentSettled(let settled):
            writer.byte(12)
            writer.write(settled)
        case .settlementRejected(let settlement, let error):
            writer.byte(13)
            writer.write(settlement)
            writer.write(error)
        case .orderAccepted(let orderID, let decision, let staged):
            writer.byte(14)
            writer.write(orderID)
            writer.write(decision)
            writer.bool(staged)
        case .reconciliation(let orderID, let required):
            writer.byte(15)
            writer.write(orderID)
            writer.bool(required)
        case .hedgePolicyChanged(let scope, let policy, let actor):
            writer.byte(16)
            writer.write(scope)
            writer.write(policy)
            writer.write(actor)
        }
    }

    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        switch try reader.byte() {
        case 0: self = .packageCreated(try reader.read())
        case 1: self = .orderCreated(try reader.read())
        case 2: self = .orderTransitioned(orderID: try reader.read(), transition: try reader.read())
        case 3: self = .riskDecided(orderID: try reader.read(), decision: try reader.read())
        case 4: self = .approvalRequested(orderID: try reader.read(), expiresAt: try reader.read())
        case 5:
            self = .approvalGranted(
                orderID: try reader.read(),
                approver: try reader.read(),
                expiresAt: try reader.read()
            )
        case 6: self = .commandRejected(try reader.read())
        case 7: self = .fillBooked(try reader.read())
        case 8: self = .reportQuarantined(report: try reader.read(), reason: try reader.string())
        case 9: self = .limitChanged(key: try reader.read(), limit: try reader.read(), actor: try reader.read())
        case 10: self = .fillsAllocated(orderID: try reader.read(), slices: try reader.read(), actor: try reader.read())
        case 11: self = .markUpdated(instrument: try reader.read(), price: try reader.read())
        case 12: self = .instrumentSettled(try reader.read())
        case 13: self = .settlementRejected(settlement: try reader.read(), error: try reader.read())
        case 14:
            self = .orderAccepted(orderID: try reader.read(), decision: try reader.read(), staged: try reader.bool())
        case 15: self = .reconciliation(orderID: try reader.read(), required: try reader.bool())
        case 16:
            self = .hedgePolicyChanged(scope: try reader.read(), policy: try reader.read(), actor: try reader.read())
        case let tag: throw reader.unknownCase("Event", tag)
        }
    }
}
