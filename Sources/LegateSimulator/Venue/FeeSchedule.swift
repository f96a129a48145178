public import LegateCore
public import LegateModel

/// Trading fees as the venues charge them, on exact decimals.
///
/// Options pay a rate on the underlying amount (`rate × size × multiplier` coin for inverse options, times the index
/// for linear ones), capped at a fraction of the premium where the venue caps it (Deribit: 12.5%). Futures and
/// perpetuals pay a rate on the notional (inverse: `size × multiplier / price` coin). Fees are rounded to the
/// venue's cash scale, half away from zero.
public enum FeeSchedule {
    public static func fee(
        rules: ProductRules,
        kind: InstrumentKind,
        isInverse: Bool,
        price: Price,
        quantity: Quantity,
        index: Price,
        liquidity: Liquidity,
        cashScale: Int8
    ) -> FixedDecimal {
        let rate = liquidity == .maker ? rules.makerFeeRate : rules.takerFeeRate
        let amount = exact(quantity.decimal, rules.contractMultiplier)
        let raw: FixedDecimal
        switch kind {
        case .option, .combo:
            let base = isInverse ? exact(rate, amount) : exact(exact(rate, amount), index.decimal)
            if let cap = rules.feeCapFractionOfPremium, base.isPositive {
                let ceiling = exact(exact(cap, price.decimal.magnitude), amount)
                raw = min(base, ceiling)
            } else {
                raw = base
            }
        case .future, .perpetual, .spot:
            if isInverse {
                raw = divide(exact(rate, amount), by: price.decimal)
            } else {
                raw = exact(exact(rate, amount), price.decimal)
            }
        }
        return round(raw, cashScale)
    }

    /// An exact product; a product too large for 64-bit fixed point is a broken configuration, not an input.
    static func exact(_ lhs: FixedDecimal, _ rhs: FixedDecimal) -> FixedDecimal {
        do {
            return try lhs.multipliedExactly(by: rhs)
        } catch {
            preconditionFailure("fee arithmetic overflowed: \(error)")
        }
    }

    /// A quotient at 12 places, half to even: intermediate precision well beyond any venue's cash scale.
    static func divide(_ lhs: FixedDecimal, by rhs: FixedDecimal) -> FixedDecimal {
        do {
            return try lhs.divided(by: rhs, scale: 12, rounding: .toNearestOrEven)
        } catch {
            preconditionFailure("division \(lhs) ÷ \(rhs) failed: \(error)")
        }
    }

    static func round(_ value: FixedDecimal, _ scale: Int8) -> FixedDecimal {
        do {
            return try value.rounded(toScale: scale, .toNearestOrAwayFromZero)
        } catch {
            preconditionFailure("\(value) cannot be rounded to \(scale) places: \(error)")
        }
    }
}
