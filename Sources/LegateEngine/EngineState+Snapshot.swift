public import LegateCore
internal import LegateModel
internal import LegateOrders

/// The state's snapshot format: the canonical form (`EngineState.Canonical`) in compact coding, behind a magic and
/// a version.
///
/// Snapshots were the canonical form through `BinaryEncoder`, which goes through `Codable` containers for every
/// field of every order: a state of 250,000 orders took about 3 seconds to encode, all of it on the journal thread
/// while the engine waited. Compact coding writes the same fields in the same order with no keys. Those older
/// snapshots still load (`EngineState(snapshot:)` tells them apart by the magic, which their field count cannot
/// spell).
extension EngineState {
    /// "LGST": the first bytes of every compact snapshot.
    static let snapshotMagic: [UInt8] = [0x4C, 0x47, 0x53, 0x54]
    /// Bump when a field is added to the canonical form; readers refuse versions they do not know.
    public static let snapshotFormatVersion: UInt8 = 1

    /// The snapshot encoding of the state: equal states give equal bytes in every process (hash-ordered
    /// collections are sorted), so it is also what the state hash is taken over.
    public func snapshotBytes() -> [UInt8] {
        var writer = CompactWriter(reservingCapacity: 4_096 + 320 * orders.count)
        for byte in Self.snapshotMagic { writer.byte(byte) }
        writer.byte(Self.snapshotFormatVersion)
        canonical().write(to: &writer)
        return writer.bytes
    }

    /// A copy for a snapshot to be encoded from on another thread: what the snapshot holds, without the derived
    /// indexes (which decoding rebuilds). Copying the state shares every collection's storage until one side
    /// changes it; the live state then copies the whole collection. Dropping the copy's reference to the indexes at
    /// once spares the engine thread those copies: at 250,000 orders the client order index alone took 10–20 ms.
    public func snapshotCopy() -> EngineState {
        var copy = self
        copy.clientOrderIndex = [:]
        copy.clientPackageIndex = [:]
        copy.positionKeysByInstrument = [:]
        copy.workingOrderCounts = [:]
        return copy
    }

    /// Whether `bytes` are a compact snapshot (`snapshotBytes`) rather than one written by an older build.
    public static func isCompactSnapshot(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: snapshotMagic)
    }

    /// The state a compact snapshot holds, with its derived indexes rebuilt.
    ///
    /// - Throws: `CompactDecodingError` naming the type and byte offset of damaged data, a version this build does
    ///   not read, trailing bytes, or orders no engine could have made.
    public init(snapshotBytes bytes: [UInt8]) throws(CompactDecodingError) {
        var reader = CompactReader(bytes: bytes)
        for expected in Self.snapshotMagic {
            guard try reader.byte() == expected else {
                throw CompactDecodingError(type: "EngineState snapshot", offset: 0, reason: "no LGST magic")
            }
        }
        let version = try reader.byte()
        guard version == Self.snapshotFormatVersion else {
            throw reader.failure(
                "EngineState snapshot",
                "format version \(version); this build reads \(Self.snapshotFormatVersion)"
            )
        }
        let canonical = try Canonical(from: &reader)
        guard reader.isAtEnd else {
            throw reader.failure("EngineState snapshot", "\(bytes.count - reader.position) trailing bytes")
        }
        do throws(CanonicalStateError) {
            try self.init(rebuildingFrom: canonical)
        } catch {
            throw CompactDecodingError(type: "EngineState snapshot", offset: bytes.count, reason: error.reason)
        }
    }
}

extension EngineState.Pair: CompactCodable where Key: CompactCodable, Value: CompactCodable {
    func write(to writer: inout CompactWriter) {
        writer.write(key)
        writer.write(value)
    }

    init(from reader: inout CompactReader) throws(CompactDecodingError) {
        let key: Key = try reader.read()
        self.init(key: key, value: try reader.read())
    }
}

extension EngineState.Canonical: CompactCodable {
    func write(to writer: inout CompactWriter) {
        writer.array(orders)
        writer.array(packages)
        writer.array(stagedOrders)
        writer.array(approvalRequests)
        writer.array(approvals)
        writer.array(approvalLimits ?? [])
        writer.array(positions)
        writer.array(bookedTrades)
        writer.array(orderFills)
        writer.array(allocatedTrades)
        writer.array(allocations)
        writer.array(limits)
        writer.array(marks)
        writer.array(quarantinedReports)
        writer.varint(nextOrderNumber)
        writer.varint(eventCount)
        writer.array(awaitingReconciliation ?? [])
        writer.array(hedgePolicies ?? [])
    }

