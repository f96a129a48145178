internal import LegatePricing

/// The standard normal quantile `Φ⁻¹(p)` (Wichura AS 241, from LegatePricing).
func normalQuantile(_ p: Double) -> Double {
    NormalDistribution.inverseCDF(p)
}

/// The standard normal density `φ(z)`.
func normalDensity(_ z: Double) -> Double {
    NormalDistribution.pdf(z)
}
