public import LegateCore
public import LegateModel
public import LegateSymbology
public import LegateVenues

// MARK: - REST order answers and trades

extension BinanceTranslator {
    /// What a REST order answer (place, query, cancel) says about our order, and the fills of a spot `FULL` answer.
    /// A cancel answer names the cancelled order in `origClientOrderId`.
    public static func reports(
        order wire: BinanceOrderWire,
        market: Market,
        quotes: QuoteAssetTable? = nil
    ) throws(BinanceParseError) -> [VenueReport] {
        let place = "order \(wire.orderId) (\(wire.clientOrderId))"
        guard let orderID = try orderID(nonEmpty(wire.origClientOrderId) ?? wire.clientOrderId) else { return [] }
        var reports: [VenueReport]
        switch wire.status {
        case "NEW", "PARTIALLY_FILLED", "FILLED":
            reports = [.acknowledged(orderID: orderID, venueOrderID: venueOrderID(wire.orderId))]
        case "CANCELED": reports = [.cancelled(orderID: orderID, reason: "canceled")]
        case "REJECTED": reports = [.rejected(orderID: orderID, reason: "rejected by binance")]
        case "EXPIRED", "EXPIRED_IN_MATCH": reports = [.expired(orderID: orderID)]
        case "PENDING_CANCEL", "PENDING_NEW": reports = []
        default: throw .unknownValue(field: "status", value: wire.status, in: place)
        }
        for execution in try executions(placed: wire, market: market, quotes: quotes) {
            reports.append(execution.report)
        }
        return reports
    }

    /// The trades a spot order made at once (`newOrderRespType=FULL`).
    public static func executions(
        placed wire: BinanceOrderWire,
        market: Market,
        quotes: QuoteAssetTable? = nil
    ) throws(BinanceParseError) -> [BinanceExecution] {
        guard let fills = wire.fills, !fills.isEmpty else { return [] }
        let place = "order \(wire.orderId) (\(wire.clientOrderId))"
        let instrument = try instrument(wire.symbol, market: market, quotes: quotes)
        let side = try side(wire.side, in: place)
        let orderID = try orderID(wire.clientOrderId)
        var executions: [BinanceExecution] = []
        for fill in fills {
            let facts = BinanceFillFacts(
                origin: .order,
                instrument: instrument,
                side: side,
                orderID: orderID,
                venueOrderID: wire.orderId,
                tradeID: fill.tradeId,
                quantity: fill.qty,
                price: fill.price,
                commission: fill.commission,
                commissionAsset: fill.commissionAsset,
                millis: wire.transactTime ?? wire.updateTime ?? wire.time ?? 0
            )
            if let execution = try execution(facts, in: place) { executions.append(execution) }
        }
        return executions
    }

    /// The orders a spot cancel-all answer cancelled, an order list's members included.
    public static func reports(
        cancelled items: [BinanceCancelledItemWire],
        market: Market
    ) throws(BinanceParseError) -> [VenueReport] {
        var reports: [VenueReport] = []
        for item in items {
            switch item {
            case .order(let order): reports += try self.reports(order: order, market: market)
            case .orderList(let list):
                for order in list.orderReports { reports += try self.reports(order: order, market: market) }
            }
        }
        return reports
    }

    /// An open order, for reconciliation; a stop-market or trailing order has no price.
    public static func openOrder(
        _ wire: BinanceOrderWire,
        market: Market,
        quotes: QuoteAssetTable? = nil
    ) throws(BinanceParseError) -> VenueOpenOrder {
        VenueOpenOrder(
            venue: .binance,
            orderID: try orderID(wire.clientOrderId),
            venueOrderID: venueOrderID(wire.orderId),
            instrument: try instrument(wire.symbol, market: market, quotes: quotes),
            side: try side(wire.side, in: "order \(wire.orderId)"),
            quantity: wire.origQty.quantity,
            filledQuantity: wire.executedQty.quantity,
            price: wire.price.value.isZero ? nil : wire.price.price
        )
    }

