import LegateCore
import LegateModel
import LegatePricing
import LegateSymbology

extension SimulatedVenue {
    /// Lists what the calendar and the strike ladder call for and is not yet listed: the perpetual, futures
    /// expiries, and for each option expiry the strikes around its forward (new strikes appear as the index moves).
    mutating func checkListings(at time: UnixNanos) {
        let underlying = market.configuration.underlying
        let settlement = configuration.settlement
        if configuration.listsPerpetual {
            list(.perpetual(underlying, settlement: settlement), kind: .perpetual, at: time)
        }
        for expiry in configuration.calendar.futureExpiries(at: time) {
            list(.future(underlying, expiry: expiry, settlement: settlement), kind: .future, at: time)
        }
        for expiry in configuration.calendar.optionExpiries(at: time) {
            let days = Double(expiry - time) / Double(UnixNanos.nanosecondsPerDay)
            let forward = market.state.forward(expiry: expiry)
            for strike in configuration.strikes.strikes(forward: forward, days: days) {
                for right in [OptionRight.call, .put] {
                    let option = Instrument.option(
                        underlying,
                        expiry: expiry,
                        strike: strike,
                        right: right,
                        settlement: settlement
                    )
                    list(option, kind: .option, at: time)
                }
            }
        }
    }

    /// Lists one instrument unless it is listed (or was, and expired); quotes it and publishes its book.
    @discardableResult
    mutating func list(_ instrument: Instrument, kind: InstrumentKind, at time: UnixNanos) -> Int? {
        if let existing = listingIndex[instrument] { return existing }
        if let expiry = instrument.expiry, expiry <= time { return nil }
        let rules = productRules(kind)
        let tick = kind == .combo ? (configuration.combo?.tickSize ?? rules.tickSize) : rules.tickSize
        let spec = Listing.canonicalSpec(
            instrument,
            venue: configuration.venue,
            symbol: symbol(for: instrument),
            rules: rules,
            tickSize: tick,
            quoteCurrency: quoteCurrency(kind),
            at: time
        )
        let legs: [ComboLegRef]
        if case .combo(let combo) = instrument.terms {
            legs = combo.legs.compactMap { leg in
                listingIndex[leg.instrument].map { ComboLegRef(listing: $0, ratio: Int64(leg.ratio)) }
            }
        } else {
            legs = []
        }
        let index = listings.count
        let refreshSteps = max(1, rules.marketMaker.refreshSeconds / market.configuration.stepSeconds)
        listings.append(
            Listing(
                spec: spec,
                kind: kind,
                prices: PriceGrid(tick),
                sizes: SizeGrid(lot: rules.lotSize, minimum: rules.minimumSize),
                sizing: spec.sizing,
                refreshPhase: Int64(index) % refreshSteps,
                refreshSteps: refreshSteps,
                multiplier: rules.contractMultiplier.doubleValue,
                maker: rules.marketMaker,
                legs: legs
            )
        )
        listingIndex[instrument] = index
        counters.listings += 1
        if let expiry = instrument.expiry { nextExpiry = min(nextExpiry ?? expiry, expiry) }
        emitPublic(.listed(spec), at: time)
        refreshQuotes(index, at: time)
        publishSnapshot(index, at: time)
        return index
    }

    func productRules(_ kind: InstrumentKind) -> ProductRules {
        switch kind {
        case .option, .combo: configuration.option
        case .future: configuration.future
        case .perpetual, .spot: configuration.perpetual
        }
    }

    func quoteCurrency(_ kind: InstrumentKind) -> Asset {
        switch kind {
        case .option, .combo: configuration.settlementCurrency
        case .future, .perpetual, .spot:
            configuration.isInverse ? market.configuration.underlying.quote : configuration.settlementCurrency
        }
    }

    /// The venue's own name when Legate's symbology can write it, else a descriptive stand-in.
    func symbol(for instrument: Instrument) -> String {
        (try? Symbology.format(instrument, venue: configuration.venue)) ?? "SIM-\(instrument)"
    }

    /// The theoretical value of a listing in its quote currency under the current market state.
    mutating func theoreticalValue(_ index: Int) -> Double {
        let instrument = listings[index].instrument
        let state = market.state
        switch instrument.terms {
        case .spot: return state.index
        case .perpetual: return state.index * (1 + state.fundingRate)
        case .future(let expiry): return state.forward(expiry: expiry)
        case .option(let terms):
            let entry = sliceEntry(terms.expiry)
            return SurfaceModel.optionValue(
                terms,
                settlement: instrument.settlement,
                forward: entry.forward,
                slice: entry.slice
            )
        case .combo:
            var value = 0.0
            for leg in listings[index].legs {
                value += Double(leg.ratio) * listings[leg.listing].theo
            }
            return value
        }
    }

    /// The SSVI slice and forward of an expiry at the current step, computed once per step.
    mutating func sliceEntry(_ expiry: UnixNanos) -> SliceEntry {
        let state = market.state
        // Books are listed expiry by expiry, so consecutive requotes mostly ask for the same slice.
        if let last = lastSlice, last.expiry == expiry, last.entry.time == state.time { return last.entry }
        if let entry = slices[expiry], entry.time == state.time {
            lastSlice = (expiry, entry)
            return entry
        }
        let slice = surface.slice(years: state.time.years(until: expiry), state: state)
        let entry = SliceEntry(time: state.time, slice: slice, forward: state.forward(expiry: expiry))
        slices[expiry] = entry
        lastSlice = (expiry, entry)
        return entry
    }

    /// The mark implied vol of an option listing, for tickers.
    mutating func markVolatility(_ index: Int) -> Double? {
        guard case .option(let terms) = listings[index].instrument.terms else { return nil }
        let entry = sliceEntry(terms.expiry)
        return entry.slice.impliedVol(strike: terms.strike.doubleValue, forward: entry.forward)
    }
}
