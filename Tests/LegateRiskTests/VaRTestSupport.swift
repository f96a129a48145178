// Shared helpers for the VaR tests: the repository's Models/ folder read with Foundation (the module itself does no
// I/O), and small books whose P&L is known in closed form.

import Foundation
import LegateModel

@testable import LegateRisk

enum VaRFixtures {
    /// `Models/` of this repository, found from this file's path (Tests/LegateRiskTests/ → ../../Models).
    static let modelsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Models")

    /// `Models/var/settings.json`, decoded and validated.
    static func settings() throws -> VaRSettings {
        let data = try Data(contentsOf: modelsDirectory.appendingPathComponent("var/settings.json"))
        let settings = try JSONDecoder().decode(VaRSettings.self, from: data)
        try settings.validate()
        return settings
    }

    /// The historical return series the settings name.
    static func returnSeries(_ settings: VaRSettings) throws -> ReturnSeries {
        let url = modelsDirectory.appendingPathComponent(settings.historical.returnSeries)
        let text = try String(contentsOf: url, encoding: .utf8)
        return try ReturnSeries(csv: text, what: settings.historical.returnSeries)
    }

    /// A book of spot positions, one per underlying, `coins[u]` coins of underlying `u` at index `indices[u]`, all in
    /// group 0: its USD P&L under a move `m` is exactly `Σ coins·index·m`.
    static func spotBook(indices: [Double], coins: [Double]) throws -> ScenarioBook {
        var book = ScenarioBook(indexPrices: indices, groupCount: 1)
        for (underlying, quantity) in coins.enumerated() {
            try book.append(
                ScenarioPosition(
                    kind: .spot,
                    settlement: .usd,
                    underlying: underlying,
                    group: 0,
                    quantity: quantity,
                    forward: indices[underlying]
                )
            )
        }
        return book
    }

    /// Settings from the file with the given Monte Carlo overrides.
    static func settings(pathCount: Int, spotShocks: SpotShockModel, horizonDays: Double = 1) throws -> VaRSettings {
        var settings = try settings()
        settings.monteCarlo.pathCount = pathCount
        settings.monteCarlo.spotShocks = spotShocks
        settings.horizonDays = horizonDays
        return settings
    }
}
