internal import ArgumentParser
internal import Foundation

/// `legate run`: Legate's main job on its embedded defaults — the engine with the portfolio risk gate and the
/// SQLite journal, wired to simulated venues, playing a scripted desk.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the engine, risk gate and journal against simulated venues with a scripted desk.",
        discussion: """
            With no arguments it plays Config/run.json: simulated Deribit and OKX quoting the BTC chain (seeded
            market path, market makers, a random crowd, latency, outages and disconnects), the limits of
            Config/limits.json set by a risk manager, and a desk placing single options, an iron condor and a
            straddle as packages, a perpetual delta hedge, a cancel, an order over a soft limit that a risk manager
            approves (four eyes) and one a hard limit rejects. Every input goes through the real EngineService: the
            gate judges it on the venues' live marks, its events are committed to the SQLite journal, and only then
            do venue commands reach the simulated venues, whose acknowledgements, fills, cancels and rejects come
            back as engine inputs. Time is simulated: the same seed and configuration write the same journal.

            Prints a timeline (orders, decisions with their figures, fills and fees, positions, P&L, venue health),
            then a summary: orders by state, fills, fees, positions and P&L per account, the risk report of the
            final book (Greeks, margin utilisation, VaR, limits used), the journal and its state hash, which
            `legate replay --journal FILE` reproduces. The configuration format is in Config/README.md; a bad file
            is reported with the file, the key path and the problem, exit status 1.
            """
    )

    @Option(help: "The run configuration.")
    var config = "Config/run.json"

    @Option(help: "The journal to write (default: the configuration's \"journal\").")
    var journal: String?

    @Option(help: "The seed of the market path, venues and crowd (default: the configuration's).")
    var seed: UInt64?

    @Option(help: "Simulated time to run, e.g. 2h, 90m, 1h30m (default: the configuration's).")
    var duration: String?

    @Flag(help: "Replace the journal file if it exists.")
    var replace = false

    @Flag(help: "Print one JSON object (timeline and summary) instead of text.")
    var json = false

    func run() throws {
        let options = RunOptions(config: config, journal: journal, seed: seed, duration: duration, replace: replace)
        var lines: [RunLine] = []
        do {
            let outcome = try RunSession.run(options) { line in
                if json {
                    lines.append(line)
                } else {
                    Self.write(RunRendering.text(line))
                }
            }
            let summary = RunSummary(outcome)
            Self.write(json ? try RunRendering.json(lines: lines, summary: summary) : RunRendering.text(summary))
        } catch let error as RiskInputError {
            FileHandle.standardError.write(Data("legate run: \(error)\n".utf8))
            throw ExitCode(1)
        } catch let error as RunFailure {
            FileHandle.standardError.write(Data("legate run: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }

    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}
