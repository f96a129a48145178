public import LegateCore
public import LegateModel
public import LegateVenues

/// Which of our requests an answer belongs to: the same `sCode` means different things for each.
public enum OKXOperation: String, Hashable, Sendable, CaseIterable {
    case place
    case amend
    case cancel
}

// MARK: - Orders

extension OKXTranslator {
    /// What an order push (or a REST order) says about our order, in order: acknowledged (`live`,
    /// `partially_filled`, `filled`; repeats are harmless), a failed amendment, the fill it carries, cancelled.
    ///
    /// An order without a `clOrdId` (placed in the app, a liquidation, ADL) yields only its fill, with no order id,
    /// so the engine sees it (and quarantines it) rather than losing it. `amendResult` `0`/`2` add nothing: the
    /// answer to the amend request already reported `amended`.
    public static func reports(_ wire: OKXOrderWire, contracts: OKXContracts) throws(OKXParseError) -> [VenueReport] {
        let what = "order \(wire.ordId)"
        return try stateReports(
            orderID: try orderID(wire.clOrdId),
            venueOrderID: try venueOrderID(wire.ordId),
            state: wire.state,
            fill: try fill(wire, contracts: contracts),
            cancelReason: cancelReason(wire.state, source: wire.cancelSource, text: wire.cancelSourceReason),
            amendFailure: amendFailure(wire.amendResult, code: wire.code, message: wire.msg),
            of: what
        )
    }

    /// The fill an order push carries, if any; sizes in model units, the fee as charged (OKX's sign flipped).
    ///
    /// The channel's `fillFee` is this fill's fee; without it, the order's accumulated `fee` is used only when this
    /// fill is the order's first (`accFillSz == fillSz`), since otherwise it would count earlier fills again.
    /// OKX's `tradeId`/`fillSz` are the order's *last* fill and may repeat on a later push of the same order (an
    /// amend, a cancel); the translation keeps no state, and the engine books each trade id once.
    public static func fill(_ wire: OKXOrderWire, contracts: OKXContracts) throws(OKXParseError) -> VenueFill? {
        guard let tradeID = wire.tradeId?.nonEmpty, tradeID != "0", let size = wire.fillSz, size.value.isPositive,
            let price = wire.fillPx
        else { return nil }
        let what = "fill \(tradeID) of order \(wire.ordId)"
        let fee: Money?
        if let fillFee = wire.fillFee {
            fee = try charged(fillFee, currency: wire.fillFeeCcy?.nonEmpty ?? wire.feeCcy, of: what)
        } else if wire.accFillSz == size {
            fee = try charged(wire.fee, currency: wire.feeCcy, of: what)
        } else {
            fee = nil
        }
        return VenueFill(
            venue: .okx,
            tradeID: tradeID,
            orderID: try orderID(wire.clOrdId),
            quantity: try contracts.quantity(size, of: wire.instId),
            price: price.price,
            fee: fee,
            liquidity: liquidity(wire.execType)
        )
    }

    /// An option fill's vols, USD price and forward, when the push carries a fill of an option.
    public static func optionFillDetails(_ wire: OKXOrderWire) -> OKXOptionFillDetails? {
        guard wire.instType == "OPTION", let tradeID = wire.tradeId?.nonEmpty, tradeID != "0" else { return nil }
        return OKXOptionFillDetails(
            tradeID: tradeID,
            impliedVolatility: wire.fillPxVol?.value,
            priceUSD: wire.fillPxUsd?.price,
            markVolatility: wire.fillMarkVol?.value,
            forwardPrice: wire.fillFwdPx?.price,
            markPrice: wire.fillMarkPx?.price
        )
    }

    /// One of our fills from `trade/fills`.
    public static func fill(_ wire: OKXFillWire, contracts: OKXContracts) throws(OKXParseError) -> VenueFill {
        VenueFill(
            venue: .okx,
            tradeID: wire.tradeId,
            orderID: try orderID(wire.clOrdId),
            quantity: try contracts.quantity(wire.fillSz, of: wire.instId),
            price: wire.fillPx.price,
            fee: try charged(wire.fee, currency: wire.feeCcy, of: "fill \(wire.tradeId)"),
            liquidity: liquidity(wire.execType)
        )
    }

