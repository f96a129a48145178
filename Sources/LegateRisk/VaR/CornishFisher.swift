/// The Cornish–Fisher expansion: quantiles of a distribution from its first four moments (risk-methodology §4.3).
///
/// `z_cf = z + (z² − 1)S/6 + (z³ − 3z)K/24 − (2z³ − 5z)S²/36` with `z = Φ⁻¹(p)`, skewness `S` and excess kurtosis `K`
/// (Cornish & Fisher 1937; the form used by Zangari, RiskMetrics Monitor Q1 1996, and by mir-stat's
/// `cornishFisherInvCDF`, whose unit-test values the tests reproduce: p = 0.99, S = 0.1, K = 0 → 2.396116).
public enum CornishFisher {
    /// The standardised `p`-quantile `z_cf`.
    public static func quantile(_ p: Double, skewness s: Double, excessKurtosis k: Double) -> Double {
        let z = normalQuantile(p)
        let z2 = z * z
        let z3 = z2 * z
        return z + (z2 - 1) * s / 6 + (z3 - 3 * z) * k / 24 - (2 * z3 - 5 * z) * s * s / 36
    }

    /// `(1/p)·∫₀ᵖ z_cf(u) du`, the mean of the standardised distribution below its `p`-quantile, in closed form.
    ///
    /// Expected shortfall is the tail average of the quantile function (Acerbi & Tasche 2002, eq. 3.3 in the
    /// continuous case). Substituting `u = Φ(z)` turns the integral into `∫₋∞^{z_p} z_cf(z)·φ(z) dz`, and the truncated
    /// normal moments `∫z φ = −φ`, `∫(z² − 1)φ = −zφ`, `∫(z³ − 3z)φ = −(z² − 1)φ`, `∫(2z³ − 5z)φ = (1 − 2z²)φ` (all
    /// from −∞ to `z`) give `−φ(z)·[1 + zS/6 + (z² − 1)K/24 + (1 − 2z²)S²/36]/p`. With `S = K = 0` this is the normal
    /// `−φ(z)/p` of §4.5.
    public static func tailMean(_ p: Double, skewness s: Double, excessKurtosis k: Double) -> Double {
        let z = normalQuantile(p)
        let z2 = z * z
        let bracket = 1 + z * s / 6 + (z2 - 1) * k / 24 + (1 - 2 * z2) * s * s / 36
        return -normalDensity(z) * bracket / p
    }
}
