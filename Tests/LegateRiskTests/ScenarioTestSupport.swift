// Shared helpers for the risk tests: a seeded generator and small builders, so every property test replays.

import LegateModel

@testable import LegateRisk

/// splitmix64 (Steele, Lea, Flood 2014): a seeded generator for property tests.
struct SplitMix64 {
    var state: UInt64

    mutating func nextBits() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func next() -> Double { Double(nextBits() >> 11) * 0x1p-53 }

    /// Uniform in [low, high).
    mutating func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * next() }

    /// Uniform integer in 0..<bound.
    mutating func below(_ bound: Int) -> Int { Int(nextBits() % UInt64(bound)) }
}

/// Relative closeness with an absolute floor, for comparing model numbers.
func isClose(_ a: Double, _ b: Double, relative: Double = 1e-12, absolute: Double = 1e-12) -> Bool {
    abs(a - b) <= max(absolute, relative * max(abs(a), abs(b)))
}

/// A random book over `underlyings` underlyings (index 100k, 3k, …), options of both settlements and delta-one rows,
/// one output group per underlying.
func randomScenarioBook(seed: UInt64, options: Int, deltaOnes: Int, underlyings: Int = 2) throws -> ScenarioBook {
    var random = SplitMix64(state: seed)
    let indices = (0..<underlyings).map { 100_000 / Double(1 + 30 * $0) }
    var book = ScenarioBook(indexPrices: indices, groupCount: underlyings)
    for _ in 0..<options {
        let underlying = random.below(underlyings)
        let expiry = random.uniform(1.0 / 365, 1.5)
        let forward = indices[underlying] * (1 + 0.05 * expiry)
        let vol = random.uniform(0.3, 1.1)
        try book.append(
            .option(
                random.next() < 0.5 ? .call : .put,
                settlement: random.next() < 0.7 ? .coin : .usd,
                underlying: underlying,
                group: underlying,
                quantity: random.uniform(-50, 50),
                forward: forward,
                strike: forward * random.uniform(0.6, 1.6),
                expiryYears: expiry,
                vol: vol
            )
        )
    }
    let kinds: [ScenarioInstrumentKind] = [.future, .perpetual, .spot]
    for _ in 0..<deltaOnes {
        let underlying = random.below(underlyings)
        try book.append(
            ScenarioPosition(
                kind: kinds[random.below(kinds.count)],
                settlement: random.next() < 0.5 ? .coin : .usd,
                underlying: underlying,
                group: underlying,
                quantity: random.uniform(-100, 100),
                forward: indices[underlying] * random.uniform(0.99, 1.05)
            )
        )
    }
    return book
}
