public import LegateModel

/// Which closed-form model prices an option.
///
/// The raw values are the names used on the command line and in configuration (`legate price --model black76`).
public enum PricingModel: String, Sendable, CaseIterable, Hashable {
    /// Black–Scholes–Merton on spot with a continuous carry yield q (dividend or foreign rate).
    case blackScholes = "black_scholes"
    /// Black-76 on a forward or future price, discounted at e^{−rT}.
    case black76 = "black76"
    /// Coin-settled (inverse) option as on Deribit: premium in coin, Black on the USD forward.
    case inverse = "inverse"
}

/// Everything about an option and its market except the volatility, which is what pricers vary.
///
/// Volatility is kept outside so that one value serves pricing, Greeks and implied-volatility solving.
public struct OptionInputs: Sendable, Hashable {
    /// The model that prices the option, which also fixes what `underlying` and `rate` mean.
    public var model: PricingModel
    /// Call or put.
    public var right: OptionRight
    /// Spot S for `blackScholes`; forward F in USD for `black76` and `inverse`.
    public var underlying: Double
    /// Strike K, in the units of `underlying` (USD for inverse options).
    public var strike: Double
    /// Time to expiry in years (the caller chooses the day count).
    public var expiryYears: Double
    /// Continuously compounded rate: the USD rate for `blackScholes` and `black76`, the coin's own rate for
    /// `inverse` (0 on Deribit).
    public var rate: Double
    /// Continuous dividend or foreign yield q; `blackScholes` only, must be 0 for the models on a forward.
    public var dividend: Double

    /// Creates the inputs of one option; `dividend` defaults to 0.
    public init(
        model: PricingModel,
        right: OptionRight,
        underlying: Double,
        strike: Double,
        expiryYears: Double,
        rate: Double,
        dividend: Double = 0
    ) {
        self.model = model
        self.right = right
        self.underlying = underlying
        self.strike = strike
        self.expiryYears = expiryYears
        self.rate = rate
        self.dividend = dividend
    }
}
