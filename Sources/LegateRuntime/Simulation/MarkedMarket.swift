public import LegateCore
public import LegateModel
internal import LegatePricing
public import LegateRisk
public import LegateSimulator
internal import OrderedCollections

/// The risk market read off the engine's marks, so the portfolio gate values on what the venues publish.
///
/// Per underlying: the index is the mark of its spot instrument, a dated future's mark is the forward of its
/// expiry, an expiry without a future takes its forward from put–call parity at its most central strike with both
/// rights marked, and each expiry's smile is an SVI fit to the implied vols of its marked out-of-the-money options
/// (`MarkedSmile`): the marks carry the term structure and the skew. An expiry with fewer than five usable strikes,
/// or whose fit fails or has arbitrage, keeps a flat smile at its most central strike, with the reason in
/// `MarkedSmileCache.smiles`. Marks of instruments that have expired are ignored.
public enum MarkedMarket {
    /// The market on `marks` at `time`, or nil when the marks lack an index or any option expiry for one of
    /// `underlyings` (the caller keeps the market it had).
    public static func build(
        marks: [Instrument: Price],
        underlyings: [Underlying],
        venues: [Venue],
        at time: UnixNanos
    ) -> LegateRisk.MarketState? {
        var cache = MarkedSmileCache()
        return build(marks: marks, underlyings: underlyings, venues: venues, at: time, cache: &cache)
    }

    /// The market on `marks` at `time`, refitting only the expiries whose forward or option marks changed since the
    /// fits `cache` holds (a cached fit equals a fresh one: see `TotalVarianceSmile`).
    public static func build(
        marks: [Instrument: Price],
        underlyings: [Underlying],
        venues: [Venue],
        at time: UnixNanos,
        cache: inout MarkedSmileCache
    ) -> LegateRisk.MarketState? {
        var market = LegateRisk.MarketState(asOf: time)
        var used = MarkedSmileCache()
        for underlying in underlyings {
            guard let index = marks[.spot(underlying)], (try? market.setIndex(index, for: underlying)) != nil else {
                return nil
            }
            let own = UnderlyingMarks(marks: marks, underlying: underlying, after: time)
            if let perpetual = own.perpetual {
                for venue in venues { try? market.setPerpetualMark(perpetual, for: underlying, venue: venue) }
            }
            for (expiry, price) in own.futures { try? market.setFuture(price, for: underlying, expiry: expiry) }
            var slices: [SVISlice] = []
            for expiry in own.optionExpiries {
                if !own.futures.contains(where: { $0.expiry == expiry }) {
                    guard let pair = own.centralPair(expiry: expiry) else { continue }
                    try? market.setParityForward(
                        call: pair.call,
                        put: pair.put,
                        strike: pair.strike,
                        for: underlying,
                        expiry: expiry,
                        premium: pair.inverse ? .coin : .usd
                    )
                }
                guard let forward = try? market.forward(of: underlying, expiry: expiry),
                    let years = try? market.years(until: expiry)
                else { continue }
                let key = MarkedSmileCache.Key(underlying: underlying, expiry: expiry)
                let inputs = MarkedSmileCache.Inputs(forward: forward, options: own.sortedOptions(expiry: expiry))
                let smile = cache.smile(key, inputs)
                used.keep(key, inputs, smile)
                if let slice = smile.slice(years: years) { slices.append(slice) }
            }
            guard let surface = try? VolSurface(slices: slices) else { return nil }
            market.setVolSurface(surface, for: underlying)
        }
        used.fits = cache.fits
        cache = used
        return market
    }

