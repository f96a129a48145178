public import LegateModel
import LegateTransport
public import LegateVenues

// MARK: - Market-maker protection

extension DeribitSession {
    /// `private/set_mmp_config` for the underlying's index. From then on this session's resting limit orders on that
    /// index carry `mmp: true` (the venue only pulls quotes that do); a zero interval removes the protection and the
    /// flag. Triggers arrive as `marketMakerProtectionTriggered` events from the index's `user.mmp_trigger.{index}`
    /// channel, which the session subscribes (and restores on every connection).
    public func setMarketMakerProtection(_ protection: MarketMakerProtection) async throws(VenueError) {
        let call = try DeribitRequests.setMarketMakerProtection(protection)
        try requireCredentials(for: call)
        _ = try await invoke(call)
        let index = DeribitRequests.indexName(protection.underlying)
        // A group protects mass quotes only; the session's orders stay in the default group and keep their flag.
        guard protection.group == nil else {
            emit(.marketMakerProtectionSet(index: index, isOff: protection.isOff))
            return
        }
        guard !protection.isOff else {
            protectedIndexes.remove(index)
            emit(.marketMakerProtectionSet(index: index, isOff: true))
            return
        }
        protectedIndexes.insert(index)
        emit(.marketMakerProtectionSet(index: index, isOff: false))
        let channel = Self.triggerChannel(index)
        guard isReady, let number = connection?.number, !liveChannels.contains(channel) else { return }
        do throws(DeribitCallFailure) {
            try await subscribeNow([channel], isPrivate: true, connection: number)
        } catch {
            throw error.venueError(at: clock.now())
        }
    }

    /// The trigger channels of the protected indexes the configuration does not already subscribe.
    var protectionTriggerChannels: [String] {
        protectedIndexes.sorted().map(Self.triggerChannel).filter { !configuration.privateChannels.contains($0) }
    }

    static func triggerChannel(_ index: String) -> String { "user.mmp_trigger.\(index)" }

    /// `private/reset_mmp`: quoting on the index may resume.
    public func resetMarketMakerProtection(underlying: Underlying) async throws(VenueError) {
        try await resetMarketMakerProtection(underlying: underlying, group: nil)
    }

    /// `private/reset_mmp` for one MMP group (mass quotes) of the index, or the orders' default group when nil.
    public func resetMarketMakerProtection(underlying: Underlying, group: String?) async throws(VenueError) {
        let call = DeribitRequests.resetMarketMakerProtection(underlying, group: group)
        try requireCredentials(for: call)
        _ = try await invoke(call)
    }

    /// `private/get_mmp_config` and `private/get_mmp_status`: what Deribit holds for the index and whether MMP froze it.
    public func marketMakerProtectionState(
        underlying: Underlying
    ) async throws(VenueError) -> MarketMakerProtectionState {
        try await marketMakerProtectionState(underlying: underlying, group: nil)
    }

    /// The state of one MMP group (mass quotes) of the index, or of the orders' default group when nil.
    public func marketMakerProtectionState(
        underlying: Underlying,
        group: String?
    ) async throws(VenueError) -> MarketMakerProtectionState {
        let configCall = DeribitRequests.marketMakerProtectionConfig(underlying, group: group)
        try requireCredentials(for: configCall)
        let configs = try await result([DeribitMMPConfigWire].self, of: configCall)
        let statusCall = DeribitRequests.marketMakerProtectionStatus(underlying, group: group)
        let statuses = try await result([DeribitMMPTriggerWire].self, of: statusCall)
        return DeribitTranslator.marketMakerProtectionState(
            configs: configs,
            statuses: statuses,
            underlying: underlying,
            group: group
        )
    }
}
