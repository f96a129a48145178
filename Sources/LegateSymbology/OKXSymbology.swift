import LegateCore
public import LegateModel

/// OKX v5 `instId`s and Nitro spread `sprdId`s, read into and written from the canonical `Instrument`.
///
/// | Name                            | Instrument                                            |
/// |---------------------------------|-------------------------------------------------------|
/// | `BTC-USDT`                      | spot BTC/USDT (also the MARGIN `instId`)              |
/// | `BTC-USD-SWAP`                  | perpetual on BTC/USD, `.inverse(BTC)`                |
/// | `BTC-USDT-SWAP`                 | perpetual on BTC/USDT, `.linear(USDT)`               |
/// | `BTC-USD-241227`                | future on BTC/USD, `.inverse(BTC)`                   |
/// | `BTC-USDT-241227`               | future on BTC/USDT, `.linear(USDT)`                  |
/// | `BTC-USD-241227-60000-C`        | option on BTC/USD, `.inverse(BTC)`                   |
/// | `BTC-USDT_BTC-USDT-SWAP`        | spread: sell the first leg, buy the second           |
///
/// Derivatives quoted in USD are coin-margined (settleCcy = base); any other quote (USDT, USDC) settles linear in
/// that quote. This matches every SWAP, FUTURES and OPTION of the 2022 recording (`ctType`, `settleCcy`). Dates are
/// `YYMMDD`, expiring 08:00 UTC. A spread's legs are the `instId`s either side of `_`, the first sold and the second
/// bought when the spread is bought (`http_get_spreads.json`); its underlying and settlement are those of its first
/// derivative leg.
public enum OKXSymbology {
    /// Reads an OKX `instId` or `sprdId`.
    ///
    /// - Parameter symbol: The name as OKX writes it, e.g. `BTC-USD-241227-60000-C`.
    /// - Returns: The canonical instrument.
    /// - Throws: `SymbologyError` naming OKX, the text and what is wrong where.
    public static func parse(_ symbol: String) throws(SymbologyError) -> Instrument {
        try SymbolScanner.run(symbol, venue: .okx) { (scanner: inout SymbolScanner) throws(SymbologyError) in
            try parse(&scanner)
        }
    }

    /// Writes the OKX name of an instrument; the inverse of `parse(_:)`.
    ///
    /// - Parameter instrument: A canonical instrument.
    /// - Returns: The `instId` (or `sprdId` for a two-leg delta-one combo).
    /// - Throws: `SymbologyError.notExpressible` for shapes OKX does not list (option combos, inverse contracts not
    ///   on BASE/USD, expiries not at 08:00 UTC).
    public static func format(_ instrument: Instrument) throws(SymbologyError) -> String {
        let name = try unverifiedName(instrument)
        try NameCheck.readsBack(name, as: instrument, on: .okx) { (name: String) throws(SymbologyError) in
            try parse(name)
        }
        return name
    }

    // MARK: - Reading

    static func parse(_ scanner: inout SymbolScanner) throws(SymbologyError) -> Instrument {
        guard !scanner.isAtEnd else { throw scanner.malformed("empty") }
        guard let underscore = scanner.firstIndex(of: UInt8(ascii: "_")) else { return try parseSingle(&scanner) }
        scanner.end = underscore
        let sold = try parseSingle(&scanner)
        scanner.end = scanner.bytes.count
        scanner.index = underscore + 1
        let bought = try parseSingle(&scanner)
        guard sold.kind != .combo, bought.kind != .combo, sold.underlying.base == bought.underlying.base else {
            throw scanner.malformed("the spread's legs are on different base currencies")
        }
        guard sold != bought else { throw scanner.malformed("both legs of the spread are the same") }
        let legs = ComboLegOrder.sorted([ComboLeg(instrument: sold, ratio: -1), ComboLeg(instrument: bought, ratio: 1)])
        let reference = legs.first(where: { $0.instrument.kind != .spot })?.instrument ?? legs[0].instrument
        return Instrument(
            underlying: reference.underlying,
            settlement: reference.settlement,
            terms: .combo(Combo(legs: legs))
        )
    }

