public import LegateCore

/// The canonical, venue-independent identity of a tradable instrument.
///
/// Two venues' names for the same contract (`BTC-27DEC24-60000-C` on Deribit, `BTC-USD-241227-60000-C` on OKX)
/// map to equal `Instrument`s when their economics agree: underlying, kind, expiry, strike, right and settlement.
/// Venue details (ticks, lots, multipliers, listing state) live in `InstrumentSpec`.
public struct Instrument: Hashable, Sendable, Codable, CustomStringConvertible {
    public let underlying: Underlying
    public let settlement: Settlement
    public let terms: Terms

    /// What kind of contract this is, with the terms that kind needs.
    public enum Terms: Hashable, Sendable, Codable {
        case spot
        case perpetual
        case future(expiry: UnixNanos)
        case option(OptionTerms)
        /// A venue-native package of legs traded as one instrument.
        case combo(Combo)
    }

    public init(underlying: Underlying, settlement: Settlement, terms: Terms) {
        self.underlying = underlying
        self.settlement = settlement
        self.terms = terms
    }

    public static func spot(_ underlying: Underlying) -> Instrument {
        Instrument(underlying: underlying, settlement: .linear(underlying.quote), terms: .spot)
    }

    public static func perpetual(_ underlying: Underlying, settlement: Settlement) -> Instrument {
        Instrument(underlying: underlying, settlement: settlement, terms: .perpetual)
    }

    public static func future(_ underlying: Underlying, expiry: UnixNanos, settlement: Settlement) -> Instrument {
        Instrument(underlying: underlying, settlement: settlement, terms: .future(expiry: expiry))
    }

    public static func option(
        _ underlying: Underlying,
        expiry: UnixNanos,
        strike: Price,
        right: OptionRight,
        settlement: Settlement
    ) -> Instrument {
        Instrument(
            underlying: underlying,
            settlement: settlement,
            terms: .option(OptionTerms(expiry: expiry, strike: strike, right: right))
        )
    }

    public var kind: InstrumentKind {
        switch terms {
        case .spot: .spot
        case .perpetual: .perpetual
        case .future: .future
        case .option: .option
        case .combo: .combo
        }
    }

    /// The expiry instant for futures, options and dated combos.
    public var expiry: UnixNanos? {
        switch terms {
        case .spot, .perpetual: nil
        case .future(let expiry): expiry
        case .option(let terms): terms.expiry
        case .combo(let combo): combo.legs.compactMap(\.instrument.expiry).min()
        }
    }

    public var strike: Price? {
        if case .option(let terms) = terms { return terms.strike }
        return nil
    }

    public var right: OptionRight? {
        if case .option(let terms) = terms { return terms.right }
        return nil
    }

    public var description: String {
        var text = "\(underlying) \(kind.rawValue)"
        switch terms {
        case .spot, .perpetual: break
        case .future(let expiry): text += " \(expiry)"
        case .option(let terms): text += " \(terms.expiry) \(terms.strike) \(terms.right.rawValue)"
        case .combo(let combo):
            text += " [" + combo.legs.map { "\($0.ratio)×(\($0.instrument))" }.joined(separator: ", ") + "]"
        }
        return text + " \(settlement)"
    }
}

/// The terms that make an option an option: European expiry instant, strike as an exact decimal, right.
public struct OptionTerms: Hashable, Sendable, Codable {
    public let expiry: UnixNanos
    public let strike: Price
    public let right: OptionRight

    public init(expiry: UnixNanos, strike: Price, right: OptionRight) {
        self.expiry = expiry
        self.strike = strike
        self.right = right
    }
}

public enum InstrumentKind: String, Hashable, Sendable, Codable, CaseIterable {
    case spot
    case perpetual
    case future
    case option
    case combo
}

public enum OptionRight: String, Hashable, Sendable, Codable, CaseIterable {
    case call
    case put
}

/// A price pair: the base asset priced in the quote currency (`BTC/USD`).
public struct Underlying: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public let base: Asset
    public let quote: Asset

    public init(base: Asset, quote: Asset) {
        self.base = base
        self.quote = quote
    }

    public var description: String { "\(base)/\(quote)" }

    public static func < (lhs: Underlying, rhs: Underlying) -> Bool { (lhs.base, lhs.quote) < (rhs.base, rhs.quote) }
}

/// How a contract's premium and profit are paid.
public enum Settlement: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Coin-margined: premium, profit and margin in the base coin (Deribit BTC options, OKX `BTC-USD-…`).
    case inverse(Asset)
    /// Paid in the quote or a stablecoin (USDC options on Bybit, USDT on Binance, USDT perpetuals).
    case linear(Asset)

    /// The currency premiums and P&L are paid in.
    public var currency: Asset {
        switch self {
        case .inverse(let asset), .linear(let asset): asset
        }
    }

    public var isInverse: Bool {
        if case .inverse = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .inverse(let asset): "inverse(\(asset))"
        case .linear(let asset): "linear(\(asset))"
        }
    }
}

/// A venue-native package: legs with signed ratios (positive = bought when the combo is bought).
public struct Combo: Hashable, Sendable, Codable {
    public let legs: [ComboLeg]

    public init(legs: [ComboLeg]) {
        self.legs = legs
    }
}

public struct ComboLeg: Hashable, Sendable, Codable {
    public let instrument: Instrument
    /// Signed ratio: +1 bought, -1 sold, per unit of the combo.
    public let ratio: Int

    public init(instrument: Instrument, ratio: Int) {
        self.instrument = instrument
        self.ratio = ratio
    }
}
