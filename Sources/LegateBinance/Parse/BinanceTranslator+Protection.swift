public import LegateCore
public import LegateModel
public import LegateVenues

/// `GET /eapi/v1/mmp` (and the `mmpSet` / `mmpReset` answers): one underlying's configuration and when MMP last fired.
public struct BinanceProtectionConfigWire: Hashable, Sendable, Decodable {
    public let underlyingId: Int64?
    public let underlying: String
    public let windowTimeInMilliseconds: BinanceMillis
    public let frozenTimeInMilliseconds: BinanceMillis
    public let qtyLimit: BinanceNumber?
    public let deltaLimit: BinanceNumber?
    /// Zero when MMP never fired.
    public let lastTriggerTime: BinanceMillis
}

extension BinanceTranslator {
    /// The venue-neutral state from `GET /eapi/v1/mmp` at `now`. Binance reports when MMP last fired, not whether it
    /// froze: a trigger within the frozen time is a freeze until its end; with a zero frozen time (until reset) the
    /// answer cannot tell whether a reset followed, so a past trigger reads as `.unknown`.
    public static func marketMakerProtectionState(
        _ wire: BinanceProtectionConfigWire,
        underlying: Underlying,
        now: UnixNanos
    ) throws(BinanceParseError) -> MarketMakerProtectionState {
        let millisecond: Int64 = 1_000_000
        let window = wire.windowTimeInMilliseconds.value
        let frozen = wire.frozenTimeInMilliseconds.value
        let protection =
            window == 0
            ? nil
            : MarketMakerProtection(
                underlying: underlying,
                intervalNanos: window * millisecond,
                frozenNanos: frozen * millisecond,
                quantityLimit: wire.qtyLimit?.value,
                deltaLimit: wire.deltaLimit?.value
            )
        let lastTrigger = wire.lastTriggerTime.value
        let triggeredAt =
            lastTrigger > 0 ? try instant(millis: lastTrigger, of: "lastTriggerTime of \(wire.underlying)") : nil
        return MarketMakerProtectionState(
            venue: .binance,
            underlying: underlying,
            protection: protection,
            freeze: try freeze(triggeredAt: triggeredAt, frozenMillis: frozen, now: now),
            lastTriggeredAt: triggeredAt
        )
    }

    static func freeze(
        triggeredAt: UnixNanos?,
        frozenMillis: Int64,
        now: UnixNanos
    ) throws(BinanceParseError) -> MarketMakerProtectionFreeze? {
        guard let triggeredAt else { return nil }
        guard frozenMillis > 0 else { return .unknown }
        let end = triggeredAt + (try instant(millis: frozenMillis, of: "frozenTimeInMilliseconds")).rawValue
        return end > now ? .until(end) : nil
    }

    /// The trigger a state reports, when MMP has fired there.
    public static func marketMakerProtectionTrigger(
        _ state: MarketMakerProtectionState
    ) -> MarketMakerProtectionTrigger? {
        guard let triggeredAt = state.lastTriggeredAt else { return nil }
        let freeze: MarketMakerProtectionFreeze =
            switch state.protection?.frozenNanos {
            case .some(0): .untilReset
            case .some(let frozen): .until(triggeredAt + frozen)
            case nil: .unknown
            }
        return MarketMakerProtectionTrigger(
            venue: .binance,
            underlying: state.underlying,
            triggeredAt: triggeredAt,
            freeze: freeze
        )
    }
}
