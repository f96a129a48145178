public import LegateCore
public import LegateModel
public import LegateOrders
public import OrderedCollections

/// Everything the engine knows, changed only by applying events.
///
/// `handle` decides events and applies them through `apply(_:)`; replay applies the journaled events through the
/// same function, so a replayed state equals the live one (`==`). Iteration order is insertion order (ordered
/// collections), never a hash order, so anything derived from it is deterministic across processes.
public struct EngineState: Hashable, Sendable {
    public internal(set) var orders = OrderTable()
    public internal(set) var packages: OrderedDictionary<PackageID, PackageRecord> = [:]
    /// (account, client order id) → order: client ids are unique per account.
    public internal(set) var clientOrderIndex: [ClientOrderKey: OrderID] = [:]
    /// (account, client package id) → package; client package ids share the client order id namespace.
    public internal(set) var clientPackageIndex: [ClientOrderKey: PackageID] = [:]
    /// Orders entered to be released later.
    public internal(set) var stagedOrders: Set<OrderID> = []
    /// Orders awaiting approval, with when the request lapses.
    public internal(set) var approvalRequests: OrderedDictionary<OrderID, UnixNanos> = [:]
    /// The soft limit each open approval request was raised over: what a grant given for it will cover.
    public internal(set) var approvalLimits: [OrderID: LimitKey] = [:]
    /// Orders whose venue state is unconfirmed since a restart, in the order they were marked (`Input.restarted`).
    public internal(set) var awaitingReconciliation: OrderedSet<OrderID> = []
    /// Each book's hedge policy, by its scope, in the order first set.
    public internal(set) var hedgePolicies: OrderedDictionary<LimitScope, HedgePolicy> = [:]
    /// Granted approvals, valid until their expiry (the gate judges again at approval and at release).
    public internal(set) var approvals: [OrderID: ApprovalGrant] = [:]
    public internal(set) var positions: OrderedDictionary<PositionKey, Position> = [:]
    /// The position keys of each instrument, in booking order: derived from `positions`, so a limit on one
    /// instrument reads its few positions instead of scanning the book.
    public internal(set) var positionKeysByInstrument: [Instrument: [PositionKey]] = [:]
    /// (venue, trade id) of every booked fill: a repeated report is never booked twice.
    public internal(set) var bookedTrades: Set<TradeKey> = []
    /// Every booked fill of each order, in booking order (what allocation splits).
    public internal(set) var orderFills: [OrderID: [BookedFill]] = [:]
    /// Fills already split across sub-accounts.
    public internal(set) var allocatedTrades: Set<TradeKey> = []
    /// The slices given to sub-accounts, per order, in allocation order.
    public internal(set) var allocations: OrderedDictionary<OrderID, [AllocatedSlice]> = [:]
    public internal(set) var limits: OrderedDictionary<LimitKey, Limit> = [:]
    public internal(set) var marks: [Instrument: Price] = [:]
    public internal(set) var quarantinedReports: [QuarantinedReport] = []
    /// Working orders per account, kept as events apply so limit checks do not scan the book.
    public internal(set) var workingOrderCounts: [AccountID: Int] = [:]
    /// The number the next order id is made from.
    public internal(set) var nextOrderNumber: UInt64 = 1
    /// Events applied so far.
    public internal(set) var eventCount: UInt64 = 0

    public init() {}

    /// Room for `orders` more orders in the index that grows with each one, so that growing it (a rehash of every
    /// client order id, milliseconds for a day's orders) does not stall a decision on the hot path.
    mutating func reserveCapacity(orders: Int) {
        clientOrderIndex.reserveCapacity(clientOrderIndex.count + max(0, orders))
    }

    /// Working orders: judged and not final (including those awaiting approval or staged).
    public var workingOrders: some Sequence<Order> {
        orders.lazy.filter(Self.isWorking)
    }

    static func isWorking(_ order: Order) -> Bool {
        !order.status.isTerminal && order.status != .pendingRisk
    }

    /// Working orders of the accounts a scope selects (firm, desk or account), in time linear in the accounts.
    ///
    /// - Precondition: the scope selects by accounts only (no underlying, expiry bucket or role); the gate refuses
    ///   such open-order limits when they are set.
    public func workingOrderCount(in scope: LimitScope, desks: [AccountID: DeskID]) -> Int {
        if let account = scope.account {
            guard scope.desk == nil || desks[account] == scope.desk else { return 0 }
            return workingOrderCounts[account] ?? 0
        }
        guard let desk = scope.desk else { return workingOrderCounts.values.reduce(0, +) }
        return workingOrderCounts.reduce(0) { total, entry in total + (desks[entry.key] == desk ? entry.value : 0) }
    }
}

