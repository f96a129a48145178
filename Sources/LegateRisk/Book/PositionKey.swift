public import LegateCore
public import LegateModel

/// What a position is held by and in: one account on one venue, one instrument.
public struct PositionKey: Sendable, Hashable, Codable, CustomStringConvertible {
    public let account: AccountID
    public let venue: Venue
    public let instrument: Instrument

    public init(account: AccountID, venue: Venue, instrument: Instrument) {
        self.account = account
        self.venue = venue
        self.instrument = instrument
    }

    public var description: String { "\(account)@\(venue) \(instrument)" }

    /// Whether P&L follows the inverse rule `size_USD·(1/entry − 1/exit)` (coin-settled futures and perpetuals,
    /// sized in USD) rather than `(exit − entry)·size`.
    public var isInverseDeltaOne: Bool {
        guard instrument.settlement.isInverse else { return false }
        switch instrument.terms {
        case .future, .perpetual: return true
        case .spot, .option, .combo: return false
        }
    }
}

/// How the book rounds what exact arithmetic cannot give exactly: average prices and inverse-contract P&L.
///
/// A weighted average price and a coin P&L `size·(1/entry − 1/exit)` are quotients; they are rounded to these scales
/// by this rule, once, where they are computed. Everything else in the book is exact.
public struct BookConventions: Sendable, Hashable, Codable {
    /// Decimal places of an average price.
    public var averagePriceScale: Int8
    /// Decimal places of a P&L that needed a division.
    public var pnlScale: Int8
    public var rounding: RoundingRule

    public init(averagePriceScale: Int8, pnlScale: Int8, rounding: RoundingRule) {
        self.averagePriceScale = averagePriceScale
        self.pnlScale = pnlScale
        self.rounding = rounding
    }

    /// Checks the scales.
    ///
    /// - Throws: `BookError.invalidConventions`.
    public func validate() throws(BookError) {
        for (field, scale) in [("averagePriceScale", averagePriceScale), ("pnlScale", pnlScale)]
        where !(0...FixedDecimal.maximumScale).contains(scale) {
            throw .invalidConventions(field: field, value: Int(scale))
        }
    }
}
