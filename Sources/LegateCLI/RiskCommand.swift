internal import ArgumentParser
internal import Foundation

/// `legate risk`: a risk report on a portfolio file, and the gate's decision on a what-if.
struct RiskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "risk",
        abstract: "Report a portfolio's Greeks, margin, VaR/ES and limit use; judge a what-if through the risk gate.",
        discussion: """
            PORTFOLIO FILE (JSON; example Config/examples/portfolio.json):
              {"market": {"valuation_time": "2026-11-20T08:00:00Z",
                          "underlyings": {"BTC": {"index": "95000",
                                                  "futures": {"BTC-25DEC26": "95400"},
                                                  "vol": "0.55"}}},
               "positions": [{"account": "VOL-1", "venue": "deribit", "instrument": "BTC-25DEC26-100000-C",
                              "quantity": "-25", "average_price": "0.031"}]}
              Decimals are strings. "futures" maps dated-future symbols to prices (the forward of their expiry);
              instead of "vol" an underlying may give "svi": [{"a","b","rho","m","sigma","expiry_years"}].
              Instruments are venue symbols (deribit, okx); quantities are signed contracts, average prices in the
              instrument's price unit (coin for inverse options).
              Optional "accounts": {"VOL-1": {"margin_model": "standard"|"portfolio"|"span" (default standard),
                                              "collateral": "BTC"|"USD"|... (default: the coin its positions settle
                                              in when they all settle in one coin, else USD),
                                              "venue": "deribit"|... (default: its first position's venue)}}
              Every account holding positions needs its equity (USD) in the limits file.

            WHAT-IF FILE (JSON; example Config/examples/what-if-condor.json):
              {"orders": [{"account", "venue" (default deribit), "symbol", "side": "buy"|"sell",
                           "quantity", "price"}]}      (or the bare list), or
              {"package": {"account", "venue", "shape": "ironCondor"|...|"custom", "side", "quantity",
                           "legs": [{"symbol", "side", "ratio" (default 1), "price"}]}}

            The gate's model is Models/risk/gate.json; limits, desks and equity are Config/limits.json.
            Figures are USD: delta per 100% move, gamma per 1% move, vega per vol point, theta per day.
            Margin: standard, portfolio (gate.json's), SPAN-like and house models over the whole portfolio, each
            with its worst scenario; cross-margin views per account (its own model, in its collateral), venue,
            collateral currency and desk (house model), with the spot move at which equity reaches MM.
            A bad file is reported with the file, the key path and the problem; the exit status is then 1.
            """
    )

    @Option(help: "The portfolio file (positions and a market snapshot).")
    var portfolio: String

    @Option(name: .customLong("what-if"), help: "Orders or one package to judge against the portfolio.")
    var whatIf: String?

    @Option(help: "The limits file.")
    var limits = "Config/limits.json"

    @Option(help: "The models directory.")
    var models = "Models"

    @Flag(help: "Print one JSON object instead of the text report.")
    var json = false

    func run() throws {
        do {
            let report = try Self.report(portfolio: portfolio, whatIf: whatIf, limits: limits, models: models)
            let text = json ? try RiskRendering.json(report) : RiskRendering.text(report)
            FileHandle.standardOutput.write(Data((text + "\n").utf8))
        } catch let error as RiskInputError {
            FileHandle.standardError.write(Data("legate risk: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }

    /// The whole command without I/O to the terminal: what the tests call.
    static func report(
        portfolio: String,
        whatIf: String?,
        limits: String,
        models: String
    ) throws(RiskInputError) -> RiskReport {
        let inputs = try RiskInputs.load(models: models, limits: limits, portfolio: portfolio)
        var report = try RiskReport.make(inputs)
        if let whatIf {
            let file = try RiskWhatIfFile.load(whatIf)
            var run = try RiskWhatIfRun(inputs, whatIf: file, file: whatIf)
            report.whatIf = try run.judge(file, inputs: inputs)
        }
        return report
    }
}
