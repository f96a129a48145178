public import LegateCore
import LegateModel

/// One position: signed size, average entry price and realized P&L, all exact.
///
/// Size units: coins for options (of notional), spot, linear futures and perpetuals; USD for coin-settled
/// (inverse) futures and perpetuals, as Deribit and OKX size them. Convert venue contracts with the
/// `InstrumentSpec` multiplier before booking. P&L is in the settlement currency (`instrument.settlement.currency`).
///
/// Realized P&L on the closed part of a fill is `(exit − average)·closed` (sign by side), or for inverse
/// futures and perpetuals `closed_USD·(1/average − 1/exit)` in coin, rounded by the book conventions. A fill that
/// crosses zero closes the whole position and opens the rest at the fill price.
public struct Position: Sendable, Hashable {
    public let key: PositionKey
    /// Signed size; short is negative.
    public private(set) var quantity: Quantity
    /// Average entry price of the open size (arithmetic; harmonic for inverse futures and perpetuals); zero when flat.
    public private(set) var averagePrice: Price
    /// P&L locked in by reducing fills, in the settlement currency.
    public private(set) var realizedPnL: Money

    /// A flat position.
    public init(key: PositionKey) {
        self.key = key
        quantity = .zero
        averagePrice = .zero
        realizedPnL = .zero(key.instrument.settlement.currency)
    }

    /// A position as it stands, for loading a book from a venue or a snapshot.
    public init(key: PositionKey, quantity: Quantity, averagePrice: Price, realizedPnL: Money) {
        precondition(
            realizedPnL.currency == key.instrument.settlement.currency,
            "realized P&L of \(key) must be in \(key.instrument.settlement.currency)"
        )
        self.key = key
        self.quantity = quantity
        self.averagePrice = averagePrice
        self.realizedPnL = realizedPnL
    }

    /// Books a fill of signed size `fill` (buy > 0) at `price`.
    ///
    /// - Throws: `BookError.zeroFill`, `.nonPositivePrice` (inverse contracts), `.arithmetic`.
    public mutating func apply(fill: Quantity, price: Price, conventions: BookConventions) throws(BookError) {
        guard !fill.isZero else { throw .zeroFill(position: key) }
        if key.isInverseDeltaOne, !price.decimal.isPositive {
            throw .nonPositivePrice(price, position: key, field: "fill price")
        }
        let isIncreasing = quantity.isZero || quantity.decimal.isNegative == fill.decimal.isNegative
        if isIncreasing {
            averagePrice = try average(adding: fill, at: price, conventions)
            quantity = quantity + fill
            return
        }
        let closing = min(fill.decimal.magnitude, quantity.decimal.magnitude)
        let closed = Quantity(quantity.decimal.isNegative ? -closing : closing)
        realizedPnL = realizedPnL + (try pnl(of: closed, entry: averagePrice, exit: price, conventions))
        quantity = quantity + fill
        if quantity.isZero {
            averagePrice = .zero
        } else if quantity.decimal.isNegative == fill.decimal.isNegative {
            // The fill crossed zero: what is left was opened at the fill price.
            averagePrice = price
        }
    }

    /// The P&L of the open size if it were closed at `mark`, in the settlement currency.
    ///
    /// - Throws: `BookError.nonPositivePrice` (inverse contracts), `.arithmetic`.
    public func unrealizedPnL(mark: Price, conventions: BookConventions) throws(BookError) -> Money {
        guard !quantity.isZero else { return .zero(key.instrument.settlement.currency) }
        return try pnl(of: quantity, entry: averagePrice, exit: mark, conventions)
    }

    /// The P&L of holding `size` (signed) from `entry` to `exit`.
    private func pnl(
        of size: Quantity,
        entry: Price,
        exit: Price,
        _ conventions: BookConventions
    ) throws(BookError) -> Money {
        let currency = key.instrument.settlement.currency
        if key.isInverseDeltaOne {
            guard entry.decimal.isPositive else { throw .nonPositivePrice(entry, position: key, field: "entry") }
            guard exit.decimal.isPositive else { throw .nonPositivePrice(exit, position: key, field: "exit") }
        }
        do throws(FixedDecimalError) {
            guard key.isInverseDeltaOne else {
                return Money(try (exit.decimal - entry.decimal).multipliedExactly(by: size.decimal), currency)
            }
            // size·(1/entry − 1/exit) = size·(exit − entry)/(entry·exit), one rounding at the end.
            let numerator = try size.decimal.multipliedExactly(by: exit.decimal - entry.decimal)
            let denominator = try entry.decimal.multipliedExactly(by: exit.decimal)
            let amount = try numerator.divided(
                by: denominator,
                scale: conventions.pnlScale,
                rounding: conventions.rounding
            )
            return Money(amount, currency)
        } catch {
            throw .arithmetic(error, position: key, operation: "P&L of \(size) from \(entry) to \(exit)")
        }
    }

    /// The average entry price after adding `fill` at `price` to the open size.
    private func average(
        adding fill: Quantity,
        at price: Price,
        _ conventions: BookConventions
    ) throws(BookError)
        -> Price
    {
        guard !quantity.isZero else { return price }
        let held = quantity.decimal.magnitude
        let added = fill.decimal.magnitude
        do throws(FixedDecimalError) {
            if key.isInverseDeltaOne {
                // Harmonic: (|q| + |f|) / (|q|/avg + |f|/p), computed as one quotient of exact products.
                let numerator = try (held + added).multipliedExactly(by: averagePrice.decimal)
                    .multipliedExactly(by: price.decimal)
                let denominator =
                    try held.multipliedExactly(by: price.decimal) + added.multipliedExactly(by: averagePrice.decimal)
                return Price(
                    try numerator.divided(
                        by: denominator,
                        scale: conventions.averagePriceScale,
                        rounding: conventions.rounding
                    )
                )
            }
            let cost = try held.multipliedExactly(by: averagePrice.decimal) + added.multipliedExactly(by: price.decimal)
            return Price(
                try cost.divided(by: held + added, scale: conventions.averagePriceScale, rounding: conventions.rounding)
            )
        } catch {
            throw .arithmetic(
                error,
                position: key,
                operation: "average of \(quantity) at \(averagePrice) and \(fill) at \(price)"
            )
        }
    }
}
