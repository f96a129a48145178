public import LegateModel

/// Black-76 price and Greeks of a European option on a forward or futures price.
///
/// `c = e^{−rT}·[F·N(d1) − K·N(d2)]`, `d1 = (ln(F/K) + σ²T/2)/(σ√T)`, `d2 = d1 − σ√T`. The forward is an input,
/// so rho holds it fixed and only discounting moves: rho = −T·V. Greeks are raw partial derivatives with respect
/// to F (see `Greeks`).
///
/// These functions do not validate: they expect finite inputs with forward, strike, expiry and volatility
/// positive, and give NaN or meaningless values otherwise. `OptionPricer.greeks` validates and throws instead.
public enum Black76 {
    /// The present value of one option.
    ///
    /// - Parameters:
    ///   - right: Call or put.
    ///   - forward: Forward or futures price F for the option's expiry.
    ///   - strike: Strike K, in the units of `forward`.
    ///   - expiryYears: Time to expiry T in years.
    ///   - rate: Continuously compounded discount rate r.
    ///   - vol: Black volatility σ, per √year.
    /// - Returns: The discounted premium, in the units of `forward`.
    public static func price(
        _ right: OptionRight,
        forward: Double,
        strike: Double,
        expiryYears: Double,
        rate: Double,
        vol: Double
    ) -> Double {
        ClosedFormKernel.scalarPrice(
            .black76,
            right,
            underlying: forward,
            strike: strike,
            expiryYears: expiryYears,
            rate: rate,
            dividend: rate,
            vol: vol
        )
    }

    /// Price and all Greeks of one option in one pass that shares d1, d2 and the exponentials.
    ///
    /// - Parameters: as for `price(_:forward:strike:expiryYears:rate:vol:)`.
    /// - Returns: Price and Greeks with respect to the forward.
    public static func greeks(
        _ right: OptionRight,
        forward: Double,
        strike: Double,
        expiryYears: Double,
        rate: Double,
        vol: Double
    ) -> Greeks {
        ClosedFormKernel.scalarGreeks(
            .black76,
            right,
            underlying: forward,
            strike: strike,
            expiryYears: expiryYears,
            rate: rate,
            dividend: rate,
            vol: vol
        )
    }
}
