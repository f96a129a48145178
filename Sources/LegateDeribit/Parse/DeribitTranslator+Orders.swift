public import LegateCore
public import LegateModel
public import LegateVenues

// MARK: - Orders, errors, accounts

/// A Deribit JSON-RPC error code Legate acts on.
public enum DeribitErrorCode: Int, Hashable, Sendable, CaseIterable {
    case orderNotFound = 10004
    case notEnoughFunds = 10009
    case alreadyClosed = 10010
    case tooManyRequests = 10028
    case settlementInProgress = 10041
    case notOpenOrder = 11044
    case badRequest = 11050
    case systemMaintenance = 11051
    case invalidCredentials = 13004
    case unauthorized = 13009
    case rawSubscriptionsNotAvailableForUnauthorized = 13778
    case invalidParams = -32602
    case methodNotFound = -32601

    /// An answer about an order (rejected, not found) rather than a failure of the session.
    public var isBusinessOutcome: Bool {
        switch self {
        case .orderNotFound, .notEnoughFunds, .alreadyClosed, .notOpenOrder, .settlementInProgress: true
        default: false
        }
    }
}

extension DeribitTranslator {
    /// What an order response says about our order: acknowledged (or amended, for `private/edit`), rejected,
    /// cancelled, and a fill per trade it made at once.
    ///
    /// - Parameter isEdit: true for the result of `private/edit`.
    public static func reports(
        _ wire: DeribitOrderResponseWire,
        isEdit: Bool = false
    ) throws(DeribitParseError) -> [VenueReport] {
        var reports = try reports(order: wire.order, isEdit: isEdit)
        let orderID = try self.orderID(wire.order)
        for trade in wire.trades {
            reports.append(
                .fill(
                    VenueFill(
                        venue: .deribit,
                        tradeID: trade.tradeId,
                        orderID: orderID,
                        quantity: trade.amount.quantity,
                        price: trade.price.price
                    )
                )
            )
        }
        return reports
    }

    /// What an order's state says (the result of `private/cancel`, or a `user.orders.*` notification).
    public static func reports(order: DeribitOrderWire, isEdit: Bool = false) throws(DeribitParseError) -> [VenueReport]
    {
        let orderID = try self.orderID(order)
        guard let orderID else { return [] }
        let venueOrderID: VenueOrderID
        do {
            venueOrderID = try VenueOrderID(order.orderId)
        } catch {
            throw .inconsistent(what: "order id \(order.orderId)", reason: error.description)
        }
        switch order.orderState {
        case "open", "untriggered", "triggered", "filled":
            return [isEdit ? .amended(orderID: orderID) : .acknowledged(orderID: orderID, venueOrderID: venueOrderID)]
        case "cancelled":
            return [.cancelled(orderID: orderID, reason: order.cancelReason ?? "cancelled")]
        case "rejected":
            return [.rejected(orderID: orderID, reason: order.cancelReason ?? "rejected by deribit")]
        default:
            throw .inconsistent(what: "order \(order.orderId)", reason: "unknown order_state \(order.orderState)")
        }
    }

    /// Our order id is the `label` we sent; orders placed elsewhere (the web UI) have none.
    static func orderID(_ order: DeribitOrderWire) throws(DeribitParseError) -> OrderID? {
        guard let label = order.label, !label.isEmpty else { return nil }
        do {
            return try OrderID(label)
        } catch {
            throw .inconsistent(what: "label \(label)", reason: error.description)
        }
    }

    /// A JSON-RPC error as an operating error. Business outcomes (`isBusinessOutcome`) should become reports instead;
    /// this maps everything, for callers that have no order to report on.
    ///
    /// - Parameter now: When the error arrived; 10028 ends the session, so the retry time is a reconnect away.
    public static func venueError(_ error: DeribitRPCError, at now: UnixNanos) -> VenueError {
        switch DeribitErrorCode(rawValue: error.code) {
        case .tooManyRequests:
            return .rateLimited(venue: .deribit, retryAt: now + UnixNanos.nanosecondsPerSecond, message: error.message)
        case .invalidCredentials, .unauthorized:
            return .authenticationFailed(venue: .deribit, reason: "\(error.code) \(error.message)")
        default:
            return .venueError(venue: .deribit, code: error.code, message: error.message)
        }
    }

    /// One currency's account summary as a balance; amounts are in that currency.
    public static func balance(_ wire: DeribitAccountSummaryWire) throws(DeribitParseError) -> VenueBalance {
        let currency = try asset(wire.currency, of: "account currency")
        return VenueBalance(
            venue: .deribit,
            currency: currency,
            equity: Money(wire.equity.value, currency),
            available: Money(wire.availableFunds.value, currency),
            initialMargin: wire.initialMargin.map { Money($0.value, currency) },
            maintenanceMargin: wire.maintenanceMargin.map { Money($0.value, currency) }
        )
    }

    /// The rate limiter for an account from the limits Deribit reports for it (`get_account_summary` with
    /// `extended=true`): non-matching requests and matching-engine trading, each a bucket of `burst` requests
    /// refilled at `rate` per second.
    public static func rateLimiter(_ limits: DeribitRateLimitsWire) -> VenueRateLimiter {
        var rules = [
            RateRule(
                name: "deribit non-matching engine",
                classes: [.marketData, .account, .subscribe],
                limit: .tokenBucket(
                    capacity: limits.nonMatchingEngine.burst,
                    refillPerSecond: limits.nonMatchingEngine.rate
                )
            )
        ]
        if let trading = limits.matchingEngine.trading?.total {
            rules.append(
                RateRule(
                    name: "deribit matching engine",
                    classes: [.trading],
                    limit: .tokenBucket(capacity: trading.burst, refillPerSecond: trading.rate)
                )
            )
        }
        return VenueRateLimiter(venue: .deribit, rules: rules)
    }
}
