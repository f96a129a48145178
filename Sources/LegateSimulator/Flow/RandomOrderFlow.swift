public import LegateCore
public import LegateModel

/// Seeded client order flow against a simulated venue: passive and aggressive limits, IOCs, protected market
/// orders, amends and cancels, at Poisson times, sized in whole lots and priced off the live book.
///
/// It is a test and benchmark driver (a crowd of clients), not a strategy: it never reads a clock and every
/// choice comes from its own seeded stream.
public struct RandomOrderFlow: Sendable {
    public var ordersPerSecond: Double
    public let accounts: [AccountID]
    private var generator: SeededGenerator
    private var open: [(orderID: OrderID, instrument: Instrument, side: OrderSide, size: Quantity)] = []
    private var nextNumber = 1
    /// Listed instruments as of `cachedAt`, re-read every ten simulated minutes (reading them per order would cost
    /// more than the order).
    private var instruments: [InstrumentSpec] = []
    private var cachedAt: UnixNanos?
    public private(set) var nextTime: UnixNanos
    /// Resting orders beyond this many are cancelled oldest first, as a client tidies its book.
    static let openOrderLimit = 200

    public init(ordersPerSecond: Double, accounts: [AccountID], seed: UInt64, start: UnixNanos) {
        precondition(ordersPerSecond > 0 && !accounts.isEmpty, "order flow needs a rate and accounts")
        self.ordersPerSecond = ordersPerSecond
        self.accounts = accounts
        self.generator = SeededGenerator(seed: seed).derived(stream: 99)
        self.nextTime = start
        self.nextTime = start + Int64(generator.exponential(mean: 1e9 / ordersPerSecond))
    }

    /// The next command (at `nextTime`) for `venue`, and moves `nextTime` on; nil when nothing sensible can be sent
    /// (no listed instrument with a two-sided book was drawn).
    public mutating func next(for venue: SimulatedVenue) -> VenueCommand? {
        defer { nextTime = nextTime + Int64(generator.exponential(mean: 1e9 / ordersPerSecond)) }
        if open.count > Self.openOrderLimit {
            let oldest = open.removeFirst()
            return .cancel(orderID: oldest.orderID, venue: venue.configuration.venue, venueOrderID: nil)
        }
        let roll = generator.uniform()
        if roll < 0.15, !open.isEmpty {
            let pick = open.remove(at: generator.below(open.count))
            return .cancel(orderID: pick.orderID, venue: venue.configuration.venue, venueOrderID: nil)
        }
        if roll < 0.2, !open.isEmpty {
            return amend(venue)
        }
        return place(venue)
    }

    private mutating func place(_ venue: SimulatedVenue) -> VenueCommand? {
        if cachedAt.map({ nextTime - $0 > 600 * UnixNanos.nanosecondsPerSecond }) ?? true {
            instruments = venue.listedInstruments.filter { $0.instrument.kind != .combo }
            cachedAt = nextTime
        }
        guard !instruments.isEmpty else { return nil }
        let spec = instruments[generator.below(instruments.count)]
        let side: OrderSide = generator.bernoulli(0.5) ? .buy : .sell
        let same = venue.bookLevels(spec.instrument, side: side == .buy ? .bid : .ask)
        let opposite = venue.bookLevels(spec.instrument, side: side == .buy ? .ask : .bid)
        guard let join = same.first, let cross = opposite.first else { return nil }
        // A listed spec's lot and minimum are canonical, so the size is canonical too: the venue converts it.
        let lots = Int64(1 + generator.below(5))
        guard
            let size = try? spec.minimumSize.decimal
                + spec.lotSize.decimal.multipliedExactly(by: FixedDecimal(lots - 1))
        else { return nil }
        let style = generator.uniform()
        let kind: OrderKind
        var timeInForce = TimeInForce.goodTillCancelled
        if style < 0.55 {
            kind = .limit(LimitPrice(join.price.decimal))
        } else if style < 0.85 {
            kind = .limit(LimitPrice(cross.price.decimal))
            timeInForce = .immediateOrCancel
        } else {
            kind = .market(protection: opposite[min(2, opposite.count - 1)].price)
        }
        let orderID = OrderID(known: "FLOW-\(nextNumber)")
        nextNumber += 1
        let request = OrderRequest(
            clientOrderID: ClientOrderID(known: "FLOW-\(nextNumber - 1)"),
            account: accounts[generator.below(accounts.count)],
            venue: venue.configuration.venue,
            instrument: spec.instrument,
            side: side,
            quantity: Quantity(size),
            kind: kind,
            timeInForce: timeInForce
        )
        if timeInForce == .goodTillCancelled, case .limit = kind {
            open.append((orderID, spec.instrument, side, Quantity(size)))
        }
        return .place(orderID: orderID, request: request)
    }

    /// Re-prices a resting order to the current best on its side (the back of the queue there).
    private mutating func amend(_ venue: SimulatedVenue) -> VenueCommand? {
        let pick = open[generator.below(open.count)]
        guard let best = venue.bestLevel(pick.instrument, side: pick.side == .buy ? .bid : .ask) else { return nil }
        return .amend(
            orderID: pick.orderID,
            venue: venue.configuration.venue,
            venueOrderID: nil,
            quantity: pick.size,
            kind: .limit(LimitPrice(best.price.decimal))
        )
    }
}