    /// Reads one `instId` between the cursor and `scanner.end`.
    static func parseSingle(_ scanner: inout SymbolScanner) throws(SymbologyError) -> Instrument {
        let base = try scanner.asset(scanner.scanCode("a base currency code"))
        try scanner.expect(UInt8(ascii: "-"), after: "the base currency")
        let quoteRange = try scanner.scanCode("a quote currency code")
        let quote = try scanner.asset(quoteRange)
        // Built with `Instrument.init`, which consumes its arguments; the static factories borrow and copy them.
        if scanner.isAtEnd {
            return Instrument(
                underlying: Underlying(base: base, quote: quote),
                settlement: .linear(quote),
                terms: .spot
            )
        }
        let settlement: Settlement = scanner.bytes(quoteRange, equal: "USD") ? .inverse(base) : .linear(quote)
        let underlying = Underlying(base: base, quote: quote)
        try scanner.expect(UInt8(ascii: "-"), after: "the quote currency")
        guard let first = scanner.current, ASCII.isDigit(first) else {
            let suffix = scanner.scanAlphanumerics()
            guard scanner.bytes(suffix, equal: "SWAP") else {
                throw scanner.malformed(
                    "unknown contract suffix \"\(scanner.slice(suffix))\" at offset \(suffix.lowerBound); "
                        + "expected SWAP or an expiry YYMMDD, found \(scanner.found(at: suffix.lowerBound))"
                )
            }
            try scanner.expectEnd(after: "SWAP")
            return Instrument(underlying: underlying, settlement: settlement, terms: .perpetual)
        }
        let expiry = try scanner.scanYearMonthDay().expiry
        if scanner.isAtEnd {
            return Instrument(underlying: underlying, settlement: settlement, terms: .future(expiry: expiry))
        }
        try scanner.expect(UInt8(ascii: "-"), after: "the expiry")
        let strike = try scanner.scanStrike(decimalMark: UInt8(ascii: "."))
        try scanner.expect(UInt8(ascii: "-"), after: "the strike")
        let right = try scanner.scanRight()
        try scanner.expectEnd(after: "the option right")
        return Instrument(
            underlying: underlying,
            settlement: settlement,
            terms: .option(OptionTerms(expiry: expiry, strike: strike, right: right))
        )
    }

    // MARK: - Writing

    static func unverifiedName(_ instrument: Instrument) throws(SymbologyError) -> String {
        let pair = "\(instrument.underlying.base)-\(instrument.underlying.quote)"
        switch instrument.terms {
        case .spot:
            return pair
        case .perpetual:
            try checkSettlement(instrument)
            return pair + "-SWAP"
        case .future(let expiry):
            try checkSettlement(instrument)
            return pair + "-" + NameParts.yearMonthDay(try NameParts.expiryDate(expiry, of: instrument, on: .okx))
        case .option(let terms):
            try checkSettlement(instrument)
            let date = try NameParts.expiryDate(terms.expiry, of: instrument, on: .okx)
            let strike = try NameParts.strike(terms.strike, decimalMark: ".", of: instrument, on: .okx)
            return pair + "-" + NameParts.yearMonthDay(date) + "-" + strike + "-" + (terms.right == .call ? "C" : "P")
        case .combo(let combo):
            guard combo.legs.count == 2, let sold = combo.legs.first(where: { $0.ratio == -1 }),
                let bought = combo.legs.first(where: { $0.ratio == 1 }),
                sold.instrument.kind != .option, bought.instrument.kind != .option
            else {
                throw .notExpressible(
                    venue: .okx,
                    instrument: instrument,
                    reason: "OKX spreads are two delta-one legs, one sold and one bought"
                )
            }
            return try unverifiedName(sold.instrument) + "_" + unverifiedName(bought.instrument)
        }
    }

    /// OKX derivatives are coin-margined on BASE/USD or linear in a non-USD quote.
    private static func checkSettlement(_ instrument: Instrument) throws(SymbologyError) {
        let quoteIsUSD = instrument.underlying.quote == .usd
        guard quoteIsUSD ? instrument.isCoinMarginedUSD : instrument.isLinearInQuote else {
            throw .notExpressible(
                venue: .okx,
                instrument: instrument,
                reason: "OKX settles USD-quoted contracts in the base coin and others in their quote"
            )
        }
    }
}
