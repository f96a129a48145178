/// Exact arithmetic on `FixedDecimal`.
///
/// Addition and subtraction align to the larger scale and are always exact; they trap on overflow (a value beyond
/// ±9.2e18 units is a broken invariant, not an input to recover from). Multiplication is exact when the product fits;
/// otherwise the caller must name a scale and a rounding rule. Division always names both.
extension FixedDecimal {
    @inlinable
    public static func + (lhs: FixedDecimal, rhs: FixedDecimal) -> FixedDecimal {
        let scale = max(lhs.scale, rhs.scale)
        return FixedDecimal(units: lhs.units(atScale: scale) + rhs.units(atScale: scale), scale: scale)
    }

    @inlinable
    public static func - (lhs: FixedDecimal, rhs: FixedDecimal) -> FixedDecimal {
        let scale = max(lhs.scale, rhs.scale)
        return FixedDecimal(units: lhs.units(atScale: scale) - rhs.units(atScale: scale), scale: scale)
    }

    @inlinable
    public static prefix func - (value: FixedDecimal) -> FixedDecimal {
        FixedDecimal(units: -value.units, scale: value.scale)
    }

    @inlinable
    public static func += (lhs: inout FixedDecimal, rhs: FixedDecimal) { lhs = lhs + rhs }

    @inlinable
    public static func -= (lhs: inout FixedDecimal, rhs: FixedDecimal) { lhs = lhs - rhs }

    /// The units of this value expressed at a larger or equal scale; traps on overflow.
    @inlinable
    func units(atScale target: Int8) -> Int64 {
        precondition(target >= scale, "cannot widen FixedDecimal from scale \(scale) down to \(target)")
        if target == scale { return units }
        return units * PowersOfTen.int64[Int(target - scale)]
    }

    /// Multiplies exactly, or throws when the exact product does not fit an `Int64` at any scale ≤ 18.
    ///
    /// Trailing zeros are dropped only when they are needed to make the product fit, so no digit is ever lost.
    public func multipliedExactly(by other: FixedDecimal) throws(FixedDecimalError) -> FixedDecimal {
        var product = Int128(units) * Int128(other.units)
        var scale = Int(self.scale) + Int(other.scale)
        while scale > Int(Self.maximumScale) || product > Int128(Int64.max) || product < Int128(Int64.min) {
            guard scale > 0, product % 10 == 0 else {
                throw .notRepresentable(operation: "\(self) × \(other)")
            }
            product /= 10
            scale -= 1
        }
        return FixedDecimal(units: Int64(product), scale: Int8(scale))
    }

    /// Multiplies and rounds the product to `scale` by `rule`.
    public func multiplied(
        by other: FixedDecimal,
        scale: Int8,
        rounding rule: RoundingRule
    ) throws(FixedDecimalError) -> FixedDecimal {
        let product = Int128(units) * Int128(other.units)
        let productScale = Int(self.scale) + Int(other.scale)
        return try Self.make(numerator: product, numeratorScale: productScale, denominator: 1, scale: scale, rule: rule)
    }

    /// Divides and rounds the quotient to `scale` by `rule`.
    ///
    /// - Throws: `FixedDecimalError.divisionByZero`, or `.notRepresentable` when the quotient overflows.
    public func divided(
        by divisor: FixedDecimal,
        scale: Int8,
        rounding rule: RoundingRule
    ) throws(FixedDecimalError) -> FixedDecimal {
        guard divisor.units != 0 else { throw .divisionByZero(dividend: description) }
        // self / divisor = (u1 / 10^s1) / (u2 / 10^s2) = u1 * 10^s2 / (u2 * 10^s1)
        let numerator = Int128(units) * PowersOfTen.int128(Int(divisor.scale))
        let denominator = Int128(divisor.units)
        return try Self.make(
            numerator: numerator,
            numeratorScale: Int(self.scale),
            denominator: denominator,
            scale: scale,
            rule: rule
        )
    }

