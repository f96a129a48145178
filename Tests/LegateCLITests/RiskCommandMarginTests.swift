// Proves the margin and cross-margin sections of `legate risk`: every model (standard, portfolio, SPAN-like, house)
// is the library's own figure with what drives it, a defined-risk spread is margined below its naked short leg by
// the scenario models, the venue, currency and desk views add up from their accounts (the desk under the house
// model), the liquidation move is where equity meets maintenance on the scenario curve, and an account's
// `margin_model` sets its requirement.
import Foundation
import LegateCore
import LegateModel
import LegateRisk
import Testing

@testable import LegateCLI

/// Portfolio and limits files written for one test, on the example's market.
enum RiskMarginFiles {
    static let market = """
        {"valuation_time": "2026-11-20T08:00:00Z",
         "underlyings": {"BTC": {"index": "95000",
                                 "futures": {"BTC-4DEC26": "95150", "BTC-25DEC26": "95400", "BTC-26MAR27": "96800"},
                                 "vol": "0.55"}}}
        """

    /// A portfolio of `positions` (JSON objects) and an `accounts` section, with limits giving each account equity.
    static func report(
        positions: [String],
        accounts: String,
        equity: [String: String]
    ) throws -> (report: RiskReport, inputs: RiskInputs) {
        let portfolio = try RiskPaths.temporary(
            #"{"market": \#(market), "accounts": \#(accounts), "positions": [\#(positions.joined(separator: ","))]}"#,
            name: "portfolio.json"
        )
        let entries = equity.sorted { $0.key < $1.key }.map {
            #""\#($0.key)": {"desk": "D", "equity": "\#($0.value)"}"#
        }
        let limits = try RiskPaths.temporary(
            #"{"accounts": {\#(entries.joined(separator: ","))}, "limits": []}"#,
            name: "limits.json"
        )
        let report = try RiskCommand.report(portfolio: portfolio, whatIf: nil, limits: limits, models: RiskPaths.models)
        let inputs = try RiskInputs.load(models: RiskPaths.models, limits: limits, portfolio: portfolio)
        return (report, inputs)
    }

    static func position(_ account: String, _ symbol: String, _ quantity: String, _ price: String) -> String {
        #"{"account": "\#(account)", "venue": "deribit", "instrument": "\#(symbol)", "quantity": "\#(quantity)", "average_price": "\#(price)"}"#
    }

    static func example() throws -> (report: RiskReport, inputs: RiskInputs) {
        let report = try RiskCommand.report(
            portfolio: RiskPaths.portfolio,
            whatIf: nil,
            limits: RiskPaths.limits,
            models: RiskPaths.models
        )
        let inputs = try RiskInputs.load(
            models: RiskPaths.models,
            limits: RiskPaths.limits,
            portfolio: RiskPaths.portfolio
        )
        return (report, inputs)
    }

    /// The example portfolio with one replacement applied.
    static func portfolio(replacing old: String, with new: String) throws -> String {
        let text = try String(contentsOfFile: RiskPaths.portfolio, encoding: .utf8)
        #expect(text.contains(old), "the example portfolio no longer contains \(old)")
        return try RiskPaths.temporary(text.replacingOccurrences(of: old, with: new), name: "portfolio.json")
    }

    static func view(_ report: RiskReport, _ scope: String, _ name: String) -> RiskReport.MarginViewRow? {
        report.crossMargin.views.first { $0.scope == scope && ($0.name == name || $0.name.hasPrefix("\(name)@")) }
    }
}

