public import LegateCore
public import LegateModel
public import LegateVenues

// MARK: - Orders

extension DeribitRequests {
    /// Deribit's longest `label`, which carries our order id.
    static let maximumLabelLength = 64

    /// `private/buy` or `private/sell`. Our order id goes in `label`, so every report names it.
    ///
    /// A market order is sent as an immediate-or-cancel limit at its protection price (never naked); a good-till-date
    /// order rests as good-till-cancelled, because Deribit has no GTD and the engine expires it (`TimeInForce`).
    /// Prices in USD or implied volatility use Deribit's `advanced` (options only); an IV fraction goes out in percent.
    ///
    /// A resting limit order on an index in `protectedIndexes` carries `mmp: true`, so market-maker protection can
    /// pull it; immediate orders never do, because Deribit refuses MMP orders while frozen and a hedge must still go.
    public static func place(
        orderID: OrderID,
        request: OrderRequest,
        protectedIndexes: Set<String> = []
    ) throws(VenueError) -> DeribitCall {
        let name = try symbol(request.instrument)
        let label = try label(orderID)
        var fields: [DeribitRPCValue.Field] = [
            .init("instrument_name", .string(name)),
            .init("amount", .decimal(request.quantity.decimal)),
            .init("type", .string("limit")),
            .init("label", .string(label)),
        ]
        switch request.kind {
        case .limit(let limit):
            fields += try price(limit, instrument: request.instrument)
            fields.append(.init("time_in_force", .string(timeInForce(request.timeInForce))))
        case .market(let protection):
            fields.append(.init("price", .decimal(protection.decimal)))
            let immediate = request.timeInForce == .fillOrKill ? "fill_or_kill" : "immediate_or_cancel"
            fields.append(.init("time_in_force", .string(immediate)))
        }
        if request.flags.postOnly { fields.append(.init("post_only", .bool(true))) }
        if request.flags.reduceOnly { fields.append(.init("reduce_only", .bool(true))) }
        if isProtectedQuote(request, protectedIndexes) { fields.append(.init("mmp", .bool(true))) }
        let method = request.side == .buy ? "private/buy" : "private/sell"
        return DeribitCall(method, .object(fields), requestClass: .trading)
    }

    /// `private/edit` by the venue's id, or `private/edit_by_label` by ours (which needs the instrument's name).
    public static func amend(
        orderID: OrderID,
        venueOrderID: VenueOrderID?,
        instrument: Instrument?,
        quantity: Quantity,
        kind: OrderKind
    ) throws(VenueError) -> DeribitCall {
        guard case .limit(let limit) = kind else {
            throw .unsupported(venue: .deribit, operation: "amending an order into a market order")
        }
        var fields: [DeribitRPCValue.Field] = []
        let method: String
        if let venueOrderID {
            method = "private/edit"
            fields.append(.init("order_id", .string(venueOrderID.rawValue)))
        } else if let instrument {
            method = "private/edit_by_label"
            fields.append(.init("label", .string(try label(orderID))))
            fields.append(.init("instrument_name", .string(try symbol(instrument))))
        } else {
            throw .unsupported(venue: .deribit, operation: "amending \(orderID) without its venue id or instrument")
        }
        fields.append(.init("amount", .decimal(quantity.decimal)))
        if let instrument {
            fields += try price(limit, instrument: instrument)
        } else {
            guard limit.unit == .quote else {
                throw .unsupported(venue: .deribit, operation: "a \(limit.unit) price for an order of unknown kind")
            }
            fields.append(.init("price", .decimal(limit.value)))
        }
        return DeribitCall(method, .object(fields), requestClass: .trading)
    }

    /// `private/cancel` by the venue's id, or `private/cancel_by_label` by ours.
    public static func cancel(orderID: OrderID, venueOrderID: VenueOrderID?) throws(VenueError) -> DeribitCall {
        if let venueOrderID {
            return DeribitCall(
                "private/cancel",
                .object(["order_id": .string(venueOrderID.rawValue)]),
                requestClass: .trading
            )
        }
        return DeribitCall(
            "private/cancel_by_label",
            .object(["label": .string(try label(orderID))]),
            requestClass: .trading
        )
    }

