/// Sensitivities of a value counted in one numeraire (coin or USD), additive across positions.
///
/// Price sensitivities are to a relative move of the underlying (spot and every forward by the same factor), which
/// keeps them in the numeraire's own unit: `delta = F·∂V/∂F` (value change per 100% move; in coin numeraire this is
/// Deribit's premium-adjusted delta of an inverse option, Black delta minus premium), `gamma = F²·∂²V/∂F²` (so a
/// move m changes the value by about `delta·m + gamma·m²/2`), `vanna = F·∂²V/∂F∂σ`. `vega = ∂V/∂σ` per 1.00 of vol,
/// `theta = ∂V/∂t` per year of calendar time, `volga = ∂²V/∂σ²`. `notional` is the underlying exposure |size| in
/// coins (coin numeraire) or |size|·index (USD).
///
/// The number of coins to trade against a USD-numeraire delta is `usd.delta / index`.
public struct GreekTotals: Sendable, Hashable {
    public var delta: Double
    public var gamma: Double
    public var vega: Double
    public var theta: Double
    public var vanna: Double
    public var volga: Double
    public var notional: Double

    public init(
        delta: Double,
        gamma: Double,
        vega: Double,
        theta: Double,
        vanna: Double,
        volga: Double,
        notional: Double
    ) {
        self.delta = delta
        self.gamma = gamma
        self.vega = vega
        self.theta = theta
        self.vanna = vanna
        self.volga = volga
        self.notional = notional
    }

    public static let zero = GreekTotals(delta: 0, gamma: 0, vega: 0, theta: 0, vanna: 0, volga: 0, notional: 0)

    /// Adds another position's figures.
    public mutating func add(_ other: GreekTotals) {
        delta += other.delta
        gamma += other.gamma
        vega += other.vega
        theta += other.theta
        vanna += other.vanna
        volga += other.volga
        notional += other.notional
    }
}

/// A value and its raw partial derivatives with respect to the forward F, vol σ and calendar time, per position.
struct RawSensitivities {
    var value: Double
    var dF: Double
    var dFF: Double
    var dSigma: Double
    var dTime: Double
    var dFSigma: Double
    var dSigmaSigma: Double

    /// The additive figures, price sensitivities scaled to a relative move (see `GreekTotals`).
    func totals(forward: Double, notional: Double) -> GreekTotals {
        GreekTotals(
            delta: forward * dF,
            gamma: forward * forward * dFF,
            vega: dSigma,
            theta: dTime,
            vanna: forward * dFSigma,
            volga: dSigmaSigma,
            notional: notional
        )
    }

    /// The same position valued in USD, when `self` is its coin value: `U = S·V` with `S/F` held constant.
    func coinToUSD(forward: Double, index: Double) -> RawSensitivities {
        let ratio = index / forward
        return RawSensitivities(
            value: index * value,
            dF: ratio * (value + forward * dF),
            dFF: ratio * (2 * dF + forward * dFF),
            dSigma: index * dSigma,
            dTime: index * dTime,
            dFSigma: ratio * (dSigma + forward * dFSigma),
            dSigmaSigma: index * dSigmaSigma
        )
    }

    /// The same position valued in coin, when `self` is its USD value: `V = U/S` with `S/F` held constant.
    func usdToCoin(forward: Double, index: Double) -> RawSensitivities {
        let f = forward
        return RawSensitivities(
            value: value / index,
            dF: (f * dF - value) / (index * f),
            dFF: dFF / index - 2 * dF / (index * f) + 2 * value / (index * f * f),
            dSigma: dSigma / index,
            dTime: dTime / index,
            dFSigma: (f * dFSigma - dSigma) / (index * f),
            dSigmaSigma: dSigmaSigma / index
        )
    }
}
