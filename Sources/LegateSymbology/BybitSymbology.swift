import LegateCore
public import LegateModel

/// Bybit v5 symbols, read into and written from the canonical `Instrument`; the caller names the `category`.
///
/// | Category  | Name                       | Instrument                                               |
/// |-----------|----------------------------|----------------------------------------------------------|
/// | `option`  | `BTC-30JUN25-100000-C`     | option on BTC/USDC, `.linear(USDC)`                      |
/// | `option`  | `ETH-25JUN27-7000-P-USDT`  | option on ETH/USDT, `.linear(USDT)`                      |
/// | `linear`  | `BTCUSDT`                  | perpetual on BTC/USDT, `.linear(USDT)`                   |
/// | `linear`  | `BTCPERP`                  | perpetual on BTC/USDC, `.linear(USDC)`                   |
/// | `linear`  | `BTCUSDT-27DEC24`          | future on BTC/USDT, `.linear(USDT)`                      |
/// | `linear`  | `BTC-27DEC24`              | future on BTC/USDC, `.linear(USDC)`                      |
/// | `inverse` | `BTCUSD`                   | perpetual on BTC/USD, `.inverse(BTC)`                    |
/// | `inverse` | `BTCUSDZ24`                | future on BTC/USD, `.inverse(BTC)`, 27 Dec 2024 08:00 UTC |
/// | `spot`    | `BTCUSDT`                  | spot BTC/USDT                                            |
///
/// Dates are `D[D]MMMYY` like Deribit's, expiring 08:00 UTC. Inverse futures carry only a month code
/// (F G H J K M N Q U V X Z) and a two-digit year; they deliver on the last Friday of that month at 08:00 UTC, which
/// is what the instrument's expiry is set to. Options' underlying is quoted in their settle coin (one fixture says
/// `quoteCoin` USDC, another USD; USDC matches Deribit's USDC options). Concatenated pairs are split with a
/// ``QuoteAssetTable`` (``QuoteAssetTable/bybitSpot`` or ``QuoteAssetTable/bybitLinear`` unless one is given).
public enum BybitSymbology {
    /// Reads a Bybit symbol listed in `category`.
    ///
    /// - Parameters:
    ///   - symbol: The name as Bybit writes it, e.g. `BTCUSDT`.
    ///   - category: Bybit's `category`: `.spot`, `.linear`, `.inverse` or `.option`.
    ///   - quotes: The table that splits concatenated pairs; nil for the category's default.
    /// - Returns: The canonical instrument.
    /// - Throws: `SymbologyError` naming Bybit, the text and what is wrong where.
    public static func parse(
        _ symbol: String,
        category: Market,
        quotes: QuoteAssetTable? = nil
    ) throws(SymbologyError) -> Instrument {
        try SymbolScanner.run(symbol, venue: .bybit) { (scanner: inout SymbolScanner) throws(SymbologyError) in
            guard !scanner.isAtEnd else { throw scanner.malformed("empty") }
            switch category {
            case .option: return try parseOption(&scanner)
            case .linear: return try parseLinear(&scanner, quotes: quotes ?? .bybitLinear)
            case .inverse: return try parseInverse(&scanner)
            case .spot:
                let pair = try scanner.scanCode("a currency pair")
                try scanner.expectEnd(after: "the currency pair")
                return .spot(try (quotes ?? .bybitSpot).underlying(pair, of: scanner))
            }
        }
    }

    /// Writes the Bybit symbol of an instrument; the inverse of `parse(_:category:quotes:)`.
    ///
    /// - Parameters:
    ///   - instrument: A canonical instrument.
    ///   - quotes: The splitting table the name must read back with; nil for the category's default.
    /// - Returns: The symbol, listed in the category `Market.of(instrument)`.
    /// - Throws: `SymbologyError.notExpressible` for shapes Bybit does not list (combos, inverse options, an inverse
    ///   future not delivering on the last Friday of its month).
    public static func format(_ instrument: Instrument, quotes: QuoteAssetTable? = nil) throws(SymbologyError) -> String
    {
        let name = try unverifiedName(instrument)
        try NameCheck.readsBack(name, as: instrument, on: .bybit) { (name: String) throws(SymbologyError) in
            try parse(name, category: Market.of(instrument), quotes: quotes)
        }
        return name
    }

    // MARK: - Reading

    /// `BASE-D[D]MMMYY-STRIKE-C|P[-USDT]`.
    static func parseOption(_ scanner: inout SymbolScanner) throws(SymbologyError) -> Instrument {
        let base = try scanner.asset(scanner.scanCode("a base coin"))
        try scanner.expect(UInt8(ascii: "-"), after: "the base coin")
        let expiry = try scanner.scanDayMonthYear().expiry
        try scanner.expect(UInt8(ascii: "-"), after: "the expiry")
        let strike = try scanner.scanStrike(decimalMark: UInt8(ascii: "."))
        try scanner.expect(UInt8(ascii: "-"), after: "the strike")
        let right = try scanner.scanRight()
        var settle = Asset.usdc
        if scanner.consume(UInt8(ascii: "-")) {
            let suffix = scanner.scanAlphanumerics()
            guard scanner.bytes(suffix, equal: "USDT") else {
                throw scanner.malformed(
                    "unknown settle suffix \"\(scanner.slice(suffix.lowerBound..<scanner.end))\" at offset "
                        + "\(suffix.lowerBound); Bybit options end in C, P or -USDT"
                )
            }
            settle = Asset.usdt
        }
        try scanner.expectEnd(after: "the option")
        return .option(
            Underlying(base: base, quote: settle),
            expiry: expiry,
            strike: strike,
            right: right,
            settlement: .linear(settle)
        )
    }

