/// The scenarios of a risk-matrix portfolio margin, for a list of underlying coins, with what each scenario is.
///
/// Order (risk-methodology §1.3 items 1–2, 5): the standard table bucket-major from the most negative move, each
/// bucket with vol up, same and down (moves `−R + i·R/b`, i = 0…2b), then the extended moves with vol up. Each
/// underlying slot moves by its own parameters; all must have the same number of buckets and extended moves and the
/// same vega-power scaling, so that scenario k means the same point for every slot.
public struct MarginGrid: Sendable, Hashable {
    /// Which vol shock a scenario applies.
    public enum VolState: String, Sendable, Hashable, Codable {
        case up
        case same
        case down
    }

    /// What one scenario is.
    public struct Point: Sendable, Hashable {
        /// The price step `i − b` in −b…b for standard scenarios; nil for extended moves.
        public let step: Int?
        /// The index into `extendedMoves` for extended scenarios.
        public let extendedIndex: Int?
        public let vol: VolState

        public var isExtended: Bool { extendedIndex != nil }
    }

    /// The coin code of each underlying slot, in the order of the scenario set's underlyings.
    public let coins: [String]
    /// The parameters of each slot.
    public let parameters: [UnderlyingPortfolioParameters]
    public let scenarios: ScenarioSet
    public let points: [Point]

    /// The number of standard (non-extended) scenarios.
    public var standardCount: Int { points.count { !$0.isExtended } }

    /// Builds the grid of `parameters` for the underlying coins `coins` (one slot each, in order).
    ///
    /// - Throws: `MarginError.missingUnderlying`, `.invalidTable` when the slots' grids differ in shape.
    public init(parameters model: PortfolioMarginParameters, coins: [String]) throws(MarginError) {
        try model.validate()
        guard let firstCoin = coins.first else { throw .invalidTable(field: "coins", reason: "no underlying") }
        var slots: [UnderlyingPortfolioParameters] = []
        for coin in coins { slots.append(try model.parameters(for: coin)) }
        let first = try model.parameters(for: firstCoin)
        for (coin, slot) in zip(coins, slots)
        where slot.bucketsPerSide != first.bucketsPerSide || slot.extendedMoves.count != first.extendedMoves.count
            || slot.vegaPower != first.vegaPower
        {
            throw .invalidTable(
                field: "underlyings.\(coin)",
                reason: "grid shape or vega power differs from \(firstCoin); margin them in separate grids"
            )
        }
        var points: [Point] = []
        for step in -first.bucketsPerSide...first.bucketsPerSide {
            for vol in [VolState.up, .same, .down] { points.append(Point(step: step, extendedIndex: nil, vol: vol)) }
        }
        for index in first.extendedMoves.indices { points.append(Point(step: nil, extendedIndex: index, vol: .up)) }
        var set: ScenarioSet
        do {
            set = try ScenarioSet(
                underlyingCount: coins.count,
                volShock: .vegaPower(first.vegaPower),
                volFloor: model.volFloor
            )
            set.reserveCapacity(points.count)
            for point in points {
                try set.append(
                    spotMoves: slots.map { Self.move(point, $0) },
                    volShifts: slots.map { Self.volShift(point.vol, $0) },
                    timeStepYears: 0
                )
            }
        } catch {
            throw .scenario(error)
        }
        self.coins = coins
        self.parameters = slots
        self.scenarios = set
        self.points = points
    }

    private static func move(_ point: Point, _ parameters: UnderlyingPortfolioParameters) -> Double {
        if let index = point.extendedIndex { return parameters.extendedMoves[index] }
        return parameters.priceRange * Double(point.step ?? 0) / Double(parameters.bucketsPerSide)
    }

    private static func volShift(_ vol: VolState, _ parameters: UnderlyingPortfolioParameters) -> Double {
        switch vol {
        case .up: parameters.volRangeUp
        case .same: 0
        case .down: -parameters.volRangeDown
        }
    }

    /// The scenarios with unchanged vol, as (move of `slot`, scenario index), ordered by move: the scenario curve the
    /// liquidation estimate reads.
    public func flatVolCurve(slot: Int) -> [(move: Double, scenario: Int)] {
        points.indices.filter { points[$0].vol == .same }
            .map { (scenarios.spotMove(scenario: $0, underlying: slot), $0) }
            .sorted { $0.move < $1.move }
    }
}
