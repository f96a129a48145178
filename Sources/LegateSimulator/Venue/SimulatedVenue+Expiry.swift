import LegateCore
import LegateModel

extension SimulatedVenue {
    /// Settles and delists everything expiring at or before `time`: resting orders expire, positions pay out at the
    /// index of the expiry instant, and combos that hold an expiring leg leave with it.
    mutating func settleExpiries(at time: UnixNanos) {
        let settlementPrice = market.indexPrice
        var next: UnixNanos?
        for index in listings.indices where listings[index].isActive {
            guard let expiry = listings[index].expiry else { continue }
            guard expiry <= time else {
                next = min(next ?? expiry, expiry)
                continue
            }
            expireOrders(index, at: time)
            if listings[index].kind != .combo {
                settlePositions(index, price: settlementPrice, at: time)
            }
            listings[index].isActive = false
            let spec = listings[index].spec
            listings[index].spec = InstrumentSpec(
                instrument: spec.instrument,
                venue: spec.venue,
                symbol: spec.symbol,
                contractMultiplier: spec.contractMultiplier,
                contractUnit: spec.contractUnit,
                quoteCurrency: spec.quoteCurrency,
                tickSize: spec.tickSize,
                lotSize: spec.lotSize,
                minimumSize: spec.minimumSize,
                minimumNotional: spec.minimumNotional,
                listingState: .expired,
                effectiveFrom: time
            )
            listings[index].book = OrderBook()
            slices[expiry] = nil
            emitPublic(.delisted(listings[index].spec), at: time)
        }
        nextExpiry = next
    }

    private mutating func expireOrders(_ index: Int, at time: UnixNanos) {
        for slot in orders.indices where orders[slot].listing == index && orders[slot].isResting {
            close(slot)
            emitPrivate(.report(.expired(orderID: orders[slot].orderID)), at: time, latency: privateLatency)
        }
    }

    /// Pays every account holding the listing and clears the position.
    private mutating func settlePositions(_ index: Int, price: Price, at time: UnixNanos) {
        for account in accounts.indices {
            guard let slot = accounts[account].positionIndex[index] else { continue }
            let position = accounts[account].positions[slot]
            guard position.quantity != 0 else { continue }
            let payout = settlementPayout(index, position: position, price: price)
            accounts[account].cash += payout
            accounts[account].positions[slot].quantity = 0
            accounts[account].positions[slot].cost = .zero
            let report = SettlementReport(
                venue: configuration.venue,
                account: accounts[account].configuration.id,
                instrument: listings[index].instrument,
                quantity: listings[index].canonical(position.quantity),
                settlementPrice: price,
                payout: Money(payout, configuration.settlementCurrency),
                at: time
            )
            emitPrivate(.settled(report), at: time, latency: privateLatency)
        }
    }

    /// The cash a position receives at expiry, rounded to the cash scale half to even.
    ///
    /// Inverse option: `size × multiplier × max(±(S − K), 0) / S` coin; linear: the intrinsic value itself. Inverse
    /// future: the cost basis `Σ notional/price` less `notional/S`; linear: `notional × S` less the cost basis.
    func settlementPayout(_ index: Int, position: PositionState, price: Price) -> FixedDecimal {
        let listing = listings[index]
        let rules = productRules(listing.kind)
        let amount = FeeSchedule.exact(listing.sizes.quantity(position.quantity).decimal, rules.contractMultiplier)
        let settlement = price.decimal
        let raw: FixedDecimal
        switch listing.instrument.terms {
        case .option(let terms):
            let difference =
                terms.right == .call ? settlement - terms.strike.decimal : terms.strike.decimal - settlement
            let intrinsic = max(difference, .zero)
            let perUnit = configuration.isInverse ? FeeSchedule.divide(intrinsic, by: settlement) : intrinsic
            raw = FeeSchedule.exact(amount, perUnit)
        case .future:
            raw =
                configuration.isInverse
                ? position.cost - FeeSchedule.divide(amount, by: settlement)
                : FeeSchedule.exact(amount, settlement) - position.cost
        case .spot, .perpetual, .combo:
            raw = .zero
        }
        do {
            return try raw.rounded(toScale: configuration.cashScale, .toNearestOrEven)
        } catch {
            preconditionFailure("settlement cash \(raw) cannot be rounded: \(error)")
        }
    }
}
