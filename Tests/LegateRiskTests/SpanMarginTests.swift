// Proves the SPAN-like model: a long future's risk array reproduces McMillan's S&P example (±1/3, ±2/3 and ±1 of the
// price scan range, the extreme move covered at 35%: ±3,333/6,667/10,000 and 7,000 on a 10,000 range; scan risk
// 10,000), calendar spreads pay the inter-month charge, and far out-of-the-money short options pay the short option
// minimum.

import LegateCore
import LegateModel
import Testing

@testable import LegateRisk

@Suite struct SpanMarginTests {
    /// The file's 16 scenarios with a 10% price scan range on BTC at 100,000: a $10,000 range per coin.
    static func parameters() throws -> SpanParameters {
        var span = try MarginModelFiles.span()
        span.underlyings["BTC"]?.priceScanRange = 0.10
        return span
    }

    static func market() throws -> MarketState {
        var market = MarketState(asOf: TestMarket.asOf)
        try market.setIndex(100_000, for: TestMarket.btc)
        try market.setFuture(100_000, for: TestMarket.btc, expiry: TestMarket.days(30))
        try market.setFuture(100_000, for: TestMarket.btc, expiry: TestMarket.days(90))
        market.setVolSurface(try TestMarket.flatSurface(vol: 0.6), for: TestMarket.btc)
        return market
    }

    @Test func longFutureRiskArrayMatchesMcMillan() throws {
        let future = TestMarket.position(
            .future(TestMarket.btc, expiry: TestMarket.days(30), settlement: .linear(.usd)),
            1
        )
        let report = try SpanMargin.evaluate([future], market: try Self.market(), parameters: try Self.parameters())
        let unit = try #require(report.units.first)
        // McMillan p.670 (rounded there to 3,330 and 6,670): gains positive in our convention.
        let expected: [Double] = [
            0, 0, 3_333.33, 3_333.33, -3_333.33, -3_333.33, 6_666.67, 6_666.67, -6_666.67, -6_666.67,
            10_000, 10_000, -10_000, -10_000, 20_000, -20_000,
        ]
        for (index, value) in expected.enumerated() {
            #expect(abs(unit.riskArray[index] - value) < 0.01, "scenario \(index + 1)")
        }
        // The extreme moves count 35%: 7,000.
        #expect(isClose(-unit.riskArray[15] * 0.35, 7_000))
        #expect(isClose(unit.scanRisk, 10_000) && unit.worstScenario == 12)
        #expect(unit.interMonthSpreadCharge == 0 && isClose(unit.requirement, 10_000))
    }

    @Test func calendarSpreadPaysTheInterMonthCharge() throws {
        let near = TestMarket.position(
            .future(TestMarket.btc, expiry: TestMarket.days(30), settlement: .linear(.usd)),
            2
        )
        let far = TestMarket.position(
            .future(TestMarket.btc, expiry: TestMarket.days(90), settlement: .linear(.usd)),
            -2
        )
        let parameters = try Self.parameters()
        let report = try SpanMargin.evaluate([near, far], market: try Self.market(), parameters: parameters)
        let unit = try #require(report.units.first)
        let rate = try parameters.parameters(for: "BTC").interMonthSpreadRate
        #expect(abs(unit.scanRisk) < 1e-6)
        #expect(isClose(unit.interMonthSpreadCharge, 2 * rate * 100_000))
        #expect(isClose(report.totalUSD, unit.requirement))
    }

    @Test func farOutOfTheMoneyShortOptionsPayTheShortOptionMinimum() throws {
        let short = TestMarket.position(TestMarket.option(.call, strike: 400_000, days: 7), -10)
        let parameters = try Self.parameters()
        let unit = try #require(
            try SpanMargin.evaluate([short], market: try Self.market(), parameters: parameters).units.first
        )
        let minimum = 10 * (try parameters.parameters(for: "BTC").shortOptionMinimumRate) * 100_000
        #expect(unit.scanRisk < minimum)
        #expect(isClose(unit.shortOptionMinimum, minimum) && isClose(unit.requirement, minimum))
    }

    @Test func badInputsGetTypedErrors() throws {
        let parameters = try Self.parameters()
        #expect(throws: MarginError.self) {
            _ = try SpanMargin.requirement(
                riskArray: ScenarioVector(count: 3),
                coin: "BTC",
                exposure: RiskUnitExposure(index: 1, deltaByExpiry: []),
                shortOptionCoins: 0,
                parameters: parameters
            )
        }
        #expect(throws: MarginError.missingUnderlying("SOL", model: "span-like")) {
            _ = try SpanMargin.scenarios(parameters, coins: ["SOL"])
        }
        #expect(try SpanMargin.evaluate([], market: try Self.market(), parameters: parameters).units.isEmpty)
    }
}
