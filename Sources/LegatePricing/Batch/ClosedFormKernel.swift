/// Price and Greeks of the three closed-form models, for every lane of a SIMD vector at once.
///
/// The scalar APIs (`BlackScholes`, `Black76`, `InverseOption`) run it on one lane of a `SIMD2<Double>`. The batch
/// pricer (`OptionBatch.priceGreeks(into:)`) runs its line-by-line transcription in the C target
/// `CLegatePricingKernel`, which can be compiled for AVX2 and chosen at run time; the transcription keeps every
/// constant, formula and order of operation, so a batch result equals the scalar result to the last bit and a desk
/// sees the same number from `legate price` and from a risk run. Change both files together:
/// `BatchKernelDispatchTests` compares them bit for bit.
///
/// Inputs are not validated here (see `OptionPricer.greeks` and `OptionBatch.validate`); invalid lanes give NaN
/// or meaningless numbers and never trap.
enum ClosedFormKernel {
    /// Price and Greeks of every lane: the three phases in sequence.
    @inline(__always)
    static func greeks<V: SIMD>(_ model: PricingModel, _ x: OptionLanes<V>) -> GreekLanes<V> where V.Scalar == Double {
        let prepared = prepare(model, x)
        let cdf = cumulative(prepared, sign: x.sign)
        return assemble(model, x, prepared, cdf1: cdf.cdf1, cdf2: cdf.cdf2)
    }

    /// Price only, with the same roundings as `greeks(…).price`.
    @inline(__always)
    static func price<V: SIMD>(_ model: PricingModel, _ x: OptionLanes<V>) -> V where V.Scalar == Double {
        let prepared = prepare(model, x)
        let cdf = cumulative(prepared, sign: x.sign)
        return assemblePrice(model, x, prepared, cdf1: cdf.cdf1, cdf2: cdf.cdf2)
    }

    // MARK: - Phase 1: discounting, d1, d2 and the Gaussian factors

    /// Everything before the normal distribution: the exponentials, the logarithm, d1 and d2.
    ///
    /// e^{−d2²/2} is derived from e^{−d1²/2}, which holds while the latter is representable: for σ√T up to about
    /// 35, far beyond any market (σ = 1000% over 12 years).
    @inline(__always)
    static func prepare<V: SIMD>(_ model: PricingModel, _ x: OptionLanes<V>) -> PreparedLanes<V>
    where V.Scalar == Double {
        let t = x.expiryYears
        // √ is computed once and carried: Swift's square root is an errno-checking libm call per lane on Linux,
        // which the optimizer can neither vectorize nor merge.
        let sqrtT = t.squareRoot()
        let s = x.vol * sqrtT
        // One division for two reciprocals: 1/(S·s) gives 1/s = S·(1/(S·s)) and 1/S = s·(1/(S·s)).
        let reciprocal = 1 / (x.underlying * s)
        let inverseS = x.underlying * reciprocal
        let discount = BatchMath.exp(-(x.rate * t))
        let carry: V = model == .blackScholes ? x.rate - x.dividend : V()
        let growth: V = model == .blackScholes ? BatchMath.exp(carry * t) : V(repeating: 1)
        let ratio = x.underlying / x.strike
        let d1 = (BatchMath.log(ratio) + carry * t) * inverseS + 0.5 * s
        let d2 = d1 - s
        let gaussian1 = BatchMath.halfGaussian(BatchMath.clampedMagnitude(d1))
        return PreparedLanes(
            d1: d1,
            d2: d2,
            gaussian1: gaussian1,
            // e^{−d2²/2} = e^{−d1²/2}·F/K because d1² − d2² = 2·ln(F/K): one exponential serves both.
            gaussian2: gaussian1 * (ratio * growth),
            inverseS: inverseS,
            inverseUnderlying: s * reciprocal,
            sqrtT: sqrtT,
            discount: discount,
            growth: growth
        )
    }

    // MARK: - Phase 2: the normal distribution

