public import LegateModel

/// Black–Scholes–Merton price and Greeks of a European option on spot with a continuous carry yield.
///
/// `c = S·e^{−qT}·N(d1) − K·e^{−rT}·N(d2)`, `d1 = (ln(S/K) + (r − q + σ²/2)T)/(σ√T)`, `d2 = d1 − σ√T`.
/// With q = 0 this is Black–Scholes; with q the foreign rate it is Garman–Kohlhagen. Greeks are raw partial
/// derivatives (see `Greeks`); rho is the textbook one, with the forward moving with r.
///
/// These functions do not validate: they expect finite inputs with spot, strike, expiry and volatility positive,
/// and give NaN or meaningless values otherwise. `OptionPricer.greeks` validates and throws instead.
public enum BlackScholes {
    /// The present value of one option.
    ///
    /// - Parameters:
    ///   - right: Call or put.
    ///   - spot: Spot price S of the underlying.
    ///   - strike: Strike K, in the units of `spot`.
    ///   - expiryYears: Time to expiry T in years.
    ///   - rate: Continuously compounded risk-free rate r.
    ///   - dividend: Continuous dividend or foreign yield q.
    ///   - vol: Black–Scholes volatility σ, per √year.
    /// - Returns: The premium, in the units of `spot`.
    public static func price(
        _ right: OptionRight,
        spot: Double,
        strike: Double,
        expiryYears: Double,
        rate: Double,
        dividend: Double = 0,
        vol: Double
    ) -> Double {
        ClosedFormKernel.scalarPrice(
            .blackScholes,
            right,
            underlying: spot,
            strike: strike,
            expiryYears: expiryYears,
            rate: rate,
            dividend: dividend,
            vol: vol
        )
    }

    /// Price and all Greeks of one option in one pass that shares d1, d2 and the exponentials.
    ///
    /// - Parameters: as for `price(_:spot:strike:expiryYears:rate:dividend:vol:)`.
    /// - Returns: Price and Greeks with respect to spot.
    public static func greeks(
        _ right: OptionRight,
        spot: Double,
        strike: Double,
        expiryYears: Double,
        rate: Double,
        dividend: Double = 0,
        vol: Double
    ) -> Greeks {
        ClosedFormKernel.scalarGreeks(
            .blackScholes,
            right,
            underlying: spot,
            strike: strike,
            expiryYears: expiryYears,
            rate: rate,
            dividend: dividend,
            vol: vol
        )
    }
}
