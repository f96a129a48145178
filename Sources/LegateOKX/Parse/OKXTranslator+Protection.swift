import LegateCore
public import LegateModel
import LegateVenues

/// An item of `GET /api/v5/account/mmp-config`: the family's configuration and whether MMP froze it.
/// `mmpFrozenUntil` is empty unless frozen with a non-zero `frozenInterval`.
public struct OKXProtectionConfigWire: Hashable, Sendable, Decodable {
    public let instFamily: String
    public let timeInterval: OKXInteger
    public let frozenInterval: OKXInteger
    public let qtyLimit: OKXDecimal?
    public let mmpFrozen: Bool
    public let mmpFrozenUntil: OKXInteger?
}

extension OKXTranslator {
    /// An `orders` push in state `mmp_canceled` means market-maker protection fired on the order's option family.
    /// OKX does not say for how long here (`mmp-config` does), so the freeze is `.unknown`; `uTime` is when it fired.
    public static func marketMakerProtectionTrigger(
        _ wire: OKXOrderWire
    ) throws(OKXParseError) -> MarketMakerProtectionTrigger? {
        guard wire.state == "mmp_canceled" else { return nil }
        let instrument = try instrument(named: wire.instId)
        return MarketMakerProtectionTrigger(
            venue: .okx,
            underlying: instrument.underlying,
            triggeredAt: try instant(wire.uTime, of: "uTime of \(wire.ordId)"),
            freeze: .unknown
        )
    }

    /// The venue-neutral state from `mmp-config`'s items for `underlying`'s family; no item (or a zero window)
    /// means no protection.
    public static func marketMakerProtectionState(
        _ items: [OKXProtectionConfigWire],
        underlying: Underlying
    ) throws(OKXParseError) -> MarketMakerProtectionState {
        let family = "\(underlying.base)-\(underlying.quote)"
        guard let item = items.first(where: { $0.instFamily == family }) else {
            return MarketMakerProtectionState(venue: .okx, underlying: underlying, protection: nil, freeze: nil)
        }
        let millisecond: Int64 = 1_000_000
        let protection =
            item.timeInterval.value == 0
            ? nil
            : MarketMakerProtection(
                underlying: underlying,
                intervalNanos: item.timeInterval.value * millisecond,
                frozenNanos: item.frozenInterval.value * millisecond,
                quantityLimit: item.qtyLimit?.value
            )
        let freeze: MarketMakerProtectionFreeze? =
            switch (item.mmpFrozen, item.mmpFrozenUntil) {
            case (false, _): nil
            case (true, let until?): .until(try instant(until, of: "mmpFrozenUntil of \(family)"))
            case (true, nil): item.frozenInterval.value == 0 ? .untilReset : .unknown
            }
        return MarketMakerProtectionState(venue: .okx, underlying: underlying, protection: protection, freeze: freeze)
    }
}