    /// N(θ·d1) and N(θ·d2), θ the sign of each lane, from phase 1's d1, d2 and Gaussian factors.
    @inline(__always)
    static func cumulative<V: SIMD>(_ p: PreparedLanes<V>, sign: V) -> (cdf1: V, cdf2: V) where V.Scalar == Double {
        let tails = BatchMath.lowerTails(
            BatchMath.clampedMagnitude(p.d1),
            halfGaussian1: p.gaussian1,
            BatchMath.clampedMagnitude(p.d2),
            halfGaussian2: p.gaussian2
        )
        return (
            BatchMath.normalCDF(sign * p.d1, lowerTail: tails.0),
            BatchMath.normalCDF(sign * p.d2, lowerTail: tails.1)
        )
    }

    // MARK: - Phase 3: price and Greeks

    /// Price and Greeks from the inputs, phase 1 (its `gaussian2` is not read) and phase 2.
    @inline(__always)
    static func assemble<V: SIMD>(
        _ model: PricingModel,
        _ x: OptionLanes<V>,
        _ p: PreparedLanes<V>,
        cdf1: V,
        cdf2: V
    ) -> GreekLanes<V> where V.Scalar == Double {
        let c = AssemblyContext(model, x, p)
        switch model {
        case .blackScholes, .black76:
            return forwardGreeks(model, x, p, c, cdf1: cdf1, cdf2: cdf2)
        case .inverse:
            return inverseGreeks(x, p, c, cdf1: cdf1, cdf2: cdf2)
        }
    }

    /// The price alone from the same inputs as `assemble`, rounded identically.
    @inline(__always)
    static func assemblePrice<V: SIMD>(
        _ model: PricingModel,
        _ x: OptionLanes<V>,
        _ p: PreparedLanes<V>,
        cdf1: V,
        cdf2: V
    ) -> V where V.Scalar == Double {
        switch model {
        case .blackScholes, .black76:
            let carryDiscount = p.discount * p.growth
            return x.sign * (x.underlying * carryDiscount * cdf1 - x.strike * p.discount * cdf2)
        case .inverse:
            let strikeOverForward = x.strike * p.inverseUnderlying
            return p.discount * (x.sign * (cdf1 - strikeOverForward * cdf2))
        }
    }

    /// Black–Scholes–Merton with carry, and Black-76 as its special case q = r on the forward.
    @inline(__always)
    private static func forwardGreeks<V: SIMD>(
        _ model: PricingModel,
        _ x: OptionLanes<V>,
        _ p: PreparedLanes<V>,
        _ c: AssemblyContext<V>,
        cdf1: V,
        cdf2: V
    ) -> GreekLanes<V> where V.Scalar == Double {
        let underlyingPV = x.underlying * c.carryDiscount
        let strikePV = x.strike * p.discount
        let price = x.sign * (underlyingPV * cdf1 - strikePV * cdf2)
        let carryDensity = c.carryDiscount * c.pdf1
        let vega = underlyingPV * c.pdf1 * c.sqrtT
        let decay = -0.5 * underlyingPV * c.pdf1 * x.vol * c.inverseSqrtT
        let carryTheta = x.sign * (c.dividend * underlyingPV * cdf1 - x.rate * strikePV * cdf2)
        // Black–Scholes rho moves the forward with r; Black-76 holds the forward, so only the discount moves.
        let rho: V = model == .blackScholes ? x.sign * x.expiryYears * strikePV * cdf2 : -(x.expiryYears * price)
        let charmDrift = c.carry * p.inverseS - 0.5 * p.d2 * (c.inverseSqrtT * c.inverseSqrtT)
        let delta = x.sign * c.carryDiscount * cdf1
        return GreekLanes(
            price: price,
            delta: delta,
            gamma: carryDensity * p.inverseS * p.inverseUnderlying,
            vega: vega,
            theta: decay + carryTheta,
            rho: rho,
            vanna: -(carryDensity * p.d2 * c.inverseVol),
            volga: vega * p.d1 * p.d2 * c.inverseVol,
            charm: c.dividend * delta - carryDensity * charmDrift
        )
    }

