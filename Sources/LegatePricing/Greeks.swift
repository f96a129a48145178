/// An option's value and its sensitivities, as raw partial derivatives per unit of each input.
///
/// No desk scaling is applied (no per-1%-vol vega, no per-day theta): scaling belongs to the caller that knows
/// its display convention, and raw derivatives add up across legs and check against finite differences. The
/// underlying is whatever the model prices off: spot for Black–Scholes–Merton, the forward for Black-76 and for
/// inverse options. Value and Greeks are in the premium currency of the model (USD per unit of underlying for
/// Black–Scholes and Black-76, coin for `InverseOption.greeks`).
public struct Greeks: Sendable, Hashable {
    /// Present value of the option.
    public var price: Double
    /// ∂V/∂S: change in value per unit change of the underlying.
    public var delta: Double
    /// ∂²V/∂S².
    public var gamma: Double
    /// ∂V/∂σ per 1.00 of volatility (divide by 100 for "per vol point").
    public var vega: Double
    /// ∂V/∂t per year with calendar time passing, that is −∂V/∂T (divide by 365 for "per day").
    public var theta: Double
    /// ∂V/∂r per 1.00 of rate. Black–Scholes moves the forward with r; Black-76 and inverse options hold it.
    public var rho: Double
    /// ∂²V/∂S∂σ: how delta moves with volatility.
    public var vanna: Double
    /// ∂²V/∂σ²: how vega moves with volatility.
    public var volga: Double
    /// ∂Δ/∂t per year with calendar time passing, that is −∂Δ/∂T: the delta drift of an unchanged market.
    public var charm: Double

    /// Creates a set of Greeks from its components.
    public init(
        price: Double,
        delta: Double,
        gamma: Double,
        vega: Double,
        theta: Double,
        rho: Double,
        vanna: Double,
        volga: Double,
        charm: Double
    ) {
        self.price = price
        self.delta = delta
        self.gamma = gamma
        self.vega = vega
        self.theta = theta
        self.rho = rho
        self.vanna = vanna
        self.volga = volga
        self.charm = charm
    }
}
