// Proves the full-revaluation kernel: a zero scenario gives exactly zero, option and delta-one P&L match the scalar
// pricers and the closed forms of risk-methodology §1.3, per-position vectors add up to group vectors and scale with
// quantity, expiring options settle at intrinsic, and bad books, scenarios and buffers get typed errors.

import LegateModel
import LegatePricing
import Testing

@testable import LegateRisk

@Suite struct ScenarioRevaluationTests {
    static func grid(underlyings: Int, rule: VolShockRule = .absolute) throws -> ScenarioSet {
        var set = try ScenarioSet(underlyingCount: underlyings, volShock: rule, volFloor: 0.01)
        for move in [-0.3, -0.1, 0, 0.1, 0.5] {
            for shift in [-0.2, 0, 0.2] { try set.appendUniform(spotMove: move, volShift: shift) }
        }
        return set
    }

    @Test func zeroScenarioGivesExactlyZero() throws {
        // Given a random mixed book on two underlyings, a base scenario and one that moves only underlying 1
        let book = try randomScenarioBook(seed: 1, options: 1_003, deltaOnes: 50)
        var set = try ScenarioSet(underlyingCount: 2, volShock: .vegaPower(Self.scaling), volFloor: 0.05)
        try set.appendUniform(spotMove: 0, volShift: 0)
        try set.append(Scenario(spotMoves: [0, 0.1], volShifts: [0, 0.2]))
        // When it is revalued per group and per position
        var revaluation = ScenarioRevaluation()
        var groups = ScenarioPnL(groupCount: 2, scenarioCount: 2)
        try revaluation.revalue(book, under: set, into: &groups)
        var positions = PositionScenarioPnL(positionCount: book.count, scenarioCount: 2)
        try revaluation.revaluePositions(book, under: set, into: &positions)
        // Then the base scenario is exactly 0 everywhere, and so is underlying 0 in the repriced scenario
        #expect(groups.pnl(group: 0, scenario: 0, in: .coin) == 0 && groups.pnl(group: 1, scenario: 0, in: .usd) == 0)
        #expect(groups.pnl(group: 0, scenario: 1, in: .coin) == 0 && groups.pnl(group: 0, scenario: 1, in: .usd) == 0)
        #expect(groups.pnl(group: 1, scenario: 1, in: .usd) != 0)
        for id in 0..<book.count {
            #expect(positions.pnl(position: id, scenario: 0, in: .coin) == 0)
            guard book.position(id).underlying == 0 else { continue }
            #expect(positions.pnl(position: id, scenario: 1, in: .coin) == 0)
            #expect(positions.pnl(position: id, scenario: 1, in: .usd) == 0)
        }
    }

    static let scaling = VegaPowerScaling(
        shortTermPower: 0.3,
        longTermPower: 0.13,
        pivotDays: 30,
        minimumDays: 1,
        minimumVolForShockUp: 0.5
    )

    @Test func coinSettledOptionMatchesInversePricer() throws {
        // Given one short inverse call: 3 coins, F = 101,000, S = 100,000
        var book = ScenarioBook(indexPrices: [100_000], groupCount: 1)
        let row = ScenarioPosition.option(
            .call,
            settlement: .coin,
            underlying: 0,
            group: 0,
            quantity: -3,
            forward: 101_000,
            strike: 110_000,
            expiryYears: 0.25,
            vol: 0.6
        )
        try book.append(row)
        var set = try ScenarioSet(underlyingCount: 1, volShock: .absolute, volFloor: 0.01)
        try set.appendUniform(spotMove: 0.12, volShift: 0.1, timeStepYears: 1.0 / 365)
        var revaluation = ScenarioRevaluation()
        var pnl = ScenarioPnL(groupCount: 1, scenarioCount: 1)
        try revaluation.revalue(book, under: set, into: &pnl)
        // Then coin P&L = q·(V_coin(F′, σ′, T′) − V_coin(F, σ, T)) and USD P&L converts each value at its index
        let before = InverseOption.price(.call, forward: 101_000, strike: 110_000, expiryYears: 0.25, vol: 0.6)
        let after = InverseOption.price(
            .call,
            forward: 101_000 * 1.12,
            strike: 110_000,
            expiryYears: 0.25 - 1.0 / 365,
            vol: 0.7
        )
        #expect(isClose(pnl.coin[0], -3 * (after - before), relative: 1e-12))
        #expect(isClose(pnl.usd[0], -3 * (after * 112_000 - before * 100_000), relative: 1e-12))
    }

