/// xoshiro256** (Blackman & Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS 47(4), 2021), seeded
/// through splitmix64 as its authors recommend: the generator the VaR simulations draw from.
///
/// The pure modules draw no randomness of their own; a run is a function of its seed. `init(seed:stream:)` gives
/// every Monte Carlo path its own generator derived from (seed, path index), so a path's draws do not depend on which
/// range of paths a caller computes or on how many threads split the work: two half runs equal one full run, bit
/// for bit.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable, Hashable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// Seeds the four state words from splitmix64 started at `seed`.
    public init(seed: UInt64) {
        var mixer = SplitMixSeeder(state: seed)
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
    }

    /// A generator for stream `stream` (a path index) of a run seeded with `seed`.
    ///
    /// The splitmix64 start is a hash of both numbers, so neighbouring streams start far apart in splitmix64's
    /// sequence and do not share output words.
    public init(seed: UInt64, stream: UInt64) {
        self.init(seed: SplitMixSeeder.mix(seed ^ SplitMixSeeder.mix(stream &+ 0x9E37_79B9_7F4A_7C15)))
    }

    @inlinable
    public mutating func next() -> UInt64 {
        let result = (s1 &* 5).rotatedLeft(by: 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3.rotatedLeft(by: 45)
        return result
    }

    /// A uniform double in (0, 1]: 53 random bits, never 0, so its logarithm is finite.
    @inlinable
    public mutating func nextOpenUnit() -> Double {
        Double((next() >> 11) + 1) * 0x1.0p-53
    }
}

/// splitmix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014), used to seed.
struct SplitMixSeeder: RandomNumberGenerator, Sendable, Hashable {
    public var state: UInt64

    public init(state: UInt64) {
        self.state = state
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// The splitmix64 output function: a bijective 64-bit mixer.
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension UInt64 {
    @inlinable
    func rotatedLeft(by count: UInt64) -> UInt64 {
        (self << count) | (self >> (64 - count))
    }
}
