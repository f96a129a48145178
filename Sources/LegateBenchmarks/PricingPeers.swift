internal import LegateModel
internal import LegatePricing
internal import RealModule

/// Peers the issue names, measured in the same run so figures compare across machines and load: a plain scalar
/// closed-form loop over libm (the "~45 ns" peer of `price_greeks_batch`) and a plain Halley implied-vol solver (the
/// "~320 ns" peer of `implied_vol`). Textbook code, written the obvious way; not used by Legate itself.
enum PricingPeers {
    static let all: [Benchmark] = [scalarLoop, halleySolver]

    /// Black–Scholes price and Greeks of one option with libm `exp`, `log` and `erfc`, one at a time.
    @inline(never)
    static func plainGreeks(
        isCall: Bool,
        spot: Double,
        strike: Double,
        expiry: Double,
        rate: Double,
        dividend: Double,
        vol: Double
    ) -> (Double, Double, Double, Double, Double, Double, Double, Double) {
        let sqrtT = expiry.squareRoot()
        let volSqrtT = vol * sqrtT
        let d1 = (Double.log(spot / strike) + (rate - dividend + 0.5 * vol * vol) * expiry) / volSqrtT
        let d2 = d1 - volSqrtT
        let discount = Double.exp(-rate * expiry)
        let carry = Double.exp(-dividend * expiry)
        let pdf = Double.exp(-0.5 * d1 * d1) / (2 * Double.pi).squareRoot()
        let sign = isCall ? 1.0 : -1.0
        let nd1 = 0.5 * Double.erfc(-sign * d1 / 2.0.squareRoot())
        let nd2 = 0.5 * Double.erfc(-sign * d2 / 2.0.squareRoot())
        let price = sign * (spot * carry * nd1 - strike * discount * nd2)
        let delta = sign * carry * nd1
        let gamma = carry * pdf / (spot * volSqrtT)
        let vega = spot * carry * pdf * sqrtT
        let theta =
            -spot * carry * pdf * vol / (2 * sqrtT) + sign
            * (dividend * spot * carry * nd1 - rate * strike * discount * nd2)
        let rho = sign * strike * expiry * discount * nd2
        let vanna = -carry * pdf * d2 / vol
        let volga = vega * d1 * d2 / vol
        return (price, delta, gamma, vega, theta, rho, vanna, volga)
    }

    static let scalarLoop = Benchmark(area: "pricing", name: "peer_plain_scalar_greeks", items: 1_000_000) {
        var generator = PricingBenchmarks.SplitMix(state: 7)
        var rows: [(Bool, Double, Double, Double)] = []
        rows.reserveCapacity(1_000_000)
        for _ in 0..<1_000_000 {
            let expiry = generator.uniform(1.0 / 365, 2)
            let vol = generator.uniform(0.2, 1.2)
            let isCall = generator.next() & 1 == 0
            let strike = 100 * Double.exp(generator.uniform(-2, 2) * vol * expiry.squareRoot())
            rows.append((isCall, strike, expiry, vol))
        }
        return { [rows] in
            var sum = 0.0
            for (isCall, strike, expiry, vol) in rows {
                let g = plainGreeks(
                    isCall: isCall,
                    spot: 100,
                    strike: strike,
                    expiry: expiry,
                    rate: 0.04,
                    dividend: 0.01,
                    vol: vol
                )
                sum += g.0 + g.1 + g.2 + g.3 + g.4 + g.5 + g.6 + g.7
            }
            return sum
        }
    }

    /// A plain Halley solver on the undiscounted Black price: Brenner–Subrahmanyam start, stop at |Δσ| ≤ 1e-12σ.
    static func halleyImpliedVol(price: Double, forward: Double, strike: Double, expiry: Double, isCall: Bool) -> Double
    {
        var vol = max(0.05, (2 * Double.pi / expiry).squareRoot() * price / forward)
        let sqrtT = expiry.squareRoot()
        let sign = isCall ? 1.0 : -1.0
        for _ in 0..<100 {
            let volSqrtT = vol * sqrtT
            let d1 = Double.log(forward / strike) / volSqrtT + 0.5 * volSqrtT
            let d2 = d1 - volSqrtT
            let model =
                sign
                * (forward * 0.5 * Double.erfc(-sign * d1 / 2.0.squareRoot())
                    - strike * 0.5 * Double.erfc(-sign * d2 / 2.0.squareRoot()))
            let vega = forward * Double.exp(-0.5 * d1 * d1) / (2 * Double.pi).squareRoot() * sqrtT
            let volga = vega * d1 * d2 / vol
            let difference = model - price
            let step = difference * vega / (vega * vega - 0.5 * difference * volga)
            vol = max(vol - step, 0.5 * vol)
            if step.magnitude <= 1e-12 * vol { break }
        }
        return vol
    }

    static let halleySolver = Benchmark(area: "pricing", name: "peer_plain_halley_iv", items: 10_000) {
        var generator = PricingBenchmarks.SplitMix(state: 42)
        var rows: [(Double, Double, Double, Bool)] = []
        for _ in 0..<10_000 {
            let expiry = generator.uniform(1.0 / 365, 2)
            let vol = generator.uniform(0.3, 1.2)
            let strike = 100 * Double.exp(generator.uniform(-3, 3) * vol * expiry.squareRoot())
            let right: OptionRight = generator.next() & 1 == 0 ? .call : .put
            // Undiscounted premiums of the same chain `implied_vol` solves.
            let premium = Black76.price(right, forward: 100, strike: strike, expiryYears: expiry, rate: 0, vol: vol)
            rows.append((premium, strike, expiry, right == .call))
        }
        return { [rows] in
            var sum = 0.0
            for (premium, strike, expiry, isCall) in rows {
                sum += halleyImpliedVol(price: premium, forward: 100, strike: strike, expiry: expiry, isCall: isCall)
            }
            return sum
        }
    }
}
