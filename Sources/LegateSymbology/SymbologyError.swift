public import LegateModel

/// Why a venue name could not be read, or an instrument could not be named on a venue.
///
/// Every case names the venue and the text (the symbol, or the instrument for `notExpressible`), and says what was
/// wrong and, where it helps, at which byte offset: `Deribit symbol "BTC-32DEC24-1-C": day 32 is not valid`.
public enum SymbologyError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The text does not have the shape of a name on the venue: empty, lower-case, a part missing, trailing text,
    /// an unknown suffix.
    case malformed(venue: Venue, symbol: String, reason: String)
    /// The expiry date in the name is not a calendar date (bad month, day 32, 30 February, leading zero).
    case invalidExpiry(venue: Venue, symbol: String, reason: String)
    /// The strike is not a positive exact decimal written the venue's way.
    case invalidStrike(venue: Venue, symbol: String, reason: String)
    /// A concatenated pair (`BTCUSDT`) ends in no quote asset the table knows, so base and quote cannot be split.
    case unknownQuoteAsset(venue: Venue, symbol: String, reason: String)
    /// A combo code the venue issues but whose legs Legate has not confirmed (or does not know at all).
    case unsupportedCombo(venue: Venue, symbol: String, reason: String)
    /// The venue reuses names across markets (`BTCUSDT` is spot and a perpetual), so the market must be given.
    case marketRequired(venue: Venue, symbol: String)
    /// The name is valid but belongs to another market than the one the caller named.
    case wrongMarket(venue: Venue, symbol: String, market: Market, reason: String)
    /// The venue has no name for this instrument (a Bybit-only shape asked of Deribit, an expiry not at 08:00 UTC).
    case notExpressible(venue: Venue, instrument: Instrument, reason: String)
    /// Legate has no symbology for the venue (the embedded simulator names nothing).
    case unsupportedVenue(venue: Venue, symbol: String)

    /// The venue the error is about.
    public var venue: Venue {
        switch self {
        case .malformed(let venue, _, _), .invalidExpiry(let venue, _, _), .invalidStrike(let venue, _, _),
            .unknownQuoteAsset(let venue, _, _), .unsupportedCombo(let venue, _, _), .marketRequired(let venue, _),
            .wrongMarket(let venue, _, _, _), .notExpressible(let venue, _, _), .unsupportedVenue(let venue, _):
            venue
        }
    }

    /// The text the error is about: the symbol, or the instrument's description for `notExpressible`.
    public var text: String {
        switch self {
        case .malformed(_, let symbol, _), .invalidExpiry(_, let symbol, _), .invalidStrike(_, let symbol, _),
            .unknownQuoteAsset(_, let symbol, _), .unsupportedCombo(_, let symbol, _), .marketRequired(_, let symbol),
            .wrongMarket(_, let symbol, _, _), .unsupportedVenue(_, let symbol):
            symbol
        case .notExpressible(_, let instrument, _): instrument.description
        }
    }

    /// What was wrong, without the venue and text.
    public var reason: String {
        switch self {
        case .malformed(_, _, let reason), .invalidExpiry(_, _, let reason), .invalidStrike(_, _, let reason),
            .unknownQuoteAsset(_, _, let reason), .unsupportedCombo(_, _, let reason),
            .wrongMarket(_, _, _, let reason), .notExpressible(_, _, let reason):
            reason
        case .marketRequired(let venue, _):
            "\(venue.displayName) reuses names across markets; say which market (spot, linear, inverse, option)"
        case .unsupportedVenue(let venue, _): "Legate has no symbology for \(venue.displayName)"
        }
    }

    public var description: String {
        switch self {
        case .notExpressible(let venue, let instrument, let reason):
            "\(venue.displayName) has no name for \(instrument): \(reason)"
        default:
            "\(venue.displayName) symbol \"\(text)\": \(reason)"
        }
    }
}

extension Venue {
    /// The venue's name as people write it, for messages.
    var displayName: String {
        switch self {
        case .deribit: "Deribit"
        case .okx: "OKX"
        case .bybit: "Bybit"
        case .binance: "Binance"
        case .simulated: "Simulated"
        }
    }
}
