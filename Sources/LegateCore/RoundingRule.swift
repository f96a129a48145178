/// How an inexact decimal result is brought to a representable one; every lossy conversion names one.
public enum RoundingRule: String, Sendable, CaseIterable, Codable {
    /// Truncate: toward zero.
    case towardZero
    /// Away from zero.
    case awayFromZero
    /// Toward negative infinity (floor).
    case down
    /// Toward positive infinity (ceiling).
    case up
    /// To nearest; ties to the even neighbour (banker's rounding).
    case toNearestOrEven
    /// To nearest; ties away from zero (schoolbook rounding).
    case toNearestOrAwayFromZero

    /// `numerator / denominator` rounded to an integer by this rule.
    func divide(_ numerator: Int128, by denominator: Int128) -> Int128 {
        precondition(denominator != 0, "division by zero in RoundingRule.divide")
        let (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: denominator)
        if remainder == 0 { return quotient }
        let positive = (numerator < 0) == (denominator < 0)
        let towardInfinity: Int128 = positive ? 1 : -1
        switch self {
        case .towardZero:
            return quotient
        case .awayFromZero:
            return quotient + towardInfinity
        case .down:
            return positive ? quotient : quotient - 1
        case .up:
            return positive ? quotient + 1 : quotient
        case .toNearestOrEven, .toNearestOrAwayFromZero:
            let twiceRemainder = remainder.magnitude * 2
            let divisor = denominator.magnitude
            if twiceRemainder > divisor { return quotient + towardInfinity }
            if twiceRemainder < divisor { return quotient }
            if self == .toNearestOrAwayFromZero { return quotient + towardInfinity }
            return quotient % 2 == 0 ? quotient : quotient + towardInfinity
        }
    }
}
