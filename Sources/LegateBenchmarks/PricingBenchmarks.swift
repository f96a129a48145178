internal import LegateCore
internal import LegateModel
internal import LegatePricing
internal import LegateSymbology
internal import RealModule

/// The `pricing` area: closed-form price plus Greeks in batch, implied-volatility solves, venue symbol parsing.
enum PricingBenchmarks {
    static let all: [Benchmark] = [priceGreeksBatch, impliedVol, symbolParse]

    /// A deterministic generator so every run prices the same book.
    struct SplitMix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        /// Uniform in [low, high).
        mutating func uniform(_ low: Double, _ high: Double) -> Double {
            low + (high - low) * Double(next() >> 11) / Double(1 << 53)
        }
    }

    /// Implied vol of a realistic option chain: strikes from deep ITM to deep OTM, expiries from a day to two years,
    /// vols from 30% to 120%, calls and puts; the premiums are computed once in setup.
    static let impliedVol = Benchmark(area: "pricing", name: "implied_vol", items: 10_000) {
        var generator = SplitMix(state: 42)
        var forwards: [Double] = []
        var strikes: [Double] = []
        var expiries: [Double] = []
        var discounts: [Double] = []
        var rights: [OptionRight] = []
        var premiums: [Double] = []
        for _ in 0..<10_000 {
            let forward = 100.0
            let expiry = generator.uniform(1.0 / 365, 2)
            let vol = generator.uniform(0.3, 1.2)
            // Moneyness within ±3 standard deviations, where the premium determines σ.
            let strike = forward * Double.exp(generator.uniform(-3, 3) * vol * expiry.squareRoot())
            let rate = 0.03
            let right: OptionRight = generator.next() & 1 == 0 ? .call : .put
            forwards.append(forward)
            strikes.append(strike)
            expiries.append(expiry)
            discounts.append(Double.exp(-rate * expiry))
            rights.append(right)
            premiums.append(
                Black76.price(right, forward: forward, strike: strike, expiryYears: expiry, rate: rate, vol: vol)
            )
        }
        return { [forwards, strikes, expiries, discounts, rights, premiums] in
            var sum = 0.0
            for index in 0..<premiums.count {
                let vol = try? ImpliedVolatility.black(
                    price: premiums[index],
                    forward: forwards[index],
                    strike: strikes[index],
                    expiryYears: expiries[index],
                    discount: discounts[index],
                    right: rights[index]
                )
                sum += vol ?? 0
            }
            return sum
        }
    }
}

extension PricingBenchmarks {
    /// Reused output columns; the benchmark body overwrites them on every call.
    // Safe because: a benchmark body runs on one thread at a time; the box never escapes the runner.
    final class GreeksBox: @unchecked Sendable {
        var output: GreeksBatch
        init(count: Int) { output = GreeksBatch(count: count) }
    }

    /// Price plus all Greeks of 1,000,000 Black–Scholes options with carry, struct-of-arrays, one pass.
    static let priceGreeksBatch = Benchmark(area: "pricing", name: "price_greeks_batch", items: 1_000_000) {
        var generator = SplitMix(state: 7)
        var batch = OptionBatch(model: .blackScholes, reservingCapacity: 1_000_000)
        for _ in 0..<1_000_000 {
            let spot = 100.0
            let expiry = generator.uniform(1.0 / 365, 2)
            let vol = generator.uniform(0.2, 1.2)
            let inputs = OptionInputs(
                model: .blackScholes,
                right: generator.next() & 1 == 0 ? .call : .put,
                underlying: spot,
                strike: spot * Double.exp(generator.uniform(-2, 2) * vol * expiry.squareRoot()),
                expiryYears: expiry,
                rate: 0.04,
                dividend: 0.01
            )
            batch.append(inputs, vol: vol)
        }
        let box = GreeksBox(count: 1_000_000)
        return { [batch] in
            batch.priceGreeks(into: &box.output)
            return box.output.price[0] + box.output.delta[999_999]
        }
    }

    /// Parsing real-shaped Deribit and OKX names: options across a full chain, futures and perpetuals.
    static let symbolParse = Benchmark(area: "pricing", name: "symbol_parse", items: 100_000) {
        var names: [(String, Venue)] = []
        let underlyings = [Underlying(base: .btc, quote: .usd), Underlying(base: .eth, quote: .usd)]
        let dates = [(2025, 1, 3), (2025, 1, 31), (2025, 3, 28), (2025, 6, 27), (2025, 12, 26), (2026, 3, 27)]
        for underlying in underlyings {
            for (year, month, day) in dates {
                guard let date = CivilDate(year: year, month: month, day: day) else { continue }
                let expiry = date.at(hourUTC: 8)
                let settlement = Settlement.inverse(underlying.base)
                let future = Instrument.future(underlying, expiry: expiry, settlement: settlement)
                for venue in [Venue.deribit, .okx] {
                    if let name = try? Symbology.format(future, venue: venue) { names.append((name, venue)) }
                }
                for step in 1...40 {
                    let strike = Price(FixedDecimal(Int64(step * (underlying.base == .btc ? 2_500 : 100))))
                    for right in [OptionRight.call, .put] {
                        let option = Instrument.option(
                            underlying,
                            expiry: expiry,
                            strike: strike,
                            right: right,
                            settlement: settlement
                        )
                        for venue in [Venue.deribit, .okx] {
                            if let name = try? Symbology.format(option, venue: venue) { names.append((name, venue)) }
                        }
                    }
                }
            }
        }
        names += [
            ("BTC-PERPETUAL", .deribit), ("ETH-PERPETUAL", .deribit), ("BTC-USD-SWAP", .okx), ("BTC-USDT-SWAP", .okx),
        ]
        var workload: [(String, Venue)] = []
        workload.reserveCapacity(100_000)
        var generator = SplitMix(state: 11)
        while workload.count < 100_000 { workload.append(names[generator.below(names.count)]) }
        return { [workload] in
            var parsed = 0.0
            for (name, venue) in workload {
                if let instrument = try? Symbology.parse(name, venue: venue), instrument.kind == .option { parsed += 1 }
            }
            return parsed
        }
    }
}

extension PricingBenchmarks.SplitMix {
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
