public import LegateCore

/// A venue's market data, translated into the model: what adapters and the simulator emit and the engine consumes.
///
/// Instruments are named by their canonical identity; the venue symbol they came from stays in the adapter.
public enum MarketData: Hashable, Sendable, Codable {
    case book(BookUpdate)
    case trade(Trade)
    case ticker(Ticker)
    case funding(FundingRate)

    public var venue: Venue {
        switch self {
        case .book(let update): update.venue
        case .trade(let trade): trade.venue
        case .ticker(let ticker): ticker.venue
        case .funding(let funding): funding.venue
        }
    }
}

/// One side of an order book.
public enum BookSide: String, Hashable, Sendable, Codable, CaseIterable {
    case bid
    case ask
}

/// A price level: the quantity resting at one price. A quantity of zero in a delta removes the level.
public struct BookLevel: Hashable, Sendable, Codable {
    public let price: Price
    public let quantity: Quantity

    public init(price: Price, quantity: Quantity) {
        self.price = price
        self.quantity = quantity
    }
}

/// Where an update sits in the venue's sequence, in the venue's own terms.
///
/// Deribit sends `change_id` and `prev_change_id`, OKX `seqId` and `prevSeqId`, Bybit `u` (and `seq`), Binance
/// futures `U`, `u` and `pu`. `first` and `last` bound the venue updates folded into this one (equal when the venue
/// numbers messages, not updates); `previous` is the `last` the venue says came before, when it says so.
public struct BookSequence: Hashable, Sendable, Codable {
    public let first: Int64
    public let last: Int64
    public let previous: Int64?

    public init(first: Int64, last: Int64, previous: Int64?) {
        self.first = first
        self.last = last
        self.previous = previous
    }
}

/// An L2 book snapshot (replaces the book) or delta (levels to set; quantity zero deletes).
public struct BookUpdate: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        case snapshot
        case delta
    }

    public let venue: Venue
    public let instrument: Instrument
    public let kind: Kind
    public let bids: [BookLevel]
    public let asks: [BookLevel]
    public let sequence: BookSequence
    /// A checksum the venue sent over the book after this update (OKX CRC32), to verify the local book.
    public let checksum: Int32?
    /// The venue's time of the update.
    public let at: UnixNanos

    public init(
        venue: Venue,
        instrument: Instrument,
        kind: Kind,
        bids: [BookLevel],
        asks: [BookLevel],
        sequence: BookSequence,
        checksum: Int32? = nil,
        at: UnixNanos
    ) {
        self.venue = venue
        self.instrument = instrument
        self.kind = kind
        self.bids = bids
        self.asks = asks
        self.sequence = sequence
        self.checksum = checksum
        self.at = at
    }
}

/// A public trade print.
public struct Trade: Hashable, Sendable, Codable {
    public let venue: Venue
    public let instrument: Instrument
    public let tradeID: String
    public let price: Price
    public let quantity: Quantity
    /// The side of the taker; nil when the venue does not say.
    public let aggressor: OrderSide?
    /// The trade's implied volatility as the venue reports it (options), a fraction (0.55 = 55%).
    public let impliedVolatility: FixedDecimal?
    public let at: UnixNanos

    public init(
        venue: Venue,
        instrument: Instrument,
        tradeID: String,
        price: Price,
        quantity: Quantity,
        aggressor: OrderSide?,
        impliedVolatility: FixedDecimal? = nil,
        at: UnixNanos
    ) {
        self.venue = venue
        self.instrument = instrument
        self.tradeID = tradeID
        self.price = price
        self.quantity = quantity
        self.aggressor = aggressor
        self.impliedVolatility = impliedVolatility
        self.at = at
    }
}

/// Mark, index and top of book for one instrument, with the venue's implied vols and Greeks for options.
///
/// Volatilities are fractions (0.55 = 55%), whatever unit the venue sends.
public struct Ticker: Hashable, Sendable, Codable {
    public let venue: Venue
    public let instrument: Instrument
    public let markPrice: Price
    public let indexPrice: Price?
    /// The forward or underlying future the venue priced the option against (Deribit `underlying_price`).
    public let underlyingPrice: Price?
    public let markImpliedVolatility: FixedDecimal?
    public let bestBid: BookLevel?
    public let bestAsk: BookLevel?
    public let bidImpliedVolatility: FixedDecimal?
    public let askImpliedVolatility: FixedDecimal?
    public let greeks: VenueGreeks?
    public let openInterest: Quantity?
    public let at: UnixNanos

    public init(
        venue: Venue,
        instrument: Instrument,
        markPrice: Price,
        indexPrice: Price? = nil,
        underlyingPrice: Price? = nil,
        markImpliedVolatility: FixedDecimal? = nil,
        bestBid: BookLevel? = nil,
        bestAsk: BookLevel? = nil,
        bidImpliedVolatility: FixedDecimal? = nil,
        askImpliedVolatility: FixedDecimal? = nil,
        greeks: VenueGreeks? = nil,
        openInterest: Quantity? = nil,
        at: UnixNanos
    ) {
        self.venue = venue
        self.instrument = instrument
        self.markPrice = markPrice
        self.indexPrice = indexPrice
        self.underlyingPrice = underlyingPrice
        self.markImpliedVolatility = markImpliedVolatility
        self.bestBid = bestBid
        self.bestAsk = bestAsk
        self.bidImpliedVolatility = bidImpliedVolatility
        self.askImpliedVolatility = askImpliedVolatility
        self.greeks = greeks
        self.openInterest = openInterest
        self.at = at
    }
}

/// Greeks as a venue publishes them, in the venue's conventions (kept for comparison, never used for risk).
public struct VenueGreeks: Hashable, Sendable, Codable {
    public let delta: FixedDecimal
    public let gamma: FixedDecimal
    public let vega: FixedDecimal
    public let theta: FixedDecimal
    public let rho: FixedDecimal?

    public init(delta: FixedDecimal, gamma: FixedDecimal, vega: FixedDecimal, theta: FixedDecimal, rho: FixedDecimal?) {
        self.delta = delta
        self.gamma = gamma
        self.vega = vega
        self.theta = theta
        self.rho = rho
    }
}

/// A perpetual's funding rate: the current (or last settled) rate per funding interval and when it next applies.
public struct FundingRate: Hashable, Sendable, Codable {
    public let venue: Venue
    public let instrument: Instrument
    /// Per funding interval, as a fraction (0.0001 = 1 bp).
    public let rate: FixedDecimal
    public let intervalNanos: Int64?
    public let nextFundingAt: UnixNanos?
    public let at: UnixNanos

    public init(
        venue: Venue,
        instrument: Instrument,
        rate: FixedDecimal,
        intervalNanos: Int64?,
        nextFundingAt: UnixNanos?,
        at: UnixNanos
    ) {
        self.venue = venue
        self.instrument = instrument
        self.rate = rate
        self.intervalNanos = intervalNanos
        self.nextFundingAt = nextFundingAt
        self.at = at
    }
}
