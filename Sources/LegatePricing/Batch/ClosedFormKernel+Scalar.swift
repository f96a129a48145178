import LegateModel

/// One option through the vector kernel, for the scalar APIs.
///
/// A `SIMD2<Double>` is one SSE2 or NEON register, so evaluating both lanes costs what scalar code would, and the
/// result carries exactly the roundings of the batch path.
extension ClosedFormKernel {
    typealias ScalarLanes = SIMD2<Double>

    @inline(__always)
    static func sign(_ right: OptionRight) -> Double {
        switch right {
        case .call: 1
        case .put: -1
        }
    }

    static func scalarGreeks(
        _ model: PricingModel,
        _ right: OptionRight,
        underlying: Double,
        strike: Double,
        expiryYears: Double,
        rate: Double,
        dividend: Double,
        vol: Double
    ) -> Greeks {
        let lanes = greeks(
            model,
            OptionLanes(
                underlying: ScalarLanes(repeating: underlying),
                strike: ScalarLanes(repeating: strike),
                expiryYears: ScalarLanes(repeating: expiryYears),
                rate: ScalarLanes(repeating: rate),
                dividend: ScalarLanes(repeating: dividend),
                vol: ScalarLanes(repeating: vol),
                sign: ScalarLanes(repeating: sign(right))
            )
        )
        return lanes.greeks(at: 0)
    }

    static func scalarPrice(
        _ model: PricingModel,
        _ right: OptionRight,
        underlying: Double,
        strike: Double,
        expiryYears: Double,
        rate: Double,
        dividend: Double,
        vol: Double
    ) -> Double {
        let lanes = price(
            model,
            OptionLanes(
                underlying: ScalarLanes(repeating: underlying),
                strike: ScalarLanes(repeating: strike),
                expiryYears: ScalarLanes(repeating: expiryYears),
                rate: ScalarLanes(repeating: rate),
                dividend: ScalarLanes(repeating: dividend),
                vol: ScalarLanes(repeating: vol),
                sign: ScalarLanes(repeating: sign(right))
            )
        )
        return lanes[0]
    }
}

extension GreekLanes {
    /// The Greeks of one lane.
    @inline(__always)
    func greeks(at lane: Int) -> Greeks {
        Greeks(
            price: price[lane],
            delta: delta[lane],
            gamma: gamma[lane],
            vega: vega[lane],
            theta: theta[lane],
            rho: rho[lane],
            vanna: vanna[lane],
            volga: volga[lane],
            charm: charm[lane]
        )
    }
}
