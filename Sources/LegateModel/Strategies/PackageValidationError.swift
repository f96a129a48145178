public import LegateCore

/// Why a package was refused: the shape, the leg (by index into `legs`, from 0) and the rule it broke.
///
/// The first rule broken is reported, in a fixed order (package-level counts and quantity first, then each leg in
/// order against the generic rules, then the shape's own rules), so the same input always gives the same error.
public struct PackageValidationError: Error, Hashable, Sendable, CustomStringConvertible {
    public let shape: StrategyShape
    /// The offending leg's index in `legs`, or nil when the package as a whole breaks the rule.
    public let leg: Int?
    public let violation: PackageViolation

    public init(shape: StrategyShape, leg: Int?, violation: PackageViolation) {
        self.shape = shape
        self.leg = leg
        self.violation = violation
    }

    public var description: String {
        if let leg { return "\(shape) leg \(leg): \(violation)" }
        return "\(shape): \(violation)"
    }
}

/// A rule of a well-formed package. Where a rule relates two legs, the other leg's index is named in the case.
public enum PackageViolation: Hashable, Sendable, CustomStringConvertible {
    // Package level.
    case tooFewLegs(count: Int, minimum: Int)
    case tooManyLegs(count: Int, maximum: Int)
    case wrongLegCount(count: Int, expected: Int)
    case nonPositiveQuantity(Quantity)
    /// The greatest common divisor of all ratios is above 1: the same package is written with smaller ratios.
    case ratiosNotReduced(ratios: [Int], divisor: Int)

    // Generic, per leg.
    case ratioOutOfRange(ratio: Int, maximum: Int)
    /// A venue-native combo cannot itself be a leg: packages do not nest.
    case comboLeg
    case underlyingMismatch(expected: Underlying, found: Underlying)
    case settlementMismatch(expected: Settlement, found: Settlement)
    case duplicateInstrument(firstLeg: Int)
    /// The instrument expires at or before the validation instant.
    case expired(expiry: UnixNanos, asOf: UnixNanos)
    /// The leg's order quantity (package quantity × ratio) does not fit 64-bit fixed point.
    case legQuantityNotRepresentable(quantity: Quantity, ratio: Int)

    // Shape, per leg.
    case notAnOption(found: InstrumentKind)
    case wrongRight(expected: OptionRight, found: OptionRight)
    case wrongSide(expected: OrderSide, found: OrderSide)
    case wrongRatio(expected: Int, found: Int)
    case expiryMismatch(otherLeg: Int, expected: UnixNanos, found: UnixNanos)
    case expiryNotAfter(otherLeg: Int, other: UnixNanos, found: UnixNanos)
    case strikeMismatch(otherLeg: Int, expected: Price, found: Price)
    case strikeNotAbove(otherLeg: Int, other: Price, found: Price)
    case strikeNotBelow(otherLeg: Int, other: Price, found: Price)
    case strikeEqualsLeg(otherLeg: Int, strike: Price)
    /// The wing ending at this leg is not as wide as the other wing, and broken wings were not allowed.
    case unequalWings(lowerWidth: FixedDecimal, upperWidth: FixedDecimal)
    /// A ratio spread with equal ratios is a vertical.
    case equalRatios(ratio: Int)

    public var description: String {
        switch self {
        case .tooFewLegs(let count, let minimum): "has \(count) legs; a package needs at least \(minimum)"
        case .tooManyLegs(let count, let maximum): "has \(count) legs; a package may have at most \(maximum)"
        case .wrongLegCount(let count, let expected): "has \(count) legs; the shape has \(expected)"
        case .nonPositiveQuantity(let quantity): "quantity \(quantity) must be positive"
        case .ratiosNotReduced(let ratios, let divisor):
            "ratios \(ratios) share the divisor \(divisor); write them reduced and scale the quantity instead"
        case .ratioOutOfRange(let ratio, let maximum): "ratio \(ratio) is outside 1...\(maximum)"
        case .comboLeg: "a venue combo cannot be a leg of a package"
        case .underlyingMismatch(let expected, let found): "underlying \(found) differs from leg 0's \(expected)"
        case .settlementMismatch(let expected, let found): "settlement \(found) differs from leg 0's \(expected)"
        case .duplicateInstrument(let firstLeg): "repeats the instrument of leg \(firstLeg)"
        case .expired(let expiry, let asOf): "expired at \(expiry), at or before \(asOf)"
        case .legQuantityNotRepresentable(let quantity, let ratio):
            "quantity \(quantity) × ratio \(ratio) does not fit 64-bit fixed point"
        case .notAnOption(let found): "is a \(found.rawValue); the shape needs an option"
        case .wrongRight(let expected, let found): "is a \(found.rawValue); the shape needs a \(expected.rawValue)"
        case .wrongSide(let expected, let found):
            "is \(found == .buy ? "bought" : "sold") when the package is bought; the shape needs it "
                + (expected == .buy ? "bought" : "sold")
        case .wrongRatio(let expected, let found): "ratio \(found); the shape needs \(expected)"
        case .expiryMismatch(let otherLeg, let expected, let found):
            "expiry \(found) differs from leg \(otherLeg)'s \(expected)"
        case .expiryNotAfter(let otherLeg, let other, let found):
            "expiry \(found) must be after leg \(otherLeg)'s \(other)"
        case .strikeMismatch(let otherLeg, let expected, let found):
            "strike \(found) differs from leg \(otherLeg)'s \(expected)"
        case .strikeNotAbove(let otherLeg, let other, let found):
            "strike \(found) must be above leg \(otherLeg)'s \(other)"
        case .strikeNotBelow(let otherLeg, let other, let found):
            "strike \(found) must be below leg \(otherLeg)'s \(other)"
        case .strikeEqualsLeg(let otherLeg, let strike): "strike \(strike) must differ from leg \(otherLeg)'s"
        case .unequalWings(let lowerWidth, let upperWidth):
            "wing widths \(lowerWidth) and \(upperWidth) differ and broken wings were not allowed"
        case .equalRatios(let ratio): "both ratios are \(ratio); a ratio spread needs unequal ratios (else a vertical)"
        }
    }
}
