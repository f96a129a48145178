public import LegateCore
public import LegateModel
import LegatePricing

/// One account's market-maker protection on one underlying.
struct ProtectionKey: Hashable, Sendable {
    let account: Int
    let underlying: Underlying
}

/// What protection has counted in the current window, and whether it froze quoting.
struct ProtectionCounter: Hashable, Sendable {
    var protection: MarketMakerProtection
    /// The window opens at the first protected fill and runs `intervalNanos`; a fill after it opens a new one (the
    /// rule Deribit documents for its interval).
    var windowStart: UnixNanos?
    /// Σ |traded size|, in the venue's unit for `quantityLimit` (OKX: contracts; the others: coin).
    var quantity: FixedDecimal = .zero
    /// Net traded delta (coin) and vega (quote currency per vol point): buys add, sells subtract.
    var delta = 0.0
    var vega = 0.0
    var freeze: MarketMakerProtectionFreeze?

    init(protection: MarketMakerProtection) { self.protection = protection }

    mutating func restartWindow(at time: UnixNanos) {
        windowStart = time
        quantity = .zero
        delta = 0
        vega = 0
    }

    /// Past a limit: strictly more than it (venues trip when the traded amount exceeds the limit).
    var isBreached: Bool {
        if let limit = protection.quantityLimit, quantity > limit { return true }
        if let limit = protection.deltaLimit, abs(delta) > limit.doubleValue { return true }
        if let limit = protection.vegaLimit, abs(vega) > limit.doubleValue { return true }
        return false
    }

    /// Frozen at `time`: a timed freeze lapses at its end.
    mutating func isFrozen(at time: UnixNanos) -> Bool {
        if case .until(let end) = freeze, time >= end { freeze = nil }
        return freeze != nil
    }
}

/// A trip waiting for its sweep: matching finishes first, then the account's protected quotes are pulled.
struct ProtectionTrip: Hashable, Sendable {
    let key: ProtectionKey
    let time: UnixNanos
}

// MARK: - Market-maker protection

extension SimulatedVenue {
    /// Sets (or, with `.off`, removes) market-maker protection for an account's orders on one underlying, as the
    /// venue's MMP configuration does: from then on the account's resting limit orders there (the quotes the adapters
    /// flag) count their fills, and a breach within the window cancels them all and refuses new ones until the freeze
    /// ends or `resetMarketMakerProtection`. Limits are read in this venue's units (OKX `qtyLimit` in contracts, the
    /// others' quantity in coin; delta in coin, vega per vol point in the quote currency). Groups are not simulated.
    public mutating func setMarketMakerProtection(
        _ protection: MarketMakerProtection,
        account: AccountID,
        at time: UnixNanos
    ) -> [TimedOutput] {
        var outputs = advance(to: time)
        if let index = accountIndex[account] {
            let key = ProtectionKey(account: index, underlying: protection.underlying)
            protections[key] = protection.isOff ? nil : ProtectionCounter(protection: protection)
        }
        outputs += drainOutputs()
        return outputs
    }

    /// Ends a freeze and clears the window's counts (the venues' MMP reset).
    public mutating func resetMarketMakerProtection(
        underlying: Underlying,
        account: AccountID,
        at time: UnixNanos
    ) -> [TimedOutput] {
        var outputs = advance(to: time)
        if let index = accountIndex[account] {
            let key = ProtectionKey(account: index, underlying: underlying)
            protections[key]?.freeze = nil
            protections[key]?.restartWindow(at: time)
            protections[key]?.windowStart = nil
        }
        outputs += drainOutputs()
        return outputs
    }

    /// What the venue holds for the account's protection on `underlying` at its current time.
    public mutating func marketMakerProtectionState(
        underlying: Underlying,
        account: AccountID
    ) -> MarketMakerProtectionState {
        let key = accountIndex[account].map { ProtectionKey(account: $0, underlying: underlying) }
        let frozen = key.map { protections[$0]?.isFrozen(at: currentTime) ?? false } ?? false
        let counter = key.flatMap { protections[$0] }
        return MarketMakerProtectionState(
            venue: configuration.venue,
            underlying: underlying,
            protection: counter?.protection,
            freeze: frozen ? counter?.freeze : nil
        )
    }

