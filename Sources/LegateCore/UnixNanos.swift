/// An instant as nanoseconds since the Unix epoch, UTC. The engine is handed time; it never reads a clock.
public struct UnixNanos: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: Int64

    @inlinable
    public init(_ rawValue: Int64) { self.rawValue = rawValue }

    public static func milliseconds(_ value: Int64) -> UnixNanos { UnixNanos(value * 1_000_000) }
    public static func seconds(_ value: Int64) -> UnixNanos { UnixNanos(value * 1_000_000_000) }

    public static let nanosecondsPerSecond: Int64 = 1_000_000_000
    public static let nanosecondsPerDay: Int64 = 86_400 * 1_000_000_000
    /// The Julian year of 365.25 days that option year fractions are measured in.
    public static let nanosecondsPerYear: Double = 365.25 * 86_400 * 1e9

    public var milliseconds: Int64 { rawValue / 1_000_000 }

    public static func < (lhs: UnixNanos, rhs: UnixNanos) -> Bool { lhs.rawValue < rhs.rawValue }

    public static func + (lhs: UnixNanos, rhs: Int64) -> UnixNanos { UnixNanos(lhs.rawValue + rhs) }
    public static func - (lhs: UnixNanos, rhs: UnixNanos) -> Int64 { lhs.rawValue - rhs.rawValue }

    /// Years from `self` to `later` (ACT/365.25), the `T` of the pricing formulas.
    public func years(until later: UnixNanos) -> Double {
        Double(later.rawValue - rawValue) / Self.nanosecondsPerYear
    }

    /// ISO 8601 in UTC with nanoseconds when non-zero (`2024-12-27T08:00:00Z`).
    public var description: String {
        let date = CivilDate(unixNanos: self)
        let secondsOfDay = (rawValue - date.unixNanos.rawValue) / Self.nanosecondsPerSecond
        let nanos = rawValue - date.unixNanos.rawValue - secondsOfDay * Self.nanosecondsPerSecond
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        var text =
            "\(date)T\(pad(secondsOfDay / 3600, 2)):\(pad(secondsOfDay / 60 % 60, 2)):\(pad(secondsOfDay % 60, 2))"
        if nanos != 0 { text += "." + pad(nanos, 9) }
        return text + "Z"
    }
}

/// A calendar date in the proleptic Gregorian calendar (UTC), used for expiries and symbology.
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Validates the date (month 1–12, day within the month, leap years included).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
            day <= CivilDate.daysInMonth(year: year, month: month)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date an instant falls on, in UTC.
    public init(unixNanos: UnixNanos) {
        let days = Int(
            unixNanos.rawValue >= 0
                ? unixNanos.rawValue / UnixNanos.nanosecondsPerDay
                : (unixNanos.rawValue - UnixNanos.nanosecondsPerDay + 1) / UnixNanos.nanosecondsPerDay
        )
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        self.day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        self.month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        self.year = yearOfEra + era * 400 + (self.month <= 2 ? 1 : 0)
    }

    /// Days since 1970-01-01 (Hinnant's days_from_civil).
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Midnight UTC at the start of this date.
    public var unixNanos: UnixNanos { UnixNanos(Int64(daysSinceEpoch) * UnixNanos.nanosecondsPerDay) }

    /// This date at `hour`:00 UTC (crypto options and futures expire at 08:00 UTC).
    public func at(hourUTC hour: Int) -> UnixNanos {
        unixNanos + Int64(hour) * 3600 * UnixNanos.nanosecondsPerSecond
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public var description: String {
        let m = month < 10 ? "0\(month)" : "\(month)"
        let d = day < 10 ? "0\(day)" : "\(day)"
        return "\(year)-\(m)-\(d)"
    }
}
