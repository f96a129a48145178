internal import LegateCore
internal import LegateModel
internal import LegateSimulator

/// Why a desk action could not be turned into a command on the market as it stood.
struct ResolutionError: Error, CustomStringConvertible {
    let description: String
}

/// Chooses instruments and prices for desk actions on one simulated venue as it stands at `time`.
struct DeskResolver {
    let venue: SimulatedVenue
    let time: UnixNanos

    var underlying: Underlying { venue.market.configuration.underlying }
    var settlement: Settlement { venue.configuration.settlement }

    func spec(_ choice: InstrumentChoice) throws(ResolutionError) -> InstrumentSpec {
        let instrument: Instrument
        switch choice {
        case .exact(let exact): instrument = exact
        case .perpetual: instrument = .perpetual(underlying, settlement: settlement)
        case .future(let days):
            let expiry = try nearestExpiry(days: days, kind: .future)
            instrument = .future(underlying, expiry: expiry, settlement: settlement)
        case .option(let days, let strike, let right):
            instrument = try option(expiry: try nearestExpiry(days: days, kind: .option), strike: strike, right: right)
        }
        guard let spec = venue.spec(for: instrument), spec.listingState.isTradable,
            instrument.expiry.map({ $0 > time }) ?? true
        else {
            throw ResolutionError(description: "\(instrument) is not listed on \(venue.configuration.venue)")
        }
        return spec
    }

    /// The listed expiry of `kind` nearest `days` from now (the later one on a tie).
    func nearestExpiry(days: Int, kind: InstrumentKind) throws(ResolutionError) -> UnixNanos {
        let target = time + Int64(days) * UnixNanos.nanosecondsPerDay
        var best: UnixNanos?
        for spec in venue.listedInstruments where spec.instrument.kind == kind {
            guard let expiry = spec.instrument.expiry, expiry > time else { continue }
            guard let current = best else {
                best = expiry
                continue
            }
            let distance = abs(expiry - target)
            let bestDistance = abs(current - target)
            if distance < bestDistance || (distance == bestDistance && expiry > current) { best = expiry }
        }
        guard let best else {
            throw ResolutionError(description: "no \(kind.rawValue) expiry is listed on \(venue.configuration.venue)")
        }
        return best
    }

    /// The option at `strike` on `expiry`: counted from the listed strike nearest the expiry's forward, or exact.
    func option(expiry: UnixNanos, strike: StrikeChoice, right: OptionRight) throws(ResolutionError) -> Instrument {
        switch strike {
        case .exact(let price):
            return .option(underlying, expiry: expiry, strike: price, right: right, settlement: settlement)
        case .fromMoney(let offset):
            var strikes: [Price] = []
            for spec in venue.listedInstruments {
                guard case .option(let terms) = spec.instrument.terms, terms.expiry == expiry, terms.right == right
                else { continue }
                strikes.append(terms.strike)
            }
            strikes.sort()
            let forward = venue.market.state.forward(expiry: expiry)
            guard
                let money = strikes.indices.min(by: {
                    abs(strikes[$0].doubleValue - forward) < abs(strikes[$1].doubleValue - forward)
                }), strikes.indices.contains(money + offset)
            else {
                throw ResolutionError(
                    description:
                        "no strike \(offset) from the money among \(strikes.count) listed on \(CivilDate(unixNanos: expiry))"
                )
            }
            return .option(
                underlying,
                expiry: expiry,
                strike: strikes[money + offset],
                right: right,
                settlement: settlement
            )
        }
    }

    /// The limit price of `choice` for a `side` order in `spec`, on the instrument's tick grid.
    func price(_ choice: PriceChoice, _ spec: InstrumentSpec, side: OrderSide) throws(ResolutionError) -> Price {
        let ticks: Int
        let anchor: BookSide
        switch choice {
        case .exact(let price): return price
        case .take(let extra):
            ticks = extra
            anchor = side == .buy ? .ask : .bid
        case .join(let back):
            ticks = -back
            anchor = side == .buy ? .bid : .ask
        }
        guard let level = venue.bestLevel(spec.instrument, side: anchor) else {
            throw ResolutionError(description: "the \(anchor.rawValue) of \(spec.symbol) is empty")
        }
        // Positive ticks make the price more aggressive for the order's side: up for a buy, down for a sell.
        let direction = side == .buy ? 1 : -1
        var price = level.price
        for _ in 0..<abs(ticks) {
            let tick = spec.tickSize.tick(at: price)
            price = ticks * direction > 0 ? price + Price(tick) : price - Price(tick)
        }
        let minimum = Price(spec.tickSize.base)
        if spec.instrument.kind == .option && price < minimum { price = minimum }
        guard let rounded = try? spec.tickSize.round(price, side == .buy ? .down : .up) else {
            throw ResolutionError(description: "price \(price) of \(spec.symbol) is off the tick grid")
        }
        return rounded
    }
}
