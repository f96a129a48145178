import LegateCore
import LegateModel
import LegatePricing

/// An order that passed the venue's checks, in the venue's integer units.
struct AdmittedOrder: Hashable, Sendable {
    let account: Int
    let listing: Int
    let price: Int64
    let quantity: Int64
    let timeInForce: TimeInForce
}

/// Why the venue refused an order, in the venue's words where it has them.
struct OrderRejection: Error, Hashable, Sendable {
    let reason: String
}

extension SimulatedVenue {
    /// The venue's checks on a new order, in the order a venue applies them.
    mutating func admit(
        _ orderID: OrderID,
        _ request: OrderRequest,
        at time: UnixNanos
    ) -> Result<AdmittedOrder, OrderRejection> {
        do throws(OrderRejection) {
            guard request.venue == configuration.venue else {
                throw OrderRejection(reason: "order for \(request.venue) sent to simulated \(configuration.venue)")
            }
            guard orderIndex[orderID] == nil else { throw OrderRejection(reason: "duplicate order id \(orderID)") }
            guard let account = accountIndex[request.account] else {
                throw OrderRejection(reason: "13009 unauthorized: unknown account \(request.account)")
            }
            if let problem = request.validate(at: time) { throw OrderRejection(reason: problem.description) }
            let listing = try resolveListing(request.instrument, at: time)
            let quantity = try contractUnits(request.quantity, listing: listing)
            let price = try limitPrice(request.kind, side: request.side, listing: listing)
            try checkPostOnly(request, price: price, listing: listing)
            try checkReduceOnly(request, quantity: quantity, account: account, listing: listing)
            let order = MarginOrder(listing: listing, side: request.side, price: price, quantity: quantity)
            try checkMargin(account: account, adding: order)
            return .success(
                AdmittedOrder(
                    account: account,
                    listing: listing,
                    price: price,
                    quantity: quantity,
                    timeInForce: request.kind.isMarket ? .immediateOrCancel : request.timeInForce
                )
            )
        } catch {
            return .failure(error)
        }
    }

    /// A canonical order size in the listing's contracts (grid units); refused, never rounded, when it is not a
    /// whole number of lots.
    func contractUnits(_ size: Quantity, listing: Int) throws(OrderRejection) -> Int64 {
        do {
            return try listings[listing].units(ofOrder: size)
        } catch {
            throw OrderRejection(reason: "11050 bad_request: \(error)")
        }
    }

    /// The listing an order names; a combo of listed legs is created on its first order where the venue has combos.
    mutating func resolveListing(_ instrument: Instrument, at time: UnixNanos) throws(OrderRejection) -> Int {
        if let index = listingIndex[instrument] {
            guard listings[index].isActive else {
                throw OrderRejection(reason: "instrument expired: \(listings[index].spec.symbol)")
            }
            return index
        }
        guard case .combo(let combo) = instrument.terms else {
            throw OrderRejection(reason: "instrument not listed on \(configuration.venue): \(instrument)")
        }
        guard let rules = configuration.combo else {
            throw OrderRejection(reason: "\(configuration.venue) lists no combos on book")
        }
        guard combo.legs.count >= 2, combo.legs.count <= rules.maximumLegs else {
            throw OrderRejection(reason: "a combo needs 2…\(rules.maximumLegs) legs, not \(combo.legs.count)")
        }
        for leg in combo.legs {
            guard let index = listingIndex[leg.instrument], listings[index].isActive, listings[index].kind != .combo,
                leg.ratio != 0
            else { throw OrderRejection(reason: "combo leg not listed or zero ratio: \(leg.instrument)") }
            guard PriceGrid(rules.tickSize).scale == listings[index].prices.scale else {
                throw OrderRejection(reason: "combo prices and leg prices must share one decimal scale")
            }
        }
        guard combo.legs.contains(where: { abs($0.ratio) == 1 }) else {
            throw OrderRejection(reason: "a combo needs at least one leg of ratio ±1")
        }
        guard let index = list(instrument, kind: .combo, at: time) else {
            throw OrderRejection(reason: "combo expired: \(instrument)")
        }
        return index
    }

    /// The limit in grid units: on tick, positive (outside combos) and inside the price band; a market order's
    /// protection price is held to the band's edge.
    func limitPrice(_ kind: OrderKind, side: OrderSide, listing: Int) throws(OrderRejection) -> Int64 {
        let target = listings[listing]
        let units: Int64
        switch kind {
        case .limit(let limit):
            units = try quotePrice(limit, listing: listing)
        case .market(let protection):
            guard let protectionUnits = target.prices.units(of: protection), target.prices.isOnTick(protectionUnits)
            else { throw OrderRejection(reason: "11050 bad_request: protection price \(protection) is off tick") }
            units = protectionUnits
        }
        guard target.kind == .combo || units > 0 else {
            throw OrderRejection(reason: "11050 bad_request: price must be positive")
        }
        let (low, high) = priceBand(listing)
        if kind.isMarket {
            return side == .buy ? min(units, high) : max(units, low)
        }
        guard units >= low && units <= high else {
            let grid = target.prices
            throw OrderRejection(
                reason: "price \(grid.price(units)) outside the band \(grid.price(low))…\(grid.price(high))"
            )
        }
        return units
    }

