import LegateCore
public import LegateModel
public import LegateVenues

// MARK: - Market-maker protection (options)

extension BinanceRequests {
    /// `POST /eapi/v1/mmpSet` for the underlying (`BTCUSDT`): `windowTimeInMilliseconds`, `frozenTimeInMilliseconds`
    /// (0: frozen until reset), `qtyLimit` and `deltaLimit`. Binance has no vega limit or maximum quote quantity, and
    /// takes whole milliseconds: such a protection is refused rather than sent without what the desk asked for.
    public static func marketMakerProtection(
        _ protection: MarketMakerProtection,
        credentials: VenueCredentials,
        timestampMillis: Int64,
        recvWindowMillis: Int64 = 5_000
    ) throws(BinanceRequestError) -> BinanceRESTRequest {
        guard protection.group == nil else {
            throw .unsupported(what: "an MMP group", reason: "Binance has one protection per underlying")
        }
        guard !protection.isOff else {
            throw .unsupported(what: "switching MMP off with mmpSet", reason: "stop flagging orders isMmp instead")
        }
        guard protection.vegaLimit == nil, protection.maximumQuoteQuantity == nil else {
            throw .unsupported(what: "an MMP vega limit or maximum quote quantity", reason: "not in mmpSet")
        }
        guard let quantity = protection.quantityLimit, let delta = protection.deltaLimit,
            quantity.isPositive, delta.isPositive
        else {
            throw .unsupported(what: "MMP without a positive qtyLimit and deltaLimit", reason: "mmpSet takes both")
        }
        let params = [
            ("underlying", underlying(protection.underlying)),
            ("windowTimeInMilliseconds", try protectionMillis(protection.intervalNanos, "window")),
            ("frozenTimeInMilliseconds", try protectionMillis(protection.frozenNanos, "frozen time")),
            ("qtyLimit", quantity.normalized.description),
            ("deltaLimit", delta.normalized.description),
        ]
        return signedRequest(
            "POST",
            "/eapi/v1/mmpSet",
            params,
            credentials: credentials,
            timestampMillis: timestampMillis,
            recvWindowMillis: recvWindowMillis
        )
    }

    /// `POST /eapi/v1/mmpReset`: ends the freeze on the underlying's options.
    public static func resetMarketMakerProtection(
        _ underlying: Underlying,
        credentials: VenueCredentials,
        timestampMillis: Int64,
        recvWindowMillis: Int64 = 5_000
    ) -> BinanceRESTRequest {
        signedRequest(
            "POST",
            "/eapi/v1/mmpReset",
            [("underlying", Self.underlying(underlying))],
            credentials: credentials,
            timestampMillis: timestampMillis,
            recvWindowMillis: recvWindowMillis
        )
    }

    /// `GET /eapi/v1/mmp`: the underlying's configuration and when MMP last fired.
    public static func marketMakerProtectionState(
        _ underlying: Underlying,
        credentials: VenueCredentials,
        timestampMillis: Int64,
        recvWindowMillis: Int64 = 5_000
    ) -> BinanceRESTRequest {
        signedRequest(
            "GET",
            "/eapi/v1/mmp",
            [("underlying", Self.underlying(underlying))],
            credentials: credentials,
            timestampMillis: timestampMillis,
            recvWindowMillis: recvWindowMillis
        )
    }

    static func underlying(_ underlying: Underlying) -> String { underlying.base.code + underlying.quote.code }

    /// A resting option order on a protected underlying is flagged `isMmp` (see `MarketMakerProtection.isRestingQuote`).
    static func isProtectedQuote(_ request: OrderRequest, _ protectedUnderlyings: Set<String>) -> Bool {
        protectedUnderlyings.contains(optionUnderlying(request.instrument))
            && MarketMakerProtection.isRestingQuote(request)
    }

    static func protectionMillis(_ nanos: Int64, _ what: String) throws(BinanceRequestError) -> String {
        guard let millis = MarketMakerProtection.wholeMilliseconds(nanos) else {
            throw .outOfRange(what: "MMP \(what)", value: "\(nanos) ns", allowed: "whole milliseconds")
        }
        return String(millis)
    }
}
