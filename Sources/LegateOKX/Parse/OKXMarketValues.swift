public import LegateCore
public import LegateModel

/// The best bid and ask (and last trade) of one instrument, from `tickers` or `bbo-tbt`; quantities in model units.
public struct OKXTopOfBook: Hashable, Sendable {
    public let instrument: Instrument
    public let bestBid: BookLevel?
    public let bestAsk: BookLevel?
    public let lastPrice: Price?
    public let lastQuantity: Quantity?
    public let at: UnixNanos

    public init(
        instrument: Instrument,
        bestBid: BookLevel?,
        bestAsk: BookLevel?,
        lastPrice: Price? = nil,
        lastQuantity: Quantity? = nil,
        at: UnixNanos
    ) {
        self.instrument = instrument
        self.bestBid = bestBid
        self.bestAsk = bestAsk
        self.lastPrice = lastPrice
        self.lastQuantity = lastQuantity
        self.at = at
    }
}

/// A mark price (`mark-price` channel, `public/mark-price`).
public struct OKXMark: Hashable, Sendable {
    public let instrument: Instrument
    public let markPrice: Price
    public let at: UnixNanos

    public init(instrument: Instrument, markPrice: Price, at: UnixNanos) {
        self.instrument = instrument
        self.markPrice = markPrice
        self.at = at
    }
}

/// An index price (`index-tickers`): OKX names indices by pair (`BTC-USDT`), so it belongs to an underlying.
public struct OKXIndexPrice: Hashable, Sendable {
    public let underlying: Underlying
    public let price: Price
    public let at: UnixNanos

    public init(underlying: Underlying, price: Price, at: UnixNanos) {
        self.underlying = underlying
        self.price = price
        self.at = at
    }
}

/// One option's line of the option summary: OKX's implied vols (fractions), forward, and both sets of Greeks.
public struct OKXOptionSummary: Hashable, Sendable {
    public let instrument: Instrument
    /// OKX's premium-adjusted Greeks, in coin (`delta`, `gamma`, `theta`, `vega`).
    public let coinGreeks: VenueGreeks?
    /// Black-Scholes Greeks in USD (`deltaBs`, …): the ones a `Ticker` carries, comparable with Deribit's.
    public let blackScholesGreeks: VenueGreeks?
    public let markVolatility: FixedDecimal?
    public let bidVolatility: FixedDecimal?
    public let askVolatility: FixedDecimal?
    public let realizedVolatility: FixedDecimal?
    public let forwardPrice: Price?
    public let leverage: FixedDecimal?
    public let at: UnixNanos
}

/// What an option fill on OKX says beyond price and size (`fillPxVol`, `fillPxUsd`, `fillMarkVol`, `fillFwdPx`,
/// `fillMarkPx`); `VenueFill` has no place for it, so the adapter hands it out beside the report.
public struct OKXOptionFillDetails: Hashable, Sendable {
    public let tradeID: String
    /// The implied vol of the fill price, a fraction.
    public let impliedVolatility: FixedDecimal?
    public let priceUSD: Price?
    /// The mark vol at the time of the fill, a fraction.
    public let markVolatility: FixedDecimal?
    public let forwardPrice: Price?
    public let markPrice: Price?
}