    /// `BASEUSDT`, `BASEPERP`, `BASEUSDT-D[D]MMMYY`, `BASE-D[D]MMMYY`.
    static func parseLinear(
        _ scanner: inout SymbolScanner,
        quotes: QuoteAssetTable
    ) throws(SymbologyError) -> Instrument {
        let code = try scanner.scanCode("a symbol")
        if scanner.consume(UInt8(ascii: "-")) {
            let expiry = try scanner.scanDayMonthYear().expiry
            try scanner.expectEnd(after: "the expiry")
            if let underlying = try? quotes.underlying(code, of: scanner) {
                return .future(underlying, expiry: expiry, settlement: .linear(underlying.quote))
            }
            let base = try scanner.asset(code)
            return .future(
                Underlying(base: base, quote: Asset.usdc),
                expiry: expiry,
                settlement: .linear(Asset.usdc)
            )
        }
        try scanner.expectEnd(after: "the symbol")
        if scanner.bytes(code, endWith: "PERP") {
            let base = try scanner.asset(code.lowerBound..<code.upperBound - 4)
            return .perpetual(Underlying(base: base, quote: Asset.usdc), settlement: .linear(Asset.usdc))
        }
        let underlying = try quotes.underlying(code, of: scanner)
        return .perpetual(underlying, settlement: .linear(underlying.quote))
    }

    /// `BASEUSD` or `BASEUSD` + month code + two-digit year.
    static func parseInverse(_ scanner: inout SymbolScanner) throws(SymbologyError) -> Instrument {
        let code = try scanner.scanCode("a symbol")
        try scanner.expectEnd(after: "the symbol")
        if scanner.bytes(code, endWith: "USD") {
            let base = try scanner.asset(code.lowerBound..<code.upperBound - 3)
            return .perpetual(Underlying(base: base, quote: Asset.usd), settlement: .inverse(base))
        }
        let usdEnd = code.upperBound - 3
        guard code.count > 6, scanner.bytes(code.lowerBound..<usdEnd, endWith: "USD"),
            let month = Months.number(code: scanner.bytes[usdEnd])
        else {
            throw scanner.malformed("Bybit inverse symbols are BASEUSD or BASEUSD<month code><YY> (BTCUSDZ24)")
        }
        scanner.index = usdEnd + 1
        let year = try scanner.scanTwoDigitYear()
        guard let delivery = NameParts.lastFriday(year: year, month: month) else {
            throw scanner.invalidExpiry("no delivery date for month \(month) of \(year)")
        }
        let base = try scanner.asset(code.lowerBound..<usdEnd - 3)
        return .future(
            Underlying(base: base, quote: Asset.usd),
            expiry: delivery.at(hourUTC: NameParts.expiryHourUTC),
            settlement: .inverse(base)
        )
    }

    // MARK: - Writing

    static func unverifiedName(_ instrument: Instrument) throws(SymbologyError) -> String {
        let base = instrument.underlying.base.code
        let quote = instrument.underlying.quote
        switch instrument.terms {
        case .spot:
            return base + quote.code
        case .perpetual:
            if instrument.isCoinMarginedUSD { return base + "USD" }
            try requireLinear(instrument)
            return quote == .usdc ? base + "PERP" : base + quote.code
        case .future(let expiry):
            let date = try NameParts.expiryDate(expiry, of: instrument, on: .bybit)
            if instrument.isCoinMarginedUSD {
                guard NameParts.lastFriday(year: date.year, month: date.month) == date else {
                    throw .notExpressible(
                        venue: .bybit,
                        instrument: instrument,
                        reason: "Bybit inverse futures deliver on the last Friday of their month"
                    )
                }
                let code = Character(Unicode.Scalar(Months.codes[date.month - 1]))
                return base + "USD" + String(code) + String(NameParts.yearMonthDay(date).prefix(2))
            }
            try requireLinear(instrument)
            let name = quote == .usdc ? base : base + quote.code
            return name + "-" + NameParts.dayMonthYear(date)
        case .option(let terms):
            guard instrument.isLinearInQuote, quote == .usdc || quote == .usdt else {
                throw .notExpressible(
                    venue: .bybit,
                    instrument: instrument,
                    reason: "Bybit options are linear in USDC or USDT on BASE/USDC or BASE/USDT"
                )
            }
            let date = try NameParts.expiryDate(terms.expiry, of: instrument, on: .bybit)
            let strike = try NameParts.strike(terms.strike, decimalMark: ".", of: instrument, on: .bybit)
            let suffix = quote == .usdt ? "-USDT" : ""
            return "\(base)-\(NameParts.dayMonthYear(date))-\(strike)-\(terms.right == .call ? "C" : "P")\(suffix)"
        case .combo:
            throw .notExpressible(venue: .bybit, instrument: instrument, reason: "Bybit lists no combos")
        }
    }

    private static func requireLinear(_ instrument: Instrument) throws(SymbologyError) {
        guard instrument.isLinearInQuote else {
            throw .notExpressible(
                venue: .bybit,
                instrument: instrument,
                reason: "Bybit contracts are inverse on BASE/USD or linear in their quote"
            )
        }
    }
}
