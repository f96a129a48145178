import RealModule

/// The simulator's only source of randomness: xoshiro256** seeded by splitmix64, so one seed replays one run.
///
/// xoshiro256** (Blackman and Vigna, 2018) is fast, passes BigCrush and has a 2^256 − 1 period; splitmix64 spreads a
/// 64-bit seed over the 256-bit state so nearby seeds give unrelated streams (the seeding the authors recommend).
/// Each part of the simulator draws from its own stream (`derived(stream:)`), so adding an order does not move the
/// market path or the outage schedule.
public struct SeededGenerator: RandomNumberGenerator, Hashable, Sendable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64
    /// The second normal of the last Box–Muller pair, kept so every pair is used.
    private var spareNormal: Double?

    /// A generator whose state is four splitmix64 outputs of `seed`.
    public init(seed: UInt64) {
        var mixer = SplitMix64(state: seed)
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
        // The all-zero state is the one fixed point of xoshiro; splitmix64 cannot produce four zeros in a row.
        precondition(s0 | s1 | s2 | s3 != 0, "xoshiro256** state must not be all zero")
    }

    /// A generator with an explicit state (for reference vectors); the state must not be all zero.
    public init(state s0: UInt64, _ s1: UInt64, _ s2: UInt64, _ s3: UInt64) {
        precondition(s0 | s1 | s2 | s3 != 0, "xoshiro256** state must not be all zero")
        self.s0 = s0
        self.s1 = s1
        self.s2 = s2
        self.s3 = s3
    }

    /// An independent generator for one part of the simulation, named by a stream number.
    public func derived(stream: UInt64) -> SeededGenerator {
        var mixer = SplitMix64(state: s0 ^ (stream &* 0x9E37_79B9_7F4A_7C15))
        return SeededGenerator(seed: mixer.next() ^ s3)
    }

    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, 45)
        return result
    }

    private func rotateLeft(_ value: UInt64, _ count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 - count))
    }

    /// Uniform in [0, 1) with 53 random bits.
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform in [low, high).
    public mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * uniform()
    }

    /// Uniform integer in `0..<bound` without modulo bias (Lemire's method).
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "below(\(bound)) needs a positive bound")
        let limit = UInt64(bound)
        var product = next().multipliedFullWidth(by: limit)
        if product.low < limit {
            let threshold = (0 &- limit) % limit
            while product.low < threshold {
                product = next().multipliedFullWidth(by: limit)
            }
        }
        return Int(product.high)
    }

    /// True with probability `probability`.
    public mutating func bernoulli(_ probability: Double) -> Bool {
        uniform() < probability
    }

    /// A standard normal draw (Box–Muller; both values of a pair are used).
    public mutating func normal() -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        // 1 − u is in (0, 1], so the logarithm is finite.
        let radius = (-2 * Double.log(1 - uniform())).squareRoot()
        let angle = 2 * Double.pi * uniform()
        spareNormal = radius * Double.sin(angle)
        return radius * Double.cos(angle)
    }

    /// A normal draw with the given mean and standard deviation.
    public mutating func normal(mean: Double, standardDeviation: Double) -> Double {
        mean + standardDeviation * normal()
    }

    /// A lognormal draw whose logarithm has the given median's log and standard deviation `sigma`.
    public mutating func logNormal(median: Double, sigma: Double) -> Double {
        median * Double.exp(sigma * normal())
    }

    /// An exponential draw with the given mean (waiting times of a Poisson process).
    public mutating func exponential(mean: Double) -> Double {
        -mean * Double.log(1 - uniform())
    }

    /// A Poisson draw: Knuth's product method for small means, a rounded normal approximation above 30.
    public mutating func poisson(mean: Double) -> Int {
        precondition(mean >= 0 && mean.isFinite, "Poisson mean \(mean) must be finite and non-negative")
        if mean == 0 { return 0 }
        if mean > 30 {
            return max(0, Int((mean + mean.squareRoot() * normal()).rounded()))
        }
        let limit = Double.exp(-mean)
        var product = uniform()
        var count = 0
        while product > limit {
            count += 1
            product *= uniform()
        }
        return count
    }
}

/// splitmix64 (Steele, Lea and Flood, 2014): a seed expander whose outputs are equidistributed.
public struct SplitMix64: Hashable, Sendable {
    public var state: UInt64

    public init(state: UInt64) { self.state = state }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
