// Small builders the symbology tests share: an 08:00 UTC expiry, an exact price from text, common underlyings.
import LegateCore
import LegateModel

enum TestValues {
    /// 08:00 UTC on the date, the expiry time of every venue here.
    static func expiry(_ year: Int, _ month: Int, _ day: Int) -> UnixNanos {
        CivilDate(year: year, month: month, day: day)!.at(hourUTC: 8)
    }

    static func price(_ text: String) -> Price {
        try! Price(parsing: text)
    }

    static func asset(_ code: String) -> Asset {
        try! Asset(code)
    }

    static func pair(_ base: String, _ quote: String) -> Underlying {
        Underlying(base: asset(base), quote: asset(quote))
    }
}

extension TestValues {
    /// `"BTC/USD"` → the underlying.
    static func pair(_ text: String) -> Underlying {
        let parts = text.split(separator: "/")
        return pair(String(parts[0]), String(parts[1]))
    }

    /// `"2024-12-27"` → 08:00 UTC that day.
    static func expiry(_ date: String) -> UnixNanos {
        let parts = date.split(separator: "-").map { Int($0)! }
        return expiry(parts[0], parts[1], parts[2])
    }

    static func option(
        _ pair: String,
        _ date: String,
        _ strike: String,
        _ right: OptionRight,
        _ settlement: Settlement
    ) -> Instrument {
        .option(
            self.pair(pair),
            expiry: expiry(date),
            strike: price(strike),
            right: right,
            settlement: settlement
        )
    }

    static func future(_ pair: String, _ date: String, _ settlement: Settlement) -> Instrument {
        .future(self.pair(pair), expiry: expiry(date), settlement: settlement)
    }

    static func perpetual(_ pair: String, _ settlement: Settlement) -> Instrument {
        .perpetual(self.pair(pair), settlement: settlement)
    }

    static func spot(_ pair: String) -> Instrument {
        .spot(self.pair(pair))
    }
}