    // Field by field into locals: argument lists evaluate left to right, but the format's order should not rest on it.
    init(from reader: inout CompactReader) throws(CompactDecodingError) {
        let orders: [Order] = try reader.array()
        let packages: [PackageRecord] = try reader.array()
        let stagedOrders: [OrderID] = try reader.array()
        let approvalRequests: [EngineState.Pair<OrderID, UnixNanos>] = try reader.array()
        let approvals: [EngineState.Pair<OrderID, ApprovalGrant>] = try reader.array()
        let approvalLimits: [EngineState.Pair<OrderID, LimitKey>] = try reader.array()
        let positions: [EngineState.Pair<PositionKey, Position>] = try reader.array()
        let bookedTrades: [TradeKey] = try reader.array()
        let orderFills: [EngineState.Pair<OrderID, [BookedFill]>] = try reader.array()
        let allocatedTrades: [TradeKey] = try reader.array()
        let allocations: [EngineState.Pair<OrderID, [AllocatedSlice]>] = try reader.array()
        let limits: [Limit] = try reader.array()
        let marks: [EngineState.Pair<Instrument, Price>] = try reader.array()
        let quarantinedReports: [QuarantinedReport] = try reader.array()
        let nextOrderNumber = try reader.varint()
        let eventCount = try reader.varint()
        let awaitingReconciliation: [OrderID] = try reader.array()
        let hedgePolicies: [HedgePolicy] = try reader.array()
        self.init(
            orders: orders,
            packages: packages,
            stagedOrders: stagedOrders,
            approvalRequests: approvalRequests,
            approvals: approvals,
            approvalLimits: approvalLimits,
            positions: positions,
            bookedTrades: bookedTrades,
            orderFills: orderFills,
            allocatedTrades: allocatedTrades,
            allocations: allocations,
            limits: limits,
            marks: marks,
            quarantinedReports: quarantinedReports,
            nextOrderNumber: nextOrderNumber,
            eventCount: eventCount,
            awaitingReconciliation: awaitingReconciliation,
            hedgePolicies: hedgePolicies
        )
    }
}

extension PackageRecord: CompactCodable {
    public func write(to writer: inout CompactWriter) {
        writer.write(id)
        writer.write(request)
        writer.write(owner)
        writer.array(legOrderIDs)
    }

    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        let id: PackageID = try reader.read()
        let request: PackageRequest = try reader.read()
        let owner: UserID = try reader.read()
        self.init(id: id, request: request, owner: owner, legOrderIDs: try reader.array())
    }
}

extension TradeKey: CompactCodable {
    public func write(to writer: inout CompactWriter) {
        writer.write(venue)
        writer.string(tradeID)
    }

    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        let venue: Venue = try reader.read()
        self.init(venue: venue, tradeID: try reader.string())
    }
}

extension ApprovalGrant: CompactCodable {
    public func write(to writer: inout CompactWriter) {
        writer.write(approver)
        writer.write(expiresAt)
        writer.array(covers)
    }

    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        let approver: UserID = try reader.read()
        let expiresAt: UnixNanos = try reader.read()
        self.init(approver: approver, expiresAt: expiresAt, covers: try reader.array())
    }
}

extension QuarantinedReport: CompactCodable {
    public func write(to writer: inout CompactWriter) {
        writer.write(report)
        writer.string(reason)
    }

    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        let report: VenueReport = try reader.read()
        self.init(report: report, reason: try reader.string())
    }
}

extension PositionKey: CompactCodable {
    public func write(to writer: inout CompactWriter) {
        writer.write(account)
        writer.write(venue)
        writer.write(instrument)
    }

    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        let account: AccountID = try reader.read()
        let venue: Venue = try reader.read()
        self.init(account: account, venue: venue, instrument: try reader.read())
    }
}

extension Position: CompactCodable {
    public func write(to writer: inout CompactWriter) {
        writer.write(boughtQuantity)
        writer.write(soldQuantity)
        writer.write(boughtValue)
        writer.write(soldValue)
        writer.int(fillCount)
    }

    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        self.init()
        boughtQuantity = try reader.read()
        soldQuantity = try reader.read()
        boughtValue = try reader.read()
        soldValue = try reader.read()
        fillCount = try reader.int()
    }
}
