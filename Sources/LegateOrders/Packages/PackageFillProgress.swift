public import LegateCore
public import LegateModel

/// How far a package has filled, from the filled quantity of each leg: whole package units done, and what is left
/// over on each leg unpaired (the residual risk a legging budget bounds).
///
/// `completed` is the minimum over legs of `filled / ratio`: exactly that minimum when it is a decimal (one of each
/// leg of a butterfly is 0.5 of a package), otherwise — or when an increment is given — the largest multiple of the
/// increment not above it. For every leg `filled = completed × ratio + unpaired` holds exactly, with `unpaired ≥ 0`.
public struct PackageFillProgress: Hashable, Sendable {
    /// Filled quantity per leg, as given.
    public let filled: [Quantity]
    /// Package units completed on every leg.
    public let completed: Quantity
    /// Per leg, what is filled beyond `completed × ratio`.
    public let unpaired: [Quantity]
    /// Package units not yet completed: `quantity − completed`.
    public let remaining: Quantity
    /// Per leg, what is still to fill: `quantity × ratio − filled`.
    public let legRemaining: [Quantity]

    /// Every package unit is complete.
    public var isComplete: Bool { remaining.isZero }
    /// No leg is ahead of the others: nothing is held outside whole package units.
    public var isPaired: Bool { unpaired.allSatisfy(\.isZero) }

    /// Computes progress from per-leg fills.
    ///
    /// - Parameters:
    ///   - package: the package the fills belong to.
    ///   - filled: cumulative filled quantity per leg, in `legs` order (absolute sizes, not signed positions).
    ///   - increment: the granularity of package units when the caller wants one (1 for whole packages, 0.1 where
    ///     legs trade in lots of 0.1). When nil, the exact minimum is used if it is a decimal of at most 18 places;
    ///     if it is not (one of each leg of a 1×3 is 1/3), it is rounded down to `10^-s`, where `s` is the most
    ///     decimal places among the package quantity and the fills once trailing zeros are dropped — the finest
    ///     granularity in play, so `"1"` and `"1.0"` agree.
    /// - Throws: `.legCountMismatch`, `.negativeFill`, `.overfilled` (more filled than the leg's order),
    ///   `.nonPositiveIncrement`, `.notRepresentable`.
    public init(
        package: StrategyPackage,
        filled: [Quantity],
        increment: Quantity? = nil
    ) throws(PackageArithmeticError) {
        guard filled.count == package.legs.count else {
            throw .legCountMismatch(expected: package.legs.count, found: filled.count)
        }
        let orders = package.legOrders
        for (index, quantity) in filled.enumerated() {
            guard !quantity.decimal.isNegative else { throw .negativeFill(leg: index, filled: quantity) }
            guard quantity <= orders[index].quantity else {
                throw .overfilled(leg: index, filled: quantity, ordered: orders[index].quantity)
            }
        }
        let completed: FixedDecimal
        if let increment {
            completed = try Self.completedUnits(legs: package.legs, filled: filled, step: increment.decimal)
        } else if let exact = Self.exactMinimum(legs: package.legs, filled: filled) {
            completed = exact
        } else {
            let places = ([package.quantity] + filled).map(\.decimal.normalized.scale).max() ?? 0
            completed = try Self.completedUnits(
                legs: package.legs,
                filled: filled,
                step: FixedDecimal(units: 1, scale: places)
            )
        }

        var unpaired: [Quantity] = []
        var legRemaining: [Quantity] = []
        for (index, leg) in package.legs.enumerated() {
            var residual = Wide(filled[index].decimal)
            try residual.add(completed, times: -leg.ratio)
            unpaired.append(Quantity(try residual.decimal()))
            var left = Wide(orders[index].quantity.decimal)
            try left.add(filled[index].decimal, times: -1)
            legRemaining.append(Quantity(try left.decimal()))
        }
        self.filled = filled
        self.completed = Quantity(completed)
        self.unpaired = unpaired
        var remaining = Wide(package.quantity.decimal)
        try remaining.add(completed, times: -1)
        self.remaining = Quantity(try remaining.decimal())
        self.legRemaining = legRemaining
    }

    /// min over legs of `filled / ratio` when it is an exact decimal that fits 64-bit units, else nil.
    private static func exactMinimum(legs: [PackageLeg], filled: [Quantity]) -> FixedDecimal? {
        // Compare filled/ratio across legs by cross-multiplying in 128 bits: no division, no rounding.
        var smallest = 0
        for index in legs.indices.dropFirst() {
            let scale = max(filled[index].decimal.scale, filled[smallest].decimal.scale)
            guard
                let candidate = try? Wide.multiply(
                    Wide(filled[index].decimal).units(atScale: scale),
                    Int128(legs[smallest].ratio)
                ),
                let current = try? Wide.multiply(
                    Wide(filled[smallest].decimal).units(atScale: scale),
                    Int128(legs[index].ratio)
                )
            else { return nil }
            if candidate < current { smallest = index }
        }
        return exactQuotient(filled[smallest].decimal, dividedBy: legs[smallest].ratio)
    }

    /// `value / divisor` at the fewest decimal places that make it exact, or nil when it does not terminate within
    /// 18 places or does not fit 64-bit units there.
    private static func exactQuotient(_ value: FixedDecimal, dividedBy divisor: Int) -> FixedDecimal? {
        let normal = value.normalized
        var units = Int128(normal.units)
        var scale = normal.scale
        while units % Int128(divisor) != 0 {
            guard scale < FixedDecimal.maximumScale else { return nil }
            units *= 10
            scale += 1
        }
        guard let quotient = Int64(exactly: units / Int128(divisor)) else { return nil }
        return FixedDecimal(units: quotient, scale: scale)
    }

    /// The largest multiple of `step` whose product with every ratio fits within that leg's fill.
    private static func completedUnits(
        legs: [PackageLeg],
        filled: [Quantity],
        step: FixedDecimal
    ) throws(PackageArithmeticError) -> FixedDecimal {
        guard step.isPositive else { throw .nonPositiveIncrement(step) }
        let scale = max(step.scale, filled.map(\.decimal.scale).max() ?? 0)
        let stepUnits = try Wide(step).units(atScale: scale)
        var steps = Int128.max
        for (leg, quantity) in zip(legs, filled) {
            let units = try Wide(quantity.decimal).units(atScale: scale)
            steps = min(steps, Wide.floorDivide(units, try Wide.multiply(stepUnits, Int128(leg.ratio))))
        }
        return try Wide(units: try Wide.multiply(steps, stepUnits), scale: scale).decimal()
    }
}

/// Exact wide arithmetic reporting overflow as a package error.
private typealias Wide = WideDecimal<PackageArithmeticError>
