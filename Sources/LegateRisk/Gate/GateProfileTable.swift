public import LegateModel

/// The unit risk profiles a gate has computed, by dense id: an instrument on a venue is hashed once per decision leg
/// to find its id, and everything after that (scope quantities, vectors, bounds) is an array index.
///
/// The VaR-scenario and grid vectors of every profile are also laid end to end in one matrix each, so a decision
/// reads all of its legs' vectors from one buffer (`TailLeg.offset`) without copying them.
public struct GateProfileTable: Sendable {
    public private(set) var profiles: [InstrumentRiskProfile] = []
    /// Profile `i`'s VaR-scenario vector at `i × tailCount ..< (i + 1) × tailCount`.
    public private(set) var tailMatrix: [Double] = []
    /// Profile `i`'s margin-grid vector at `i × gridCount ..< (i + 1) × gridCount`.
    public private(set) var gridMatrix: [Double] = []
    /// Per profile, `max_j |tail_j|`: how far one contract can move any VaR scenario.
    public private(set) var tailReach: [Double] = []
    /// Per profile, its plain figures (`profiles[i].usd`, `.slot`, `.bucket`, `.expiryDelta`), kept apart so a
    /// decision reads them without copying a profile (which retains its vectors).
    public private(set) var units: [GreekTotals] = []
    public private(set) var slots: [Int] = []
    public private(set) var buckets: [Int] = []
    public private(set) var expiryDeltas: [ExpiryDelta] = []
    /// Profile `i`'s house-grid and SPAN vectors, laid out as `gridMatrix` (empty without `GateMarginModels`).
    public private(set) var houseMatrix: [Double] = []
    public private(set) var spanMatrix: [Double] = []
    public private(set) var standard: [StandardUnitMargin] = []
    public private(set) var optionCoins: [Double] = []
    public let tailCount: Int
    public let gridCount: Int
    public let houseCount: Int
    public let spanCount: Int
    private var ids: [InstrumentOnVenue: Int] = [:]

    public init(model: PortfolioRiskModel) {
        tailCount = model.tail.count
        gridCount = model.grid.scenarios.count
        houseCount = model.margins?.houseGrid.scenarios.count ?? 0
        spanCount = model.margins?.spanScenarios.count ?? 0
    }

    public var count: Int { profiles.count }

    /// The id of a profiled instrument, or nil when it has no profile yet.
    public func id(of key: InstrumentOnVenue) -> Int? {
        ids[key]
    }

    /// Adds a profile and returns its id (the existing id when the instrument is already profiled).
    public mutating func insert(_ profile: InstrumentRiskProfile, venue: Venue) -> Int {
        let key = InstrumentOnVenue(instrument: profile.instrument, venue: venue)
        if let known = ids[key] { return known }
        precondition(
            profile.tail.count == tailCount && profile.grid.count == gridCount,
            "a profile of \(profile.tail.count) VaR and \(profile.grid.count) grid scenarios in a table of "
                + "\(tailCount) and \(gridCount)"
        )
        let id = profiles.count
        profiles.append(profile)
        tailMatrix.append(contentsOf: profile.tail.values)
        gridMatrix.append(contentsOf: profile.grid.values)
        tailReach.append(Self.reach(of: profile.tail.values))
        units.append(profile.usd)
        slots.append(profile.slot)
        buckets.append(profile.bucket)
        expiryDeltas.append(profile.expiryDelta)
        precondition(
            (profile.house?.count ?? 0) == houseCount && (profile.span?.count ?? 0) == spanCount,
            "a profile's house and SPAN vectors do not fit the table's \(houseCount) and \(spanCount) scenarios"
        )
        if let house = profile.house { houseMatrix.append(contentsOf: house.values) }
        if let span = profile.span { spanMatrix.append(contentsOf: span.values) }
        standard.append(profile.standard)
        optionCoins.append(profile.optionCoins)
        ids[key] = id
        return id
    }

    /// `max |v|`, or NaN when a value is NaN: a NaN reach sends tail reads down the full pass, which refuses NaN.
    static func reach(of values: [Double]) -> Double {
        var reach = 0.0
        for value in values {
            if value.isNaN { return .nan }
            reach = max(reach, value.magnitude)
        }
        return reach
    }

    /// Where profile `id`'s VaR-scenario vector starts in `tailMatrix`.
    public func tailOffset(_ id: Int) -> Int { id * tailCount }

    /// Where profile `id`'s grid vector starts in `gridMatrix`.
    public func gridOffset(_ id: Int) -> Int { id * gridCount }

    /// Where profile `id`'s house-grid vector starts in `houseMatrix`.
    public func houseOffset(_ id: Int) -> Int { id * houseCount }

    /// Where profile `id`'s SPAN vector starts in `spanMatrix`.
    public func spanOffset(_ id: Int) -> Int { id * spanCount }
}
