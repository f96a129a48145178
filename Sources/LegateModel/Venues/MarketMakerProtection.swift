public import LegateCore

/// Market-maker protection for one underlying: when our fills within `intervalNanos` breach a limit, the venue
/// cancels every protected quote and refuses new ones for `frozenNanos` (zero: until reset).
///
/// Limits are in the venue's own terms (Deribit: base-currency amount, delta and vega; OKX and Bybit: contracts), so
/// the adapter sends them as given and refuses what the venue cannot express rather than rounding it.
public struct MarketMakerProtection: Hashable, Sendable {
    public let underlying: Underlying
    /// The monitoring window; zero removes the protection.
    public let intervalNanos: Int64
    /// How long quoting stays frozen after a trigger; zero means until `resetMarketMakerProtection`.
    public let frozenNanos: Int64
    /// Traded quantity within the window that triggers.
    public let quantityLimit: FixedDecimal?
    public let deltaLimit: FixedDecimal?
    /// Deribit only (options).
    public let vegaLimit: FixedDecimal?
    /// Deribit's maximum quote quantity: the largest combined open protected size per side and book.
    public let maximumQuoteQuantity: FixedDecimal?
    /// Deribit's MMP group (`mmp_group`), a protection of its own for mass quotes; nil for the orders' default group.
    /// Other venues have one protection per underlying and refuse a group.
    public let group: String?

    public init(
        underlying: Underlying,
        intervalNanos: Int64,
        frozenNanos: Int64,
        quantityLimit: FixedDecimal? = nil,
        deltaLimit: FixedDecimal? = nil,
        vegaLimit: FixedDecimal? = nil,
        maximumQuoteQuantity: FixedDecimal? = nil,
        group: String? = nil
    ) {
        self.underlying = underlying
        self.intervalNanos = intervalNanos
        self.frozenNanos = frozenNanos
        self.quantityLimit = quantityLimit
        self.deltaLimit = deltaLimit
        self.vegaLimit = vegaLimit
        self.maximumQuoteQuantity = maximumQuoteQuantity
        self.group = group
    }

    /// Protection off for `underlying` (a zero window, as the venues spell it).
    public static func off(_ underlying: Underlying, group: String? = nil) -> MarketMakerProtection {
        MarketMakerProtection(underlying: underlying, intervalNanos: 0, frozenNanos: 0, group: group)
    }

    public var isOff: Bool { intervalNanos == 0 }
}

/// How long a venue keeps protected quoting frozen after market-maker protection fired.
public enum MarketMakerProtectionFreeze: Hashable, Sendable {
    /// Frozen until this instant, after which the venue resumes quoting on its own.
    case until(UnixNanos)
    /// Frozen until `resetMarketMakerProtection` (the protection was set with a zero freeze).
    case untilReset
    /// The venue said quotes were pulled but not for how long (OKX `mmp_canceled`, Bybit `CancelByMmpTriggered`):
    /// `marketMakerProtectionState(underlying:)` gives the end.
    case unknown
}

/// Market-maker protection fired on `underlying`: the venue cancelled our protected quotes there and refuses new ones.
public struct MarketMakerProtectionTrigger: Hashable, Sendable {
    public let venue: Venue
    public let underlying: Underlying
    /// When the venue fired it, where it says.
    public let triggeredAt: UnixNanos?
    public let freeze: MarketMakerProtectionFreeze
    /// Deribit's MMP group (mass quotes), when the trigger names one.
    public let group: String?

    public init(
        venue: Venue,
        underlying: Underlying,
        triggeredAt: UnixNanos?,
        freeze: MarketMakerProtectionFreeze,
        group: String? = nil
    ) {
        self.venue = venue
        self.underlying = underlying
        self.triggeredAt = triggeredAt
        self.freeze = freeze
        self.group = group
    }
}

/// What a venue reports about market-maker protection on one underlying: the configuration it holds and whether
/// quoting is frozen now.
public struct MarketMakerProtectionState: Hashable, Sendable {
    public let venue: Venue
    public let underlying: Underlying
    /// The configuration the venue holds; nil when it holds none (or holds it switched off).
    public let protection: MarketMakerProtection?
    /// Nil when quoting is not frozen.
    public let freeze: MarketMakerProtectionFreeze?
    /// The last time protection fired, where the venue reports it (Binance `lastTriggerTime`).
    public let lastTriggeredAt: UnixNanos?

    public init(
        venue: Venue,
        underlying: Underlying,
        protection: MarketMakerProtection?,
        freeze: MarketMakerProtectionFreeze?,
        lastTriggeredAt: UnixNanos? = nil
    ) {
        self.venue = venue
        self.underlying = underlying
        self.protection = protection
        self.freeze = freeze
        self.lastTriggeredAt = lastTriggeredAt
    }

    public var isFrozen: Bool { freeze != nil }
}

extension MarketMakerProtection {
    /// Whether an order is a quote that protection should flag: a limit order that rests (good till cancelled or till
    /// a date). Immediate orders never are: venues refuse flagged orders while frozen, and a hedge must still go.
    public static func isRestingQuote(_ request: OrderRequest) -> Bool {
        guard case .limit = request.kind else { return false }
        switch request.timeInForce {
        case .goodTillCancelled, .goodTillDate: return true
        case .immediateOrCancel, .fillOrKill: return false
        }
    }
}
