public import LegateCore
public import LegateModel
public import LegateSymbology
public import LegateVenues

/// What one execution did: the fill for the engine, with what a fill alone does not say (the instrument, the side,
/// why it happened), so a fill the venue made on its own (ADL, liquidation, delivery) can still be booked.
public struct BybitExecution: Hashable, Sendable {
    /// Bybit's `execType`.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case trade = "Trade"
        case adl = "AdlTrade"
        case funding = "Funding"
        case bust = "BustTrade"
        case delivery = "Delivery"
        case settle = "Settle"
        case blockTrade = "BlockTrade"
        case movePosition = "MovePosition"
    }

    public let kind: Kind
    public let instrument: Instrument
    public let side: OrderSide
    public let venueOrderID: VenueOrderID
    public let fill: VenueFill
    /// The option trade's IV as a fraction (Bybit's `tradeIv`).
    public let tradeImpliedVolatility: FixedDecimal?
    public let at: UnixNanos

    /// The report for the engine: a fill, except for funding, which moves cash and no position.
    public var report: VenueReport? { kind == .funding ? nil : .fill(fill) }
}

/// What a request about an order was: the answer to each is read differently.
public enum BybitOrderAction: String, Hashable, Sendable, CaseIterable {
    case place = "order.create"
    case amend = "order.amend"
    case cancel = "order.cancel"
}

/// A Bybit `retCode` Legate acts on.
public enum BybitErrorCode: Int, Hashable, Sendable, CaseIterable {
    case parameterError = 10001
    case requestExpired = 10002
    case invalidAPIKey = 10003
    case signatureError = 10004
    case permissionDenied = 10005
    case tooManyVisits = 10006
    case serverError = 10016
    case orderNotExists = 110001
    case insufficientBalance = 110007

    /// A failure of the session (keys, clock, limits, the venue itself) rather than an answer about the order.
    public var isSessionFailure: Bool {
        switch self {
        case .requestExpired, .invalidAPIKey, .signatureError, .permissionDenied, .tooManyVisits, .serverError: true
        case .parameterError, .orderNotExists, .insufficientBalance: false
        }
    }
}

// MARK: - Orders and executions

extension BybitTranslator {
    /// One execution; `category` is needed for REST items (the list names it once), pushes name their own.
    public static func execution(
        _ wire: BybitExecutionWire,
        category listed: Market? = nil
    ) throws(BybitParseError) -> BybitExecution {
        let place = "execution \(wire.execId)"
        guard let categoryText = wire.category ?? listed?.rawValue else {
            throw .missingField(field: "category", in: place)
        }
        let category = try category(categoryText, in: place)
        let instrument = try instrument(wire.symbol, category: category)
        guard let kind = BybitExecution.Kind(rawValue: wire.execType ?? "Trade") else {
            throw .unknownValue(field: "execType", value: wire.execType ?? "", in: place)
        }
        let fill = VenueFill(
            venue: .bybit,
            tradeID: wire.execId,
            orderID: try orderID(wire.orderLinkId),
            quantity: wire.execQty.quantity,
            price: wire.execPrice.price,
            fee: try fee(wire, instrument: instrument, category: category),
            liquidity: wire.isMaker.map { $0 ? .maker : .taker }
        )
        return BybitExecution(
            kind: kind,
            instrument: instrument,
            side: try side(wire.side, in: place),
            venueOrderID: try venueOrderID(wire.orderId),
            fill: fill,
            tradeImpliedVolatility: nonZero(wire.tradeIv),
            at: try instant(millis: wire.execTime.value, of: place)
        )
    }

    /// The fee in `feeCurrency`, or for derivatives (whose pushes omit it) in the settle coin; a spot fee without a
    /// currency is left unknown rather than guessed (Bybit charges spot fees in either coin).
    static func fee(
        _ wire: BybitExecutionWire,
        instrument: Instrument,
        category: Market
    ) throws(BybitParseError) -> Money? {
        guard let amount = wire.execFee else { return nil }
        if let code = wire.feeCurrency, !code.isEmpty {
            return Money(amount.value, try asset(code, of: "feeCurrency of execution \(wire.execId)"))
        }
        return category == .spot ? nil : Money(amount.value, instrument.settlement.currency)
    }

    /// What an order's state says about our order. Fills come from executions, not from here.
    ///
    /// A `Rejected` order that had already filled in part is reported cancelled: the fills stand, only the rest of
    /// the order was refused.
    public static func reports(order wire: BybitOrderWire) throws(BybitParseError) -> [VenueReport] {
        guard let orderID = try orderID(wire.orderLinkId) else { return [] }
        let venueOrderID = try venueOrderID(wire.orderId)
        let filled = wire.cumExecQty?.value.isPositive ?? false
        switch wire.orderStatus {
        case "New", "PartiallyFilled", "Untriggered", "Triggered", "Filled":
            return [.acknowledged(orderID: orderID, venueOrderID: venueOrderID)]
        case "Cancelled", "PartiallyFilledCanceled", "Deactivated":
            return [.cancelled(orderID: orderID, reason: nonEmpty(wire.cancelType) ?? wire.orderStatus)]
        case "Rejected":
            let reason = nonEmpty(wire.rejectReason) ?? "rejected by bybit"
            if filled { return [.cancelled(orderID: orderID, reason: "rejected after a partial fill: \(reason)")] }
            return [.rejected(orderID: orderID, reason: reason)]
        default:
            throw .unknownValue(field: "orderStatus", value: wire.orderStatus, in: "order \(wire.orderId)")
        }
    }

