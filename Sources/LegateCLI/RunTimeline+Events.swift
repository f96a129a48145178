internal import Foundation
internal import LegateCore
internal import LegateEngine
internal import LegateModel
internal import LegateOrders
internal import LegateRuntime
internal import LegateSimulator
internal import OrderedCollections

extension RunTimeline {
    /// The line of one event, or nil for events the timeline leaves out (transitions told by a neighbour line).
    /// `decided` keeps a package's shared decision and approval to one line.
    mutating func describe(
        _ event: Event,
        input: Input,
        origin: InputOrigin,
        decided: inout Set<String>
    ) -> (kind: String, text: String)? {
        switch event {
        case .limitChanged(let key, let limit, let actor):
            let what = "\(key.measure.rawValue) (\(key.severity.rawValue)) on \(key.scope)"
            return ("limit", limit.map { "\(actor) set \(what) at \($0.threshold)" } ?? "\(actor) removed \(what)")
        case .packageCreated(let created):
            return ("package", package(created))
        case .orderCreated(let created):
            let request = created.request
            let symbol = RunBook.symbol(request.instrument, on: request.venue)
            names[created.orderID] = "\(created.orderID) [\(request.clientOrderID)] \(symbol)"
            guard created.packageID == nil else { return nil }
            let price = request.kind.boundingPrice.map { " @ \($0)" } ?? ""
            return (
                "order",
                "\(created.owner) \(request.account) \(request.side.rawValue) \(request.quantity) \(symbol)\(price) "
                    + "on \(request.venue) [\(request.clientOrderID)] → \(created.orderID)"
            )
        case .riskDecided(_, let decision), .orderAccepted(_, let decision, _):
            guard decided.insert("risk").inserted else { return nil }
            return ("risk", Self.describe(decision))
        case .approvalRequested(let orderID, let expiresAt):
            guard decided.insert("approval").inserted else { return nil }
            return ("approval", "\(name(orderID)) waits for a risk manager until \(Self.clock(expiresAt))")
        case .approvalGranted(let orderID, let approver, _):
            guard decided.insert("granted").inserted else { return nil }
            return ("approved", "\(approver) approved \(name(orderID)) (four eyes: not its owner); judged again")
        case .commandRejected(let rejected):
            return ("refused", rejected.description)
        case .fillBooked(let fill):
            return ("fill", fillText(fill, input: input))
        case .orderTransitioned(let orderID, let transition):
            return transitionText(orderID, transition, origin: origin)
        case .reportQuarantined(let report, let reason):
            return ("quarantine", "\(report): \(reason)")
        case .instrumentSettled(let settled):
            return ("settled", "\(settled.settlement): positions closed at \(settled.value)")
        case .settlementRejected(let settlement, let error):
            return ("refused", "\(settlement): \(error)")
        case .reconciliation(let orderID, let required):
            return ("reconcile", "\(name(orderID)) " + (required ? "awaits the venue's word" : "reconciled"))
        case .hedgePolicyChanged(let scope, let policy, let actor):
            return ("hedge", "\(actor) " + (policy == nil ? "removed" : "set") + " the hedge policy of \(scope)")
        case .markUpdated, .fillsAllocated:
            return nil
        }
    }

    private func name(_ orderID: OrderID) -> String {
        names[orderID] ?? orderID.rawValue
    }

    private mutating func package(_ created: PackageCreated) -> String {
        let request = created.request
        let package = request.package
        let legs = zip(package.legs, request.legPrices).map { leg, price in
            "\(leg.side == .buy ? "+" : "-")\(leg.ratio) \(RunBook.symbol(leg.instrument, on: request.venue)) @ \(price)"
        }
        let first = created.legOrderIDs.first?.rawValue ?? "-"
        let last = created.legOrderIDs.last?.rawValue ?? "-"
        return "\(created.owner) \(request.account) \(package.side.rawValue) \(package.quantity) \(package.shape) "
            + "net \(package.limitPrice) on \(request.venue) [\(request.clientPackageID)] → \(created.packageID), "
            + "legs \(first)…\(last): " + legs.joined(separator: ", ")
    }

    private mutating func fillText(_ fill: BookedFill, input: Input) -> String {
        book.book(fill)
        var fee = ""
        if case .venueReport(.fill(let reported)) = input, let charged = reported.fee {
            fee = ", fee \(charged)"
        }
        let key = RunBook.Key(account: fill.account, venue: fill.venue, instrument: fill.instrument)
        let position = book.lines[key].map { String(format: "%+g", $0.net) } ?? "?"
        return "\(name(fill.orderID)) \(fill.side.rawValue) \(fill.quantity) @ \(fill.price)\(fee); "
            + "\(fill.account) now \(position)"
    }

    private func transitionText(
        _ orderID: OrderID,
        _ transition: OrderTransition,
        origin: InputOrigin
    ) -> (kind: String, text: String)? {
        switch transition {
        case .acknowledged(let venueOrderID): return ("ack", "\(name(orderID)) working at the venue as \(venueOrderID)")
        case .venueRejected(let reason): return ("rejected", "\(name(orderID)) by the venue: \(reason)")
        case .cancelled(let reason): return ("cancelled", "\(name(orderID)): \(reason)")
        case .cancelRequested: return ("cancel", "\(name(orderID)): cancel requested")
        case .cancelRefused(let reason): return ("cancel", "\(name(orderID)): cancel refused: \(reason)")
        case .expired: return ("expired", name(orderID))
        case .approvalExpired: return ("lapsed", "approval request of \(name(orderID)) lapsed")
        case .denied(let reason): return ("denied", "\(name(orderID)): \(reason)")
        default: return nil
        }
    }

    static func describe(_ decision: RiskDecision) -> String {
        switch decision {
        case .accept: return "accepted by the gate"
        case .reject(let breach): return "REJECTED: " + describe(breach)
        case .needsApproval(let breach): return "NEEDS APPROVAL: " + describe(breach)
        case .unassessable(let reason): return "REJECTED, risk cannot be assessed: \(reason)"
        }
    }

    static func describe(_ breach: RiskBreach) -> String {
        "\(breach.severity.rawValue) \(breach.measure.rawValue) limit on \(breach.scope): \(figure(breach.current)) now, "
            + "\(figure(breach.after)) after, threshold \(figure(breach.threshold))"
    }

    static func describe(_ event: ConnectionEvent) -> String {
        switch event {
        case .outageStarted(let venue, _): "\(venue) OUTAGE: orders are refused until it ends"
        case .outageEnded(let venue, _): "\(venue) back from its outage"
        case .disconnected(let venue, _): "\(venue) session DROPPED (replies wait for the reconnect)"
        case .reconnected(let venue, _): "\(venue) session reconnected"
        }
    }
}
