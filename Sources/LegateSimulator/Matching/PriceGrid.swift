public import LegateCore
public import LegateModel

/// An instrument's tick schedule on integer price units at one decimal scale, for matching and quoting.
///
/// Prices arrive as exact decimals; one whose digits go beyond the scale of the finest tick is off the grid and is
/// refused, never rounded.
public struct PriceGrid: Hashable, Sendable {
    public let scale: Int8
    public let schedule: TickSchedule
    private let baseTick: Int64
    /// Steps as (threshold, tick) in units, ascending by threshold.
    private let steps: [Step]

    struct Step: Hashable, Sendable {
        let above: Int64
        let tick: Int64
    }

    public init(_ schedule: TickSchedule) {
        let scales =
            [schedule.base.normalized.scale]
            + schedule.steps.flatMap { [$0.tick.normalized.scale, $0.abovePrice.normalized.scale] }
        let scale = scales.max() ?? 0
        self.scale = scale
        self.schedule = schedule
        self.baseTick = Self.units(schedule.base, scale: scale)
        self.steps = schedule.steps.map {
            Step(above: Self.units($0.abovePrice, scale: scale), tick: Self.units($0.tick, scale: scale))
        }
    }

    private static func units(_ value: FixedDecimal, scale: Int8) -> Int64 {
        do {
            return try value.rescaled(to: scale).units
        } catch {
            preconditionFailure("tick schedule value \(value) does not fit scale \(scale): \(error)")
        }
    }

    /// The tick at a price in units (by magnitude, as `TickSchedule.tick(at:)`).
    public func tick(at units: Int64) -> Int64 {
        let magnitude = units.magnitude
        var tick = baseTick
        for step in steps where magnitude >= step.above.magnitude {
            tick = step.tick
        }
        return tick
    }

    /// The price in units, or nil when it has more decimals than the grid.
    public func units(of price: Price) -> Int64? {
        try? price.decimal.rescaled(to: scale).units
    }

    public func price(_ units: Int64) -> Price {
        Price(FixedDecimal(units: units, scale: scale))
    }

    public func isOnTick(_ units: Int64) -> Bool {
        units % tick(at: units) == 0
    }

    /// The largest on-tick price ≤ `units`.
    public func floor(_ units: Int64) -> Int64 {
        var result = Self.floor(units, tick(at: units))
        // Falling below a threshold lands on a finer tick, on which a coarser multiple is still on the grid; falling
        // into a coarser tick (negative prices) needs one more pass.
        result = Self.floor(result, tick(at: result))
        return result
    }

    /// The smallest on-tick price ≥ `units`.
    public func ceil(_ units: Int64) -> Int64 {
        var result = -Self.floor(-units, tick(at: units))
        // Rising past a threshold into a coarser tick: round up again on that tick.
        result = -Self.floor(-result, tick(at: result))
        return result
    }

    /// The on-tick price nearest to a model value (ties up).
    public func nearest(_ value: Double) -> Int64 {
        let raw = Int64((value * PowersOfTen.double[Int(scale)]).rounded(.toNearestOrAwayFromZero))
        let down = floor(raw)
        let up = ceil(raw)
        return raw - down < up - raw ? down : up
    }

    /// A model value in units, floored (so it can be compared against integer prices).
    public func unitsFloor(_ value: Double) -> Int64 {
        Int64((value * PowersOfTen.double[Int(scale)]).rounded(.down))
    }

    public func double(_ units: Int64) -> Double {
        Double(units) / PowersOfTen.double[Int(scale)]
    }

    private static func floor(_ value: Int64, _ step: Int64) -> Int64 {
        let quotient = value / step
        let remainder = value % step
        return (remainder < 0 ? quotient - 1 : quotient) * step
    }
}

/// Sizes on integer units at the lot's scale.
public struct SizeGrid: Hashable, Sendable {
    public let scale: Int8
    public let lot: Int64
    public let minimum: Int64

    public init(lot: Quantity, minimum: Quantity) {
        let scale = max(lot.decimal.normalized.scale, minimum.decimal.normalized.scale)
        self.scale = scale
        do {
            self.lot = try lot.decimal.rescaled(to: scale).units
            self.minimum = try minimum.decimal.rescaled(to: scale).units
        } catch {
            preconditionFailure("lot \(lot) or minimum \(minimum) does not fit scale \(scale): \(error)")
        }
    }

    public func units(of quantity: Quantity) -> Int64? {
        try? quantity.decimal.rescaled(to: scale).units
    }

    public func quantity(_ units: Int64) -> Quantity {
        Quantity(FixedDecimal(units: units, scale: scale))
    }

    public func double(_ units: Int64) -> Double {
        Double(units) / PowersOfTen.double[Int(scale)]
    }

    /// A model size rounded down to whole lots, at least the minimum.
    public func lots(_ value: Double) -> Int64 {
        let raw = Int64((value * PowersOfTen.double[Int(scale)]).rounded(.down))
        return max(raw / lot * lot, max(minimum, lot))
    }
}