    /// An open order as the venue holds it, for reconciliation; a market order has no price.
    public static func openOrder(
        _ wire: BybitOrderWire,
        category listed: Market? = nil
    ) throws(BybitParseError) -> VenueOpenOrder {
        let place = "order \(wire.orderId)"
        guard let categoryText = wire.category ?? listed?.rawValue else {
            throw .missingField(field: "category", in: place)
        }
        return VenueOpenOrder(
            venue: .bybit,
            orderID: try orderID(wire.orderLinkId),
            venueOrderID: try venueOrderID(wire.orderId),
            instrument: try instrument(wire.symbol, category: try category(categoryText, in: place)),
            side: try side(wire.side, in: place),
            quantity: wire.qty.quantity,
            filledQuantity: wire.cumExecQty?.quantity ?? .zero,
            price: wire.price.flatMap { $0.value.isZero ? nil : $0.price }
        )
    }

    static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }
}

// MARK: - Answers to requests, errors

extension BybitTranslator {
    /// The answer to a trade-stream request (`order.create`, `order.amend`, `order.cancel`) about our order.
    ///
    /// A refusal about the order becomes a report (rejected, amend or cancel rejected); a failure of the session
    /// (keys, clock, rate limit) is thrown, since the order's fate is then unknown to the venue's answer.
    public static func reports(
        for action: BybitOrderAction,
        orderID: OrderID,
        answer: BybitOpResponse,
        at now: UnixNanos
    ) throws(VenueError) -> [VenueReport] {
        try reports(
            for: action,
            orderID: orderID,
            code: answer.retCode ?? (answer.isSuccess ? 0 : -1),
            message: answer.retMsg ?? "",
            ack: answer.data,
            at: now
        )
    }

    /// The answer to a REST request about our order (`/v5/order/create|amend|cancel`).
    public static func reports(
        for action: BybitOrderAction,
        orderID: OrderID,
        response: BybitResponse<BybitOrderAckWire>,
        at now: UnixNanos
    ) throws(VenueError) -> [VenueReport] {
        try reports(
            for: action,
            orderID: orderID,
            code: response.retCode,
            message: response.retMsg,
            ack: response.result,
            at: now
        )
    }

    static func reports(
        for action: BybitOrderAction,
        orderID: OrderID,
        code: Int,
        message: String,
        ack: BybitOrderAckWire?,
        at now: UnixNanos
    ) throws(VenueError) -> [VenueReport] {
        guard code == 0 else {
            if BybitErrorCode(rawValue: code)?.isSessionFailure ?? false {
                throw venueError(code: code, message: message, at: now)
            }
            let reason = "\(code) \(message)"
            switch action {
            case .place: return [.rejected(orderID: orderID, reason: reason)]
            case .amend: return [.amendRejected(orderID: orderID, reason: reason)]
            case .cancel: return [.cancelRejected(orderID: orderID, reason: reason)]
            }
        }
        switch action {
        case .place:
            guard let ack, let venueOrderID = try? VenueOrderID(ack.orderId) else {
                throw .malformedMessage(venue: .bybit, what: "order.create answer", reason: "no orderId")
            }
            return [.acknowledged(orderID: orderID, venueOrderID: venueOrderID)]
        case .amend: return [.amended(orderID: orderID)]
        // The cancel itself is reported by the `order` topic.
        case .cancel: return []
        }
    }

    /// A `retCode` as an operating error; 10006 ("too many visits") waits a second (Bybit's windows are 1 s and 5 s).
    public static func venueError(code: Int, message: String, at now: UnixNanos) -> VenueError {
        switch BybitErrorCode(rawValue: code) {
        case .tooManyVisits:
            return .rateLimited(venue: .bybit, retryAt: now + UnixNanos.nanosecondsPerSecond, message: message)
        case .invalidAPIKey, .signatureError, .permissionDenied:
            return .authenticationFailed(venue: .bybit, reason: "\(code) \(message)")
        default:
            return .venueError(venue: .bybit, code: code, message: message)
        }
    }

    /// Whether an `auth` or `subscribe` answer failed, and how. Bybit's `subscribe` refusals carry no code: -1 stands
    /// for "none given".
    public static func sessionError(_ answer: BybitOpResponse, at now: UnixNanos) -> VenueError? {
        guard !answer.isSuccess else { return nil }
        let message = answer.retMsg ?? ""
        if answer.op == "auth" {
            return .authenticationFailed(venue: .bybit, reason: "\(answer.retCode ?? -1) \(message)")
        }
        guard let code = answer.retCode else {
            return .venueError(venue: .bybit, code: -1, message: "\(answer.op) refused: \(message)")
        }
        return venueError(code: code, message: message, at: now)
    }
}