@Suite struct RiskCommandMarginTests {
    @Test func everyModelIsTheLibrarysWithWhatDrivesIt() throws {
        let (report, inputs) = try RiskMarginFiles.example()
        let positions = inputs.positions
        let market = inputs.portfolio.market
        let span = try SpanMargin.evaluate(positions, market: market, parameters: inputs.modelFile.spanParameters)
        let house = try HouseMargin.evaluate(
            deskPositions: positions,
            market: market,
            parameters: inputs.modelFile.houseParameters
        )
        #expect(report.margin.span.initial == span.totalUSD && report.margin.span.maintenance == span.totalUSD)
        #expect(report.margin.house.initial == house.totalUSD.initial)
        #expect(report.margin.house.maintenance == house.totalUSD.maintenance)
        #expect(report.margin.span.model == "span-like" && report.margin.house.model == "house")
        // Scenario models: the worst scenario is the largest covered loss, part of the requirement.
        for model in [report.margin.portfolio, report.margin.span, report.margin.house] {
            let worst = try #require(model.worstScenario, "\(model.model) has no worst scenario")
            #expect(worst.lossUSD > 0 && worst.lossUSD <= model.initial, "\(model.model)")
            #expect(worst.riskUnit.hasPrefix("BTC/"))
        }
        // SPAN's worst: the largest loss × coverage over the 16 scenarios, at that scenario's price move.
        let array = try #require(span.units.first)
        let parameters = inputs.modelFile.spanParameters
        let covered = parameters.scenarios.indices.map { -array.riskArray[$0] * parameters.scenarios[$0].coverage }
        let worstIndex = try #require(covered.indices.max { covered[$0] < covered[$1] })
        let spanWorst = try #require(report.margin.span.worstScenario)
        #expect(abs(spanWorst.lossUSD - covered[worstIndex]) < 1e-6)
        let range = try #require(parameters.underlyings["BTC"]?.priceScanRange)
        #expect(spanWorst.spotMove == parameters.scenarios[worstIndex].priceScanMultiple * range)
        // The house grid's worst sits on its own moves (±30% in 3% steps, no extended table).
        let houseWorst = try #require(report.margin.house.worstScenario)
        #expect(abs(houseWorst.spotMove) <= 0.3 + 1e-12 && !houseWorst.extended)
        // Standard margin has no scenario: its driver is the position with the largest requirement.
        #expect(report.margin.standard.worstScenario == nil)
        let largest = try #require(report.margin.standard.largestPosition)
        let each = try positions.map {
            try StandardMargin.requirement($0, market: market, parameters: inputs.modelFile.standardParameters)
        }
        let index = inputs.usdPerUnit(of: .btc)
        #expect(abs(largest.initialUSD - (each.map(\.initial).max() ?? 0) * index) < 1e-6)
        #expect(largest.instrument == "BTC-25DEC26-100000-C" && largest.account == "VOL-1")
        let text = RiskRendering.text(report)
        for (name, driver) in [
            ("standard", "largest:"), ("portfolio", "worst:"), ("span", "worst:"), ("house", "worst:"),
        ] {
            let line = text.split(separator: "\n").first { $0.hasPrefix(name + " ") }
            #expect(line?.contains(driver) == true, "no \(driver) on the \(name) line")
        }
    }

    /// Standard margin charges the short leg as if naked and the long leg nothing (risk-methodology §1.1, "In SM,
    /// IM/MM are computed per position and summed", §1.2); the risk matrix (§1.3) and SPAN (§3.2, scan risk = the
    /// largest scenario loss) see the long leg cap the loss at the strike width, so both come out below standard.
    @Test func definedRiskSpreadIsMarginedBelowStandard() throws {
        let (report, _) = try RiskMarginFiles.report(
            positions: [
                RiskMarginFiles.position("SPREAD-1", "BTC-25DEC26-100000-C", "-10", "0.031"),
                RiskMarginFiles.position("SPREAD-1", "BTC-25DEC26-105000-C", "10", "0.018"),
            ],
            accounts: "{}",
            equity: ["SPREAD-1": "1000000"]
        )
        let width = 5_000.0 * 10
        let margin = report.margin
        #expect(margin.standard.initial > width, "the naked short call's margin exceeds the spread's largest loss")
        for model in [margin.portfolio, margin.span, margin.house] {
            #expect(model.initial < margin.standard.initial, "\(model.model) is not below standard")
            let worst = try #require(model.worstScenario)
            #expect(worst.lossUSD <= width, "\(model.model) loses more than the strike width")
            #expect(model.initial >= worst.lossUSD, "\(model.model) is below its own worst loss")
        }
    }

