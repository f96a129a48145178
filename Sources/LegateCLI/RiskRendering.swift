internal import Foundation

/// The report as text a risk manager reads at a glance, or as one JSON object.
enum RiskRendering {
    static func json(_ report: RiskReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }

    static func usd(_ value: Double) -> String { String(format: "%.0f", value) }

    static func percent(_ value: Double?) -> String { value.map { String(format: "%.1f%%", $0) } ?? "-" }

    static func row(_ cells: [String], widths: [Int]) -> String {
        zip(cells, widths).map { cell, width in
            width < 0
                ? cell.padding(toLength: -width, withPad: " ", startingAt: 0)
                : String(repeating: " ", count: max(0, width - cell.count)) + cell
        }.joined(separator: "  ")
    }

    static func text(_ report: RiskReport) -> String {
        var lines = [
            "RISK REPORT  positions \(report.positions)  (USD; delta/100% move, gamma/1%, vega/vol pt, theta/day)"
        ]
        lines.append("")
        lines.append("GREEKS")
        let greekWidths = [-6, -8, 14, 12, 12, 12, 14]
        lines.append(row(["coin", "bucket", "delta", "gamma", "vega", "theta", "notional"], widths: greekWidths))
        for greek in report.greeks {
            let cells =
                [greek.underlying, greek.bucket]
                + [greek.delta, greek.gamma, greek.vega, greek.theta, greek.notional].map(usd)
            lines.append(row(cells, widths: greekWidths))
        }
        lines += margin(report.margin)
        lines += crossMargin(report.crossMargin)
        lines.append("")
        let tail = report.tail
        lines.append("VAR  \(tail.scenarios) historical scenarios")
        lines.append(
            "  VaR \(tail.varConfidence * 100)%: \(usd(tail.valueAtRisk))    ES \(tail.esConfidence * 100)%: \(usd(tail.expectedShortfall))"
        )
        lines.append("")
        lines.append("LIMITS")
        let limitWidths = [-22, -28, -5, 14, 14, 8]
        lines.append(row(["measure", "scope", "sev", "figure", "threshold", "used"], widths: limitWidths))
        for limit in report.limits {
            let figure = limit.figure.map { $0 < 10 ? String(format: "%.4f", $0) : usd($0) } ?? "per order"
            let threshold = limit.threshold < 10 ? String(format: "%.4f", limit.threshold) : usd(limit.threshold)
            lines.append(
                row(
                    [limit.measure, limit.scope, limit.severity, figure, threshold, percent(limit.usedPercent)],
                    widths: limitWidths
                )
            )
        }
        if let whatIf = report.whatIf { lines += self.whatIf(whatIf) }
        return lines.joined(separator: "\n")
    }

    static func whatIf(_ whatIf: RiskWhatIfReport) -> [String] {
        var lines = ["", "WHAT-IF"]
        for decision in whatIf.decisions {
            var line = "  \(decision.order): \(decision.decision.uppercased())"
            if let measure = decision.measure, let scope = decision.scope {
                line +=
                    " — \(measure) on \(scope): now \(decision.now ?? "-"), after \(decision.after ?? "-"), threshold \(decision.threshold ?? "-")"
            }
            if let reason = decision.reason { line += " — \(reason)" }
            lines.append(line)
        }
        let widths = [-26, 14, 14]
        lines.append(row(["measure", "before", "after"], widths: widths))
        for change in whatIf.measures {
            lines.append(row([change.measure, usd(change.before), usd(change.after)], widths: widths))
        }
        return lines
    }
}
