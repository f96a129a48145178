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
    public let tailCount: Int
    public let gridCount: Int
    private var ids: [InstrumentOnVenue: Int] = [:]

    public init(model: PortfolioRiskModel) {
        tailCount = model.tail.count
        gridCount = model.grid.scenarios.count
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
}
