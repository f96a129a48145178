import LegateCore
public import LegateModel

/// Binance symbols across its four APIs, read into and written from the canonical `Instrument`.
///
/// | Market    | API              | Name                    | Instrument                                    |
/// |-----------|------------------|-------------------------|-----------------------------------------------|
/// | `spot`    | `api/v3`         | `BTCUSDT`               | spot BTC/USDT                                 |
/// | `linear`  | USD-M `fapi`     | `BTCUSDT`               | perpetual on BTC/USDT, `.linear(USDT)`        |
/// | `linear`  | USD-M `fapi`     | `BTCUSDT_210924`        | future on BTC/USDT, `.linear(USDT)`           |
/// | `inverse` | COIN-M `dapi`    | `BTCUSD_PERP`           | perpetual on BTC/USD, `.inverse(BTC)`         |
/// | `inverse` | COIN-M `dapi`    | `BTCUSD_240329`         | future on BTC/USD, `.inverse(BTC)`            |
/// | `option`  | options `eapi`   | `BTC-241227-60000-C`    | option on BTC/USDT, `.linear(USDT)`           |
///
/// USD-M contracts settle in their quote (`marginAsset` equals `quoteAsset` for all 122 symbols of the 2021 list);
/// dates are `YYMMDD`, expiring 08:00 UTC (`deliveryDate` of `BTCUSDT_210924` is 2021-09-24T08:00Z). Concatenated
/// pairs are split with a ``QuoteAssetTable`` (``QuoteAssetTable/binanceSpot`` or
/// ``QuoteAssetTable/binanceUSDMargined`` unless one is given).
public enum BinanceSymbology {
    /// Reads a Binance symbol from the API of `market`.
    ///
    /// - Parameters:
    ///   - symbol: The name as Binance writes it, e.g. `BTCUSDT_210924`.
    ///   - market: `.spot`, `.linear` (USD-M), `.inverse` (COIN-M) or `.option` (eapi).
    ///   - quotes: The table that splits concatenated pairs; nil for the market's default.
    /// - Returns: The canonical instrument.
    /// - Throws: `SymbologyError` naming Binance, the text and what is wrong where.
    public static func parse(
        _ symbol: String,
        market: Market,
        quotes: QuoteAssetTable? = nil
    ) throws(SymbologyError) -> Instrument {
        try SymbolScanner.run(symbol, venue: .binance) { (scanner: inout SymbolScanner) throws(SymbologyError) in
            guard !scanner.isAtEnd else { throw scanner.malformed("empty") }
            switch market {
            case .spot:
                let pair = try scanner.scanCode("a currency pair")
                try scanner.expectEnd(after: "the currency pair")
                return .spot(try (quotes ?? .binanceSpot).underlying(pair, of: scanner))
            case .linear: return try parseUSDMargined(&scanner, quotes: quotes ?? .binanceUSDMargined)
            case .inverse: return try parseCoinMargined(&scanner)
            case .option: return try parseOption(&scanner)
            }
        }
    }

    /// Writes the Binance symbol of an instrument; the inverse of `parse(_:market:quotes:)`.
    ///
    /// - Parameters:
    ///   - instrument: A canonical instrument.
    ///   - quotes: The splitting table the name must read back with; nil for the market's default.
    /// - Returns: The symbol, in the API of `Market.of(instrument)`.
    /// - Throws: `SymbologyError.notExpressible` for shapes Binance does not list (combos, inverse options, options
    ///   not settled in USDT).
    public static func format(_ instrument: Instrument, quotes: QuoteAssetTable? = nil) throws(SymbologyError) -> String
    {
        let name = try unverifiedName(instrument)
        try NameCheck.readsBack(name, as: instrument, on: .binance) { (name: String) throws(SymbologyError) in
            try parse(name, market: Market.of(instrument), quotes: quotes)
        }
        return name
    }

    // MARK: - Reading

