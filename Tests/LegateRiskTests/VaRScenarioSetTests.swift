// Proves the gate's VaR scenario set: at least 1,000 scenarios, position vectors that add up to the book's P&L,
// one position's vector equal to its row of the whole book's, and VaR/ES of book + order read without forming the sum.

import LegateModel
import Testing

@testable import LegateRisk

@Suite struct VaRScenarioSetTests {
    static func book() throws -> ScenarioBook {
        var book = ScenarioBook(indexPrices: [100_000], groupCount: 1)
        try book.append(
            .option(
                .put,
                settlement: .coin,
                underlying: 0,
                group: 0,
                quantity: -20,
                forward: 100_400,
                strike: 90_000,
                expiryYears: 0.08,
                vol: 0.6
            )
        )
        try book.append(
            .option(
                .call,
                settlement: .coin,
                underlying: 0,
                group: 0,
                quantity: 15,
                forward: 101_000,
                strike: 110_000,
                expiryYears: 0.25,
                vol: 0.55
            )
        )
        try book.append(
            ScenarioPosition(
                kind: .perpetual,
                settlement: .coin,
                underlying: 0,
                group: 0,
                quantity: 3,
                forward: 100_050
            )
        )
        return book
    }

    static func historicalSet() throws -> VaRScenarioSet {
        let settings = try VaRFixtures.settings()
        let series = try VaRFixtures.returnSeries(settings)
        let simulation = try HistoricalSimulation(
            series: series,
            names: ["BTC"],
            volDynamics: .stickyStrike,
            volFloor: settings.volFloor
        )
        return try VaRScenarioSet.historical(simulation, settings: settings)
    }

    @Test func positionVectorsAddUpToTheBook() throws {
        let set = try Self.historicalSet()
        #expect(set.count == 1_000)
        let book = try Self.book()
        var workspace = ScenarioRevaluation()
        var positions = PositionScenarioPnL(positionCount: book.count, scenarioCount: set.count)
        try set.vectors(of: book, workspace: &workspace, into: &positions)
        var sum = ScenarioVector(count: set.count)
        for position in 0..<book.count { positions.add(position: position, in: .usd, into: &sum) }
        let total = try totalPnL(book, under: set.scenarios, numeraire: .usd)
        for scenario in 0..<set.count {
            #expect(isClose(sum[scenario], total[scenario], relative: 1e-12, absolute: 1e-7))
        }
        // One position on its own gives its row of the whole book.
        let alone = try set.vector(
            of: book.position(1),
            indexPrices: book.indexPrices,
            numeraire: .usd,
            workspace: &workspace
        )
        #expect(alone == positions.vector(position: 1, in: .usd))
    }

    @Test func bookPlusOrderIsReadWithoutFormingTheSum() throws {
        let set = try Self.historicalSet()
        let book = try Self.book()
        var workspace = ScenarioRevaluation()
        var positions = PositionScenarioPnL(positionCount: book.count, scenarioCount: set.count)
        try set.vectors(of: book, workspace: &workspace, into: &positions)
        var base = ScenarioVector(count: set.count)
        positions.add(position: 0, in: .usd, into: &base)
        positions.add(position: 2, in: .usd, into: &base)
        let order = positions.vector(position: 1, in: .usd)
        var after = base
        after.add(order)
        #expect(set.tailRisk(of: base, plus: order) == set.tailRisk(of: after))
        #expect(set.tailRisk(of: after) == set.reader.readBySorting(after.values))
    }

    @Test func monteCarloSetHasTheSettingsCount() throws {
        let settings = try VaRFixtures.settings()
        let model = try RiskFactorModel(
            factors: [RiskFactor(underlying: 0, kind: .spot, annualVol: 0.6)],
            correlation: .identity(1),
            repair: .refuse
        )
        let set = try VaRScenarioSet.monteCarlo(try MonteCarloVaR(model: model, settings: settings))
        #expect(set.count == settings.gateScenarioCount)
    }

    @Test func fewerThanAThousandScenariosAreRefused() throws {
        var small = try ScenarioSet(underlyingCount: 1, volShock: .absolute, volFloor: 0.01)
        for index in 0..<999 { try small.appendUniform(spotMove: Double(index) * 1e-4, volShift: 0) }
        #expect(throws: VaRError.seriesTooShort(what: "VaR scenario set", count: 999, minimum: 1_000)) {
            try VaRScenarioSet(scenarios: small, varConfidence: 0.99, esConfidence: 0.975)
        }
        var settings = try VaRFixtures.settings()
        settings.gateScenarioCount = 1_500
        let series = try VaRFixtures.returnSeries(settings)
        let simulation = try HistoricalSimulation(
            series: series,
            names: ["BTC"],
            volDynamics: .stickyStrike,
            volFloor: settings.volFloor
        )
        #expect(throws: VaRError.seriesTooShort(what: "return series for the gate", count: 1_000, minimum: 1_500)) {
            try VaRScenarioSet.historical(simulation, settings: settings)
        }
    }
}
