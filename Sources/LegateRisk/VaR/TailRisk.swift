/// Value at risk and expected shortfall of one P&L distribution, as positive losses.
///
/// Both are read off scenario P&L (historical, Monte Carlo or a fixed VaR scenario set) by `TailRiskReader`, or
/// computed in closed form by the parametric model. A negative figure means the book gains even in its tail.
public struct TailRisk: Sendable, Hashable, Codable {
    /// The loss exceeded with probability at most `1 − varConfidence` (risk-methodology §4.1).
    public var valueAtRisk: Double
    /// The mean loss beyond the `esConfidence` quantile (§4.5, Acerbi–Tasche).
    public var expectedShortfall: Double
    public var varConfidence: Double
    public var esConfidence: Double

    public init(valueAtRisk: Double, expectedShortfall: Double, varConfidence: Double, esConfidence: Double) {
        self.valueAtRisk = valueAtRisk
        self.expectedShortfall = expectedShortfall
        self.varConfidence = varConfidence
        self.esConfidence = esConfidence
    }
}

/// Checks that a confidence level lies in the open interval (0, 1).
func validateConfidence(_ value: Double, what: String) throws(VaRError) {
    guard value > 0, value < 1 else { throw .confidenceOutOfRange(what: what, value: value) }
}

/// `n·(1 − confidence)`, the tail's probability mass in scenarios, snapped to an integer when it is one up to
/// rounding (500 × (1 − 0.99) is 5.000000000000004 in binary floating point, and must select the 5th worst loss).
func tailMass(scenarioCount n: Int, confidence: Double) -> Double {
    let mass = Double(n) * (1 - confidence)
    let nearest = mass.rounded()
    return (mass - nearest).magnitude <= 1e-9 * max(1, mass) ? nearest : mass
}
