import LegateCore
public import LegateModel

/// Deribit instrument names, read into and written from the canonical `Instrument`.
///
/// | Name                          | Instrument                                                      |
/// |-------------------------------|-----------------------------------------------------------------|
/// | `BTC-27DEC24-60000-C`         | option on BTC/USD, settled `.inverse(BTC)`                     |
/// | `XRP_USDC-27DEC24-0d625-C`    | option on XRP/USDC, settled `.linear(USDC)`; `d` is the point  |
/// | `BTC-PERPETUAL`               | perpetual on BTC/USD, `.inverse(BTC)`                          |
/// | `BTC_USDC-PERPETUAL`          | perpetual on BTC/USDC, `.linear(USDC)`                         |
/// | `BTC-27DEC24`                 | future on BTC/USD, `.inverse(BTC)`                             |
/// | `BTC_USDC`                    | spot BTC/USDC                                                  |
/// | `BTC-CS-19MAY26-70000_75000`  | combo; see ``DeribitSymbology`` combo codes below              |
///
/// Linear (`BASE_QUOTE-…`) contracts have the underlying `BASE/QUOTE`: the venue's own fields say so
/// (`base_currency` XRP, `counter_currency` USDC, `price_index` `xrp_usdc` in the 2022 USDC list). Inverse ones are on
/// `BASE/USD` (`counter_currency` USD, index `btc_usd`). Dates are `D[D]MMMYY` with no leading zero; expiry is 08:00
/// UTC on that date.
///
/// Combo codes read (legs and signs as `public/get_combos` lists them; buying the combo buys the `+1` legs):
/// - `FS-A_B` future spread: `+1 A`, `-1 B`; `B` may be `PERP` (`BTC-FS-19MAY26_PERP`: sell the perpetual, buy
///   19MAY26).
/// - `CS-DATE-K1_K2` call spread: `+1 K1 call`, `-1 K2 call`; `PS-DATE-K1_K2` put spread: `+1 K1 put`, `-1 K2 put`
///   (Deribit names the bought strike first: `BTC_USDC-PS-18SEP26-77000_70000`).
/// - `STRD-DATE-K` straddle: `+1 K call`, `+1 K put`. `STRG-DATE-K1_K2` strangle: `+1 K1 put`, `+1 K2 call`, `K1 < K2`.
/// - `BOX-DATE-K1_K2` box: `+1 K1 call`, `-1 K1 put`, `-1 K2 call`, `+1 K2 put`.
/// - `CCAL-A_B-K` call calendar: `+1 A call`, `-1 B call`; `PCAL-A_B-K` the same with puts.
///
/// Confirmed from leg lists: FS, CS, BOX (`http_get_combos.json`), CCAL (a live `get_combos` item quoted in public
/// code), PS's strike order (a combo id returned by `private/create_combo`). STRD, STRG and PCAL follow the same
/// conventions but were not seen with legs. Other Deribit codes (`CSR12`, `RR`, `CBUT`, `ICOND`, `CDIAG`, `JR`, …)
/// are recognised and refused with `SymbologyError.unsupportedCombo` until their legs are confirmed.
public enum DeribitSymbology {
    /// Reads a Deribit instrument name.
    ///
    /// The cheap entry point for hot paths and benchmarks: one pass over the UTF-8 bytes, no allocation beyond the
    /// `Instrument`'s inline asset codes (combos allocate their leg array).
    ///
    /// - Parameter symbol: The name as Deribit writes it, e.g. `BTC-27DEC24-60000-C`.
    /// - Returns: The canonical instrument.
    /// - Throws: `SymbologyError` naming Deribit, the text and what is wrong where.
    public static func parse(_ symbol: String) throws(SymbologyError) -> Instrument {
        try SymbolScanner.run(symbol, venue: .deribit) { (scanner: inout SymbolScanner) throws(SymbologyError) in
            try parse(&scanner)
        }
    }

    /// Writes the Deribit name of an instrument; the inverse of `parse(_:)`.
    ///
    /// - Parameter instrument: A canonical instrument.
    /// - Returns: The name, which `parse(_:)` reads back to an equal instrument.
    /// - Throws: `SymbologyError.notExpressible` when Deribit has no name for this shape (an inverse contract not on
    ///   `BASE/USD`, an expiry not at 08:00 UTC, a combo shape outside the codes above).
    public static func format(_ instrument: Instrument) throws(SymbologyError) -> String {
        let name = try unverifiedName(instrument)
        try NameCheck.readsBack(name, as: instrument, on: .deribit) { (name: String) throws(SymbologyError) in
            try parse(name)
        }
        return name
    }

