// Proves every file under Models/margin decodes and validates, holds the published values it claims
// (risk-methodology §1.2 and §1.3), and that a bad value is refused with a typed error naming its JSON path.

import Foundation
import Testing

@testable import LegateRisk

@Suite struct MarginParameterFileTests {
    @Test func everyFileDecodesAndValidates() throws {
        try MarginModelFiles.standard().validate()
        try MarginModelFiles.portfolio().validate()
        try MarginModelFiles.house().validate()
        try MarginModelFiles.span().validate()
    }

    @Test func portfolioFileHoldsDeribitsPublishedParameters() throws {
        let parameters = try MarginModelFiles.portfolio()
        let btc = try parameters.parameters(for: "BTC")
        let eth = try parameters.parameters(for: "ETH")
        // BTC: Deribit's private/pme/simulate example (2024-06-17); ETH: a live response (2026-02-15).
        #expect(btc.priceRange == 0.16 && btc.bucketsPerSide == 4 && btc.volRangeUp == 0.5 && btc.volRangeDown == 0.25)
        #expect(btc.vegaPower.shortTermPower == 0.3 && btc.vegaPower.longTermPower == 0.13)
        #expect(btc.coin.annualisedMoveRisk == 0.075 && btc.coin.extendedDampenerUSD == 100_000)
        #expect(
            eth.priceRange == 0.18 && eth.volRangeUp == 0.4 && eth.coin.pnlOffset == 0.6 && eth.usd.pnlOffset == 0.4
        )
        #expect(parameters.mmFactor == 0.8)
        #expect(btc.extendedMoves == [-0.66, -0.33, 0.5, 1, 2, 3, 4, 5])
    }

    @Test func houseGridHasSixtyThreeScenarios() throws {
        let grid = try MarginGrid(parameters: try MarginModelFiles.house(), coins: ["BTC", "ETH"])
        #expect(grid.scenarios.count == 63 && grid.standardCount == 63)
    }

    @Test func spanFileHoldsTheSixteenScenarioTable() throws {
        let span = try MarginModelFiles.span()
        #expect(span.scenarios.count == 16)
        #expect(span.scenarios.filter { $0.coverage < 1 }.map(\.priceScanMultiple) == [2, -2])
        #expect(span.scenarios.filter { $0.coverage < 1 }.allSatisfy { $0.coverage == 0.35 })
    }

    @Test func badPortfolioValuesAreNamedByPath() throws {
        var parameters = try MarginModelFiles.portfolio()
        parameters.underlyings["BTC"]?.priceRange = 1.2
        #expect(
            throws: MarginError.invalidParameter(
                field: "underlyings.BTC.priceRange",
                value: 1.2,
                reason: "must be in (0, 1)"
            )
        ) {
            try parameters.validate()
        }
        parameters = try MarginModelFiles.portfolio()
        parameters.mmFactor = 0
        #expect(throws: MarginError.invalidParameter(field: "mmFactor", value: 0, reason: "must be in (0, 1]")) {
            try parameters.validate()
        }
        parameters = try MarginModelFiles.portfolio()
        parameters.underlyings["ETH"]?.vegaPower.pivotDays = -1
        #expect(throws: MarginError.self) { try parameters.validate() }
        do {
            try parameters.validate()
        } catch {
            #expect(error.description.contains("underlyings.ETH.vegaPower.pivotDays"))
        }
        parameters = try MarginModelFiles.portfolio()
        parameters.underlyings["ETH"]?.extendedMoves[0] = 0.1
        #expect(throws: MarginError.self) { try parameters.validate() }
        parameters = try MarginModelFiles.portfolio()
        parameters.underlyings["eth"] = parameters.underlyings["ETH"]
        #expect(throws: MarginError.self) { try parameters.validate() }
        parameters = try MarginModelFiles.portfolio()
        parameters.underlyings["BTC"]?.usd.pnlOffset = 2
        #expect(
            throws: MarginError.invalidParameter(
                field: "underlyings.BTC.usd.pnlOffset",
                value: 2,
                reason: "must be in [0, 1]"
            )
        ) {
            try parameters.validate()
        }
        #expect(throws: MarginError.missingUnderlying("SOL", model: "deribit-portfolio")) {
            _ = try MarginModelFiles.portfolio().parameters(for: "SOL")
        }
    }

    @Test func badStandardAndSpanValuesAreNamedByPath() throws {
        var standard = try MarginModelFiles.standard()
        standard.coinOptions.shortInitialBase = -0.1
        #expect(
            throws: MarginError.invalidParameter(
                field: "coinOptions.shortInitialBase",
                value: -0.1,
                reason: "must be in [0, 1]"
            )
        ) {
            try standard.validate()
        }
        standard = try MarginModelFiles.standard()
        standard.deltaOne.append(standard.deltaOne[0])
        #expect(throws: MarginError.invalidTable(field: "deltaOne[4]", reason: "a second rule for BTC/usd/perpetual")) {
            try standard.validate()
        }
        standard = try MarginModelFiles.standard()
        standard.deltaOne[1].maintenanceBase = 0.5
        #expect(throws: MarginError.self) { try standard.validate() }
        var span = try MarginModelFiles.span()
        span.scenarios[3].coverage = 1.5
        #expect(
            throws: MarginError.invalidParameter(
                field: "scenarios[3].coverage",
                value: 1.5,
                reason: "must be in [0, 1]"
            )
        ) {
            try span.validate()
        }
        span = try MarginModelFiles.span()
        span.underlyings["BTC"]?.priceScanRange = 0.6
        #expect(throws: MarginError.self) { try span.validate() }
    }

    @Test func malformedJSONIsRefusedByTheDecoder() throws {
        let missingField = Data(#"{"model": "x", "mmFactor": 0.8, "underlyings": {}}"#.utf8)
        #expect(throws: DecodingError.self) {
            _ = try JSONDecoder().decode(PortfolioMarginParameters.self, from: missingField)
        }
        let wrongEnum = Data(
            #"{"base": "BTC", "settlement": "eur", "kind": "future", "initialBase": 0.02, "initialPerCoin": 0, "maintenanceBase": 0.01, "maintenancePerCoin": 0}"#
                .utf8
        )
        #expect(throws: DecodingError.self) { _ = try JSONDecoder().decode(DeltaOneMarginRule.self, from: wrongEnum) }
    }
}