    /// Whether an order from `account` is one protection counts: a resting limit order on a protected underlying.
    func isProtectedQuote(_ request: OrderRequest, account: Int) -> Bool {
        protections[ProtectionKey(account: account, underlying: request.instrument.underlying)] != nil
            && MarketMakerProtection.isRestingQuote(request)
    }

    /// The refusal of a protected quote while its protection is frozen, as the venues reject MMP orders then.
    mutating func protectionRefusal(_ request: OrderRequest, at time: UnixNanos) -> String? {
        guard let account = accountIndex[request.account], isProtectedQuote(request, account: account) else {
            return nil
        }
        let key = ProtectionKey(account: account, underlying: request.instrument.underlying)
        guard protections[key]?.isFrozen(at: time) == true else { return nil }
        return "market maker protection is frozen on \(request.instrument.underlying)"
    }

    /// Counts a fill of a protected order; a breach schedules the sweep.
    mutating func countProtectedFill(_ slot: Int, units: Int64, liquidity: Liquidity, at time: UnixNanos) {
        let order = orders[slot]
        let listing = listings[order.listing]
        let key = ProtectionKey(account: order.account, underlying: listing.instrument.underlying)
        // Bybit counts only maker executions ("Only maker order qty and delta will be counted").
        guard var counter = protections[key], counter.freeze == nil,
            configuration.venue != .bybit || liquidity == .maker
        else { return }
        if counter.windowStart.map({ time - $0 >= counter.protection.intervalNanos }) ?? true {
            counter.restartWindow(at: time)
        }
        let coin = listing.canonical(units)
        counter.quantity += configuration.venue == .okx ? listing.sizes.quantity(units).decimal : coin.decimal
        if let greeks = protectionGreeks(order.listing) {
            let signed = (order.side == .buy ? 1.0 : -1.0) * coin.decimal.doubleValue
            counter.delta += signed * greeks.delta
            counter.vega += signed * greeks.vega / 100
        }
        if counter.isBreached {
            let frozen = counter.protection.frozenNanos
            counter.freeze = frozen == 0 ? .untilReset : .until(time + frozen)
            counter.windowStart = nil
            trips.append(ProtectionTrip(key: key, time: time))
        }
        protections[key] = counter
    }

    /// Forward delta and vega of an option listing at its mark vol; nil for other kinds.
    mutating func protectionGreeks(_ index: Int) -> Greeks? {
        guard case .option(let terms) = listings[index].instrument.terms, let vol = markVolatility(index) else {
            return nil
        }
        let entry = sliceEntry(terms.expiry)
        return Black76.greeks(
            terms.right,
            forward: entry.forward,
            strike: terms.strike.doubleValue,
            expiryYears: entry.slice.timeToExpiry,
            rate: 0,
            vol: vol
        )
    }

    /// Pulls every protected quote of each tripped account and underlying, then tells the account MMP fired.
    mutating func sweepTrippedProtections() {
        guard !trips.isEmpty else { return }
        let due = trips
        trips.removeAll()
        for trip in due {
            for slot in accounts[trip.key.account].openOrders
            where orders[slot].isProtected
                && listings[orders[slot].listing].instrument.underlying == trip.key.underlying
            {
                close(slot)
                let reason = "cancelled by market maker protection"
                emitPrivate(
                    .report(.cancelled(orderID: orders[slot].orderID, reason: reason)),
                    at: trip.time,
                    latency: privateLatency
                )
                publishBookChanges(orders[slot].listing, at: trip.time)
            }
            let trigger = MarketMakerProtectionTrigger(
                venue: configuration.venue,
                underlying: trip.key.underlying,
                triggeredAt: trip.time,
                freeze: protections[trip.key]?.freeze ?? .unknown
            )
            let account = accounts[trip.key.account].configuration.id
            emitPrivate(
                .marketMakerProtectionTriggered(account: account, trigger),
                at: trip.time,
                latency: privateLatency
            )
        }
    }
}