    // MARK: - Reading

    static func parse(_ scanner: inout SymbolScanner) throws(SymbologyError) -> Instrument {
        guard !scanner.isAtEnd else { throw scanner.malformed("empty") }
        // Locals rather than a struct, so the instrument's initialiser consumes the assets instead of copying them.
        let (underlying, settlement, isPair) = try scanPrefix(&scanner)
        if scanner.isAtEnd {
            guard isPair else {
                throw scanner.malformed(
                    "a currency alone is not an instrument; expected -PERPETUAL, -<expiry> or _<quote> after it"
                )
            }
            return .spot(underlying)
        }
        try scanner.expect(UInt8(ascii: "-"), after: isPair ? "the currency pair" : "the currency")
        guard let first = scanner.current, ASCII.isDigit(first) else {
            let word = scanner.scanAlphanumerics()
            if scanner.bytes(word, equal: "PERPETUAL") {
                try scanner.expectEnd(after: "PERPETUAL")
                return Instrument(underlying: underlying, settlement: settlement, terms: .perpetual)
            }
            let prefix = Prefix(underlying: underlying, settlement: settlement, isPair: isPair)
            return try DeribitCombos.parse(code: word, prefix: prefix, scanner: &scanner)
        }
        let expiry = try scanner.scanDayMonthYear().expiry
        if scanner.isAtEnd {
            return Instrument(underlying: underlying, settlement: settlement, terms: .future(expiry: expiry))
        }
        try scanner.expect(UInt8(ascii: "-"), after: "the expiry")
        let strike = try scanner.scanStrike(decimalMark: UInt8(ascii: "d"))
        try scanner.expect(UInt8(ascii: "-"), after: "the strike")
        let right = try scanner.scanRight()
        try scanner.expectEnd(after: "the option right")
        return Instrument(
            underlying: underlying,
            settlement: settlement,
            terms: .option(OptionTerms(expiry: expiry, strike: strike, right: right))
        )
    }

    /// Reads `BASE` (inverse, on BASE/USD) or `BASE_QUOTE` (linear in QUOTE, on BASE/QUOTE).
    static func scanPrefix(
        _ scanner: inout SymbolScanner
    ) throws(SymbologyError) -> (underlying: Underlying, settlement: Settlement, isPair: Bool) {
        let base = try scanner.asset(scanner.scanCode("a currency code"))
        guard scanner.consume(UInt8(ascii: "_")) else {
            return (Underlying(base: base, quote: .usd), .inverse(base), false)
        }
        let quote = try scanner.asset(scanner.scanCode("a quote currency code"))
        return (Underlying(base: base, quote: quote), .linear(quote), true)
    }

    /// What the first part of a Deribit name says: the underlying and how contracts on it settle.
    struct Prefix {
        let underlying: Underlying
        let settlement: Settlement
        let isPair: Bool
    }

    // MARK: - Writing

    static func unverifiedName(_ instrument: Instrument) throws(SymbologyError) -> String {
        switch instrument.terms {
        case .spot:
            return "\(instrument.underlying.base)_\(instrument.underlying.quote)"
        case .perpetual:
            return try prefix(of: instrument) + "-PERPETUAL"
        case .future(let expiry):
            let date = try NameParts.expiryDate(expiry, of: instrument, on: .deribit)
            return try prefix(of: instrument) + "-" + NameParts.dayMonthYear(date)
        case .option(let terms):
            let date = try NameParts.expiryDate(terms.expiry, of: instrument, on: .deribit)
            let strike = try NameParts.strike(terms.strike, decimalMark: "d", of: instrument, on: .deribit)
            let right = terms.right == .call ? "C" : "P"
            return try prefix(of: instrument) + "-" + NameParts.dayMonthYear(date) + "-" + strike + "-" + right
        case .combo(let combo):
            return try DeribitCombos.name(of: instrument, combo: combo)
        }
    }

    /// `BTC` for inverse contracts on BTC/USD, `BTC_USDC` for contracts on BTC/USDC settled in USDC.
    static func prefix(of instrument: Instrument) throws(SymbologyError) -> String {
        if instrument.isCoinMarginedUSD { return instrument.underlying.base.code }
        if instrument.isLinearInQuote {
            return "\(instrument.underlying.base)_\(instrument.underlying.quote)"
        }
        throw .notExpressible(
            venue: .deribit,
            instrument: instrument,
            reason: "Deribit lists inverse contracts on BASE/USD settled in BASE and linear ones settled in their quote"
        )
    }
}