/// A package as the engine holds it; its state is aggregated from its leg orders (`EngineState.status(of:)`).
public struct PackageRecord: Hashable, Sendable, Codable {
    public let id: PackageID
    public let request: PackageRequest
    public let owner: UserID
    public let legOrderIDs: [OrderID]
}

public struct ClientOrderKey: Hashable, Sendable, Codable {
    public let account: AccountID
    public let clientOrderID: ClientOrderID
    /// The two texts hashed once, when the key is made: the index hashes every key again each time it grows, and
    /// hashing two strings per key per growth was a visible share of placing an order.
    private let textHash: Int

    public init(account: AccountID, clientOrderID: ClientOrderID) {
        self.account = account
        self.clientOrderID = clientOrderID
        var hasher = Hasher()
        hasher.combine(account)
        hasher.combine(clientOrderID)
        textHash = hasher.finalize()
    }

    public static func == (lhs: ClientOrderKey, rhs: ClientOrderKey) -> Bool {
        lhs.textHash == rhs.textHash && lhs.account == rhs.account && lhs.clientOrderID == rhs.clientOrderID
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(textHash) }

    enum CodingKeys: String, CodingKey {
        case account
        case clientOrderID
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            account: try container.decode(AccountID.self, forKey: .account),
            clientOrderID: try container.decode(ClientOrderID.self, forKey: .clientOrderID)
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(account, forKey: .account)
        try container.encode(clientOrderID, forKey: .clientOrderID)
    }
}

public struct TradeKey: Hashable, Sendable, Codable {
    public let venue: Venue
    public let tradeID: String
}

public struct ApprovalGrant: Hashable, Sendable, Codable {
    public let approver: UserID
    public let expiresAt: UnixNanos
    /// The soft limits the order may breach under this grant, sorted: the one it was granted over, and those of an
    /// earlier grant of the order still valid when it was given. A breach of any other limit asks again.
    public let covers: [LimitKey]

    init(approver: UserID, expiresAt: UnixNanos, covers: [LimitKey]) {
        self.approver = approver
        self.expiresAt = expiresAt
        self.covers = covers
    }

    enum CodingKeys: String, CodingKey {
        case approver
        case expiresAt
        case covers
    }

    /// A snapshot written before grants named their limits decodes with none: such a grant covers no breach, so
    /// the order asks for approval again rather than passing a limit nobody approved.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        approver = try container.decode(UserID.self, forKey: .approver)
        expiresAt = try container.decode(UnixNanos.self, forKey: .expiresAt)
        covers = try container.decodeIfPresent([LimitKey].self, forKey: .covers) ?? []
    }
}

public struct QuarantinedReport: Hashable, Sendable, Codable {
    public let report: VenueReport
    public let reason: String
}

/// A position is per account, venue and instrument.
public struct PositionKey: Hashable, Sendable, Codable {
    public let account: AccountID
    public let venue: Venue
    public let instrument: Instrument

    public init(account: AccountID, venue: Venue, instrument: Instrument) {
        self.account = account
        self.venue = venue
        self.instrument = instrument
    }
}

/// Exact running totals of fills: net quantity and the buy and sell sides separately (so average prices and
/// P&L can be derived exactly, with the rounding named where it is needed).
public struct Position: Hashable, Sendable, Codable {
    public internal(set) var boughtQuantity: Quantity = .zero
    public internal(set) var soldQuantity: Quantity = .zero
    /// Σ quantity × price of buys and of sells, in the instrument's quote currency.
    public internal(set) var boughtValue: FixedDecimal = .zero
    public internal(set) var soldValue: FixedDecimal = .zero
    public internal(set) var fillCount: Int = 0

    public init() {}

    /// Signed net quantity: long positive, short negative.
    public var netQuantity: Quantity { boughtQuantity - soldQuantity }
}

/// A journaled event that cannot be applied to the state it follows: the journal and the engine disagree.
public struct ReplayError: Error, Hashable, Sendable, CustomStringConvertible {
    public let eventIndex: UInt64
    public let event: String
    public let reason: String

    public var description: String { "event #\(eventIndex) (\(event)) cannot be applied: \(reason)" }
}
