/// A `tickers` push or `market/ticker` item: last trade, best bid and ask, 24 h figures. No mark price: that is the
/// `mark-price` channel.
public struct OKXTickerWire: Hashable, Sendable, Decodable {
    public let instType: String?
    public let instId: String
    public let last: OKXDecimal?
    public let lastSz: OKXDecimal?
    public let askPx: OKXDecimal?
    public let askSz: OKXDecimal?
    public let bidPx: OKXDecimal?
    public let bidSz: OKXDecimal?
    public let open24h: OKXDecimal?
    public let high24h: OKXDecimal?
    public let low24h: OKXDecimal?
    public let volCcy24h: OKXDecimal?
    public let vol24h: OKXDecimal?
    public let sodUtc0: OKXDecimal?
    public let sodUtc8: OKXDecimal?
    public let ts: OKXInteger
}

/// A public trade (`trades` channel, `market/trades`); `side` is the taker's.
public struct OKXTradeWire: Hashable, Sendable, Decodable {
    public let instId: String
    public let tradeId: String
    public let px: OKXDecimal
    public let sz: OKXDecimal
    public let side: String
    public let ts: OKXInteger
    /// How many trades the push aggregates (the `trades` channel merges fills of one taker order).
    public let count: OKXInteger?
}

/// One option of `public/opt-summary` or the `opt-summary` channel.
///
/// `delta`, `gamma`, `theta`, `vega` are OKX's premium-adjusted Greeks in coin; the `…Bs` set is Black-Scholes in
/// USD. Vols are fractions (0.455 = 45.5%). The REST form carries the vols and forward only.
public struct OKXOptionSummaryWire: Hashable, Sendable, Decodable {
    public let instType: String?
    public let instId: String
    public let uly: String?
    public let delta: OKXDecimal?
    public let gamma: OKXDecimal?
    public let theta: OKXDecimal?
    public let vega: OKXDecimal?
    public let deltaBs: OKXDecimal?
    public let gammaBs: OKXDecimal?
    public let thetaBs: OKXDecimal?
    public let vegaBs: OKXDecimal?
    public let realVol: OKXDecimal?
    public let bidVol: OKXDecimal?
    public let askVol: OKXDecimal?
    public let markVol: OKXDecimal?
    public let lever: OKXDecimal?
    public let fwdPx: OKXDecimal?
    public let ts: OKXInteger
}

/// The `funding-rate` channel (or `public/funding-rate`), and the items of `public/funding-rate-history`.
///
/// `fundingTime` is when the current rate settles (the next funding); history items name the settled period and add
/// the `realizedRate` that was paid.
public struct OKXFundingRateWire: Hashable, Sendable, Decodable {
    public let instType: String?
    public let instId: String
    public let fundingRate: OKXDecimal
    public let realizedRate: OKXDecimal?
    public let nextFundingRate: OKXDecimal?
    public let fundingTime: OKXInteger
    public let nextFundingTime: OKXInteger?
    public let ts: OKXInteger?
}

/// `public/mark-price` or the `mark-price` channel.
public struct OKXMarkPriceWire: Hashable, Sendable, Decodable {
    public let instType: String?
    public let instId: String
    public let markPx: OKXDecimal
    public let ts: OKXInteger
}

/// `market/index-tickers` or the `index-tickers` channel; `instId` names the index (`BTC-USDT`), not an instrument.
public struct OKXIndexTickerWire: Hashable, Sendable, Decodable {
    public let instId: String
    public let idxPx: OKXDecimal
    public let high24h: OKXDecimal?
    public let low24h: OKXDecimal?
    public let open24h: OKXDecimal?
    public let sodUtc0: OKXDecimal?
    public let sodUtc8: OKXDecimal?
    public let ts: OKXInteger
}

/// A candle (`candle1m`… channels, `market/candles`): `[ts, o, h, l, c, vol, volCcy, volCcyQuote, confirm]`.
///
/// `vol` is in contracts for derivatives (base currency for spot); `confirm` is `"1"` once the candle is closed.
public struct OKXCandleWire: Hashable, Sendable, Decodable {
    public let start: OKXInteger
    public let open: OKXDecimal
    public let high: OKXDecimal
    public let low: OKXDecimal
    public let close: OKXDecimal
    public let volume: OKXDecimal
    public let volumeCurrency: OKXDecimal?
    public let volumeQuote: OKXDecimal?
    public let isClosed: Bool?

    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        start = try container.decode(OKXInteger.self)
        open = try container.decode(OKXDecimal.self)
        high = try container.decode(OKXDecimal.self)
        low = try container.decode(OKXDecimal.self)
        close = try container.decode(OKXDecimal.self)
        volume = try container.decode(OKXDecimal.self)
        volumeCurrency = container.isAtEnd ? nil : try container.decode(OKXDecimal.self)
        volumeQuote = container.isAtEnd ? nil : try container.decode(OKXDecimal.self)
        isClosed = container.isAtEnd ? nil : try container.decode(String.self) == "1"
    }
}
