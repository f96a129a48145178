import LegateCore

/// Expiry dates as the venues write them: `D[D]MMMYY` (Deribit, Bybit) and `YYMMDD` (OKX, Binance).
///
/// Every expiry is 08:00 UTC on the named date on all four venues; two-digit years are 20YY.
extension SymbolScanner {
    /// Reads `D[D]MMMYY` (`6AUG21`, `27DEC24`): day without a leading zero, upper-case month, two-digit year.
    mutating func scanDayMonthYear() throws(SymbologyError) -> NameDate {
        guard let first = current, ASCII.isDigit(first) else {
            throw invalidExpiry("expected an expiry date like 27DEC24 at offset \(index), found \(found(at: index))")
        }
        guard first != UInt8(ascii: "0") else {
            throw invalidExpiry("day has a leading zero at offset \(index) (\(venue.displayName) writes 6AUG21)")
        }
        var day = Int(first &- UInt8(ascii: "0"))
        index += 1
        if let second = current, ASCII.isDigit(second) {
            day = day * 10 + Int(second &- UInt8(ascii: "0"))
            index += 1
        }
        let monthStart = index
        guard index + 3 <= end else { throw invalidExpiry("month missing at offset \(monthStart)") }
        let month = Months.number(bytes[index], bytes[index + 1], bytes[index + 2])
        guard let month else {
            throw invalidExpiry("month \"\(slice(monthStart..<monthStart + 3))\" is not valid (JAN to DEC, upper-case)")
        }
        index += 3
        let year = try scanTwoDigitYear()
        return try date(year: year, month: month, day: day)
    }

    /// Reads `YYMMDD` (`241227`).
    mutating func scanYearMonthDay() throws(SymbologyError) -> NameDate {
        let start = index
        var value = 0
        while index < end, ASCII.isDigit(bytes[index]), index - start < 6 {
            value = value * 10 + Int(bytes[index] &- UInt8(ascii: "0"))
            index += 1
        }
        guard index - start == 6, !(current.map(ASCII.isDigit) ?? false) else {
            throw invalidExpiry("expected an expiry date YYMMDD at offset \(start), found \(found(at: start))")
        }
        let month = value / 100 % 100
        guard month >= 1 && month <= 12 else { throw invalidExpiry("month \(month) is not valid") }
        return try date(year: 2000 + value / 10_000, month: month, day: value % 100)
    }

    /// Reads two digits of year and checks no third follows.
    mutating func scanTwoDigitYear() throws(SymbologyError) -> Int {
        let start = index
        guard index + 2 <= end, ASCII.isDigit(bytes[index]), ASCII.isDigit(bytes[index + 1]) else {
            throw invalidExpiry("expected a two-digit year at offset \(start), found \(found(at: start))")
        }
        index += 2
        guard !(current.map(ASCII.isDigit) ?? false) else {
            throw invalidExpiry("year at offset \(start) has more than two digits")
        }
        return 2000 + Int(bytes[start] &- UInt8(ascii: "0")) * 10 + Int(bytes[start + 1] &- UInt8(ascii: "0"))
    }

    /// Validates a calendar date, naming the day or month that is wrong.
    func date(year: Int, month: Int, day: Int) throws(SymbologyError) -> NameDate {
        guard day >= 1 && day <= 31 else { throw invalidExpiry("day \(day) is not valid") }
        guard day <= CivilDate.daysInMonth(year: year, month: month) else {
            throw invalidExpiry("day \(day) is not valid in \(Months.names[month - 1]) \(year)")
        }
        return NameDate(year: year, month: month, day: day)
    }
}

/// A validated date read from a name (years 2000...2099), and the 08:00 UTC expiry on it.
///
/// Computed here rather than through `CivilDate` to keep the parse hot path free of its range checks; the day count
/// is the same proleptic Gregorian arithmetic (Hinnant's `days_from_civil`), checked against `CivilDate` in tests.
struct NameDate: Hashable {
    let year: Int
    let month: Int
    let day: Int

    /// 08:00 UTC on this date: the expiry every venue here uses.
    var expiry: UnixNanos {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = shiftedYear / 400  // years here are positive
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = Int64(era * 146_097 + dayOfEra - 719_468)
        return UnixNanos(days * UnixNanos.nanosecondsPerDay + Int64(NameParts.expiryHourUTC) * 3_600_000_000_000)
    }
}

/// Month names and the futures month codes.
enum Months {
    static let names = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]

    /// The CME-style futures month codes Bybit's inverse futures use (`BTCUSDZ24`), January to December.
    static let codes: [UInt8] = Array("FGHJKMNQUVXZ".utf8)

    /// The month number of an upper-case three-letter name, or nil.
    static func number(_ first: UInt8, _ second: UInt8, _ third: UInt8) -> Int? {
        switch (UInt32(first) << 16) | (UInt32(second) << 8) | UInt32(third) {
        case 0x4A_414E: 1  // JAN
        case 0x46_4542: 2  // FEB
        case 0x4D_4152: 3  // MAR
        case 0x41_5052: 4  // APR
        case 0x4D_4159: 5  // MAY
        case 0x4A_554E: 6  // JUN
        case 0x4A_554C: 7  // JUL
        case 0x41_5547: 8  // AUG
        case 0x53_4550: 9  // SEP
        case 0x4F_4354: 10  // OCT
        case 0x4E_4F56: 11  // NOV
        case 0x44_4543: 12  // DEC
        default: nil
        }
    }

    /// The month of a futures month code letter, or nil.
    static func number(code: UInt8) -> Int? {
        codes.firstIndex(of: code).map { $0 + 1 }
    }
}
