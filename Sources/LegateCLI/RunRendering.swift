internal import Foundation

/// The run's timeline and summary as text, or as one JSON object.
enum RunRendering {
    static func text(_ line: RunLine) -> String {
        "\(line.time)  \(line.kind.padding(toLength: 10, withPad: " ", startingAt: 0)) \(line.text)"
    }

    static func json(lines: [RunLine], summary: RunSummary) throws -> String {
        struct Document: Encodable {
            let timeline: [RunLine]
            let summary: RunSummary
        }
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return String(decoding: try encoder.encode(Document(timeline: lines, summary: summary)), as: UTF8.self)
    }

    static func text(_ summary: RunSummary) -> String {
        let session = summary.session
        var lines = [
            "",
            "SUMMARY  \(session.start) → \(session.end): \(session.simulated) simulated in "
                + "\(String(format: "%.1f", session.wallSeconds)) s, seed \(session.seed), venues "
                + session.venues.joined(separator: ", "),
            "engine      \(session.engineInputs) inputs (\(session.marks) of them marks)",
            "orders      \(summary.orders.reduce(0) { $0 + $1.count }): "
                + summary.orders.map { "\($0.state) \($0.count)" }.joined(separator: ", ")
                + "; packages \(summary.packages)",
            "fills       \(summary.fills); fees "
                + (summary.fees.isEmpty
                    ? "none"
                    : summary.fees.map { "\($0.amount) \($0.currency)" }.joined(separator: ", ")),
        ]
        lines.append("positions")
        let widths = [-9, -8, -24, 10, 14, 12]
        for row in summary.positions {
            let cells = [
                row.account, row.venue, row.instrument, row.quantity, row.mark ?? "-",
                row.pnlUSD.map { RunTimeline.usd($0, signed: true) } ?? "-",
            ]
            lines.append("  " + RiskRendering.row(cells, widths: widths))
        }
        if summary.positions.isEmpty { lines.append("  none") }
        lines.append("accounts    (P&L on the final marks, USD)")
        for row in summary.accounts {
            lines.append(
                "  \(row.account.padding(toLength: 9, withPad: " ", startingAt: 0)) \(row.openPositions) open, "
                    + "P&L \(RunTimeline.usd(row.pnlUSD, signed: true)), fees \(RunTimeline.usd(row.feesUSD))"
            )
        }
        lines.append("venues")
        for row in summary.venues {
            lines.append(
                "  \(row.venue.padding(toLength: 9, withPad: " ", startingAt: 0)) outages \(row.outages) "
                    + "(\(row.outageSeconds) s), disconnects \(row.disconnects) (\(row.disconnectedSeconds) s), "
                    + "engine commands \(row.engineCommands), crowd commands \(row.crowdCommands), "
                    + "instruments listed \(row.listedAtEnd)"
            )
        }
        if let market = summary.gateMarket { lines.append("gate market \(market.summary)") }
        lines.append("")
        if let risk = summary.risk {
            lines.append(RiskRendering.text(risk))
        } else if let problem = summary.riskProblem {
            lines.append("RISK REPORT unavailable: \(problem)")
        }
        lines += [
            "",
            "journal     \(summary.journal): \(summary.journalRecords) records, \(summary.events) events",
            "replay      legate replay --journal \(summary.journal)",
            "state hash  \(summary.stateHash)",
        ]
        return lines.joined(separator: "\n")
    }
}
