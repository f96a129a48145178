import LegateCore
import LegateModel

/// Deribit combo ids (`BTC-CS-19MAY26-70000_75000`, `BTC-FS-19MAY26_PERP`): the codes, their legs and signs.
///
/// See ``DeribitSymbology`` for the table of codes and where each leg rule was confirmed.
enum DeribitCombos {
    /// The codes whose legs Legate reads.
    enum Code: String, CaseIterable {
        case futureSpread = "FS"
        case callSpread = "CS"
        case putSpread = "PS"
        case straddle = "STRD"
        case strangle = "STRG"
        case box = "BOX"
        case callCalendar = "CCAL"
        case putCalendar = "PCAL"
    }

    /// Codes Deribit issues (listed in public client code and Tardis's combo catalogue) whose leg ratios and signs
    /// no leg list available to us confirms; reading them would risk wrong signs, so they are refused by name.
    static let unconfirmedCodes: Set<String> = [
        "CSR12", "CSR13", "CSR23", "PSR12", "PSR13", "PSR23", "GUTS", "RR", "RRITM", "CDIAG", "PDIAG", "STDC",
        "DSTDC", "REV", "CBUT", "PBUT", "IBUT", "CBUT111", "PBUT111", "CLAD", "PLAD", "CCOND", "PCOND", "ICOND", "JR",
    ]

    // MARK: - Reading

    static func parse(
        code range: Range<Int>,
        prefix: DeribitSymbology.Prefix,
        scanner: inout SymbolScanner
    ) throws(SymbologyError) -> Instrument {
        guard !range.isEmpty else {
            throw scanner.malformed(
                "expected an expiry, PERPETUAL or a combo code at offset \(range.lowerBound), "
                    + "found \(scanner.found(at: range.lowerBound))"
            )
        }
        let word = scanner.slice(range)
        guard let code = Code(rawValue: word) else {
            if unconfirmedCodes.contains(word) {
                throw .unsupportedCombo(
                    venue: .deribit,
                    symbol: scanner.text,
                    reason: "combo code \(word) is Deribit's, but its legs are not confirmed from a leg list"
                )
            }
            throw scanner.malformed(
                "\"\(word)\" at offset \(range.lowerBound) is not an expiry, PERPETUAL or a known combo code"
            )
        }
        try scanner.expect(UInt8(ascii: "-"), after: "the combo code \(word)")
        let legs: [ComboLeg]
        switch code {
        case .futureSpread:
            legs = try futureSpreadLegs(prefix, &scanner)
        case .callCalendar, .putCalendar:
            legs = try calendarLegs(code == .callCalendar ? .call : .put, prefix, &scanner)
        case .callSpread, .putSpread, .straddle, .strangle, .box:
            legs = try singleExpiryLegs(code, prefix, &scanner)
        }
        try scanner.expectEnd(after: "the combo's last part")
        return Instrument(
            underlying: prefix.underlying,
            settlement: prefix.settlement,
            terms: .combo(Combo(legs: ComboLegOrder.sorted(legs)))
        )
    }

    /// `A_B`: `+1 A`, `-1 B`, each a `D[D]MMMYY` future or `PERP`.
    private static func futureSpreadLegs(
        _ prefix: DeribitSymbology.Prefix,
        _ scanner: inout SymbolScanner
    ) throws(SymbologyError) -> [ComboLeg] {
        let bought = try futureLeg(prefix, &scanner)
        try scanner.expect(UInt8(ascii: "_"), after: "the first leg of the future spread")
        let sold = try futureLeg(prefix, &scanner)
        guard bought != sold else { throw scanner.malformed("both legs of the future spread are the same") }
        return [ComboLeg(instrument: bought, ratio: 1), ComboLeg(instrument: sold, ratio: -1)]
    }

    private static func futureLeg(
        _ prefix: DeribitSymbology.Prefix,
        _ scanner: inout SymbolScanner
    ) throws(SymbologyError) -> Instrument {
        if let first = scanner.current, ASCII.isUpper(first) {
            let word = try scanner.scanCode("PERP or an expiry")
            guard scanner.bytes(word, equal: "PERP") else {
                throw scanner.malformed(
                    "expected PERP or an expiry at offset \(word.lowerBound), found \"\(scanner.slice(word))\""
                )
            }
            return .perpetual(prefix.underlying, settlement: prefix.settlement)
        }
        let expiry = try scanner.scanDayMonthYear().expiry
        return .future(prefix.underlying, expiry: expiry, settlement: prefix.settlement)
    }

