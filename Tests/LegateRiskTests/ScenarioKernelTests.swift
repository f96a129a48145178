// Proves the scenario kernel under ScenarioRevaluation: every position's P&L equals a per-option repricing with the
// scalar Black-76 pricer (and intrinsic value for options that expire inside the step) to 1e-9 relative, on seeded
// random books, under all three vol-shock rules, with time steps, base scenarios and blocks of more than 64 scenarios;
// every figure has the same bits however the scenarios are split into ranges; and the kernel's portable and AVX2
// builds agree bit for bit.

import CLegatePricingKernel
import Foundation
import LegateModel
import LegatePricing
import Testing

@testable import LegateRisk

@Suite struct ScenarioKernelTests {
    /// A random book of options only (with rates, so discounting moves with the time step), `underlyings` underlyings
    /// and one group per underlying; expiries from half a day, so a one-day step settles some.
    static func optionBook(seed: UInt64, options: Int, underlyings: Int = 3) throws -> ScenarioBook {
        var random = SplitMix64(state: seed)
        let indices = (0..<underlyings).map { 100_000 / Double(1 + 30 * $0) }
        var book = ScenarioBook(indexPrices: indices, groupCount: underlyings)
        for _ in 0..<options {
            let underlying = random.below(underlyings)
            let expiry = random.uniform(0.5 / 365, 2)
            let forward = indices[underlying] * (1 + 0.05 * expiry)
            try book.append(
                .option(
                    random.next() < 0.5 ? .call : .put,
                    settlement: random.next() < 0.6 ? .coin : .usd,
                    underlying: underlying,
                    group: underlying,
                    quantity: random.uniform(-50, 50),
                    forward: forward,
                    strike: forward * random.uniform(0.3, 2.5),
                    expiryYears: expiry,
                    vol: random.uniform(0.05, 2),
                    rate: random.uniform(-0.01, 0.08)
                )
            )
        }
        return book
    }

    /// `count` random scenarios: moves of ±60 %, shifts of ±0.4, a time step of 0 or one day, every tenth one the base
    /// market, and runs of equal shifts as a margin grid has.
    static func randomScenarios(seed: UInt64, count: Int, underlyings: Int, rule: VolShockRule) throws -> ScenarioSet {
        var random = SplitMix64(state: seed)
        var set = try ScenarioSet(underlyingCount: underlyings, volShock: rule, volFloor: 0.02)
        var shifts = [Double](repeating: 0, count: underlyings)
        for index in 0..<count {
            if index % 10 == 0 {
                try set.appendUniform(spotMove: 0, volShift: 0)
                continue
            }
            if index % 3 == 0 { shifts = (0..<underlyings).map { _ in random.uniform(-0.4, 0.4) } }
            try set.append(
                Scenario(
                    spotMoves: (0..<underlyings).map { _ in random.uniform(-0.6, 0.6) },
                    volShifts: shifts,
                    timeStepYears: index % 7 < 3 ? 1.0 / 365 : 0
                )
            )
        }
        return set
    }

    /// The shocked vol by the rule's definition (`VolShockRule`), independently of the revaluation's columns.
    static func shockedVol(_ vol: Double, expiryYears: Double, shift: Double, set: ScenarioSet) -> Double {
        let moved: Double
        switch set.volShock {
        case .absolute:
            moved = vol + shift
        case .relative:
            moved = vol * (1 + shift)
        case .vegaPower(let scaling):
            let days = expiryYears * 365.25
            let power = days < scaling.pivotDays ? scaling.shortTermPower : scaling.longTermPower
            let scale = Foundation.pow(scaling.pivotDays / max(scaling.minimumDays, days), power)
            let base = shift > 0 ? max(vol, scaling.minimumVolForShockUp) : vol
            moved = vol + base * shift * scale
        }
        return max(min(set.volFloor, vol), moved)
    }