    /// An open conditional (algo) order of USD-M: its venue id is the algo id.
    public static func openOrder(_ wire: BinanceAlgoOrderWire) throws(BinanceParseError) -> VenueOpenOrder {
        VenueOpenOrder(
            venue: .binance,
            orderID: try orderID(wire.clientAlgoId),
            venueOrderID: venueOrderID(wire.algoId),
            instrument: try instrument(wire.symbol, market: .linear),
            side: try side(wire.side, in: "algo order \(wire.algoId)"),
            quantity: wire.quantity.quantity,
            filledQuantity: .zero,
            price: wire.price.flatMap { $0.value.isZero ? nil : $0.price }
        )
    }

    /// One of our trades from `myTrades` (spot) or `userTrades` (futures). These name Binance's order id only, so
    /// the fill carries no order id of ours: match it by the venue order id.
    public static func execution(
        trade wire: BinanceAccountTradeWire,
        market: Market,
        quotes: QuoteAssetTable? = nil
    ) throws(BinanceParseError) -> BinanceExecution? {
        let place = "trade \(wire.id) of order \(wire.orderId)"
        let side: OrderSide
        if let text = wire.side {
            side = try self.side(text, in: place)
        } else if let isBuyer = wire.isBuyer ?? wire.buyer {
            side = isBuyer ? .buy : .sell
        } else {
            throw .missingField(field: "side or isBuyer", in: place)
        }
        let facts = BinanceFillFacts(
            origin: .order,
            instrument: try instrument(wire.symbol, market: market, quotes: quotes),
            side: side,
            venueOrderID: wire.orderId,
            tradeID: wire.id,
            quantity: wire.qty,
            price: wire.price,
            commission: wire.commission,
            commissionAsset: wire.commissionAsset,
            isMaker: wire.isMaker ?? wire.maker,
            realizedProfit: wire.realizedPnl,
            millis: wire.time
        )
        return try execution(facts, in: place)
    }
}

/// A Binance error code Legate acts on.
public enum BinanceErrorCode: Int, Hashable, Sendable, CaseIterable {
    case unknown = -1000
    case disconnected = -1001
    case tooManyRequests = -1003
    case filterFailure = -1013
    case invalidTimestamp = -1021
    case invalidSignature = -1022
    case mandatoryParameterMissing = -1102
    case badPrecision = -1111
    case newOrderRejected = -2010
    case cancelRejected = -2011
    case noSuchOrder = -2013
    case invalidAPIKey = -2015
    case marginInsufficient = -2019
    case notionalTooSmall = -4164
    case postOnlyWouldTake = -5022

    /// A failure of the session (keys, clock, limits, the venue) rather than an answer about the order.
    public var isSessionFailure: Bool {
        switch self {
        case .unknown, .disconnected, .tooManyRequests, .invalidTimestamp, .invalidSignature, .invalidAPIKey: true
        default: false
        }
    }
}

/// What a request about an order was, for reading its error.
public enum BinanceOrderAction: String, Hashable, Sendable, CaseIterable {
    case place
    case cancel
    case amend
}

extension BinanceTranslator {
    /// An error answer to a request about our order: a refusal of the order is a report (rejected, cancel rejected);
    /// a session failure is thrown.
    public static func reports(
        for action: BinanceOrderAction,
        orderID: OrderID,
        error: BinanceErrorResponse,
        at now: UnixNanos
    ) throws(VenueError) -> [VenueReport] {
        if BinanceErrorCode(rawValue: error.code)?.isSessionFailure ?? false {
            throw venueError(error, at: now)
        }
        let reason = "\(error.code) \(error.msg)"
        switch action {
        case .place: return [.rejected(orderID: orderID, reason: reason)]
        case .cancel: return [.cancelRejected(orderID: orderID, reason: reason)]
        case .amend: return [.amendRejected(orderID: orderID, reason: reason)]
        }
    }

    /// An error answer as an operating error; -1003 (HTTP 429) waits a minute, Binance's weight window.
    public static func venueError(_ error: BinanceErrorResponse, at now: UnixNanos) -> VenueError {
        switch BinanceErrorCode(rawValue: error.code) {
        case .tooManyRequests:
            return .rateLimited(venue: .binance, retryAt: now + 60 * UnixNanos.nanosecondsPerSecond, message: error.msg)
        case .invalidSignature, .invalidAPIKey:
            return .authenticationFailed(venue: .binance, reason: "\(error.code) \(error.msg)")
        default:
            return .venueError(venue: .binance, code: error.code, message: error.msg)
        }
    }
}
