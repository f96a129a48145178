import LegateModel
import RealModule

/// The validated front door to the closed-form models: one option's price and Greeks, or its implied volatility.
///
/// `legate price` and other callers that take inputs from outside use this; it checks every input and throws a
/// `PricingError` that names the field instead of returning NaN. Hot loops that have validated their inputs once
/// call the model enums (`BlackScholes`, `Black76`, `InverseOption`) or `OptionBatch.priceGreeks(into:)` directly.
public enum OptionPricer {
    /// Price and Greeks of one option under its model, after validating the inputs.
    ///
    /// Greeks are raw partial derivatives (see `Greeks`) with respect to the model's underlying: spot for
    /// `blackScholes`, the forward for `black76`, and for `inverse` the derivatives of the coin premium with
    /// respect to the USD forward (`InverseOption.greeks`).
    ///
    /// - Parameters:
    ///   - inputs: The option and its market.
    ///   - vol: Volatility σ per √year; positive and finite.
    /// - Returns: Price and Greeks.
    /// - Throws: `PricingError.invalidInput` naming the first invalid field (see `validate(_:)`, and `vol`).
    public static func greeks(_ inputs: OptionInputs, vol: Double) throws(PricingError) -> Greeks {
        try validate(inputs)
        try requirePositive(vol, field: "vol")
        return ClosedFormKernel.scalarGreeks(
            inputs.model,
            inputs.right,
            underlying: inputs.underlying,
            strike: inputs.strike,
            expiryYears: inputs.expiryYears,
            rate: inputs.rate,
            dividend: inputs.model == .blackScholes ? inputs.dividend : inputs.rate,
            vol: vol
        )
    }

    /// The volatility at which the model reproduces `price`, solved by Let's Be Rational.
    ///
    /// Each model is mapped to one Black problem on a forward, discounted at e^{−rT}: Black–Scholes uses
    /// F = S·e^{(r−q)T}; Black-76 uses its inputs as they are; an inverse option's coin premium becomes the
    /// discounted Black price V_coin·F.
    ///
    /// - Parameters:
    ///   - inputs: The option and its market.
    ///   - price: The premium: in the units of the underlying, or in coin for `inverse`.
    /// - Returns: σ ≥ 0 (exactly 0 at the discounted intrinsic value).
    /// - Throws: `PricingError.invalidInput` for invalid inputs or a non-finite price;
    ///   `PricingError.impliedVolatility` when no volatility gives the price.
    public static func impliedVolatility(_ inputs: OptionInputs, price: Double) throws(PricingError) -> Double {
        try validate(inputs)
        guard price.isFinite else {
            throw .invalidInput(field: "price", value: price, reason: "must be a finite number")
        }
        let discount = Double.exp(-inputs.rate * inputs.expiryYears)
        let forward: Double
        let blackPrice: Double
        switch inputs.model {
        case .blackScholes:
            forward = inputs.underlying * Double.exp((inputs.rate - inputs.dividend) * inputs.expiryYears)
            blackPrice = price
        case .black76:
            forward = inputs.underlying
            blackPrice = price
        case .inverse:
            forward = inputs.underlying
            blackPrice = price * inputs.underlying
        }
        do {
            return try ImpliedVolatility.black(
                price: blackPrice,
                forward: forward,
                strike: inputs.strike,
                expiryYears: inputs.expiryYears,
                discount: discount,
                right: inputs.right
            )
        } catch {
            throw .impliedVolatility(error)
        }
    }

    /// Checks that the model can price `inputs`, independent of volatility.
    ///
    /// Underlying, strike and expiry must be finite and positive; rate and dividend finite; dividend 0 for the
    /// models on a forward (a forward already carries the yield, so a non-zero value there is a mistake).
    ///
    /// - Throws: `PricingError.invalidInput` naming the first invalid field, in declaration order.
    public static func validate(_ inputs: OptionInputs) throws(PricingError) {
        try requirePositive(inputs.underlying, field: "underlying")
        try requirePositive(inputs.strike, field: "strike")
        try requirePositive(inputs.expiryYears, field: "expiryYears")
        try requireFinite(inputs.rate, field: "rate")
        try requireFinite(inputs.dividend, field: "dividend")
        if inputs.model != .blackScholes && inputs.dividend != 0 {
            throw .invalidInput(
                field: "dividend",
                value: inputs.dividend,
                reason: "must be 0 for \(inputs.model.rawValue) (the forward already carries the yield)"
            )
        }
    }

    static func requireFinite(_ value: Double, field: String) throws(PricingError) {
        guard value.isFinite else {
            throw .invalidInput(field: field, value: value, reason: "must be a finite number")
        }
    }

    static func requirePositive(_ value: Double, field: String) throws(PricingError) {
        try requireFinite(value, field: field)
        guard value > 0 else {
            throw .invalidInput(field: field, value: value, reason: "must be positive")
        }
    }
}
