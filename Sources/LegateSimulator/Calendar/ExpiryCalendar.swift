public import LegateCore

/// How many of each kind of expiry a venue keeps listed (Deribit: dailies, weeklies on Friday, monthlies on the last
/// Friday, quarterlies on the last Friday of March, June, September and December), all at one hour UTC.
public struct ExpiryCounts: Hashable, Sendable, Codable {
    public var dailies: Int
    public var weeklies: Int
    public var monthlies: Int
    public var quarterlies: Int

    public init(dailies: Int, weeklies: Int, monthlies: Int, quarterlies: Int) {
        self.dailies = dailies
        self.weeklies = weeklies
        self.monthlies = monthlies
        self.quarterlies = quarterlies
    }
}

/// A venue's expiry calendar relative to the simulated clock.
///
/// An expiry is listed while it is strictly in the future; at its instant it expires and the next one of its kind
/// joins the list. The same date reached by two rules (a Friday daily and a weekly) is one expiry.
public struct ExpiryCalendar: Hashable, Sendable, Codable {
    /// The hour of day (UTC) every expiry falls on; 8 on all four venues.
    public var hourUTC: Int
    public var options: ExpiryCounts
    public var futures: ExpiryCounts

    public init(hourUTC: Int, options: ExpiryCounts, futures: ExpiryCounts) {
        self.hourUTC = hourUTC
        self.options = options
        self.futures = futures
    }

    /// The option expiries listed at `time`, ascending.
    public func optionExpiries(at time: UnixNanos) -> [UnixNanos] {
        expiries(options, at: time)
    }

    /// The futures expiries listed at `time`, ascending.
    public func futureExpiries(at time: UnixNanos) -> [UnixNanos] {
        expiries(futures, at: time)
    }

    func expiries(_ counts: ExpiryCounts, at time: UnixNanos) -> [UnixNanos] {
        var found: [UnixNanos] = []
        let today = CivilDate(unixNanos: time)
        // Dailies: the next `dailies` days whose expiry instant is still ahead.
        var day = today.daysSinceEpoch
        var dailies = 0
        while dailies < counts.dailies {
            let instant = Self.date(days: day).at(hourUTC: hourUTC)
            if instant > time {
                found.append(instant)
                dailies += 1
            }
            day += 1
        }
        found += upcoming(counts.weeklies, after: time, from: today) { Self.weekday($0) == Self.friday }
        found += upcoming(counts.monthlies, after: time, from: today) { Self.isLastFriday($0) }
        found += upcoming(counts.quarterlies, after: time, from: today) {
            Self.isLastFriday($0) && $0.month % 3 == 0
        }
        return Array(Set(found)).sorted()
    }

    /// The first `count` dates from `start` that `matches` and whose expiry instant is after `time`.
    private func upcoming(
        _ count: Int,
        after time: UnixNanos,
        from start: CivilDate,
        matches: (CivilDate) -> Bool
    ) -> [UnixNanos] {
        var found: [UnixNanos] = []
        var day = start.daysSinceEpoch
        // Bounded: a quarterly is at most ~13 weeks away, so 4 years of days covers any sane count.
        let limit = day + 1_500 * max(count, 1)
        while found.count < count && day < limit {
            let date = Self.date(days: day)
            let instant = date.at(hourUTC: hourUTC)
            if instant > time && matches(date) { found.append(instant) }
            day += 1
        }
        return found
    }

    static let friday = 4

    /// Monday = 0 … Sunday = 6; 1970-01-01 was a Thursday.
    static func weekday(_ date: CivilDate) -> Int {
        ((date.daysSinceEpoch + 3) % 7 + 7) % 7
    }

    static func isLastFriday(_ date: CivilDate) -> Bool {
        weekday(date) == friday && date.day + 7 > CivilDate.daysInMonth(year: date.year, month: date.month)
    }

    static func date(days: Int) -> CivilDate {
        CivilDate(unixNanos: UnixNanos(Int64(days) * UnixNanos.nanosecondsPerDay))
    }
}
