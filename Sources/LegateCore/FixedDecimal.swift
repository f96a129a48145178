/// An exact decimal number: an integer count of units of 10^-scale.
///
/// Money, prices and quantities never pass through `Double` (STYLE habit 8). `FixedDecimal` keeps the scale it was
/// written with (`"0.0500"` has scale 4), compares and hashes by value (`0.05 == 0.0500`), aligns scales exactly when
/// adding, and traps on overflow like every Swift integer. Anything that could lose digits is a separate call that
/// names its rounding rule.
public struct FixedDecimal: Sendable {
    /// The integer mantissa: the value is `units / 10^scale`.
    public let units: Int64
    /// The number of decimal places, `0...FixedDecimal.maximumScale`.
    public let scale: Int8

    /// The largest scale a value may carry; 10^18 is the largest power of ten an `Int64` holds.
    public static let maximumScale: Int8 = 18

    /// Creates a value of `units × 10^-scale`.
    ///
    /// - Precondition: `scale` is in `0...maximumScale`.
    @inlinable
    public init(units: Int64, scale: Int8) {
        precondition(
            scale >= 0 && scale <= Self.maximumScale,
            "FixedDecimal scale \(scale) is outside 0...\(Self.maximumScale)"
        )
        self.units = units
        self.scale = scale
    }

    /// Creates an integral value.
    @inlinable
    public init(_ integer: Int64) {
        self.init(units: integer, scale: 0)
    }

    public static let zero = FixedDecimal(units: 0, scale: 0)

    public var isZero: Bool { units == 0 }
    public var isNegative: Bool { units < 0 }
    public var isPositive: Bool { units > 0 }

    /// The same value with trailing fractional zeros removed (`1.2300` → `1.23`).
    public var normalized: FixedDecimal {
        var units = units
        var scale = scale
        while scale > 0 && units % 10 == 0 {
            units /= 10
            scale -= 1
        }
        return FixedDecimal(units: units, scale: scale)
    }

    /// The absolute value; traps for `Int64.min` units like any integer negation.
    public var magnitude: FixedDecimal { FixedDecimal(units: units < 0 ? -units : units, scale: scale) }

    /// The lossy conversion to `Double` for model numerics (pricing, scenario P&L); correctly rounded while
    /// `|units| < 2^53`.
    @inlinable
    public var doubleValue: Double {
        Double(units) / PowersOfTen.double[Int(scale)]
    }
}

/// Powers of ten shared by the fixed-point types.
public enum PowersOfTen {
    /// 10^0 … 10^18 as `Int64`.
    public static let int64: [Int64] = {
        var values: [Int64] = [1]
        for _ in 1...18 { values.append(values[values.count - 1] * 10) }
        return values
    }()

    /// 10^0 … 10^18 as `Double` (each exactly representable up to 10^22).
    public static let double: [Double] = int64.map { Double($0) }

    @usableFromInline
    static func int128(_ exponent: Int) -> Int128 {
        var value: Int128 = 1
        for _ in 0..<exponent { value *= 10 }
        return value
    }
}
