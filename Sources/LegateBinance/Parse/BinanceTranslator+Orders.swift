public import LegateCore
public import LegateModel
public import LegateSymbology
import LegateVenues

/// One fill with what a `VenueFill` alone does not say (the instrument, the side, why it happened), so a fill the
/// venue made on its own (liquidation, ADL, settlement, delivery) can be booked although it is no order of ours.
public struct BinanceExecution: Hashable, Sendable {
    /// Who made the order that filled: us, or Binance closing a position.
    public enum Origin: String, Hashable, Sendable, CaseIterable {
        case order
        case liquidation
        case adl
        case insurance
        case settlement
        case delivery
    }

    public let origin: Origin
    public let instrument: Instrument
    public let side: OrderSide
    public let venueOrderID: VenueOrderID
    public let fill: VenueFill
    /// Futures: the profit the fill realised, in the margin asset.
    public let realizedProfit: Money?
    public let at: UnixNanos

    public var report: VenueReport { .fill(fill) }
}

/// What one order event says: the reports for the engine (the order's state and the fill, in that order) and the
/// fill's detail.
public struct BinanceOrderUpdate: Hashable, Sendable {
    public let reports: [VenueReport]
    public let execution: BinanceExecution?
}

/// The facts of one fill, however the message spells them.
struct BinanceFillFacts {
    var origin: BinanceExecution.Origin
    var instrument: Instrument
    var side: OrderSide
    var orderID: OrderID?
    var venueOrderID: Int64
    var tradeID: Int64
    var quantity: BinanceNumber
    var price: BinanceNumber
    var commission: BinanceNumber?
    var commissionAsset: String?
    var isMaker: Bool?
    var realizedProfit: BinanceNumber?
    var millis: Int64
}

// MARK: - Order events

extension BinanceTranslator {
    /// Who made an order: Binance names its own by client id (`autoclose-` liquidation, `adl_autoclose`,
    /// `settlement_autoclose-`, `delivery_autoclose-`) and by status (`NEW_INSURANCE`, `NEW_ADL`); `CALCULATED`
    /// executions are always the venue's.
    static func origin(clientOrderID: String, status: String, executionType: String) -> BinanceExecution.Origin {
        if status == "NEW_INSURANCE" { return .insurance }
        if status == "NEW_ADL" || clientOrderID.hasPrefix("adl_autoclose") { return .adl }
        if clientOrderID.hasPrefix("settlement_autoclose") { return .settlement }
        if clientOrderID.hasPrefix("delivery_autoclose") { return .delivery }
        if clientOrderID.hasPrefix("autoclose") || executionType == "CALCULATED" { return .liquidation }
        return .order
    }

    /// A futures `ORDER_TRADE_UPDATE` from the `market` it came from (`.linear` USD-M, `.inverse` COIN-M).
    ///
    /// Our orders get a state report (acknowledged, cancelled, expired, amended); every fill (ours or the venue's)
    /// gets a fill report and its execution. A `CALCULATED` event with nothing filled yet reports nothing.
    public static func orderUpdate(
        _ wire: BinanceOrderTradeUpdateWire,
        market: Market
    ) throws(BinanceParseError) -> BinanceOrderUpdate {
        let order = wire.order
        let place = "order \(order.orderID) (\(order.clientOrderID))"
        let origin = origin(
            clientOrderID: order.clientOrderID,
            status: order.status,
            executionType: order.executionType
        )
        let orderID = origin == .order ? try orderID(order.clientOrderID) : nil
        var reports: [VenueReport] = []
        switch order.executionType {
        case "NEW":
            if let orderID {
                reports.append(.acknowledged(orderID: orderID, venueOrderID: venueOrderID(order.orderID)))
            }
        case "CANCELED": if let orderID { reports.append(.cancelled(orderID: orderID, reason: "canceled")) }
        case "EXPIRED": if let orderID { reports.append(.expired(orderID: orderID)) }
        case "AMENDMENT": if let orderID { reports.append(.amended(orderID: orderID)) }
        case "TRADE", "CALCULATED": break
        default: throw .unknownValue(field: "x", value: order.executionType, in: place)
        }
        let facts = BinanceFillFacts(
            origin: origin,
            instrument: try instrument(order.symbol, market: market),
            side: try side(order.side, in: place),
            orderID: orderID,
            venueOrderID: order.orderID,
            tradeID: order.tradeID,
            quantity: order.lastFilledQuantity,
            price: order.lastFilledPrice,
            commission: order.commission,
            commissionAsset: order.commissionAsset,
            isMaker: order.isMaker,
            realizedProfit: order.realizedProfit,
            millis: order.tradeTime
        )
        let execution = try execution(facts, in: place)
        if let execution { reports.append(execution.report) }
        return BinanceOrderUpdate(reports: reports, execution: execution)
    }