    @Test func venueCurrencyAndDeskViewsAddUpFromTheirAccounts() throws {
        let (report, inputs) = try RiskMarginFiles.example()
        let index = inputs.usdPerUnit(of: .btc)
        let accounts = report.crossMargin.views.filter { $0.scope == "account" }
        #expect(accounts.count == 3 && accounts.allSatisfy { $0.currency == "BTC" }, "Deribit inverse books hold BTC")
        let usd = { (row: RiskReport.MarginViewRow, value: Double) in row.currency == "USD" ? value : value * index }
        let venue = try #require(RiskMarginFiles.view(report, "venue", "deribit"))
        #expect(abs(venue.equity - accounts.reduce(0) { $0 + usd($1, $1.equity) }) < 1e-3)
        #expect(abs(venue.equity - 6_000_000) < 1e-3, "the limits file's equity, in USD")
        #expect(abs(venue.initial - accounts.reduce(0) { $0 + usd($1, $1.initial) }) < 1e-6 * venue.initial)
        #expect(abs(venue.available - (venue.equity - venue.initial)) < 1e-6)
        let coin = try #require(RiskMarginFiles.view(report, "currency", "BTC"))
        #expect(abs(coin.equity - accounts.reduce(0) { $0 + $1.equity }) < 1e-9)
        #expect(abs(coin.maintenance - accounts.reduce(0) { $0 + $1.maintenance }) < 1e-9)
        // Desks: equity adds up; the requirement is the house model over all the desk's positions, not the sum.
        for desk in ["VOL", "MACRO"] {
            let row = try #require(RiskMarginFiles.view(report, "desk", desk))
            let members = accounts.filter { $0.desk == desk }
            #expect(abs(row.equity - members.reduce(0) { $0 + usd($1, $1.equity) }) < 1e-3)
            let ids = Set(inputs.limits.accounts.filter { $0.desk?.rawValue == desk }.map(\.account))
            let house = try HouseMargin.evaluate(
                deskPositions: inputs.positions.filter { ids.contains($0.key.account) },
                market: inputs.portfolio.market,
                parameters: inputs.modelFile.houseParameters
            ).totalUSD
            #expect(row.model == "house" && row.currency == "USD")
            #expect(abs(row.initial - house.initial) < 1e-6 && abs(row.maintenance - house.maintenance) < 1e-6)
            let utilisation = try #require(row.initialUtilisation)
            #expect(abs(utilisation - house.initial / row.equity) < 1e-12)
        }
    }

