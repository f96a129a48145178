import LegateModel
import LegateVenues

/// Tasks parked until something happens (an `op` answered, a link ready), by ticket.
///
/// Every ticket ends exactly once: with its answer, with its deadline, or with its link's end. An answer may come
/// before its task parks (the reply raced the send); it is kept until the task arrives. Owned by the session actor,
/// whose isolation is the lock; no method suspends.
struct BybitWaiters: Sendable {
    enum Answer: Sendable {
        case op(BybitOpResponse)
        case ready
    }

    typealias Outcome = Result<Answer, VenueError>

    private struct Ticket {
        let link: BybitLink
        /// Waits for the link to be ready rather than for an answer on one connection.
        let isReadiness: Bool
        var parked: CheckedContinuation<Outcome, Never>?
        var early: Outcome?
    }

    private var tickets: [Int64: Ticket] = [:]
    private var nextTicket: Int64 = 1

    /// A new ticket on `link`, before whatever will answer it is sent (or for its readiness).
    mutating func issue(on link: BybitLink, forReadiness isReadiness: Bool = false) -> Int64 {
        let ticket = nextTicket
        nextTicket += 1
        tickets[ticket] = Ticket(link: link, isReadiness: isReadiness)
        return ticket
    }

    /// Parks on `ticket`, or returns its answer at once when it came first (or the ticket is gone).
    mutating func park(_ ticket: Int64, _ continuation: CheckedContinuation<Outcome, Never>) {
        guard var entry = tickets[ticket] else {
            continuation.resume(returning: .failure(.disconnected(venue: .bybit, reason: "ticket \(ticket) ended")))
            return
        }
        if let early = entry.early {
            tickets[ticket] = nil
            continuation.resume(returning: early)
            return
        }
        entry.parked = continuation
        tickets[ticket] = entry
    }

    /// Ends `ticket` with `outcome`; false when it already ended.
    @discardableResult
    mutating func settle(_ ticket: Int64, _ outcome: Outcome) -> Bool {
        guard var entry = tickets[ticket], entry.early == nil else { return false }
        if let parked = entry.parked {
            tickets[ticket] = nil
            parked.resume(returning: outcome)
        } else {
            entry.early = outcome
            tickets[ticket] = entry
        }
        return true
    }

    /// Ends the tickets of `link` (of every link when nil) with `outcome`: those waiting for an answer, those
    /// waiting for readiness, or both (nil).
    mutating func settleAll(on link: BybitLink?, readiness: Bool?, _ outcome: Outcome) {
        let matching = tickets.filter { entry in
            (link == nil || entry.value.link == link) && (readiness == nil || entry.value.isReadiness == readiness)
        }.keys.sorted()
        for ticket in matching { settle(ticket, outcome) }
    }
}
