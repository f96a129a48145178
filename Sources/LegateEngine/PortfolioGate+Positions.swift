internal import LegateCore
internal import LegateModel
internal import LegateOrders
internal import LegateRisk
internal import OrderedCollections

/// An instrument as a dictionary key, hashed by its terms only (`Instrument.hashTerms(into:)`).
struct InstrumentKey: Hashable {
    let instrument: Instrument

    func hash(into hasher: inout Hasher) {
        instrument.hashTerms(into: &hasher)
    }
}

/// The engine's net positions per instrument with what is left of the orders working at a venue, mirrored from
/// booked fills and working remainders for the position-per-instrument limit.
///
/// Working orders count as if they filled, as in the scope books: orders that each pass a position limit cannot
/// together break it, and a fill moves quantity from the working remainder to the position without changing the net.
/// Working buys and sells net, as the position they would leave does.
///
/// The engine's state finds an instrument's positions with one hash of the instrument and one of a position key per
/// account, each running the instrument's asset codes through the hasher; here one cheap hash finds them all. Kept by
/// `observe` and `rebuild` like the scope books; a decision whose state holds a different number of positions than
/// the mirror (a gate judging a state it did not observe) reads the state instead.
struct PositionMirror: PositionSource {
    struct Entry {
        let account: AccountID
        /// The account's desk when the entry was first made.
        let desk: DeskID?
        let venue: Venue
        /// The position plus what is left working (signed).
        var net: FixedDecimal
        /// Whether the engine holds a position here (an entry may be made by a working order alone).
        var held: Bool
    }

    private var slots: [InstrumentKey: Int] = [:]
    private var entries: [[Entry]] = []
    /// Positions held, one per account, venue and instrument (the engine's `positions.count`).
    private(set) var count = 0

    /// Adds a booked fill to its position.
    mutating func book(_ fill: BookedFill, desk: DeskID?) {
        let signed = fill.side == .buy ? fill.quantity.decimal : FixedDecimal.zero - fill.quantity.decimal
        add(signed, account: fill.account, desk: desk, venue: fill.venue, instrument: fill.instrument, held: true)
    }

    /// Adds a change in an order's working remainder (signed, buys positive).
    mutating func work(_ change: FixedDecimal, of order: WorkingOrder, desk: DeskID?) {
        work(change, account: order.account, venue: order.venue, instrument: order.instrument, desk: desk)
    }

    /// Adds a change in the working remainder of an order of `account` on `venue` in `instrument` (signed, buys
    /// positive): the order's fields, for a caller that no longer has it as a `WorkingOrder` (it stopped working).
    mutating func work(
        _ change: FixedDecimal,
        account: AccountID,
        venue: Venue,
        instrument: Instrument,
        desk: DeskID?
    ) {
        add(change, account: account, desk: desk, venue: venue, instrument: instrument, held: false)
    }

    /// The mirror of the engine's positions and of `working`.
    mutating func rebuild(
        from state: EngineState,
        working: some Sequence<WorkingOrder>,
        configuration: EngineConfiguration
    ) {
        slots.removeAll()
        entries.removeAll()
        count = 0
        for (key, position) in state.positions {
            add(
                position.netQuantity.decimal,
                account: key.account,
                desk: configuration.desks[key.account],
                venue: key.venue,
                instrument: key.instrument,
                held: true
            )
        }
        for order in working { work(order.signed, of: order, desk: configuration.desks[order.account]) }
    }

    private mutating func add(
        _ quantity: FixedDecimal,
        account: AccountID,
        desk: DeskID?,
        venue: Venue,
        instrument: Instrument,
        held: Bool
    ) {
        let key = InstrumentKey(instrument: instrument)
        let slot: Int
        if let known = slots[key] {
            slot = known
        } else {
            slot = entries.count
            slots[key] = slot
            entries.append([])
        }
        if let index = entries[slot].firstIndex(where: { $0.account == account && $0.venue == venue }) {
            entries[slot][index].net += quantity
            if held, !entries[slot][index].held {
                entries[slot][index].held = true
                count += 1
            }
        } else {
            entries[slot].append(Entry(account: account, desk: desk, venue: venue, net: quantity, held: held))
            if held { count += 1 }
        }
    }

    func netPosition(in instrument: Instrument, scope: LimitScope, _ context: borrowing RiskContext) -> FixedDecimal {
        guard let slot = slots[InstrumentKey(instrument: instrument)] else { return .zero }
        var net = FixedDecimal.zero
        for entry in entries[slot] {
            if let account = scope.account, entry.account != account { continue }
            if let desk = scope.desk, entry.desk != desk { continue }
            net += entry.net
        }
        return net
    }
}

/// The state's positions with its orders working at a venue, for a decision on a state the gate did not observe
/// (`PositionMirror`'s rule, read off the state: one pass over its orders).
struct StateExposurePositions: PositionSource {
    func netPosition(in instrument: Instrument, scope: LimitScope, _ context: borrowing RiskContext) -> FixedDecimal {
        var net = StatePositions().netPosition(in: instrument, scope: scope, context)
        for order in context.state.orders where order.request.instrument == instrument {
            guard let working = WorkingOrder(order) else { continue }
            if let account = scope.account, working.account != account { continue }
            if let desk = scope.desk, context.configuration.desks[working.account] != desk { continue }
            net += working.signed
        }
        return net
    }
}
