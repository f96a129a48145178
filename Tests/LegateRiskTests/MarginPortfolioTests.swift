// Proves the risk-matrix portfolio margin (risk-methodology §1.3): the grid's shape and order, the extended-move
// fraction that gives a perpetual its ±R value, the perpetual roll shock, MM = mmFactor × IM, the positive-P&L
// offset, and two properties on seeded random spreads: a defined-risk spread's margin is below the sum of its legs'
// naked standard margins and never below its worst loss over the grid. Cross-collateral and the house model net
// what segregated venue accounts cannot.

import LegateCore
import LegateModel
import Testing

@testable import LegateRisk

@Suite struct MarginPortfolioTests {
    let parameters: PortfolioMarginParameters

    init() throws {
        parameters = try MarginModelFiles.portfolio()
    }

    @Test func gridIsBucketMajorWithExtendedMovesLast() throws {
        let grid = try MarginGrid(parameters: parameters, coins: ["BTC", "ETH"])
        #expect(grid.points.count == 35 && grid.standardCount == 27)
        #expect(grid.points[0] == MarginGrid.Point(step: -4, extendedIndex: nil, vol: .up))
        #expect(grid.points[13] == MarginGrid.Point(step: 0, extendedIndex: nil, vol: .same))
        #expect(isClose(grid.scenarios.spotMove(scenario: 0, underlying: 0), -0.16))
        #expect(isClose(grid.scenarios.spotMove(scenario: 0, underlying: 1), -0.18))
        #expect(isClose(grid.scenarios.spotMove(scenario: 3, underlying: 0), -0.12))
        #expect(grid.scenarios.volShift(scenario: 0, underlying: 0) == 0.5)
        #expect(grid.scenarios.volShift(scenario: 0, underlying: 1) == 0.4)
        #expect(grid.scenarios.volShift(scenario: 2, underlying: 0) == -0.25)
        #expect(grid.points[27...].allSatisfy { $0.isExtended && $0.vol == .up })
        #expect(grid.scenarios.spotMove(scenario: 34, underlying: 0) == 5)
        #expect(grid.flatVolCurve(slot: 0).map(\.move).count == 9)
    }

    @Test func perpetualReadsItsBoundaryValueInTheExtendedTableAndPaysTheRollShock() throws {
        // Given a short inverse perpetual of 10 coin equivalents, margined in coin
        let market = try TestMarket.market()
        let perpetual = TestMarket.position(.perpetual(TestMarket.btc, settlement: .inverse(.btc)), -1_000_200)
        let report = try PortfolioMargin.evaluate(
            [perpetual],
            market: market,
            parameters: parameters,
            mode: .segregated
        )
        let unit = try #require(report.unit(RiskUnitKey(coin: "BTC", numeraire: .coin)))
        let btc = try parameters.parameters(for: "BTC")
        // Then each extended entry, before the dampener, equals the ±16% entry (vol does not move a perpetual)
        for scenario in 27..<35 {
            let move = report.grid.scenarios.spotMove(scenario: scenario, underlying: 0)
            var undamped = btc
            undamped.coin.extendedDampenerUSD = 0
            let scaled = PortfolioMargin.extended(
                unit.pnl[scenario],
                move: move,
                undamped,
                undamped.coin,
                numeraire: .coin,
                index: 100_000
            )
            let boundary = unit.pnl[move < 0 ? 1 : 25]
            #expect(isClose(scaled, boundary, relative: 1e-12))
        }
        // And the roll shock is |q|·min_annualised_move, MM = 0.8·IM
        #expect(isClose(unit.result.rollShock, 10 * 0.01))
        #expect(unit.result.deltaShock == 0)
        #expect(isClose(unit.result.worstCase, 10 * (1 - 1 / 1.16)))
        #expect(isClose(unit.result.requirement.maintenance, 0.8 * unit.result.requirement.initial))
        #expect(isClose(report.totalUSD.initial, unit.result.requirement.initial * 100_000))
    }