    /// An open order as the venue holds it, for reconciliation after a restart (`trade/orders-pending`).
    public static func openOrder(_ wire: OKXOrderWire, contracts: OKXContracts) throws(OKXParseError) -> VenueOpenOrder
    {
        VenueOpenOrder(
            venue: .okx,
            orderID: try orderID(wire.clOrdId),
            venueOrderID: try venueOrderID(wire.ordId),
            instrument: try instrument(named: wire.instId),
            side: try side(wire.side, of: "order \(wire.ordId)"),
            quantity: try contracts.quantity(wire.sz, of: wire.instId),
            filledQuantity: try wire.accFillSz.map { (size) throws(OKXParseError) in
                try contracts.quantity(size, of: wire.instId)
            } ?? .zero,
            price: wire.px?.price
        )
    }

    static func stateReports(
        orderID: OrderID?,
        venueOrderID: VenueOrderID,
        state: String,
        fill: VenueFill?,
        cancelReason: String,
        amendFailure: String?,
        of what: String
    ) throws(OKXParseError) -> [VenueReport] {
        var reports: [VenueReport] = []
        switch state {
        case "live", "partially_filled", "filled":
            if let orderID { reports.append(.acknowledged(orderID: orderID, venueOrderID: venueOrderID)) }
            if let orderID, let amendFailure { reports.append(.amendRejected(orderID: orderID, reason: amendFailure)) }
            if let fill { reports.append(.fill(fill)) }
        case "canceled", "mmp_canceled":
            if let orderID, let amendFailure { reports.append(.amendRejected(orderID: orderID, reason: amendFailure)) }
            if let fill { reports.append(.fill(fill)) }
            if let orderID { reports.append(.cancelled(orderID: orderID, reason: cancelReason)) }
        default:
            throw .inconsistent(what: what, reason: "unknown state \"\(state)\"")
        }
        return reports
    }

    static func cancelReason(_ state: String, source: String?, text: String?) -> String {
        if let text = text?.nonEmpty { return text }
        if let source = source?.nonEmpty { return "okx cancelSource \(source)" }
        return state == "mmp_canceled" ? "cancelled by market maker protection" : "cancelled"
    }

    static func amendFailure(_ result: String?, code: String?, message: String?) -> String? {
        switch result {
        case "-1": "amend failed: \(code ?? "") \(message ?? "")"
        case "1": "amended, then cancelled by okx: \(code ?? "") \(message ?? "")"
        default: nil
        }
    }
}

// MARK: - Answers to our requests

/// What the answer to a place, amend or cancel request amounts to.
public enum OKXAnswer: Hashable, Sendable {
    /// One report per order the request named (business outcomes, including rejects).
    case reports([VenueReport])
    /// The request as a whole was refused (rate limit, authentication, venue error): nothing happened to any order.
    case failed(VenueError)
}

extension OKXTranslator {
    /// The answer to a request for our orders.
    ///
    /// Items with their `sCode` become reports (`code` `"1"` or `"2"` say that some failed; each item says which).
    /// A non-zero `code` with no items refused the whole request and becomes a `VenueError`.
    public static func answer(
        _ response: OKXResponse<OKXOrderAckWire>,
        for operation: OKXOperation,
        orderID: OrderID? = nil,
        at now: UnixNanos
    ) throws(OKXParseError) -> OKXAnswer {
        guard !response.data.isEmpty else {
            guard !response.isSuccess else {
                throw .inconsistent(what: "\(operation.rawValue) answer", reason: "code 0 but no items")
            }
            return .failed(venueError(code: response.code, message: response.msg, at: now))
        }
        var reports: [VenueReport] = []
        for item in response.data {
            reports += try self.reports(ack: item, for: operation, orderID: response.data.count == 1 ? orderID : nil)
        }
        return .reports(reports)
    }