    /// One option's USD value per coin of quantity, by the scalar pricer: Black-76 on the shocked forward and vol, or
    /// intrinsic on the shocked forward once the step reaches expiry.
    static func scalarValue(_ position: ScenarioPosition, set: ScenarioSet, scenario: Int?) -> Double {
        let move = scenario.map { set.spotMove(scenario: $0, underlying: position.underlying) } ?? 0
        let shift = scenario.map { set.volShift(scenario: $0, underlying: position.underlying) } ?? 0
        let step = scenario.map { set.timeSteps[$0] } ?? 0
        let forward = position.forward * (1 + move)
        let right: OptionRight = position.kind == .option(.call) ? .call : .put
        guard position.expiryYears > step else {
            return right == .call ? max(forward - position.strike, 0) : max(position.strike - forward, 0)
        }
        let vol = shockedVol(position.vol, expiryYears: position.expiryYears, shift: shift, set: set)
        return Black76.price(
            right,
            forward: forward,
            strike: position.strike,
            expiryYears: position.expiryYears - step,
            rate: position.rate,
            vol: vol
        )
    }

    /// Per-position P&L against the scalar repricing of each option, in USD and in coin: 1e-9 relative, with an
    /// absolute floor of 1e-12 of the position's notional for P&L that cancels to almost nothing.
    @Test(arguments: [VolShockRule.absolute, .relative, .vegaPower(ScenarioRevaluationTests.scaling)])
    func positionsMatchScalarRepricing(rule: VolShockRule) throws {
        let book = try Self.optionBook(seed: 41, options: 403)
        let set = try Self.randomScenarios(seed: 43, count: 150, underlyings: 3, rule: rule)
        var revaluation = ScenarioRevaluation()
        var pnl = PositionScenarioPnL(positionCount: book.count, scenarioCount: set.count)
        try revaluation.revaluePositions(book, under: set, into: &pnl)
        var worst = 0.0
        for id in 0..<book.count {
            let position = book.position(id)
            let index = book.indexPrices[position.underlying]
            let perCoin =
                position.settlement == .coin ? position.quantity * index / position.forward : position.quantity
            let base = perCoin * Self.scalarValue(position, set: set, scenario: nil)
            let floor = 1e-12 * abs(position.quantity) * position.forward
            for scenario in 0..<set.count {
                let multiplier = 1 + set.spotMove(scenario: scenario, underlying: position.underlying)
                let value = perCoin * Self.scalarValue(position, set: set, scenario: scenario)
                let usd = pnl.pnl(position: id, scenario: scenario, in: .usd)
                let coin = pnl.pnl(position: id, scenario: scenario, in: .coin)
                let expectedCoin = value / (index * multiplier) - base / index
                #expect(isClose(usd, value - base, relative: 1e-9, absolute: floor))
                #expect(isClose(coin, expectedCoin, relative: 1e-9, absolute: floor / index))
                worst = max(worst, abs(usd - (value - base)) / max(abs(value - base), floor))
            }
        }
        #expect(worst < 1e-9, "worst relative difference \(worst)")
    }

    /// Group sums against the sum of the scalar repricings, over a mixed book with delta-one rows.
    @Test func groupsMatchScalarRepricing() throws {
        var book = try Self.optionBook(seed: 47, options: 257)
        try book.append(
            ScenarioPosition(kind: .perpetual, settlement: .coin, underlying: 1, group: 1, quantity: -7, forward: 3_300)
        )
        let set = try Self.randomScenarios(seed: 53, count: 90, underlyings: 3, rule: .absolute)
        var revaluation = ScenarioRevaluation()
        var groups = ScenarioPnL(groupCount: 3, scenarioCount: set.count)
        try revaluation.revalue(book, under: set, into: &groups)
        for group in 0..<3 {
            for scenario in 0..<set.count {
                var expected = 0.0
                var notional = 0.0
                for id in 0..<book.count where book.position(id).group == group {
                    let position = book.position(id)
                    let move = set.spotMove(scenario: scenario, underlying: position.underlying)
                    notional += abs(position.quantity) * position.forward
                    guard position.kind.isOption else {
                        expected += position.quantity * book.indexPrices[position.underlying] * move
                        continue
                    }
                    let index = book.indexPrices[position.underlying]
                    let perCoin =
                        position.settlement == .coin ? position.quantity * index / position.forward : position.quantity
                    expected +=
                        perCoin
                        * (Self.scalarValue(position, set: set, scenario: scenario)
                            - Self.scalarValue(position, set: set, scenario: nil))
                }
                let usd = groups.pnl(group: group, scenario: scenario, in: .usd)
                #expect(isClose(usd, expected, relative: 1e-9, absolute: 1e-12 * notional))
            }
        }
    }

