internal import LegateCore
internal import LegateModel
internal import LegateOrders
internal import LegateRisk
internal import OrderedCollections

/// Dense slots for instruments, found by a cheap hash of their terms: an open-addressing table of slot numbers over
/// the instruments in slot order.
///
/// `Dictionary` runs every key through SipHash (`Hasher`), which cost more than the rest of a position-limit read;
/// here the terms that tell instruments apart (kind, expiry, strike, right) are mixed with a few multiplications and
/// a candidate is confirmed by `==`. Instruments that differ only by underlying or settlement share a hash and are
/// told apart by `==`. The table is at most half full, so a lookup probes one or two buckets.
struct InstrumentSlots {
    /// The instrument of each slot.
    private(set) var instruments: [Instrument] = []
    /// Per bucket: the slot whose instrument hashes there (or probed on from there), or -1.
    private var buckets: [Int] = []

    var count: Int { instruments.count }

    /// The slot of `instrument`, or nil when it has none.
    func slot(of instrument: Instrument) -> Int? {
        guard !buckets.isEmpty else { return nil }
        let mask = buckets.count - 1
        var bucket = Int(truncatingIfNeeded: Self.hash(instrument)) & mask
        // Through the buffers: an instrument read off the array is a copy, retaining its texts.
        return buckets.withUnsafeBufferPointer { buckets in
            instruments.withUnsafeBufferPointer { instruments in
                while true {
                    let slot = buckets[bucket]
                    if slot < 0 { return nil }
                    // Every field, as `Instrument`'s `==` compares them, with the terms (what differs) first.
                    if instruments[slot].terms == instrument.terms,
                        instruments[slot].underlying == instrument.underlying,
                        instruments[slot].settlement == instrument.settlement
                    {
                        return slot
                    }
                    bucket = (bucket + 1) & mask
                }
            }
        }
    }

    /// The slot of `instrument`, giving it the next slot when it has none.
    mutating func insert(_ instrument: Instrument) -> Int {
        if let known = slot(of: instrument) { return known }
        let slot = instruments.count
        instruments.append(instrument)
        if instruments.count * 2 > buckets.count {
            rehash(capacity: max(16, buckets.count * 2))
        } else {
            place(slot)
        }
        return slot
    }

    mutating func removeAll() {
        instruments.removeAll()
        buckets.removeAll()
    }

    private mutating func rehash(capacity: Int) {
        buckets = Array(repeating: -1, count: capacity)
        for slot in instruments.indices { place(slot) }
    }

    private mutating func place(_ slot: Int) {
        let mask = buckets.count - 1
        var bucket = Int(truncatingIfNeeded: Self.hash(instruments[slot])) & mask
        while buckets[bucket] >= 0 { bucket = (bucket + 1) & mask }
        buckets[bucket] = slot
    }

    /// Kind, expiry, strike and right mixed into 64 bits (a combo by its full hash, which is stable within a
    /// process). Equal instruments hash equally: the strike is normalized, as `FixedDecimal`'s own hash does.
    static func hash(_ instrument: Instrument) -> UInt64 {
        switch instrument.terms {
        case .spot: return mix(1, 0)
        case .perpetual: return mix(2, 0)
        case .future(let expiry): return mix(3, UInt64(bitPattern: expiry.rawValue))
        case .option(let option):
            let strike = option.strike.decimal.normalized
            let right: UInt64 = option.right == .call ? 4 : 5
            let expiry = mix(right, UInt64(bitPattern: option.expiry.rawValue))
            return mix(expiry, UInt64(bitPattern: strike.units) &+ UInt64(UInt8(bitPattern: strike.scale)) << 56)
        case .combo: return mix(6, UInt64(bitPattern: Int64(instrument.hashValue)))
        }
    }

    /// Two words into one: a multiply and xor-shifts (the splitmix64 finaliser) over their combination.
    private static func mix(_ first: UInt64, _ second: UInt64) -> UInt64 {
        var value = first &* 0x9E37_79B9_7F4A_7C15 ^ second
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
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

    private var slots = InstrumentSlots()
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
        let slot = slots.insert(instrument)
        if slot == entries.count { entries.append([]) }
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
        guard let slot = slots.slot(of: instrument) else { return .zero }
        // By index: iterating the entries copies each (retaining its account's and desk's texts).
        var net = FixedDecimal.zero
        for index in entries[slot].indices {
            if let account = scope.account, entries[slot][index].account != account { continue }
            if let desk = scope.desk, entries[slot][index].desk != desk { continue }
            net += entries[slot][index].net
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
