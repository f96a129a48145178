// The margin models the gate reads per account: account model names and their errors; standard margin as the
// gate's per-side quadratic equals StandardMargin at every size; portfolio margin's delta shock and dated roll shock
// computed by hand; and the SPAN covered write of McMillan (the reference's §3 / §7 example) to its published scan
// risk of 6,620.

import LegateCore
import LegateModel
import Testing

@testable import LegateRisk

@Suite struct GateMarginModelTests {
    @Test func accountModelNamesParseAndABadOneNamesTheAccountAndTheValue() throws {
        #expect(try AccountMarginModel(parsing: "standard", account: "VOL-1") == .standard)
        #expect(try AccountMarginModel(parsing: "portfolio", account: "VOL-1") == .portfolio)
        #expect(try AccountMarginModel(parsing: "span", account: "VOL-1") == .span)
        #expect(AccountMarginModel.unnamed == .standard)
        #expect(throws: AccountMarginModelError(account: "VOL-2", value: "risk-matrix")) {
            try AccountMarginModel(parsing: "risk-matrix", account: "VOL-2")
        }
        let error = AccountMarginModelError(account: "VOL-2", value: "risk-matrix")
        #expect(
            error.description
                == "accounts.VOL-2.margin_model: \"risk-matrix\" is not a margin model (one of standard, portfolio, span)"
        )
    }

    static func gateModel() throws -> PortfolioRiskModel {
        var market = MarketState(asOf: TestMarket.asOf)
        try market.setIndex(100_000, for: TestMarket.btc)
        try market.setFuture(101_000, for: TestMarket.btc, expiry: TestMarket.days(30))
        market.setVolSurface(try TestMarket.flatSurface(vol: 0.6), for: TestMarket.btc)
        var scenarios = try ScenarioSet(underlyingCount: 1, volShock: .absolute, volFloor: 0.01)
        for step in 0..<1_000 {
            try scenarios.append(spotMoves: [Double(step - 500) / 10_000], volShifts: [0], timeStepYears: 0)
        }
        return try PortfolioRiskModel(
            market: market,
            marginParameters: try MarginModelFiles.portfolio(),
            coins: ["BTC"],
            tail: try VaRScenarioSet(scenarios: scenarios, varConfidence: 0.99, esConfidence: 0.975),
            buckets: try ExpiryBuckets(upperBoundsDays: [7, 45, 120]),
            bucketLabels: ["0-7d", "7-45d", "45-120d", "120d+"],
            margins: GateMarginParameters(
                standard: try MarginModelFiles.standard(),
                span: try MarginModelFiles.span(),
                house: try MarginModelFiles.house()
            )
        )
    }

    @Test(arguments: [
        Instrument.option(
            TestMarket.btc,
            expiry: TestMarket.days(30),
            strike: 110_000,
            right: .call,
            settlement: .inverse(.btc)
        ),
        .option(TestMarket.btc, expiry: TestMarket.days(30), strike: 90_000, right: .put, settlement: .inverse(.btc)),
        .perpetual(TestMarket.btc, settlement: .linear(.usdc)),
        .future(TestMarket.btc, expiry: TestMarket.days(30), settlement: .inverse(.btc)),
    ])
    func standardMarginByContractsEqualsTheModelAtEverySize(_ instrument: Instrument) throws {
        let model = try Self.gateModel()
        let unit = model.standardUnit(of: instrument, venue: .deribit, slot: 0)
        #expect(unit.problem == nil)
        let usdPerUnit = instrument.settlement.isInverse ? 100_000.0 : 1
        for contracts in [-37, -3, -1, 0, 1, 5, 250] as [Int64] {
            let position = TestMarket.position(instrument, Quantity(FixedDecimal(contracts)))
            let expected =
                try StandardMargin.requirement(position, market: model.market, parameters: MarginModelFiles.standard())
                .initial * usdPerUnit
            let found = unit.initial(Double(contracts))
            #expect((found - expected).magnitude <= 1e-9 * max(1, expected), "\(contracts): \(found) vs \(expected)")
        }
    }

    @Test func portfolioMarginAddsTheDeltaShockAndADatedRollShock() throws {
        let parameters = try MarginModelFiles.portfolio()
        let grid = try MarginGrid(parameters: parameters, coins: ["BTC"])
        var pnl = ScenarioVector(count: grid.points.count)
        pnl[0] = -1_000_000  // the −16% vol-up bucket: the worst case
        let exposure = RiskUnitExposure(
            index: 100_000,
            deltaByExpiry: [
                ExpiryDelta(expiry: nil, expiryYears: 0, coin: 50, usd: 5_000_000),
                ExpiryDelta(expiry: TestMarket.days(183), expiryYears: 0.5, coin: 250, usd: 25_000_000),
            ]
        )
        let result = try PortfolioMargin.evaluate(
            pnl,
            grid: grid,
            slot: 0,
            numeraire: .usd,
            exposure: exposure,
            mmFactor: parameters.mmFactor
        )
        // BTC `usd` unit of Models/margin/deribit-portfolio.json: annualisedMoveRisk 0.1, minAnnualisedMove 0.01;
        // maxDeltaShock 0.10, deltaShockThresholdUSD 20,000,000, deltaShockIncrement 0.00005.
        // Roll shock, per expiry |Δ_usd| · max(0.01, e^{0.1·T} − 1):
        //   perpetual (T = 0):  5,000,000 · max(0.01, 0) = 50,000
        //   dated (T = 0.5):   25,000,000 · (e^{0.05} − 1) = 25,000,000 · 0.0512710963760241 = 1,281,777.4094006
        //   total 1,331,777.4094006.
        // Delta shock: D = |300 BTC| · 100,000 = 30,000,000 USD;
        //   min((30,000,000 − 20,000,000) · 300 · 0.00005, 0.10 · 30,000,000) = min(150,000, 3,000,000) = 150,000.
        // IM = worst loss 1,000,000 + 1,331,777.4094006 + 150,000 = 2,481,777.4094006; MM = 0.8 · IM.
        #expect((result.rollShock - 1_331_777.409_400_6).magnitude < 1e-6)
        #expect(result.deltaShock == 150_000)
        #expect(result.worstCase == 1_000_000)
        #expect((result.requirement.initial - 2_481_777.409_400_6).magnitude < 1e-6)
        #expect((result.requirement.maintenance - 0.8 * 2_481_777.409_400_6).magnitude < 1e-6)
    }

    /// McMillan, Options as a Strategic Investment, pp.669–670 (the reference's §3.1 and §7 "covered write scan
    /// risk 6,620"): the risk arrays of one long S&P future and one long Dec 410 call on a $10,000 range, gains
    /// positive, in CME's scenario order. The book prints the extreme moves already covered at 35%; the model covers
    /// them itself, so they enter here at full size (covered ÷ 0.35).
    @Test func spanCoveredWriteScanRiskIsMcMillans6620() throws {
        let future: [Double] = [
            0, 0, 3_330, 3_330, -3_330, -3_330, 6_670, 6_670, -6_670, -6_670, 10_000, 10_000, -10_000, -10_000,
            7_000 / 0.35, -7_000 / 0.35,
        ]
        let longCall: [Double] = [
            460, -610, 2_640, 1_730, -1_270, -2_340, 5_210, 4_540, -2_540, -3_430, 8_060, 7_640, -3_380, -3_990,
            3_130 / 0.35, -1_500 / 0.35,
        ]
        let coveredWrite = ScenarioVector(zip(future, longCall).map { $0 - $1 })
        var parameters = try MarginModelFiles.span()
        parameters.underlyings["SPX"] = SpanUnderlyingParameters(
            priceScanRange: 0.1,
            volScanRange: 0.2,
            shortOptionMinimumRate: 0,
            interMonthSpreadRate: 0
        )
        let result = try SpanMargin.requirement(
            riskArray: coveredWrite,
            coin: "SPX",
            exposure: RiskUnitExposure(index: 1, deltaByExpiry: []),
            shortOptionCoins: 0,
            parameters: parameters
        )
        // Futures down 3/3 of the range, vol up: −10,000 − (−3,380) = −6,620, the covered write's worst.
        #expect((result.scanRisk - 6_620).magnitude < 1e-9)
        #expect(result.worstScenario == 12)
        #expect((result.requirement - 6_620).magnitude < 1e-9)
    }
}
