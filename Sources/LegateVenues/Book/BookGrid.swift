public import LegateCore
public import LegateModel

/// The integer grid a book stores prices and sizes on: prices as a count of price increments (ticks), sizes as a
/// count of size increments (lots).
///
/// Integer keys make the book's sort and search plain `Int64` comparisons, and the grid makes the conversion exact:
/// a price that is not a whole number of increments is an error, never a rounded level. For a venue with piecewise
/// ticks (Deribit options: 0.0001 below 0.005, 0.0005 above) the grid uses the finest tick, so every valid price is
/// on it.
public struct BookGrid: Hashable, Sendable, CustomStringConvertible {
    public let priceIncrement: FixedDecimal
    public let quantityIncrement: FixedDecimal

    /// A grid; both increments must be positive.
    public init(priceIncrement: FixedDecimal, quantityIncrement: FixedDecimal) throws(BookError) {
        guard priceIncrement.isPositive else { throw .nonPositiveIncrement(priceIncrement.description) }
        guard quantityIncrement.isPositive else { throw .nonPositiveIncrement(quantityIncrement.description) }
        self.priceIncrement = priceIncrement
        self.quantityIncrement = quantityIncrement
    }

    /// The grid for an instrument's tick schedule and lot: the finest tick, and the lot.
    public init(tickSize: TickSchedule, lotSize: FixedDecimal) throws(BookError) {
        let finest = tickSize.steps.map(\.tick).reduce(tickSize.base) { Swift.min($0, $1) }
        try self.init(priceIncrement: finest, quantityIncrement: lotSize)
    }

    public var description: String { "grid(price \(priceIncrement), size \(quantityIncrement))" }

    // MARK: - Prices

    /// The ticks of an exact decimal `units × 10^-scale`, or nil when it is off the grid or out of range.
    @inlinable
    public func ticks(units: Int64, scale: Int8) -> Int64? {
        BookGrid.count(units: units, scale: scale, of: priceIncrement)
    }

    /// The ticks of a price.
    ///
    /// - Throws: `BookError.offGrid` when the price is not a whole number of increments.
    public func ticks(_ price: Price) throws(BookError) -> Int64 {
        guard let ticks = ticks(units: price.decimal.units, scale: price.decimal.scale) else {
            throw .offGrid(value: price.description, increment: priceIncrement.description)
        }
        return ticks
    }

    /// The price of a tick count.
    public func price(ticks: Int64) -> Price {
        Price(FixedDecimal(units: ticks * priceIncrement.units, scale: priceIncrement.scale).normalized)
    }

    // MARK: - Sizes

    /// The lots of an exact decimal `units × 10^-scale`, or nil when it is off the grid or out of range.
    @inlinable
    public func lots(units: Int64, scale: Int8) -> Int64? {
        BookGrid.count(units: units, scale: scale, of: quantityIncrement)
    }

    /// The lots of a size.
    ///
    /// - Throws: `BookError.offGrid` when the size is not a whole number of increments.
    public func lots(_ quantity: Quantity) throws(BookError) -> Int64 {
        guard let lots = lots(units: quantity.decimal.units, scale: quantity.decimal.scale) else {
            throw .offGrid(value: quantity.description, increment: quantityIncrement.description)
        }
        return lots
    }

    /// The size of a lot count.
    public func quantity(lots: Int64) -> Quantity {
        Quantity(FixedDecimal(units: lots * quantityIncrement.units, scale: quantityIncrement.scale).normalized)
    }

    // MARK: - Exact division

    /// `(units × 10^-scale) / increment` when it is a whole number that fits `Int64`, else nil.
    @inlinable
    static func count(units: Int64, scale: Int8, of increment: FixedDecimal) -> Int64? {
        guard scale >= 0 && scale <= FixedDecimal.maximumScale else { return nil }
        if scale <= increment.scale {
            let (widened, overflow) = units.multipliedReportingOverflow(
                by: PowersOfTen.int64[Int(increment.scale - scale)]
            )
            guard !overflow else { return nil }
            if increment.units == 1 { return widened }
            let (quotient, remainder) = widened.quotientAndRemainder(dividingBy: increment.units)
            return remainder == 0 ? quotient : nil
        }
        let (divisor, overflow) = increment.units.multipliedReportingOverflow(
            by: PowersOfTen.int64[Int(scale - increment.scale)]
        )
        guard !overflow else { return nil }
        let (quotient, remainder) = units.quotientAndRemainder(dividingBy: divisor)
        return remainder == 0 ? quotient : nil
    }
}
