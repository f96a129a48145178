public import LegateCore
public import LegateModel

/// One order as the engine holds it: the request, where it is in its life, and what has filled.
///
/// Mutated only through `apply(_:at:)`, which refuses transitions the state machine does not allow and checks the
/// invariants after every step (cumulative quantity never exceeds the order, nothing leaves a terminal state).
public struct Order: Hashable, Sendable, Codable {
    public let id: OrderID
    public let request: OrderRequest
    /// The user (or system actor) who placed it.
    public let owner: UserID
    public let createdAt: UnixNanos
    /// The package this order is a leg of, if any.
    public let packageID: PackageID?

    public internal(set) var status: OrderStatus
    public internal(set) var pending: PendingChange?
    /// Current quantity and price (amends change them).
    public internal(set) var quantity: Quantity
    public internal(set) var kind: OrderKind
    public internal(set) var filledQuantity: Quantity
    /// Σ fill quantity × fill price, exact, for the average price.
    public internal(set) var filledValue: FixedDecimal
    public internal(set) var venueOrderID: VenueOrderID?
    public internal(set) var updatedAt: UnixNanos
    /// Why the order was rejected, cancelled or expired, when the engine or venue said.
    public internal(set) var reason: String?

    public init(id: OrderID, request: OrderRequest, owner: UserID, packageID: PackageID? = nil, at time: UnixNanos) {
        self.id = id
        self.request = request
        self.owner = owner
        self.createdAt = time
        self.packageID = packageID
        self.status = .pendingRisk
        self.pending = nil
        self.quantity = request.quantity
        self.kind = request.kind
        self.filledQuantity = .zero
        self.filledValue = .zero
        self.venueOrderID = nil
        self.updatedAt = time
        self.reason = nil
    }

    /// What is left to fill.
    public var remainingQuantity: Quantity { quantity - filledQuantity }

    /// The status a viewer sees, with a cancel or amend in flight shown as such.
    public var displayStatus: String {
        switch pending {
        case .cancel: "pendingCancel"
        case .amend: "pendingAmend"
        case nil: status.rawValue
        }
    }

    /// The volume-weighted average fill price, rounded to `scale` by `rule`; nil before any fill.
    public func averageFillPrice(scale: Int8, rounding rule: RoundingRule) throws(FixedDecimalError) -> Price? {
        guard filledQuantity.decimal.isPositive else { return nil }
        return Price(try filledValue.divided(by: filledQuantity.decimal, scale: scale, rounding: rule))
    }

    /// Checks the invariants that protect money; a violation is a bug, so it stops the process.
    public func checkInvariants() {
        if let violation = invariantViolation { preconditionFailure("order \(id): \(violation)") }
    }

    /// The first invariant the order breaks, or nil when it holds them all: cumulative quantity within the order,
    /// `filled` exactly when all of it filled, no pending change on a terminal order.
    public var invariantViolation: String? {
        if filledQuantity.decimal.isNegative { return "negative filled quantity \(filledQuantity)" }
        if filledQuantity > quantity { return "filled \(filledQuantity) exceeds quantity \(quantity)" }
        if (status == .filled) != (filledQuantity == quantity) {
            return "status \(status) with filled \(filledQuantity) of \(quantity)"
        }
        if status.isTerminal && pending != nil { return "terminal status \(status) with a pending change" }
        if status == .partiallyFilled && !filledQuantity.decimal.isPositive {
            return "partially filled with nothing filled"
        }
        return nil
    }
}

extension Order {
    /// This order as it would stand after an amend, for the risk gate to judge before the amend is sent.
    public func amended(quantity: Quantity, kind: OrderKind) -> Order {
        var copy = self
        copy.quantity = quantity
        copy.kind = kind
        return copy
    }
}
