import LegateCore
import LegateModel

/// An order's terms for the margin check, in grid units.
struct MarginOrder: Hashable, Sendable {
    let listing: Int
    let side: OrderSide
    let price: Int64
    let quantity: Int64
}

extension SimulatedVenue {
    /// Refuses an order whose initial margin the account's free collateral cannot cover.
    ///
    /// A deliberately simple standard-margin check (``MarginConfiguration``): equity is collateral plus the
    /// positions at theoretical value; it must cover the initial margin of the positions, of the open orders and
    /// of the new order. Portfolio margin is the risk gate's business, not the simulated venue's.
    func checkMargin(
        account: Int,
        adding order: MarginOrder,
        excluding replaced: Int? = nil
    ) throws(OrderRejection) {
        let (equity, positionsMargin) = positionMargin(account)
        var required = positionsMargin
        for slot in accounts[account].openOrders where slot != replaced {
            let open = orders[slot]
            let price = listings[open.listing].prices.double(open.price)
            required += margin(open.listing, side: open.side, price: price, size: open.remaining, held: false)
        }
        let price = listings[order.listing].prices.double(order.price)
        let needed = margin(order.listing, side: order.side, price: price, size: order.quantity, held: false)
        let available = equity - required
        guard needed <= available else {
            let currency = configuration.settlementCurrency
            throw OrderRejection(
                reason: "10009 not_enough_funds: initial margin \(Self.figure(needed)) \(currency) needed, "
                    + "\(Self.figure(available)) \(currency) available"
            )
        }
    }

    /// The account's equity at theoretical values and the initial margin of its positions.
    func positionMargin(_ account: Int) -> (equity: Double, required: Double) {
        var equity = accounts[account].cash.doubleValue
        var required = 0.0
        let positions = accounts[account].positions
        for position in positions where position.quantity != 0 {
            equity += positionValue(position)
            let side: OrderSide = position.quantity > 0 ? .buy : .sell
            let mark = listings[position.listing].theo
            required += margin(position.listing, side: side, price: mark, size: abs(position.quantity), held: true)
        }
        return (equity, required)
    }

    /// Value of a position at theoretical value, in the settlement currency.
    func positionValue(_ position: PositionState) -> Double {
        let index = position.listing
        let amount = listings[index].sizes.double(position.quantity) * listings[index].multiplier
        let theo = listings[index].theo
        switch listings[index].kind {
        case .option, .combo:
            return amount * theo
        case .future, .perpetual, .spot:
            guard theo > 0 else { return 0 }
            return configuration.isInverse
                ? position.cost.doubleValue - amount / theo
                : amount * theo - position.cost.doubleValue
        }
    }

    /// Initial margin of `size` units on `side` at `price`: a bought option's premium (unless already held), a sold
    /// option's `max(base − OTM/index, minimum) + mark` per underlying unit, a future's rate on notional.
    func margin(_ index: Int, side: OrderSide, price: Double, size: Int64, held: Bool) -> Double {
        if listings[index].kind == .combo {
            return listings[index].legs.reduce(0.0) { total, leg in
                let legSide: OrderSide = (side == .buy) == (leg.ratio > 0) ? .buy : .sell
                let legPrice = listings[leg.listing].theo
                return total
                    + margin(leg.listing, side: legSide, price: legPrice, size: abs(leg.ratio) * size, held: held)
            }
        }
        let amount = listings[index].sizes.double(size) * listings[index].multiplier
        let theo = listings[index].theo
        let underlying = market.state.index
        let parameters = configuration.margin
        switch listings[index].spec.instrument.terms {
        case .option(let terms):
            if side == .buy { return held ? 0 : amount * price }
            let strike = terms.strike.doubleValue
            let outOfTheMoney = terms.right == .call ? max(strike - underlying, 0) : max(underlying - strike, 0)
            let rate = max(parameters.optionShortBase - outOfTheMoney / underlying, parameters.optionShortMinimum)
            let perUnit = configuration.isInverse ? rate + theo : rate * underlying + theo
            return amount * perUnit
        case .future, .perpetual, .spot, .combo:
            guard price > 0 else { return 0 }
            return parameters.futureRate * (configuration.isInverse ? amount / price : amount * price)
        }
    }

    /// A margin figure for a message, to 8 places.
    static func figure(_ value: Double) -> String {
        (try? FixedDecimal(value, scale: 8, rounding: .toNearestOrEven).description) ?? "\(value)"
    }
}
