import LegateCore
public import LegateModel
public import LegateVenues

// MARK: - Market-maker protection (options)

extension OKXSession {
    /// `mmp-config` for the underlying's option family (the account needs OKX's MMP permission); from then on this
    /// session's resting option orders on that family go as `mmp` / `mmp_and_post_only`, the types MMP pulls.
    ///
    /// `MarketMakerProtection.off` sends nothing: the session stops using the MMP order types, and orders of other
    /// types are outside MMP.
    public func setMarketMakerProtection(_ protection: MarketMakerProtection) async throws(VenueError) {
        let family = OKXRequests.instrumentFamily(protection.underlying)
        guard !protection.isOff else {
            protectedFamilies.remove(family)
            emit(.marketMakerProtectionSet(family: family, isOff: true))
            return
        }
        try requireCredentials("market-maker protection")
        let request: OKXRESTRequest
        do {
            request = try OKXRequests.marketMakerProtection(protection)
        } catch {
            throw .unsupported(venue: .okx, operation: error.description)
        }
        _ = try await items(request, OKXProtectionAnswer.self)
        protectedFamilies.insert(family)
        emit(.marketMakerProtectionSet(family: family, isOff: false))
    }

    /// `mmp-reset`: quoting on the family's options may resume.
    public func resetMarketMakerProtection(underlying: Underlying) async throws(VenueError) {
        try requireCredentials("resetting market-maker protection")
        _ = try await items(OKXRequests.resetMarketMakerProtection(underlying), OKXProtectionAnswer.self)
    }
}

extension OKXSession {
    /// `GET mmp-config` for the underlying's option family: what OKX holds and whether MMP froze it.
    public func marketMakerProtectionState(
        underlying: Underlying
    ) async throws(VenueError) -> MarketMakerProtectionState {
        try requireCredentials("querying market-maker protection")
        let request = OKXRequests.marketMakerProtectionState(underlying)
        let items = try await items(request, OKXProtectionConfigWire.self)
        do {
            return try OKXTranslator.marketMakerProtectionState(items, underlying: underlying)
        } catch {
            throw .malformedMessage(venue: .okx, what: "mmp-config", reason: error.description)
        }
    }

    /// Emits a trigger for an `mmp_canceled` push, once per sweep: OKX cancels every protected order of the family
    /// at the same `uTime`, and the desk needs one event, not one per quote.
    func noteProtectionTrigger(_ wire: OKXOrderWire) throws(OKXParseError) {
        guard let trigger = try OKXTranslator.marketMakerProtectionTrigger(wire),
            lastProtectionTriggers[trigger.underlying] != trigger.triggeredAt
        else { return }
        lastProtectionTriggers[trigger.underlying] = trigger.triggeredAt
        emit(.marketMakerProtectionTriggered(trigger))
    }
}

/// An item of the `mmp-config` or `mmp-reset` answer; only its success (the envelope's code) matters.
struct OKXProtectionAnswer: Decodable, Sendable {}
