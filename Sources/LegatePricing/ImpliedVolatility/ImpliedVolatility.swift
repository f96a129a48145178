public import LegateModel
import RealModule

/// Black implied volatility to machine accuracy, by Peter Jäckel's "Let's Be Rational".
///
/// The price is normalised to `β = (P/D − intrinsic)/√(F·K)` at log-moneyness `θx = −|ln(F/K)|` (an in-the-money
/// option is its intrinsic value plus the out-of-the-money option at reciprocal strike), a rational-function guess
/// lands within a few percent of the answer (usually far closer), and two Householder steps of convergence order
/// four finish the job (see ``NormalisedBlack`` and the solver's notes). The result is as accurate as the price:
/// `|Δσ/σ| ≈ (1 + P/(σ·∂P/∂σ))·ε`, so far from the money, where the price barely moves with volatility, the
/// volatility is only as good as that ratio allows, but it is always finite and reprices to the input.
///
/// ```swift
/// let forward = 100 * Double.exp(0.01 * 0.5)
/// let sigma = try ImpliedVolatility.black(
///     price: 5.87602423383, forward: forward, strike: 100, expiryYears: 0.5,
///     discount: Double.exp(-0.01 * 0.5), right: .call)  // ≈ 0.2
/// ```
///
/// Cost: between one and five logarithms and exponentials, three square roots and a dozen short rational
/// functions, with no loop beyond the two iterations and no allocation.
public enum ImpliedVolatility {
    /// The Black-76 volatility `σ` that reproduces a discounted option price.
    ///
    /// - Parameters:
    ///   - price: the discounted price `D·Black(F, K, σ, T, θ)`.
    ///   - forward: the forward `F > 0`.
    ///   - strike: the strike `K > 0`.
    ///   - expiryYears: the year fraction `T > 0` to expiry.
    ///   - discount: the discount factor `D > 0` from settlement to the valuation date.
    ///   - right: call or put.
    /// - Returns: `σ ≥ 0`; exactly 0 when the price equals the discounted intrinsic value.
    /// - Throws: ``ImpliedVolatilityError/invalidInput(field:value:reason:)`` for a non-finite price or a non-finite
    ///   or non-positive forward, strike, expiry or discount;
    ///   ``ImpliedVolatilityError/belowIntrinsic(price:intrinsic:)`` below `D·max(θ(F − K), 0)`;
    ///   ``ImpliedVolatilityError/aboveMaximum(price:maximum:)`` at or above `D·F` (call) or `D·K` (put).
    public static func black(
        price: Double,
        forward: Double,
        strike: Double,
        expiryYears: Double,
        discount: Double,
        right: OptionRight
    ) throws(ImpliedVolatilityError) -> Double {
        // A cheap combined test on the hot path (`v > 0` rejects NaN; a finite sum rejects ±∞); the slow path names
        // the culprit, or returns if the sum merely overflowed.
        let isPlausible =
            forward > 0 && strike > 0 && expiryYears > 0 && discount > 0
            && (forward + strike + expiryYears + discount + price.magnitude).isFinite
        if !isPlausible {
            try validate(price: price, forward: forward, strike: strike, expiryYears: expiryYears, discount: discount)
        }
        let isCall = right == .call
        let intrinsicForward = isCall ? max(forward - strike, 0) : max(strike - forward, 0)
        // Compare in the caller's (discounted) units first so that a price equal to D·intrinsic gives exactly 0.
        let intrinsic = discount * intrinsicForward
        if price < intrinsic {
            throw .belowIntrinsic(price: price, intrinsic: intrinsic)
        }
        let maximum = discount * (isCall ? forward : strike)
        if price >= maximum {
            throw .aboveMaximum(price: price, maximum: maximum)
        }
        let timeValue = price / discount - intrinsicForward
        guard timeValue > 0 else {
            return 0
        }
        let beta = timeValue / (forward.squareRoot() * strike.squareRoot())
        guard beta > 0 else {
            // A subnormal time value can underflow when normalised: the price is zero to double precision.
            return 0
        }
        // θx = −|ln(F/K)| and b_max = e^{θx/2} = √(min(F,K)/max(F,K)), a square root rather than an exponential.
        let ratio = forward < strike ? forward / strike : strike / forward
        let s = LetsBeRational.impliedNormalisedVolatility(
            beta: beta,
            thetaX: Double.log(ratio),
            bMax: ratio.squareRoot()
        )
        guard s < .infinity else {
            // Only round-off in normalising a price within an ulp or so of its bound (or an F/K ratio beyond the
            // double range) gets here.
            throw .aboveMaximum(price: price, maximum: maximum)
        }
        return s / expiryYears.squareRoot()
    }

    /// The normalised implied volatility `s = σ√T` with `b(x, s, θ) = β` (see ``NormalisedBlack/price(x:s:right:)``).
    ///
    /// - Parameters:
    ///   - beta: the normalised price `β = undiscounted price/√(F·K)`.
    ///   - x: the log-moneyness `ln(F/K)`.
    ///   - right: call or put.
    /// - Returns: `s ≥ 0`; exactly 0 at the intrinsic value `max(2·sinh(θx/2), 0)`.
    /// - Throws: ``ImpliedVolatilityError/invalidInput(field:value:reason:)`` for a non-finite `β` or `x`;
    ///   ``ImpliedVolatilityError/belowIntrinsic(price:intrinsic:)`` below the intrinsic value;
    ///   ``ImpliedVolatilityError/aboveMaximum(price:maximum:)`` at or above `e^{θx/2}`.
    public static func normalisedBlack(
        beta: Double,
        x: Double,
        right: OptionRight
    ) throws(ImpliedVolatilityError) -> Double {
        guard beta.isFinite else {
            throw .invalidInput(field: "beta", value: beta, reason: "must be a finite number")
        }
        guard x.isFinite else {
            throw .invalidInput(field: "x", value: x, reason: "must be a finite number")
        }
        let thetaX = right == .call ? x : -x
        let intrinsic = NormalisedBlack.intrinsic(thetaX: thetaX)
        if beta < intrinsic {
            throw .belowIntrinsic(price: beta, intrinsic: intrinsic)
        }
        let maximum = Double.exp(0.5 * thetaX)
        if beta >= maximum {
            throw .aboveMaximum(price: beta, maximum: maximum)
        }
        let timeValue = beta - intrinsic
        guard timeValue > 0 else {
            return 0
        }
        let thetaXOutOfTheMoney = -x.magnitude
        let s = LetsBeRational.impliedNormalisedVolatility(
            beta: timeValue,
            thetaX: thetaXOutOfTheMoney,
            bMax: Double.exp(0.5 * thetaXOutOfTheMoney)
        )
        guard s < .infinity else {
            throw .aboveMaximum(price: beta, maximum: maximum)
        }
        return s
    }

    /// Throws for the first invalid input, in signature order.
    @inline(never)
    private static func validate(
        price: Double,
        forward: Double,
        strike: Double,
        expiryYears: Double,
        discount: Double
    ) throws(ImpliedVolatilityError) {
        let positive: [(String, Double)] = [
            ("forward", forward), ("strike", strike), ("expiryYears", expiryYears), ("discount", discount),
        ]
        for (field, value) in positive where !(value > 0 && value.isFinite) {
            throw .invalidInput(field: field, value: value, reason: "must be a positive finite number")
        }
        guard price.isFinite else {
            throw .invalidInput(field: "price", value: price, reason: "must be a finite number")
        }
    }
}
