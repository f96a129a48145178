internal import LegateCore
internal import LegateModel
internal import LegateOrders
internal import OrderedCollections

/// A canonical encoding of the state, for snapshots and the state hash.
///
/// Hash-ordered collections are written as arrays sorted by key, so equal states encode to equal bytes in every
/// process (Swift's `Dictionary` order differs from run to run). The client-order index is derived from the orders
/// and rebuilt on decoding rather than stored.
extension EngineState: Codable {
    struct Canonical: Codable {
        let orders: [Order]
        let packages: [PackageRecord]
        let stagedOrders: [OrderID]
        let approvalRequests: [Pair<OrderID, UnixNanos>]
        let approvals: [Pair<OrderID, ApprovalGrant>]
        /// Optional so a snapshot written before requests named their limit still decodes.
        let approvalLimits: [Pair<OrderID, LimitKey>]?
        let positions: [Pair<PositionKey, Position>]
        let bookedTrades: [TradeKey]
        let orderFills: [Pair<OrderID, [BookedFill]>]
        let allocatedTrades: [TradeKey]
        let allocations: [Pair<OrderID, [AllocatedSlice]>]
        let limits: [Limit]
        let marks: [Pair<Instrument, Price>]
        let quarantinedReports: [QuarantinedReport]
        let nextOrderNumber: UInt64
        let eventCount: UInt64
        /// Optional so a snapshot written before restarts marked orders still decodes.
        let awaitingReconciliation: [OrderID]?
        /// Optional so a snapshot written before hedge policies still decodes.
        let hedgePolicies: [HedgePolicy]?
    }

    struct Pair<Key: Codable, Value: Codable>: Codable {
        let key: Key
        let value: Value
    }

    public func encode(to encoder: any Encoder) throws {
        try canonical().encode(to: encoder)
    }

    /// The state in canonical form: hash-ordered collections sorted by key, derived indexes left out.
    func canonical() -> Canonical {
        Canonical(
            orders: Array(orders),
            packages: Array(packages.values),
            stagedOrders: stagedOrders.sorted(),
            approvalRequests: approvalRequests.map { Pair(key: $0.key, value: $0.value) },
            approvals: approvals.sorted { $0.key < $1.key }.map { Pair(key: $0.key, value: $0.value) },
            approvalLimits: approvalLimits.sorted { $0.key < $1.key }.map { Pair(key: $0.key, value: $0.value) },
            positions: positions.map { Pair(key: $0.key, value: $0.value) },
            bookedTrades: bookedTrades.sorted { ($0.venue.rawValue, $0.tradeID) < ($1.venue.rawValue, $1.tradeID) },
            orderFills: orderFills.sorted { $0.key < $1.key }.map { Pair(key: $0.key, value: $0.value) },
            allocatedTrades: allocatedTrades.sorted {
                ($0.venue.rawValue, $0.tradeID) < ($1.venue.rawValue, $1.tradeID)
            },
            allocations: allocations.map { Pair(key: $0.key, value: $0.value) },
            limits: Array(limits.values),
            marks: marks.sorted { $0.key.description < $1.key.description }.map { Pair(key: $0.key, value: $0.value) },
            quarantinedReports: quarantinedReports,
            nextOrderNumber: nextOrderNumber,
            eventCount: eventCount,
            awaitingReconciliation: Array(awaitingReconciliation),
            hedgePolicies: Array(hedgePolicies.values)
        )
    }

    public init(from decoder: any Decoder) throws {
        let canonical = try Canonical(from: decoder)
        do throws(CanonicalStateError) {
            try self.init(rebuildingFrom: canonical)
        } catch {
            throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: [], debugDescription: error.reason))
        }
    }

    /// The state a canonical form describes, with the derived indexes rebuilt.
    init(rebuildingFrom canonical: Canonical) throws(CanonicalStateError) {
        self.init()
        clientOrderIndex.reserveCapacity(canonical.orders.count)
        for order in canonical.orders {
            guard orders.append(order) else {
                throw CanonicalStateError(reason: "order \(order.id) is not the next order id \(orders.nextID)")
            }
            if Self.isWorking(order) { workingOrderCounts[order.request.account, default: 0] += 1 }
            clientOrderIndex[
                ClientOrderKey(account: order.request.account, clientOrderID: order.request.clientOrderID)
            ] =
                order.id
        }
        for package in canonical.packages {
            packages[package.id] = package
            let key = ClientOrderKey(account: package.request.account, clientOrderID: package.request.clientPackageID)
            clientPackageIndex[key] = package.id
        }
        stagedOrders = Set(canonical.stagedOrders)
        for pair in canonical.approvalRequests { approvalRequests[pair.key] = pair.value }
        for pair in canonical.approvals { approvals[pair.key] = pair.value }
        for pair in canonical.approvalLimits ?? [] { approvalLimits[pair.key] = pair.value }
        awaitingReconciliation = OrderedSet(canonical.awaitingReconciliation ?? [])
        for policy in canonical.hedgePolicies ?? [] { hedgePolicies[policy.scope] = policy }
        for pair in canonical.positions {
            positions[pair.key] = pair.value
            positionKeysByInstrument[pair.key.instrument, default: []].append(pair.key)
        }
        bookedTrades = Set(canonical.bookedTrades)
        for pair in canonical.orderFills { orderFills[pair.key] = pair.value }
        allocatedTrades = Set(canonical.allocatedTrades)
        for pair in canonical.allocations { allocations[pair.key] = pair.value }
        for limit in canonical.limits { limits[limit.key] = limit }
        for pair in canonical.marks { marks[pair.key] = pair.value }
        quarantinedReports = canonical.quarantinedReports
        nextOrderNumber = canonical.nextOrderNumber
        eventCount = canonical.eventCount
    }
}

/// A canonical state that no engine could have reached (orders out of sequence).
struct CanonicalStateError: Error {
    let reason: String
}
