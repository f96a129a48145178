public import LegateCore
public import LegateModel

/// Something that happens to an order: a risk decision, a workflow step, or a venue report.
public enum OrderTransition: Hashable, Sendable, Codable {
    case riskAccepted
    case riskRejected(reason: String)
    case approvalRequired
    /// Approved by a risk manager before approvals were judged again: straight to accepted. Kept so that journals
    /// written then still replay; the engine now records `approvedForJudging`.
    case approved
    /// Approved by a risk manager: back to the gate, which judges it again with the grant.
    case approvedForJudging
    case denied(reason: String)
    case approvalExpired
    case staged
    /// Released from staging: back to the gate, which judges it again.
    case released
    case sent
    case acknowledged(VenueOrderID)
    case venueRejected(reason: String)
    case filled(quantity: Quantity, price: Price)
    case cancelRequested
    /// The order is cancelled: confirmed by the venue, or cancelled locally before it reached one.
    case cancelled(reason: String)
    case cancelRefused(reason: String)
    case amendRequested(quantity: Quantity, kind: OrderKind)
    case amendConfirmed
    case amendRefused(reason: String)
    case expired
}

/// A transition the order's state machine does not allow from where the order is.
public struct OrderTransitionError: Error, Hashable, Sendable, Codable, CustomStringConvertible {
    public let orderID: OrderID
    public let status: String
    public let transition: String
    public let reason: String

    public var description: String {
        "order \(orderID) in state \(status) cannot take \(transition): \(reason)"
    }
}

extension Order {
    /// Applies one transition, or throws without changing anything when the state machine forbids it.
    ///
    /// Mutates in place, without a defensive copy: every step checks all its conditions before it changes a field
    /// (keep it so), which the property tests verify by comparing refused transitions against the state before.
    public mutating func apply(_ transition: OrderTransition, at time: UnixNanos) throws(OrderTransitionError) {
        try step(transition)
        updatedAt = time
        checkInvariants()
    }

    /// Whether `transition` would be accepted, without applying it.
    public func allows(_ transition: OrderTransition) -> Bool {
        var copy = self
        do {
            try copy.step(transition)
            return true
        } catch {
            return false
        }
    }

    private func refuse(_ transition: OrderTransition, _ reason: String) -> OrderTransitionError {
        OrderTransitionError(orderID: id, status: displayStatus, transition: "\(transition)", reason: reason)
    }

    private mutating func step(_ transition: OrderTransition) throws(OrderTransitionError) {
        guard !status.isTerminal else { throw refuse(transition, "the order is final (\(status.rawValue))") }
        switch transition {
        case .riskAccepted, .riskRejected, .approvalRequired:
            try decideRisk(transition)
        case .approved, .approvedForJudging, .denied, .approvalExpired:
            try decideApproval(transition)
        case .staged:
            guard status == .accepted else { throw refuse(transition, "only an accepted order can be staged") }
            status = .staged
        case .released:
            guard status == .staged else { throw refuse(transition, "only a staged order can be released") }
            status = .pendingRisk
        case .sent:
            guard status == .accepted else { throw refuse(transition, "only an accepted order can be sent") }
            status = .sent
        case .acknowledged(let venueOrderID):
            try acknowledge(venueOrderID, transition)
        case .venueRejected(let reason):
            guard status == .sent else { throw refuse(transition, "the venue can only reject an order it was sent") }
            finish(.rejected, reason: reason)
        case .filled(let fillQuantity, let price):
            try fill(fillQuantity, price, transition)
        case .cancelRequested, .cancelled, .cancelRefused:
            try cancel(transition)
        case .amendRequested, .amendConfirmed, .amendRefused:
            try amend(transition)
        case .expired:
            guard status.isAtVenue || status == .accepted || status == .staged else {
                throw refuse(transition, "only a working order can expire")
            }
            finish(.expired, reason: "time in force ended")
        }
    }