    @Test func usdSettledOptionMatchesBlack76() throws {
        var book = ScenarioBook(indexPrices: [3_000], groupCount: 1)
        try book.append(
            .option(
                .put,
                settlement: .usd,
                underlying: 0,
                group: 0,
                quantity: 20,
                forward: 3_010,
                strike: 2_800,
                expiryYears: 0.1,
                vol: 0.7,
                rate: 0.04
            )
        )
        var set = try ScenarioSet(underlyingCount: 1, volShock: .relative, volFloor: 0.01)
        try set.appendUniform(spotMove: -0.2, volShift: 0.25)
        var revaluation = ScenarioRevaluation()
        var pnl = ScenarioPnL(groupCount: 1, scenarioCount: 1)
        try revaluation.revalue(book, under: set, into: &pnl)
        let before = Black76.price(.put, forward: 3_010, strike: 2_800, expiryYears: 0.1, rate: 0.04, vol: 0.7)
        let after = Black76.price(.put, forward: 3_010 * 0.8, strike: 2_800, expiryYears: 0.1, rate: 0.04, vol: 0.875)
        #expect(isClose(pnl.usd[0], 20 * (after - before)))
        #expect(isClose(pnl.coin[0], 20 * (after / 2_400 - before / 3_000)))
    }

    @Test func inversePerpetualCoinPnLIsQuantityTimesOneMinusInverseMove() throws {
        // Given a short inverse perpetual of 10 coin equivalents (risk-methodology §1.3 item 4)
        var book = ScenarioBook(indexPrices: [60_000], groupCount: 1)
        try book.append(
            ScenarioPosition(
                kind: .perpetual,
                settlement: .coin,
                underlying: 0,
                group: 0,
                quantity: -10,
                forward: 60_030
            )
        )
        let set = try Self.grid(underlyings: 1)
        var revaluation = ScenarioRevaluation()
        var pnl = ScenarioPnL(groupCount: 1, scenarioCount: set.count)
        try revaluation.revalue(book, under: set, into: &pnl)
        for scenario in 0..<set.count {
            let move = set.spotMove(scenario: scenario, underlying: 0)
            #expect(isClose(pnl.coin[scenario], -10 * (1 - 1 / (1 + move))))
            #expect(isClose(pnl.usd[scenario], -10 * 60_000 * move))
        }
    }

    @Test func linearFutureAndSpot() throws {
        var book = ScenarioBook(indexPrices: [100_000], groupCount: 2)
        try book.append(
            ScenarioPosition(kind: .future, settlement: .usd, underlying: 0, group: 0, quantity: 2, forward: 102_000)
        )
        try book.append(
            ScenarioPosition(kind: .spot, settlement: .usd, underlying: 0, group: 1, quantity: 5, forward: 100_000)
        )
        var set = try ScenarioSet(underlyingCount: 1, volShock: .absolute, volFloor: 0.01)
        try set.appendUniform(spotMove: 0.25, volShift: 0)
        var revaluation = ScenarioRevaluation()
        var pnl = ScenarioPnL(groupCount: 2, scenarioCount: 1)
        try revaluation.revalue(book, under: set, into: &pnl)
        #expect(isClose(pnl.usd[0], 2 * 102_000 * 0.25))
        #expect(isClose(pnl.coin[0], 2 * 102_000 * 0.25 / 125_000))
        // Spot held in coin: USD P&L only, no coin P&L.
        #expect(isClose(pnl.usd[1], 5 * 25_000) && pnl.coin[1] == 0)
    }

    @Test(arguments: [VolShockRule.absolute, .relative, .vegaPower(scaling)])
    func positionVectorsAddUpToGroupVectors(rule: VolShockRule) throws {
        let book = try randomScenarioBook(seed: 7, options: 301, deltaOnes: 40)
        let set = try Self.grid(underlyings: 2, rule: rule)
        var revaluation = ScenarioRevaluation()
        var groups = ScenarioPnL(groupCount: 2, scenarioCount: set.count)
        try revaluation.revalue(book, under: set, into: &groups)
        var positions = PositionScenarioPnL(positionCount: book.count, scenarioCount: set.count)
        try revaluation.revaluePositions(book, under: set, into: &positions)
        for group in 0..<2 {
            for numeraire in Numeraire.allCases {
                var sum = ScenarioVector(count: set.count)
                for id in 0..<book.count where book.position(id).group == group {
                    positions.add(position: id, in: numeraire, into: &sum)
                }
                let direct = groups.vector(group: group, in: numeraire)
                for scenario in 0..<set.count {
                    #expect(isClose(sum[scenario], direct[scenario], relative: 1e-9, absolute: 1e-6))
                }
            }
        }
    }

    @Test func pnlScalesWithQuantity() throws {
        var book = try randomScenarioBook(seed: 9, options: 20, deltaOnes: 5)
        let set = try Self.grid(underlyings: 2)
        var revaluation = ScenarioRevaluation()
        var before = PositionScenarioPnL(positionCount: book.count, scenarioCount: set.count)
        try revaluation.revaluePositions(book, under: set, into: &before)
        try book.setQuantity(book.position(3).quantity * -2.5, of: 3)
        var after = PositionScenarioPnL(positionCount: book.count, scenarioCount: set.count)
        try revaluation.revaluePositions(book, under: set, into: &after)
        for scenario in 0..<set.count {
            let expected = before.pnl(position: 3, scenario: scenario, in: .usd) * -2.5
            #expect(isClose(after.pnl(position: 3, scenario: scenario, in: .usd), expected, relative: 1e-12))
        }
    }

