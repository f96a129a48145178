public import LegateCore
public import LegateModel

/// Several simulated venues with different rules, run on one clock.
///
/// Venues built with one seed see one market path (the path depends on the seed alone), so the set behaves like
/// one underlying quoted by several exchanges, each with its own ticks, fees, latency, books and faults.
public struct SimulatedVenueSet: Sendable {
    public private(set) var venues: [SimulatedVenue]

    public init(venues: [SimulatedVenue]) {
        let names = venues.map(\.configuration.venue)
        precondition(Set(names).count == names.count, "one simulated venue per venue: \(names)")
        self.venues = venues
    }

    /// Advances every venue to `time`; outputs of all venues by delivery time (venue order breaks ties).
    public mutating func advance(to time: UnixNanos) -> [TimedOutput] {
        var outputs: [TimedOutput] = []
        for index in venues.indices {
            outputs += venues[index].advance(to: time)
        }
        return Self.byDelivery(outputs)
    }

    /// Routes a command to its venue after advancing all venues to `time`.
    public mutating func handle(_ command: VenueCommand, at time: UnixNanos) -> [TimedOutput] {
        var outputs: [TimedOutput] = []
        for index in venues.indices {
            outputs += venues[index].advance(to: time)
        }
        let target = Self.venue(of: command)
        if let index = venues.firstIndex(where: { $0.configuration.venue == target }) {
            outputs += venues[index].handle(command, at: time)
        } else if case .place(let orderID, _) = command {
            let report = VenueReport.rejected(orderID: orderID, reason: "no simulated venue \(target)")
            outputs.append(TimedOutput(deliverAt: time, output: .report(report)))
        }
        return Self.byDelivery(outputs)
    }

    public func venue(_ venue: Venue) -> SimulatedVenue? {
        venues.first { $0.configuration.venue == venue }
    }

    static func venue(of command: VenueCommand) -> Venue {
        switch command {
        case .place(_, let request): request.venue
        case .cancel(_, let venue, _), .amend(_, let venue, _, _, _): venue
        }
    }

    /// A stable sort by delivery time, so each venue's own order survives.
    static func byDelivery(_ outputs: [TimedOutput]) -> [TimedOutput] {
        outputs.enumerated().sorted { ($0.element.deliverAt, $0.offset) < ($1.element.deliverAt, $1.offset) }
            .map(\.element)
    }
}