    /// A short straddle loses on both sides: the report's moves must be where equity + P&L falls to MM, read from
    /// a revaluation of the same positions at the house grid's points around them.
    @Test func liquidationMoveIsWhereEquityMeetsMaintenance() throws {
        let (report, inputs) = try RiskMarginFiles.report(
            positions: [
                RiskMarginFiles.position("SHORT-1", "BTC-25DEC26-95000-C", "-100", "0.045"),
                RiskMarginFiles.position("SHORT-1", "BTC-25DEC26-95000-P", "-100", "0.042"),
            ],
            accounts: #"{"SHORT-1": {"margin_model": "portfolio", "collateral": "USD"}}"#,
            equity: ["SHORT-1": "1500000"]
        )
        let row = try #require(RiskMarginFiles.view(report, "account", "SHORT-1"))
        #expect(row.currency == "USD" && row.model == "portfolio")
        let down = try #require(row.liquidationMoveDown)
        let up = try #require(row.liquidationMoveUp)
        #expect(down.isFinite && up.isFinite && down < 0 && up > 0)
        try expectCrossing(down, row: row, inputs: inputs, numeraire: .usd)
        try expectCrossing(up, row: row, inputs: inputs, numeraire: .usd)
        // A coin account (the example's VOL-1, BTC collateral): the same in BTC.
        let (example, exampleInputs) = try RiskMarginFiles.example()
        let vol1 = try #require(RiskMarginFiles.view(example, "account", "VOL-1"))
        try expectCrossing(try #require(vol1.liquidationMoveDown), row: vol1, inputs: exampleInputs, numeraire: .coin)
    }

    /// Equity + P&L − MM is positive at the grid point before `move` and not positive at the one after, and the
    /// straight line between them crosses zero at `move`.
    private func expectCrossing(
        _ move: Double,
        row: RiskReport.MarginViewRow,
        inputs: RiskInputs,
        numeraire: Numeraire
    ) throws {
        let btc = try #require(inputs.modelFile.houseParameters.underlyings["BTC"])
        let step = btc.priceRange / Double(btc.bucketsPerSide)
        let inner = (move / step).rounded(.towardZero) * step
        let outer = inner + (move < 0 ? -step : step)
        let account = try AccountID(row.name.split(separator: "@")[0])
        let positions = inputs.positions.filter { $0.key.account == account }
        let market = inputs.portfolio.market
        var book = ScenarioBook(indexPrices: [try market.index(of: Underlying(base: .btc, quote: .usd))], groupCount: 1)
        for position in positions {
            let quote = try market.market(for: position.key.instrument, venue: position.key.venue)
            _ = try book.append(ScenarioPosition(position, quote: quote, underlying: 0, group: 0))
        }
        var scenarios = try ScenarioSet(underlyingCount: 1, volShock: .absolute, volFloor: 0.01)
        try scenarios.append(spotMoves: [inner], volShifts: [0], timeStepYears: 0)
        try scenarios.append(spotMoves: [outer], volShifts: [0], timeStepYears: 0)
        var revaluation = ScenarioRevaluation()
        var pnl = ScenarioPnL(groupCount: 1, scenarioCount: 2)
        try revaluation.revalue(book, under: scenarios, into: &pnl)
        let before = row.equity + pnl.pnl(group: 0, scenario: 0, in: numeraire) - row.maintenance
        let after = row.equity + pnl.pnl(group: 0, scenario: 1, in: numeraire) - row.maintenance
        #expect(before > 0 && after <= 0, "no crossing between \(inner) and \(outer): \(before), \(after)")
        let crossing = inner + before / (before - after) * (outer - inner)
        #expect(abs(crossing - move) < 1e-9, "crossing at \(crossing), reported \(move)")
    }

    @Test func marginModelSetsTheAccountsRequirement() throws {
        let (example, inputs) = try RiskMarginFiles.example()
        let index = inputs.usdPerUnit(of: .btc)
        let vol1 = inputs.positions.filter { $0.key.account.rawValue == "VOL-1" }
        let portfolioRow = try #require(RiskMarginFiles.view(example, "account", "VOL-1"))
        let portfolio = try PortfolioMargin.evaluate(
            vol1,
            market: inputs.portfolio.market,
            parameters: inputs.modelFile.portfolioParameters,
            mode: inputs.modelFile.portfolioMode
        ).totalUSD
        #expect(portfolioRow.model == "portfolio")
        #expect(abs(portfolioRow.initial * index - portfolio.initial) < 1e-6)
        let spanPath = try RiskMarginFiles.portfolio(
            replacing: #""VOL-1": { "margin_model": "portfolio" }"#,
            with: #""VOL-1": { "margin_model": "span" }"#
        )
        // The limits file names the same model for the gate (the two must agree).
        let limitsText = try String(contentsOfFile: RiskPaths.limits, encoding: .utf8)
        let gateModel = #""VOL-1": { "desk": "VOL", "equity": "3000000", "margin_model": "portfolio" }"#
        #expect(limitsText.contains(gateModel), "the example limits no longer name VOL-1's model")
        let spanLimits = try RiskPaths.temporary(
            limitsText.replacingOccurrences(
                of: gateModel,
                with: gateModel.replacingOccurrences(of: "portfolio", with: "span")
            ),
            name: "limits.json"
        )
        let spanReport = try RiskCommand.report(
            portfolio: spanPath,
            whatIf: nil,
            limits: spanLimits,
            models: RiskPaths.models
        )
        let spanRow = try #require(RiskMarginFiles.view(spanReport, "account", "VOL-1"))
        let span = try SpanMargin.evaluate(
            vol1,
            market: inputs.portfolio.market,
            parameters: inputs.modelFile.spanParameters
        ).totalUSD
        #expect(spanRow.model == "span")
        #expect(abs(spanRow.initial * index - span) < 1e-6 && spanRow.maintenance == spanRow.initial)
        #expect(abs(spanRow.initial - portfolioRow.initial) > 1e-6, "the model did not change the requirement")
        // No margin_model: standard, the venue's default.
        let unnamedPath = try RiskMarginFiles.portfolio(
            replacing: #""VOL-1": { "margin_model": "portfolio" }"#,
            with: #""VOL-1": {}"#
        )
        let unnamed = try RiskCommand.report(
            portfolio: unnamedPath,
            whatIf: nil,
            limits: RiskPaths.limits,
            models: RiskPaths.models
        )
        let standardRow = try #require(RiskMarginFiles.view(unnamed, "account", "VOL-1"))
        let standard = try StandardMargin.requirements(
            vol1,
            market: inputs.portfolio.market,
            parameters: inputs.modelFile.standardParameters
        )
        #expect(standardRow.model == "standard")
        #expect(
            abs(standardRow.initial - (standard[.btc]?.initial ?? 0)) < 1e-9,
            "standard IM of inverse options is BTC"
        )
        // The other accounts and the desk's house figure do not depend on VOL-1's model.
        #expect(
            RiskMarginFiles.view(unnamed, "desk", "VOL")?.initial
                == RiskMarginFiles.view(example, "desk", "VOL")?.initial
        )
    }

    @Test func unknownMarginModelNamesFileKeyAndChoices() throws {
        let path = try RiskMarginFiles.portfolio(
            replacing: #""margin_model": "span""#,
            with: #""margin_model": "risk-matrix""#
        )
        let error = try #require(RiskPaths.error(portfolio: path))
        #expect(error.file == path)
        #expect(error.path == "accounts.VOL-2.margin_model")
        #expect(error.problem == "\"risk-matrix\" is not a margin model (one of standard, portfolio, span)")
        #expect(error.description.hasPrefix("\(path): accounts.VOL-2.margin_model: "))
    }

    @Test func positionOfAnAccountWithoutEquityIsRefused() throws {
        let path = try RiskMarginFiles.portfolio(replacing: #""account": "VOL-2""#, with: #""account": "VOL-9""#)
        let error = try #require(RiskPaths.error(portfolio: path))
        #expect(error.path == "positions[3].account")
        #expect(error.problem.contains("\"VOL-9\" has no equity"))
    }

    @Test func jsonCarriesEveryModelAndView() throws {
        let (report, _) = try RiskMarginFiles.example()
        let json = try RiskRendering.json(report)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let margin = try #require(object["margin"] as? [String: [String: Any]])
        #expect(Set(margin.keys) == ["standard", "portfolio", "span", "house"])
        for (name, model) in margin {
            for key in ["model", "initial", "maintenance"] { #expect(model[key] != nil, "margin.\(name).\(key)") }
            let driver = name == "standard" ? "largest_position" : "worst_scenario"
            #expect(model[driver] != nil, "margin.\(name).\(driver)")
        }
        let worst = try #require((margin["span"]?["worst_scenario"]) as? [String: Any])
        for key in ["risk_unit", "spot_move", "vol", "extended", "loss_usd"] { #expect(worst[key] != nil, "\(key)") }
        let cross = try #require(object["cross_margin"] as? [String: Any])
        #expect(cross["lowest_move"] as? Double == -0.3 && cross["highest_move"] as? Double == 0.3)
        let views = try #require(cross["views"] as? [[String: Any]])
        #expect(Set(views.compactMap { $0["scope"] as? String }) == ["account", "venue", "currency", "desk"])
        for view in views {
            for key in ["name", "model", "currency", "equity", "initial", "maintenance", "available"] {
                #expect(view[key] != nil, "\(view["name"] ?? "?").\(key)")
            }
        }
        #expect(views.contains { $0["liquidation_move_down"] is Double })
        #expect(views.contains { $0["initial_utilisation"] is Double && $0["maintenance_utilisation"] is Double })
    }

    /// The report margins an account under the portfolio file's model and the gate under the limits file's: an account
    /// both name differently is refused, naming both.
    @Test func anAccountMarginedDifferentlyByTheReportAndTheGateIsRefused() throws {
        let portfolio = try RiskMarginFiles.portfolio(
            replacing: #""VOL-1": { "margin_model": "portfolio" }"#,
            with: #""VOL-1": { "margin_model": "standard" }"#
        )
        let error = #expect(throws: RiskInputError.self) {
            try RiskInputs.load(models: RiskPaths.models, limits: RiskPaths.limits, portfolio: portfolio)
        }
        #expect(error?.path == "accounts.VOL-1.margin_model")
        #expect(error?.problem.contains(#""standard" disagrees with"#) == true, "\(error?.problem ?? "")")
        #expect(error?.problem.contains(#""portfolio""#) == true)
    }
}
