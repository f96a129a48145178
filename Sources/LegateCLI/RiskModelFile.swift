internal import Foundation
internal import LegateRisk

/// `Models/risk/gate.json` read into the pieces the gate and the report value on (see `Models/README.md`).
struct RiskModelFile {
    let coins: [String]
    let buckets: ExpiryBuckets
    let bucketLabels: [String]
    let portfolioParameters: PortfolioMarginParameters
    let portfolioMode: PortfolioMarginMode
    let standardParameters: StandardMarginParameters
    let spanParameters: SpanParameters
    /// The house model, which margins a desk's accounts as one portfolio (`HouseMargin`).
    let houseParameters: PortfolioMarginParameters
    let tail: VaRScenarioSet

    /// Reads `risk/gate.json` under `models` and the files it names.
    static func load(models: String) throws(RiskInputError) -> RiskModelFile {
        let file = "\(models)/risk/gate.json"
        let root = try RiskJSON.load(file)
        try root.onlyKeys([
            "coins", "expiry_buckets", "portfolio_margin", "portfolio_margin_mode", "standard_margin", "span_margin",
            "house_margin", "var",
        ])
        let coins = try root.required("coins").array().map { entry throws(RiskInputError) in try entry.string() }
        let bucketsJSON = try root.required("expiry_buckets")
        let bounds = try bucketsJSON.required("upper_bounds_days").array().map { entry throws(RiskInputError) in
            try entry.number()
        }
        let labelsJSON = try bucketsJSON.required("labels")
        let labels = try labelsJSON.array().map { entry throws(RiskInputError) in try entry.string() }
        let buckets: ExpiryBuckets
        do {
            buckets = try ExpiryBuckets(upperBoundsDays: bounds)
        } catch {
            throw bucketsJSON.fail("\(error)")
        }
        guard labels.count == buckets.count else {
            throw labelsJSON.fail("\(labels.count) labels for \(buckets.count) buckets (one more than the bounds)")
        }
        let pmJSON = try root.required("portfolio_margin")
        let smJSON = try root.required("standard_margin")
        return RiskModelFile(
            coins: coins,
            buckets: buckets,
            bucketLabels: labels,
            portfolioParameters: try decode(PortfolioMarginParameters.self, models, pmJSON),
            portfolioMode: try root.required("portfolio_margin_mode").choice(
                PortfolioMarginMode.allCases,
                what: "a portfolio margin mode"
            ),
            standardParameters: try decode(StandardMarginParameters.self, models, smJSON),
            spanParameters: try span(models, reference(root, "span_margin", "margin/span.json")),
            houseParameters: try house(models, reference(root, "house_margin", "margin/house.json")),
            tail: try tail(root.required("var"), models: models, coins: coins)
        )
    }

    /// A model file named under `key`, or the shipped file when the key is absent.
    private static func reference(_ root: RiskJSON, _ key: String, _ shipped: String) throws(RiskInputError) -> RiskJSON
    {
        try root.optional(key) ?? RiskJSON(value: .string(shipped), file: root.file, path: key)
    }

    /// The SPAN-like parameters, checked here so a bad field is reported against its file.
    private static func span(_ models: String, _ reference: RiskJSON) throws(RiskInputError) -> SpanParameters {
        let parameters = try decode(SpanParameters.self, models, reference)
        do {
            try parameters.validate()
        } catch {
            throw RiskInputError(file: "\(models)/\(try reference.string())", path: "", problem: "\(error)")
        }
        return parameters
    }

    private static func house(
        _ models: String,
        _ reference: RiskJSON
    ) throws(RiskInputError)
        -> PortfolioMarginParameters
    {
        let parameters = try decode(PortfolioMarginParameters.self, models, reference)
        do {
            try parameters.validate()
        } catch {
            throw RiskInputError(file: "\(models)/\(try reference.string())", path: "", problem: "\(error)")
        }
        return parameters
    }

    private static func decode<T: Decodable>(
        _: T.Type,
        _ models: String,
        _ reference: RiskJSON
    ) throws(RiskInputError) -> T {
        let path = "\(models)/\(try reference.string())"
        _ = try RiskJSON.load(path)
        do {
            return try JSONDecoder().decode(T.self, from: try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw RiskInputError(file: path, path: "", problem: "does not fit \(T.self) (\(error))")
        }
    }

    /// Historical scenarios: the last `scenario_count` rows of the series `Models/var/settings.json` names.
    private static func tail(_ json: RiskJSON, models: String, coins: [String]) throws(RiskInputError) -> VaRScenarioSet
    {
        try json.onlyKeys(["settings", "scenarios", "var_confidence", "es_confidence", "scenario_count"])
        var settings = try decode(VaRSettings.self, models, try json.required("settings"))
        let source = try json.required("scenarios")
        guard try source.string() == "historical" else {
            throw source.fail("\"\(try source.string())\" is not a scenario source this command builds (historical)")
        }
        settings.varConfidence = try json.required("var_confidence").number()
        settings.esConfidence = try json.required("es_confidence").number()
        settings.gateScenarioCount = try json.required("scenario_count").integer()
        let seriesFile = "\(models)/\(settings.historical.returnSeries)"
        do {
            let text = try String(contentsOfFile: seriesFile, encoding: .utf8)
            let series = try ReturnSeries(csv: text, what: seriesFile)
            let simulation = try HistoricalSimulation(
                series: series,
                names: coins,
                volDynamics: settings.historical.volDynamics,
                volFloor: settings.volFloor
            )
            return try VaRScenarioSet.historical(simulation, settings: settings)
        } catch let error as VaRError {
            throw json.fail("VaR scenarios: \(error)")
        } catch {
            throw RiskInputError(file: seriesFile, path: "", problem: "cannot be read (\(error))")
        }
    }
}
