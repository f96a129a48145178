import RealModule

/// Standard normal draws by the Box–Muller transform (Box & Muller, "A note on the generation of random normal
/// deviates", Annals of Mathematical Statistics 29 (1958) 610–611) on a seeded generator.
///
/// Each pair of uniforms `(u₁, u₂)` gives two independent normals `√(−2 ln u₁)·cos(2πu₂)` and `√(−2 ln u₁)·sin(2πu₂)`;
/// the second is kept for the next call. `u₁` is drawn in (0, 1] so the logarithm is finite. Box–Muller rather than a
/// ziggurat because it is exact, has no tables, and the draws are a small part of a full-revaluation run.
public struct NormalSampler<Generator: RandomNumberGenerator>: Sendable where Generator: Sendable {
    public var generator: Generator
    var spare: Double?

    public init(generator: Generator) {
        self.generator = generator
        self.spare = nil
    }

    /// The next standard normal draw.
    public mutating func next() -> Double {
        if let value = spare {
            spare = nil
            return value
        }
        let u1 = Double((generator.next() >> 11) + 1) * 0x1.0p-53
        let u2 = Double(generator.next() >> 11) * 0x1.0p-53
        let radius = (-2 * Double.log(u1)).squareRoot()
        let angle = 2 * Double.pi * u2
        spare = radius * Double.sin(angle)
        return radius * Double.cos(angle)
    }

    /// Fills `buffer` with independent standard normals.
    public mutating func fill(_ buffer: UnsafeMutableBufferPointer<Double>) {
        for index in buffer.indices { buffer[index] = next() }
    }
}
