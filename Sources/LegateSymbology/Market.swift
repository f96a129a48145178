public import LegateModel

/// The market a venue lists a name in, for venues whose names alone are ambiguous.
///
/// Bybit asks for a `category` on every request and Binance runs separate APIs per market; both reuse a name such as
/// `BTCUSDT` for the spot pair and the perpetual. Deribit and OKX names say what they are, so their parsers need no
/// market; when one is given it must agree with what the name says.
///
/// | Market    | Bybit `category` | Binance API                         |
/// |-----------|------------------|-------------------------------------|
/// | `spot`    | `spot`           | spot (`api/v3`)                     |
/// | `linear`  | `linear`         | USD-M futures (`fapi`)              |
/// | `inverse` | `inverse`        | COIN-M futures (`dapi`)             |
/// | `option`  | `option`         | European options (`eapi`)           |
public enum Market: String, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Spot (and margin) pairs.
    case spot
    /// Perpetuals and futures paid in the quote or a stablecoin.
    case linear
    /// Coin-margined perpetuals and futures.
    case inverse
    /// Options (and option combos).
    case option

    public var description: String { rawValue }

    /// The market an instrument trades in: its kind for spot and options, its settlement for the rest.
    ///
    /// A combo whose legs are all options is in `option`; any other combo follows its settlement.
    public static func of(_ instrument: Instrument) -> Market {
        switch instrument.terms {
        case .spot: return .spot
        case .option: return .option
        case .perpetual, .future: return instrument.settlement.isInverse ? .inverse : .linear
        case .combo(let combo):
            if !combo.legs.isEmpty && combo.legs.allSatisfy({ $0.instrument.kind == .option }) { return .option }
            return instrument.settlement.isInverse ? .inverse : .linear
        }
    }
}
