import LegateCore
public import LegateModel

/// Assembles the model's `Ticker` from the channels OKX splits it across: `mark-price` (the mark, which a ticker
/// needs), `tickers` or `bbo-tbt` (top of book), `opt-summary` (vols, forward, Greeks) and `index-tickers`.
///
/// A pure value, one per connection. Each `apply` records what arrived and returns the instrument's ticker as of
/// that message, once a mark is known (before the first mark there is no ticker to give).
public struct OKXTickerBoard: Sendable {
    struct Entry: Sendable {
        var mark: OKXMark?
        var top: OKXTopOfBook?
        var summary: OKXOptionSummary?
    }

    private var entries: [Instrument: Entry] = [:]
    private var indices: [Underlying: OKXIndexPrice] = [:]

    public init() {}

    public mutating func apply(_ mark: OKXMark) -> Ticker? {
        entries[mark.instrument, default: Entry()].mark = mark
        return ticker(for: mark.instrument)
    }

    public mutating func apply(_ top: OKXTopOfBook) -> Ticker? {
        entries[top.instrument, default: Entry()].top = top
        return ticker(for: top.instrument)
    }

    public mutating func apply(_ summary: OKXOptionSummary) -> Ticker? {
        entries[summary.instrument, default: Entry()].summary = summary
        return ticker(for: summary.instrument)
    }

    /// Records an index price; it joins the tickers of every instrument on that underlying from now on.
    public mutating func apply(_ index: OKXIndexPrice) {
        indices[index.underlying] = index
    }

    /// The instrument's ticker from everything known about it; timed at the latest message that went into it.
    public func ticker(for instrument: Instrument) -> Ticker? {
        guard let entry = entries[instrument], let mark = entry.mark else { return nil }
        let index = indices[instrument.underlying]
        let times = [mark.at, entry.top?.at, entry.summary?.at, index?.at].compactMap(\.self)
        return Ticker(
            venue: .okx,
            instrument: instrument,
            markPrice: mark.markPrice,
            indexPrice: index?.price,
            underlyingPrice: entry.summary?.forwardPrice,
            markImpliedVolatility: entry.summary?.markVolatility,
            bestBid: entry.top?.bestBid,
            bestAsk: entry.top?.bestAsk,
            bidImpliedVolatility: entry.summary?.bidVolatility,
            askImpliedVolatility: entry.summary?.askVolatility,
            greeks: entry.summary?.blackScholesGreeks,
            openInterest: nil,
            at: times.max() ?? mark.at
        )
    }
}
