import CLegatePricingKernel
import RealModule

/// One block of scenarios: their indices, and their shocks per underlying in the kernel's layout. Sized once per book
/// and then only overwritten.
struct ScenarioBlock: Sendable {
    /// Scenarios per block: the kernel's own block, so that one call makes one pass over a segment's rows.
    static let capacity = 64

    /// The scenarios of the block, column by column, and the base scenarios passed over while loading it.
    private(set) var scenarios: [Int] = []
    private(set) var skippedBases: [Int] = []
    /// Per underlying `u`, scenario `j` at `u·capacity + j`: ln(1 + move), 1 + move, and the vol shift.
    private(set) var logMultipliers: [Double] = []
    private(set) var multipliers: [Double] = []
    private(set) var shifts: [Double] = []

    var count: Int { scenarios.count }

    mutating func resize(underlyingCount: Int) {
        scenarios.reserveCapacity(Self.capacity)
        ScenarioRevaluation.resize(&logMultipliers, to: underlyingCount * Self.capacity)
        ScenarioRevaluation.resize(&multipliers, to: underlyingCount * Self.capacity)
        ScenarioRevaluation.resize(&shifts, to: underlyingCount * Self.capacity)
    }

    /// Takes up to `capacity` scenarios of one time step from `first` on, stopping before `end` or before a scenario
    /// with another time step, and passing over base scenarios (listed in `skippedBases`: their P&L is exactly zero
    /// and needs no pricing). Returns where the next block starts.
    ///
    /// The block's columns are ordered by vol shift (stable), so that equal shifts sit side by side and the kernel
    /// computes σ′√T and its reciprocal once per run of them: a margin grid's moves share three shifts. A scenario's
    /// figures do not depend on its column, so the order changes no result.
    mutating func load(_ set: ScenarioSet, from first: Int, to end: Int) -> Int {
        scenarios.removeAll(keepingCapacity: true)
        skippedBases.removeAll(keepingCapacity: true)
        var timeStep: Double?
        var scenario = first
        while scenario < end, count < Self.capacity {
            if set.isBase(scenario) {
                skippedBases.append(scenario)
            } else {
                let step = set.timeSteps[scenario]
                if let timeStep, step != timeStep { break }
                timeStep = step
                scenarios.append(scenario)
            }
            scenario += 1
        }
        sortByShift(set)
        for (column, scenario) in scenarios.enumerated() {
            for underlying in 0..<set.underlyingCount {
                let move = set.spotMove(scenario: scenario, underlying: underlying)
                let slot = underlying * Self.capacity + column
                logMultipliers[slot] = Double.log(onePlus: move)
                multipliers[slot] = 1 + move
                shifts[slot] = set.volShift(scenario: scenario, underlying: underlying)
            }
        }
        return scenario
    }

    /// Insertion sort of `scenarios` by their vol shifts, underlying by underlying: stable, and without allocating.
    private mutating func sortByShift(_ set: ScenarioSet) {
        func precedes(_ left: Int, _ right: Int) -> Bool {
            for underlying in 0..<set.underlyingCount {
                let a = set.volShift(scenario: left, underlying: underlying)
                let b = set.volShift(scenario: right, underlying: underlying)
                if a != b { return a < b }
            }
            return false
        }
        for index in scenarios.indices.dropFirst() {
            let scenario = scenarios[index]
            var slot = index
            while slot > 0, precedes(scenario, scenarios[slot - 1]) {
                scenarios[slot] = scenarios[slot - 1]
                slot -= 1
            }
            scenarios[slot] = scenario
        }
    }

    /// One scenario of the base market (no move, no shift) for every underlying: what the base values are priced
    /// under. The block's one entry in `scenarios` (0) names no scenario of the set: base values are read by column,
    /// never mapped back to a scenario index.
    mutating func loadBase(underlyingCount: Int) {
        for underlying in 0..<underlyingCount {
            logMultipliers[underlying * Self.capacity] = 0
            multipliers[underlying * Self.capacity] = 1
            shifts[underlying * Self.capacity] = 0
        }
        scenarios.removeAll(keepingCapacity: true)
        scenarios.append(0)
    }

    /// 1 + move of `underlying` in block scenario `column`.
    func multiplier(underlying: Int, column: Int) -> Double {
        multipliers[underlying * Self.capacity + column]
    }

    /// Runs `body` with the kernel's view of the block's shocks to `underlying`.
    func withShocks<R>(underlying: Int, _ body: (UnsafePointer<LegateScenarioShocks>) -> R) -> R {
        let offset = underlying * Self.capacity
        let count = count
        return logMultipliers.withUnsafeBufferPointer { logMultipliers in
            multipliers.withUnsafeBufferPointer { multipliers in
                shifts.withUnsafeBufferPointer { shifts in
                    let shocks = LegateScenarioShocks(
                        logMultiplier: logMultipliers.baseAddress.map { $0 + offset },
                        multiplier: multipliers.baseAddress.map { $0 + offset },
                        volShift: shifts.baseAddress.map { $0 + offset },
                        count: count
                    )
                    return withUnsafePointer(to: shocks) { body($0) }
                }
            }
        }
    }
}

/// What the kernel and the sums write for one block: sized once per book and then only overwritten.
struct ScenarioBlockResults: Sendable {
    /// One segment's value per block scenario.
    var sums = [Double](repeating: 0, count: ScenarioBlock.capacity)
    /// Per group `g`, block scenario `j` at `g·capacity + j`.
    var groupUSD: [Double] = []
    var groupCoin: [Double] = []
    /// Per block scenario `j`, option row `r` (batch order) at `j·rowCount + r`; sized by `revaluePositions` only.
    var values: [Double] = []

    mutating func resize(groupCount: Int) {
        ScenarioRevaluation.resize(&groupUSD, to: groupCount * ScenarioBlock.capacity)
        ScenarioRevaluation.resize(&groupCoin, to: groupCount * ScenarioBlock.capacity)
    }
}