    @Test func positiveEntriesCountOnlyTheirOffsetShare() throws {
        let eth = try parameters.parameters(for: "ETH")
        #expect(PortfolioMargin.offset(10, eth.coin) == 6)
        #expect(PortfolioMargin.offset(10, eth.usd) == 4)
        #expect(PortfolioMargin.offset(5_000_000, eth.usd) == 1_000_000)
        #expect(PortfolioMargin.offset(10, try parameters.parameters(for: "BTC").coin) == 0)
    }

    @Test func dampenerReducesExtendedLossesButNeverTurnsThemIntoGains() throws {
        let btc = try parameters.parameters(for: "BTC")
        // At +500%: (5/0.16 − 1)·25,000 USD = 756,250 USD of loss forgiven in a USD unit.
        let small = PortfolioMargin.extended(-1_000_000, move: 5, btc, btc.usd, numeraire: .usd, index: 100_000)
        #expect(small == 0)
        let large = PortfolioMargin.extended(-100_000_000, move: 5, btc, btc.usd, numeraire: .usd, index: 100_000)
        #expect(isClose(large, -100_000_000 * 0.16 / 5 + 756_250))
    }

    /// A random defined-risk spread on BTC inverse options: a call or put vertical, or an iron condor.
    static func spread(_ random: inout SplitMix64) -> [Position] {
        let width = Int64(random.uniform(2_500, 8_000) / 500) * 500
        let size = Quantity(FixedDecimal(Int64(random.uniform(1, 20))))
        let days = [7, 30, 60][random.below(3)]
        let callShort = Int64(random.uniform(100_000, 115_000) / 500) * 500
        let putShort = Int64(random.uniform(85_000, 100_000) / 500) * 500
        let calls = [
            TestMarket.position(TestMarket.option(.call, strike: callShort, days: days), -size),
            TestMarket.position(TestMarket.option(.call, strike: callShort + width, days: days), size),
        ]
        let puts = [
            TestMarket.position(TestMarket.option(.put, strike: putShort, days: days), -size),
            TestMarket.position(TestMarket.option(.put, strike: putShort - width, days: days), size),
        ]
        switch random.below(3) {
        case 0: return calls
        case 1: return puts
        default: return calls + puts
        }
    }

    @Test(arguments: [11, 12, 13, 14, 15, 16, 17, 18] as [UInt64])
    func definedRiskSpreadMarginIsBelowNakedLegsAndAboveWorstLoss(seed: UInt64) throws {
        var random = SplitMix64(state: seed)
        let market = try TestMarket.market()
        let standard = try MarginModelFiles.standard()
        for _ in 0..<10 {
            let legs = Self.spread(&random)
            let report = try PortfolioMargin.evaluate(legs, market: market, parameters: parameters, mode: .segregated)
            let unit = try #require(report.units.first)
            var naked = 0.0
            for leg in legs {
                naked += try StandardMargin.requirement(leg, market: market, parameters: standard).initial
            }
            #expect(unit.result.requirement.initial < naked, "\(legs.map(\.key.instrument))")
            let worstStandardLoss = -(unit.pnl.values[0..<report.grid.standardCount].min() ?? 0)
            #expect(unit.result.requirement.initial >= worstStandardLoss, "\(legs.map(\.key.instrument))")
        }
    }

    @Test func crossCollateralNetsWhatSegregatedAccountsCannot() throws {
        // A short inverse call and a long USDC-settled call on the same strike and expiry
        let market = try TestMarket.market()
        let legs = [
            TestMarket.position(TestMarket.option(.call, strike: 105_000), -5),
            TestMarket.position(TestMarket.option(.call, strike: 105_000, settlement: .linear(.usdc)), 5),
        ]
        let segregated = try PortfolioMargin.evaluate(legs, market: market, parameters: parameters, mode: .segregated)
        let cross = try PortfolioMargin.evaluate(legs, market: market, parameters: parameters, mode: .crossCollateral)
        #expect(segregated.units.count == 2 && cross.units.count == 1)
        #expect(cross.totalUSD.initial < 0.2 * segregated.totalUSD.initial)
    }

