public import LegateCore
public import LegateModel
import LegateSymbology
public import LegateVenues

// MARK: - European options into the model

extension BinanceTranslator {
    /// Contracts into Legate's size (units of the underlying), exactly.
    static func coins(_ contracts: BinanceNumber, multiplier: FixedDecimal) throws(BinanceParseError) -> Quantity {
        do {
            return Quantity(try contracts.value.multipliedExactly(by: multiplier))
        } catch {
            throw .inconsistent(what: "size \(contracts) × \(multiplier)", reason: error.description)
        }
    }

    /// One order of an options `ORDER_TRADE_UPDATE`: its state, then a fill per `fi` trade. Orders without our client
    /// id (placed elsewhere) report nothing.
    public static func optionReports(
        _ order: BinanceOptionOrderUpdateWire.Order,
        multiplier: FixedDecimal = 1
    ) throws(BinanceParseError) -> [VenueReport] {
        guard let orderID = try orderID(order.clientOrderID) else { return [] }
        let place = "option order \(order.orderID) (\(orderID))"
        guard let venueOrderID = try? VenueOrderID(order.orderID) else {
            throw .inconsistent(what: place, reason: "order id \"\(order.orderID)\"")
        }
        var reports = [try optionState(order.status, orderID: orderID, venueOrderID: venueOrderID, in: place)]
        let quote = try asset("USDT", of: place)
        for fill in order.fills ?? [] {
            let liquidity: Liquidity? =
                switch fill.liquidity {
                case "MAKER": .maker
                case "TAKER": .taker
                default: nil
                }
            reports.append(
                .fill(
                    VenueFill(
                        venue: .binance,
                        tradeID: fill.tradeID,
                        orderID: orderID,
                        quantity: try coins(fill.quantity, multiplier: multiplier),
                        price: fill.price.price,
                        fee: fill.fee.map { Money($0.value, quote) },
                        liquidity: liquidity
                    )
                )
            )
        }
        return reports
    }

    /// An options REST order answer (place, cancel) as the report its status says.
    public static func optionReports(_ wire: BinanceOptionOrderWire) throws(BinanceParseError) -> [VenueReport] {
        guard let orderID = try orderID(wire.clientOrderId) else { return [] }
        let place = "option order \(wire.orderId) (\(orderID))"
        return [try optionState(wire.status, orderID: orderID, venueOrderID: venueOrderID(wire.orderId), in: place)]
    }

    static func optionState(
        _ status: String,
        orderID: OrderID,
        venueOrderID: VenueOrderID,
        in place: String
    ) throws(BinanceParseError) -> VenueReport {
        switch status {
        case "ACCEPTED", "NEW", "PARTIALLY_FILLED", "FILLED":
            return .acknowledged(orderID: orderID, venueOrderID: venueOrderID)
        case "CANCELLED", "CANCELED": return .cancelled(orderID: orderID, reason: "canceled")
        case "REJECTED": return .rejected(orderID: orderID, reason: "rejected by binance")
        case "EXPIRED": return .expired(orderID: orderID)
        default: throw .unknownValue(field: "status", value: status, in: place)
        }
    }

    /// An open options order, its sizes in units of the underlying.
    public static func optionOpenOrder(
        _ wire: BinanceOptionOrderWire,
        multiplier: FixedDecimal = 1
    ) throws(BinanceParseError) -> VenueOpenOrder {
        VenueOpenOrder(
            venue: .binance,
            orderID: try orderID(wire.clientOrderId),
            venueOrderID: venueOrderID(wire.orderId),
            instrument: try instrument(wire.symbol, market: .option),
            side: try side(wire.side, in: "option order \(wire.orderId)"),
            quantity: try coins(wire.quantity, multiplier: multiplier),
            filledQuantity: try coins(wire.executedQty, multiplier: multiplier),
            price: wire.price.value.isZero ? nil : wire.price.price
        )
    }

    public static func optionPosition(
        _ wire: BinanceOptionPositionWire,
        multiplier: FixedDecimal = 1
    ) throws(BinanceParseError) -> VenuePosition {
        VenuePosition(
            venue: .binance,
            instrument: try instrument(wire.symbol, market: .option),
            quantity: try coins(wire.quantity, multiplier: multiplier),
            averagePrice: wire.entryPrice.value.isZero ? nil : wire.entryPrice.price
        )
    }

    public static func optionBalances(
        _ wire: BinanceOptionMarginAccountWire
    ) throws(BinanceParseError) -> [VenueBalance] {
        var balances: [VenueBalance] = []
        for item in wire.asset {
            let currency = try asset(item.asset, of: "options margin account")
            balances.append(
                VenueBalance(
                    venue: .binance,
                    currency: currency,
                    equity: Money(item.equity.value, currency),
                    available: Money(item.available.value, currency),
                    initialMargin: item.initialMargin.map { Money($0.value, currency) },
                    maintenanceMargin: item.maintMargin.map { Money($0.value, currency) }
                )
            )
        }
        return balances
    }

    /// A mark-price item as a ticker with the venue's IVs (fractions already) and Greeks; `-1` IVs are absent.
    public static func optionTicker(_ wire: BinanceOptionMarkWire) throws(BinanceParseError) -> Ticker {
        func level(_ price: BinanceNumber?, _ quantity: BinanceNumber?) -> BookLevel? {
            guard let price, let quantity, price.value.isPositive, quantity.value.isPositive else { return nil }
            return BookLevel(price: price.price, quantity: quantity.quantity)
        }
        func volatility(_ value: BinanceNumber?) -> FixedDecimal? {
            guard let value, !value.value.isNegative else { return nil }
            return value.value
        }
        var greeks: VenueGreeks?
        if let delta = wire.delta, let gamma = wire.gamma, let vega = wire.vega, let theta = wire.theta {
            greeks = VenueGreeks(delta: delta.value, gamma: gamma.value, vega: vega.value, theta: theta.value, rho: nil)
        }
        return Ticker(
            venue: .binance,
            instrument: try instrument(wire.symbol, market: .option),
            markPrice: wire.markPrice.price,
            indexPrice: wire.indexPrice?.price,
            markImpliedVolatility: volatility(wire.markIV),
            bestBid: level(wire.bestBidPrice, wire.bestBidQuantity),
            bestAsk: level(wire.bestAskPrice, wire.bestAskQuantity),
            bidImpliedVolatility: volatility(wire.bidIV),
            askImpliedVolatility: volatility(wire.askIV),
            greeks: greeks,
            at: try instant(millis: wire.eventTime, of: "mark of \(wire.symbol)")
        )
    }

    /// A partial-depth message as a whole-book snapshot; its sequence is `u` (with `pu`) when sent, else the time.
    public static func optionBook(_ wire: BinanceOptionDepthWire) throws(BinanceParseError) -> BookUpdate {
        let id = wire.updateID ?? wire.transactionTime ?? wire.eventTime
        return BookUpdate(
            venue: .binance,
            instrument: try instrument(wire.symbol, market: .option),
            kind: .snapshot,
            bids: levels(wire.bids),
            asks: levels(wire.asks),
            sequence: BookSequence(first: id, last: id, previous: wire.previousUpdateID),
            at: try instant(millis: wire.transactionTime ?? wire.eventTime, of: "depth of \(wire.symbol)")
        )
    }
}