    /// The cancel-all that covers exactly `scope`. Deribit's `future` kind holds both perpetuals and dated futures,
    /// and its currencies cut across underlyings (linear contracts sit under USDC), so those scopes would cancel more
    /// or less than asked: they are refused rather than approximated.
    public static func cancelAll(_ scope: CancelScope) throws(VenueError) -> DeribitCall {
        switch scope {
        case .all:
            return DeribitCall("private/cancel_all", requestClass: .trading)
        case .instrument(let instrument):
            return DeribitCall(
                "private/cancel_all_by_instrument",
                .object(["instrument_name": .string(try symbol(instrument))]),
                requestClass: .trading
            )
        case .kind(let kind):
            let deribitKind: String
            switch kind {
            case .option: deribitKind = "option"
            case .spot: deribitKind = "spot"
            case .combo: deribitKind = "combo"
            case .future, .perpetual:
                throw .unsupported(
                    venue: .deribit,
                    operation: "cancel-all of \(kind)s alone (Deribit's kind mixes both)"
                )
            }
            return DeribitCall(
                "private/cancel_all_by_kind_or_type",
                .object(["currency": .string("any"), "kind": .string(deribitKind)]),
                requestClass: .trading
            )
        case .underlying(let underlying):
            throw .unsupported(
                venue: .deribit,
                operation: "cancel-all by underlying \(underlying) (Deribit cancels by currency, which is not the same)"
            )
        }
    }

    // MARK: - Queries

    public static let openOrders = DeribitCall("private/get_open_orders", requestClass: .account)
    public static let positions = DeribitCall(
        "private/get_positions",
        .object(["currency": .string("any")]),
        requestClass: .account
    )
    public static let accountSummaries = DeribitCall(
        "private/get_account_summaries",
        .object(["extended": .bool(true)]),
        requestClass: .account
    )
    public static let instruments = DeribitCall(
        "public/get_instruments",
        .object(["currency": .string("any"), "expired": .bool(false)]),
        requestClass: .marketData
    )

    // MARK: - Pieces

    static func label(_ orderID: OrderID) throws(VenueError) -> String {
        guard orderID.rawValue.utf8.count <= maximumLabelLength else {
            throw .unsupported(venue: .deribit, operation: "order id \(orderID) longer than \(maximumLabelLength)")
        }
        return orderID.rawValue
    }

    static func price(_ limit: LimitPrice, instrument: Instrument) throws(VenueError) -> [DeribitRPCValue.Field] {
        switch limit.unit {
        case .quote:
            return [.init("price", .decimal(limit.value))]
        case .usd, .impliedVolatility:
            guard instrument.kind == .option else {
                throw .unsupported(venue: .deribit, operation: "a \(limit.unit) price on a \(instrument.kind)")
            }
            guard limit.unit == .impliedVolatility else {
                return [.init("price", .decimal(limit.value)), .init("advanced", .string("usd"))]
            }
            do {
                let percent = try limit.value.multipliedExactly(by: FixedDecimal(100))
                return [.init("price", .decimal(percent.normalized)), .init("advanced", .string("implv"))]
            } catch {
                throw .unsupported(venue: .deribit, operation: "implied volatility \(limit.value): \(error)")
            }
        }
    }

    static func isProtectedQuote(_ request: OrderRequest, _ protectedIndexes: Set<String>) -> Bool {
        protectedIndexes.contains(indexName(request.instrument.underlying))
            && MarketMakerProtection.isRestingQuote(request)
    }

    static func timeInForce(_ timeInForce: TimeInForce) -> String {
        switch timeInForce {
        case .goodTillCancelled, .goodTillDate: "good_til_cancelled"
        case .immediateOrCancel: "immediate_or_cancel"
        case .fillOrKill: "fill_or_kill"
        }
    }
}