    /// Coin-settled inverse option: V = e^{−rT}·B(F, K, σ, T)/F with B the undiscounted Black price in USD.
    ///
    /// Derivatives are taken with respect to F. Delta simplifies to θ·e^{−rT}·K·N(θd2)/F², which has no
    /// cancellation; the others follow from K·φ(d2) = F·φ(d1).
    @inline(__always)
    private static func inverseGreeks<V: SIMD>(
        _ x: OptionLanes<V>,
        _ p: PreparedLanes<V>,
        _ c: AssemblyContext<V>,
        cdf1: V,
        cdf2: V
    ) -> GreekLanes<V> where V.Scalar == Double {
        let inverseForward = p.inverseUnderlying
        let strikeOverForward = x.strike * inverseForward
        let price = p.discount * (x.sign * (cdf1 - strikeOverForward * cdf2))
        let delta = x.sign * p.discount * strikeOverForward * cdf2 * inverseForward
        let density = p.discount * c.pdf1
        let vega = density * c.sqrtT
        let gamma = density * p.inverseS * inverseForward * inverseForward - 2 * delta * inverseForward
        return GreekLanes(
            price: price,
            delta: delta,
            gamma: gamma,
            vega: vega,
            theta: x.rate * price - 0.5 * density * x.vol * c.inverseSqrtT,
            rho: -(x.expiryYears * price),
            vanna: -(density * p.d1 * c.inverseVol * inverseForward),
            volga: vega * p.d1 * p.d2 * c.inverseVol,
            charm: x.rate * delta + 0.5 * density * p.d1 * (c.inverseSqrtT * c.inverseSqrtT) * inverseForward
        )
    }
}

/// The inputs of a vector of options, one option per lane.
struct OptionLanes<V: SIMD> where V.Scalar == Double {
    var underlying: V
    var strike: V
    var expiryYears: V
    var rate: V
    var dividend: V
    var vol: V
    /// +1 for a call, −1 for a put.
    var sign: V
}

/// What phase 1 hands to phases 2 and 3.
struct PreparedLanes<V: SIMD> where V.Scalar == Double {
    var d1: V
    var d2: V
    /// e^{−d1²/2} and e^{−d2²/2} (|d| capped at the normal tail cutoff).
    var gaussian1: V
    var gaussian2: V
    /// 1/(σ√T).
    var inverseS: V
    /// 1/S, or 1/F on a forward.
    var inverseUnderlying: V
    var sqrtT: V
    /// e^{−rT}.
    var discount: V
    /// e^{(r−q)T} for Black–Scholes (so e^{−qT} = discount·growth), 1 on a forward.
    var growth: V
}

/// Values phase 3 recomputes from its inputs rather than carrying them between phases.
struct AssemblyContext<V: SIMD> where V.Scalar == Double {
    var sqrtT: V
    /// 1/σ = √T/(σ√T) and 1/√T = σ/(σ√T).
    var inverseVol: V
    var inverseSqrtT: V
    /// r − q for Black–Scholes, 0 on a forward.
    var carry: V
    /// The carry yield q: the dividend for Black–Scholes, r on a forward (a forward earns the discount rate).
    var dividend: V
    /// e^{−qT}.
    var carryDiscount: V
    /// φ(d1); φ(d2) = φ(d1)·F/K is never needed separately.
    var pdf1: V

    @inline(__always)
    init(_ model: PricingModel, _ x: OptionLanes<V>, _ p: PreparedLanes<V>) {
        sqrtT = p.sqrtT
        inverseVol = sqrtT * p.inverseS
        inverseSqrtT = x.vol * p.inverseS
        let isSpot = model == .blackScholes
        carry = isSpot ? x.rate - x.dividend : V()
        dividend = isSpot ? x.dividend : x.rate
        carryDiscount = p.discount * p.growth
        pdf1 = p.gaussian1 * BatchMath.inverseSqrtTwoPi
    }
}

/// The nine kernel outputs, one lane per option.
struct GreekLanes<V: SIMD> where V.Scalar == Double {
    var price: V
    var delta: V
    var gamma: V
    var vega: V
    var theta: V
    var rho: V
    var vanna: V
    var volga: V
    var charm: V
}
