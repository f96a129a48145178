public import LegateCore
public import LegateModel

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

    public init(
        underlying: Underlying,
        intervalNanos: Int64,
        frozenNanos: Int64,
        quantityLimit: FixedDecimal? = nil,
        deltaLimit: FixedDecimal? = nil,
        vegaLimit: FixedDecimal? = nil,
        maximumQuoteQuantity: FixedDecimal? = nil
    ) {
        self.underlying = underlying
        self.intervalNanos = intervalNanos
        self.frozenNanos = frozenNanos
        self.quantityLimit = quantityLimit
        self.deltaLimit = deltaLimit
        self.vegaLimit = vegaLimit
        self.maximumQuoteQuantity = maximumQuoteQuantity
    }

    /// Protection off for `underlying` (a zero window, as the venues spell it).
    public static func off(_ underlying: Underlying) -> MarketMakerProtection {
        MarketMakerProtection(underlying: underlying, intervalNanos: 0, frozenNanos: 0)
    }

    public var isOff: Bool { intervalNanos == 0 }
}

extension VenueClient {
    /// Adapters that have not wired their venue's protection refuse it by name instead of pretending it is on.
    public func setMarketMakerProtection(_ protection: MarketMakerProtection) async throws(VenueError) {
        throw .unsupported(venue: venue, operation: "market-maker protection on \(protection.underlying)")
    }

    public func resetMarketMakerProtection(underlying: Underlying) async throws(VenueError) {
        throw .unsupported(venue: venue, operation: "resetting market-maker protection on \(underlying)")
    }
}

extension MarketMakerProtection {
    /// Whole milliseconds of a window or freeze, as OKX, Bybit and Binance take them; nil for a negative time or one
    /// with a fraction of a millisecond, which must be refused rather than rounded.
    public static func wholeMilliseconds(_ nanos: Int64) -> Int64? {
        nanos >= 0 && nanos % 1_000_000 == 0 ? nanos / 1_000_000 : nil
    }

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
