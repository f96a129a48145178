// Proves the standard margin model against Deribit's published worked examples for linear perpetuals and the
// historical inverse-future rule (risk-methodology §1.2), and the §1.1 option formulas on hand-computed cases, with
// every coefficient read from Models/margin/deribit-standard.json.

import LegateCore
import LegateModel
import LegatePricing
import Testing

@testable import LegateRisk

@Suite struct MarginStandardTests {
    let parameters: StandardMarginParameters

    init() throws {
        parameters = try MarginModelFiles.standard()
    }

    func perpetual(_ coin: String, coins: Double, index: Double) throws -> MarginRequirement {
        try StandardMargin.deltaOne(
            .perpetual,
            coin: coin,
            settlement: .usd,
            coins: coins,
            index: index,
            parameters: parameters
        )
    }

    @Test func linearPerpetualWorkedExamples() throws {
        // Deribit "Linear Perpetual" support page, at an index of 100,000 (BTC) and 200 (SOL).
        let btc = try parameters.rule(base: "BTC", settlement: .usd, kind: .perpetual)
        #expect(isClose(btc.rates(coins: 25).initial, 0.021_25))
        #expect(isClose(btc.rates(coins: 350).initial, 0.0375))
        #expect(isClose(btc.rates(coins: 25).maintenance, 0.011_25))
        #expect(isClose(try perpetual("BTC", coins: 25, index: 100_000).initial, 53_125))
        #expect(isClose(try perpetual("BTC", coins: -350, index: 100_000).initial, 1_312_500))
        #expect(isClose(try perpetual("BTC", coins: 25, index: 100_000).maintenance, 28_125))
        let sol = try parameters.rule(base: "SOL", settlement: .usd, kind: .perpetual)
        #expect(isClose(sol.rates(coins: 25).initial, 0.040_125))
        #expect(isClose(try perpetual("SOL", coins: 25, index: 200).initial, 200.625))
        #expect(isClose(sol.rates(coins: 6_000).initial, 0.07))
        #expect(isClose(try perpetual("SOL", coins: 6_000, index: 200).initial, 84_000))
    }

    @Test func inverseFutureWorkedExamples() throws {
        // Deribit's historical futures page: 2% + 0.5% per 100 BTC; 25 BTC → 0.53125 BTC, 350 BTC → 13.125 BTC.
        let small = try StandardMargin.deltaOne(
            .future,
            coin: "BTC",
            settlement: .coin,
            coins: 25,
            index: 100_000,
            parameters: parameters
        )
        let large = try StandardMargin.deltaOne(
            .future,
            coin: "BTC",
            settlement: .coin,
            coins: -350,
            index: 100_000,
            parameters: parameters
        )
        #expect(isClose(small.initial, 0.531_25) && isClose(large.initial, 13.125))
        #expect(throws: MarginError.missingDeltaOneRule(base: "ETH", settlement: .usd, kind: "future")) {
            _ = try StandardMargin.deltaOne(
                .future,
                coin: "ETH",
                settlement: .usd,
                coins: 1,
                index: 3_000,
                parameters: parameters
            )
        }
    }

    func option(_ right: OptionRight, _ quantity: Double, mark: Double, strike: Double) -> MarginRequirement {
        StandardMargin.option(
            right,
            quantity: quantity,
            mark: mark,
            strike: strike,
            underlyingPrice: 100_000,
            settlement: .coin,
            parameters: parameters
        )
    }

    @Test func inverseOptionFormulasOnHandComputedCases() {
        // Short call 20% OTM, mark 0.01: IM max(0.15 − 0.2, 0.1) + 0.01 = 0.11, MM 0.075 + 0.01 = 0.085 per coin.
        let otmCall = option(.call, -2, mark: 0.01, strike: 120_000)
        #expect(isClose(otmCall.initial, 0.22) && isClose(otmCall.maintenance, 0.17))
        // At the money, mark 0.05: IM 0.15 + 0.05.
        #expect(isClose(option(.call, -1, mark: 0.05, strike: 100_000).initial, 0.2))
        // Short put 10% OTM, mark 0.02: IM max(0.05, 0.1) + 0.02 = 0.12; MM max(0.075, 0.0015) + 0.02 = 0.095.
        let otmPut = option(.put, -1, mark: 0.02, strike: 90_000)
        #expect(isClose(otmPut.initial, 0.12) && isClose(otmPut.maintenance, 0.095))
        // Deep in-the-money put worth 3 coin: MM max(0.075, 0.225) + 3 = 3.225 exceeds 0.15 + 3, so IM = MM.
        let deepPut = option(.put, -1, mark: 3, strike: 400_000)
        #expect(isClose(deepPut.maintenance, 3.225) && isClose(deepPut.initial, 3.225))
        // Long options carry no margin beyond their premium.
        #expect(option(.call, 5, mark: 0.05, strike: 100_000) == .zero)
    }

    @Test func linearOptionUsesTheSameFormInUSD() {
        let margin = StandardMargin.option(
            .call,
            quantity: -1,
            mark: 1_000,
            strike: 120_000,
            underlyingPrice: 100_000,
            settlement: .usd,
            parameters: parameters
        )
        #expect(isClose(margin.initial, 11_000) && isClose(margin.maintenance, 8_500))
    }

    @Test func bookedPositionsUseModelMarksAndSumPerCurrency() throws {
        let market = try TestMarket.market()
        let instrument = TestMarket.option(.call, strike: 110_000)
        let short = TestMarket.position(instrument, -3)
        let years = TestMarket.asOf.years(until: TestMarket.days(30))
        let mark = InverseOption.price(.call, forward: 100_500, strike: 110_000, expiryYears: years, vol: 0.6)
        let expected = StandardMargin.option(
            .call,
            quantity: -3,
            mark: mark,
            strike: 110_000,
            underlyingPrice: 100_500,
            settlement: .coin,
            parameters: parameters
        )
        #expect(try StandardMargin.requirement(short, market: market, parameters: parameters) == expected)
        let perpetual = TestMarket.position(.perpetual(TestMarket.btc, settlement: .inverse(.btc)), 2_500_500)
        let totals = try StandardMargin.requirements([short, perpetual], market: market, parameters: parameters)
        let perpetualMargin = try StandardMargin.deltaOne(
            .perpetual,
            coin: "BTC",
            settlement: .coin,
            coins: 2_500_500 / 100_020,
            index: 100_000,
            parameters: parameters
        )
        #expect(isClose(try #require(totals[.btc]).initial, expected.initial + perpetualMargin.initial))
    }
}
