// Proves the cross-margin views: per-account figures (available, utilisation), USD sums per venue and desk, sums per
// collateral currency, the house requirement replacing a desk's sum, and the liquidation move interpolated off the
// scenario curve, including one read from a portfolio-margin report; bad curves and missing prices are typed errors.

import LegateCore
import LegateModel
import Testing

@testable import LegateRisk

@Suite struct CrossMarginViewTests {
    let desk = DeskID(known: "options")

    @Test func liquidationMoveIsInterpolatedOffTheCurve() throws {
        let curve = try MoveCurve(moves: [-0.2, -0.1, 0, 0.1, 0.2], pnl: [2, 1, 0, -1, -2].map { Double($0) * 1.0 })
        // Equity 2, MM 0.4: the surplus of 1.6 is gone at +16% (between +10% and +20%), never on the way down.
        let moves = LiquidationMove.estimate(equity: 2, maintenance: 0.4, curve: curve)
        #expect(isClose(try #require(moves.up), 0.16) && moves.down == nil)
        #expect(LiquidationMove.estimate(equity: 0.3, maintenance: 0.4, curve: curve) == (0, 0))
        #expect(throws: MarginError.self) { _ = try MoveCurve(moves: [0, -0.1], pnl: [0, 0]) }
        #expect(throws: MarginError.self) { _ = try MoveCurve(moves: [0], pnl: []) }
    }

    @Test func viewsPerAccountVenueCurrencyAndDesk() throws {
        let coinCurve = try MoveCurve(moves: [-0.1, 0, 0.1], pnl: [0.5, 0, -0.5])
        let usdCurve = try MoveCurve(moves: [-0.1, 0, 0.1], pnl: [-10_000, 0, 10_000])
        let accounts = [
            MarginAccountState(
                account: TestMarket.account,
                venue: .deribit,
                desk: desk,
                equity: Money(2, .btc),
                requirement: MarginRequirement(initial: 0.5, maintenance: 0.4),
                curve: coinCurve
            ),
            MarginAccountState(
                account: TestMarket.otherAccount,
                venue: .deribit,
                desk: desk,
                equity: Money(50_000, .usdc),
                requirement: MarginRequirement(initial: 10_000, maintenance: 8_000),
                curve: usdCurve
            ),
        ]
        let views = try CrossMarginViews.make(accounts: accounts, usdPrices: [.btc: 100_000, .usdc: 1])
        #expect(views.map(\.scope.description).count == 6)
        let first = views[0]
        #expect(first.available == 1.5 && first.initialUtilisation == 0.25 && first.maintenanceUtilisation == 0.2)
        let venue = try #require(views.first { $0.scope == .venue(.deribit) })
        #expect(venue.currency == .usd && isClose(venue.equity, 250_000) && isClose(venue.requirement.initial, 60_000))
        // The BTC account's P&L at +10% is (2 − 0.5)·110,000 − 200,000 = −35,000 USD and the USDC one's +10,000: the
        // desk loses 25,000 of a 202,000 surplus over maintenance, so no move on the grid liquidates it.
        let deskView = try #require(views.first { $0.scope == .desk(desk) })
        #expect(isClose(deskView.requirement.maintenance, 48_000))
        #expect(deskView.liquidationMoveUp == nil && deskView.liquidationMoveDown == nil)
        let btcView = try #require(views.first { $0.scope == .settlementCurrency(.btc) })
        #expect(btcView.equity == 2 && btcView.requirement == MarginRequirement(initial: 0.5, maintenance: 0.4))
        // A house requirement replaces the desk's sum.
        let house = CrossMarginViews.HouseFigures(
            requirement: MarginRequirement(initial: 1_000, maintenance: 800),
            curve: nil
        )
        let withHouse = try CrossMarginViews.make(
            accounts: accounts,
            usdPrices: [.btc: 100_000, .usdc: 1],
            house: [desk: house]
        )
        let houseView = try #require(withHouse.first { $0.scope == .desk(desk) })
        #expect(houseView.requirement.initial == 1_000 && isClose(houseView.equity, 250_000))
        #expect(throws: MarginError.missingConversion(currency: "USDC")) {
            _ = try CrossMarginViews.make(accounts: accounts, usdPrices: [.btc: 100_000])
        }
    }

    @Test func coinCurveConvertsToUSDAtTheMovedIndex() throws {
        let curve = try MoveCurve(moves: [-0.1, 0, 0.1], pnl: [0.5, 0, -0.5])
        let usd = curve.convertedToUSD(coinEquity: 2, index: 100_000)
        #expect(isClose(usd.pnl[2], 1.5 * 110_000 - 200_000) && isClose(usd.pnl[0], 2.5 * 90_000 - 200_000))
        #expect(usd.pnl[1] == 0)
    }

    @Test func liquidationMoveOfAShortPerpetualReadOffThePortfolioMarginGrid() throws {
        // A short inverse perpetual of 20 coin equivalents in an account holding 3 BTC
        let market = try TestMarket.market()
        let parameters = try MarginModelFiles.portfolio()
        let perpetual = TestMarket.position(.perpetual(TestMarket.btc, settlement: .inverse(.btc)), -2_000_400)
        let report = try PortfolioMargin.evaluate(
            [perpetual],
            market: market,
            parameters: parameters,
            mode: .segregated
        )
        let unit = try #require(report.units.first)
        let curve = try MoveCurve(grid: report.grid, slot: unit.slot, pnl: unit.pnl)
        let view = MarginView(
            scope: .account(TestMarket.account, .deribit),
            currency: .btc,
            equity: 3,
            requirement: unit.result.requirement,
            curve: curve
        )
        // Coin P&L −20·(1 − 1/(1+m)) reaches 3 − MM between grid points; check against the closed form.
        let surplus = 3 - unit.result.requirement.maintenance
        let exact = 1 / (1 - surplus / 20) - 1
        let up = try #require(view.liquidationMoveUp)
        #expect(abs(up - exact) < 0.005 && view.liquidationMoveDown == nil)
    }
}
