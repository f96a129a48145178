public import LegateCore
public import LegateModel

/// Every instrument spec each venue has published, versioned in time, with the symbol mappings they imply.
///
/// A venue's listing changes: ticks and lots change, instruments list and delist, and a contract's name can change
/// while its economics do not. The master keeps each `(venue, symbol)`'s specs in order of `effectiveFrom` and each
/// `(venue, instrument)`'s symbols in order of when they took effect, answers "what was true at time t", and turns
/// each new listing into events the engine can journal. Events come out in a stable order (by symbol), never in hash
/// order.
public struct InstrumentMaster: Sendable {
    struct SymbolKey: Hashable, Sendable {
        let venue: Venue
        let symbol: String
    }

    struct InstrumentKey: Hashable, Sendable {
        let venue: Venue
        let instrument: Instrument
    }

    /// A symbol that named an instrument from `from` (until the next mapping of the same instrument).
    struct Mapping: Hashable, Sendable {
        let symbol: String
        let from: UnixNanos
    }

    private var specs: [SymbolKey: [InstrumentSpec]] = [:]
    private var mappings: [InstrumentKey: [Mapping]] = [:]

    public init() {}

    // MARK: - Updating

    /// Records a spec; returns the event it amounts to, or nil when it repeats the spec in force.
    ///
    /// A spec older than the latest one for its symbol is kept in history but produces no event.
    public mutating func apply(_ spec: InstrumentSpec) -> InstrumentMasterEvent? {
        let key = SymbolKey(venue: spec.venue, symbol: spec.symbol)
        var history = specs[key] ?? []
        let previous = history.last { $0.effectiveFrom <= spec.effectiveFrom }
        if let previous, previous.sameTerms(as: spec) { return nil }
        let index = history.firstIndex { $0.effectiveFrom > spec.effectiveFrom } ?? history.count
        history.insert(spec, at: index)
        specs[key] = history
        recordMapping(of: spec)
        guard index == history.count - 1 else { return nil }
        guard let previous else { return .listed(spec) }
        if spec.listingState == .delisted || spec.listingState == .expired {
            return .delisted(previous: previous, current: spec)
        }
        return .changed(from: previous, to: spec, changes: previous.changes(to: spec))
    }

    /// Applies a venue's full current list: every spec is applied, and every listed symbol of that venue missing
    /// from the list becomes delisted at `at`.
    public mutating func reconcile(venue: Venue, listed: [InstrumentSpec], at: UnixNanos) -> [InstrumentMasterEvent] {
        var events: [InstrumentMasterEvent] = []
        for spec in listed.sorted(by: { $0.symbol < $1.symbol }) {
            if let event = apply(spec) { events.append(event) }
        }
        let present = Set(listed.map(\.symbol))
        let missing = specs.keys.filter { $0.venue == venue && !present.contains($0.symbol) }
        for key in missing.sorted(by: { $0.symbol < $1.symbol }) {
            guard let last = specs[key]?.last, last.listingState != .delisted, last.listingState != .expired,
                last.effectiveFrom <= at
            else { continue }
            if let event = apply(last.with(listingState: .delisted, effectiveFrom: at)) { events.append(event) }
        }
        return events
    }

    private mutating func recordMapping(of spec: InstrumentSpec) {
        let key = InstrumentKey(venue: spec.venue, instrument: spec.instrument)
        var history = mappings[key] ?? []
        let current = history.last { $0.from <= spec.effectiveFrom }
        guard current?.symbol != spec.symbol else { return }
        let index = history.firstIndex { $0.from > spec.effectiveFrom } ?? history.count
        history.insert(Mapping(symbol: spec.symbol, from: spec.effectiveFrom), at: index)
        mappings[key] = history
    }

    // MARK: - Reading

    /// The spec in force for a venue symbol at `time`.
    public func spec(venue: Venue, symbol: String, at time: UnixNanos) -> InstrumentSpec? {
        specs[SymbolKey(venue: venue, symbol: symbol)]?.last { $0.effectiveFrom <= time }
    }

    /// The latest spec for a venue symbol.
    public func latest(venue: Venue, symbol: String) -> InstrumentSpec? {
        specs[SymbolKey(venue: venue, symbol: symbol)]?.last
    }

    /// Every version of a venue symbol's spec, oldest first.
    public func history(venue: Venue, symbol: String) -> [InstrumentSpec] {
        specs[SymbolKey(venue: venue, symbol: symbol)] ?? []
    }

    /// The venue's name for an instrument at `time`.
    public func symbol(for instrument: Instrument, venue: Venue, at time: UnixNanos) -> String? {
        mappings[InstrumentKey(venue: venue, instrument: instrument)]?.last { $0.from <= time }?.symbol
    }

    /// The instrument a venue symbol named at `time`.
    public func instrument(venue: Venue, symbol: String, at time: UnixNanos) -> Instrument? {
        spec(venue: venue, symbol: symbol, at: time)?.instrument
    }
}

/// What a new spec means for the instruments Legate trades.
public enum InstrumentMasterEvent: Hashable, Sendable {
    case listed(InstrumentSpec)
    case changed(from: InstrumentSpec, to: InstrumentSpec, changes: [InstrumentSpecChange])
    case delisted(previous: InstrumentSpec, current: InstrumentSpec)
}

/// A field of an instrument spec that changed between two versions.
public enum InstrumentSpecChange: String, Hashable, Sendable, CaseIterable {
    case instrument
    case contractMultiplier
    case contractUnit
    case quoteCurrency
    case tickSize
    case lotSize
    case minimumSize
    case minimumNotional
    case listingState
}

extension InstrumentSpec {
    /// Equal in everything but when it took effect.
    func sameTerms(as other: InstrumentSpec) -> Bool {
        with(listingState: listingState, effectiveFrom: other.effectiveFrom) == other
    }

    func changes(to other: InstrumentSpec) -> [InstrumentSpecChange] {
        var changes: [InstrumentSpecChange] = []
        if instrument != other.instrument { changes.append(.instrument) }
        if contractMultiplier != other.contractMultiplier { changes.append(.contractMultiplier) }
        if contractUnit != other.contractUnit { changes.append(.contractUnit) }
        if quoteCurrency != other.quoteCurrency { changes.append(.quoteCurrency) }
        if tickSize != other.tickSize { changes.append(.tickSize) }
        if lotSize != other.lotSize { changes.append(.lotSize) }
        if minimumSize != other.minimumSize { changes.append(.minimumSize) }
        if minimumNotional != other.minimumNotional { changes.append(.minimumNotional) }
        if listingState != other.listingState { changes.append(.listingState) }
        return changes
    }

    /// The same spec in another listing state, from another instant.
    public func with(listingState: ListingState, effectiveFrom: UnixNanos) -> InstrumentSpec {
        InstrumentSpec(
            instrument: instrument,
            venue: venue,
            symbol: symbol,
            contractMultiplier: contractMultiplier,
            contractUnit: contractUnit,
            quoteCurrency: quoteCurrency,
            tickSize: tickSize,
            lotSize: lotSize,
            minimumSize: minimumSize,
            minimumNotional: minimumNotional,
            listingState: listingState,
            effectiveFrom: effectiveFrom
        )
    }
}