    @Test func houseModelNetsAcrossVenues() throws {
        let market = try TestMarket.market()
        let house = try MarginModelFiles.house()
        let instrument = TestMarket.option(.put, strike: 95_000)
        let deribit = TestMarket.position(instrument, -4, venue: .deribit)
        let okx = TestMarket.position(instrument, 4, venue: .okx, account: TestMarket.otherAccount)
        let onDeribit = try PortfolioMargin.evaluate(
            [deribit],
            market: market,
            parameters: parameters,
            mode: .segregated
        )
        let desk = try HouseMargin.evaluate(deskPositions: [deribit, okx], market: market, parameters: house)
        #expect(onDeribit.totalUSD.initial > 0)
        #expect(abs(desk.totalUSD.initial) < 1e-6)
        #expect(desk.grid.scenarios.count == 63)
    }

    @Test func emptyBooksAndBadInputs() throws {
        let market = try TestMarket.market()
        let empty = try PortfolioMargin.evaluate([], market: market, parameters: parameters, mode: .segregated)
        #expect(empty.units.isEmpty && empty.totalUSD == .zero)
        var sol = MarketState(asOf: TestMarket.asOf)
        let solana = Underlying(base: Asset(known: "SOL"), quote: .usd)
        try sol.setIndex(200, for: solana)
        let perpetual = TestMarket.position(.perpetual(solana, settlement: .linear(.usdc)), 10)
        #expect(throws: MarginError.missingUnderlying("SOL", model: "deribit-portfolio")) {
            _ = try PortfolioMargin.evaluate([perpetual], market: sol, parameters: parameters, mode: .segregated)
        }
        let grid = try MarginGrid(parameters: parameters, coins: ["BTC"])
        #expect(throws: MarginError.self) {
            _ = try PortfolioMargin.evaluate(
                ScenarioVector(count: 3),
                grid: grid,
                slot: 0,
                numeraire: .coin,
                exposure: RiskUnitExposure(index: 100_000, deltaByExpiry: []),
                mmFactor: 0.8
            )
        }
        var mismatched = parameters
        mismatched.underlyings["ETH"]?.bucketsPerSide = 5
        #expect(throws: MarginError.self) { _ = try MarginGrid(parameters: mismatched, coins: ["BTC", "ETH"]) }
    }

    @Test func gateStyleIncrementalVectorsEqualTheFullComputation() throws {
        // The gate keeps the book's vector and adds an order's legs' vectors; margin read off the sum must equal the
        // margin of the positions after the order computed from scratch.
        let market = try TestMarket.market()
        let book = [
            TestMarket.position(TestMarket.option(.call, strike: 110_000), -10),
            TestMarket.position(.perpetual(TestMarket.btc, settlement: .inverse(.btc)), 300_060),
        ]
        let order = [TestMarket.position(TestMarket.option(.call, strike: 115_000), 10)]
        let before = try PortfolioMargin.evaluate(book, market: market, parameters: parameters, mode: .segregated)
        let legs = try PortfolioMargin.evaluate(order, market: market, parameters: parameters, mode: .segregated)
        let after = try PortfolioMargin.evaluate(
            book + order,
            market: market,
            parameters: parameters,
            mode: .segregated
        )
        let bookUnit = try #require(before.units.first)
        let legUnit = try #require(legs.units.first)
        var vector = bookUnit.pnl
        vector.add(legUnit.pnl)
        var exposure = bookUnit.exposure
        for leg in order { exposure.add(try PositionRisk(leg, market: market)) }
        let incremental = try PortfolioMargin.evaluate(
            vector,
            grid: before.grid,
            slot: 0,
            numeraire: .coin,
            exposure: exposure,
            mmFactor: parameters.mmFactor
        )
        let full = try #require(after.units.first).result
        #expect(isClose(incremental.requirement.initial, full.requirement.initial, relative: 1e-12))
        #expect(incremental.worstScenario == full.worstScenario)
    }
}