    /// A limit in the instrument's quote currency; USD and implied-vol limits are converted once, at entry, to the
    /// nearest tick (venues re-price such orders as the market moves; the simulator does not).
    func quotePrice(_ limit: LimitPrice, listing: Int) throws(OrderRejection) -> Int64 {
        let target = listings[listing]
        switch limit.unit {
        case .quote:
            guard let units = target.prices.units(of: Price(limit.value)), target.prices.isOnTick(units) else {
                let tick = target.spec.tickSize.tick(at: Price(limit.value))
                throw OrderRejection(
                    reason: "11050 bad_request: price \(limit.value) is not a multiple of tick \(tick)"
                )
            }
            return units
        case .usd:
            guard target.kind == .option || target.kind == .combo, configuration.isInverse else {
                throw OrderRejection(reason: "USD prices apply to coin-settled options only")
            }
            return target.prices.nearest(limit.value.doubleValue / market.state.index)
        case .impliedVolatility:
            guard case .option(let terms) = target.instrument.terms else {
                throw OrderRejection(reason: "implied-vol prices apply to options only")
            }
            let forward = market.state.forward(expiry: terms.expiry)
            let years = max(market.state.time.years(until: terms.expiry), 1e-9)
            let vol = limit.value.doubleValue
            let strike = terms.strike.doubleValue
            let value =
                target.instrument.settlement.isInverse
                ? InverseOption.price(terms.right, forward: forward, strike: strike, expiryYears: years, vol: vol)
                : Black76.price(terms.right, forward: forward, strike: strike, expiryYears: years, rate: 0, vol: vol)
            return target.prices.nearest(value)
        }
    }

    /// The allowed limit range `mark ± max(fraction·mark, minimum width)`, on the grid.
    func priceBand(_ listing: Int) -> (low: Int64, high: Int64) {
        let target = listings[listing]
        let rules = productRules(target.kind)
        let mark = target.theo
        let width = max(abs(mark) * rules.priceBandFraction, rules.priceBandMinimumWidth)
        let grid = target.prices
        var low = grid.ceil(grid.unitsFloor(mark - width) + 1)
        if target.kind != .combo { low = max(low, grid.tick(at: 1)) }
        let high = grid.floor(grid.unitsFloor(mark + width))
        return (low, high)
    }

    func checkPostOnly(_ request: OrderRequest, price: Int64, listing: Int) throws(OrderRejection) {
        guard request.flags.postOnly, let crossing = crossingPrice(listing, side: request.side, limit: price) else {
            return
        }
        let grid = listings[listing].prices
        throw OrderRejection(reason: "post_only_reject: would cross the book at \(grid.price(crossing))")
    }

    /// The best opposite price a limit would trade against, if it crosses.
    func crossingPrice(_ listing: Int, side: OrderSide, limit: Int64) -> Int64? {
        let book = listings[listing].book
        if side == .buy, let ask = book.best(.ask), ask.price <= limit { return ask.price }
        if side == .sell, let bid = book.best(.bid), bid.price >= limit { return bid.price }
        if listings[listing].kind == .combo, let implied = impliedTop(listing, side: side),
            implied.price.crosses(limit, side)
        {
            return implied.price
        }
        return nil
    }

    func checkReduceOnly(
        _ request: OrderRequest,
        quantity: Int64,
        account: Int,
        listing: Int
    ) throws(OrderRejection) {
        guard request.flags.reduceOnly else { return }
        guard listings[listing].kind != .combo else {
            throw OrderRejection(reason: "reduce-only is not supported on combos")
        }
        let position = accounts[account].position(in: listing)
        let reduces = request.side == .buy ? position < 0 : position > 0
        guard reduces, quantity <= abs(position) else {
            let held = listings[listing].canonical(position)
            throw OrderRejection(reason: "reduce-only order would increase or flip the position (\(held))")
        }
    }
}

extension OrderKind {
    var isMarket: Bool {
        if case .market = self { return true }
        return false
    }
}

extension Int64 {
    /// Whether a maker price is acceptable to a taker's limit on `side`.
    func crosses(_ limit: Int64, _ side: OrderSide) -> Bool {
        side == .buy ? self <= limit : self >= limit
    }
}