    /// The simulator's own market at the venue's current time: index, every listed expiry's model forward and the
    /// SSVI slice of every option expiry. What the gate values on before the first marks arrive.
    public static func simulated(_ venue: SimulatedVenue) -> LegateRisk.MarketState {
        let state = venue.market.state
        let underlying = venue.market.configuration.underlying
        var market = LegateRisk.MarketState(asOf: state.time)
        try? market.setIndex(venue.indexPrice, for: underlying)
        let surface = SurfaceModel(dynamics: venue.market.configuration.surface)
        var expiries: [UnixNanos] = []
        for spec in venue.listedInstruments {
            guard let expiry = spec.instrument.expiry, expiry > state.time, !expiries.contains(expiry) else { continue }
            expiries.append(expiry)
        }
        var slices: [SVISlice] = []
        for expiry in expiries.sorted() {
            let forward = (try? FixedDecimal(state.forward(expiry: expiry), scale: 2, rounding: .toNearestOrEven))
            if let forward { try? market.setFuture(Price(forward), for: underlying, expiry: expiry) }
            slices.append(surface.slice(years: state.time.years(until: expiry), state: state))
        }
        if let built = try? VolSurface(slices: slices) { market.setVolSurface(built, for: underlying) }
        return market
    }
}

/// A strike with both rights marked: the expiry's most central one.
struct CentralPair {
    let strike: Price
    let call: Price
    let put: Price
    let inverse: Bool
}

/// One underlying's marks, sorted so nothing depends on dictionary order.
struct UnderlyingMarks {
    var perpetual: Price?
    var futures: [(expiry: UnixNanos, price: Price)] = []
    var options: [UnixNanos: [(terms: OptionTerms, price: Price, inverse: Bool, instrument: Instrument)]] = [:]

    init(marks: [Instrument: Price], underlying: Underlying, after time: UnixNanos) {
        var perpetuals: [(Instrument, Price)] = []
        for (instrument, price) in marks where instrument.underlying == underlying {
            switch instrument.terms {
            case .perpetual: perpetuals.append((instrument, price))
            case .future(let expiry) where expiry > time: futures.append((expiry, price))
            case .option(let terms) where terms.expiry > time:
                options[terms.expiry, default: []].append((terms, price, instrument.settlement.isInverse, instrument))
            default: break
            }
        }
        // Prefer the coin-settled perpetual (the index venues' own), then any, in a fixed order.
        perpetual =
            perpetuals.sorted { lhs, rhs in
                (lhs.0.settlement.isInverse ? 0 : 1, "\(lhs.0)") < (rhs.0.settlement.isInverse ? 0 : 1, "\(rhs.0)")
            }.first?.1
        futures.sort { $0.expiry < $1.expiry }
    }

    var optionExpiries: [UnixNanos] { options.keys.sorted() }

    /// The expiry's marked options by strike, then right, coin-settled first.
    func sortedOptions(expiry: UnixNanos) -> [MarkedOption] {
        (options[expiry] ?? []).map {
            MarkedOption(
                strike: $0.terms.strike,
                right: $0.terms.right,
                price: $0.price,
                inverse: $0.inverse,
                instrument: $0.instrument
            )
        }.sorted {
            ($0.strike, $0.right.rawValue, $0.inverse ? 0 : 1) < ($1.strike, $1.right.rawValue, $1.inverse ? 0 : 1)
        }
    }

    /// The strike whose call and put are closest in value (nearest the forward); ties to the lower strike.
    func centralPair(expiry: UnixNanos) -> CentralPair? {
        let marked = (options[expiry] ?? []).sorted {
            ($0.terms.strike, $0.terms.right.rawValue) < ($1.terms.strike, $1.terms.right.rawValue)
        }
        var best: CentralPair?
        var bestGap = Double.infinity
        for call in marked where call.terms.right == .call {
            guard
                let put = marked.first(where: {
                    $0.terms.right == .put && $0.terms.strike == call.terms.strike && $0.inverse == call.inverse
                })
            else { continue }
            let gap = abs(call.price.doubleValue - put.price.doubleValue)
            if gap < bestGap {
                bestGap = gap
                best = CentralPair(strike: call.terms.strike, call: call.price, put: put.price, inverse: call.inverse)
            }
        }
        return best
    }
}
