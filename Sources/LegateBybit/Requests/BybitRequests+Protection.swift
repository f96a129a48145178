import LegateCore
public import LegateModel
import LegateVenues

// MARK: - Market-maker protection (options)

extension BybitRequests {
    /// `POST /v5/account/mmp-modify` for the underlying's base coin: `window` and `frozenPeriod` in milliseconds,
    /// `qtyLimit` and `deltaLimit`, all of which Bybit requires. Bybit has no vega limit or maximum quote quantity,
    /// and takes whole milliseconds: such a protection is refused rather than sent without what the desk asked for.
    public static func marketMakerProtection(
        _ protection: MarketMakerProtection
    ) throws(BybitRequestError) -> BybitRESTRequest {
        guard protection.group == nil else {
            throw .unsupported(what: "an MMP group", reason: "Bybit has one protection per underlying")
        }
        guard !protection.isOff else {
            throw .unsupported(
                what: "switching market-maker protection off",
                reason: "mmp-modify has no off; stop flagging orders instead"
            )
        }
        guard protection.vegaLimit == nil, protection.maximumQuoteQuantity == nil else {
            throw .unsupported(what: "an MMP vega limit or maximum quote quantity", reason: "not in mmp-modify")
        }
        let hundredth = FixedDecimal(units: 1, scale: 2)
        guard let quantity = protection.quantityLimit, let delta = protection.deltaLimit,
            quantity.isPositive, delta.isPositive
        else {
            throw .unsupported(what: "MMP without a positive qtyLimit and deltaLimit", reason: "Bybit requires both")
        }
        guard quantity.isMultiple(of: hundredth), delta.isMultiple(of: hundredth) else {
            throw .outOfRange(what: "MMP limits", value: "\(quantity), \(delta)", allowed: "at most 2 decimals")
        }
        var body = JSONObjectWriter()
        body.string("baseCoin", protection.underlying.base.code)
        body.string("window", try protectionMillis(protection.intervalNanos, "window"))
        body.string("frozenPeriod", try protectionMillis(protection.frozenNanos, "frozenPeriod"))
        body.string("qtyLimit", quantity.normalized.description)
        body.string("deltaLimit", delta.normalized.description)
        return BybitRESTRequest(method: "POST", path: "/v5/account/mmp-modify", payload: body.text)
    }

    /// `POST /v5/account/mmp-reset`: ends the freeze on the base coin's options.
    public static func resetMarketMakerProtection(_ underlying: Underlying) -> BybitRESTRequest {
        var body = JSONObjectWriter()
        body.string("baseCoin", underlying.base.code)
        return BybitRESTRequest(method: "POST", path: "/v5/account/mmp-reset", payload: body.text)
    }

    /// `GET /v5/account/mmp-state?baseCoin=…`: the coin's configuration and freeze.
    public static func marketMakerProtectionState(_ underlying: Underlying) -> BybitRESTRequest {
        BybitRESTRequest(method: "GET", path: "/v5/account/mmp-state", payload: "baseCoin=" + underlying.base.code)
    }

    /// Only options count toward Bybit's MMP, and only orders flagged `mmp`: resting option quotes on a protected coin.
    static func isProtectedQuote(_ request: OrderRequest, _ protectedBaseCoins: Set<String>) -> Bool {
        request.instrument.kind == .option && protectedBaseCoins.contains(request.instrument.underlying.base.code)
            && MarketMakerProtection.isRestingQuote(request)
    }

    static func protectionMillis(_ nanos: Int64, _ what: String) throws(BybitRequestError) -> String {
        guard let millis = MarketMakerProtection.wholeMilliseconds(nanos) else {
            throw .outOfRange(what: "MMP \(what)", value: "\(nanos) ns", allowed: "whole milliseconds")
        }
        return String(millis)
    }
}
