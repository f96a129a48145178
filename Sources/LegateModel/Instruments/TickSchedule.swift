public import LegateCore

/// The minimum price increment, possibly piecewise in price (Deribit options: 0.0001 below 0.005, 0.0005 above).
///
/// `steps` are sorted by `abovePrice`; the tick for a price is the tick of the last step whose threshold the price
/// reaches, else `base`. Negative prices (combos) use the tick for their magnitude.
public struct TickSchedule: Hashable, Sendable, Codable {
    public let base: FixedDecimal
    public let steps: [Step]

    public struct Step: Hashable, Sendable, Codable {
        public let abovePrice: FixedDecimal
        public let tick: FixedDecimal

        public init(abovePrice: FixedDecimal, tick: FixedDecimal) {
            self.abovePrice = abovePrice
            self.tick = tick
        }
    }

    /// A schedule; ticks must be positive and thresholds strictly increasing.
    public init(base: FixedDecimal, steps: [Step] = []) throws(TickScheduleError) {
        guard base.isPositive else { throw .nonPositiveTick(base.description) }
        for (index, step) in steps.enumerated() {
            guard step.tick.isPositive else { throw .nonPositiveTick(step.tick.description) }
            if index > 0 && step.abovePrice <= steps[index - 1].abovePrice {
                throw .unorderedThresholds(step.abovePrice.description)
            }
        }
        self.base = base
        self.steps = steps
    }

    public static func uniform(_ tick: FixedDecimal) throws(TickScheduleError) -> TickSchedule {
        try TickSchedule(base: tick)
    }

    /// The tick that applies at `price`.
    public func tick(at price: Price) -> FixedDecimal {
        let magnitude = price.decimal.magnitude
        var tick = base
        for step in steps where magnitude >= step.abovePrice {
            tick = step.tick
        }
        return tick
    }

    /// `price` rounded to a valid tick by `rule`; at a threshold the tick of the rounded side applies.
    public func round(_ price: Price, _ rule: RoundingRule) throws(FixedDecimalError) -> Price {
        let first = try price.decimal.rounded(toMultipleOf: tick(at: price), rule)
        // Rounding can cross a threshold into a coarser tick; round again there so the result is valid.
        let second = try first.rounded(toMultipleOf: tick(at: Price(first)), rule)
        return Price(second)
    }
}

public enum TickScheduleError: Error, Sendable, Equatable, CustomStringConvertible {
    case nonPositiveTick(String)
    case unorderedThresholds(String)

    public var description: String {
        switch self {
        case .nonPositiveTick(let tick): "tick \(tick) must be positive"
        case .unorderedThresholds(let price): "tick step threshold \(price) is not above the previous one"
        }
    }
}
