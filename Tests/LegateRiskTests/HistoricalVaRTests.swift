// Proves historical simulation: VaR and ES of a hand-checkable series, the shipped BTC series read and checked
// against its own order statistics, full revaluation of options under each historical move (equal to scalar Black-76
// repricing), the sticky-moneyness vol shift, and every malformed series refused with a typed error.

import Foundation
import LegateModel
import LegatePricing
import Testing

@testable import LegateRisk

@Suite struct HistoricalVaRTests {
    static let handSeries = """
        date,BTC
        2024-01-01,0.01
        2024-01-02,-0.05
        2024-01-03,0.02
        2024-01-04,-0.03
        2024-01-05,0.04
        2024-01-06,-0.01
        2024-01-07,0
        2024-01-08,-0.02
        2024-01-09,0.03
        2024-01-10,0.05
        """

    /// 2 BTC at 50,000: P&L = 100,000·r. Losses sorted: 5,000, 3,000, 2,000, 1,000, … With 10 scenarios, VaR 80 % is
    /// the 2nd worst (3,000), ES 80 % the mean of the 2 worst (4,000), ES 75 % (tail mass 2.5) = (5,000 + 3,000 +
    /// ½·2,000)/2.5 = 3,600.
    @Test func handCheckableSeries() throws {
        let series = try ReturnSeries(csv: Self.handSeries, what: "hand")
        let simulation = try HistoricalSimulation(
            series: series,
            names: ["BTC"],
            volDynamics: .stickyStrike,
            volFloor: 0.01
        )
        let book = try VaRFixtures.spotBook(indices: [50_000], coins: [2])
        let eighty = try simulation.run(book, varConfidence: 0.8, esConfidence: 0.8, numeraire: .usd)
        #expect(eighty.pnl.count == 10)
        #expect(abs(eighty.risk.valueAtRisk - 3_000) < 1e-9)
        #expect(abs(eighty.risk.expectedShortfall - 4_000) < 1e-9)
        let wide = try simulation.run(book, varConfidence: 0.8, esConfidence: 0.75, numeraire: .usd)
        #expect(abs(wide.risk.expectedShortfall - 3_600) < 1e-9)
    }

    /// The shipped series: 1,000 daily returns 2022-12-30 … 2025-09-24. For 1 BTC at 100,000 the 99 % VaR is the 10th
    /// worst return (−6.1183 %, read off the file's sorted column) and the 97.5 % ES the mean of the 25 worst
    /// (−6.0120 %).
    @Test func shippedSeriesGivesItsOwnOrderStatistics() throws {
        let settings = try VaRFixtures.settings()
        let series = try VaRFixtures.returnSeries(settings)
        #expect(series.count == 1_000)
        #expect(series.names == ["BTC"])
        #expect(series.dates.first == "2022-12-30")
        #expect(series.dates.last == "2025-09-24")
        let sorted = series.returns.sorted()
        let simulation = try HistoricalSimulation(
            series: series,
            names: ["BTC"],
            volDynamics: settings.historical.volDynamics,
            volFloor: settings.volFloor
        )
        let risk = try simulation.run(
            try VaRFixtures.spotBook(indices: [100_000], coins: [1]),
            varConfidence: settings.varConfidence,
            esConfidence: settings.esConfidence,
            numeraire: .usd
        ).risk
        #expect(abs(risk.valueAtRisk - -sorted[9] * 100_000) < 1e-6)
        #expect(abs(risk.valueAtRisk - 6_118.33) < 0.01)
        #expect(abs(risk.expectedShortfall - -sorted[0..<25].reduce(0, +) / 25 * 100_000) < 1e-6)
        #expect(abs(risk.expectedShortfall - 6_012.02) < 0.01)
    }

    /// Full revaluation: a short USD-settled call's P&L in each historical scenario is its Black-76 price on the
    /// moved forward minus today's, times the quantity.
    @Test func optionsAreRepricedUnderEachHistoricalMove() throws {
        let series = try ReturnSeries(csv: Self.handSeries, what: "hand")
        let simulation = try HistoricalSimulation(
            series: series,
            names: ["BTC"],
            volDynamics: .stickyStrike,
            volFloor: 0.01
        )
        var book = ScenarioBook(indexPrices: [60_000], groupCount: 1)
        try book.append(
            .option(
                .call,
                settlement: .usd,
                underlying: 0,
                group: 0,
                quantity: -3,
                forward: 60_300,
                strike: 65_000,
                expiryYears: 0.1,
                vol: 0.55
            )
        )
        let pnl = try simulation.run(book, varConfidence: 0.9, esConfidence: 0.9, numeraire: .usd).pnl
        let base = Black76.price(.call, forward: 60_300, strike: 65_000, expiryYears: 0.1, rate: 0, vol: 0.55)
        for row in 0..<series.count {
            let moved = Black76.price(
                .call,
                forward: 60_300 * (1 + series.value(row: row, column: 0)),
                strike: 65_000,
                expiryYears: 0.1,
                rate: 0,
                vol: 0.55
            )
            #expect(abs(pnl[row] - -3 * (moved - base)) < 1e-9 * 60_000)
        }
    }