    /// One item of an answer: acknowledged, amended or cancelled when `sCode` is `"0"`, else the matching reject
    /// with OKX's code and message.
    ///
    /// - Parameter expected: The order the request was about, for an item that does not echo a `clOrdId`; when both
    ///   are present they must agree.
    public static func reports(
        ack: OKXOrderAckWire,
        for operation: OKXOperation,
        orderID expected: OrderID? = nil
    ) throws(OKXParseError) -> [VenueReport] {
        let echoed = try orderID(ack.clOrdId?.nonEmpty ?? ack.algoClOrdId)
        if let echoed, let expected, echoed != expected {
            throw .inconsistent(what: "\(operation.rawValue) answer", reason: "for \(echoed), expected \(expected)")
        }
        guard let orderID = echoed ?? expected else {
            throw .inconsistent(what: "\(operation.rawValue) answer", reason: "names no clOrdId")
        }
        guard ack.isSuccess else {
            let reason = "okx \(ack.sCode): \(ack.sMsg)"
            switch operation {
            case .place: return [.rejected(orderID: orderID, reason: reason)]
            case .amend: return [.amendRejected(orderID: orderID, reason: reason)]
            case .cancel: return [.cancelRejected(orderID: orderID, reason: reason)]
            }
        }
        switch operation {
        case .place:
            guard let ordId = ack.ordId?.nonEmpty ?? ack.algoId?.nonEmpty else {
                throw .inconsistent(what: "place answer for \(orderID)", reason: "accepted without an ordId")
            }
            return [.acknowledged(orderID: orderID, venueOrderID: try venueOrderID(ordId))]
        case .amend: return [.amended(orderID: orderID)]
        case .cancel: return [.cancelled(orderID: orderID, reason: "cancelled on request")]
        }
    }
}

// MARK: - Nitro spreads

extension OKXTranslator {
    /// What a spread order push says, as for single orders; sizes are in the spread's `szCcy`, so no spec is needed.
    public static func reports(_ wire: OKXSpreadOrderWire) throws(OKXParseError) -> [VenueReport] {
        let orderID = try orderID(wire.clOrdId)
        var fill: VenueFill?
        if let tradeID = wire.tradeId?.nonEmpty, let size = wire.fillSz, size.value.isPositive, let price = wire.fillPx
        {
            fill = VenueFill(
                venue: .okx,
                tradeID: tradeID,
                orderID: orderID,
                quantity: size.quantity,
                price: price.price
            )
        }
        return try stateReports(
            orderID: orderID,
            venueOrderID: try venueOrderID(wire.ordId),
            state: wire.state,
            fill: fill,
            cancelReason: cancelReason(wire.state, source: wire.cancelSource, text: nil),
            amendFailure: amendFailure(wire.amendResult, code: wire.code, message: wire.msg),
            of: "spread order \(wire.ordId)"
        )
    }

    /// One of our spread trades as a combo fill, with a leg fill per leg OKX lists; nil for a `rejected` trade
    /// (it settled on neither leg).
    public static func fill(
        _ wire: OKXSpreadTradeWire,
        contracts: OKXContracts
    ) throws(OKXParseError) -> VenueFill? {
        guard wire.state != "rejected" else { return nil }
        let what = "spread trade \(wire.tradeId)"
        var legs: [VenueLegFill]?
        if let wireLegs = wire.legs {
            var fills: [VenueLegFill] = []
            for leg in wireLegs {
                fills.append(
                    VenueLegFill(
                        instrument: try instrument(named: leg.instId),
                        side: try side(leg.side, of: "leg \(leg.instId) of \(what)"),
                        quantity: try contracts.quantity(leg.sz, of: leg.instId),
                        price: leg.px.price,
                        fee: try charged(leg.fee, currency: leg.feeCcy, of: "leg \(leg.instId) of \(what)")
                    )
                )
            }
            legs = fills
        }
        return VenueFill(
            venue: .okx,
            tradeID: wire.tradeId,
            orderID: try orderID(wire.clOrdId),
            quantity: wire.fillSz.quantity,
            price: wire.fillPx.price,
            fee: try charged(wire.fee, currency: wire.feeCcy, of: what),
            liquidity: liquidity(wire.execType),
            legs: legs
        )
    }
}
