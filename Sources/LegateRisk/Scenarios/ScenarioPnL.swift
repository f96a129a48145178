/// Scenario P&L summed per output group, in coin and in USD: what `ScenarioRevaluation.revalue` writes.
///
/// Laid out group-major: `coin[g·scenarioCount + s]`. The coin figures are in the coin of the group's underlying, so
/// they are meaningful only for a group that holds one underlying (a margin risk unit); USD figures always add.
/// Allocate once with the dimensions of the book and the scenario range, and reuse.
public struct ScenarioPnL: Sendable, Hashable {
    public let groupCount: Int
    public let scenarioCount: Int
    /// P&L in the underlying's coin, group-major.
    public internal(set) var coin: [Double]
    /// P&L in USD, group-major.
    public internal(set) var usd: [Double]

    /// Zeroed storage for `groupCount` groups over `scenarioCount` scenarios.
    public init(groupCount: Int, scenarioCount: Int) {
        self.groupCount = groupCount
        self.scenarioCount = scenarioCount
        coin = Array(repeating: 0, count: groupCount * scenarioCount)
        usd = Array(repeating: 0, count: groupCount * scenarioCount)
    }

    /// The P&L of one group in one scenario.
    public func pnl(group: Int, scenario: Int, in numeraire: Numeraire) -> Double {
        let index = group * scenarioCount + scenario
        return numeraire == .coin ? coin[index] : usd[index]
    }

    /// One group's P&L over every scenario, as a new vector.
    public func vector(group: Int, in numeraire: Numeraire) -> ScenarioVector {
        let range = group * scenarioCount..<(group + 1) * scenarioCount
        return ScenarioVector(Array(numeraire == .coin ? coin[range] : usd[range]))
    }

    /// Adds one group's P&L × `scale` into `vector` without allocating.
    ///
    /// - Precondition: `vector.count == scenarioCount`.
    public func add(group: Int, in numeraire: Numeraire, scaledBy scale: Double = 1, into vector: inout ScenarioVector)
    {
        precondition(vector.count == scenarioCount, "vector has \(vector.count) scenarios, output \(scenarioCount)")
        let offset = group * scenarioCount
        let source = numeraire == .coin ? coin : usd
        for scenario in 0..<scenarioCount { vector[scenario] += source[offset + scenario] * scale }
    }
}

/// Scenario P&L of every position on its own, in coin and in USD: what `ScenarioRevaluation.revaluePositions` writes.
///
/// Laid out position-major (`coin[p·scenarioCount + s]`), so each position's vector is contiguous and can be added
/// into a risk unit's vector; this is how the gate turns an order's legs into vectors.
public struct PositionScenarioPnL: Sendable, Hashable {
    public let positionCount: Int
    public let scenarioCount: Int
    public internal(set) var coin: [Double]
    public internal(set) var usd: [Double]

    /// Zeroed storage for `positionCount` positions over `scenarioCount` scenarios.
    public init(positionCount: Int, scenarioCount: Int) {
        self.positionCount = positionCount
        self.scenarioCount = scenarioCount
        coin = Array(repeating: 0, count: positionCount * scenarioCount)
        usd = Array(repeating: 0, count: positionCount * scenarioCount)
    }

    /// The P&L of one position in one scenario.
    public func pnl(position: Int, scenario: Int, in numeraire: Numeraire) -> Double {
        let index = position * scenarioCount + scenario
        return numeraire == .coin ? coin[index] : usd[index]
    }

    /// One position's P&L over every scenario, as a new vector.
    public func vector(position: Int, in numeraire: Numeraire) -> ScenarioVector {
        let range = position * scenarioCount..<(position + 1) * scenarioCount
        return ScenarioVector(Array(numeraire == .coin ? coin[range] : usd[range]))
    }

    /// Adds one position's P&L × `scale` into `vector` without allocating (scale by a quantity ratio for a what-if).
    ///
    /// - Precondition: `vector.count == scenarioCount`.
    public func add(
        position: Int,
        in numeraire: Numeraire,
        scaledBy scale: Double = 1,
        into vector: inout ScenarioVector
    ) {
        precondition(vector.count == scenarioCount, "vector has \(vector.count) scenarios, output \(scenarioCount)")
        let offset = position * scenarioCount
        let source = numeraire == .coin ? coin : usd
        for scenario in 0..<scenarioCount { vector[scenario] += source[offset + scenario] * scale }
    }
}