    /// Revaluing the scenarios in ranges of any size (blocks cut at other places, single scenarios) gives every figure
    /// the bits of one whole run: a scenario's value does not depend on its neighbours.
    @Test func rangesGiveTheBitsOfOneRun() throws {
        let book = try randomScenarioBook(seed: 59, options: 311, deltaOnes: 20, underlyings: 2)
        let set = try Self.randomScenarios(
            seed: 61,
            count: 200,
            underlyings: 2,
            rule: .vegaPower(ScenarioRevaluationTests.scaling)
        )
        var revaluation = ScenarioRevaluation()
        var whole = ScenarioPnL(groupCount: 2, scenarioCount: set.count)
        try revaluation.revalue(book, under: set, into: &whole)
        var wholePositions = PositionScenarioPnL(positionCount: book.count, scenarioCount: set.count)
        try revaluation.revaluePositions(book, under: set, into: &wholePositions)
        for range in [0..<1, 1..<66, 66..<67, 67..<129, 129..<200] {
            var part = ScenarioPnL(groupCount: 2, scenarioCount: range.count)
            try revaluation.revalue(book, under: set, range: range, into: &part)
            var positions = PositionScenarioPnL(positionCount: book.count, scenarioCount: range.count)
            try revaluation.revaluePositions(book, under: set, range: range, into: &positions)
            for (column, scenario) in range.enumerated() {
                for group in 0..<2 {
                    for numeraire in Numeraire.allCases {
                        #expect(
                            part.pnl(group: group, scenario: column, in: numeraire)
                                == whole.pnl(group: group, scenario: scenario, in: numeraire)
                        )
                    }
                }
                for id in 0..<book.count {
                    #expect(
                        positions.pnl(position: id, scenario: column, in: .usd)
                            == wholePositions.pnl(position: id, scenario: scenario, in: .usd)
                    )
                }
            }
        }
    }

    /// The portable build (forced) and the build this CPU runs (AVX2 where it has it) give the same bits, for sums and
    /// for row values, including rows that do not fill a vector.
    @Test func kernelBuildsAgreeBitForBit() throws {
        let book = try Self.optionBook(seed: 67, options: 1_001, underlyings: 1)
        var random = SplitMix64(state: 71)
        var set = try ScenarioSet(underlyingCount: 1, volShock: .absolute, volFloor: 0.02)
        for index in 0..<ScenarioBlock.capacity {
            try set.appendUniform(
                spotMove: random.uniform(-0.6, 0.6),
                volShift: index % 4 == 0 ? 0 : random.uniform(-0.4, 0.4)
            )
        }
        var revaluation = ScenarioRevaluation()
        var pnl = ScenarioPnL(groupCount: 1, scenarioCount: set.count)
        try revaluation.revalue(book, under: set, into: &pnl)
        let rows = revaluation.rows
        let block = revaluation.block
        let count = rows.count
        var fast = [Double](repeating: 0, count: block.count * count)
        var portable = fast
        var fastSums = [Double](repeating: 0, count: block.count)
        var portableSums = fastSums
        rows.withKernelRows { kernel in
            block.withShocks(underlying: 0) { shocks in
                fast.withUnsafeMutableBufferPointer {
                    legate_kernel_scenario_values(kernel, 3, count, shocks, $0.baseAddress, count)
                }
                portable.withUnsafeMutableBufferPointer {
                    legate_kernel_scenario_values_portable(kernel, 3, count, shocks, $0.baseAddress, count)
                }
                fastSums.withUnsafeMutableBufferPointer {
                    legate_kernel_scenario_sums(kernel, 3, count, shocks, $0.baseAddress)
                }
                portableSums.withUnsafeMutableBufferPointer {
                    legate_kernel_scenario_sums_portable(kernel, 3, count, shocks, $0.baseAddress)
                }
            }
        }
        #expect(block.count == ScenarioBlock.capacity)
        #expect(fast.map(\.bitPattern) == portable.map(\.bitPattern))
        #expect(fastSums.map(\.bitPattern) == portableSums.map(\.bitPattern))
        #expect(fast.contains { $0 != 0 })
    }
}
