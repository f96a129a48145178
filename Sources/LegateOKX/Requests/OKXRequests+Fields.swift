public import LegateCore
public import LegateModel

// MARK: - Fields

extension OKXRequests {
    /// A model quantity as OKX contracts: a whole number of lots, at least the minimum, divided exactly.
    public static func contracts(_ quantity: Quantity, spec: InstrumentSpec) throws(OKXRequestError) -> String {
        if let violation = spec.validate(size: quantity) { throw .size(symbol: spec.symbol, violation) }
        do {
            return try quantity.decimal.dividedExactly(by: spec.contractMultiplier).normalized.description
        } catch {
            throw .mismatch(what: "size \(quantity) of \(spec.symbol)", reason: error.description)
        }
    }

    /// Our order id as OKX's `clOrdId`: 1–32 ASCII letters and digits.
    static func clientOrderID(_ orderID: OrderID) throws(OKXRequestError) -> String {
        let text = orderID.rawValue
        guard (1...32).contains(text.utf8.count), text.utf8.allSatisfy(ASCIIClass.isAlphanumeric) else {
            throw .invalidClientOrderID(text)
        }
        return text
    }

    static func identify(
        _ orderID: OrderID,
        _ venueOrderID: VenueOrderID?,
        in body: inout OKXJSONObject
    ) throws(OKXRequestError) {
        if let venueOrderID {
            body.add("ordId", venueOrderID.rawValue)
        } else {
            body.add("clOrdId", try clientOrderID(orderID))
        }
    }

    /// The price key and text: `px` on the tick, or `pxUsd` / `pxVol` (options only), `new…` when amending.
    static func priceField(
        _ limit: LimitPrice,
        spec: InstrumentSpec,
        isAmend: Bool
    ) throws(OKXRequestError) -> (key: String, value: String) {
        let text = limit.value.normalized.description
        switch limit.unit {
        case .quote:
            if let violation = spec.validate(price: Price(limit.value)) {
                throw .price(symbol: spec.symbol, violation)
            }
            return (isAmend ? "newPx" : "px", text)
        case .usd, .impliedVolatility:
            guard spec.instrument.kind == .option else {
                throw .unsupported(
                    what: "a \(limit.unit) price on \(spec.symbol)",
                    reason: "OKX takes it for options only"
                )
            }
            guard limit.value.isPositive else {
                throw .outOfRange(what: "\(limit.unit) price", value: text, allowed: "positive values")
            }
            let key = limit.unit == .usd ? "pxUsd" : "pxVol"
            return (isAmend ? "new" + key.prefix(1).uppercased() + key.dropFirst() : key, text)
        }
    }

    /// OKX's `ordType` for the request's kind, time in force and post-only flag.
    ///
    /// A market order goes as `ioc` (or `fok`) limited at its protection price, never naked. Good-till-date goes as
    /// `limit`: OKX has no order expiry, and the engine expires the order itself.
    static func orderType(_ request: OrderRequest, isSpread: Bool, symbol: String) throws(OKXRequestError) -> String {
        let type: String
        if request.flags.postOnly {
            guard !request.timeInForce.isImmediate, case .limit = request.kind else {
                throw .unsupported(what: "post-only on \(symbol)", reason: "only for resting limit orders")
            }
            type = "post_only"
        } else {
            switch request.timeInForce {
            case .goodTillCancelled, .goodTillDate:
                if case .market = request.kind { type = "ioc" } else { type = "limit" }
            case .immediateOrCancel: type = "ioc"
            case .fillOrKill: type = "fok"
            }
        }
        if isSpread && type == "fok" {
            throw .unsupported(what: "fill-or-kill on spread \(symbol)", reason: "spreads take limit, post_only, ioc")
        }
        return type
    }

    /// `posSide` in long/short mode for FUTURES and SWAP: the side of the position the order opens or (reduce-only)
    /// closes. nil in net mode and for other instruments.
    static func positionSide(
        _ request: OrderRequest,
        spec: InstrumentSpec,
        options: OKXOrderOptions
    ) throws(OKXRequestError) -> String? {
        let kind = spec.instrument.kind
        if kind == .spot && request.flags.reduceOnly {
            throw .unsupported(what: "reduce-only on spot \(spec.symbol)", reason: "spot holds no position")
        }
        guard options.positionMode == .longShort, kind == .future || kind == .perpetual else { return nil }
        let opensLong = request.side == .buy
        return opensLong != request.flags.reduceOnly ? "long" : "short"
    }

    /// OKX counts order requests per instrument, and for options per instrument family (`BTC-USD`).
    static func rateKey(_ spec: InstrumentSpec) -> String {
        guard spec.instrument.kind == .option else { return spec.symbol }
        return "\(spec.instrument.underlying.base)-\(spec.instrument.underlying.quote)"
    }

    static func check(venue: Venue, spec: InstrumentSpec, what: String) throws(OKXRequestError) {
        guard venue == .okx, spec.venue == .okx else {
            throw .mismatch(what: what, reason: "for \(venue) with a \(spec.venue) spec, not okx")
        }
    }
}
