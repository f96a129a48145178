import LegateCore
public import LegateModel
import LegateSymbology
public import LegateVenues

/// `GET /v5/account/mmp-state`'s `result`: one item per base coin.
public struct BybitProtectionStateWire: Hashable, Sendable, Decodable {
    public struct Item: Hashable, Sendable, Decodable {
        public let baseCoin: String
        public let mmpEnabled: Bool
        public let window: BybitMillis
        public let frozenPeriod: BybitMillis
        public let qtyLimit: BybitNumber?
        public let deltaLimit: BybitNumber?
        /// Meaningful only while `mmpFrozen` (Bybit's docs say to ignore it otherwise).
        public let mmpFrozenUntil: BybitMillis?
        public let mmpFrozen: Bool
    }

    public let result: [Item]
}

extension BybitTranslator {
    /// Bybit's `cancelType` on an `order` push when market-maker protection pulled the order.
    static let protectionCancelType = "CancelByMmpTriggered"

    /// An option `order` push cancelled with `CancelByMmpTriggered` means MMP fired on its base coin. The push does not
    /// say for how long (`mmp-state` does), so the freeze is `.unknown`; `updatedTime` is when it fired.
    public static func marketMakerProtectionTrigger(
        _ wire: BybitOrderWire
    ) throws(BybitParseError) -> MarketMakerProtectionTrigger? {
        guard wire.cancelType == protectionCancelType else { return nil }
        let instrument = try instrument(wire.symbol, category: .option)
        return MarketMakerProtectionTrigger(
            venue: .bybit,
            underlying: instrument.underlying,
            triggeredAt: try instant(millis: wire.updatedTime.value, of: "updatedTime of \(wire.orderId)"),
            freeze: .unknown
        )
    }

    /// The venue-neutral state from `mmp-state` for `underlying`'s base coin; a coin without MMP enabled has none.
    public static func marketMakerProtectionState(
        _ wire: BybitProtectionStateWire,
        underlying: Underlying
    ) -> MarketMakerProtectionState {
        guard let item = wire.result.first(where: { $0.baseCoin == underlying.base.code }) else {
            return MarketMakerProtectionState(venue: .bybit, underlying: underlying, protection: nil, freeze: nil)
        }
        let millisecond: Int64 = 1_000_000
        let protection =
            item.mmpEnabled
            ? MarketMakerProtection(
                underlying: underlying,
                intervalNanos: item.window.value * millisecond,
                frozenNanos: item.frozenPeriod.value * millisecond,
                quantityLimit: item.qtyLimit?.value,
                deltaLimit: item.deltaLimit?.value
            ) : nil
        let freeze: MarketMakerProtectionFreeze? =
            item.mmpFrozen ? .endingAt(millis: item.mmpFrozenUntil?.value) : nil
        return MarketMakerProtectionState(
            venue: .bybit,
            underlying: underlying,
            protection: protection,
            freeze: freeze
        )
    }
}
