public import LegateCore
public import LegateModel
public import LegateOrders

/// What the engine returns: events to journal (and publish), and commands for venues.
///
/// The runtime journals every event of a batch before any venue command leaves the process and before any client
/// is acknowledged (the durability rule).
public enum Output: Hashable, Sendable {
    case event(Event)
    case venue(VenueCommand)
}

/// A fact the engine decided; the journal holds these, and replaying them rebuilds the engine state exactly.
public enum Event: Hashable, Sendable, Codable {
    /// A package and its leg orders (created by the `orderCreated` events that follow it).
    case packageCreated(PackageCreated)
    case orderCreated(OrderCreated)
    case orderTransitioned(orderID: OrderID, transition: OrderTransition)
    /// The gate's decision with the figures it used.
    case riskDecided(orderID: OrderID, decision: RiskDecision)
    /// The gate accepted an order and it moved on at once: staged (entered that way) or sent to its venue. One
    /// event for what `riskDecided` + `orderTransitioned(riskAccepted)` + `orderTransitioned(sent or staged)` say,
    /// because every accepted order takes this path and the engine's cost is per event.
    case orderAccepted(orderID: OrderID, decision: RiskDecision, staged: Bool)
    case approvalRequested(orderID: OrderID, expiresAt: UnixNanos)
    case approvalGranted(orderID: OrderID, approver: UserID, expiresAt: UnixNanos)
    case commandRejected(CommandRejected)
    /// A fill applied to its order and to the position.
    case fillBooked(BookedFill)
    /// A report that could not be applied; kept for reconciliation, never dropped.
    case reportQuarantined(report: VenueReport, reason: String)
    case limitChanged(key: LimitKey, limit: Limit?, actor: UserID)
    /// Fills of an order split across sub-accounts; the slices of each fill sum to it exactly.
    case fillsAllocated(orderID: OrderID, slices: [AllocatedSlice], actor: UserID)
    case markUpdated(instrument: Instrument, price: Price)
    /// An expired instrument settled: its positions on the venue closed at the settlement value (its working orders
    /// were ended by the `orderTransitioned` events before this one).
    case instrumentSettled(InstrumentSettled)
    /// A settlement input that could not be booked, with why; nothing changed.
    case settlementRejected(settlement: ExpirySettlement, error: SettlementError)
    /// An order's venue state must be confirmed after a restart (`required`), or a venue report named it since
    /// (`required == false`); while marked, it cannot be amended.
    case reconciliation(orderID: OrderID, required: Bool)
    /// A risk manager set (or removed, with nil) a book's hedge policy.
    case hedgePolicyChanged(scope: LimitScope, policy: HedgePolicy?, actor: UserID)

    /// A short dotted name for the journal's `kind` column and audit queries.
    public var kind: String {
        switch self {
        case .packageCreated: "package.created"
        case .orderCreated: "order.created"
        case .orderTransitioned: "order.transitioned"
        case .riskDecided: "risk.decided"
        case .orderAccepted: "risk.accepted"
        case .approvalRequested: "approval.requested"
        case .approvalGranted: "approval.granted"
        case .commandRejected: "command.rejected"
        case .fillBooked: "fill.booked"
        case .reportQuarantined: "report.quarantined"
        case .limitChanged: "limit.changed"
        case .fillsAllocated: "fill.allocated"
        case .markUpdated: "market.mark"
        case .instrumentSettled: "position.settled"
        case .settlementRejected: "settlement.rejected"
        case .reconciliation: "order.reconciliation"
        case .hedgePolicyChanged: "hedge.policy"
        }
    }

    /// Calls `body` with each order the event is about, without building an array (the journal's hot path).
    public func forEachOrderID(_ body: (OrderID) -> Void) {
        switch self {
        case .packageCreated(let created): created.legOrderIDs.forEach(body)
        case .orderCreated(let created): body(created.orderID)
        case .orderTransitioned(let id, _), .riskDecided(let id, _), .orderAccepted(let id, _, _),
            .approvalRequested(let id, _), .approvalGranted(let id, _, _), .fillsAllocated(let id, _, _):
            body(id)
        case .fillBooked(let fill): body(fill.orderID)
        case .reconciliation(let id, _): body(id)
        case .reportQuarantined(let report, _): report.orderID.map(body)
        case .commandRejected(let rejected): rejected.orderID.map(body)
        case .limitChanged, .markUpdated, .instrumentSettled, .settlementRejected, .hedgePolicyChanged: break
        }
    }

    /// The gate's decision the event records, whether it accepted the order or not.
    public var riskDecision: (orderID: OrderID, decision: RiskDecision)? {
        switch self {
        case .riskDecided(let orderID, let decision), .orderAccepted(let orderID, let decision, _):
            (orderID, decision)
        default: nil
        }
    }

    /// The orders the event is about, for the journal's audit index.
    public var orderIDs: [OrderID] {
        var ids: [OrderID] = []
        forEachOrderID { ids.append($0) }
        return ids
    }
}

public struct OrderCreated: Hashable, Sendable, Codable {
    public let orderID: OrderID
    public let request: OrderRequest
    public let owner: UserID
    public let correlationID: String
    /// Entered to be released later rather than sent at once.
    public let staged: Bool
    /// The package this order is a leg of.
    public let packageID: PackageID?
}

public struct PackageCreated: Hashable, Sendable, Codable {
    public let packageID: PackageID
    public let request: PackageRequest
    public let owner: UserID
    public let correlationID: String
    /// The leg orders, in leg order.
    public let legOrderIDs: [OrderID]
}

public struct CommandRejected: Hashable, Sendable, Codable, CustomStringConvertible {
    public let correlationID: String
    public let actor: UserID
    public let orderID: OrderID?
    public let reason: String

    public var description: String { "command \(correlationID) from \(actor) rejected: \(reason)" }
}

public struct BookedFill: Hashable, Sendable, Codable {
    public let orderID: OrderID
    public let account: AccountID
    public let venue: Venue
    public let instrument: Instrument
    public let side: OrderSide
    public let tradeID: String
    public let quantity: Quantity
    public let price: Price
}
