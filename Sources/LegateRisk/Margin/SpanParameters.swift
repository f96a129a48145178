/// One scenario of a SPAN risk array: a price move and a vol move as multiples of the scan ranges, and the fraction
/// of the loss covered (risk-methodology §3.1: 14 scenarios at 100% and two extreme moves at 35%).
public struct SpanScenario: Sendable, Hashable, Codable {
    /// Price move as a multiple of the price scan range (−2 … +2 for CME's table).
    public var priceScanMultiple: Double
    /// Vol move as a multiple of the vol scan range (−1, 0, +1).
    public var volScanMultiple: Double
    /// Fraction of the scenario's loss that counts (1, or e.g. 0.35 for an extreme move).
    public var coverage: Double

    public init(priceScanMultiple: Double, volScanMultiple: Double, coverage: Double) {
        self.priceScanMultiple = priceScanMultiple
        self.volScanMultiple = volScanMultiple
        self.coverage = coverage
    }
}

/// Per underlying coin: scan ranges and charges of the SPAN-like model.
public struct SpanUnderlyingParameters: Sendable, Hashable, Codable {
    /// Price scan range as a fraction of the index (0.15 = ±15%).
    public var priceScanRange: Double
    /// Vol scan range in vol points as a fraction (0.25 = ±25 vol points).
    public var volScanRange: Double
    /// Short option minimum per coin of short option notional, as a fraction of the index.
    public var shortOptionMinimumRate: Double
    /// Inter-month (calendar) spread charge per coin of delta spread formed between expiries, as a fraction of the
    /// index.
    public var interMonthSpreadRate: Double

    public init(
        priceScanRange: Double,
        volScanRange: Double,
        shortOptionMinimumRate: Double,
        interMonthSpreadRate: Double
    ) {
        self.priceScanRange = priceScanRange
        self.volScanRange = volScanRange
        self.shortOptionMinimumRate = shortOptionMinimumRate
        self.interMonthSpreadRate = interMonthSpreadRate
    }

    func validate(_ path: String) throws(MarginError) {
        guard priceScanRange.isFinite, priceScanRange > 0, priceScanRange < 1 else {
            throw .invalidParameter(field: "\(path).priceScanRange", value: priceScanRange, reason: "must be in (0, 1)")
        }
        try ParameterCheck.nonNegative(volScanRange, "\(path).volScanRange")
        try ParameterCheck.fraction(shortOptionMinimumRate, "\(path).shortOptionMinimumRate")
        try ParameterCheck.fraction(interMonthSpreadRate, "\(path).interMonthSpreadRate")
    }
}

/// Parameters of the SPAN-like model (`Models/margin/span.json`).
public struct SpanParameters: Sendable, Hashable, Codable {
    public var model: String
    /// The risk-array scenarios, in SPAN's order.
    public var scenarios: [SpanScenario]
    /// The lowest shocked vol, as a fraction.
    public var volFloor: Double
    public var underlyings: [String: SpanUnderlyingParameters]

    public init(
        model: String,
        scenarios: [SpanScenario],
        volFloor: Double,
        underlyings: [String: SpanUnderlyingParameters]
    ) {
        self.model = model
        self.scenarios = scenarios
        self.volFloor = volFloor
        self.underlyings = underlyings
    }

    /// Checks every field.
    ///
    /// - Throws: `MarginError.invalidParameter` or `.invalidTable` naming the field by its JSON path.
    public func validate() throws(MarginError) {
        guard !scenarios.isEmpty else { throw .invalidTable(field: "scenarios", reason: "is empty") }
        for (index, scenario) in scenarios.enumerated() {
            let path = "scenarios[\(index)]"
            try ParameterCheck.finite(scenario.priceScanMultiple, "\(path).priceScanMultiple")
            try ParameterCheck.finite(scenario.volScanMultiple, "\(path).volScanMultiple")
            try ParameterCheck.fraction(scenario.coverage, "\(path).coverage")
        }
        try ParameterCheck.positive(volFloor, "volFloor")
        guard !underlyings.isEmpty else { throw .invalidTable(field: "underlyings", reason: "is empty") }
        for code in underlyings.keys.sorted() {
            _ = try ParameterCheck.asset(code, "underlyings.\(code)")
            try underlyings[code]?.validate("underlyings.\(code)")
            let largest = scenarios.map { abs($0.priceScanMultiple) }.max() ?? 0
            if let range = underlyings[code]?.priceScanRange, largest * range >= 1 {
                throw .invalidParameter(
                    field: "underlyings.\(code).priceScanRange",
                    value: range,
                    reason: "times the largest scan multiple \(largest) must stay below 1 (a price cannot fall 100%)"
                )
            }
        }
    }

    /// The parameters of one underlying coin.
    ///
    /// - Throws: `MarginError.missingUnderlying`.
    public func parameters(for coin: String) throws(MarginError) -> SpanUnderlyingParameters {
        guard let parameters = underlyings[coin] else { throw .missingUnderlying(coin, model: model) }
        return parameters
    }
}