    /// Sticky moneyness shifts every vol by −skew·ln(1 + r): with a negative skew (−0.1 per unit log-moneyness) a
    /// 5 % fall lowers a fixed strike's vol by 0.1·ln(1/0.95) ≈ 0.51 vol points; sticky strike leaves it.
    @Test func stickyMoneynessShiftsVolsWithTheSmile() throws {
        let series = try ReturnSeries(csv: Self.handSeries, what: "hand")
        let sticky = try HistoricalSimulation(
            series: series,
            names: ["BTC"],
            volDynamics: .stickyMoneyness,
            atmSkews: [-0.1],
            volFloor: 0.01
        )
        let set = try sticky.scenarios()
        #expect(abs(set.volShift(scenario: 1, underlying: 0) - 0.1 * log(0.95)) < 1e-15)
        #expect(set.volShift(scenario: 6, underlying: 0) == 0)
        let strike = try HistoricalSimulation(
            series: series,
            names: ["BTC"],
            volDynamics: .stickyStrike,
            volFloor: 0.01
        ).scenarios()
        #expect((0..<strike.count).allSatisfy { strike.volShift(scenario: $0, underlying: 0) == 0 })
    }

    // MARK: - Every bad input gives a typed error

    @Test func emptySeriesIsRefused() {
        #expect(throws: VaRError.emptySeries(what: "s")) { try ReturnSeries(csv: "date,BTC\n", what: "s") }
        #expect(throws: VaRError.emptySeries(what: "s")) { try ReturnSeries(csv: "", what: "s") }
        #expect(throws: VaRError.emptySeries(what: "s columns")) {
            try ReturnSeries(names: [], dates: [], returns: [], what: "s")
        }
    }

    @Test func malformedLinesAreNamed() {
        #expect(throws: VaRError.malformedLine(what: "s", line: 3, reason: "\"abc\" is not a number")) {
            try ReturnSeries(csv: "date,BTC\n2024-01-01,0.01\n2024-01-02,abc\n", what: "s")
        }
        #expect(throws: VaRError.malformedLine(what: "s", line: 2, reason: "3 fields, header has 2")) {
            try ReturnSeries(csv: "date,BTC\n2024-01-01,0.01,0.02\n", what: "s")
        }
        #expect(throws: VaRError.malformedLine(what: "s", line: 1, reason: "header must be date,<NAME>,…")) {
            try ReturnSeries(csv: "day,BTC\n2024-01-01,0.01\n", what: "s")
        }
    }

    @Test func impossibleReturnsAreRefused() {
        #expect(throws: VaRError.self) { try ReturnSeries(csv: "date,BTC\n2024-01-01,-1\n", what: "s") }
        #expect(throws: VaRError.self) { try ReturnSeries(csv: "date,BTC\n2024-01-01,nan\n", what: "s") }
        #expect(throws: VaRError.self) { try ReturnSeries(csv: "date,BTC\n2024-01-01,inf\n", what: "s") }
    }

    @Test func unknownColumnsAndMissingSkewsAreRefused() throws {
        let series = try ReturnSeries(csv: Self.handSeries, what: "hand")
        #expect(throws: VaRError.unknownName(what: "return series column", name: "ETH")) {
            try HistoricalSimulation(series: series, names: ["ETH"], volDynamics: .stickyStrike, volFloor: 0.01)
        }
        #expect(throws: VaRError.dimensionMismatch(what: "ATM skews for sticky moneyness", expected: 1, actual: 0)) {
            try HistoricalSimulation(series: series, names: ["BTC"], volDynamics: .stickyMoneyness, volFloor: 0.01)
        }
        let simulation = try HistoricalSimulation(
            series: series,
            names: ["BTC"],
            volDynamics: .stickyStrike,
            volFloor: 0.01
        )
        #expect(throws: VaRError.valueNotPositive(what: "volFloor", value: 0)) {
            try HistoricalSimulation(series: series, names: ["BTC"], volDynamics: .stickyStrike, volFloor: 0)
        }
        #expect(throws: VaRError.self) {
            try simulation.run(
                try VaRFixtures.spotBook(indices: [1], coins: [1]),
                varConfidence: 1.2,
                esConfidence: 0.9,
                numeraire: .usd
            )
        }
        #expect(throws: VaRError.dimensionMismatch(what: "book underlyings", expected: 1, actual: 2)) {
            try simulation.run(
                try VaRFixtures.spotBook(indices: [1, 2], coins: [1, 1]),
                varConfidence: 0.9,
                esConfidence: 0.9,
                numeraire: .usd
            )
        }
    }
}