    /// `A_B-K`: `+1 A`, `-1 B` at one strike and right.
    private static func calendarLegs(
        _ right: OptionRight,
        _ prefix: DeribitSymbology.Prefix,
        _ scanner: inout SymbolScanner
    ) throws(SymbologyError) -> [ComboLeg] {
        let bought = try scanner.scanDayMonthYear().expiry
        try scanner.expect(UInt8(ascii: "_"), after: "the first expiry of the calendar")
        let sold = try scanner.scanDayMonthYear().expiry
        guard bought != sold else { throw scanner.malformed("both expiries of the calendar are the same") }
        try scanner.expect(UInt8(ascii: "-"), after: "the calendar's expiries")
        let strike = try scanner.scanStrike(decimalMark: UInt8(ascii: "d"))
        func leg(_ expiry: UnixNanos, _ ratio: Int) -> ComboLeg {
            let option = Instrument.option(
                prefix.underlying,
                expiry: expiry,
                strike: strike,
                right: right,
                settlement: prefix.settlement
            )
            return ComboLeg(instrument: option, ratio: ratio)
        }
        return [leg(bought, 1), leg(sold, -1)]
    }

    /// `DATE-K` or `DATE-K1_K2` for the single-expiry option codes.
    private static func singleExpiryLegs(
        _ code: Code,
        _ prefix: DeribitSymbology.Prefix,
        _ scanner: inout SymbolScanner
    ) throws(SymbologyError) -> [ComboLeg] {
        let expiry = try scanner.scanDayMonthYear().expiry
        try scanner.expect(UInt8(ascii: "-"), after: "the combo's expiry")
        let first = try scanner.scanStrike(decimalMark: UInt8(ascii: "d"))
        func leg(_ strike: Price, _ right: OptionRight, _ ratio: Int) -> ComboLeg {
            let option = Instrument.option(
                prefix.underlying,
                expiry: expiry,
                strike: strike,
                right: right,
                settlement: prefix.settlement
            )
            return ComboLeg(instrument: option, ratio: ratio)
        }
        if code == .straddle {
            return [leg(first, .call, 1), leg(first, .put, 1)]
        }
        try scanner.expect(UInt8(ascii: "_"), after: "the first strike of \(code.rawValue)")
        let second = try scanner.scanStrike(decimalMark: UInt8(ascii: "d"))
        guard first != second else { throw scanner.invalidStrike("both strikes of \(code.rawValue) are \(first)") }
        switch code {
        case .callSpread: return [leg(first, .call, 1), leg(second, .call, -1)]
        case .putSpread: return [leg(first, .put, 1), leg(second, .put, -1)]
        case .strangle:
            guard first < second else {
                throw scanner.invalidStrike("a strangle's put strike \(first) must be below its call strike \(second)")
            }
            return [leg(first, .put, 1), leg(second, .call, 1)]
        case .box, .straddle, .futureSpread, .callCalendar, .putCalendar:
            return [leg(first, .call, 1), leg(first, .put, -1), leg(second, .call, -1), leg(second, .put, 1)]
        }
    }

    // MARK: - Writing

    /// The combo id for a package whose legs match one of the codes read above.
    static func name(of instrument: Instrument, combo: Combo) throws(SymbologyError) -> String {
        let prefix = try DeribitSymbology.prefix(of: instrument)
        let legs = combo.legs
        let notListed = SymbologyError.notExpressible(
            venue: .deribit,
            instrument: instrument,
            reason: "not a combo shape Deribit names (FS, CS, PS, STRD, STRG, BOX, CCAL, PCAL)"
        )
        let sameContract = legs.allSatisfy {
            $0.instrument.underlying == instrument.underlying && $0.instrument.settlement == instrument.settlement
        }
        guard sameContract else {
            throw .notExpressible(
                venue: .deribit,
                instrument: instrument,
                reason: "legs differ from the combo's underlying or settlement"
            )
        }
        var name: String?
        if legs.count == 2, let bought = legs.first(where: { $0.ratio == 1 }),
            let sold = legs.first(where: { $0.ratio == -1 })
        {
            name = try twoLegName(prefix, bought.instrument, sold.instrument, of: instrument)
        } else if legs.count == 2, legs.allSatisfy({ $0.ratio == 1 }) {
            name = try pairName(prefix, legs[0].instrument, legs[1].instrument, of: instrument)
        } else if legs.count == 4 {
            name = try boxName(prefix, legs, of: instrument)
        }
        guard let name else { throw notListed }
        return name
    }

