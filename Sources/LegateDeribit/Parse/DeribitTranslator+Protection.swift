import LegateCore
public import LegateModel
import LegateVenues

/// An item of `private/get_mmp_config`: the index's configuration, in seconds and the venue's own units.
public struct DeribitMMPConfigWire: Hashable, Sendable, Decodable {
    public let indexName: String
    public let mmpGroup: String?
    public let interval: Int64
    public let frozenTime: Int64
    public let quantityLimit: DeribitNumber?
    public let deltaLimit: DeribitNumber?
    public let vegaLimit: DeribitNumber?
    public let maxQuoteQuantity: DeribitNumber?
}

extension DeribitTranslator {
    /// `user.mmp_trigger.{index}` (or an item of `private/get_mmp_status`) as a venue-neutral trigger; Deribit does
    /// not say when it fired, and a `frozen_until` of 0 means until reset.
    public static func marketMakerProtectionTrigger(
        _ wire: DeribitMMPTriggerWire
    ) throws(DeribitParseError) -> MarketMakerProtectionTrigger {
        MarketMakerProtectionTrigger(
            venue: .deribit,
            underlying: try protectedUnderlying(wire.indexName),
            triggeredAt: nil,
            freeze: .endingAt(millis: wire.frozenUntil),
            group: wire.mmpGroup
        )
    }

    /// The venue-neutral state from `get_mmp_config` and `get_mmp_status` for `underlying` (and `group`).
    public static func marketMakerProtectionState(
        configs: [DeribitMMPConfigWire],
        statuses: [DeribitMMPTriggerWire],
        underlying: Underlying,
        group: String? = nil
    ) -> MarketMakerProtectionState {
        let index = DeribitRequests.indexName(underlying)
        let second = UnixNanos.nanosecondsPerSecond
        let protection = configs.first { $0.indexName == index && $0.mmpGroup == group && $0.interval > 0 }.map {
            MarketMakerProtection(
                underlying: underlying,
                intervalNanos: $0.interval * second,
                frozenNanos: $0.frozenTime * second,
                quantityLimit: $0.quantityLimit?.value,
                deltaLimit: $0.deltaLimit?.value,
                vegaLimit: $0.vegaLimit?.value,
                maximumQuoteQuantity: $0.maxQuoteQuantity?.value,
                group: $0.mmpGroup
            )
        }
        let status = statuses.first { $0.indexName == index && $0.mmpGroup == group }
        return MarketMakerProtectionState(
            venue: .deribit,
            underlying: underlying,
            protection: protection,
            freeze: status.map { .endingAt(millis: $0.frozenUntil) }
        )
    }

    static func protectedUnderlying(_ indexName: String) throws(DeribitParseError) -> Underlying {
        guard let underlying = DeribitRequests.underlying(indexName: indexName) else {
            throw .inconsistent(what: "MMP index \(indexName)", reason: "not a base_quote index name")
        }
        return underlying
    }
}
