public import LegateModel

/// Coin-settled (inverse) European options as listed on Deribit: premium, Greeks and the premium-adjusted delta.
///
/// One contract pays `max(S_T − K, 0)/S_T` coin for a call and `max(K − S_T, 0)/S_T` for a put. Valued in USD
/// that is a Black option on the forward F; converting at the index S = F·e^{−(r_usd − r_coin)T} gives
///
///     V_coin = e^{−r_coin·T} · B(F, K, σ, T) / F
///
/// with B the undiscounted Black price in USD and r_coin the coin's own rate (0 on Deribit, the default here).
/// The coin premium depends on F twice, through B and through the division, so its delta is not Black's:
/// F·∂V_coin/∂F = Δ_Black − V_coin, the "net transaction delta" Deribit reports (`premiumAdjustedDelta`).
///
/// These functions do not validate: they expect finite inputs with forward, strike, expiry and volatility
/// positive, and give NaN or meaningless values otherwise. `OptionPricer.greeks` validates and throws instead.
public enum InverseOption {
    /// The premium in coin per coin of notional.
    ///
    /// - Parameters:
    ///   - right: Call or put.
    ///   - forward: Forward F in USD for the option's expiry (Deribit's underlying price).
    ///   - strike: Strike K in USD.
    ///   - expiryYears: Time to expiry T in years.
    ///   - coinRate: The coin's own continuously compounded rate; 0 on Deribit.
    ///   - vol: Black volatility σ on the forward, per √year (the IV Deribit displays).
    /// - Returns: V_coin, the premium in coin.
    public static func price(
        _ right: OptionRight,
        forward: Double,
        strike: Double,
        expiryYears: Double,
        coinRate: Double = 0,
        vol: Double
    ) -> Double {
        ClosedFormKernel.scalarPrice(
            .inverse,
            right,
            underlying: forward,
            strike: strike,
            expiryYears: expiryYears,
            rate: coinRate,
            dividend: coinRate,
            vol: vol
        )
    }

    /// Price and Greeks in coin: raw partial derivatives of V_coin with respect to F, σ, t and the coin rate.
    ///
    /// Delta is ∂V_coin/∂F in coin per USD of forward; multiply by F for a delta in coin
    /// (`premiumAdjustedDelta`). Vega, theta and rho are in coin per unit of vol, per year and per unit of rate.
    ///
    /// - Parameters: as for `price(_:forward:strike:expiryYears:coinRate:vol:)`.
    /// - Returns: V_coin and its Greeks.
    public static func greeks(
        _ right: OptionRight,
        forward: Double,
        strike: Double,
        expiryYears: Double,
        coinRate: Double = 0,
        vol: Double
    ) -> Greeks {
        ClosedFormKernel.scalarGreeks(
            .inverse,
            right,
            underlying: forward,
            strike: strike,
            expiryYears: expiryYears,
            rate: coinRate,
            dividend: coinRate,
            vol: vol
        )
    }

    /// Price and Greeks in USD of the USD-equivalent premium V_usd = V_coin·F = e^{−r_coin·T}·B(F, K, σ, T).
    ///
    /// The coin premium is valued at the forward it is hedged with, so these are exactly Black-76 Greeks on F
    /// discounted at the coin rate, and relate to the coin Greeks by the product rule: Δ_usd = F·Δ_coin + V_coin,
    /// Γ_usd = F·Γ_coin + 2·Δ_coin, and vega, theta, rho, volga scale by F. Use them when the book's P&L is
    /// measured in USD; use `greeks` when it is measured in coin.
    ///
    /// - Parameters: as for `price(_:forward:strike:expiryYears:coinRate:vol:)`.
    /// - Returns: V_usd and its Greeks with respect to F.
    public static func usdGreeks(
        _ right: OptionRight,
        forward: Double,
        strike: Double,
        expiryYears: Double,
        coinRate: Double = 0,
        vol: Double
    ) -> Greeks {
        Black76.greeks(right, forward: forward, strike: strike, expiryYears: expiryYears, rate: coinRate, vol: vol)
    }

    /// Deribit's premium-adjusted delta F·∂V_coin/∂F, in coin per coin of notional.
    ///
    /// Equal to the Black delta e^{−r_coin·T}·N(d1) (calls) minus the coin premium: buying an option pays coin,
    /// and that coin is itself a long position in the underlying. It is always ≥ 0 for calls and ≤ −V_coin for puts.
    ///
    /// - Parameters: as for `price(_:forward:strike:expiryYears:coinRate:vol:)`.
    /// - Returns: The delta in coin that Deribit's `delta_total` adds up.
    public static func premiumAdjustedDelta(
        _ right: OptionRight,
        forward: Double,
        strike: Double,
        expiryYears: Double,
        coinRate: Double = 0,
        vol: Double
    ) -> Double {
        let coin = greeks(
            right,
            forward: forward,
            strike: strike,
            expiryYears: expiryYears,
            coinRate: coinRate,
            vol: vol
        )
        return forward * coin.delta
    }

    /// The premium-adjusted delta from quoted figures: Black delta minus the coin premium.
    ///
    /// This is the identity Deribit documents ("Black-Scholes delta − mark price of the option in coin"); a
    /// 0.50-delta call bought for 0.10 BTC adds +0.40 to `delta_total`.
    ///
    /// - Parameters:
    ///   - blackDelta: The (discounted) Black delta on the forward, as the venue displays it.
    ///   - premiumCoin: The option's price in coin.
    /// - Returns: The delta in coin.
    public static func premiumAdjustedDelta(blackDelta: Double, premiumCoin: Double) -> Double {
        blackDelta - premiumCoin
    }
}