    @Test func optionExpiringInsideTheStepIsWorthIntrinsic() throws {
        var book = ScenarioBook(indexPrices: [100_000], groupCount: 1)
        try book.append(
            .option(
                .call,
                settlement: .coin,
                underlying: 0,
                group: 0,
                quantity: 1,
                forward: 100_000,
                strike: 95_000,
                expiryYears: 0.5 / 365,
                vol: 0.5
            )
        )
        var set = try ScenarioSet(underlyingCount: 1, volShock: .absolute, volFloor: 0.01)
        try set.appendUniform(spotMove: 0.1, volShift: 0, timeStepYears: 1.0 / 365)
        var revaluation = ScenarioRevaluation()
        var pnl = ScenarioPnL(groupCount: 1, scenarioCount: 1)
        try revaluation.revalue(book, under: set, into: &pnl)
        let before = InverseOption.price(.call, forward: 100_000, strike: 95_000, expiryYears: 0.5 / 365, vol: 0.5)
        #expect(isClose(pnl.coin[0], (110_000 - 95_000) / 110_000 - before))
    }

    @Test func badInputsGetTypedErrors() throws {
        var book = ScenarioBook(indexPrices: [100_000], groupCount: 1)
        let good = ScenarioPosition.option(
            .call,
            settlement: .coin,
            underlying: 0,
            group: 0,
            quantity: 1,
            forward: 100_000,
            strike: 100_000,
            expiryYears: 0.1,
            vol: 0.5
        )
        var noVol = good
        noVol.vol = 0
        #expect(
            throws: ScenarioError.invalidPosition(
                position: 0,
                field: "vol",
                value: 0,
                reason: "must be positive and finite"
            )
        ) {
            try book.append(noVol)
        }
        var nanQuantity = good
        nanQuantity.quantity = .nan
        #expect(throws: ScenarioError.self) { try book.append(nanQuantity) }
        var otherUnderlying = good
        otherUnderlying.underlying = 1
        #expect(throws: ScenarioError.unknownUnderlying(position: 0, underlying: 1, underlyingCount: 1)) {
            try book.append(otherUnderlying)
        }
        var otherGroup = good
        otherGroup.group = 2
        #expect(throws: ScenarioError.unknownGroup(position: 0, group: 2, groupCount: 1)) {
            try book.append(otherGroup)
        }
        try book.append(good)
        var set = try ScenarioSet(underlyingCount: 1, volShock: .absolute, volFloor: 0.01)
        #expect(throws: ScenarioError.self) { try set.appendUniform(spotMove: -1, volShift: 0) }
        #expect(throws: ScenarioError.self) { try set.appendUniform(spotMove: 0, volShift: .infinity) }
        #expect(throws: ScenarioError.self) { try set.appendUniform(spotMove: 0, volShift: 0, timeStepYears: -1) }
        #expect(throws: ScenarioError.underlyingCountMismatch(expected: 1, actual: 2, context: "scenario 0 spot moves"))
        {
            try set.append(Scenario(spotMoves: [0, 0], volShifts: [0]))
        }
        #expect(throws: ScenarioError.self) {
            _ = try ScenarioSet(underlyingCount: 1, volShock: .absolute, volFloor: 0)
        }
        var badScaling = Self.scaling
        badScaling.pivotDays = -30
        #expect(throws: ScenarioError.self) {
            _ = try ScenarioSet(underlyingCount: 1, volShock: .vegaPower(badScaling), volFloor: 0.01)
        }
        try set.appendUniform(spotMove: 0.1, volShift: 0)
        var revaluation = ScenarioRevaluation()
        var wrongShape = ScenarioPnL(groupCount: 1, scenarioCount: 2)
        #expect(throws: ScenarioError.self) { try revaluation.revalue(book, under: set, into: &wrongShape) }
        var pnl = ScenarioPnL(groupCount: 1, scenarioCount: 1)
        #expect(throws: ScenarioError.scenarioRangeOutOfBounds(lower: 0, upper: 2, count: 1)) {
            try revaluation.revalue(book, under: set, range: 0..<2, into: &pnl)
        }
        let twoUnderlyings = try ScenarioSet(underlyingCount: 2, volShock: .absolute, volFloor: 0.01)
        #expect(throws: ScenarioError.self) { try revaluation.revalue(book, under: twoUnderlyings, into: &pnl) }
        #expect(throws: ScenarioError.invalidIndexPrice(underlying: 0, value: -1)) {
            try book.setIndexPrice(-1, underlying: 0)
        }
    }
}
