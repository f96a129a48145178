/// A price per unit of an instrument, in the instrument's quote currency (coin for inverse options, USD for
/// perpetuals, USDC for linear options). Exact; may be negative (spreads and combos trade at negative prices).
public struct Price: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var decimal: FixedDecimal

    @inlinable
    public init(_ decimal: FixedDecimal) { self.decimal = decimal }

    public init(parsing text: some StringProtocol) throws(FixedDecimalError) {
        self.decimal = try FixedDecimal(parsing: text)
    }

    public static let zero = Price(.zero)

    public var doubleValue: Double { decimal.doubleValue }
    public var description: String { decimal.description }
    public static func < (lhs: Price, rhs: Price) -> Bool { lhs.decimal < rhs.decimal }
    public static func + (lhs: Price, rhs: Price) -> Price { Price(lhs.decimal + rhs.decimal) }
    public static func - (lhs: Price, rhs: Price) -> Price { Price(lhs.decimal - rhs.decimal) }

    public init(from decoder: any Decoder) throws { self.decimal = try FixedDecimal(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try decimal.encode(to: encoder) }
}

/// A size in contracts or units of the base asset. Exact; signed where it is a position (short is negative).
public struct Quantity: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var decimal: FixedDecimal

    @inlinable
    public init(_ decimal: FixedDecimal) { self.decimal = decimal }

    public init(parsing text: some StringProtocol) throws(FixedDecimalError) {
        self.decimal = try FixedDecimal(parsing: text)
    }

    public static let zero = Quantity(.zero)

    public var isZero: Bool { decimal.isZero }
    public var doubleValue: Double { decimal.doubleValue }
    public var description: String { decimal.description }
    public static func < (lhs: Quantity, rhs: Quantity) -> Bool { lhs.decimal < rhs.decimal }
    public static func + (lhs: Quantity, rhs: Quantity) -> Quantity { Quantity(lhs.decimal + rhs.decimal) }
    public static func - (lhs: Quantity, rhs: Quantity) -> Quantity { Quantity(lhs.decimal - rhs.decimal) }
    public static prefix func - (value: Quantity) -> Quantity { Quantity(-value.decimal) }

    public init(from decoder: any Decoder) throws { self.decimal = try FixedDecimal(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try decimal.encode(to: encoder) }
}

/// An amount of one currency. Adding amounts of two currencies is a programmer error and traps.
public struct Money: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var amount: FixedDecimal
    public let currency: Asset

    public init(_ amount: FixedDecimal, _ currency: Asset) {
        self.amount = amount
        self.currency = currency
    }

    public static func zero(_ currency: Asset) -> Money { Money(.zero, currency) }

    public var description: String { "\(amount) \(currency)" }

    public static func < (lhs: Money, rhs: Money) -> Bool {
        precondition(lhs.currency == rhs.currency, "comparing \(lhs.currency) with \(rhs.currency)")
        return lhs.amount < rhs.amount
    }

    public static func + (lhs: Money, rhs: Money) -> Money {
        precondition(lhs.currency == rhs.currency, "adding \(rhs.currency) to \(lhs.currency)")
        return Money(lhs.amount + rhs.amount, lhs.currency)
    }

    public static func - (lhs: Money, rhs: Money) -> Money {
        precondition(lhs.currency == rhs.currency, "subtracting \(rhs.currency) from \(lhs.currency)")
        return Money(lhs.amount - rhs.amount, lhs.currency)
    }

    /// The notional `price × quantity × multiplier` in `currency`, exact or an error.
    public static func notional(
        price: Price,
        quantity: Quantity,
        multiplier: FixedDecimal = 1,
        currency: Asset
    ) throws(FixedDecimalError) -> Money {
        let perUnit = try price.decimal.multipliedExactly(by: multiplier)
        return Money(try perUnit.multipliedExactly(by: quantity.decimal), currency)
    }

    /// Converts to `currency` at `rate` (units of `currency` per unit of this), rounded to `scale` by `rule`.
    public func converted(
        to currency: Asset,
        rate: FixedDecimal,
        scale: Int8,
        rounding rule: RoundingRule
    ) throws(FixedDecimalError) -> Money {
        Money(try amount.multiplied(by: rate, scale: scale, rounding: rule), currency)
    }
}

extension Price: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int64) { self.init(FixedDecimal(units: value, scale: 0)) }
}

extension Quantity: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int64) { self.init(FixedDecimal(units: value, scale: 0)) }
}
