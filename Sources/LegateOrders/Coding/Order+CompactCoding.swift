public import LegateCore
internal import LegateModel

// Compact coding of an order as the engine holds it, for state snapshots (see `CompactCodable`): field order is the
// format.

extension OrderStatus: CompactCodable {}

extension PendingChange: CompactCodable {
    public func write(to writer: inout CompactWriter) {
        switch self {
        case .cancel:
            writer.byte(0)
        case .amend(let quantity, let kind):
            writer.byte(1)
            writer.write(quantity)
            writer.write(kind)
        }
    }

    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        switch try reader.byte() {
        case 0: self = .cancel
        case 1: self = .amend(quantity: try reader.read(), kind: try reader.read())
        case let tag: throw reader.unknownCase("PendingChange", tag)
        }
    }
}

extension Order: CompactCodable {
    public func write(to writer: inout CompactWriter) {
        writer.write(id)
        writer.write(request)
        writer.write(owner)
        writer.write(createdAt)
        writer.optional(packageID)
        writer.write(status)
        writer.optional(pending)
        writer.write(quantity)
        writer.write(kind)
        writer.write(filledQuantity)
        writer.write(filledValue)
        writer.optional(venueOrderID)
        writer.write(updatedAt)
        writer.optional(reason)
    }

    /// Refuses an order that breaks the invariants `checkInvariants` asserts: damaged data is an error to report,
    /// never a process stop and never an order in a state the machine cannot reach.
    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        let start = reader.position
        let id: OrderID = try reader.read()
        let request: OrderRequest = try reader.read()
        let owner: UserID = try reader.read()
        let createdAt: UnixNanos = try reader.read()
        self.init(id: id, request: request, owner: owner, packageID: try reader.optional(), at: createdAt)
        status = try reader.read()
        pending = try reader.optional()
        quantity = try reader.read()
        kind = try reader.read()
        filledQuantity = try reader.read()
        filledValue = try reader.read()
        venueOrderID = try reader.optional()
        updatedAt = try reader.read()
        reason = try reader.optional()
        if let violation = invariantViolation {
            throw CompactDecodingError(type: "Order \(id)", offset: start, reason: violation)
        }
    }
}
