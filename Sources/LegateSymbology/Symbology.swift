public import LegateModel

/// Venue names to and from the one canonical `Instrument`, for every venue Legate speaks to.
///
/// ```swift
/// let option = try Symbology.parse("BTC-27DEC24-60000-C", venue: .deribit)
/// let okx = try Symbology.format(option, venue: .okx)        // "BTC-USD-241227-60000-C"
/// let perp = try Symbology.parse("BTCUSDT", venue: .bybit, market: .linear)
/// ```
///
/// Deribit and OKX names say what they are, so `market` is optional there and, when given, must agree. Bybit and
/// Binance reuse names across markets (`BTCUSDT` is spot and a perpetual), so they need it. The per-venue types
/// (``DeribitSymbology``, ``OKXSymbology``, ``BybitSymbology``, ``BinanceSymbology``) document each grammar and take
/// a custom ``QuoteAssetTable`` where pairs are concatenated.
public enum Symbology {
    /// Reads a venue's name for an instrument.
    ///
    /// - Parameters:
    ///   - symbol: The venue's name, exactly as it writes it.
    ///   - venue: Where the name comes from.
    ///   - market: The market the name is listed in; required for Bybit and Binance.
    /// - Returns: The canonical instrument.
    /// - Throws: `SymbologyError` naming the venue, the text and what is wrong.
    public static func parse(_ symbol: String, venue: Venue, market: Market? = nil) throws(SymbologyError) -> Instrument
    {
        let instrument: Instrument
        switch venue {
        case .deribit: instrument = try DeribitSymbology.parse(symbol)
        case .okx: instrument = try OKXSymbology.parse(symbol)
        case .bybit:
            guard let market else { throw .marketRequired(venue: venue, symbol: symbol) }
            return try BybitSymbology.parse(symbol, category: market)
        case .binance:
            guard let market else { throw .marketRequired(venue: venue, symbol: symbol) }
            return try BinanceSymbology.parse(symbol, market: market)
        case .simulated: throw .unsupportedVenue(venue: venue, symbol: symbol)
        }
        if let market, Market.of(instrument) != market {
            throw .wrongMarket(
                venue: venue,
                symbol: symbol,
                market: market,
                reason: "it names a \(instrument.kind.rawValue) in the \(Market.of(instrument)) market, not \(market)"
            )
        }
        return instrument
    }

    /// Writes a venue's name for an instrument; the inverse of `parse(_:venue:market:)`.
    ///
    /// - Parameters:
    ///   - instrument: A canonical instrument.
    ///   - venue: The venue whose name is wanted.
    ///   - market: When given, the market the caller expects the name in; must equal `Market.of(instrument)`.
    /// - Returns: A name that `parse` reads back to an equal instrument (in the market `Market.of(instrument)`).
    /// - Throws: `SymbologyError.notExpressible` when the venue cannot name the instrument.
    public static func format(
        _ instrument: Instrument,
        venue: Venue,
        market: Market? = nil
    ) throws(SymbologyError) -> String {
        if let market, Market.of(instrument) != market {
            throw .notExpressible(
                venue: venue,
                instrument: instrument,
                reason: "it trades in the \(Market.of(instrument)) market, not \(market)"
            )
        }
        switch venue {
        case .deribit: return try DeribitSymbology.format(instrument)
        case .okx: return try OKXSymbology.format(instrument)
        case .bybit: return try BybitSymbology.format(instrument)
        case .binance: return try BinanceSymbology.format(instrument)
        case .simulated:
            throw .notExpressible(venue: venue, instrument: instrument, reason: "Legate has no symbology for it")
        }
    }
}
