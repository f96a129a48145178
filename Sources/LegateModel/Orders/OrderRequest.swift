public import LegateCore

/// What a trader (or the hedger, or the leg coordinator) asks for: one order on one venue account.
public struct OrderRequest: Hashable, Sendable, Codable {
    /// The client's id, unique per account; the idempotency key of the request.
    public let clientOrderID: ClientOrderID
    public let account: AccountID
    public let venue: Venue
    public let instrument: Instrument
    public let side: OrderSide
    public let quantity: Quantity
    public let kind: OrderKind
    public let timeInForce: TimeInForce
    public let flags: ExecutionFlags

    public init(
        clientOrderID: ClientOrderID,
        account: AccountID,
        venue: Venue,
        instrument: Instrument,
        side: OrderSide,
        quantity: Quantity,
        kind: OrderKind,
        timeInForce: TimeInForce = .goodTillCancelled,
        flags: ExecutionFlags = .none
    ) {
        self.clientOrderID = clientOrderID
        self.account = account
        self.venue = venue
        self.instrument = instrument
        self.side = side
        self.quantity = quantity
        self.kind = kind
        self.timeInForce = timeInForce
        self.flags = flags
    }

    /// The first rule of a well-formed order this request breaks, if any; checked before the risk gate.
    public func validate(at now: UnixNanos) -> OrderRequestProblem? {
        guard quantity.decimal.isPositive else { return .nonPositiveQuantity(quantity) }
        if case .goodTillDate(let expiry) = timeInForce, expiry <= now { return .expiryInPast(expiry) }
        if let instrumentExpiry = instrument.expiry, instrumentExpiry <= now {
            return .instrumentExpired(instrumentExpiry)
        }
        switch kind {
        case .limit(let limit):
            if limit.unit == .impliedVolatility {
                guard instrument.kind == .option else { return .volPriceOnNonOption }
                guard limit.value.isPositive else { return .nonPositiveVolatility(limit.value) }
            } else if !Self.mayPriceAtOrBelowZero(instrument), !limit.value.isPositive {
                return .nonPositivePrice(limit)
            }
            if flags.postOnly && timeInForce.isImmediate { return .postOnlyWithImmediateTimeInForce }
        case .market(let protection):
            if flags.postOnly { return .postOnlyMarketOrder }
            if !Self.mayPriceAtOrBelowZero(instrument), !protection.decimal.isPositive {
                return .nonPositiveProtection(protection)
            }
        }
        return nil
    }

    /// The first rule of a well-formed order this request would break with `quantity` and `kind` in place of its
    /// own: what an amend of a resting order is checked against. The time rules are left out (the order already
    /// rests; expiry ends it, not an amend).
    public func amendProblem(quantity: Quantity, kind: OrderKind) -> OrderRequestProblem? {
        let amended = OrderRequest(
            clientOrderID: clientOrderID,
            account: account,
            venue: venue,
            instrument: instrument,
            side: side,
            quantity: quantity,
            kind: kind,
            timeInForce: timeInForce,
            flags: flags
        )
        return amended.validate(at: UnixNanos(Int64.min))
    }

    /// Only a venue combo trades at a net price that may be zero or a credit; an option, a future, a perpetual or a
    /// spot pair at a price of zero or less is a typo (a sign or a unit), never an intent.
    static func mayPriceAtOrBelowZero(_ instrument: Instrument) -> Bool {
        instrument.kind == .combo
    }
}

/// Why a request is malformed, independent of risk and of the venue.
public enum OrderRequestProblem: Hashable, Sendable, Codable, CustomStringConvertible {
    case nonPositiveQuantity(Quantity)
    case expiryInPast(UnixNanos)
    case instrumentExpired(UnixNanos)
    case volPriceOnNonOption
    case nonPositiveVolatility(FixedDecimal)
    case postOnlyWithImmediateTimeInForce
    case postOnlyMarketOrder
    case nonPositivePrice(LimitPrice)
    case nonPositiveProtection(Price)

    public var description: String {
        switch self {
        case .nonPositiveQuantity(let quantity): "quantity \(quantity) must be positive"
        case .expiryInPast(let expiry): "good-till-date \(expiry) is not in the future"
        case .instrumentExpired(let expiry): "the instrument expired at \(expiry)"
        case .volPriceOnNonOption: "an implied-volatility price needs an option"
        case .nonPositiveVolatility(let vol): "implied volatility \(vol) must be positive"
        case .postOnlyWithImmediateTimeInForce: "post-only cannot be IOC or FOK"
        case .postOnlyMarketOrder: "a market order cannot be post-only"
        case .nonPositivePrice(let limit): "limit price \(limit) must be positive"
        case .nonPositiveProtection(let protection): "market protection price \(protection) must be positive"
        }
    }
}