    /// FS, CS, PS, CCAL, PCAL: one bought leg, one sold.
    private static func twoLegName(
        _ prefix: String,
        _ bought: Instrument,
        _ sold: Instrument,
        of instrument: Instrument
    ) throws(SymbologyError) -> String? {
        switch (bought.terms, sold.terms) {
        case (.future, .future), (.future, .perpetual), (.perpetual, .future):
            return try "\(prefix)-FS-\(futureSegment(bought, of: instrument))_\(futureSegment(sold, of: instrument))"
        case (.option(let buy), .option(let sell)) where buy.right == sell.right:
            if buy.expiry == sell.expiry && buy.strike != sell.strike {
                let code = buy.right == .call ? "CS" : "PS"
                return try "\(prefix)-\(code)-\(date(buy.expiry, of: instrument))-"
                    + "\(strike(buy.strike, of: instrument))_\(strike(sell.strike, of: instrument))"
            }
            if buy.strike == sell.strike && buy.expiry != sell.expiry {
                let code = buy.right == .call ? "CCAL" : "PCAL"
                return try "\(prefix)-\(code)-\(date(buy.expiry, of: instrument))_\(date(sell.expiry, of: instrument))-"
                    + strike(buy.strike, of: instrument)
            }
            return nil
        default:
            return nil
        }
    }

    /// STRD and STRG: a call and a put, both bought, at one expiry.
    private static func pairName(
        _ prefix: String,
        _ first: Instrument,
        _ second: Instrument,
        of instrument: Instrument
    ) throws(SymbologyError) -> String? {
        guard case .option(let a) = first.terms, case .option(let b) = second.terms, a.expiry == b.expiry,
            a.right != b.right
        else { return nil }
        let (call, put) = a.right == .call ? (a, b) : (b, a)
        let expiry = try date(a.expiry, of: instrument)
        if call.strike == put.strike {
            return try "\(prefix)-STRD-\(expiry)-\(strike(call.strike, of: instrument))"
        }
        guard put.strike < call.strike else { return nil }
        return try
            "\(prefix)-STRG-\(expiry)-\(strike(put.strike, of: instrument))_\(strike(call.strike, of: instrument))"
    }

    /// BOX: `+1 K1 call`, `-1 K1 put`, `-1 K2 call`, `+1 K2 put` at one expiry.
    private static func boxName(
        _ prefix: String,
        _ legs: [ComboLeg],
        of instrument: Instrument
    ) throws(SymbologyError) -> String? {
        guard let longCall = legs.first(where: { $0.ratio == 1 && $0.instrument.right == .call }),
            case .option(let low) = longCall.instrument.terms,
            let shortCall = legs.first(where: { $0.ratio == -1 && $0.instrument.right == .call }),
            case .option(let high) = shortCall.instrument.terms, low.expiry == high.expiry, low.strike != high.strike
        else { return nil }
        let expected = [
            ComboLeg(instrument: longCall.instrument, ratio: 1),
            ComboLeg(instrument: option(low.strike, .put, low.expiry, like: instrument), ratio: -1),
            ComboLeg(instrument: shortCall.instrument, ratio: -1),
            ComboLeg(instrument: option(high.strike, .put, high.expiry, like: instrument), ratio: 1),
        ]
        guard ComboLegOrder.sorted(expected) == ComboLegOrder.sorted(legs) else { return nil }
        return try "\(prefix)-BOX-\(date(low.expiry, of: instrument))-"
            + "\(strike(low.strike, of: instrument))_\(strike(high.strike, of: instrument))"
    }

    private static func option(
        _ strike: Price,
        _ right: OptionRight,
        _ expiry: UnixNanos,
        like instrument: Instrument
    ) -> Instrument {
        .option(instrument.underlying, expiry: expiry, strike: strike, right: right, settlement: instrument.settlement)
    }

    private static func futureSegment(_ leg: Instrument, of instrument: Instrument) throws(SymbologyError) -> String {
        guard case .future(let expiry) = leg.terms else { return "PERP" }
        return try date(expiry, of: instrument)
    }

    private static func date(_ expiry: UnixNanos, of instrument: Instrument) throws(SymbologyError) -> String {
        NameParts.dayMonthYear(try NameParts.expiryDate(expiry, of: instrument, on: .deribit))
    }

    private static func strike(_ price: Price, of instrument: Instrument) throws(SymbologyError) -> String {
        try NameParts.strike(price, decimalMark: "d", of: instrument, on: .deribit)
    }
}