    /// Divides exactly, or throws when the quotient has more digits than `maximumScale` allows.
    public func dividedExactly(by divisor: FixedDecimal) throws(FixedDecimalError) -> FixedDecimal {
        let quotient = try divided(by: divisor, scale: Self.maximumScale, rounding: .towardZero)
        guard try quotient.multipliedExactly(by: divisor) == self else {
            throw .notRepresentable(operation: "\(self) ÷ \(divisor) is not an exact decimal")
        }
        return quotient.normalized
    }

    /// The same value at another scale, or an error when narrowing would drop a non-zero digit.
    public func rescaled(to target: Int8) throws(FixedDecimalError) -> FixedDecimal {
        guard target >= 0 && target <= Self.maximumScale else {
            throw .scaleOutOfRange(Int(target))
        }
        if target >= scale {
            let (result, overflow) = units.multipliedReportingOverflow(by: PowersOfTen.int64[Int(target - scale)])
            guard !overflow else { throw .notRepresentable(operation: "\(self) at scale \(target)") }
            return FixedDecimal(units: result, scale: target)
        }
        let divisor = PowersOfTen.int64[Int(scale - target)]
        guard units % divisor == 0 else {
            throw .inexact(value: description, scale: Int(target))
        }
        return FixedDecimal(units: units / divisor, scale: target)
    }

    /// The value rounded to `target` decimal places by `rule`.
    public func rounded(toScale target: Int8, _ rule: RoundingRule) throws(FixedDecimalError) -> FixedDecimal {
        try Self.make(numerator: Int128(units), numeratorScale: Int(scale), denominator: 1, scale: target, rule: rule)
    }

    /// The value rounded to a multiple of `increment` (a tick or a lot) by `rule`.
    public func rounded(
        toMultipleOf increment: FixedDecimal,
        _ rule: RoundingRule
    ) throws(FixedDecimalError)
        -> FixedDecimal
    {
        guard increment.units > 0 else { throw .nonPositiveIncrement(increment.description) }
        let scale = max(self.scale, increment.scale)
        let value = Int128(units) * PowersOfTen.int128(Int(scale - self.scale))
        let step = Int128(increment.units) * PowersOfTen.int128(Int(scale - increment.scale))
        let count = rule.divide(value, by: step)
        let result = count * step
        guard let units = Int64(exactly: result) else {
            throw .notRepresentable(operation: "\(self) rounded to a multiple of \(increment)")
        }
        return FixedDecimal(units: units, scale: scale)
    }

    /// Whether the value is a whole multiple of `increment`.
    public func isMultiple(of increment: FixedDecimal) -> Bool {
        guard increment.units != 0 else { return false }
        let scale = max(self.scale, increment.scale)
        let value = Int128(units) * PowersOfTen.int128(Int(scale - self.scale))
        let step = Int128(increment.units) * PowersOfTen.int128(Int(scale - increment.scale))
        return value % step == 0
    }

    /// Rounds `numerator / (denominator × 10^numeratorScale)` to `scale` places.
    static func make(
        numerator: Int128,
        numeratorScale: Int,
        denominator: Int128,
        scale: Int8,
        rule: RoundingRule
    ) throws(FixedDecimalError) -> FixedDecimal {
        guard scale >= 0 && scale <= maximumScale else { throw .scaleOutOfRange(Int(scale)) }
        var numerator = numerator
        var denominator = denominator
        let shift = Int(scale) - numeratorScale
        if shift >= 0 {
            let (scaled, overflow) = numerator.multipliedReportingOverflow(by: PowersOfTen.int128(shift))
            guard !overflow else { throw .notRepresentable(operation: "rescale to \(scale) places") }
            numerator = scaled
        } else {
            let (scaled, overflow) = denominator.multipliedReportingOverflow(by: PowersOfTen.int128(-shift))
            guard !overflow else { throw .notRepresentable(operation: "rescale to \(scale) places") }
            denominator = scaled
        }
        let quotient = rule.divide(numerator, by: denominator)
        guard let units = Int64(exactly: quotient) else {
            throw .notRepresentable(operation: "result beyond Int64 at scale \(scale)")
        }
        return FixedDecimal(units: units, scale: scale)
    }
}