    /// A fill, or nil when nothing was filled. A fill without a price is refused: booking it at zero would be
    /// wrong and guessing a price worse; the trade must come from `myTrades`/`userTrades` instead.
    static func execution(_ facts: BinanceFillFacts, in place: String) throws(BinanceParseError) -> BinanceExecution? {
        guard facts.quantity.value.isPositive else { return nil }
        guard facts.price.value.isPositive else {
            throw .inconsistent(what: place, reason: "fill of \(facts.quantity) in trade \(facts.tradeID) has price 0")
        }
        let fee: Money?
        if let commission = facts.commission, let code = facts.commissionAsset, !code.isEmpty {
            fee = Money(commission.value, try asset(code, of: "commission asset of \(place)"))
        } else {
            fee = nil
        }
        let fill = VenueFill(
            venue: .binance,
            tradeID: String(facts.tradeID),
            orderID: facts.orderID,
            quantity: facts.quantity.quantity,
            price: facts.price.price,
            fee: fee,
            liquidity: facts.isMaker.map { $0 ? .maker : .taker }
        )
        return BinanceExecution(
            origin: facts.origin,
            instrument: facts.instrument,
            side: facts.side,
            venueOrderID: venueOrderID(facts.venueOrderID),
            fill: fill,
            realizedProfit: facts.realizedProfit.map { Money($0.value, facts.instrument.settlement.currency) },
            at: try instant(millis: facts.millis, of: place)
        )
    }

    /// A `TRADE_LITE` event: the fill ahead of its `ORDER_TRADE_UPDATE` (fills are idempotent on the trade id).
    public static func execution(
        _ wire: BinanceTradeLiteWire,
        market: Market
    ) throws(BinanceParseError) -> BinanceExecution? {
        let place = "trade \(wire.tradeID) of order \(wire.orderID)"
        let facts = BinanceFillFacts(
            origin: origin(clientOrderID: wire.clientOrderID, status: "", executionType: "TRADE"),
            instrument: try instrument(wire.symbol, market: market),
            side: try side(wire.side, in: place),
            orderID: try orderID(wire.clientOrderID),
            venueOrderID: wire.orderID,
            tradeID: wire.tradeID,
            quantity: wire.lastFilledQuantity,
            price: wire.lastFilledPrice,
            isMaker: wire.isMaker,
            millis: wire.transactionTime
        )
        return try execution(facts, in: place)
    }

    /// A spot `executionReport`. A cancel names the cancelled order in `C`; a `TRADE` event with nothing executed is
    /// read by its status; self-trade prevention expires the order; `PENDING_CANCEL` is not final and reports nothing.
    public static func orderUpdate(
        _ wire: BinanceExecutionReportWire,
        quotes: QuoteAssetTable? = nil
    ) throws(BinanceParseError) -> BinanceOrderUpdate {
        let place = "order \(wire.orderID) (\(wire.clientOrderID))"
        let clientID = nonEmpty(wire.originalClientOrderID) ?? wire.clientOrderID
        let origin: BinanceExecution.Origin = wire.executionType == "CALCULATED" ? .liquidation : .order
        let orderID = origin == .order ? try orderID(clientID) : nil
        let isFill = ["TRADE", "CALCULATED"].contains(wire.executionType) && wire.lastExecutedQuantity.value.isPositive
        var reports: [VenueReport] = []
        if let orderID {
            let venueID = venueOrderID(wire.orderID)
            let state = wire.executionType == "TRADE" && !isFill ? wire.status : wire.executionType
            switch state {
            case "NEW": reports.append(.acknowledged(orderID: orderID, venueOrderID: venueID))
            case "CANCELED" where wire.status != "PENDING_CANCEL":
                reports.append(
                    .cancelled(orderID: orderID, reason: wire.rejectReason == "NONE" ? "canceled" : wire.rejectReason)
                )
            case "REPLACED": reports.append(.amended(orderID: orderID))
            case "REJECTED": reports.append(.rejected(orderID: orderID, reason: wire.rejectReason))
            case "EXPIRED", "TRADE_PREVENTION": reports.append(.expired(orderID: orderID))
            case "CANCELED", "TRADE", "CALCULATED", "PARTIALLY_FILLED", "FILLED": break
            default: throw .unknownValue(field: "x", value: wire.executionType, in: place)
            }
        }
        guard isFill else { return BinanceOrderUpdate(reports: reports, execution: nil) }
        let facts = BinanceFillFacts(
            origin: origin,
            instrument: try instrument(wire.symbol, market: .spot, quotes: quotes),
            side: try side(wire.side, in: place),
            orderID: orderID,
            venueOrderID: wire.orderID,
            tradeID: wire.tradeID,
            quantity: wire.lastExecutedQuantity,
            price: wire.lastExecutedPrice,
            commission: wire.commission,
            commissionAsset: wire.commissionAsset,
            isMaker: wire.isMaker,
            millis: wire.transactionTime
        )
        let execution = try execution(facts, in: place)
        if let execution { reports.append(execution.report) }
        return BinanceOrderUpdate(reports: reports, execution: execution)
    }

    /// A futures `ALGO_UPDATE`: a conditional order's own life (once triggered, the order it placed reports itself).
    public static func reports(algo wire: BinanceAlgoUpdateWire) throws(BinanceParseError) -> [VenueReport] {
        let order = wire.order
        guard let orderID = try orderID(order.clientAlgoID) else { return [] }
        switch order.status {
        case "NEW": return [.acknowledged(orderID: orderID, venueOrderID: venueOrderID(order.algoID))]
        case "CANCELED": return [.cancelled(orderID: orderID, reason: "canceled")]
        case "REJECTED": return [.rejected(orderID: orderID, reason: nonEmpty(order.rejectReason) ?? "rejected")]
        case "EXPIRED": return [.expired(orderID: orderID)]
        case "TRIGGERING", "TRIGGERED", "FINISHED": return []
        default: throw .unknownValue(field: "X", value: order.status, in: "algo order \(order.algoID)")
        }
    }

    static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }
}
