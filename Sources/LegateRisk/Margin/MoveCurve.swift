/// P&L against a move of the underlying with vol unchanged: the scenario curve liquidation estimates read.
///
/// Build it from a margin grid's flat-vol scenarios (`MarginGrid.flatVolCurve(slot:)`) and a unit's vector. Moves
/// are relative (−0.16 = −16%), increasing.
public struct MoveCurve: Sendable, Hashable {
    public let moves: [Double]
    public private(set) var pnl: [Double]

    /// - Throws: `MarginError.shapeMismatch` for unequal lengths or moves that do not increase.
    public init(moves: [Double], pnl: [Double]) throws(MarginError) {
        guard moves.count == pnl.count else {
            throw .shapeMismatch("curve of \(moves.count) moves and \(pnl.count) P&L figures")
        }
        for index in moves.indices.dropFirst() where !(moves[index] > moves[index - 1]) {
            throw .shapeMismatch("curve moves must increase; \(moves[index]) follows \(moves[index - 1])")
        }
        self.moves = moves
        self.pnl = pnl
    }

    /// The flat-vol curve of one unit of a grid.
    ///
    /// - Throws: `MarginError.shapeMismatch` when the vector does not fit the grid.
    public init(grid: MarginGrid, slot: Int, pnl vector: ScenarioVector) throws(MarginError) {
        guard vector.count == grid.points.count else {
            throw .shapeMismatch("vector of \(vector.count) scenarios against a grid of \(grid.points.count)")
        }
        let points = grid.flatVolCurve(slot: slot)
        try self.init(moves: points.map(\.move), pnl: points.map { vector[$0.scenario] })
    }

    /// Adds another curve over the same moves.
    ///
    /// - Throws: `MarginError.shapeMismatch` when the moves differ.
    public mutating func add(_ other: MoveCurve) throws(MarginError) {
        guard other.moves == moves else { throw .shapeMismatch("adding curves over different moves") }
        for index in pnl.indices { pnl[index] += other.pnl[index] }
    }

    /// This curve, counted in coin for an account holding `equity` coins, as USD P&L at the moved index:
    /// `(equity + pnl(m))·S·(1+m) − equity·S`.
    public func convertedToUSD(coinEquity equity: Double, index: Double) -> MoveCurve {
        let converted = moves.indices.map { (equity + pnl[$0]) * index * (1 + moves[$0]) - equity * index }
        return MoveCurve(checkedMoves: moves, pnl: converted)
    }

    /// This curve times a constant (a stablecoin's USD price).
    public func scaled(by factor: Double) -> MoveCurve {
        MoveCurve(checkedMoves: moves, pnl: pnl.map { $0 * factor })
    }

    private init(checkedMoves moves: [Double], pnl: [Double]) {
        self.moves = moves
        self.pnl = pnl
    }
}

/// The spot move at which equity falls to maintenance margin, read off a scenario curve.
public enum LiquidationMove {
    /// The smallest down move and up move at which `equity + pnl(move) ≤ maintenance`, interpolating linearly between
    /// curve points (and from `pnl(0) = 0` when the curve has no zero move); nil in a direction where the curve never
    /// gets there. Both are 0 when equity is already at or below maintenance. Maintenance is held at today's figure.
    public static func estimate(
        equity: Double,
        maintenance: Double,
        curve: MoveCurve
    ) -> (down: Double?, up: Double?) {
        let surplusNow = equity - maintenance
        guard surplusNow > 0 else { return (0, 0) }
        let up = crossing(
            surplusNow,
            points: curve.moves.indices.filter { curve.moves[$0] > 0 }.map { (curve.moves[$0], curve.pnl[$0]) },
            equity: equity,
            maintenance: maintenance
        )
        let down = crossing(
            surplusNow,
            points: curve.moves.indices.filter { curve.moves[$0] < 0 }.reversed().map {
                (curve.moves[$0], curve.pnl[$0])
            },
            equity: equity,
            maintenance: maintenance
        )
        return (down, up)
    }

    private static func crossing(
        _ surplusNow: Double,
        points: [(move: Double, pnl: Double)],
        equity: Double,
        maintenance: Double
    ) -> Double? {
        var previous = (move: 0.0, surplus: surplusNow)
        for point in points {
            let surplus = equity + point.pnl - maintenance
            if surplus <= 0 {
                let fraction = previous.surplus / (previous.surplus - surplus)
                return previous.move + fraction * (point.move - previous.move)
            }
            previous = (point.move, surplus)
        }
        return nil
    }
}
