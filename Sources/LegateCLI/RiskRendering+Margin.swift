internal import Foundation

extension RiskRendering {
    /// Each model's IM and MM over the whole portfolio and what drives it.
    static func margin(_ margin: RiskReport.Margin) -> [String] {
        let lines = ["", "MARGIN (USD, whole portfolio; house = the firm as one portfolio)"]
        let models = [
            ("standard", margin.standard), ("portfolio", margin.portfolio), ("span", margin.span),
            ("house", margin.house),
        ]
        let rows = models.map { name, model in
            [name, model.model, usd(model.initial), usd(model.maintenance), driver(model)]
        }
        return lines + table(["model", "parameters", "IM", "MM", "driven by"], rows, alignments: "llrrl")
    }

    static func driver(_ model: RiskReport.ModelMargin) -> String {
        if let worst = model.worstScenario {
            let move = String(format: "%+.1f%%", worst.spotMove * 100)
            let kind = worst.extended ? " (extended)" : ""
            return "worst: \(worst.riskUnit) spot \(move)\(kind), vol \(worst.vol): loss \(usd(worst.lossUSD))"
        }
        if let largest = model.largestPosition {
            return "largest: \(largest.account) \(largest.instrument): IM \(usd(largest.initialUSD))"
        }
        return "no scenario loses"
    }

    /// The views per account, venue, collateral currency and desk, with the liquidation moves.
    static func crossMargin(_ cross: RiskReport.CrossMargin) -> [String] {
        let range = String(format: "%.0f%% to %+.0f%%", cross.lowestMove * 100, cross.highestMove * 100)
        let lines = [
            "",
            "CROSS-MARGIN (amounts in the row's currency: an account's collateral, USD for venues and desks)",
            "  liq down/up: the spot move at which equity reaches MM, vol unchanged, read from \(range) "
                + "(beyond it: not reached)",
        ]
        var rows: [[String]] = []
        for view in cross.views {
            let amounts = [view.equity, view.initial, view.maintenance, view.available].map {
                amount($0, currency: view.currency)
            }
            let cells =
                [view.scope, view.name, view.desk ?? "-", view.model, view.currency] + amounts
                + [
                    percent(view.initialUtilisation.map { $0 * 100 }),
                    percent(view.maintenanceUtilisation.map { $0 * 100 }),
                    move(view.liquidationMoveDown, beyond: cross.lowestMove),
                    move(view.liquidationMoveUp, beyond: cross.highestMove),
                ]
            rows.append(cells)
        }
        let header = [
            "scope", "name", "desk", "model", "ccy", "equity", "IM", "MM", "available", "IM/eq", "MM/eq", "liq down",
            "liq up",
        ]
        return lines + table(header, rows, alignments: "lllllrrrrrrrr")
    }

    /// Columns as wide as their widest cell, `l`eft- or `r`ight-aligned, two spaces apart; the last column is not
    /// padded.
    static func table(_ header: [String], _ rows: [[String]], alignments: String) -> [String] {
        let all = [header] + rows
        let widths = header.indices.map { column in
            all.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0
        }
        let isLeft = alignments.map { $0 == "l" }
        return all.map { cells in
            var line = ""
            for (column, cell) in cells.enumerated() {
                let pad = String(
                    repeating: " ",
                    count: max(0, (widths.indices.contains(column) ? widths[column] : 0) - cell.count)
                )
                let isLast = column == cells.count - 1
                let left = isLeft.indices.contains(column) && isLeft[column]
                line += (column == 0 ? "" : "  ") + (left ? cell + (isLast ? "" : pad) : pad + cell)
            }
            return line
        }
    }

    /// USD and stablecoins to the unit, coins to 4 decimals.
    static func amount(_ value: Double, currency: String) -> String {
        ["USD", "USDC", "USDT"].contains(currency) ? usd(value) : String(format: "%.4f", value)
    }

    /// A liquidation move; nil means the curve does not reach maintenance within its moves.
    static func move(_ value: Double?, beyond limit: Double) -> String {
        guard let value else { return String(format: limit < 0 ? "<%.0f%%" : ">%+.0f%%", limit * 100) }
        return value == 0 ? "now" : String(format: "%+.1f%%", value * 100)
    }
}