    private mutating func decideRisk(_ transition: OrderTransition) throws(OrderTransitionError) {
        guard status == .pendingRisk else { throw refuse(transition, "the risk gate only judges pending orders") }
        switch transition {
        case .riskAccepted: status = .accepted
        case .riskRejected(let reason): finish(.rejected, reason: reason)
        default: status = .pendingApproval
        }
    }

    private mutating func decideApproval(_ transition: OrderTransition) throws(OrderTransitionError) {
        guard status == .pendingApproval else { throw refuse(transition, "the order is not awaiting approval") }
        switch transition {
        case .approved: status = .accepted
        case .approvedForJudging: status = .pendingRisk
        case .denied(let reason): finish(.rejected, reason: "approval denied: \(reason)")
        default: finish(.rejected, reason: "approval expired")
        }
    }

    private mutating func acknowledge(
        _ venueOrderID: VenueOrderID,
        _ transition: OrderTransition
    )
        throws(OrderTransitionError)
    {
        guard status.isAtVenue else { throw refuse(transition, "the order was not sent") }
        if let known = self.venueOrderID, known != venueOrderID {
            throw refuse(transition, "already acknowledged as \(known)")
        }
        self.venueOrderID = venueOrderID
        if status == .sent { status = .acknowledged }
    }

    private mutating func fill(
        _ fillQuantity: Quantity,
        _ price: Price,
        _ transition: OrderTransition
    )
        throws(OrderTransitionError)
    {
        guard status.isAtVenue else { throw refuse(transition, "fills only arrive for orders at a venue") }
        guard fillQuantity.decimal.isPositive else { throw refuse(transition, "fill quantity must be positive") }
        let total = filledQuantity + fillQuantity
        guard total <= quantity else {
            throw refuse(
                transition,
                "fill of \(fillQuantity) would take the filled quantity to \(total) of \(quantity)"
            )
        }
        let value: FixedDecimal
        do {
            value = try price.decimal.multipliedExactly(by: fillQuantity.decimal)
        } catch {
            throw refuse(transition, "fill value not representable: \(error)")
        }
        filledQuantity = total
        filledValue += value
        if total == quantity {
            finish(.filled, reason: nil)
        } else {
            status = .partiallyFilled
        }
    }

    private mutating func cancel(_ transition: OrderTransition) throws(OrderTransitionError) {
        switch transition {
        case .cancelRequested:
            if status.isAtVenue {
                guard pending == nil else { throw refuse(transition, "a change is already in flight") }
                pending = .cancel
            } else {
                // Never reached a venue: cancelled here and now.
                finish(.cancelled, reason: "cancelled before it was sent")
            }
        case .cancelled(let reason):
            guard status.isAtVenue || pending == .cancel else {
                throw refuse(transition, "only an order at a venue is cancelled by the venue")
            }
            finish(.cancelled, reason: reason)
        default:
            guard pending == .cancel else { throw refuse(transition, "no cancel is in flight") }
            pending = nil
        }
    }

    private mutating func amend(_ transition: OrderTransition) throws(OrderTransitionError) {
        switch transition {
        case .amendRequested(let newQuantity, let newKind):
            guard status == .acknowledged || status == .partiallyFilled else {
                throw refuse(transition, "only an acknowledged order can be amended")
            }
            guard pending == nil else { throw refuse(transition, "a change is already in flight") }
            guard newQuantity > filledQuantity else {
                throw refuse(transition, "new quantity \(newQuantity) must exceed the filled \(filledQuantity)")
            }
            pending = .amend(quantity: newQuantity, kind: newKind)
        case .amendConfirmed:
            guard case .amend(let newQuantity, let newKind) = pending else {
                throw refuse(transition, "no amend is in flight")
            }
            guard newQuantity > filledQuantity else {
                throw refuse(transition, "fills while amending left nothing to amend")
            }
            quantity = newQuantity
            kind = newKind
            pending = nil
        default:
            guard case .amend = pending else { throw refuse(transition, "no amend is in flight") }
            pending = nil
        }
    }

    private mutating func finish(_ final: OrderStatus, reason: String?) {
        status = final
        pending = nil
        self.reason = reason
    }
}
