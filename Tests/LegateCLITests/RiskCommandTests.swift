// Proves `legate risk` on the shipped examples: its figures are the library's own (portfolio margin, standard
// margin, VaR/ES, Greeks), the iron-condor what-if is rejected through the real engine with the breach's figures,
// and every kind of bad input gets an error naming the file, the key path and the problem.
import ArgumentParser
import Foundation
import LegateCore
import LegateModel
import LegateRisk
import Testing

@testable import LegateCLI

enum RiskPaths {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let models = "\(root)/Models"
    static let limits = "\(root)/Config/limits.json"
    static let portfolio = "\(root)/Config/examples/portfolio.json"
    static let condor = "\(root)/Config/examples/what-if-condor.json"

    /// Writes `text` to a fresh temporary file and returns its path.
    static func temporary(_ text: String, name: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("risk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The example limits with one replacement applied.
    static func limits(replacing old: String, with new: String) throws -> String {
        let text = try String(contentsOfFile: limits, encoding: .utf8)
        #expect(text.contains(old), "the example limits no longer contain \(old)")
        return try temporary(text.replacingOccurrences(of: old, with: new), name: "limits.json")
    }

    static func error(portfolio: String = portfolio, whatIf: String? = nil, limits: String = limits) -> RiskInputError?
    {
        do {
            _ = try RiskCommand.report(portfolio: portfolio, whatIf: whatIf, limits: limits, models: models)
            return nil
        } catch {
            return error
        }
    }
}

@Suite struct RiskCommandTests {
    @Test func exampleFiguresAreTheLibrarys() throws {
        let (report, inputs) = try RiskMarginFiles.example()
        let positions = inputs.positions
        #expect(positions.count == 7)
        let market = inputs.portfolio.market
        let portfolio = try PortfolioMargin.evaluate(
            positions,
            market: market,
            parameters: inputs.modelFile.portfolioParameters,
            mode: .crossCollateral
        )
        #expect(report.margin.portfolio.initial == portfolio.totalUSD.initial)
        #expect(report.margin.portfolio.maintenance == portfolio.totalUSD.maintenance)
        #expect(report.margin.portfolio.initial > 0)
        let standard = try StandardMargin.requirements(
            positions,
            market: market,
            parameters: inputs.modelFile.standardParameters
        )
        let index = try #require(market.market(of: Underlying(base: .btc, quote: .usd))?.index)
        let standardUSD = standard.reduce(0.0) { $0 + $1.value.initial * ($1.key.code == "BTC" ? index : 1) }
        #expect(abs(report.margin.standard.initial - standardUSD) < 1e-6 * standardUSD)
        // Greeks: the total row equals BookRisk's aggregate over the same positions.
        var book = try PositionBook(
            conventions: BookConventions(averagePriceScale: 8, pnlScale: 8, rounding: .toNearestOrEven)
        )
        for position in positions { try book.load(position) }
        let risk = try BookRisk(book, market: market, buckets: inputs.modelFile.buckets)
        let total = try #require(report.greeks.first { $0.bucket == "total" })
        let aggregate = try #require(risk.underlyingRisks.first)
        #expect(abs(total.delta - aggregate.usd.delta) < 1e-6 * abs(aggregate.usd.delta))
        #expect(abs(total.vega - aggregate.usd.vega / 100) < 1e-6 * max(1, abs(aggregate.usd.vega / 100)))
        let bucketDelta = report.greeks.filter { $0.bucket != "total" }.reduce(0) { $0 + $1.delta }
        #expect(abs(bucketDelta - total.delta) < 1e-6 * abs(total.delta))
        // VaR/ES: the tail of the gate's own firm exposure.
        #expect(report.tail.scenarios == 1_000)
        #expect(report.tail.valueAtRisk > 0 && report.tail.expectedShortfall > 0)
        let accounts = report.crossMargin.views.filter { $0.scope == "account" }
        #expect(accounts.map(\.name) == ["HEDGE-1@deribit", "VOL-1@deribit", "VOL-2@deribit"])
        #expect(report.limits.count == 15)
        let utilisation = try #require(report.limits.first { $0.measure == "margin_utilisation" })
        let vol1 = try #require(accounts.first { $0.name == "VOL-1@deribit" })
        #expect(vol1.model == "portfolio", "the example names VOL-1's model")
        // The gate's incremental margin utilisation equals the full portfolio-margin recomputation of the account.
        let full = try #require(vol1.initialUtilisation)
        #expect(abs((utilisation.figure ?? 0) - full) < 1e-9)
    }

    @Test func condorWhatIfIsRejectedWithFigures() throws {
        let report = try RiskCommand.report(
            portfolio: RiskPaths.portfolio,
            whatIf: RiskPaths.condor,
            limits: RiskPaths.limits,
            models: RiskPaths.models
        )
        let whatIf = try #require(report.whatIf)
        let decision = try #require(whatIf.decisions.first)
        #expect(decision.decision == "reject")
        #expect(decision.measure == "delta")
        #expect(decision.scope == "firm")
        let now = try #require(decision.now.flatMap(Double.init))
        let after = try #require(decision.after.flatMap(Double.init))
        let threshold = try #require(decision.threshold.flatMap(Double.init))
        #expect(now <= threshold && after > threshold)
        let delta = try #require(whatIf.measures.first { $0.measure == "delta" })
        #expect(abs(delta.before - now) < 1e-3 && abs(delta.after - after) < 1e-3)
        let limitDelta = try #require(report.limits.first { $0.measure == "delta" && $0.scope == "firm" })
        #expect(abs((limitDelta.figure ?? 0) - now) < 1e-3)
    }

    @Test func smallOrderIsAccepted() throws {
        let orders =
            #"[{"account": "VOL-1", "symbol": "BTC-25DEC26-100000-C", "side": "buy", "quantity": "1", "price": "0.03"}]"#
        let report = try RiskCommand.report(
            portfolio: RiskPaths.portfolio,
            whatIf: try RiskPaths.temporary(orders, name: "orders.json"),
            limits: RiskPaths.limits,
            models: RiskPaths.models
        )
        #expect(report.whatIf?.decisions.map(\.decision) == ["accept"])
    }

    @Test func jsonAndTextCarryTheSameReport() throws {
        let report = try RiskCommand.report(
            portfolio: RiskPaths.portfolio,
            whatIf: RiskPaths.condor,
            limits: RiskPaths.limits,
            models: RiskPaths.models
        )
        let json = try RiskRendering.json(report)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        for key in ["greeks", "margin", "cross_margin", "tail", "limits", "what_if"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        let text = RiskRendering.text(report)
        for heading in ["GREEKS", "MARGIN", "CROSS-MARGIN", "VAR", "LIMITS", "WHAT-IF", "REJECT"] {
            #expect(text.contains(heading), "missing \(heading)")
        }
    }

    @Test func missingFile() {
        let error = RiskPaths.error(portfolio: "/nonexistent/portfolio.json")
        #expect(error?.file == "/nonexistent/portfolio.json")
        #expect(error?.problem.hasPrefix("cannot be read") == true)
    }

    @Test func badJSON() throws {
        let path = try RiskPaths.temporary("{\"market\": {\n  \"valuation_time\": ,\n}", name: "portfolio.json")
        let error = RiskPaths.error(portfolio: path)
        #expect(error?.file == path)
        // The comma is the 21st character of line 2: `  "valuation_time": ,`.
        #expect(error?.path == "line 2, column 21")
        #expect(error?.problem == "is not valid JSON: expected a value, found \",\"")
    }

    /// Columns count characters, not bytes (the é is two bytes); lines count from 1.
    @Test(arguments: [
        (#"{"a": "x"#, "line 1, column 9", "a string is not closed before the end of the file"),
        (#"{"é": 01}"#, "line 1, column 8", #"expected "," or "}", found "1""#),
        ("{}\n\n  x", "line 3, column 3", #""x" after the end of the JSON value"#),
        (#"{"a" 1}"#, "line 1, column 6", #"expected ":" after the key, found "1""#),
    ])
    func badJSONNamesLineAndColumn(text: String, place: String, problem: String) throws {
        let path = try RiskPaths.temporary(text, name: "portfolio.json")
        let error = RiskPaths.error(portfolio: path)
        #expect(error?.description == "\(path): \(place): is not valid JSON: \(problem)")
    }

    @Test func unknownSymbol() throws {
        let text = try String(contentsOfFile: RiskPaths.portfolio, encoding: .utf8)
            .replacingOccurrences(of: "BTC-25DEC26-100000-C", with: "BTC-NOTADATE-1-C")
        let error = RiskPaths.error(portfolio: try RiskPaths.temporary(text, name: "portfolio.json"))
        #expect(error?.path == "positions[0].instrument")
        #expect(error?.problem.contains("BTC-NOTADATE-1-C") == true)
    }

    @Test func badDecimal() throws {
        let limits = try RiskPaths.limits(replacing: #""threshold": "3000000""#, with: #""threshold": "12x""#)
        let error = RiskPaths.error(limits: limits)
        #expect(error?.description == "\(limits): limits[0].threshold: \"12x\" is not a decimal number")
    }

    @Test func unknownMeasure() throws {
        let limits = try RiskPaths.limits(replacing: #""measure": "theta""#, with: #""measure": "thetta""#)
        let error = RiskPaths.error(limits: limits)
        #expect(error?.path == "limits[5].measure")
        #expect(error?.problem.hasPrefix("\"thetta\" is not a limit measure") == true)
    }

    @Test func unknownBucketLabel() throws {
        let limits = try RiskPaths.limits(replacing: #""expiry_bucket": "120d+""#, with: #""expiry_bucket": "9d""#)
        let error = RiskPaths.error(limits: limits)
        #expect(error?.path == "limits[3].scope.expiry_bucket")
        #expect(error?.problem.hasPrefix("\"9d\" is not an expiry bucket label") == true)
    }

    @Test func badWhatIf() throws {
        let orders =
            #"{"orders": [{"account": "VOL-1", "symbol": "BTC-25DEC26-100000-C", "side": "long", "quantity": "1", "price": "0.03"}]}"#
        let path = try RiskPaths.temporary(orders, name: "orders.json")
        let error = RiskPaths.error(whatIf: path)
        #expect(error?.path == "orders[0].side")
    }

    @Test func commandExitsWithStatusOne() throws {
        let command = try RiskCommand.parse(["--portfolio", "/nonexistent.json", "--models", RiskPaths.models])
        #expect(throws: ExitCode(1)) { try command.run() }
    }
}
