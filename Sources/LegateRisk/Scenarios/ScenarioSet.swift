/// Many scenarios over the same underlyings, stored scenario-major for the revaluation loop.
///
/// `spotMoves[s·underlyingCount + u]` is scenario `s`'s move of underlying `u`; `volShifts` likewise; `timeSteps[s]`
/// the calendar time of scenario `s`. Build the set once (a margin grid, a VaR path set) and revalue books against
/// it many times.
public struct ScenarioSet: Sendable, Hashable {
    /// The number of underlyings every scenario moves; must equal the book's.
    public let underlyingCount: Int
    /// How vol shifts apply.
    public let volShock: VolShockRule
    /// The lowest shocked vol (an option already below it keeps its own vol as the floor).
    public let volFloor: Double
    public private(set) var spotMoves: [Double] = []
    public private(set) var volShifts: [Double] = []
    public private(set) var timeSteps: [Double] = []

    /// Creates an empty set.
    ///
    /// - Throws: `ScenarioError.invalidVolShock` for a bad floor or vega-power parameter.
    public init(underlyingCount: Int, volShock: VolShockRule, volFloor: Double) throws(ScenarioError) {
        precondition(underlyingCount >= 1, "a scenario set moves at least one underlying")
        guard volFloor.isFinite, volFloor > 0 else {
            throw .invalidVolShock(field: "volFloor", value: volFloor, reason: "must be positive and finite")
        }
        if case .vegaPower(let scaling) = volShock { try scaling.validate() }
        self.underlyingCount = underlyingCount
        self.volShock = volShock
        self.volFloor = volFloor
    }

    /// The number of scenarios.
    public var count: Int { timeSteps.count }

    /// Appends one scenario after checking it.
    ///
    /// - Throws: `ScenarioError.underlyingCountMismatch` or `.invalidScenario`.
    public mutating func append(_ scenario: Scenario) throws(ScenarioError) {
        try append(spotMoves: scenario.spotMoves, volShifts: scenario.volShifts, timeStepYears: scenario.timeStepYears)
    }

    /// Appends one scenario from its columns, without building a `Scenario`.
    ///
    /// - Throws: `ScenarioError.underlyingCountMismatch` or `.invalidScenario`.
    public mutating func append(
        spotMoves moves: some Collection<Double>,
        volShifts shifts: some Collection<Double>,
        timeStepYears: Double
    ) throws(ScenarioError) {
        let index = count
        for (name, length) in [("spot moves", moves.count), ("vol shifts", shifts.count)]
        where length != underlyingCount {
            throw .underlyingCountMismatch(
                expected: underlyingCount,
                actual: length,
                context: "scenario \(index) \(name)"
            )
        }
        for move in moves where !(move.isFinite && move > -1) {
            throw .invalidScenario(scenario: index, field: "spotMove", value: move, reason: "must be finite and > -1")
        }
        for shift in shifts where !shift.isFinite {
            throw .invalidScenario(scenario: index, field: "volShift", value: shift, reason: "must be finite")
        }
        guard timeStepYears.isFinite, timeStepYears >= 0 else {
            throw .invalidScenario(
                scenario: index,
                field: "timeStepYears",
                value: timeStepYears,
                reason: "must be finite and ≥ 0"
            )
        }
        spotMoves.append(contentsOf: moves)
        volShifts.append(contentsOf: shifts)
        timeSteps.append(timeStepYears)
    }

    /// Appends the same move and shift for every underlying.
    ///
    /// - Throws: `ScenarioError.invalidScenario`.
    public mutating func appendUniform(
        spotMove: Double,
        volShift: Double,
        timeStepYears: Double = 0
    )
        throws(ScenarioError)
    {
        try append(
            spotMoves: repeatElement(spotMove, count: underlyingCount),
            volShifts: repeatElement(volShift, count: underlyingCount),
            timeStepYears: timeStepYears
        )
    }

    /// Reserves room for `capacity` scenarios.
    public mutating func reserveCapacity(_ capacity: Int) {
        spotMoves.reserveCapacity(capacity * underlyingCount)
        volShifts.reserveCapacity(capacity * underlyingCount)
        timeSteps.reserveCapacity(capacity)
    }

    /// Scenario `index` as a value.
    public func scenario(at index: Int) -> Scenario {
        let range = index * underlyingCount..<(index + 1) * underlyingCount
        return Scenario(
            spotMoves: Array(spotMoves[range]),
            volShifts: Array(volShifts[range]),
            timeStepYears: timeSteps[index]
        )
    }

    /// Whether scenario `index` is the base market: no move, no vol shift and no time for every underlying.
    public func isBase(_ index: Int) -> Bool {
        guard timeSteps[index] == 0 else { return false }
        let range = index * underlyingCount..<(index + 1) * underlyingCount
        for offset in range where spotMoves[offset] != 0 || volShifts[offset] != 0 { return false }
        return true
    }

    /// Scenario `scenario`'s move of underlying `underlying`.
    public func spotMove(scenario: Int, underlying: Int) -> Double {
        spotMoves[scenario * underlyingCount + underlying]
    }

    /// Scenario `scenario`'s vol shift of underlying `underlying`.
    public func volShift(scenario: Int, underlying: Int) -> Double {
        volShifts[scenario * underlyingCount + underlying]
    }
}
