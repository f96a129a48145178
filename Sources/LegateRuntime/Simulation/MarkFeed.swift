internal import LegateCore
internal import LegateEngine
internal import LegateModel

/// Chooses which published marks become engine inputs: the index (as the mark of the spot instrument), the
/// perpetual, every future, the call and put at each option expiry's central strike (and, with `wingStrikes`, the
/// out-of-the-money options of the strikes around it), and every instrument the desk has ordered. An instrument once watched stays watched, so no mark the gate reads goes stale; a mark equal to the
/// last one given is not repeated. The primary venue (the first) marks what it lists; another venue marks only
/// what the primary does not list.
struct MarkFeed {
    let primary: Venue
    /// Strikes on each side of the forward whose out-of-the-money option is watched besides the central pair: 0
    /// feeds the central pair only, and the gate's smiles stay flat (fewer than five strikes); 3 or more gives each
    /// expiry an SVI fit, at the cost of more mark inputs and a refit of every expiry whose marks moved.
    let wingStrikes: Int
    private(set) var watched: Set<Instrument> = []
    private(set) var last: [Instrument: Price] = [:]

    init(primary: Venue, wingStrikes: Int = 0) {
        self.primary = primary
        self.wingStrikes = wingStrikes
    }

    mutating func watch(_ instrument: Instrument) {
        watched.insert(instrument)
    }

    /// The mark inputs of one venue's tickers delivered together, in the venue's order.
    ///
    /// - Parameter primaryLists: whether the primary venue lists an instrument.
    mutating func marks(from tickers: [Ticker], primaryLists: (Instrument) -> Bool) -> [Input] {
        guard let first = tickers.first else { return [] }
        let isPrimary = first.venue == primary
        var inputs: [Input] = []
        if isPrimary, let index = first.indexPrice {
            append(.spot(first.instrument.underlying), index, to: &inputs)
        }
        watchCentralStrikes(tickers)
        for ticker in tickers {
            let instrument = ticker.instrument
            let always = instrument.kind == .perpetual || instrument.kind == .future
            guard always || watched.contains(instrument) else { continue }
            guard isPrimary || !primaryLists(instrument) else { continue }
            append(instrument, ticker.markPrice, to: &inputs)
        }
        return inputs
    }

    private mutating func append(_ instrument: Instrument, _ price: Price, to inputs: inout [Input]) {
        guard last[instrument] != price else { return }
        last[instrument] = price
        inputs.append(.mark(instrument: instrument, price: price))
    }

    /// Watches the call and put at the strike nearest each expiry's forward, and the out-of-the-money option of the
    /// `wingStrikes` listed strikes nearest the forward on each side (what the gate's smile fit reads).
    private mutating func watchCentralStrikes(_ tickers: [Ticker]) {
        var central: [UnixNanos: (distance: Double, strike: Price)] = [:]
        var listed: [UnixNanos: (forward: Double, strikes: Set<Price>)] = [:]
        for ticker in tickers {
            guard case .option(let terms) = ticker.instrument.terms, let forward = ticker.underlyingPrice else {
                continue
            }
            if wingStrikes > 0 {
                listed[terms.expiry, default: (forward.doubleValue, [])].strikes.insert(terms.strike)
            }
            let distance = abs(terms.strike.doubleValue - forward.doubleValue)
            if let known = central[terms.expiry],
                (known.distance, known.strike) <= (distance, terms.strike)
            {
                continue
            }
            central[terms.expiry] = (distance, terms.strike)
        }
        var wings: [UnixNanos: Set<Price>] = [:]
        for (expiry, chain) in listed {
            let below = chain.strikes.filter { $0.doubleValue < chain.forward }.sorted(by: >).prefix(wingStrikes)
            let above = chain.strikes.filter { $0.doubleValue >= chain.forward }.sorted().prefix(wingStrikes)
            wings[expiry] = Set(below).union(above)
        }
        for ticker in tickers {
            guard case .option(let terms) = ticker.instrument.terms else { continue }
            if central[terms.expiry]?.strike == terms.strike {
                watched.insert(ticker.instrument)
            } else if wings[terms.expiry]?.contains(terms.strike) == true, let forward = listed[terms.expiry]?.forward {
                let outOfTheMoney: OptionRight = terms.strike.doubleValue >= forward ? .call : .put
                if terms.right == outOfTheMoney { watched.insert(ticker.instrument) }
            }
        }
    }
}
