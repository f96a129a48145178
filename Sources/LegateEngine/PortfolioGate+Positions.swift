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

/// The engine's net positions per instrument, mirrored from booked fills for the position-per-instrument limit.
///
/// The engine's state finds an instrument's positions with one hash of the instrument and one of a position key per
/// account, each running the instrument's asset codes through the hasher; here one cheap hash finds them all. Kept by
/// `observe` and `rebuild` like the scope books; a decision whose state holds a different number of positions than
/// the mirror (a gate judging a state it did not observe) reads the state instead.
struct PositionMirror: PositionSource {
    struct Entry {
        let account: AccountID
        /// The account's desk when the position was first booked.
        let desk: DeskID?
        let venue: Venue
        var net: FixedDecimal
    }

    private var slots: [InstrumentKey: Int] = [:]
    private var entries: [[Entry]] = []
    /// Positions held, one per account, venue and instrument (the engine's `positions.count`).
    private(set) var count = 0

    /// Adds a booked fill to its position.
    mutating func book(_ fill: BookedFill, desk: DeskID?) {
        let signed = fill.side == .buy ? fill.quantity.decimal : FixedDecimal.zero - fill.quantity.decimal
        add(signed, account: fill.account, desk: desk, venue: fill.venue, instrument: fill.instrument)
    }

    /// The mirror of the engine's positions.
    mutating func rebuild(from state: EngineState, configuration: EngineConfiguration) {
        slots.removeAll()
        entries.removeAll()
        count = 0
        for (key, position) in state.positions {
            add(
                position.netQuantity.decimal,
                account: key.account,
                desk: configuration.desks[key.account],
                venue: key.venue,
                instrument: key.instrument
            )
        }
    }

    private mutating func add(
        _ quantity: FixedDecimal,
        account: AccountID,
        desk: DeskID?,
        venue: Venue,
        instrument: Instrument
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
        } else {
            entries[slot].append(Entry(account: account, desk: desk, venue: venue, net: quantity))
            count += 1
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
