import LegateCore

/// An error that can report an exact result beyond 64 (or 128) bits; lets `WideDecimal` throw each caller's own type.
protocol ExactArithmeticError: Error {
    static func notRepresentable(operation: String) -> Self
}

extension PackageArithmeticError: ExactArithmeticError {}
extension AllocationError: ExactArithmeticError {}

/// An exact decimal with 128-bit units, for sums of products that may pass beyond 64 bits on the way to a result
/// that fits; every step checks overflow and throws `Failure.notRepresentable` rather than trapping, because the
/// inputs (venue prices and fills) come from outside.
struct WideDecimal<Failure: ExactArithmeticError>: Hashable {
    private(set) var units: Int128
    private(set) var scale: Int8

    init(units: Int128 = 0, scale: Int8 = 0) {
        self.units = units
        self.scale = scale
    }

    init(_ value: FixedDecimal) {
        self.init(units: Int128(value.units), scale: value.scale)
    }

    /// Adds `value × factor` exactly, widening the scale to the larger of the two.
    mutating func add(_ value: FixedDecimal, times factor: Int) throws(Failure) {
        let target = max(scale, value.scale)
        let current = try Self.widen(units, from: scale, to: target)
        let term = try Self.multiply(try Self.widen(Int128(value.units), from: value.scale, to: target), Int128(factor))
        units = try Self.add(current, term)
        scale = target
    }

    /// The units at a scale at least as large as this value's.
    func units(atScale target: Int8) throws(Failure) -> Int128 {
        try Self.widen(units, from: scale, to: target)
    }

    /// The value as a `FixedDecimal` at its own scale, dropping trailing zeros only if needed to fit 64 bits.
    func decimal() throws(Failure) -> FixedDecimal {
        var units = units
        var scale = scale
        while Int64(exactly: units) == nil, scale > 0, units % 10 == 0 {
            units /= 10
            scale -= 1
        }
        guard let narrow = Int64(exactly: units) else {
            throw .notRepresentable(operation: "\(units) × 10^-\(scale) beyond 64-bit units")
        }
        return FixedDecimal(units: narrow, scale: scale)
    }

    static func widen(_ units: Int128, from scale: Int8, to target: Int8) throws(Failure) -> Int128 {
        precondition(target >= scale, "WideDecimal cannot narrow from scale \(scale) to \(target)")
        var result = units
        for _ in 0..<(target - scale) { result = try multiply(result, 10) }
        return result
    }

    static func multiply(_ lhs: Int128, _ rhs: Int128) throws(Failure) -> Int128 {
        let (product, overflow) = lhs.multipliedReportingOverflow(by: rhs)
        guard !overflow else { throw .notRepresentable(operation: "\(lhs) × \(rhs) beyond 128 bits") }
        return product
    }

    static func add(_ lhs: Int128, _ rhs: Int128) throws(Failure) -> Int128 {
        let (sum, overflow) = lhs.addingReportingOverflow(rhs)
        guard !overflow else { throw .notRepresentable(operation: "\(lhs) + \(rhs) beyond 128 bits") }
        return sum
    }

    /// ⌊numerator / denominator⌋ for a positive denominator.
    static func floorDivide(_ numerator: Int128, _ denominator: Int128) -> Int128 {
        precondition(denominator > 0, "floorDivide needs a positive denominator, got \(denominator)")
        let (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: denominator)
        return remainder < 0 ? quotient - 1 : quotient
    }

    /// ⌈numerator / denominator⌉ for a positive denominator.
    static func ceilingDivide(_ numerator: Int128, _ denominator: Int128) -> Int128 {
        -floorDivide(-numerator, denominator)
    }
}