    /// `BASEQUOTE` or `BASEQUOTE_YYMMDD`.
    static func parseUSDMargined(
        _ scanner: inout SymbolScanner,
        quotes: QuoteAssetTable
    ) throws(SymbologyError) -> Instrument {
        let pair = try scanner.scanCode("a symbol")
        let underlying = try quotes.underlying(pair, of: scanner)
        let settlement = Settlement.linear(underlying.quote)
        if scanner.isAtEnd { return .perpetual(underlying, settlement: settlement) }
        try scanner.expect(UInt8(ascii: "_"), after: "the pair")
        let expiry = try scanner.scanYearMonthDay().expiry
        try scanner.expectEnd(after: "the expiry")
        return .future(underlying, expiry: expiry, settlement: settlement)
    }

    /// `BASEUSD_PERP` or `BASEUSD_YYMMDD`.
    static func parseCoinMargined(_ scanner: inout SymbolScanner) throws(SymbologyError) -> Instrument {
        let pair = try scanner.scanCode("a symbol")
        guard scanner.bytes(pair, endWith: "USD") else {
            throw scanner.malformed("COIN-M symbols are BASEUSD_PERP or BASEUSD_YYMMDD")
        }
        let base = try scanner.asset(pair.lowerBound..<pair.upperBound - 3)
        let underlying = Underlying(base: base, quote: Asset.usd)
        try scanner.expect(UInt8(ascii: "_"), after: "the pair (COIN-M symbols end in _PERP or _YYMMDD)")
        if let first = scanner.current, !ASCII.isDigit(first) {
            let word = scanner.scanAlphanumerics()
            guard scanner.bytes(word, equal: "PERP") else {
                throw scanner.malformed(
                    "unknown suffix \"\(scanner.slice(word.lowerBound..<scanner.end))\" at offset \(word.lowerBound); "
                        + "expected PERP or YYMMDD"
                )
            }
            try scanner.expectEnd(after: "PERP")
            return .perpetual(underlying, settlement: .inverse(base))
        }
        let expiry = try scanner.scanYearMonthDay().expiry
        try scanner.expectEnd(after: "the expiry")
        return .future(underlying, expiry: expiry, settlement: .inverse(base))
    }

    /// `BASE-YYMMDD-STRIKE-C|P`, linear in USDT on BASE/USDT.
    static func parseOption(_ scanner: inout SymbolScanner) throws(SymbologyError) -> Instrument {
        let base = try scanner.asset(scanner.scanCode("a base asset"))
        try scanner.expect(UInt8(ascii: "-"), after: "the base asset")
        let expiry = try scanner.scanYearMonthDay().expiry
        try scanner.expect(UInt8(ascii: "-"), after: "the expiry")
        let strike = try scanner.scanStrike(decimalMark: UInt8(ascii: "."))
        try scanner.expect(UInt8(ascii: "-"), after: "the strike")
        let right = try scanner.scanRight()
        try scanner.expectEnd(after: "the option right")
        return .option(
            Underlying(base: base, quote: Asset.usdt),
            expiry: expiry,
            strike: strike,
            right: right,
            settlement: .linear(Asset.usdt)
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
            if instrument.isCoinMarginedUSD { return base + "USD_PERP" }
            try requireLinear(instrument)
            return base + quote.code
        case .future(let expiry):
            let date = NameParts.yearMonthDay(try NameParts.expiryDate(expiry, of: instrument, on: .binance))
            if instrument.isCoinMarginedUSD { return base + "USD_" + date }
            try requireLinear(instrument)
            return base + quote.code + "_" + date
        case .option(let terms):
            guard instrument.isLinearInQuote, quote == .usdt else {
                throw .notExpressible(
                    venue: .binance,
                    instrument: instrument,
                    reason: "Binance options are on BASE/USDT, settled in USDT"
                )
            }
            let date = try NameParts.expiryDate(terms.expiry, of: instrument, on: .binance)
            let strike = try NameParts.strike(terms.strike, decimalMark: ".", of: instrument, on: .binance)
            return "\(base)-\(NameParts.yearMonthDay(date))-\(strike)-\(terms.right == .call ? "C" : "P")"
        case .combo:
            throw .notExpressible(venue: .binance, instrument: instrument, reason: "Binance lists no combos")
        }
    }

    private static func requireLinear(_ instrument: Instrument) throws(SymbologyError) {
        guard instrument.isLinearInQuote else {
            throw .notExpressible(
                venue: .binance,
                instrument: instrument,
                reason: "Binance contracts are coin-margined on BASE/USD or linear in their quote"
            )
        }
    }
}
