import LegateCore
public import LegateModel
import LegateVenues

// MARK: - Market-maker protection (options)

extension OKXRequests {
    /// OKX's option family for an underlying (`BTC-USD`): what MMP is configured and reset by.
    public static func instrumentFamily(_ underlying: Underlying) -> String {
        "\(underlying.base)-\(underlying.quote)"
    }

    /// `POST /api/v5/account/mmp-config`: `timeInterval` and `frozenInterval` in milliseconds (a zero freeze lasts
    /// until reset) and `qtyLimit` in contracts. OKX has no delta or vega limit and no maximum quote quantity, and
    /// takes whole milliseconds: such a protection is refused rather than sent without what the desk asked for.
    public static func marketMakerProtection(
        _ protection: MarketMakerProtection
    ) throws(OKXRequestError) -> OKXRESTRequest {
        guard protection.group == nil else {
            throw .unsupported(what: "an MMP group", reason: "OKX has one protection per underlying")
        }
        guard !protection.isOff else {
            throw .unsupported(what: "switching MMP off here", reason: "stop flagging orders `mmp` instead")
        }
        guard protection.deltaLimit == nil, protection.vegaLimit == nil, protection.maximumQuoteQuantity == nil else {
            throw .unsupported(
                what: "an MMP delta or vega limit or maximum quote quantity",
                reason: "not in mmp-config"
            )
        }
        guard let quantity = protection.quantityLimit, quantity.isPositive else {
            throw .unsupported(what: "MMP without a positive qtyLimit", reason: "OKX requires one, in contracts")
        }
        var body = OKXJSONObject()
        body.add("instFamily", instrumentFamily(protection.underlying))
        body.add("timeInterval", try protectionMillis(protection.intervalNanos, "timeInterval"))
        body.add("frozenInterval", try protectionMillis(protection.frozenNanos, "frozenInterval"))
        body.add("qtyLimit", quantity.normalized.description)
        return OKXRESTRequest(
            method: "POST",
            path: "/api/v5/account/mmp-config",
            body: body.json,
            requestClass: .account
        )
    }

    /// `POST /api/v5/account/mmp-reset`: ends the freeze on the family's options.
    public static func resetMarketMakerProtection(_ underlying: Underlying) -> OKXRESTRequest {
        var body = OKXJSONObject()
        body.add("instFamily", instrumentFamily(underlying))
        return OKXRESTRequest(
            method: "POST",
            path: "/api/v5/account/mmp-reset",
            body: body.json,
            requestClass: .account
        )
    }

    /// `GET /api/v5/account/mmp-config?instFamily=…`: the family's configuration and freeze.
    public static func marketMakerProtectionState(_ underlying: Underlying) -> OKXRESTRequest {
        OKXRESTRequest(
            method: "GET",
            path: "/api/v5/account/mmp-config?instFamily=" + instrumentFamily(underlying),
            body: "",
            requestClass: .account
        )
    }

    /// A resting option order on a protected family goes as `mmp` (or `mmp_and_post_only`), the order types MMP
    /// counts and pulls; immediate orders keep their type, because MMP orders are refused while frozen and a hedge
    /// must still go.
    static func protectedType(_ type: String, _ request: OrderRequest, _ protectedFamilies: Set<String>) -> String {
        guard request.instrument.kind == .option,
            protectedFamilies.contains(instrumentFamily(request.instrument.underlying))
        else { return type }
        switch type {
        case "limit": return "mmp"
        case "post_only": return "mmp_and_post_only"
        default: return type
        }
    }

    static func protectionMillis(_ nanos: Int64, _ what: String) throws(OKXRequestError) -> String {
        guard let millis = MarketMakerProtection.wholeMilliseconds(nanos) else {
            throw .outOfRange(what: "MMP \(what)", value: "\(nanos) ns", allowed: "whole milliseconds")
        }
        return String(millis)
    }
}
