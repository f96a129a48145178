public import LegateCore

/// What a venue says about trading one instrument: its name there, sizes, ticks and listing state.
///
/// Specs change over time (tick changes, delistings); each carries the instant it took effect so an instrument
/// master can keep versions.
public struct InstrumentSpec: Hashable, Sendable, Codable {
    public let instrument: Instrument
    public let venue: Venue
    /// The venue's own name for the instrument.
    public let symbol: String
    /// Units of the underlying (or of the quote, for inverse USD-sized contracts) per contract.
    public let contractMultiplier: FixedDecimal
    /// The unit `contractMultiplier` is counted in (BTC for an option; USD for Deribit's inverse perpetual).
    public let contractUnit: Asset
    /// The currency prices are quoted in (BTC for Deribit options, USD for perpetuals, USDC for linear options).
    public let quoteCurrency: Asset
    public let tickSize: TickSchedule
    /// Order sizes are multiples of this.
    public let lotSize: Quantity
    public let minimumSize: Quantity
    /// The smallest order notional in `quoteCurrency`, where the venue has one.
    public let minimumNotional: Money?
    public let listingState: ListingState
    /// When this version of the spec took effect.
    public let effectiveFrom: UnixNanos

    public init(
        instrument: Instrument,
        venue: Venue,
        symbol: String,
        contractMultiplier: FixedDecimal,
        contractUnit: Asset,
        quoteCurrency: Asset,
        tickSize: TickSchedule,
        lotSize: Quantity,
        minimumSize: Quantity,
        minimumNotional: Money?,
        listingState: ListingState,
        effectiveFrom: UnixNanos
    ) {
        self.instrument = instrument
        self.venue = venue
        self.symbol = symbol
        self.contractMultiplier = contractMultiplier
        self.contractUnit = contractUnit
        self.quoteCurrency = quoteCurrency
        self.tickSize = tickSize
        self.lotSize = lotSize
        self.minimumSize = minimumSize
        self.minimumNotional = minimumNotional
        self.listingState = listingState
        self.effectiveFrom = effectiveFrom
    }

    /// Checks an order's size against lot and minimum; returns the first rule broken.
    public func validate(size: Quantity) -> SpecViolation? {
        guard size.decimal.isPositive else { return .nonPositiveSize(size) }
        guard size >= minimumSize else { return .belowMinimumSize(size: size, minimum: minimumSize) }
        guard size.decimal.isMultiple(of: lotSize.decimal) else { return .notLotMultiple(size: size, lot: lotSize) }
        return nil
    }

    /// Checks a limit price against the tick schedule.
    public func validate(price: Price) -> SpecViolation? {
        let tick = tickSize.tick(at: price)
        guard price.decimal.isMultiple(of: tick) else { return .notTickMultiple(price: price, tick: tick) }
        return nil
    }
}

/// A rule of an instrument spec that an order breaks.
public enum SpecViolation: Hashable, Sendable, CustomStringConvertible {
    case nonPositiveSize(Quantity)
    case belowMinimumSize(size: Quantity, minimum: Quantity)
    case notLotMultiple(size: Quantity, lot: Quantity)
    case notTickMultiple(price: Price, tick: FixedDecimal)

    public var description: String {
        switch self {
        case .nonPositiveSize(let size): "size \(size) must be positive"
        case .belowMinimumSize(let size, let minimum): "size \(size) is below the minimum \(minimum)"
        case .notLotMultiple(let size, let lot): "size \(size) is not a multiple of the lot \(lot)"
        case .notTickMultiple(let price, let tick): "price \(price) is not a multiple of the tick \(tick)"
        }
    }
}

/// The lifecycle of a listing on a venue.
public enum ListingState: String, Hashable, Sendable, Codable, CaseIterable {
    case preListing
    case listed
    case suspended
    case expired
    case delisted

    public var isTradable: Bool { self == .listed }
}
