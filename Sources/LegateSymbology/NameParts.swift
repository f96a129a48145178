import LegateCore
import LegateModel

/// The pieces names are written from, and the checks that an instrument's values can be written at all.
enum NameParts {
    /// Every venue here expires options and futures at 08:00 UTC.
    static let expiryHourUTC = 8

    /// The date of an expiry, if it is 08:00 UTC on a day in 2000...2099 (the years two digits can name).
    static func expiryDate(
        _ expiry: UnixNanos,
        of instrument: Instrument,
        on venue: Venue
    ) throws(SymbologyError) -> CivilDate {
        let date = CivilDate(unixNanos: expiry)
        guard date.at(hourUTC: expiryHourUTC) == expiry else {
            throw .notExpressible(venue: venue, instrument: instrument, reason: "expiry \(expiry) is not at 08:00 UTC")
        }
        guard (2000...2099).contains(date.year) else {
            throw .notExpressible(
                venue: venue,
                instrument: instrument,
                reason: "expiry year \(date.year) needs 4 digits"
            )
        }
        return date
    }

    /// `27DEC24`, `6AUG21`.
    static func dayMonthYear(_ date: CivilDate) -> String {
        "\(date.day)\(Months.names[date.month - 1])\(twoDigits(date.year % 100))"
    }

    /// `241227`.
    static func yearMonthDay(_ date: CivilDate) -> String {
        twoDigits(date.year % 100) + twoDigits(date.month) + twoDigits(date.day)
    }

    /// The strike with `mark` as decimal point and no trailing fractional zeros: `60000`, `0d625`, `0.15`.
    static func strike(
        _ price: Price,
        decimalMark mark: String,
        of instrument: Instrument,
        on venue: Venue
    ) throws(SymbologyError) -> String {
        let value = price.decimal.normalized
        guard value.isPositive else {
            throw .notExpressible(venue: venue, instrument: instrument, reason: "strike \(price) is not positive")
        }
        let power = PowersOfTen.int64[Int(value.scale)]
        let integer = String(value.units / power)
        guard value.scale > 0 else { return integer }
        let fraction = String(value.units % power)
        return integer + mark + String(repeating: "0", count: Int(value.scale) - fraction.count) + fraction
    }

    /// The last Friday of a month: Bybit's inverse futures (`BTCUSDZ24`) deliver then, at 08:00 UTC.
    static func lastFriday(year: Int, month: Int) -> CivilDate? {
        let lastDay = CivilDate.daysInMonth(year: year, month: month)
        guard let last = CivilDate(year: year, month: month, day: lastDay) else { return nil }
        // 1970-01-01 was a Thursday; with Sunday = 0, Friday = 5.
        let weekday = ((last.daysSinceEpoch + 4) % 7 + 7) % 7
        return CivilDate(year: year, month: month, day: lastDay - (weekday - 5 + 7) % 7)
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}

/// The common shape checks formatters share.
extension Instrument {
    /// The settlement `.inverse(base)` on a `base/USD` underlying: the coin-margined contracts every venue lists.
    var isCoinMarginedUSD: Bool {
        settlement == .inverse(underlying.base) && underlying.quote == .usd
    }

    /// The settlement `.linear(quote)`: paid in the currency the underlying is quoted in.
    var isLinearInQuote: Bool {
        settlement == .linear(underlying.quote)
    }
}
